"""`report`, `form`, `import` and `demo`: the files a client takes away."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli import app, err, fail
from cx_audit.cli_commands import AuditsArg, _score_all


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
    from cx_audit.reporting import build_input

    scored = _score_all([*audits, baseline] if baseline else list(audits))
    base = scored.pop() if baseline else None
    inp = build_input(scored, base)
    if html is not None:
        from cx_audit.report_html import write_html

        write_html(inp, html)
        err(f"Wrote HTML report to {html}")
    if xlsx is not None:
        from cx_audit.report_xlsx import write_xlsx

        write_xlsx(inp, xlsx)
        err(f"Wrote Excel workbook to {xlsx}")


@app.command()
def form(
    checklist: Annotated[str, typer.Argument(help="A built-in id or a path.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The questionnaire workbook to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a blank questionnaire workbook to fill in offline."""
    from cx_audit import registry
    from cx_audit.files import refuse_overwrite
    from cx_audit.form import write_form

    c = registry.resolve(checklist)
    refuse_overwrite(output, force)
    write_form(c, output)
    err(f"Wrote questionnaire for {c.id} {c.version} to {output}")


@app.command("import")
def import_(
    workbook: Annotated[Path, typer.Argument(help="A filled-in questionnaire workbook.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The audit file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Turn a filled-in questionnaire back into an audit file."""
    from cx_audit.files import refuse_overwrite
    from cx_audit.form import import_form

    refuse_overwrite(output, force)
    warnings = import_form(workbook, output)
    for w in warnings:
        err(w)
    err(f"Wrote audit to {output}")


@app.command()
def demo(
    folder: Annotated[Path, typer.Argument(help="Where to write the demo files.")] = Path("cx-audit-demo"),
    force: Annotated[bool, typer.Option("--force", help="Replace earlier demo files in the folder.")] = False,
) -> None:
    """Write a sample audit, its baseline from a quarter earlier, and both reports."""
    from cx_audit.demo import run_demo

    if folder.exists() and not folder.is_dir():
        fail(f"{folder}: is a file, not a folder")
    for line in run_demo(folder, force):
        err(line)
