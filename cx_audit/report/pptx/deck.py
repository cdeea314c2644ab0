"""What the readout deck shows, as plain data: the first of its two steps.

:func:`build_deck` turns a :class:`~cx_audit.report.input.ReportInput` into a
:class:`Deck` of frozen dataclasses holding finished strings and the charts' numbers,
in the SPEC's order, leaving out each slide that has nothing to show. The sentences are
the HTML report's own: the deck is built from the report's page
(:func:`cx_audit.report.html.render.build_page`), so the two never say different things.
Every text is held whole; :mod:`cx_audit.report.pptx.slides` cuts what does not fit its
box and each slide's ``notes`` hold the full texts.

Respondents appear by role only (the page's voices hold no ids or names).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, Union

from cx_audit.files.branding import Branding
from cx_audit.report.html.page import ActionView, BandKey, Page, SectionRow, SiteRow
from cx_audit.report.input import ReportInput
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.compare import Comparison
from cx_audit.scoring.rounding import shown_or_none
from cx_audit.wording import METRIC_NAMES, answer_text, long_date, metric_results, num, plural, small_sample

if TYPE_CHECKING:
    from cx_audit.portfolio.benchmark import Benchmark

T = TypeVar("T")

# How many rows a table slide holds before it continues on the next slide.
FOLLOWUP_ROWS = 8
CRITICAL_PER_SLIDE = 3
SITE_ROWS = 12  # a program's "Audits by section": more audits show the lowest and highest


# --- the deck's parts ---------------------------------------------------------------


@dataclass(frozen=True)
class SeriesData:
    name: str
    values: tuple[float | None, ...]  # one per category, as displayed (one decimal); None: no bar
    tones: tuple[str, ...] = ()  # per point: "tone-1".."tone-4"/"tone-none" (bars coloured by band)
    role: str = "current"  # current | baseline | other (a palette colour by position)


@dataclass(frozen=True)
class ChartData:
    categories: tuple[str, ...] | tuple[dt.date, ...]  # dates: a line chart over time
    series: tuple[SeriesData, ...]
    title: str  # the chart's accessible title (alt text)


@dataclass(frozen=True)
class Entry:
    """One block of a list slide: a critical failure, a priority action, a gap."""

    heading: str  # what to do / the question
    detail: tuple[str, ...]  # smaller lines under it
    tag: str = ""  # the item id or the rank
    figure: str = ""  # at the right: points, a gap
    figure_label: str = ""  # under the figure: "points"
    tone: str = ""  # "critical" marks the block
    more: tuple[str, ...] = ()  # in the notes only (the question behind an action)


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str = ""  # a band tone: the cell is shaded
    bold: bool = False


@dataclass(frozen=True)
class Column:
    head: str
    weight: float  # share of the table's width
    numeric: bool = False  # right-aligned
    wrap: bool = True  # False: a short column, as wide as its widest text


@dataclass(frozen=True)
class TitleSlide:
    eyebrow: str
    name: str
    subtitle: str
    checklist: str
    score: str
    band: str
    tone: str
    cap: str  # the draft note and/or 'Capped by 1 critical failure; the score alone earns Established.', or ''
    figures: tuple[tuple[str, str], ...]  # (label, value) beside the score
    prepared_by: str
    notes: str
    title: str = "Title"


@dataclass(frozen=True)
class SummarySlide:
    title: str
    lead: tuple[str, ...]
    strongest_title: str
    strongest: tuple[SectionRow, ...]
    weakest_title: str
    weakest: tuple[SectionRow, ...]
    notes: str


@dataclass(frozen=True)
class ChartSlide:
    title: str
    intro: str
    chart: ChartData
    kind: str  # "bar" (horizontal, clustered) | "line" (over dates)
    key: tuple[BandKey, ...]  # the bands' colours, when bars are coloured by band
    side_title: str
    side: tuple[Entry, ...]  # beside the chart (the largest gaps)
    notes: str
    number_format: str = "0.0"
    max_value: float | None = 100.0


@dataclass(frozen=True)
class ListSlide:
    title: str
    intro: str
    entries: tuple[Entry, ...]
    footnote: str
    notes: str


@dataclass(frozen=True)
class TableSlide:
    title: str
    intro: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    footnote: str
    notes: str
    key: tuple[BandKey, ...] = ()


Slide = Union[TitleSlide, SummarySlide, ChartSlide, ListSlide, TableSlide]


@dataclass(frozen=True)
class Deck:
    title: str  # the document's title property
    subject: str
    author: str  # the firm, else the auditor
    keywords: str
    stamp: dt.datetime  # the audit date: pinned into the document properties
    accent: str  # "#rrggbb"
    accent_ink: str
    on_accent: str
    firm: str
    logo: bytes  # a raster image, or b"" (an SVG logo cannot be placed in a deck)
    footer: str
    slides: tuple[Slide, ...] = field(default=())


# --- building -----------------------------------------------------------------------


def build_deck(inp: ReportInput, branding: Branding | None = None) -> Deck:
    """The deck for one audit (with its baseline, if any) or for a program of several.

    "How you compare" comes from ``inp.benchmark`` (the portfolio's, with ``report
    --benchmark``): see :func:`benchmark_slides`.
    """
    from cx_audit.report.html.render import build_page

    brand = branding or Branding()
    page = build_page(inp, brand)
    slides: list[Slide | None] = [title_slide(page, inp), summary_slide(page), scores_slide(page, inp)]
    if inp.program is None:
        r, c = inp.main, inp.comparison
        slides += critical_slides(r, page)
        slides += [voices_slide(page, r), metrics_slide(r)]
        slides += benchmark_slides(inp.benchmark)
        if c is not None:
            slides += [since_slide(page)]
            slides += followup_slides(c)
    else:
        slides += [consistency_slide(page), sites_slide(page)]
    slides.append(actions_slide(page))
    a = inp.main.audit
    site = a.site if inp.program is None else ""
    return Deck(
        title=" — ".join(x for x in (page.h1, site, f"{inp.main.checklist.title} readout") if x),
        subject=f"{inp.main.checklist.title} readout",
        author=brand.firm or (a.auditor if inp.program is None else ""),
        keywords=f"cx-audit; {inp.main.checklist.id}",
        stamp=inp.stamp,
        accent=brand.accent,
        accent_ink=brand.accent_ink,
        on_accent=brand.on_accent,
        firm=brand.firm,
        logo=raster_logo(brand),
        footer=page.footer,
        slides=tuple(s for s in slides if s is not None),
    )


def raster_logo(brand: Branding) -> bytes:
    """The logo as image bytes a deck can hold: PNG, JPEG and GIF as they are, WebP as PNG.

    An SVG logo gives b"": PowerPoint's picture shapes take raster images only.
    """
    import base64

    uri = brand.logo_uri
    if not uri.startswith("data:") or ";base64," not in uri:
        return b""
    mime, data = uri[5:].split(";base64,", 1)
    raw = base64.b64decode(data)
    if mime in ("image/png", "image/jpeg", "image/gif"):
        return raw
    if mime == "image/webp":
        import io

        from PIL import Image

        with Image.open(io.BytesIO(raw)) as im:
            out = io.BytesIO()
            im.save(out, "PNG", optimize=False)
            return out.getvalue()
    return b""


def title_slide(page: Page, inp: ReportInput) -> TitleSlide:
    h = page.headline
    checklist = next((f.value for f in page.facts if f.label == "Checklist"), page.checklist_title)
    profile = next((f.value for f in page.facts if f.label == "Profile"), "")
    figures = [("Completeness", f"{h.completeness}%")]
    if h.delta is not None:
        figures += [("Baseline score", h.baseline), ("Since the baseline", h.delta.text)]
    figures += [(f.label, f.value) for f in h.figures if f.label in ("Critical failures", "Audits")]
    who = page.brand.firm or (inp.main.audit.auditor if inp.program is None else "")
    auditor = inp.main.audit.auditor if inp.program is None else ""
    prepared = (
        f"Prepared by {auditor}, {page.brand.firm}" if auditor and page.brand.firm else (f"Prepared by {who}" if who else "")
    )
    return TitleSlide(
        eyebrow=page.eyebrow,
        name=page.h1,
        subtitle=page.subtitle,
        checklist=checklist + (f" · {profile}" if profile else ""),
        score=h.score,
        band=h.band,
        tone=h.tone,
        cap=" ".join(x for x in (draft_note(page), h.cap_note) if x),
        figures=tuple(figures),
        prepared_by=prepared,
        notes=_notes(page.h1, page.subtitle, checklist, profile, h.cap_note, page.footer),
    )


def draft_note(page: Page) -> str:
    """Below 100 % completeness, as the report's cover says it: the verdict is provisional."""
    return f"{page.draft}: the scores and the band are provisional." if page.draft else ""


