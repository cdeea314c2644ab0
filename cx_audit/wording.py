"""How things read to a person: numbers, counts, dates, changes, conditions, item types,
what an item accepts, and item statuses.

Pure functions of values, shared by the reports, the questionnaire, the interview and
`checklists show`; nothing here knows about HTML, Excel or terminals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cx_audit.metric_formulas import SMALL_SAMPLE
from cx_audit.model import (
    AllOf,
    AnyOf,
    Band,
    Checklist,
    Condition,
    ConditionOp,
    Item,
    ItemType,
    Leaf,
    Metric,
    MetricKind,
    Not,
    ThresholdKind,
    format_number,
)
from cx_audit.rounding import delta, shown_text
from cx_audit.scoring.audit import AuditResult, ItemResult, Status
from cx_audit.scoring.compare import Comparison

if TYPE_CHECKING:  # only read: `score` need not import the comparison and trend modules
    from cx_audit.scoring.compare import Comparison
    from cx_audit.scoring.trend import Trend

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December")  # fmt: skip


# --- small values -----------------------------------------------------------------


num = shown_text


def count(n: int) -> str:
    return f"{n:,}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{count(n)} {one if n == 1 else (many or one + 's')}"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def top_phrase(n: int) -> str:
    return "this action is" if n == 1 else f"these {spelled(n, 'action')} are"


def spelled(n: int, one: str, many: str | None = None) -> str:
    """'one critical failure', 'three items', '12 items': words for small counts, as in prose."""
    amount = NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else count(n)
    return f"{amount} {one if n == 1 else (many or one + 's')}"


def cap_reason(r: AuditResult) -> str:
    """Why the band is lower than the score earns ('capped by 2 critical failures'); '' when it is not."""
    return f"capped by {plural(len(r.critical_failures), 'critical failure')}" if r.capped else ""


def cap_note(r: AuditResult) -> str:
    """The cover's line under the band: 'Capped by 2 critical failures; the score alone earns Leading.'"""
    reason = cap_reason(r)
    return f"{reason[0].upper()}{reason[1:]}; the score alone earns {r.band_by_score}." if reason else ""


def regression_reason(c: Comparison) -> str:
    """Why a comparison is a regression ('the overall fell', 'new critical failure A1 (...)'); '' when it is not."""
    reasons = ["the overall fell"] if c.overall_fell else []
    if c.new_critical:
        ids = ", ".join(i.id for i in c.new_critical)
        reasons.append(f"new critical failure{'s' if len(c.new_critical) > 1 else ''} {ids}")
    text = " and ".join(reasons)
    change = delta(c.current.overall, c.baseline.overall)
    if c.new_critical and change is not None and change > 0:
        text += ", though the overall rose"
    return text


def threshold_ranges(item: Item) -> list[str]:
    """A number item's thresholds as a person writes them: 'up to 4 → 100%', 'over 4 to 24 → 50%', 'over 24 → 0%'.

    Beyond the last bound the score is 0; a last threshold that scores 0 already says so,
    so its bound is not shown ('over 60 → 0%', not 'over 60 to 100000 → 0%').
    """
    steps = list(item.thresholds)
    if not steps:
        return []
    pct = [f"{100 * t.score:g}%" for t in steps]
    b = [format_number(t.bound) for t in steps]
    lower_is_better = item.threshold_kind is ThresholdKind.max
    last_zero = steps[-1].score == 0 and len(steps) > 1
    out: list[str] = []
    for k in range(len(steps) - (1 if last_zero else 0)):
        if lower_is_better:
            out.append(f"up to {b[0]} → {pct[0]}" if k == 0 else f"over {b[k - 1]} to {b[k]} → {pct[k]}")
        else:
            out.append(f"{b[0]} or more → {pct[0]}" if k == 0 else f"{b[k]} to under {b[k - 1]} → {pct[k]}")
    edge = b[-2] if last_zero else b[-1]
    out.append(f"over {edge} → 0%" if lower_is_better else f"under {edge} → 0%")
    return out


