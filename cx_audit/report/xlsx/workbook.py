"""The Excel action plan: Summary, Items, Actions, and Comparison, Sites, Answers when relevant.

One audit → Summary, Items, Actions (+ Comparison with a baseline).
Several audits (a program) → Summary, Sites, then Items and Actions per item over the
audits, and Answers: every audit's answers in long format, for the client's pivot tables.

The workbook is written in openpyxl's write-only mode, its big tables as streamed XML
(:class:`cx_audit.xlsx_common.FastRows`), so a thousand sites take a second or two.
Figures are numbers rounded as every other report shows them (1 decimal) with number
formats; dates are dates; user text is always stored as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cx_audit.excel.common import (
    CENTRE,
    DATE,
    DELTA,
    HEADER,
    HEADER_NUM,
    HEADING,
    INPUT_FILL,
    INT,
    LABEL,
    PERCENT,
    PLAIN,
    SCORE,
    SCORE_BIG,
    SUBTITLE,
    TITLE,
    WRAP,
    Book,
    Column,
    FastRows,
    Formatted,
    Look,
    Styled,
    autofilter,
    band_look,
    cell,
    colour_scale,
    fit_height,
    format_literal,
    setup_sheet,
)
from cx_audit.files.atomic import atomic_write_bytes
from cx_audit.model import Answer, Checklist, Item, ItemType
from cx_audit.report.input import ReportInput
from cx_audit.scoring.audit import AuditResult, Status
from cx_audit.scoring.compare import Comparison
from cx_audit.scoring.program import ProgramResult, Stats
from cx_audit.scoring.rounding import band_for, delta, shown_or_none

STATUS_TEXT = {
    Status.scored: "Scored",
    Status.na: "N/A",
    Status.unanswered: "Unanswered",
    Status.not_applicable: "Not applicable",
    Status.unscored: "Not scored (text)",
}
ACTION_STATUSES = ("Open", "In progress", "Done")
INPUT = Look(fill=INPUT_FILL, border=True)
INPUT_DATE = INPUT.but(number_format="yyyy-mm-dd", horizontal="left")
LEFT_INT = INT.but(horizontal="left")
RED_BOLD = Look(bold=True, colour="9C0006", horizontal="left")
NOTE = WRAP.but(indent=1)


def write_xlsx(inp: ReportInput, path: Path) -> None:
    """Write the workbook atomically: rendered in memory first, then renamed into place."""
    atomic_write_bytes(path, render_xlsx(inp))


def render_xlsx(inp: ReportInput) -> bytes:
    book = Book()
    if inp.program is not None:
        _program_summary(book, inp.program)
        _sites(book, inp.program)
        aggs = _aggregate(inp.program)
        _program_items(book, inp.program, aggs)
        _program_actions(book, inp.program, aggs)
        _answers(book, inp.program)
    else:
        _summary(book, inp.main, inp.comparison)
        _items(book, inp.main)
        _actions(book, inp.main)
        if inp.comparison is not None:
            _comparison(book, inp.comparison)
    return book.to_bytes(inp.stamp)


# --- values -----------------------------------------------------------------------


def r1(value: float | None) -> float | None:
    return shown_or_none(value, 1)


def fraction(percent: float) -> float:
    """A 0–100 figure as the fraction a percent format shows, rounded as displayed."""
    return round((r1(percent) or 0.0) / 100, 4)


def score100(s: float | None) -> float | None:
    return None if s is None else r1(100.0 * s)


def answer_value(item: Item, answer: Answer | None) -> Any:
    """An answer as a cell holds it: numbers stay numbers, shown with their label or unit."""
    if answer is None:
        return None
    if answer.na:
        return "N/A"
    v = answer.value
    if v is None:
        return None
    if item.type is ItemType.rating and item.scale is not None:
        label = item.scale.label(v)
        return Formatted(v, f'0" · {format_literal(label)}"' if label else "0")
    if item.type is ItemType.number:
        return Formatted(v, f'General" {format_literal(item.unit)}"' if item.unit else "General")
    return item.describe_value(v)


def type_text(item: Item) -> str:
    if item.type is ItemType.rating and item.scale is not None:
        return f"Rating {item.scale.min}–{item.scale.max}"
    if item.type is ItemType.number:
        return f"Number ({item.unit})" if item.unit else "Number"
    names = {ItemType.yesno: "Yes/No", ItemType.choice: "Choice", ItemType.text: "Text"}
    return names.get(item.type, str(item.type.value))


def yes(flag: bool) -> str:
    return "Yes" if flag else ""


def section_titles(checklist: Checklist) -> dict[str, str]:
    return {s.id: s.title for s in checklist.sections}


def program_section_titles(p: ProgramResult) -> dict[str, str]:
    """Titles of every section of every audit (they may use different checklist versions)."""
    return {s.id: s.title for s, _ in p.sections}


def band_labels(checklist: Checklist) -> list[str]:
    return [b.label for b in sorted(checklist.bands, key=lambda b: -b.min)]


class Rows:
    """Rows of a write-only sheet whose cells vary in look (Summary, Comparison)."""

    def __init__(self, ws: Any, widths: Sequence[float]) -> None:
        self.ws = ws
        self.widths = list(widths)
        self.row = 0

    def add(self, *values: tuple[Any, Look] | None, merge: int = 1) -> int:
        """Append one row of (value, look) pairs (None: an empty cell); returns its number.

        ``merge`` > 1 merges the first cell over that many columns (give None for the
        others). The row is as tall as its longest wrapped text needs.
        """
        cells: list[Any] = []
        wrapped = []
        for i, v in enumerate(values):
            if v is None:
                cells.append(None)
                continue
            value, look = v
            if isinstance(value, Formatted):
                value, look = value.value, look.but(number_format=value.number_format)
            if look.wrap:
                span = merge if i == 0 else 1
                wrapped.append((i, sum(self.widths[i : i + span]), look.size))
            cells.append(cell(self.ws, value, look))
        row = self.row + 1
        height = fit_height([None if v is None else v[0] for v in values], wrapped)
        if height:
            self.ws.row_dimensions[row].height = height  # before the row is streamed out
        if merge > 1:
            from openpyxl.utils import get_column_letter

            self.ws.merged_cells.add(f"A{row}:{get_column_letter(merge)}{row}")
        self.ws.append(cells)
        self.row = row
        return row

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.ws.append([])
            self.row += 1


# --- conditional formats and charts -------------------------------------------------


def _flag_yes(ws: Any, ref: str) -> None:
    """Cells saying "Yes" (a failure) in dark red on pale red."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill

    fill = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    rule = CellIsRule(operator="equal", formula=['"Yes"'], font=Font(color="9C0006", bold=True), fill=fill)
    ws.conditional_formatting.add(ref, rule)