def summary_slide(page: Page) -> SummarySlide | None:
    s = page.summary
    if not s.lead:
        return None
    program = page.program is not None
    return SummarySlide(
        title="Executive summary",
        lead=s.lead,
        strongest_title="Strongest on average" if program else "Strongest sections",
        strongest=s.strongest,
        weakest_title="Weakest on average" if program else "Weakest sections",
        weakest=s.weakest,
        notes=_notes(*s.lead),
    )


def scores_slide(page: Page, inp: ReportInput) -> ChartSlide | None:
    rows = page.section_rows
    if not rows or all(r.score == "—" for r in rows):
        return None
    if inp.program is not None:
        p = inp.program
        values = tuple(shown_or_none(st.mean if st else None) for _, st in p.sections)
        series: tuple[SeriesData, ...] = (SeriesData("Mean of the audits", values, tuple(r.tone for r in rows)),)
        intro = f"The mean score of each section across the {plural(len(p.audits), 'audit')}, out of 100, coloured by band."
    else:
        from cx_audit.report.html.audit_page import AuditPage

        r, c = inp.main, inp.comparison
        now = SeriesData(
            AuditPage.series_name(r, "This audit"),
            tuple(shown_or_none(s.score) for s in r.sections),
            tuple(row.tone for row in rows),
        )
        series = (now,)
        intro = "Each section's score out of 100, coloured by band."
        if c is not None:
            base = tuple(shown_or_none(d.baseline) for d in c.sections)
            series += (SeriesData(AuditPage.series_name(c.baseline, "Baseline"), base, role="baseline"),)
            intro = "Each section's score out of 100, coloured by band; the grey bars are the baseline audit's."
    chart = ChartData(tuple(r.title for r in rows), series, page.chart.title)
    return ChartSlide(
        title="Scores by section",
        intro=intro,
        chart=chart,
        kind="bar",
        key=page.bands,
        side_title="",
        side=(),
        notes=_notes(*(f"{r.number}. {r.title}: {r.score} ({r.band})" + (f", baseline {r.baseline}" if r.baseline else "")
                       for r in rows)),
    )  # fmt: skip


