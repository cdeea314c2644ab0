"""The trend page (`trend --html`): a line chart of the overall per series, small charts
per section, and the figures as tables.

As for the report, the page is built in two steps: plain data here (finished strings
and SVG coordinates), then ``report_templates/trend.html.j2``. The page is
self-contained (inline CSS and SVG, no script, no network), and depends only on the
inputs. A series with one visit is drawn as a point: there is no line to draw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cx_audit import __version__
from cx_audit.report.html.charts import f1
from cx_audit.scoring.rounding import shown
from cx_audit.scoring.trend import Series, Trend, Visit, section_score
from cx_audit.wording import band_words, long_date, num, trend_title

# Ten colours that stay apart on screen and in print (Tableau 10, darkened a little).
PALETTE = ("#1f5fa8", "#d9640b", "#2e8b3a", "#c0282d", "#7b4fa6", "#7f5539", "#c4488f", "#5f6670", "#8a8a12", "#138a9c")
DASHES = ("", "6 3", "2 3")  # after ten series the colours repeat with another stroke
SECTIONS_FIRST, SECTIONS_MORE = 8, 10  # section columns per table of figures (see TrendPage)


@dataclass(frozen=True)
class Tick:
    pos: str  # x or y
    text: str


@dataclass(frozen=True)
class Dot:
    x: str
    y: str
    tip: str  # "Harrogate, 2026-11-11: 72.4"


@dataclass(frozen=True)
class LineSeries:
    name: str
    colour: str
    dash: str
    points: str  # polyline points; empty for a single visit (drawn as a point only)
    dots: tuple[Dot, ...]


@dataclass(frozen=True)
class BandLine:
    y: str
    label: str


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    desc: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    bands: tuple[BandLine, ...]
    series: tuple[LineSeries, ...]
    small: bool

    @property
    def assessed(self) -> bool:
        return any(s.dots for s in self.series)


@dataclass(frozen=True)
class LegendItem:
    name: str
    colour: str
    dash: str
    single: bool  # one visit: a point, no line


@dataclass(frozen=True)
class Row:
    date: str
    overall: str
    change: str
    change_css: str  # up | down | flat
    band: str
    completeness: str
    critical: str  # item ids, or ""
    sections: tuple[str, ...]


@dataclass(frozen=True)
class SeriesTable:
    id: str
    name: str
    detail: str  # "4 visits, 12 May 2026 to 11 November 2026"
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class SectionHead:
    id: str
    title: str


@dataclass(frozen=True)
class TrendPage:
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    overall: LineChart
    section_charts: tuple[LineChart, ...]
    legend: tuple[LegendItem, ...]
    sections: tuple[SectionHead, ...]
    tables: tuple[SeriesTable, ...]
    generator: str

    @property
    def section_groups(self) -> tuple[tuple[int, ...], ...]:
        """The section columns of each table: eight fit beside the visit's figures on the
        page; more continue in a second table (the date, then the next ten at most)."""
        k = list(range(len(self.sections)))
        groups = [tuple(k[:SECTIONS_FIRST])]
        rest = k[SECTIONS_FIRST:]
        while rest:
            groups.append(tuple(rest[:SECTIONS_MORE]))
            rest = rest[SECTIONS_MORE:]
        return tuple(groups)


def style_of(k: int) -> tuple[str, str]:
    return PALETTE[k % len(PALETTE)], DASHES[(k // len(PALETTE)) % len(DASHES)]


class _Scale:
    def __init__(self, first: dt.date, last: dt.date, x0: float, x1: float, y0: float, y1: float) -> None:
        self.first, self.days = first.toordinal(), max(1, (last - first).days)
        self.single = first == last
        self.x0, self.x1, self.y0, self.y1 = x0, x1, y0, y1

    def x(self, day: dt.date) -> float:
        if self.single:
            return (self.x0 + self.x1) / 2
        return self.x0 + (self.x1 - self.x0) * (day.toordinal() - self.first) / self.days

    def y(self, score: float) -> float:
        return self.y1 - (self.y1 - self.y0) * shown(score) / 100.0


def _x_ticks(dates: list[dt.date], scale: _Scale, most: int) -> tuple[Tick, ...]:
    """The visit dates themselves when few and far enough apart; else evenly spaced months."""
    unique = sorted(set(dates))
    span = (unique[-1] - unique[0]).days
    gaps = [(b - a).days for a, b in zip(unique, unique[1:], strict=False)]
    if len(unique) <= most and (not gaps or min(gaps) >= span / (most * 1.3)):
        return tuple(Tick(f1(scale.x(d)), d.isoformat()) for d in unique)
    first = unique[0].toordinal()
    chosen = [dt.date.fromordinal(first + round(span * k / (most - 1))) for k in range(most)]
    return tuple(Tick(f1(scale.x(d)), f"{d:%b %Y}") for d in chosen)


def line_chart(trend: Trend, cid: str, title: str, value: Callable[[Visit], float | None], small: bool) -> LineChart:
    width, height = (300, 170) if small else (880, 360)
    left, right, top, bottom = (30, 10, 12, 24) if small else (44, 86, 16, 34)
    dates = [v.date for s in trend.series for v in s.visits]
    scale = _Scale(min(dates), max(dates), left, width - right, top, height - bottom)
    series = []
    for k, s in enumerate(trend.series):
        colour, dash = style_of(k)
        pts = [(v, value(v)) for v in s.visits]
        known = [(v, sc) for v, sc in pts if sc is not None]
        coords = [(f1(scale.x(v.date)), f1(scale.y(sc))) for v, sc in known]
        dots = tuple(
            Dot(x, y, f"{trend.label(s)}, {v.date.isoformat()}: {num(sc)}") for (x, y), (v, sc) in zip(coords, known, strict=True)
        )
        points = " ".join(f"{x},{y}" for x, y in coords) if len(coords) > 1 else ""
        series.append(LineSeries(trend.label(s), colour, dash, points, dots))
    y_ticks = tuple(Tick(f1(scale.y(v)), str(v)) for v in ((0, 50, 100) if small else (0, 25, 50, 75, 100)))
    bands: tuple[BandLine, ...] = ()
    if not small:
        bands = tuple(
            BandLine(f1(scale.y(b.min)), b.label) for b in sorted(trend.checklist.bands, key=lambda b: -b.min) if b.min > 0
        )
    x_ticks = _x_ticks(dates, scale, 3 if small else 8)
    first, last = min(dates), max(dates)
    desc = (
        f"{title} of {len(trend.series)} series from {first.isoformat()} to {last.isoformat()}, "
        "on a scale of 0 to 100; the same figures are in the tables below."
    )
    return LineChart(cid, title, desc, width, height, left, right, top, bottom, y_ticks, x_ticks, bands, tuple(series), small)


def _overall(v: Visit) -> float | None:
    return v.result.overall


def _section(section_id: str) -> Callable[[Visit], float | None]:
    return lambda v: section_score(v, section_id)


def _row(trend: Trend, v: Visit) -> Row:
    r = v.result
    change = "—" if v.change is None else f"{v.change:+.1f}"
    css = "flat" if not v.change else "up" if v.change > 0 else "down"
    return Row(
        date=v.date.isoformat(),
        overall=num(r.overall),
        change=change,
        change_css=css,
        band=band_words(r),
        completeness=f"{num(r.completeness)}%",
        critical=", ".join(c.item.id for c in r.critical_failures),
        sections=tuple(num(section_score(v, s.id)) for s in trend.sections),
    )


def _table(trend: Trend, k: int, s: Series) -> SeriesTable:
    n = len(s.visits)
    first, last = s.visits[0].date, s.visits[-1].date
    span = f"on {long_date(first)}" if n == 1 else f"{long_date(first)} to {long_date(last)}"
    detail = f"{n} visit{'s' if n != 1 else ''}, {span}"
    if trend.several_clients or not s.site:
        detail = f"{s.client} · {detail}" if s.site else detail
    return SeriesTable(f"series-{k + 1}", trend.label(s), detail, tuple(_row(trend, v) for v in s.visits))


def build_trend_page(trend: Trend) -> TrendPage:
    c = trend.checklist
    dates = [v.date for s in trend.series for v in s.visits]
    clients = sorted({s.client for s in trend.series if s.client})
    title = trend_title(clients)
    facts: tuple[tuple[str, str], ...] = (
        ("Checklist", f"{c.title} {c.version}"),
        ("Series", f"{len(trend.series)} (by client and site)"),
        ("Visits", str(trend.visits)),
        ("From", long_date(min(dates))),
        ("To", long_date(max(dates))),
    )
    if trend.editions:
        from cx_audit.wording import trend_note

        facts += (("Checklist versions", trend_note(trend)),)
    legend = tuple(
        LegendItem(trend.label(s), *style_of(k), single=len([v for v in s.visits if v.result.overall is not None]) < 2)
        for k, s in enumerate(trend.series)
    )
    return TrendPage(
        title=title,
        subtitle=f"{c.title} {c.version}",
        facts=facts,
        overall=line_chart(trend, "chart-overall", "Overall score", _overall, small=False),
        section_charts=tuple(
            line_chart(trend, f"chart-{k + 1}", s.title, _section(s.id), small=True) for k, s in enumerate(trend.sections)
        ),
        legend=legend,
        sections=tuple(SectionHead(s.id, s.title) for s in trend.sections),
        tables=tuple(_table(trend, k, s) for k, s in enumerate(trend.series)),
        generator=f"cx-audit {__version__}",
    )


def render_trend_html(trend: Trend) -> str:
    from cx_audit.report.html.render import environment
    from cx_audit.safetext import printable

    page = build_trend_page(trend)
    return printable(environment().get_template("trend.html.j2").render(page=page))
