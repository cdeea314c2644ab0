"""`trend ... --pptx`: a one-slide deck with the overall score per series as a native line
chart, dates along the axis; plain data, drawn by :mod:`cx_audit.report.pptx.slides`."""

from __future__ import annotations

import datetime as dt

from cx_audit.files.branding import Branding
from cx_audit.report.pptx.deck import ChartData, ChartSlide, Deck, Entry, SeriesData
from cx_audit.scoring.rounding import shown_or_none
from cx_audit.scoring.trend import Trend, Visit
from cx_audit.wording import band_words, long_date, num, plural


def build_trend_deck(trend: Trend, branding: Branding | None = None) -> Deck:
    from cx_audit.report.pptx.deck import raster_logo

    brand = branding or Branding()
    c = trend.checklist
    dates = sorted({v.date for s in trend.series for v in s.visits})
    clients = sorted({s.client for s in trend.series if s.client})
    who = clients[0] if len(clients) == 1 else ""
    series = tuple(
        SeriesData(
            trend.label(s),
            tuple(shown_or_none(_overall_on(s.visits, day)) for day in dates),
            role="other",
        )
        for s in trend.series
    )
    side = tuple(
        Entry(
            heading=trend.label(s),
            detail=(f"{plural(len(s.visits), 'visit')}, latest {long_date(s.visits[-1].date)}",),
            figure=num(s.visits[-1].result.overall),
            figure_label=(f"change {_change(s.visits[-1].change)}" if s.visits[-1].change is not None else "first visit"),
        )
        for s in trend.series
    )
    span = long_date(dates[0]) if dates[0] == dates[-1] else f"{long_date(dates[0])} to {long_date(dates[-1])}"
    notes = [
        f"{trend.label(s)}, {long_date(v.date)}: {num(v.result.overall)} ({band_words(v.result)})"
        + (f", change {_change(v.change)}" if v.change is not None else "")
        for s in trend.series
        for v in s.visits
    ]
    slide = ChartSlide(
        title="The overall score over time",
        intro=(f"{who}: " if who else "")
        + f"{plural(trend.visits, 'visit')} from {span}, {plural(len(trend.series), 'series', 'series')} by client and site.",
        chart=ChartData(tuple(dates), series, "Overall score out of 100 at each visit"),
        kind="line",
        key=(),
        side_title="Latest visit" if len(trend.series) <= 6 else "",
        side=side if len(trend.series) <= 6 else (),
        notes="\n".join(notes),
    )
    latest = dates[-1]
    return Deck(
        title=" — ".join(x for x in ("Customer experience over time", who) if x),
        subject=f"{c.title} trend",
        author=brand.firm,
        keywords=f"cx-audit; {c.id}",
        stamp=dt.datetime(latest.year, latest.month, latest.day, 12, 0, 0),
        accent=brand.accent,
        accent_ink=brand.accent_ink,
        on_accent=brand.on_accent,
        firm=brand.firm,
        logo=raster_logo(brand),
        footer=" · ".join(
            x for x in (who, f"{c.title} {c.version}", span, f"Prepared by {brand.firm}" if brand.firm else "") if x
        ),
        slides=(slide,),
    )


def _overall_on(visits: tuple[Visit, ...], day: dt.date) -> float | None:
    for v in visits:
        if v.date == day:
            return v.result.overall
    return None


def _change(d: float) -> str:
    return f"+{d:.1f}" if d > 0 else (f"−{-d:.1f}" if d < 0 else "0.0")
