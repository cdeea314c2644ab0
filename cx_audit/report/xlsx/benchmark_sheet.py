"""The Benchmark sheet of `report --benchmark --xlsx`: the audit against its peers.

Per section and overall: the audit's score, how many peers scored it, the peers' P25,
median and P75, and the quartile in words. Figures only; no peer's name, site or score.
"""

from __future__ import annotations

from cx_audit.excel.looks import HEADER, HEADER_NUM, INT, LABEL, SCORE, SUBTITLE, TITLE, WRAP
from cx_audit.excel.sheets import Book, setup_sheet
from cx_audit.portfolio.benchmark import Benchmark, Standing
from cx_audit.report.xlsx.cells import Rows
from cx_audit.wording import plural

SHEET = "Benchmark"
WIDTHS = [40, 10, 9, 10, 10, 10, 24]


def _row(rows: Rows, title: str, peers: int, s: Standing, bold: bool = False) -> None:
    look = SCORE.but(bold=bold)
    rows.add(
        (title, (LABEL if bold else WRAP)),
        (s.score, look),
        (peers, INT),
        (s.p25, SCORE),
        (s.p50, SCORE),
        (s.p75, SCORE),
        (s.words, WRAP.but(bold=bold)),
    )


def benchmark_sheet(book: Book, b: Benchmark) -> None:
    ws = book.sheet(SHEET)
    setup_sheet(ws, WIDTHS)
    ws.row_dimensions[1].height = 30
    rows = Rows(ws, WIDTHS)
    rows.add(("How you compare", TITLE))
    profile = "any profile" if b.any_profile else (f"profile {b.profile}" if b.profile else "no profile")
    rows.add(
        (
            f"Against the latest audit of each of {plural(b.clients, 'other client')} in the portfolio on "
            f"{b.checklist_title} v{b.checklist_major} ({profile}). Figures are shown for groups of at least "
            f"{b.min_group}; no peer's name or score is shown."
            + "".join(f" Peers of another edition: {note}." for note in b.editions),
            SUBTITLE.but(wrap=True),
        ),
        *([None] * 6),
        merge=7,
    )
    rows.blank()
    rows.add(
        ("Section", HEADER),
        ("Score", HEADER_NUM),
        ("Peers", HEADER_NUM),
        ("P25", HEADER_NUM),
        ("Median", HEADER_NUM),
        ("P75", HEADER_NUM),
        ("Quartile", HEADER),
    )
    for s in b.sections:
        _row(rows, s.title, s.standing.peers, s.standing)
    _row(rows, "Overall", b.clients, b.overall, bold=True)