def rating_words(item: Item, value: int) -> str:
    """A rating as the interview confirms it: '3 · Managed', '2 · between 1 Poor and 3 Fair', '7 on the scale 0 to 10'."""
    scale = item.scale
    if scale is None:
        return str(value)
    label = scale.label(value)
    if label:
        return f"{value} · {label}"
    below = [k for k in scale.labels if k < value]
    above = [k for k in scale.labels if k > value]
    if below and above:
        lo, hi = max(below), min(above)
        return f"{value} · between {lo} {scale.labels[lo]} and {hi} {scale.labels[hi]}"
    return f"{value} on the scale {scale.min} to {scale.max}"


def critical_failure_words(item: Item, checklist: Checklist) -> str:
    """What the interview says after saving an answer that fails a critical item."""
    from cx_audit.scoring.bands import cap_band

    return f"{item.id} is a critical failure: the band of the audit is capped at {cap_band(checklist).label}, whatever its score"


def hidden_roles_sentence(n: int, min_group: int) -> str:
    """The reports' sentence on roles under the privacy minimum, agreeing with its number."""
    if n == 1:
        return (
            f"1 smaller role (fewer than {spelled(min_group, 'respondent')}) counts in every score but is not shown on its own."
        )
    return (
        f"{plural(n, 'smaller role')} (each with fewer than {spelled(min_group, 'respondent')}) "
        "count in every score but are not shown on their own."
    )


def hidden_role_warning(role: str, respondents: int, min_group: int) -> str:
    """What `import --into` says of a role under the privacy minimum."""
    return f"{role}: {plural(respondents, 'respondent')}, fewer than {min_group}: counted in every score, not shown on its own"


def band_words(r: AuditResult, none: str = "not assessed") -> str:
    """The audit's band as every output shows it: 'At risk — capped by 2 critical failures'."""
    band = r.band or none
    reason = cap_reason(r)
    return f"{band} — {reason}" if reason else band


ACCEPTED = "accepted"  # how the action plan marks an item whose failure is an accepted exception


def exception_words(r: ItemResult) -> str:
    """'Approved by Helen Marsh, expires 2027-05-31' (the reason is shown beside it)."""
    w = r.exception
    if w is None:
        return ""
    state = "expires" if r.exception_valid else "expired"
    return f"Approved by {w.approved_by}, {state} {w.expires.isoformat()}"


def accepted_note(r: AuditResult) -> str:
    """'1 critical failure is an accepted exception and does not cap the band.' ('' when none)."""
    n = len(r.accepted_exceptions)
    if not n:
        return ""
    verb = "is an accepted exception and does" if n == 1 else "are accepted exceptions and do"
    said = spelled(n, "critical failure")
    return f"{said[0].upper()}{said[1:]} {verb} not cap the band."


NOT_COMPARABLE = "not comparable"


def edition_lines(c: Comparison) -> list[tuple[str, str]]:
    """What a comparison across two versions says besides the deltas, as (title, text) pairs:
    the version note, items and sections not comparable, renamed items."""
    if c.edition is None:
        return []
    lines = [("Checklist versions", f"{c.note}: scores compared as displayed")]
    if c.not_comparable:
        text = ", ".join(f"{n.item.id} ({n.why})" for n in c.not_comparable)
        lines.append((f"Items {NOT_COMPARABLE}", text))
    if c.sections_not_comparable:
        lines.append((f"Sections {NOT_COMPARABLE}", ", ".join(s.id for s in c.sections_not_comparable)))
    if c.renamed:
        lines.append(("Renamed", ", ".join(f"{old} → {new}" for new, old in c.renamed.items())))
    return lines