def _delta_colours(ws: Any, ref: str) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font

    ws.conditional_formatting.add(ref, CellIsRule(operator="greaterThan", formula=["0"], font=Font(color="006100", bold=True)))
    ws.conditional_formatting.add(ref, CellIsRule(operator="lessThan", formula=["0"], font=Font(color="9C0006", bold=True)))


def _text_size(hundredths: int) -> Any:
    """Axis text of a given size (in hundredths of a point)."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    props = CharacterProperties(sz=hundredths)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


SERIES_COLOURS = ("1F3864", "A5A5A5", "C00000", "70AD47")


def _chart(ws: Any, header_row: int, last_row: int, series_cols: list[int], anchor: str) -> None:
    """A native chart of section scores: radar for three sections or more, else bars."""
    from openpyxl.chart import BarChart, RadarChart, Reference

    radar = last_row - header_row >= 3
    chart: Any = RadarChart() if radar else BarChart()
    if radar:
        chart.type = "marker"
    else:
        chart.type = "bar"
        chart.gapWidth = 60
    chart.title = "Section scores"
    for col in series_cols:
        chart.add_data(Reference(ws, min_col=col, min_row=header_row, max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    for k, series in enumerate(chart.series):
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        line = series.graphicalProperties.line
        line.solidFill = colour
        line.width = 28575 if k == 0 else 19050  # EMU: 2.25 pt, then 1.5 pt
        if radar:
            series.marker.symbol = "circle"
            series.marker.size = 6
            series.marker.graphicalProperties.solidFill = colour
            series.marker.graphicalProperties.line.solidFill = colour
            if k > 0:
                line.dashStyle = "dash"
        else:
            series.graphicalProperties.solidFill = colour
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 25
    chart.y_axis.number_format = "0"
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.legend.position = "b"
    chart.x_axis.txPr = _text_size(800)  # section titles can be long
    chart.y_axis.txPr = _text_size(700)
    chart.width, chart.height = 18, 10.5  # cm
    ws.add_chart(chart, anchor)


# --- Summary ----------------------------------------------------------------------

SUMMARY_WIDTHS = (34, 12, 12, 16, 11, 11, 11, 11)
CHART_ROWS = 23  # the chart, anchored at D3, ends above this row


@dataclass
class _Summary:
    """A Summary sheet: title and facts on the left, the chart on the right, then tables."""

    book: Book
    title: str
    subtitle: str
    bands: list[str]
    rows: Rows = field(init=False)

    def __post_init__(self) -> None:
        ws = self.book.sheet("Summary")
        setup_sheet(ws, SUMMARY_WIDTHS)
        ws.row_dimensions[1].height = 32
        self.rows = Rows(ws, SUMMARY_WIDTHS)
        self.rows.add((self.title, TITLE))
        self.rows.add((self.subtitle, SUBTITLE))

    def fact(self, label: str, *values: tuple[Any, Look] | None) -> int:
        return self.rows.add((label, LABEL), *values)

    def headline(self, label: str, score: float | None, band: str | None) -> None:
        self.rows.ws.row_dimensions[self.rows.row + 1].height = 26  # before the row is streamed out
        self.rows.add(
            (label, LABEL.but(vertical="center")),
            (r1(score), SCORE_BIG),
            (band or "not assessed", band_look(band, self.bands, vertical="center", horizontal="center")),
        )

    def table(self, heading: str, heads: list[str]) -> int:
        """Leave room for the chart, then a heading and a header row; returns the header's row.

        The first column holds section titles, the fourth bands (centred), the rest numbers.
        """
        self.rows.blank(max(1, CHART_ROWS - self.rows.row))
        self.rows.add((heading, HEADING))
        looks = [HEADER, HEADER_NUM, HEADER_NUM, HEADER.but(horizontal="center")] + [HEADER_NUM] * (len(heads) - 4)
        return self.rows.add(*zip(heads, looks[: len(heads)], strict=True))


def _summary(book: Book, r: AuditResult, cmp: Comparison | None) -> None:
    a, c = r.audit, r.checklist
    bands = band_labels(c)
    sheet = _Summary(
        book,
        f"Customer experience audit — {a.client}" if a.client else "Customer experience audit",
        f"{c.title} {c.version}",
        bands,
    )
    sheet.rows.blank()
    sheet.fact("Client", (a.client, PLAIN))
    sheet.fact("Site", (a.site, PLAIN))
    sheet.fact("Auditor", (a.auditor, PLAIN))
    sheet.fact("Date", (a.date, DATE))
    sheet.rows.blank()
    sheet.headline("Overall score", r.overall, r.band)
    sheet.fact("Completeness", (fraction(r.completeness), PERCENT))
    sheet.fact("Critical failures", (len(r.critical_failures), RED_BOLD if r.critical_failures else LEFT_INT))
    sheet.fact("Actions", (len(r.actions), LEFT_INT))
    if cmp is not None:
        b = cmp.baseline
        sheet.fact("Baseline score", (r1(b.overall), SCORE.but(horizontal="left")), (b.audit.date, DATE))
        change = delta(r.overall, b.overall)
        colour = "9C0006" if (change or 0) < 0 else "006100" if (change or 0) > 0 else "000000"
        sheet.fact("Change", (change, DELTA.but(horizontal="left", bold=True, colour=colour)))
    heads = ["Section", "Weight", "Score", "Band", "Answered", "Applicable"]
    if cmp is not None:
        heads += ["Baseline", "Change"]
    header_row = sheet.table("Sections", heads)
    rows = sheet.rows
    for k, s in enumerate(r.sections):
        values: list[tuple[Any, Look] | None] = [
            (s.section.title, WRAP),
            (s.section.weight, Look(number_format="0.##")),
            (r1(s.score), SCORE),
            (s.band or "not assessed", band_look(s.band, bands, horizontal="center")),
            (s.answered, INT),
            (s.applicable, INT),
        ]
        if cmp is not None:
            d = cmp.sections[k]
            values += [(r1(d.baseline), SCORE), (delta(d.current, d.baseline), DELTA)]
        rows.add(*values)
    if cmp is not None:
        _delta_colours(rows.ws, f"H{header_row + 1}:H{rows.row}")
    _chart(rows.ws, header_row, header_row + len(r.sections), [3, 7] if cmp is not None else [3], "D3")
    if r.critical_failures:
        rows.blank()
        rows.add(("Critical failures", HEADING.but(colour="9C0006")))
        rows.add(("Question", HEADER), *[("", HEADER)] * 5, ("Item", HEADER), ("Score", HEADER_NUM), merge=6)
        for ir in r.critical_failures:
            rows.add((ir.item.text, WRAP), *[None] * 5, (ir.item.id, PLAIN), (score100(ir.s), SCORE), merge=6)


def _program_summary(book: Book, p: ProgramResult) -> None:
    c = p.checklist
    bands = band_labels(c)
    clients = sorted({r.audit.client for r in p.audits if r.audit.client})
    dates = sorted(r.audit.date for r in p.audits if r.audit.date)
    title = "Customer experience audit programme"
    sheet = _Summary(book, f"{title} — {clients[0]}" if len(clients) == 1 else title, f"{c.title} {c.version}", bands)
    sheet.rows.blank()
    sheet.fact("Client" if len(clients) <= 1 else "Clients", ("; ".join(clients), PLAIN))
    sheet.fact("Audits", (len(p.audits), LEFT_INT))
    sheet.fact("First audit", (dates[0] if dates else None, DATE))
    sheet.fact("Last audit", (dates[-1] if dates else None, DATE))
    sheet.rows.blank()
    s = p.overall
    sheet.headline("Overall mean", s.mean if s else None, band_for(s.mean if s else None, c.bands))
    sheet.fact("Spread (stdev)", (r1(s.stdev) if s else None, SCORE.but(horizontal="left")))
    sheet.fact("Lowest", (r1(s.min) if s else None, SCORE.but(horizontal="left")))
    sheet.fact("Highest", (r1(s.max) if s else None, SCORE.but(horizontal="left")))
    with_crit = sum(1 for r in p.audits if r.critical_failures)
    sheet.fact("Audits with critical failures", (with_crit, RED_BOLD if with_crit else LEFT_INT))
    header_row = sheet.table(
        "Sections (over the audits in which each was assessed)",
        ["Section", "Weight", "Mean", "Band", "Stdev", "Min", "Max", "Assessed in"],
    )
    for section, st in p.sections:
        band = band_for(st.mean if st else None, c.bands)
        sheet.rows.add(
            (section.title, WRAP),
            (section.weight, Look(number_format="0.##")),
            (r1(st.mean) if st else None, SCORE),
            (band or "not assessed", band_look(band, bands, horizontal="center")),
            *[(r1(getattr(st, k)) if st else None, SCORE) for k in ("stdev", "min", "max")],
            (st.n if st else 0, INT),
        )
    _chart(sheet.rows.ws, header_row, header_row + len(p.sections), [3, 6, 7], "D3")


# --- one audit: Items, Actions, Comparison -----------------------------------------

ITEM_COLUMNS = (
    Column("Section", 20, WRAP),
    Column("ID", 7),
    Column("Question", 54, WRAP),
    Column("Type", 12),
    Column("Answer", 20, WRAP.but(horizontal="left")),
    Column("Score", 8, SCORE),
    Column("Points lost", 8, SCORE),
    Column("Critical", 9, CENTRE),
    Column("Failed", 8, CENTRE),
    Column("Status", 14, NOTE),
    Column("Note", 44, NOTE),
)


def _items(book: Book, r: AuditResult) -> None:
    t = book.table("Items", ITEM_COLUMNS)
    titles = section_titles(r.checklist)
    for ir in r.items:
        item = ir.item
        t.append(
            [
                titles.get(item.section, item.section),
                item.id,
                item.text,
                type_text(item),
                answer_value(item, ir.answer),
                score100(ir.s),
                r1(ir.points_lost),
                yes(item.critical),
                ("Yes" if ir.failed else "No") if ir.s is not None else "",
                STATUS_TEXT.get(ir.status, ir.status),
                ir.answer.note if ir.answer is not None else "",
            ]
        )
    autofilter(t)
    colour_scale(t.ws, f"F2:F{t.next_row - 1}")
    _flag_yes(t.ws, f"I2:I{t.next_row - 1}")


ACTION_COLUMNS = (
    Column("#", 5, CENTRE),
    Column("Section", 18, WRAP),
    Column("ID", 7),
    Column("Question", 42, WRAP),
    Column("Answer", 18, WRAP.but(horizontal="left")),
    Column("Score", 8, SCORE),
    Column("Points lost", 8, SCORE),
    Column("Critical failure", 9, CENTRE),
    Column("Recommendation", 58, NOTE),
    Column("Owner", 16, INPUT),
    Column("Due", 12, INPUT_DATE),
    Column("Status", 13, INPUT),
)


def _actions(book: Book, r: AuditResult) -> None:
    t = book.table("Actions", ACTION_COLUMNS)
    titles = section_titles(r.checklist)
    for rank, ir in enumerate(r.actions, 1):
        item = ir.item
        t.append(
            [
                rank,
                titles.get(item.section, item.section),
                item.id,
                item.text,
                answer_value(item, ir.answer),
                score100(ir.s),
                r1(ir.points_lost),
                yes(ir.critical_failure),
                item.recommendation,
                None,
                None,
                None,
            ]
        )
    _action_inputs(t, "H")


def _action_inputs(t: FastRows, flag_col: str) -> None:
    """Owner, Due and Status for the client's team: a date check and a status drop-down."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    if t.rows == 0:
        t.append([None, None, None, "No item lost points: there is nothing to do."] + [None] * (len(t.letters) - 4))
    ws, last = t.ws, t.next_row - 1
    due, status = t.letters[-2], t.letters[-1]
    autofilter(t)
    dates = DataValidation(
        type="date",
        operator="between",
        formula1="36526",
        formula2="73415",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Due date",
        error="Enter a date, such as 2027-03-31.",
    )
    dates.add(f"{due}2:{due}{last}")
    states = DataValidation(
        type="list",
        formula1='"' + ",".join(ACTION_STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Pick Open, In progress or Done.",
    )
    states.add(f"{status}2:{status}{last}")
    ws.data_validations.append(dates)
    ws.data_validations.append(states)
    green = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
    ws.conditional_formatting.add(
        f"{status}2:{status}{last}", CellIsRule(operator="equal", formula=['"Done"'], font=Font(color="006100"), fill=green)
    )
    _flag_yes(ws, f"{flag_col}2:{flag_col}{last}")


COMPARISON_WIDTHS = (22, 12, 52, 11, 11, 11, 12)


def _comparison(book: Book, cmp: Comparison) -> None:
    ws = book.sheet("Comparison")
    setup_sheet(ws, COMPARISON_WIDTHS)
    ws.row_dimensions[1].height = 30
    rows = Rows(ws, COMPARISON_WIDTHS)
    b, c = cmp.baseline, cmp.current
    titles = section_titles(c.checklist)
    rows.add(("Comparison with the baseline", TITLE))
    rows.blank()
    rows.add(("Baseline", LABEL), (b.audit.date, DATE), (b.audit.label, PLAIN))
    rows.add(("Current", LABEL), (c.audit.date, DATE), (c.audit.label, PLAIN))
    verdict = ("Yes", RED_BOLD) if cmp.regression else ("No", LABEL.but(colour="006100"))
    rows.add(("Regression", LABEL), verdict)
    rows.blank()
    rows.add(("Scores", HEADING))
    rows.add(
        ("Section", HEADER),
        ("", HEADER),
        ("", HEADER),
        ("Baseline", HEADER_NUM),
        ("Current", HEADER_NUM),
        ("Change", HEADER_NUM),
        merge=3,
    )
    first = rows.add(
        ("Overall", LABEL),
        None,
        None,
        (r1(b.overall), SCORE),
        (r1(c.overall), SCORE),
        (delta(c.overall, b.overall), DELTA),
        merge=3,
    )
    for d in cmp.sections:
        rows.add(
            (d.section.title, WRAP),
            None,
            None,
            (r1(d.baseline), SCORE),
            (r1(d.current), SCORE),
            (delta(d.current, d.baseline), DELTA),
            merge=3,
        )
    _delta_colours(ws, f"F{first}:F{rows.row}")
    rows.blank()
    rows.add(("Items whose score changed", HEADING))
    rows.add(
        ("Section", HEADER),
        ("ID", HEADER),
        ("Question", HEADER),
        ("Baseline", HEADER_NUM),
        ("Current", HEADER_NUM),
        ("Change", HEADER_NUM),
        ("Direction", HEADER.but(indent=1)),
    )
    first = rows.row + 1
    for ch in cmp.changed:
        rows.add(
            (titles.get(ch.item.section, ""), WRAP),
            (ch.item.id, PLAIN),
            (ch.item.text, WRAP),
            (score100(ch.baseline), SCORE),
            (score100(ch.current), SCORE),
            (delta(100 * ch.current, 100 * ch.baseline), DELTA),
            (ch.change.capitalize(), NOTE),
        )
    if cmp.changed:
        _delta_colours(ws, f"F{first}:F{rows.row}")
    else:
        rows.add(("No item's score changed.", SUBTITLE))
    lists = (
        ("New critical failures", cmp.new_critical),
        ("Resolved critical failures", cmp.resolved_critical),
        ("Scored in the baseline only", cmp.only_in_baseline),
        ("Scored in the current audit only", cmp.only_in_current),
    )
    for heading, items in lists:
        rows.blank()
        rows.add((heading, HEADING))
        for item in items:
            rows.add((titles.get(item.section, ""), WRAP), (item.id, PLAIN), (item.text, WRAP))
        if not items:
            rows.add(("None.", SUBTITLE))
    rows.blank()
    rows.add(("Sections no longer assessed", HEADING))
    for s in cmp.became_not_assessed:
        rows.add((s.title, PLAIN))
    if not cmp.became_not_assessed:
        rows.add(("None.", SUBTITLE))


# --- a program of several audits ---------------------------------------------------


def _sites(book: Book, p: ProgramResult) -> None:
    sections = [s for s, _ in p.sections]  # matched by id: audits may use different checklist versions
    columns = [
        Column("Site", 24, WRAP),
        Column("Date", 11, DATE),
        Column("Auditor", 16),
        Column("Overall", 9, SCORE),
        Column("Band", 13, CENTRE),
        Column("Completeness", 13, PERCENT.but(horizontal="right")),
        Column("Critical failures", 9, INT),
        *[Column(s.title, 13, SCORE) for s in sections],
        Column("Audit file", 22, NOTE),
    ]
    t = book.table("Sites", columns, freeze="B2")
    for r in p.audits:
        t.append(
            [
                r.audit.label,
                r.audit.date,
                r.audit.auditor,
                r1(r.overall),
                r.band or "not assessed",
                fraction(r.completeness),
                len(r.critical_failures),
                *[r1(sr.score) if (sr := r.section(s.id)) else None for s in sections],
                r.audit.path.name if r.audit.path else "",
            ]
        )
    autofilter(t)
    last = t.next_row - 1
    colour_scale(t.ws, f"D2:D{last} H2:{t.letters[6 + len(sections)]}{last}")
    t.append([])
    stats = [p.overall] + [st for _, st in p.sections]
    bold = SCORE.but(bold=True)
    for label in ("mean", "stdev", "min", "max"):
        values = [None if st is None else Styled(r1(getattr(st, label)), bold) for st in stats]
        t.append([Styled(label.capitalize(), LABEL), None, None, values[0], None, None, None, *values[1:]])


@dataclass
class _ItemAgg:
    scores: list[float] = field(default_factory=list)
    lost: list[float] = field(default_factory=list)
    failed: int = 0
    na: int = 0
    unanswered: int = 0


def _aggregate(p: ProgramResult) -> dict[str, _ItemAgg]:
    aggs = {item.id: _ItemAgg() for item in p.items}  # by id: audits may use different versions
    for r in p.audits:
        for ir in r.items:
            agg = aggs[ir.item.id]
            if ir.s is not None:
                agg.scores.append(100.0 * ir.s)
                agg.lost.append(ir.points_lost or 0.0)
                agg.failed += ir.failed
            elif ir.status == Status.na:
                agg.na += 1
            elif ir.status == Status.unanswered:
                agg.unanswered += 1
    return aggs


PROGRAM_ITEM_COLUMNS = (
    Column("Section", 20, WRAP),
    Column("ID", 7),
    Column("Question", 54, WRAP),
    Column("Type", 12),
    Column("Critical", 9, CENTRE),
    Column("Scored in", 8, INT),
    Column("Mean score", 8, SCORE),
    Column("Stdev", 8, SCORE),
    Column("Min", 8, SCORE),
    Column("Max", 8, SCORE),
    Column("Mean points lost", 9, SCORE),
    Column("Failed in", 8, INT),
    Column("N/A in", 8, INT),
    Column("Unanswered in", 11, INT),
)


def _program_items(book: Book, p: ProgramResult, aggs: dict[str, _ItemAgg]) -> None:
    t = book.table("Items", PROGRAM_ITEM_COLUMNS)
    titles = program_section_titles(p)
    for item in p.items:
        agg = aggs[item.id]
        st = Stats.of(agg.scores)
        t.append(
            [
                titles.get(item.section, item.section),
                item.id,
                item.text,
                type_text(item),
                yes(item.critical),
                len(agg.scores),
                *[r1(getattr(st, k)) if st else None for k in ("mean", "stdev", "min", "max")],
                r1(sum(agg.lost) / len(agg.lost)) if agg.lost else None,
                agg.failed,
                agg.na,
                agg.unanswered,
            ]
        )
    autofilter(t)
    colour_scale(t.ws, f"G2:G{t.next_row - 1}")


PROGRAM_ACTION_COLUMNS = (
    Column("#", 5, CENTRE),
    Column("Section", 18, WRAP),
    Column("ID", 7),
    Column("Question", 42, WRAP),
    Column("Critical", 9, CENTRE),
    Column("Mean points lost", 9, SCORE),
    Column("Scored in", 8, INT),
    Column("Failed in", 8, INT),
    Column("Recommendation", 58, NOTE),
    Column("Owner", 16, INPUT),
    Column("Due", 12, INPUT_DATE),
    Column("Status", 13, INPUT),
)


def _program_actions(book: Book, p: ProgramResult, aggs: dict[str, _ItemAgg]) -> None:
    t = book.table("Actions", PROGRAM_ACTION_COLUMNS)
    titles = program_section_titles(p)
    for rank, a in enumerate(p.actions, 1):
        item = a.item
        t.append(
            [
                rank,
                titles.get(item.section, item.section),
                item.id,
                item.text,
                yes(item.critical),
                r1(a.mean_points_lost),
                a.audits,
                aggs[item.id].failed,
                item.recommendation,
                None,
                None,
                None,
            ]
        )
    _action_inputs(t, "E")


ANSWER_COLUMNS = (
    Column("Site", 22),
    Column("Date", 11, DATE),
    Column("Section", 24),
    Column("Item", 7),
    Column("Answer", 24, PLAIN.but(horizontal="left")),
    Column("Score", 8, SCORE),
    Column("Note", 60, NOTE),
)


def _answers(book: Book, p: ProgramResult) -> None:
    """Every audit's answers, one row per answered item: the pivot-table source."""
    t = book.table("Answers", ANSWER_COLUMNS)
    titles = program_section_titles(p)
    for r in p.audits:
        site, date = r.audit.label, r.audit.date
        for ir in r.items:
            if ir.status in (Status.scored, Status.na, Status.unscored):
                t.append(
                    [
                        site,
                        date,
                        titles.get(ir.item.section, ""),
                        ir.item.id,
                        answer_value(ir.item, ir.answer),
                        score100(ir.s),
                        ir.answer.note if ir.answer is not None else "",
                    ]
                )
    autofilter(t)
