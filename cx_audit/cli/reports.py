"""`report`: the HTML report and the Excel action plan a client takes away."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.app import app, err
from cx_audit.cli.score import AuditsArg, _score_all


@app.command()
def report(
    audits: AuditsArg,
    html: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report here.")] = None,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Write the Excel workbook here.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="An earlier audit to compare with.")] = None,
) -> None:
    """Render the HTML report and/or the Excel action plan."""
    if html is None and xlsx is None:
        raise typer.BadParameter("give --html PATH and/or --xlsx PATH", param_hint="'--html' / '--xlsx'")
    if baseline is not None and len(audits) > 1:
        raise typer.BadParameter("--baseline works with one audit only (for now)", param_hint="'--baseline'")
    from cx_audit.report.input import build_input

    scored = _score_all([*audits, baseline] if baseline else list(audits))
    base = scored.pop() if baseline else None
    inp = build_input(scored, base)
    if html is not None:
        from cx_audit.report.html.render import write_html

        write_html(inp, html)
        err(f"Wrote HTML report to {html}")
    if xlsx is not None:
        from cx_audit.report.xlsx.workbook import write_xlsx

        write_xlsx(inp, xlsx)
        err(f"Wrote Excel workbook to {xlsx}")
