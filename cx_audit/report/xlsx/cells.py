"""What the report's sheets share: cell looks, values as stored, row tables, charts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cx_audit.excel.cells import fit_height, format_literal
from cx_audit.excel.looks import INPUT_FILL, INT, WRAP, Formatted, Look
from cx_audit.excel.sheets import cell
from cx_audit.model import Answer, Checklist, Item, ItemType
from cx_audit.scoring.program import ProgramResult
from cx_audit.scoring.rounding import shown_or_none
from cx_audit.wording import metric_text

ACTION_STATUSES = ("Open", "In progress", "Done")
INPUT = Look(fill=INPUT_FILL, border=True)
INPUT_DATE = INPUT.but(number_format="yyyy-mm-dd", horizontal="left")
LEFT_INT = INT.but(horizontal="left")
RED_BOLD = Look(bold=True, colour="9C0006", horizontal="left")
NOTE = WRAP.but(indent=1)


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
    if answer.metric is not None:
        return metric_text(answer.metric, v)
    if item.type is ItemType.rating and item.scale is not None:
        label = item.scale.label(v)
        return Formatted(v, f'0" · {format_literal(label)}"' if label else "0")
    if item.type is ItemType.number:
        return Formatted(v, f'General" {format_literal(item.unit)}"' if item.unit else "General")
    return item.describe_value(v)


def shown_width(value: Any) -> int:
    """About how many characters a cell shows for an answer_value(): a number with its
    label or unit in its format is as wide as both, and a number never wraps (a column
    too narrow for it prints ``###``)."""
    if isinstance(value, Formatted):
        literal = "".join(value.number_format.split('"')[1::2])  # the quoted text of the format
        return len(f"{value.value}") + len(literal)
    return 0 if value is None else min(len(str(value)), 12)  # text wraps: it needs no width


def fit_answer_column(columns: Sequence[Any], values: Sequence[Any], header: str = "Answer", most: int = 60) -> tuple[Any, ...]:
    """``columns`` with the one headed ``header`` widened for its widest number answer."""
    import dataclasses

    need = max((shown_width(v) for v in values), default=0) + 2
    return tuple(dataclasses.replace(c, width=min(max(c.width, need), most)) if c.header == header else c for c in columns)


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


def flag_yes(ws: Any, ref: str) -> None:
    """Cells saying "Yes" (a failure) in dark red on pale red."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill

    fill = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    rule = CellIsRule(operator="equal", formula=['"Yes"'], font=Font(color="9C0006", bold=True), fill=fill)
    ws.conditional_formatting.add(ref, rule)


def delta_colours(ws: Any, ref: str) -> None:
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


def chart(ws: Any, header_row: int, last_row: int, series_cols: list[int], anchor: str) -> None:
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