def critical_slides(r: AuditResult, page: Page) -> list[Slide | None]:
    todo_of = {a.item_id: a.recommendation for a in page.actions}  # what to do, as the report's plan says it
    entries = []
    for x in r.critical_failures:
        answer = answer_text(x) or "no answer"
        detail = (f"{x.item.id} · {x.item.text}", f"Answer: {answer}")
        todo = todo_of.get(x.item.id) or x.item.recommendation or x.item.text
        entries.append(
            Entry(heading=todo, detail=detail, tag=x.item.id, figure=num(x.points_lost), figure_label="points", tone="critical")
        )
    n = len(entries)
    for x in r.accepted_exceptions:  # failed, but accepted with the client: listed, not capping
        w = x.exception
        assert w is not None
        entries.append(
            Entry(
                heading=f"Accepted exception: {w.reason}",
                detail=(f"{x.item.id} · {x.item.text}", f"Approved by {w.approved_by}; expires {long_date(w.expires)}"),
                tag=x.item.id,
                figure=num(x.points_lost),
                figure_label="points",
            )
        )
    out: list[Slide | None] = []
    if n:
        intro = (
            f"{plural(n, 'critical item').capitalize()} scored below half marks: "
            f"{'it caps' if n == 1 else 'they cap'} the band, whatever the score. What to do first:"
        )
    else:
        intro = "No critical failure caps the band: the critical items below half marks are accepted exceptions."
    for k, part in enumerate(balanced(entries, CRITICAL_PER_SLIDE)):
        chunk = tuple(part)
        out.append(
            ListSlide(
                title="Critical failures" + (" (continued)" if k else ""),
                intro=intro if not k else "",
                entries=chunk,
                footnote="",
                notes=_entry_notes(chunk),
            )
        )
    return out


