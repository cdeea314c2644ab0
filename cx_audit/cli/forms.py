"""`form` and `import`: the questionnaire to fill in offline, and reading it back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, check_outputs, emit, err


@app.command()
def form(
    checklist: Annotated[str, typer.Argument(help="A built-in id or a path.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The questionnaire workbook to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    profile: Annotated[
        Optional[str], typer.Option("--profile", help="Leave out the items this sector profile excludes; import sets it.")
    ] = None,
) -> None:
    """Write a blank questionnaire workbook to fill in offline."""
    from cx_audit.errors import InputError
    from cx_audit.files import registry
    from cx_audit.files.output import Output, Replace
    from cx_audit.files.profiles import apply_profile, profile_problem
    from cx_audit.form.write import render_form

    c = registry.resolve(checklist)
    if profile is not None:
        problem = profile_problem(c, profile)
        if problem is not None:
            raise InputError.single(checklist, problem)
        c = apply_profile(c, profile)
    inputs = [c.path] if c.path and not c.builtin else []
    out = Output(output, f"questionnaire for {c.id} {c.version}", Replace.user_data, text=False)
    emit(out, lambda: render_form(c, output), force, inputs)


@app.command("import")
def import_(
    workbook: Annotated[Path, typer.Argument(help="A filled-in questionnaire workbook.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The audit file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Turn a filled-in questionnaire back into an audit file."""
    from cx_audit.files.output import Output, Replace
    from cx_audit.form.read import import_form

    out = Output(output, "audit", Replace.user_data)
    check_outputs([out], force, [workbook])
    text, warnings = import_form(workbook, output)
    for w in warnings:
        err(w.as_warning())
    emit(out, text, force, [workbook])
