"""The trend workbook (`trend --xlsx`): a Trend sheet, one row per visit, sections as
columns, with a native line chart of the overall per series.

The chart is an XY chart drawn with lines and markers: each series is plotted on its
own visit dates (sites are rarely visited on the same days), on one date axis. A
series of one visit is a single marker. Rows are streamed
(:class:`cx_audit.excel.sheets.FastRows`), so 2,000 visits take well under a second.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cx_audit.excel.cells import row_height, text_lines
from cx_audit.excel.looks import CENTRE, DATE, DELTA, PERCENT, SCORE, SUBTITLE, TITLE, WRAP
from cx_audit.excel.sheets import Book, Column, FastRows, cell, colour_scale, setup_sheet
from cx_audit.report.xlsx.cells import delta_colours, fraction, r1
from cx_audit.scoring.trend import Trend, section_score
from cx_audit.wording import band_words, trend_title

SHEET = "Trend"
FIXED = (
    Column("Client", 20, WRAP),
    Column("Site", 20, WRAP),
    Column("Date", 11, DATE.but(horizontal="right")),
    Column("Overall", 9, SCORE),
    Column("Band", 14, CENTRE.but(wrap=True)),
    Column("Change", 9, DELTA),
    Column("Complete", 10, PERCENT.but(horizontal="center")),
    Column("Critical failures", 16, WRAP.but(indent=1)),
)
# Colours of the chart's series (as on the trend page), repeated after ten.
COLOURS = ("1F5FA8", "D9640B", "2E8B3A", "C0282D", "7B4FA6", "7F5539", "C4488F", "5F6670", "8A8A12", "138A9C")


def render_trend_xlsx(trend: Trend) -> bytes:
    book = Book()
    trend_sheet(book, trend)
    last = max(v.date for s in trend.series for v in s.visits)
    return book.to_bytes(dt.datetime(last.year, last.month, last.day, 12, 0, 0))


HEADER_ROW = 22  # the chart takes the rows above the table


def trend_sheet(book: Book, trend: Trend) -> None:
    """Title, the chart, then the table (its header printed on every page)."""
    columns = FIXED + tuple(Column(s.title, 13, SCORE) for s in trend.sections)
    ws = book.sheet(SHEET)
    setup_sheet(ws, [c.width for c in columns], title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    ws.row_dimensions[1].height = 30
    clients = sorted({s.client for s in trend.series if s.client})
    title = trend_title(clients)
    ws.append([cell(ws, title, TITLE)])
    c = trend.checklist
    ws.append([cell(ws, f"{c.title} {c.version} · {len(trend.series)} series · {trend.visits} visits", SUBTITLE)])
    first_blank = 3
    if trend.editions:
        from cx_audit.wording import trend_note

        ws.append([cell(ws, trend_note(trend), SUBTITLE)])
        first_blank = 4
    for _ in range(first_blank, HEADER_ROW):
        ws.append([])
    lines = max(text_lines(col.header, col.width - 1) for col in columns)  # bold headers run a little wider
    ws.row_dimensions[HEADER_ROW].height = max(30, row_height(lines))
    ws.append([cell(ws, col.header, col.header_look) for col in columns])
    t = FastRows(ws, columns, first_row=HEADER_ROW + 1)
    book.tables.append(t)
    spans: list[tuple[str, int, int]] = []
    for s in trend.series:
        first = t.next_row
        for v in s.visits:
            r = v.result
            t.append(
                [
                    s.client,
                    s.site,
                    v.date,
                    r1(r.overall),
                    band_words(r),
                    v.change,
                    fraction(r.completeness),
                    ", ".join(c.item.id for c in r.critical_failures),
                    *[r1(section_score(v, sec.id)) for sec in trend.sections],
                ]
            )
        spans.append((trend.label(s), first, t.next_row - 1))
    last_row = t.next_row - 1
    first = HEADER_ROW + 1
    ws.auto_filter.ref = f"A{HEADER_ROW}:{t.letters[-1]}{max(last_row, first)}"
    colour_scale(ws, f"D{first}:D{last_row}")
    delta_colours(ws, f"F{first}:F{last_row}")
    _chart(ws, spans, trend)


def _chart(ws: Any, spans: list[tuple[str, int, int]], trend: Trend) -> None:
    from openpyxl.chart import Reference, ScatterChart, Series

    chart = ScatterChart(scatterStyle="lineMarker")
    chart.title = "Overall score by visit"
    chart.style = 2
    for k, (name, first, last) in enumerate(spans):
        xs = Reference(ws, min_col=3, min_row=first, max_row=last)
        ys = Reference(ws, min_col=4, min_row=first, max_row=last)
        series = Series(ys, xs, title=name[:250])
        colour = COLOURS[k % len(COLOURS)]
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 22225  # 1.75 pt
        if k >= len(COLOURS):
            series.graphicalProperties.line.dashStyle = "dash"
        series.marker.symbol = "circle"
        series.marker.size = 7 if first == last else 5
        series.marker.graphicalProperties.solidFill = colour
        series.marker.graphicalProperties.line.solidFill = colour
        series.smooth = False
        chart.series.append(series)
    dates = [v.date for s in trend.series for v in s.visits]
    from openpyxl.utils.datetime import to_excel

    lo, hi = to_excel(min(dates)), to_excel(max(dates))
    pad = max(7, (hi - lo) * 0.03)
    chart.x_axis.scaling.min = lo - pad
    chart.x_axis.scaling.max = hi + pad
    chart.x_axis.number_format = "yyyy-mm-dd"
    chart.x_axis.majorUnit = max(30, round((hi - lo) / 6 / 30) * 30) if hi > lo else 30
    chart.x_axis.title = "Visit date"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 25
    chart.y_axis.number_format = "0"
    chart.y_axis.title = "Overall score"
    chart.x_axis.majorGridlines = None  # dates run across; the score gridlines stay
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "r" if len(spans) > 1 else "b"
    chart.width, chart.height = 26, 9.4  # cm: rows 4 to 21
    ws.add_chart(chart, "A4")
