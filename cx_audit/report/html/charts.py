"""Chart geometry for the HTML report: a radar, horizontal bars and a spread chart.

Pure functions from numbers to plain data (coordinates already formatted as strings);
``report_templates/_charts.j2`` turns that data into inline SVG, so every label passes
through the template's autoescaping. No randomness, no clock: the same numbers give
the same drawing. Colours come from CSS classes, so the page's accent applies.

Every chart carries a title and a one-paragraph description (for ``<title>`` and
``<desc>``); the report also prints the same numbers as a table beside it.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Union

from cx_audit.scoring.rounding import shown


def f1(v: float) -> str:
    """A coordinate as short, stable text."""
    return f"{v + 0.0:.1f}"


def score_text(v: float | None) -> str:
    return "not assessed" if v is None else f"{shown(v):.1f}"


@dataclass(frozen=True)
class SeriesInput:
    name: str  # e.g. "This audit (2026-11-12)"
    values: tuple[float | None, ...]  # 0–100, one per axis; None = not assessed
    style: str  # "current" | "baseline"


@dataclass(frozen=True)
class Line:
    x1: str
    y1: str
    x2: str
    y2: str


@dataclass(frozen=True)
class TextLine:
    text: str
    x: str
    y: str
    css: str = ""


@dataclass(frozen=True)
class Label:
    anchor: str  # start | middle | end
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class Ring:
    points: str
    label: TextLine


@dataclass(frozen=True)
class Dot:
    x: str
    y: str


@dataclass(frozen=True)
class Series:
    name: str
    css: str
    points: str  # polygon points; empty when fewer than two values
    dots: tuple[Dot, ...]


@dataclass(frozen=True)
class LegendEntry:
    name: str
    css: str
    shape: str  # "rect" (a swatch at x, y) or "line" (from x to x2 at y)
    x: str
    y: str
    x2: str
    text_x: str
    text_y: str


def legend_entry(name: str, css: str, x: float, y: float) -> LegendEntry:
    """A swatch or a line sample at (x, baseline y of the text), then the name."""
    if css in ("baseline", "range"):
        return LegendEntry(name, css, "line", f1(x), f1(y - 4), f1(x + 26), f1(x + 34), f1(y))
    return LegendEntry(name, css, "rect", f1(x), f1(y - 11), "", f1(x + 34), f1(y))


@dataclass(frozen=True)
class Radar:
    id: str
    title: str
    desc: str
    width: int
    height: int
    rings: tuple[Ring, ...]
    spokes: tuple[Line, ...]
    labels: tuple[Label, ...]
    series: tuple[Series, ...]
    legend: tuple[LegendEntry, ...]
    kind: str = "radar"


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    css: str


@dataclass(frozen=True)
class BarRow:
    label: Label
    bars: tuple[Bar, ...]
    values: tuple[TextLine, ...]
    css: str = ""


@dataclass(frozen=True)
class Bars:
    id: str
    title: str
    desc: str
    width: int
    height: int
    grid: tuple[Line, ...]
    ticks: tuple[TextLine, ...]
    rows: tuple[BarRow, ...]
    legend: tuple[LegendEntry, ...]
    kind: str = "bars"


@dataclass(frozen=True)
class SpreadRow:
    label: Label
    range: Line | None  # min to max
    box: Bar | None  # mean ± one standard deviation
    mean: Line | None
    value: TextLine
    css: str  # "" or "inconsistent"


@dataclass(frozen=True)
class Spread:
    id: str
    title: str
    desc: str
    width: int
    height: int
    grid: tuple[Line, ...]
    ticks: tuple[TextLine, ...]
    rows: tuple[SpreadRow, ...]
    legend: tuple[LegendEntry, ...]
    kind: str = "spread"


Chart = Union[Radar, Bars, Spread]


def describe(labels: Sequence[str], series: Sequence[SeriesInput]) -> str:
    """The chart's numbers as one sentence per axis, for <desc> and screen readers."""
    parts = []
    for k, label in enumerate(labels):
        values = "; ".join(f"{s.name}: {score_text(s.values[k])}" for s in series)
        parts.append(f"{label}: {values}.")
    return " ".join(parts)


MAX_RADAR_AXES = 16  # beyond this the labels crowd each other; bars read better


