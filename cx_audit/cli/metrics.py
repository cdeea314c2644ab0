"""`metrics`: a customer metric (NPS, CSAT, CES, share) from a survey export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, err, fail
from cx_audit.model import MetricKind
from cx_audit.outputs.formats import MetricFormat


@app.command()
def metrics(
    file: Annotated[Path, typer.Argument(help="A survey export: CSV (`,` `;` or tab) or .xlsx (first sheet).")],
    column: Annotated[str, typer.Option("--column", help="A header (exact, then any case) or a 1-based column number.")],
    kind: Annotated[MetricKind, typer.Option("--kind", help="nps (0-10), csat (1-5), ces (1-7) or share (yes/no).")],
    into: Annotated[Optional[Path], typer.Option("--into", help="Write the metric into this audit file (with --item).")] = None,
    item: Annotated[Optional[str], typer.Option("--item", help="The audit item to hold the metric (with --into).")] = None,
    format: Annotated[MetricFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = MetricFormat.table,
) -> None:
    """Compute NPS, CSAT, CES or a yes/no share, with its 95% interval, from a survey export."""
    from cx_audit.files.userfile import file_sha256
    from cx_audit.metric_formulas import summarise
    from cx_audit.metrics.read import read_column
    from cx_audit.outputs.formats import render
    from cx_audit.outputs.metric import ColumnMetric
    from cx_audit.wording import small_sample

    if (into is None) != (item is None):
        fail("cx-audit metrics: --into and --item go together (the audit file and the item to hold the metric)")
    col = read_column(file, column, kind)
    summary = summarise(kind, col.tally)
    if into is not None and item is not None:
        from cx_audit.metrics.into import write_into

        warnings = write_into(into, item, summary, file, col.header, file_sha256(file))
        for w in warnings:
            err(w.as_warning())
    sys.stdout.write(render(format, ColumnMetric(summary, col.header)))
    if summary.small_sample:
        err(f"{file}: warning: column '{col.header}': {small_sample(summary.n)}; the interval is wide")
    if into is not None:
        err(f"Wrote the {kind.value} of column '{col.header}' into {into} as the answer to {item}")
