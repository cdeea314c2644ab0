"""`form` and `import`: the questionnaire to fill in offline, and reading it back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cx_audit.cli.app import app, err


@app.command()
def form(
    checklist: Annotated[str, typer.Argument(help="A built-in id or a path.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The questionnaire workbook to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a blank questionnaire workbook to fill in offline."""
    from cx_audit.files import registry
    from cx_audit.files.atomic import refuse_overwrite
    from cx_audit.form.write import write_form

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
    from cx_audit.files.atomic import refuse_overwrite
    from cx_audit.form.read import import_form

    refuse_overwrite(output, force)
    warnings = import_form(workbook, output)
    for w in warnings:
        err(w)
    err(f"Wrote audit to {output}")