def voices_slide(page: Page, r: AuditResult) -> ChartSlide | None:
    v, view = r.voices, page.voices
    if v is None or view is None or not view.rows or len(view.roles) < 2:
        return None
    surveyed = {s.id for s in v.surveyed(r.checklist.sections)}
    sections = [s for s in r.sections if s.section.id in surveyed]
    series = tuple(
        SeriesData(head.role, tuple(shown_or_none(role.sections.get(s.section.id)) for s in sections), role="other")
        for head, role in zip(view.roles, v.roles, strict=True)
    )
    gaps = tuple(
        Entry(
            heading=g.section,
            detail=(f"{g.highest} from {g.highest_role.lower()}, {g.lowest} from {g.lowest_role.lower()}",),
            figure=g.gap,
            figure_label="points apart",
        )
        for g in view.gaps
    )
    return ChartSlide(
        title="Voices: how each role sees it",
        intro=view.lead[0],
        chart=ChartData(tuple(s.section.title for s in sections), series, "Section scores out of 100 by role"),
        kind="bar",
        key=(),
        side_title="Largest gaps" if gaps else "",
        side=gaps,
        notes=_notes(*view.lead, *(f"{e.heading}: {e.detail[0]}, {e.figure} points apart" for e in gaps), view.privacy),
    )


def metrics_slide(r: AuditResult) -> TableSlide | None:
    found = metric_results(r.items)
    if not found:
        return None
    rows = []
    for ir, _text in found:
        a = ir.answer
        assert a is not None and a.metric is not None
        low, high = a.metric.ci95
        rows.append(
            (
                Cell(METRIC_NAMES[a.metric.kind], bold=True),
                Cell(f"{ir.item.id} · {ir.item.text}"),
                Cell(num(a.value), bold=True),
                Cell(f"{a.metric.n:,}"),
                Cell(f"{num(low)} to {num(high)}"),
                Cell(small_sample(a.metric.n)),
            )
        )
    small = any(row[-1].text for row in rows)
    return TableSlide(
        title="What customers say",
        intro="The customers' own answers from survey exports, each with the number of answers and its 95% confidence interval.",
        columns=(
            Column("Metric", 0, wrap=False),
            Column("Question", 1.0),
            Column("Value", 0, numeric=True, wrap=False),
            Column("n", 0, numeric=True, wrap=False),
            Column("95% interval", 0, numeric=True, wrap=False),
            *((Column("Sample", 0, wrap=False),) if small else ()),
        ),
        rows=tuple(row if small else row[:-1] for row in rows),
        footnote="",
        notes=_notes(*(f"{ir.item.id} {ir.item.text} — {text}" for ir, text in found)),
    )


def benchmark_slides(benchmark: Benchmark | None) -> list[Slide | None]:
    """ "How you compare" (SPEC slide 7, with ``report --benchmark``): the audit against its
    peers, per section and overall, with the HTML report's own words.

    ``benchmark`` is the portfolio's :class:`cx_audit.portfolio.benchmark.Benchmark`
    (``ReportInput.benchmark``), read through the HTML report's view of it
    (:func:`cx_audit.report.html.benchmark_view.benchmark_view`), so both say the same.
    """
    if benchmark is None:
        return []
    from cx_audit.report.html.benchmark_view import benchmark_view

    view = benchmark_view(benchmark)
    tones = {4: "tone-1", 3: "tone-2", 2: "tone-3", 1: "tone-4"}
    rows = tuple(
        (
            Cell(r.title, bold=not r.anchor),
            Cell(r.score, bold=True),
            Cell(r.peers),
            Cell(r.p25 if r.shown else "—"),
            Cell(r.p50 if r.shown else "—"),
            Cell(r.p75 if r.shown else "—"),
            Cell(r.words, tone=tones.get(r.quartile, "")),
        )
        for r in (*view.rows, view.overall)
    )
    return [
        TableSlide(
            title="How you compare",
            intro=view.lead,
            columns=(
                Column("Section", 1.0),
                Column("Score", 0, True, wrap=False),
                Column("Peers", 0, True, wrap=False),
                Column("P25", 0, True, wrap=False),
                Column("Median", 0, True, wrap=False),
                Column("P75", 0, True, wrap=False),
                Column("Quartile", 0, wrap=False),
            ),
            rows=rows,
            footnote=f"Peer group: {view.group}. No peer's name or score is shown.",
            notes=_notes(view.lead, view.group, *(r.label for r in (*view.rows, view.overall))),
        )
    ]


