"""What the HTML report shows, as plain data: the first of its two steps.

:func:`cx_audit.report.html.render.build_page` turns a :class:`~cx_audit.report.input.ReportInput` into a :class:`Page`
of frozen dataclasses holding finished strings (scores to one decimal, dates written
out, bands and their tones), so the templates in ``report_templates/`` only lay them
out. Nothing here knows about HTML; escaping is the template engine's job.

The page model is here, with the helpers both kinds of page share; the builders are in
:mod:`cx_audit.report.html.audit_page` (one audit, with or without a baseline) and
:mod:`cx_audit.report.html.program_page` (several audits). Building is linear in the number
of audits and items: a program of 1,000 audits is walked once, and holds aggregates
only (no per-site item detail).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cx_audit.files.branding import Branding
from cx_audit.model import Checklist, Item, TextEnum
from cx_audit.report.evidence import EvidenceView
from cx_audit.report.html import charts
from cx_audit.report.html.followup_view import FollowUpRow
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.rounding import shown
from cx_audit.wording import Delta, Tones, answer_text, long_date

if TYPE_CHECKING:
    from cx_audit.report.html.benchmark_view import BenchmarkView

TOP_ACTIONS = 5


# --- the page's parts -------------------------------------------------------------


@dataclass(frozen=True)
class Brand:
    firm: str
    accent: str
    accent_ink: str
    on_accent: str
    logo_uri: str


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class BandKey:
    label: str
    range: str
    tone: str


@dataclass(frozen=True)
class Headline:
    score: str
    band: str
    tone: str
    completeness: str
    completeness_width: str  # for the progress bar, e.g. "97.5%"
    figures: tuple[Fact, ...]  # small figures beside the score
    delta: Delta | None
    baseline: str  # the baseline's overall score, or ""
    gauge: str  # stroke-dasharray of the score ring
    cap_note: str = ""  # why critical failures lowered the band, or ""
    cap: str = ""  # the same, short: 'capped by 1 critical failure'


GAUGE_R = 52.0


def gauge(score: float | None) -> str:
    circumference = 2 * math.pi * GAUGE_R
    filled = circumference * (shown(score) if score is not None else 0.0) / 100.0
    return f"{filled:.1f} {circumference:.1f}"


@dataclass(frozen=True)
class SectionRow:
    number: int
    anchor: str
    title: str
    weight: str
    score: str
    band: str
    tone: str
    answered: str  # "5 of 6"
    baseline: str
    delta: Delta | None


@dataclass(frozen=True)
class ItemRef:
    id: str
    anchor: str
    text: str
    section: str
    answer: str


@dataclass(frozen=True)
class ItemView:
    id: str
    anchor: str
    text: str
    critical: bool
    status: str  # scored | na | unanswered | not_applicable | unscored
    status_label: str
    answer: str
    score: str
    verdict: str  # "Critical failure", "Below standard", "Partly met", "Met", "" (not scored)
    verdict_css: str
    points_lost: str
    note: str
    guidance: str
    recommendation: str  # only for failed items
    condition: str  # why a not-applicable item was not asked
    evidence: tuple[EvidenceView, ...] = ()  # files attached to the answer
    responses: str = ""  # several voices: "5 scored answers · mean 70.0 · range 25.0–100.0"
    voice_notes: tuple[Fact, ...] = ()  # respondents' notes, labelled by role only
    exception: str = ""  # the accepted exception: reason, approver, expiry (and whether it applies)


@dataclass(frozen=True)
class SectionView:
    row: SectionRow
    description: str
    items: tuple[ItemView, ...]
    summary: str  # "6 items · 2 below standard · 1 N/A"


@dataclass(frozen=True)
class ActionView:
    rank: int
    item_id: str
    anchor: str  # link target, or "" when the item is not on the page
    text: str
    section: str
    points: str
    recommendation: str
    critical: bool  # a critical failure (one audit) or a critical item (program)
    reach: str  # program: "failed at 3 of 12 audits"; "" for one audit
    horizon: str = ""  # now | next | later (scoring/roadmap.py)
    first: str = ""  # the recommendation's first sentence, for the summary's priority actions
    owner: str = ""  # tracked in the audit's `actions`, else ""
    due: str = ""
    status: str = ""  # Open | In progress | Done, when tracked
    accepted: bool = False  # its failure is an accepted exception (it stays in the plan, marked)


@dataclass(frozen=True)
class HorizonGroup:
    """One horizon of the roadmap: Now, Next 90 days or Later."""

    key: str  # now | next | later
    title: str
    intro: str
    actions: tuple[ActionView, ...]
    points: str  # the points its actions are worth together
    tracked: bool  # any action of the group has an owner, due date or status


@dataclass(frozen=True)
class AcceptedView:
    """A critical failure that a valid exception takes off the band cap."""

    ref: ItemRef
    reason: str
    approved_by: str
    expires: str


@dataclass(frozen=True)
class Summary:
    lead: tuple[str, ...]  # a few plain sentences
    strongest: tuple[SectionRow, ...]
    weakest: tuple[SectionRow, ...]
    critical: tuple[ItemRef, ...]
    actions: tuple[ActionView, ...]
    actions_gain: str  # points the top actions are worth together
    actions_phrase: str  # "these five actions are", "this action is"
    actions_total: str  # "40 in all", "one in all"
    accepted: tuple[AcceptedView, ...] = ()  # accepted exceptions, shown beside the critical failures


@dataclass(frozen=True)
class ChangeRow:
    id: str
    anchor: str
    text: str
    section: str
    baseline: str
    current: str
    delta: Delta


@dataclass(frozen=True)
class ComparisonView:
    baseline_facts: tuple[Fact, ...]
    baseline_name: str  # "the baseline audit of 13 August 2026"
    overall_baseline: str
    overall_current: str
    overall_delta: Delta | None
    regression: bool
    verdict: str
    improved: tuple[ChangeRow, ...]
    regressed: tuple[ChangeRow, ...]
    only_baseline: tuple[ItemRef, ...]
    only_current: tuple[ItemRef, ...]
    not_assessed: tuple[str, ...]
    new_critical: tuple[ItemRef, ...]
    resolved_critical: tuple[ItemRef, ...]
    followup: tuple[FollowUpRow, ...] = ()  # since the last visit; empty unless the baseline tracks actions
    improved_more: int = 0  # improved items beyond the ten shown
    regressed_more: int = 0
    followup_more: str = ""  # the tracked actions not listed, counted: "12 more: 5 improved, 7 unchanged"


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str


# --- the Voices part (built by voices.py) ---


@dataclass(frozen=True)
class RoleHead:
    role: str  # as shown: "Auditor", "Frontline"
    respondents: str  # "7 respondents"


@dataclass(frozen=True)
class VoiceRow:
    anchor: str
    title: str
    cells: tuple[Cell, ...]  # one per shown role
    gap: str  # the section's perception gap, or ""


@dataclass(frozen=True)
class GapView:
    anchor: str
    section: str
    gap: str
    highest_role: str
    highest: str
    lowest_role: str
    lowest: str
    width: str  # the gap as a share of the scale, for the bar: "42.5%"
    left: str  # where the bar starts: the lowest score, "30.0%"


@dataclass(frozen=True)
class DividedView:
    ref: ItemRef
    spread: str  # "5 answers · mean 70.0 · range 25.0–100.0"


@dataclass(frozen=True)
class VoicesView:
    lead: tuple[str, ...]
    roles: tuple[RoleHead, ...]
    rows: tuple[VoiceRow, ...]
    gaps: tuple[GapView, ...]
    divided: tuple[DividedView, ...]
    privacy: str


@dataclass(frozen=True)
class SiteRow:
    label: str
    detail: str  # the date, when labels repeat
    overall: Cell
    band: str
    cells: tuple[Cell, ...]
    critical: str
    cap: str = ""  # 'capped by 2 critical failures' when they lowered the band


@dataclass(frozen=True)
class SpreadView:
    number: int
    title: str
    mean: str
    tone: str
    band: str
    stdev: str
    min: str
    max: str
    audits: str
    inconsistent: bool


@dataclass(frozen=True)
class CriticalCount:
    ref: ItemRef
    audits: str  # "3 of 12 audits"


@dataclass(frozen=True)
class ProgramView:
    columns: tuple[SectionRow, ...]  # the sections, numbered, for the table heads
    sites: tuple[SiteRow, ...]
    overall: SpreadView
    spread: tuple[SpreadView, ...]
    spread_chart: charts.Spread
    inconsistent: tuple[SpreadView, ...]
    lowest: tuple[SiteRow, ...]
    highest: tuple[SiteRow, ...]
    critical: tuple[CriticalCount, ...]
    audits_with_critical: str


@dataclass(frozen=True)
class Part:
    number: int
    title: str
    label: str = ""  # "Part 3", or "Appendix A" for the parts after the body
    appendix: bool = False


APPENDIX = ("findings", "about")  # the parts after the body, in this order


def number_parts(*parts: tuple[str, str] | None) -> dict[str, Part]:
    """Key → numbered part, skipping the parts this page does not have.

    The body's parts are "Part 1", "Part 2"...; the appendix's (the findings item by
    item, about this report) "Appendix A", "Appendix B"...
    """
    present = [p for p in parts if p is not None]
    body = [p for p in present if p[0] not in APPENDIX]
    extra = [p for p in present if p[0] in APPENDIX]
    out = {key: Part(i, title, f"Part {i}") for i, (key, title) in enumerate(body, 1)}
    for k, (key, title) in enumerate(extra):
        out[key] = Part(len(body) + k + 1, title, f"Appendix {chr(ord('A') + k)}", appendix=True)
    return out


def first_sentence(text: str) -> str:
    """Up to the first full stop followed by a space: what to do, in brief."""
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def roadmap(actions: Sequence[ActionView], points: Sequence[float]) -> tuple[HorizonGroup, ...]:
    """The action plan in its three horizons, each left out when it has no action."""
    from cx_audit.scoring.roadmap import HORIZON_TITLES, Horizon
    from cx_audit.wording import num

    intros = {
        Horizon.now: "The critical failures: each on its own is enough to lose customers.",
        Horizon.next: "The further actions, in plan order, that with the ones above win back at least half of the points lost.",
        Horizon.later: "The rest of the plan, in order.",
    }
    groups = []
    for h in Horizon:
        chosen = [(a, p) for a, p in zip(actions, points, strict=True) if a.horizon == h.value]
        if not chosen:
            continue
        views = tuple(a for a, _ in chosen)
        tracked = any(a.owner or a.due or a.status for a in views)
        groups.append(HorizonGroup(h.value, HORIZON_TITLES[h], intros[h], views, num(math.fsum(p for _, p in chosen)), tracked))
    return tuple(groups)


class PageKind(TextEnum):
    audit = "audit"
    program = "program"


@dataclass(frozen=True)
class Page:
    kind: PageKind
    parts: dict[str, Part]  # key → number and title, in page order
    lang: str
    doc_title: str
    eyebrow: str
    h1: str
    subtitle: str
    brand: Brand
    facts: tuple[Fact, ...]
    headline: Headline
    summary: Summary
    chart: charts.Chart
    section_rows: tuple[SectionRow, ...]
    actions: tuple[ActionView, ...]
    sections: tuple[SectionView, ...]
    comparison: ComparisonView | None
    program: ProgramView | None
    bands: tuple[BandKey, ...]
    scale: tuple[Fact, ...]
    checklist_title: str
    checklist_description: str
    generator: str
    footer: str
    running_head: str = ""  # the printed pages' header: "client · checklist" (see running_head())
    voices: VoicesView | None = None  # one audit with respondents: the Voices part
    roadmap: tuple[HorizonGroup, ...] = ()  # the action plan in Now / Next 90 days / Later
    draft: str = ""  # below 100 % completeness: "Draft: 30 of 75 items answered"
    appendix: bool = True  # the findings item by item are on the page
    benchmark: BenchmarkView | None = None  # report --benchmark: "How you compare" (report/html/benchmark_view.py)


# --- building ---------------------------------------------------------------------


# --- shared by the builders ---------------------------------------------------------


def brand_of(b: Branding) -> Brand:
    return Brand(b.firm, b.accent, b.accent_ink, b.on_accent, b.logo_uri)


def band_keys(checklist: Checklist, tones: Tones) -> tuple[BandKey, ...]:
    ordered = sorted(checklist.bands, key=lambda b: -b.min)
    keys = []
    for i, b in enumerate(ordered):
        rng = f"{b.min:g} and above" if i == 0 else f"{b.min:g} to {ordered[i - 1].min - 0.1:.1f}"
        keys.append(BandKey(b.label, rng, tones(b.label)))
    return tuple(keys)


def scale_key(checklist: Checklist) -> tuple[Fact, ...]:
    s = checklist.scale
    return tuple(Fact(str(v), s.label(v)) for v in range(s.min, s.max + 1) if s.label(v))


def item_ref(item: Item, checklist: Checklist, result: AuditResult | None = None, linked: bool = True) -> ItemRef:
    section = checklist.section(item.section)
    answer = ""
    if result is not None:
        found = result.item(item.id)
        answer = answer_text(found) if found is not None else ""
    return ItemRef(item.id, f"item-{item.id}" if linked else "", item.text, section.title if section else "", answer)


def accepted_views(result: AuditResult, checklist: Checklist) -> tuple[AcceptedView, ...]:
    views = []
    for r in result.accepted_exceptions:
        assert r.exception is not None
        w = r.exception
        views.append(AcceptedView(item_ref(r.item, checklist, result), w.reason, w.approved_by, long_date(w.expires)))
    return tuple(views)


def strongest_weakest(
    rows: Sequence[SectionRow], scores: Sequence[float | None]
) -> tuple[tuple[SectionRow, ...], tuple[SectionRow, ...]]:
    assessed = [(sc, k) for k, sc in enumerate(scores) if sc is not None]
    if not assessed:
        return (), ()
    take = max(1, min(2, len(assessed) // 2))
    best = sorted(assessed, key=lambda p: (-shown(p[0]), p[1]))[:take]
    worst = sorted(assessed, key=lambda p: (shown(p[0]), p[1]))[:take]
    if len(assessed) == 1:
        worst = []
    return tuple(rows[k] for _, k in best), tuple(rows[k] for _, k in worst)


def checklist_fact(c: Checklist) -> Fact:
    return Fact("Checklist", f"{c.title}, version {c.version}")


def profile_facts(c: Checklist) -> tuple[Fact, ...]:
    """The sector profile on the cover, when the audits use one."""
    return (Fact("Profile", c.profile.title),) if c.profile is not None else ()
