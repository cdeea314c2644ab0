"""`actions list` and `actions pull`: the action plan tracked between visits."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, date_option, err, use_color
from cx_audit.cli.score import _score_all, _width
from cx_audit.enums import ActionsFormat
from cx_audit.errors import ExitCode

actions_app = typer.Typer(
    name="actions",
    help="Track the action plan between visits: list what is due, pull the client's updates from the workbook.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(actions_app, name="actions")


@actions_app.command("list")
def list_(
    audit: Annotated[Path, typer.Argument(help="The audit file.")],
    today: Annotated[
        Optional[str], typer.Option("--today", help="The date to judge overdue by (YYYY-MM-DD; default: today).")
    ] = None,
    format: Annotated[ActionsFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = ActionsFormat.table,
    fail_on_overdue: Annotated[bool, typer.Option("--fail-on-overdue", help="Exit 1 if any action is overdue.")] = False,
) -> None:
    """The action plan with owner, due date, status and what is overdue (writes nothing)."""
    from cx_audit.actions.listing import list_actions
    from cx_audit.options import Options
    from cx_audit.outputs.formats import render

    day = date_option(today, "--today") or dt.date.today()  # the only command that reads the clock
    (result,) = _score_all([audit])
    listing = list_actions(result, day)
    sys.stdout.write(render(format, listing, Options(color=use_color(sys.stdout), width=_width())))
    if fail_on_overdue and listing.overdue:
        ids = ", ".join(r.result.item.id for r in listing.overdue)
        err(f"{audit}: gate failed: {len(listing.overdue)} action(s) overdue on {day.isoformat()}: {ids}")
        raise typer.Exit(ExitCode.GATE)


@actions_app.command("pull")
def pull(
    workbook: Annotated[
        Path, typer.Argument(help="The Excel workbook `report --xlsx` wrote for the audit, as the client's team filled it in.")
    ],
    into: Annotated[Path, typer.Option("--into", help="The audit to update (its `actions`).", show_default=False)],
) -> None:
    """Read Owner, Due and Status back from the workbook's Actions sheet into the audit."""
    from cx_audit.actions.pull import pull_into
    from cx_audit.files.edit import edit_audit

    if not into.is_file():
        raise typer.BadParameter(f"{into}: no such audit file", param_hint="'--into'")
    from cx_audit.scoring.audit import planned_items

    with edit_audit(into, what="action tracking", inputs=[workbook], planned=planned_items) as edit:
        pulled = pull_into(workbook, edit)
        for w in edit.warnings:
            err(w.as_warning())
    if edit.wrote:
        err(edit.wrote)
    done = sum(1 for a in pulled.actions.values() if a.status.value == "done")
    err(
        f"{pulled.rows} action(s) read from {workbook}: {len(pulled.changed)} changed, {len(pulled.removed)} untracked; "
        f"{len(pulled.actions)} tracked, {done} done"
    )