def since_slide(page: Page) -> TableSlide | None:
    c = page.comparison
    if c is None:
        return None
    h = page.headline
    rows = [
        (
            Cell("Overall", bold=True),
            Cell(h.baseline),
            Cell(h.score, bold=True),
            Cell(h.delta.text if h.delta else "—", tone=_delta_tone(h.delta.css if h.delta else ""), bold=True),
        )
    ]
    for s in page.section_rows:
        rows.append(
            (
                Cell(s.title),
                Cell(s.baseline),
                Cell(s.score),
                Cell(s.delta.text if s.delta else "—", tone=_delta_tone(s.delta.css if s.delta else "")),
            )
        )
    foot = []
    if c.new_critical:
        foot.append("New critical failures: " + ", ".join(x.id for x in c.new_critical) + ".")
    if c.resolved_critical:
        foot.append("Resolved: " + ", ".join(x.id for x in c.resolved_critical) + ".")
    counts = f"{plural(len(c.improved), 'item')} improved, {plural(len(c.regressed), 'item')} fell."
    return TableSlide(
        title="Since the last visit",
        intro=f"{c.verdict} Compared with {c.baseline_name}.",
        columns=(
            Column("Section", 0.55),
            Column("Baseline", 0.15, True),
            Column("Now", 0.15, True),
            Column("Change", 0.15, True),
        ),
        rows=tuple(rows),
        footnote=" ".join([counts, *foot]),
        notes=_notes(c.verdict, counts, *foot, *(f"{x.id} {x.text}" for x in c.new_critical + c.resolved_critical)),
    )


def followup_slides(c: Comparison) -> list[Slide | None]:
    """The baseline's tracked actions with their status and what became of the item."""
    from cx_audit.report.html.followup_view import followup_row

    tracked = [followup_row(f) for f in c.followup if f.tracked]
    out: list[Slide | None] = []
    for k, chunk in enumerate(balanced(tracked, FOLLOWUP_ROWS)):
        rows = tuple(
            (
                Cell(f"{f.id} · {f.text}"),
                Cell(f.status, bold=f.status_css == "done"),
                Cell(f.owner or "—"),
                Cell(f.due.replace("\u00a0", " ") or "—"),
                Cell(f"{f.then} → {f.now or '—'}"),
                Cell(
                    f.change + (", flagged" if f.flagged else ""),
                    tone="tone-4" if f.flagged else _delta_tone(f.change_css),
                    bold=f.flagged,
                ),
            )
            for f in chunk
        )
        flagged = sum(1 for f in tracked if f.flagged)
        out.append(
            TableSlide(
                title="Since the last visit: the actions" + (" (continued)" if k else ""),
                intro=(
                    "The actions handed over at the last visit, as the client's team tracked them, and what became of each item."
                ),
                columns=(
                    Column("Action", 0.7),
                    Column("Status", 0, wrap=False),
                    Column("Owner", 0.3),
                    Column("Due", 0, wrap=False),
                    Column("Score", 0, wrap=False),
                    Column("Item now", 0, wrap=False),
                ),
                rows=rows,
                footnote=(f"Flagged: {plural(flagged, 'action')} marked done whose item did not improve." if flagged else ""),
                notes=_notes(*(f"{f.id} {f.text}" + (f" — {f.note}" if f.note else "") for f in chunk)),
            )
        )
    return out


def consistency_slide(page: Page) -> TableSlide | None:
    p = page.program
    if p is None:
        return None
    rows = [_spread_row(p.overall, "Overall", bold=True)]
    rows += [_spread_row(v, v.title) for v in p.spread]
    marked = [v.title for v in p.inconsistent]
    return TableSlide(
        title="Consistency between audits",
        intro="Each section's mean across the audits and how far the audits' scores spread around it.",
        columns=(
            Column("Section", 1.0),
            Column("Mean", 0, True, wrap=False),
            Column("Band", 0, wrap=False),
            Column("Std dev", 0, True, wrap=False),
            Column("Lowest", 0, True, wrap=False),
            Column("Highest", 0, True, wrap=False),
            Column("Audits", 0, True, wrap=False),
        ),
        rows=tuple(rows),
        footnote=("Least consistent: " + ", ".join(marked) + ".") if marked else "",
        notes=_notes(*page.summary.lead),
        key=page.bands,
    )