def section_chart(chart_id: str, title: str, labels: Sequence[str], series: Sequence[SeriesInput]) -> Chart:
    """A radar when three or more axes have a score (up to 16 axes), else horizontal bars."""
    assessed = sum(1 for v in series[0].values if v is not None) if series else 0
    if 3 <= len(labels) <= MAX_RADAR_AXES and assessed >= 3:
        return radar(chart_id, title, labels, series)
    return bars(chart_id, title, labels, series)


# --- radar ------------------------------------------------------------------------

_RW, _RH, _R = 720, 540, 170.0
_CX, _CY = _RW / 2, 262.0
_LINE_H = 15.0


def _polar(k: int, n: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * k / n
    r = _R * max(0.0, min(100.0, value)) / 100.0
    return _CX + r * math.cos(angle), _CY + r * math.sin(angle)


def _wrap(text: str, width: int) -> list[str]:
    lines = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(lines) > 3:
        lines = lines[:3]
        lines[2] = lines[2][: max(1, width - 1)].rstrip() + "…"
    return lines


def radar(chart_id: str, title: str, labels: Sequence[str], series: Sequence[SeriesInput]) -> Radar:
    n = len(labels)
    rings = []
    for level in (25, 50, 75, 100):
        ring = " ".join(f"{f1(x)},{f1(y)}" for x, y in (_polar(k, n, level) for k in range(n)))
        # Ring values sit between the first two axes, clear of the points on either.
        half = -math.pi / 2 + math.pi / n
        r = _R * level / 100.0 * math.cos(math.pi / n)
        lx, ly = _CX + r * math.cos(half), _CY + r * math.sin(half)
        rings.append(Ring(ring, TextLine(str(level), f1(lx + 3), f1(ly + 4), "tick")))
    spokes = tuple(Line(f1(_CX), f1(_CY), *map(f1, _polar(k, n, 100))) for k in range(n))
    main = series[0] if series else None
    out_labels = []
    for k, text in enumerate(labels):
        angle = -math.pi / 2 + 2 * math.pi * k / n
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = _CX + (_R + 18) * cos, _CY + (_R + 18) * sin
        anchor = "middle" if abs(cos) < 0.25 else ("start" if cos > 0 else "end")
        wrapped = _wrap(text, 20)
        caption = score_text(main.values[k]) if main else ""
        count = len(wrapped) + 1
        if sin < -0.5:  # above the chart: the block ends at the point
            top = y - (count - 1) * _LINE_H - 4
        elif sin > 0.5:  # below: the block starts at the point
            top = y + _LINE_H - 2
        else:
            top = y - (count - 1) * _LINE_H / 2 + 4
        lines = [TextLine(line, f1(x), f1(top + i * _LINE_H)) for i, line in enumerate(wrapped)]
        css = "muted" if main is not None and main.values[k] is None else "value"
        lines.append(TextLine(caption, f1(x), f1(top + len(wrapped) * _LINE_H), css))
        out_labels.append(Label(anchor, tuple(lines)))
    out_series = []
    for s in series:
        pts = [_polar(k, n, v) for k, v in enumerate(s.values) if v is not None]
        polygon = " ".join(f"{f1(x)},{f1(y)}" for x, y in pts) if len(pts) >= 2 else ""
        out_series.append(Series(s.name, s.style, polygon, tuple(Dot(f1(x), f1(y)) for x, y in pts)))
    # Draw the baseline under the current series, so the current one stays on top.
    out_series.sort(key=lambda s: 0 if s.css == "baseline" else 1)
    legend = _legend(series, _RH - 22)
    return Radar(
        id=chart_id,
        title=title,
        desc=describe(labels, series),
        width=_RW,
        height=_RH if legend else _RH - 34,
        rings=tuple(rings),
        spokes=spokes,
        labels=tuple(out_labels),
        series=tuple(out_series),
        legend=legend,
    )


def _legend(series: Sequence[SeriesInput], y: float) -> tuple[LegendEntry, ...]:
    if len(series) < 2:
        return ()
    entries = []
    x = 24.0
    for s in series:
        entries.append(legend_entry(s.name, s.style, x, y))
        x += 44 + 7.2 * len(s.name)
    return tuple(entries)


# --- horizontal bars --------------------------------------------------------------

_BW = 720
_LABEL_W, _TRACK_X, _TRACK_W = 232.0, 244.0, 380.0


def _x(value: float) -> float:
    return _TRACK_X + _TRACK_W * max(0.0, min(100.0, value)) / 100.0


def _scale(top: float, bottom: float) -> tuple[tuple[Line, ...], tuple[TextLine, ...]]:
    grid = tuple(Line(f1(_x(v)), f1(top), f1(_x(v)), f1(bottom)) for v in (0, 25, 50, 75, 100))
    ticks = tuple(TextLine(str(v), f1(_x(v)), f1(top - 6), "tick") for v in (0, 25, 50, 75, 100))
    return grid, ticks


def _side_label(text: str, y_mid: float) -> Label:
    wrapped = _wrap(text, 30)
    top = y_mid - (len(wrapped) - 1) * _LINE_H / 2 + 4
    return Label("end", tuple(TextLine(line, f1(_LABEL_W), f1(top + i * _LINE_H)) for i, line in enumerate(wrapped)))


def bars(chart_id: str, title: str, labels: Sequence[str], series: Sequence[SeriesInput]) -> Bars:
    two = len(series) > 1
    row_h = 56.0 if two else 42.0
    top = 30.0
    rows = []
    for k, text in enumerate(labels):
        y = top + k * row_h + 8
        out_bars, values = [], []
        heights = (18.0, 10.0) if two else (22.0,)
        offset = 0.0
        for s, h in zip(series, heights):  # noqa: B905 - one or two series, heights to match
            v = s.values[k]
            by = y + offset
            if v is not None:
                out_bars.append(Bar(f1(_TRACK_X), f1(by), f1(_x(v) - _TRACK_X), f1(h), s.style))
                caption = score_text(v) if s.style == "current" else f"{s.name}: {score_text(v)}"
                values.append(TextLine(caption, f1(_x(v) + 6), f1(by + h / 2 + 4), "value" if s.style == "current" else "muted"))
            else:
                values.append(TextLine("not assessed", f1(_TRACK_X + 6), f1(by + h / 2 + 4), "muted"))
            offset += h + 4
        rows.append(BarRow(_side_label(text, y + (offset - 4) / 2), tuple(out_bars), tuple(values)))
    height = int(top + len(labels) * row_h + (40 if two else 14))
    grid, ticks = _scale(top, top + len(labels) * row_h)
    return Bars(chart_id, title, describe(labels, series), _BW, height, grid, ticks, tuple(rows), _legend(series, height - 12))


# --- spread (program) -------------------------------------------------------------


@dataclass(frozen=True)
class SpreadInput:
    label: str
    mean: float | None
    stdev: float | None
    min: float | None
    max: float | None
    inconsistent: bool = False


def spread(chart_id: str, title: str, rows_in: Sequence[SpreadInput]) -> Spread:
    row_h, top = 40.0, 30.0
    rows = []
    parts = []
    for k, r in enumerate(rows_in):
        y_mid = top + k * row_h + row_h / 2
        label = _side_label(r.label, y_mid)
        if r.mean is None or r.stdev is None or r.min is None or r.max is None:
            rows.append(
                SpreadRow(label, None, None, None, TextLine("not assessed", f1(_TRACK_X + 6), f1(y_mid + 4), "muted"), "")
            )
            parts.append(f"{r.label}: not assessed.")
            continue
        lo, hi = max(0.0, r.mean - r.stdev), min(100.0, r.mean + r.stdev)
        rows.append(
            SpreadRow(
                label,
                Line(f1(_x(r.min)), f1(y_mid), f1(_x(r.max)), f1(y_mid)),
                Bar(f1(_x(lo)), f1(y_mid - 8), f1(max(1.5, _x(hi) - _x(lo))), "16", "box"),
                Line(f1(_x(r.mean)), f1(y_mid - 11), f1(_x(r.mean)), f1(y_mid + 11)),
                TextLine(f"{score_text(r.mean)} ± {score_text(r.stdev)}", f1(_TRACK_X + _TRACK_W + 12), f1(y_mid + 4), "value"),
                "inconsistent" if r.inconsistent else "",
            )
        )
        parts.append(
            f"{r.label}: mean {score_text(r.mean)}, standard deviation {score_text(r.stdev)}, "
            f"lowest {score_text(r.min)}, highest {score_text(r.max)}."
        )
    height = int(top + len(rows_in) * row_h + 40)
    grid, ticks = _scale(top, top + len(rows_in) * row_h)
    y = height - 12
    legend = (
        legend_entry("Range, lowest to highest audit", "range", 24, y),
        legend_entry("Mean (dark tick) ± 1 standard deviation", "box", 300, y),
    )
    return Spread(chart_id, title, " ".join(parts), _BW, height, grid, ticks, tuple(rows), legend)
