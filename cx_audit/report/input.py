"""What every report is built from: scored audits, an optional program and comparison."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cx_audit.errors import InputError
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.compare import Comparison, compare
from cx_audit.scoring.program import ProgramResult, score_program

if TYPE_CHECKING:
    from cx_audit.portfolio.benchmark import Benchmark


@dataclass(frozen=True)
class ReportInput:
    results: tuple[AuditResult, ...]  # one or more audits of one checklist
    program: ProgramResult | None  # set when there are several audits
    comparison: Comparison | None  # set when a baseline was given (one audit only)
    benchmark: Benchmark | None = None  # `report --benchmark`: the audit against its peers (one audit only)

    @property
    def main(self) -> AuditResult:
        return self.results[0]

    @property
    def stamp(self) -> dt.datetime:
        """The time written into reports' metadata: the latest audit date, never 'now'.

        Reports must be byte-identical for the same inputs, so nothing may depend on the
        clock.
        """
        dates = [r.audit.date for r in self.results if r.audit.date]
        day = max(dates) if dates else dt.date(2000, 1, 1)
        return dt.datetime(day.year, day.month, day.day, 12, 0, 0)


def build_input(
    results: list[AuditResult], baseline: AuditResult | None = None, benchmark: Benchmark | None = None
) -> ReportInput:
    if baseline is not None and len(results) > 1:
        raise InputError.single("--baseline", "a baseline can be given with one audit only (for now)")
    if benchmark is not None and len(results) > 1:
        raise InputError.single("--benchmark", "a benchmark is made for one audit only")
    program = score_program(results) if len(results) > 1 else None
    comparison = compare(baseline, results[0]) if baseline is not None else None
    return ReportInput(tuple(results), program, comparison, benchmark)


def default_name(inp: ReportInput, suffix: str) -> Path:
    r = inp.main
    stem = r.audit.path.stem if r.audit.path else "report"
    return Path(f"{stem}-report{suffix}")