def _spread_row(v: object, title: str, bold: bool = False) -> tuple[Cell, ...]:
    from cx_audit.report.html.page import SpreadView

    assert isinstance(v, SpreadView)
    mark = " ◆" if v.inconsistent else ""
    return (
        Cell(title + mark, bold=bold),
        Cell(v.mean, tone=v.tone, bold=True),
        Cell(v.band),
        Cell(v.stdev, bold=v.inconsistent),
        Cell(v.min),
        Cell(v.max),
        Cell(v.audits),
    )


def sites_slide(page: Page) -> TableSlide | None:
    p = page.program
    if p is None or not p.sites:
        return None
    intro = "Each audit's overall and section scores, shaded by band."

    def row(s: SiteRow) -> tuple[Cell, ...]:
        return (
            Cell(s.label + (f" ({s.detail})" if s.detail else "")),
            Cell(s.overall.text, tone=s.overall.tone, bold=True),
            *(Cell(c.text, tone=c.tone) for c in s.cells),
        )

    sites = p.sites
    rows = tuple(row(s) for s in sites)
    if len(sites) > SITE_ROWS:  # the highest and the lowest (the page's own picks), the rest counted
        high, low = p.highest[: SITE_ROWS // 2], p.lowest[: SITE_ROWS // 2][::-1]
        between = len(sites) - len(high) - len(low)
        gap = (Cell(f"… {plural(between, 'audit')} between"), *(Cell("") for _ in range(len(p.columns) + 1)))
        rows = (*(row(s) for s in high), gap, *(row(s) for s in low))
        intro = (
            f"The {len(high)} highest- and {len(low)} lowest-scoring of {plural(len(sites), 'audit')}, shaded by band; "
            "every audit is in the report."
        )
    heads = tuple(Column(str(c.number), 0, True, wrap=False) for c in p.columns)
    legend = "Sections: " + " · ".join(f"{c.number} {c.title}" for c in p.columns) + "."
    return TableSlide(
        title="Audits by section",
        intro=intro,
        columns=(Column("Audit", 1.0), Column("Overall", 0, True, wrap=False), *heads),
        rows=rows,
        footnote=legend,
        notes=_notes(legend, *(f"{s.label}: {s.overall.text} ({s.band})" + (f", {s.cap}" if s.cap else "") for s in sites)),
        key=page.bands,
    )


def actions_slide(page: Page) -> ListSlide | None:
    s = page.summary
    if not s.actions:
        return None
    program = page.program is not None
    entries = tuple(_action_entry(a, program) for a in s.actions)
    where = "on the mean overall score" if program else f"on the overall score of {page.headline.score}"
    return ListSlide(
        title="Priority actions",
        intro=(
            "Ranked by the points each item loses on average across the audits."
            if program
            else "Critical failures first, then by the points each item costs the overall score."
        ),
        entries=entries,
        footnote=f"Together {s.actions_phrase} worth {s.actions_gain} points {where}; the plan holds {s.actions_total}.",
        notes=_entry_notes(entries),
    )


def _action_entry(a: ActionView, program: bool) -> Entry:
    detail = f"{a.item_id} · {a.section}" + (f" · {a.reach}" if a.reach else "")
    flag = ("critical item" if program else "critical failure") if a.critical else ""
    return Entry(
        heading=a.recommendation or a.text,
        detail=(detail + (f" · {flag}" if flag else ""),),
        more=(a.text,),
        tag=str(a.rank),
        figure=a.points,
        figure_label="points",
        tone="critical" if a.critical else "",
    )


def balanced(rows: list[T], most: int) -> list[list[T]]:
    """``rows`` in as few slides of at most ``most`` as needed, shared evenly (9 → 5 + 4)."""
    if not rows:
        return []
    parts = -(-len(rows) // most)
    size, extra = divmod(len(rows), parts)
    out, start = [], 0
    for k in range(parts):
        end = start + size + (1 if k < extra else 0)
        out.append(rows[start:end])
        start = end
    return out


# --- notes --------------------------------------------------------------------------


def _notes(*lines: str) -> str:
    return "\n".join(x for x in lines if x)


def _entry_notes(entries: tuple[Entry, ...]) -> str:
    return "\n\n".join(
        _notes(f"{e.tag}. {e.heading}" if e.tag and e.tag.isdigit() else e.heading, *e.detail, *e.more,
               f"{e.figure} {e.figure_label}" if e.figure else "")
        for e in entries
    )  # fmt: skip


def _delta_tone(css: str) -> str:
    return {"up": "tone-1", "down": "tone-4"}.get(css, "")
