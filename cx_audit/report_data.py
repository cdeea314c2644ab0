"""What the HTML report shows, as plain data: the first of its two steps.

:func:`build_page` turns a :class:`~cx_audit.reporting.ReportInput` into a :class:`Page`
of frozen dataclasses holding finished strings (scores to one decimal, dates written
out, bands and their tones), so the templates in ``report_templates/`` only lay them
out. Nothing here knows about HTML; escaping is the template engine's job.

Building is linear in the number of audits and items: a program of 1,000 audits is
walked once, and holds aggregates only (no per-site item detail).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cx_audit import __version__, charts
from cx_audit.branding import Branding
from cx_audit.model import AllOf, AnyOf, Band, Checklist, Condition, Item, Leaf, Not
from cx_audit.reporting import ReportInput
from cx_audit.scoring import (
    EPS,
    NA,
    NOT_APPLICABLE,
    SCORED,
    UNANSWERED,
    UNSCORED,
    AuditResult,
    Comparison,
    ItemResult,
    ProgramResult,
    SectionResult,
    Stats,
    band_for,
    delta,
    shown,
)

TOP_ACTIONS = 5
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December")  # fmt: skip


# --- small values -----------------------------------------------------------------


def num(value: float | None) -> str:
    """A score as the report shows it: one decimal, half-up; a dash when there is none."""
    return "—" if value is None else f"{shown(value):.1f}"


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


def long_date(day: object) -> str:
    import datetime as dt

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


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str


@dataclass(frozen=True)
class SiteRow:
    label: str
    detail: str  # the date, when labels repeat
    overall: Cell
    band: str
    cells: tuple[Cell, ...]
    critical: str


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


def number_parts(*parts: tuple[str, str] | None) -> dict[str, Part]:
    """Key → numbered part, skipping the parts this page does not have."""
    present = [p for p in parts if p is not None]
    return {key: Part(i, title) for i, (key, title) in enumerate(present, 1)}


@dataclass(frozen=True)
class Page:
    kind: str  # "audit" | "program"
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


# --- building ---------------------------------------------------------------------


def build_page(inp: ReportInput, branding: Branding | None = None) -> Page:
    brand = branding or Branding()
    if inp.program is not None:
        return _ProgramPage(inp.program, brand).build()
    return _AuditPage(inp.main, inp.comparison, brand).build()


def _brand(b: Branding) -> Brand:
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


def condition_text(cond: Condition, checklist: Checklist) -> str:
    """A `when` condition in words: 'CX2 is Yes', 'CP2 is Every week or Every month'."""
    if isinstance(cond, Leaf):
        item = checklist.item(cond.item)

        def value(v: object) -> str:
            return item.describe_value(v) if item is not None else str(v)

        if cond.op == "is":
            return f"{cond.item} is {value(cond.value)}"
        if cond.op == "in":
            return f"{cond.item} is {' or '.join(value(v) for v in cond.value)}"
        if cond.op == "min":
            return f"{cond.item} is at least {value(cond.value)}"
        return f"{cond.item} is at most {value(cond.value)}"
    if isinstance(cond, Not):
        return f"not ({condition_text(cond.condition, checklist)})"
    joiner = " and " if isinstance(cond, AllOf) else " or "
    assert isinstance(cond, (AllOf, AnyOf))
    return "(" + joiner.join(condition_text(c, checklist) for c in cond.conditions) + ")"


def answer_text(r: ItemResult) -> str:
    if r.answer is None or r.answer.value is None or r.answer.na:
        return ""
    return r.item.describe_value(r.answer.value)


STATUS_LABELS = {
    SCORED: "Scored",
    NA: "N/A — not counted",
    UNANSWERED: "Not answered",
    NOT_APPLICABLE: "Not applicable",
    UNSCORED: "Recorded, not scored",
}


def item_view(r: ItemResult, checklist: Checklist) -> ItemView:
    item = r.item
    verdict, css = "", "none"
    if r.s is not None:
        if r.critical_failure:
            verdict, css = "Critical failure", "critical"
        elif r.failed:
            verdict, css = "Below standard", "fail"
        elif r.s < 1.0:
            verdict, css = "Partly met", "partial"
        else:
            verdict, css = "Met in full", "met"
    condition = ""
    if r.status == NOT_APPLICABLE and item.when is not None:
        condition = f"Asked only when {condition_text(item.when, checklist)}."
    return ItemView(
        id=item.id,
        anchor=f"item-{item.id}",
        text=item.text,
        critical=item.critical,
        status=r.status,
        status_label=STATUS_LABELS[r.status],
        answer=answer_text(r),
        score=num(100.0 * r.s) if r.s is not None else "",
        verdict=verdict,
        verdict_css=css,
        points_lost=num(r.points_lost) if r.points_lost is not None and r.points_lost > EPS else "",
        note=r.answer.note if r.answer is not None else "",
        guidance=item.guidance,
        recommendation=item.recommendation if r.failed else "",
        condition=condition,
    )


def item_ref(item: Item, checklist: Checklist, result: AuditResult | None = None, linked: bool = True) -> ItemRef:
    section = checklist.section(item.section)
    answer = ""
    if result is not None:
        found = result.item(item.id)
        answer = answer_text(found) if found is not None else ""
    return ItemRef(item.id, f"item-{item.id}" if linked else "", item.text, section.title if section else "", answer)


def section_summary(s: SectionResult) -> str:
    parts = [plural(s.applicable, "applicable item")]
    failed = sum(1 for r in s.items if r.failed)
    na = sum(1 for r in s.items if r.status == NA)
    open_ = sum(1 for r in s.items if r.status == UNANSWERED)
    skipped = sum(1 for r in s.items if r.status == NOT_APPLICABLE)
    if failed:
        parts.append(f"{count(failed)} below standard")
    if na:
        parts.append(f"{count(na)} N/A")
    if open_:
        parts.append(f"{count(open_)} not answered")
    if skipped:
        parts.append(f"{count(skipped)} not applicable")
    return " · ".join(parts)


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


def action_views(result: AuditResult) -> tuple[ActionView, ...]:
    sections = {s.id: s.title for s in result.checklist.sections}
    return tuple(
        ActionView(
            rank=i,
            item_id=r.item.id,
            anchor=f"item-{r.item.id}",
            text=r.item.text,
            section=sections.get(r.item.section, ""),
            points=num(r.points_lost),
            recommendation=r.item.recommendation,
            critical=r.critical_failure,
            reach="",
        )
        for i, r in enumerate(result.actions, 1)
    )


def checklist_fact(c: Checklist) -> Fact:
    return Fact("Checklist", f"{c.title}, version {c.version}")


# --- one audit --------------------------------------------------------------------


class _AuditPage:
    def __init__(self, result: AuditResult, comparison: Comparison | None, brand: Branding) -> None:
        self.r = result
        self.c = comparison
        self.brand = brand
        self.checklist = result.checklist
        self.tones = Tones(self.checklist.bands)

    def build(self) -> Page:
        r, c, checklist = self.r, self.c, self.checklist
        a = r.audit
        rows = self.section_rows()
        actions = action_views(r)
        strongest, weakest = strongest_weakest(rows, [s.score for s in r.sections])
        top = actions[:TOP_ACTIONS]
        gain = math.fsum(x.points_lost or 0.0 for x in r.actions[:TOP_ACTIONS])
        summary = Summary(
            lead=self.lead(),
            strongest=strongest,
            weakest=weakest,
            critical=tuple(item_ref(x.item, checklist, r) for x in r.critical_failures),
            actions=top,
            actions_gain=num(gain) if top else "",
            actions_phrase=top_phrase(len(actions[:TOP_ACTIONS])),
            actions_total=spelled(len(actions), "in all", "in all"),
        )
        labels = [s.section.title for s in r.sections]
        series = [charts.SeriesInput(self.series_name(r, "This audit"), tuple(s.score for s in r.sections), "current")]
        if c is not None:
            series.append(
                charts.SeriesInput(self.series_name(c.baseline, "Baseline"), tuple(d.baseline for d in c.sections), "baseline")
            )
        chart = charts.section_chart(
            "chart-sections", f"Section scores out of 100 for {a.client or 'this audit'}", labels, series
        )
        sections = tuple(
            SectionView(row, s.section.description, tuple(item_view(i, checklist) for i in s.items), section_summary(s))
            for row, s in zip(rows, r.sections, strict=True)
        )
        parts = number_parts(
            ("summary", "Executive summary"),
            ("scores", "Scores by section"),
            ("comparison", "Progress since the baseline") if c is not None else None,
            ("actions", "Action plan"),
            ("findings", "Findings item by item"),
            ("about", "About this report"),
        )
        return Page(
            kind="audit",
            parts=parts,
            lang="en",
            doc_title=" — ".join(x for x in (a.client, a.site, f"{checklist.title} audit report") if x),
            eyebrow="Customer experience audit",
            h1=a.client or checklist.title,
            subtitle=" · ".join(x for x in (a.site, long_date(a.date) if a.date else "") if x),
            brand=_brand(self.brand),
            facts=self.facts(),
            headline=self.headline(),
            summary=summary,
            chart=chart,
            section_rows=rows,
            actions=actions,
            sections=sections,
            comparison=self.comparison_view() if c is not None else None,
            program=None,
            bands=band_keys(checklist, self.tones),
            scale=scale_key(checklist),
            checklist_title=checklist.title,
            checklist_description=checklist.description,
            generator=f"cx-audit {__version__}",
            footer=self.footer(),
        )

    @staticmethod
    def series_name(r: AuditResult, what: str) -> str:
        return f"{what} ({r.audit.date.isoformat()})" if r.audit.date else what

    def footer(self) -> str:
        a = self.r.audit
        who = self.brand.firm or a.auditor
        parts = [x for x in (a.client, a.site, long_date(a.date) if a.date else "") if x]
        return " · ".join(parts + ([f"Prepared by {who}"] if who else []))

    def facts(self) -> tuple[Fact, ...]:
        a = self.r.audit
        facts = [Fact("Client", a.client or "—")]
        if a.site:
            facts.append(Fact("Site", a.site))
        facts += [
            Fact(
                "Auditor",
                f"{a.auditor}, {self.brand.firm}" if a.auditor and self.brand.firm else (a.auditor or self.brand.firm or "—"),
            ),
            Fact("Audit date", long_date(a.date)),
            checklist_fact(self.checklist),
        ]
        if self.c is not None:
            b = self.c.baseline.audit
            facts.append(
                Fact("Compared with", f"baseline audit of {long_date(b.date)}" + (f" ({b.auditor})" if b.auditor else ""))
            )
        return tuple(facts)

    def headline(self) -> Headline:
        r = self.r
        scored = sum(1 for i in r.items if i.status == SCORED)
        applicable = sum(1 for i in r.items if i.applicable)
        figures = (
            Fact("Critical failures", count(len(r.critical_failures))),
            Fact("Items scored", f"{count(scored)} of {count(applicable)}"),
            Fact("Actions in the plan", count(len(r.actions))),
        )
        base = self.c.baseline.overall if self.c is not None else None
        return Headline(
            score=num(r.overall),
            band=r.band or "Not assessed",
            tone=self.tones(r.band),
            completeness=num(r.completeness),
            completeness_width=f"{shown(r.completeness):.1f}%",
            figures=figures,
            delta=make_delta(r.overall, base) if self.c is not None else None,
            baseline=num(base) if self.c is not None else "",
            gauge=gauge(r.overall),
        )

    def section_rows(self) -> tuple[SectionRow, ...]:
        rows = []
        deltas = self.c.sections if self.c is not None else None
        for k, s in enumerate(self.r.sections):
            base = deltas[k].baseline if deltas is not None else None
            rows.append(
                SectionRow(
                    number=k + 1,
                    anchor=f"section-{s.section.id}",
                    title=s.section.title,
                    weight=f"{s.section.weight:g}",
                    score=num(s.score),
                    band=s.band or "Not assessed",
                    tone=self.tones(s.band),
                    answered=f"{count(s.answered)} of {count(s.applicable)}",
                    baseline=num(base) if deltas is not None else "",
                    delta=make_delta(s.score, base) if deltas is not None else None,
                )
            )
        return tuple(rows)

    def lead(self) -> tuple[str, ...]:
        r, c = self.r, self.c
        who = r.audit.client or "The business"
        if r.overall is None:
            first = f"{who} could not be given an overall score: no section had a scored answer."
        else:
            first = f"{who} scores {num(r.overall)} out of 100 overall, in the {r.band} band."
        if c is not None and (d := make_delta(r.overall, c.baseline.overall)) is not None:
            first += f" That is {d.words} on the baseline audit of {long_date(c.baseline.audit.date)}."
        lines = [first]
        n = len(r.critical_failures)
        if n:
            ids = join_words([x.item.id for x in r.critical_failures])
            lines.append(
                f"{spelled(n, 'critical failure').capitalize()} ({ids}) {'needs' if n == 1 else 'need'} attention first: "
                f"{'on its own it is' if n == 1 else 'each on its own is'} enough to lose customers."
            )
        else:
            lines.append("There are no critical failures.")
        if r.completeness < 100:
            lines.append(f"The audit is {num(r.completeness)}% complete; unanswered items are not counted in any score.")
        return tuple(lines)

    def comparison_view(self) -> ComparisonView:
        c = self.c
        assert c is not None
        checklist = self.checklist
        sections = {s.id: s.title for s in checklist.sections}
        b = c.baseline.audit
        changes = []
        for ch in c.changed:
            d = make_delta(100 * ch.current, 100 * ch.baseline)
            assert d is not None
            changes.append(
                (ch, ChangeRow(ch.item.id, f"item-{ch.item.id}", ch.item.text, sections.get(ch.item.section, ""),
                               num(100 * ch.baseline), num(100 * ch.current), d))
            )  # fmt: skip
        improved = [row for ch, row in sorted(changes, key=lambda p: (-(p[0].current - p[0].baseline), p[0].item.index))
                    if ch.change == "improved"]  # fmt: skip
        regressed = [row for ch, row in sorted(changes, key=lambda p: (p[0].current - p[0].baseline, p[0].item.index))
                     if ch.change == "regressed"]  # fmt: skip
        od = make_delta(c.current.overall, c.baseline.overall)
        if c.regression:
            why = []
            if c.new_critical:
                why.append(plural(len(c.new_critical), "new critical failure"))
            if od is not None and od.css == "down":
                why.append(f"the overall score is {od.words}")
            verdict = "Regression since the baseline: " + join_words(why) + "."
        else:
            verdict = "No regression since the baseline" + (f": the overall score is {od.words}." if od else ".")
        facts = (
            Fact("Baseline date", long_date(b.date)),
            Fact("Baseline auditor", b.auditor or "—"),
            Fact("Baseline overall", f"{num(c.baseline.overall)} ({c.baseline.band or 'not assessed'})"),
        )
        return ComparisonView(
            baseline_facts=facts,
            baseline_name=f"the baseline audit of {long_date(b.date)}",
            overall_baseline=num(c.baseline.overall),
            overall_current=num(c.current.overall),
            overall_delta=od,
            regression=c.regression,
            verdict=verdict,
            improved=tuple(improved),
            regressed=tuple(regressed),
            only_baseline=tuple(item_ref(i, checklist, c.current) for i in c.only_in_baseline),
            only_current=tuple(item_ref(i, checklist, c.current) for i in c.only_in_current),
            not_assessed=tuple(s.title for s in c.became_not_assessed),
            new_critical=tuple(item_ref(i, checklist, c.current) for i in c.new_critical),
            resolved_critical=tuple(item_ref(i, checklist, c.current) for i in c.resolved_critical),
        )


# --- a program of several audits ----------------------------------------------------


class _ProgramPage:
    def __init__(self, program: ProgramResult, brand: Branding) -> None:
        self.p = program
        self.brand = brand
        self.checklist = program.checklist
        self.tones = Tones(self.checklist.bands)

    def build(self) -> Page:
        p, checklist = self.p, self.checklist
        audits = p.audits
        n = len(audits)
        columns = self.columns()
        sites, fails, crit_counts, completeness = self.walk(columns)
        spread = tuple(self.spread_view(k + 1, s.title, st) for k, (s, st) in enumerate(p.sections))
        inconsistent = self.least_consistent(spread, [st for _, st in p.sections])
        spread = tuple(replace(v, inconsistent=v in inconsistent) for v in spread)
        inconsistent = tuple(v for v in spread if v.inconsistent)
        overall = self.spread_view(0, "Overall", p.overall)
        sections = {s.id: s.title for s in checklist.sections}
        actions = tuple(
            ActionView(
                rank=i,
                item_id=a.item.id,
                anchor="",
                text=a.item.text,
                section=sections.get(a.item.section, ""),
                points=num(a.mean_points_lost),
                recommendation=a.item.recommendation,
                critical=a.item.critical,
                reach=f"below standard at {count(fails.get(a.item.id, 0))} of {count(a.audits)} audits",
            )
            for i, a in enumerate(p.actions, 1)
        )
        with_scores = [(r.overall, k) for k, r in enumerate(audits) if r.overall is not None]
        take = min(5, len(with_scores) // 2) if len(with_scores) > 1 else 0
        lowest = tuple(sites[k] for _, k in sorted(with_scores, key=lambda x: (shown(x[0]), x[1]))[:take])
        highest = tuple(sites[k] for _, k in sorted(with_scores, key=lambda x: (-shown(x[0]), x[1]))[:take])
        critical = tuple(
            CriticalCount(item_ref(item, checklist, linked=False), f"{count(crit_counts[item.id])} of {count(n)} audits")
            for item in checklist.items
            if crit_counts.get(item.id)
        )
        audits_with_critical = sum(1 for r in audits if r.critical_failures)
        program = ProgramView(
            columns=columns,
            sites=tuple(sites),
            overall=overall,
            spread=spread,
            spread_chart=charts.spread(
                "chart-spread",
                "Spread of section scores across the audits",
                [
                    charts.SpreadInput(s.title, st.mean, st.stdev, st.min, st.max, v.inconsistent)
                    if st
                    else charts.SpreadInput(s.title, None, None, None, None)
                    for (s, st), v in zip(p.sections, spread, strict=True)
                ],
            ),  # fmt: skip
            inconsistent=inconsistent,
            lowest=lowest,
            highest=highest,
            critical=critical,
            audits_with_critical=f"{count(audits_with_critical)} of {count(n)}",
        )
        means = [st.mean if st else None for _, st in p.sections]
        strongest, weakest = strongest_weakest(columns, means)
        gain = math.fsum(a.mean_points_lost for a in p.actions[:TOP_ACTIONS])
        summary = Summary(
            lead=self.lead(audits_with_critical, inconsistent),
            strongest=strongest,
            weakest=weakest,
            critical=tuple(c.ref for c in critical),
            actions=actions[:TOP_ACTIONS],
            actions_gain=num(gain) if actions else "",
            actions_phrase=top_phrase(len(actions[:TOP_ACTIONS])),
            actions_total=spelled(len(actions), "in all", "in all"),
        )
        chart = charts.section_chart(
            "chart-sections",
            "Mean section scores out of 100 across the audits",
            [s.title for s, _ in p.sections],
            [charts.SeriesInput("Mean of the audits", tuple(means), "current")],
        )
        mean_completeness = math.fsum(completeness) / n
        mean = p.overall.mean if p.overall else None
        band = band_for(mean, checklist.bands)
        headline = Headline(
            score=num(mean),
            band=band or "Not assessed",
            tone=self.tones(band),
            completeness=num(mean_completeness),
            completeness_width=f"{shown(mean_completeness):.1f}%",
            figures=(
                Fact("Audits", count(n)),
                Fact("Spread (standard deviation)", num(p.overall.stdev) if p.overall else "—"),
                Fact("Range", f"{num(p.overall.min)} to {num(p.overall.max)}" if p.overall else "—"),
                Fact("Audits with a critical failure", f"{count(audits_with_critical)} of {count(n)}"),
            ),
            delta=None,
            baseline="",
            gauge=gauge(mean),
        )
        clients = sorted({r.audit.client for r in audits if r.audit.client})
        parts = number_parts(
            ("summary", "Executive summary"),
            ("scores", "Section scores across the program"),
            ("consistency", "Consistency between audits"),
            ("sites", "Audits by section"),
            ("actions", "Program action plan"),
            ("about", "About this report"),
        )
        return Page(
            kind="program",
            parts=parts,
            lang="en",
            doc_title=" — ".join(x for x in (self.client_name(clients), f"{checklist.title} program report") if x),
            eyebrow="Customer experience audit program",
            h1=self.client_name(clients) or checklist.title,
            subtitle=f"{plural(n, 'audit')} · {self.date_range()}",
            brand=_brand(self.brand),
            facts=self.facts(clients),
            headline=headline,
            summary=summary,
            chart=chart,
            section_rows=columns,
            actions=actions,
            sections=(),
            comparison=None,
            program=program,
            bands=band_keys(checklist, self.tones),
            scale=scale_key(checklist),
            checklist_title=checklist.title,
            checklist_description=checklist.description,
            generator=f"cx-audit {__version__}",
            footer=" · ".join(x for x in (self.client_name(clients), f"{plural(n, 'audit')}", self.date_range(),
                                          f"Prepared by {self.brand.firm}" if self.brand.firm else "") if x),
        )  # fmt: skip

    @staticmethod
    def client_name(clients: list[str]) -> str:
        if len(clients) == 1:
            return clients[0]
        if len(clients) <= 3:
            return join_words(clients)
        return ""

    def date_range(self) -> str:
        dates = sorted(r.audit.date for r in self.p.audits if r.audit.date)
        if not dates:
            return "no dates"
        if dates[0] == dates[-1]:
            return long_date(dates[0])
        return f"{long_date(dates[0])} to {long_date(dates[-1])}"

    def facts(self, clients: list[str]) -> tuple[Fact, ...]:
        audits = self.p.audits
        auditors = sorted({r.audit.auditor for r in audits if r.audit.auditor})
        shown_auditors = (
            join_words(auditors) if len(auditors) <= 4 else f"{', '.join(auditors[:3])} and {count(len(auditors) - 3)} others"
        )
        client = f"{count(len(clients))} clients" if len(clients) > 3 else (join_words(clients) or "—")
        return (
            Fact("Client", client),
            Fact("Audits", plural(len(audits), "audit")),
            Fact("Audit dates", self.date_range()),
            Fact("Auditors", shown_auditors or "—"),
            checklist_fact(self.checklist),
        )

    def columns(self) -> tuple[SectionRow, ...]:
        rows = []
        for k, (s, st) in enumerate(self.p.sections):
            mean = st.mean if st else None
            band = band_for(mean, self.checklist.bands)
            rows.append(
                SectionRow(
                    number=k + 1,
                    anchor=f"section-{s.id}",
                    title=s.title,
                    weight=f"{s.weight:g}",
                    score=num(mean),
                    band=band or "Not assessed",
                    tone=self.tones(band),
                    answered=f"{count(st.n)} of {count(len(self.p.audits))}" if st else f"0 of {count(len(self.p.audits))}",
                    baseline="",
                    delta=None,
                )
            )
        return tuple(rows)

    def walk(self, columns: Sequence[SectionRow]) -> tuple[list[SiteRow], dict[str, int], dict[str, int], list[float]]:
        """One pass over every audit: its table row, and counts per item."""
        tones, audits = self.tones, self.p.audits
        labels = [r.audit.label for r in audits]
        repeated = len(set(labels)) < len(labels)
        sites = []
        fails: dict[str, int] = {}
        crit: dict[str, int] = {}
        completeness = []
        for r, label in zip(audits, labels, strict=True):
            cells = tuple(Cell(num(s.score), tones(s.band)) for s in r.sections)
            sites.append(
                SiteRow(
                    label=label,
                    detail=r.audit.date.isoformat() if repeated and r.audit.date else "",
                    overall=Cell(num(r.overall), tones(r.band)),
                    band=r.band or "Not assessed",
                    cells=cells,
                    critical=count(len(r.critical_failures)),
                )
            )
            for ir in r.items:
                if ir.failed:
                    fails[ir.item.id] = fails.get(ir.item.id, 0) + 1
                    if ir.item.critical:
                        crit[ir.item.id] = crit.get(ir.item.id, 0) + 1
            completeness.append(r.completeness)
        return sites, fails, crit, completeness

    def spread_view(self, number: int, title: str, st: Stats | None) -> SpreadView:
        band = band_for(st.mean, self.checklist.bands) if st else None
        return SpreadView(
            number=number,
            title=title,
            mean=num(st.mean) if st else "—",
            tone=self.tones(band),
            band=band or "Not assessed",
            stdev=num(st.stdev) if st else "—",
            min=num(st.min) if st else "—",
            max=num(st.max) if st else "—",
            audits=count(st.n) if st else "0",
            inconsistent=False,
        )

    @staticmethod
    def least_consistent(views: Sequence[SpreadView], stats: Sequence[Stats | None]) -> tuple[SpreadView, ...]:
        """The sections whose scores vary most between audits (up to three, never a zero spread)."""
        candidates = [(st.stdev, k) for k, st in enumerate(stats) if st is not None and st.n > 1 and shown(st.stdev) > 0]
        take = max(1, min(3, len(stats) // 3))
        chosen = sorted(candidates, key=lambda p: (-shown(p[0]), p[1]))[:take]
        return tuple(views[k] for _, k in sorted(chosen, key=lambda p: p[1]))

    def lead(self, with_critical: int, inconsistent: Sequence[SpreadView]) -> tuple[str, ...]:
        p = self.p
        n = len(p.audits)
        if p.overall is None:
            lines = [f"None of the {count(n)} audits has an overall score yet."]
        else:
            band = band_for(p.overall.mean, self.checklist.bands)
            lines = [
                f"Across {plural(n, 'audit')}, the mean overall score is {num(p.overall.mean)} out of 100 ({band}), "
                f"ranging from {num(p.overall.min)} to {num(p.overall.max)} with a standard deviation of {num(p.overall.stdev)}."
            ]
        if with_critical:
            lines.append(f"{count(with_critical)} of {count(n)} audits have at least one critical failure.")
        else:
            lines.append("No audit has a critical failure.")
        if inconsistent:
            lines.append(
                "Performance is least consistent in " + join_words([v.title for v in inconsistent]) +
                ": the same standard is delivered very differently from one audit to the next."
            )  # fmt: skip
        return tuple(lines)
