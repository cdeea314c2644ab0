"""The report's part "How you compare": what it shows, as plain data (see _benchmark.j2).

Per section (and overall) the audit's score against its peers' bar from P25 to P75 with
the median marked, and the quartile in words. Built only from a
:class:`~cx_audit.portfolio.benchmark.Benchmark`, which holds no peer's name, site or
score: nothing here can show one.
"""

from __future__ import annotations

from dataclasses import dataclass

from cx_audit.portfolio.benchmark import Benchmark, Standing
from cx_audit.scoring.rounding import shown_text
from cx_audit.wording import plural

# The bar's drawing: a 0–100 scale over BAR_WIDTH units, inside a viewBox with room for the marker.
BAR_WIDTH = 400
PAD = 8


@dataclass(frozen=True)
class BenchRow:
    title: str
    anchor: str  # "" for the overall row
    score: str
    p25: str
    p50: str
    p75: str
    words: str  # "third quartile" or "too few peers (4 < 5)"
    shown: bool  # figures and a bar
    quartile: int  # 0 when not shown
    peers: str  # "12 peers"
    # the bar, in viewBox units
    x25: float
    x50: float
    x75: float
    xscore: float | None
    label: str  # the bar read aloud


@dataclass(frozen=True)
class BenchmarkView:
    lead: str
    group: str  # "12 peer clients · Customer Experience Essentials v2 · profile retail"
    overall: BenchRow
    rows: tuple[BenchRow, ...]
    width: int
    pad: int


def _x(value: float | None) -> float:
    return round(PAD + (value or 0.0) * BAR_WIDTH / 100, 1)


def bench_row(title: str, anchor: str, s: Standing, peers: int) -> BenchRow:
    label = (
        f"{title}: {shown_text(s.score)} against the peers' middle half {shown_text(s.p25)} to {shown_text(s.p75)}, "
        f"median {shown_text(s.p50)}: {s.words}"
        if s.shown
        else f"{title}: {shown_text(s.score)}; {s.words}"
    )
    return BenchRow(
        title=title,
        anchor=anchor,
        score=shown_text(s.score),
        p25=shown_text(s.p25),
        p50=shown_text(s.p50),
        p75=shown_text(s.p75),
        words=s.words,
        shown=s.shown,
        quartile=s.quartile or 0,
        peers=plural(peers, "peer"),
        x25=_x(s.p25),
        x50=_x(s.p50),
        x75=_x(s.p75),
        xscore=_x(s.score) if s.score is not None else None,
        label=label,
    )


def benchmark_view(b: Benchmark) -> BenchmarkView:
    profile = " · any profile" if b.any_profile else (f" · profile {b.profile}" if b.profile else "")
    group = f"{plural(b.clients, 'peer client')} · {b.checklist_title} v{b.checklist_major}{profile}"
    group += "".join(f" · {note}" for note in b.editions)  # peers of another edition
    o = b.overall
    if o.shown and o.quartile is not None:
        lead = (
            f"Against the latest audits of {plural(b.clients, 'other client')} on the same checklist, "
            f"the overall score of {shown_text(o.score)} is in the {o.words} (the peers' median is {shown_text(o.p50)})."
        )
    else:
        lead = (
            f"The portfolio holds {plural(b.clients, 'other client')} on the same checklist: too few to compare "
            f"(at least {b.min_group} are needed, so that no client's score can be told)."
        )
    return BenchmarkView(
        lead=lead,
        group=group,
        overall=bench_row("Overall", "", o, b.clients),
        rows=tuple(bench_row(s.title, f"section-{s.id}", s.standing, s.standing.peers) for s in b.sections),
        width=BAR_WIDTH + 2 * PAD,
        pad=PAD,
    )