def trend_note(trend: Trend) -> str:
    """One line per earlier version among the visits ('' within one version):
    'checklist 1.0.0 → 2.0.0: scores compared as displayed; not comparable: removed ES1, VC7; changed CX4'."""
    lines = []
    for e in trend.editions:
        apart = []
        if e.edition.removed:
            apart.append("removed " + ", ".join(e.edition.removed))
        if e.edition.changed:
            apart.append("changed " + ", ".join(e.edition.changed))
        gone = [s.id for s in trend.not_comparable_sections() if s.id in e.old_sections]
        if gone:
            apart.append(("section " if len(gone) == 1 else "sections ") + ", ".join(gone))
        tail = f"; {NOT_COMPARABLE}: " + "; ".join(apart) if apart else ""
        lines.append(f"{e.note}: scores compared as displayed{tail}")
    return "\n".join(lines)


def profile_words(checklist: Checklist, before: str = "") -> str:
    """'Profile: Hospitality and leisure' after ``before``, or '' without a profile."""
    return f"{before}Profile: {checklist.profile.title}" if checklist.profile is not None else ""


def long_date(day: object) -> str:
    if not isinstance(day, dt.date):
        return "no date"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def join_words(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class Delta:
    text: str  # "+6.2", "−3.1", "0.0"
    words: str  # "up 6.2 points"
    css: str  # "up" | "down" | "flat"
    arrow: str  # ▲ ▼ or =


def make_delta(current: float | None, baseline: float | None) -> Delta | None:
    d = delta(current, baseline)
    if d is None:
        return None
    if d > 0:
        return Delta(f"+{d:.1f}", f"up {d:.1f} points", "up", "▲")
    if d < 0:
        return Delta(f"−{-d:.1f}", f"down {-d:.1f} points", "down", "▼")
    return Delta("0.0", "unchanged", "flat", "=")


class Tones:
    """Band label → a tone class (tone-1 best … tone-4 worst), whatever the checklist's bands."""

    def __init__(self, bands: tuple[Band, ...]) -> None:
        ordered = sorted(bands, key=lambda b: -b.min)
        n = len(ordered)
        self._tones = {b.label: f"tone-{1 + (round(3 * i / (n - 1)) if n > 1 else 0)}" for i, b in enumerate(ordered)}

    def __call__(self, band: str | None) -> str:
        return "tone-none" if band is None else self._tones.get(band, "tone-none")


def condition_text(cond: Condition, checklist: Checklist) -> str:
    """A `when` condition in words: 'CX2 is Yes', 'CP2 is Every week or Every month'."""
    if isinstance(cond, Leaf):
        item = checklist.item(cond.item)

        def value(v: object) -> str:
            return item.describe_value(v) if item is not None else str(v)

        if cond.op is ConditionOp.is_:
            return f"{cond.item} is {value(cond.value)}"
        if cond.op is ConditionOp.in_:
            return f"{cond.item} is {' or '.join(value(v) for v in cond.value)}"
        if cond.op is ConditionOp.min:
            return f"{cond.item} is at least {value(cond.value)}"
        return f"{cond.item} is at most {value(cond.value)}"
    if isinstance(cond, Not):
        return f"not ({condition_text(cond.condition, checklist)})"
    joiner = " and " if isinstance(cond, AllOf) else " or "
    assert isinstance(cond, (AllOf, AnyOf))
    return "(" + joiner.join(condition_text(c, checklist) for c in cond.conditions) + ")"


# --- items ----------------------------------------------------------------------


def type_name(item: Item) -> str:
    """An item's type in a word or two: 'Rating 0–4', 'Yes/No', 'Choice', 'Number (hours)', 'Text'."""
    if item.type is ItemType.rating and item.scale is not None:
        return f"Rating {item.scale.min}–{item.scale.max}"
    if item.type is ItemType.number:
        detail = [METRIC_NAMES[item.metric]] if item.metric is not None else []
        detail += [item.unit] if item.unit else []
        return f"Number ({', '.join(detail)})" if detail else "Number"
    names = {ItemType.yesno: "Yes/No", ItemType.choice: "Choice", ItemType.text: "Text"}
    return names.get(item.type, str(item.type.value))


def accepts(item: Item) -> str:
    """What an item accepts as an answer, to finish a sentence: 'yes or no', 'a number in hours'."""
    if item.type is ItemType.rating:
        assert item.scale is not None
        return f"a whole number from {item.scale.min} to {item.scale.max}"
    if item.type is ItemType.yesno:
        return "yes or no"
    if item.type is ItemType.choice:
        return "one of " + ", ".join(o.id for o in item.options)
    if item.type is ItemType.number:
        return f"a number{(' in ' + item.unit) if item.unit else ''}"
    return "text"


# What became of an item, in the report (long) and in a spreadsheet cell (short).
STATUS_LABELS = {
    Status.scored: "Scored",
    Status.na: "N/A — not counted",
    Status.unanswered: "Not answered",
    Status.not_applicable: "Not applicable",
    Status.unscored: "Recorded, not scored",
}
STATUS_SHORT = {
    Status.scored: "Scored",
    Status.na: "N/A",
    Status.unanswered: "Unanswered",
    Status.not_applicable: "Not applicable",
    Status.unscored: "Not scored (text)",
}


def answer_text(r: ItemResult) -> str:
    if r.answer is None or r.answer.value is None or r.answer.na:
        return ""
    if r.answer.metric is not None:
        return metric_text(r.answer.metric, r.answer.value)
    return r.item.describe_value(r.answer.value)


# --- customer metrics -------------------------------------------------------------

METRIC_NAMES = {MetricKind.nps: "NPS", MetricKind.csat: "CSAT", MetricKind.ces: "CES", MetricKind.share: "Share"}


def metric_results(results: Sequence[ItemResult]) -> list[tuple[ItemResult, str]]:
    """The items whose answer is a customer metric, each with how it reads."""
    out = []
    for r in results:
        a = r.answer
        if a is not None and a.metric is not None and not a.na and a.value is not None:
            out.append((r, metric_text(a.metric, a.value)))
    return out


def small_sample(n: int) -> str:
    """'small sample (n = 12)' under 30 answers, else ''."""
    return f"small sample (n = {n:,})" if n < SMALL_SAMPLE else ""


def metric_text(metric: Metric, value: float) -> str:
    """`NPS 30.0 (n = 100, 95% CI 14.1 to 44.2)`, then `· small sample (n = 12)` where it applies."""
    low, high = metric.ci95
    text = f"{METRIC_NAMES[metric.kind]} {num(value)} (n = {metric.n:,}, 95% CI {num(low)} to {num(high)})"
    small = small_sample(metric.n)
    return f"{text} · {small}" if small else text


# --- headings every output shares ----------------------------------------------------

#: The title of a one-audit report (the HTML report's eyebrow, the workbook's Summary).
AUDIT_REPORT_TITLE = "Customer experience audit"
#: The title of the trend page and the trend workbook.
TREND_TITLE = "Customer experience over time"
#: The action plan when no item lost points (the `actions list` table, the Actions sheet).
NOTHING_TO_DO = "No item lost points: there is nothing to do."
#: A comparison's heading for the baseline's action plan, followed up.
SINCE_LAST_VISIT = "Since the last visit"
#: The columns of a comparison's section table (table and Markdown).
SECTION_CHANGE_COLUMNS = ("Section", "Baseline", "Current", "Δ")
#: The lists of a comparison, in the order every output gives them.
NEW_CRITICAL = "New critical failures"
RESOLVED_CRITICAL = "Resolved critical failures"
ONLY_IN_BASELINE = "Scored only in the baseline"
ONLY_IN_CURRENT = "Scored only in the current audit"
NO_LONGER_ASSESSED = "Sections no longer assessed"


def trend_title(clients: Sequence[str]) -> str:
    """`Customer experience over time — Acme Ltd` when every series is of one client."""
    return f"{TREND_TITLE} — {clients[0]}" if len(clients) == 1 else TREND_TITLE


def comparison_label(r: AuditResult) -> str:
    """An audit in a comparison: its file and date (both audits often share a site)."""
    name = r.audit.path.name if r.audit.path else r.audit.label
    return f"{name} ({r.audit.date.isoformat()})" if r.audit.date else name
