"""`report`: the HTML report and the Excel action plan a client takes away."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, check_outputs, emit
from cx_audit.cli.score import AuditsArg, _score_all, input_paths
from cx_audit.outputs import Format


@app.command()
def report(
    audits: AuditsArg,
    html: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report here.")] = None,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Write the Excel workbook here.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="An earlier audit to compare with.")] = None,
) -> None:
    """Render the HTML report and/or the Excel action plan."""
    from cx_audit.files.output import Output

    if html is None and xlsx is None:
        raise typer.BadParameter("give --html PATH and/or --xlsx PATH", param_hint="'--html' / '--xlsx'")
    if baseline is not None and len(audits) > 1:
        raise typer.BadParameter("--baseline works with one audit only (for now)", param_hint="'--baseline'")
    from cx_audit.outputs import render
    from cx_audit.outputs.options import Options
    from cx_audit.report.branding import load_branding
    from cx_audit.report.input import build_input

    scored = _score_all([*audits, baseline] if baseline else list(audits))
    base = scored.pop() if baseline else None
    inp = build_input(scored, base)
    outs = [(Output(html, "HTML report"), Format.html)] if html else []
    outs += [(Output(xlsx, "Excel workbook", text=False), Format.xlsx)] if xlsx else []
    inputs = input_paths(scored + ([base] if base else []))
    check_outputs((o for o, _ in outs), inputs=inputs)
    options = Options(branding=load_branding() if html else None)
    for out, fmt in outs:
        emit(out, functools.partial(render, fmt, inp, options), inputs=inputs)
