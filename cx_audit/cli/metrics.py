"""`metrics`: a customer metric (NPS, CSAT, CES, share) from a survey export."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, err, fail
from cx_audit.enums import MetricFormat, MetricKind


@app.command()
def metrics(
    file: Annotated[Path, typer.Argument(help="A survey export: CSV (`,` `;` or tab) or .xlsx (first sheet).")],
    column: Annotated[str, typer.Option("--column", help="A header (exact, then any case) or a 1-based column number.")],
    kind: Annotated[MetricKind, typer.Option("--kind", help="nps (0-10), csat (1-5), ces (1-7) or share (yes/no).")],
    into: Annotated[Optional[Path], typer.Option("--into", help="Write the metric into this audit file (with --item).")] = None,
    item: Annotated[Optional[str], typer.Option("--item", help="The audit item to hold the metric (with --into).")] = None,
    format: Annotated[MetricFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = MetricFormat.table,
    header_rows: Annotated[
        Optional[int],
        typer.Option(
            "--header-rows",
            help="Rows before the answers, header included (default: recognised for SurveyMonkey, Qualtrics).",
        ),
    ] = None,
    map_: Annotated[
        Optional[list[str]],
        typer.Option("--map", help="LABEL=VALUE: read a label as this answer; VALUE 'skip' leaves it out (repeatable)."),
    ] = None,
    reverse: Annotated[
        bool,
        typer.Option("--reverse", help="The tool numbered the best answer first: read 1 as the top of the scale."),
    ] = False,
    where: Annotated[
        Optional[list[str]],
        typer.Option("--where", help="COLUMN=VALUE: keep only rows holding it, e.g. Finished=True (repeatable)."),
    ] = None,
) -> None:
    """Compute NPS, CSAT, CES or a yes/no share, with its 95% interval, from a survey export."""
    from cx_audit.files.userfile import file_sha256
    from cx_audit.metric_formulas import SCALES, summarise
    from cx_audit.metrics.labels import parse_map
    from cx_audit.metrics.read import ReadOptions, read_column
    from cx_audit.outputs.formats import render
    from cx_audit.outputs.metric import ColumnMetric
    from cx_audit.wording import small_sample

    if (into is None) != (item is None):
        fail("cx-audit metrics: --into and --item go together (the audit file and the item to hold the metric)")
    if reverse and kind is MetricKind.share:
        fail("--reverse turns a numbered scale round; a yes/no share has none")
    mapping, problems = parse_map(list(map_ or ()), kind, *SCALES[kind])
    pairs = []
    for entry in where or ():
        name, eq, value = entry.partition("=")
        if not eq or not name.strip():
            problems.append(f"--where {entry}: give COLUMN=VALUE, such as --where Finished=True")
        pairs.append((name, value))
    if problems:
        fail("\n".join(problems))
    options = ReadOptions(header_rows=header_rows, mapping=mapping, reverse=reverse, where=tuple(pairs))
    col = read_column(file, column, kind, options=options)
    if col.header_note:
        err(f"{file}: {col.header_note}")
    for note in col.warnings:
        err(f"{file}: warning: {note}")
    summary = summarise(kind, col.tally)
    if into is not None and item is not None:
        from cx_audit.metrics.into import write_into

        warnings = write_into(into, item, summary, file, col.header, file_sha256(file))
        for w in warnings:
            err(w.as_warning())
    sys.stdout.write(render(format, ColumnMetric(summary, col.header, col.blank, col.skipped, col.left_out)))
    if summary.small_sample:
        err(f"{file}: warning: column '{col.header}': {small_sample(summary.n)}; the interval is wide")
    if into is not None:
        err(f"Wrote the {kind.value} of column '{col.header}' into {into} as the answer to {item}")
