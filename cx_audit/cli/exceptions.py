"""`exceptions add` and `exceptions list`: failures accepted with the client."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, date_option, err
from cx_audit.enums import ExceptionsFormat
from cx_audit.errors import ExitCode

exceptions_app = typer.Typer(
    name="exceptions",
    help="Accepted exceptions: a failing item the client accepts, with a reason, an approver and an expiry.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(exceptions_app, name="exceptions")


@exceptions_app.command("add")
def add(
    audit: Annotated[Path, typer.Argument(help="The audit file to change.")],
    item: Annotated[str, typer.Argument(help="The item id the exception is for.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it does not apply here (at least 20 characters).")],
    approved_by: Annotated[str, typer.Option("--approved-by", help="Who approved it (the client's name for it).")],
    expires: Annotated[str, typer.Option("--expires", help="When it lapses (YYYY-MM-DD, at most 366 days after the audit).")],
) -> None:
    """Record an accepted exception in the audit (atomic, under the interview's lock); replaces one for the same item."""
    when = date_option(expires, "--expires")
    assert when is not None
    _write_exception(audit, item, reason, approved_by, when)


def _write_exception(audit: Path, item: str, reason: str, approved_by: str, expires: dt.date) -> None:
    """The one audit transaction (files/edit.py): locked, checked, written atomically, or nothing written."""
    from cx_audit.files.edit import edit_audit
    from cx_audit.waivers.add import set_exception

    drops = "that writing the exception would drop (comment lines at the top of the file are kept); move them into notes first"
    with edit_audit(audit, what=f"the exception for {item}", drops=drops) as edit:
        for w in edit.warnings:
            err(w.as_warning())
        replaced = set_exception(edit.audit, edit.checklist, item, reason, approved_by, expires, edit.shown)
        edit.what = f"the exception for {item} ({'replaced' if replaced else 'added'})"
    if edit.wrote:
        err(edit.wrote)


@exceptions_app.command("list")
def list_(
    audits: Annotated[list[Path], typer.Argument(help="Audit files.", show_default=False)],
    expiring_within: Annotated[
        Optional[int],
        typer.Option("--expiring-within", min=0, help="Only exceptions that expire within DAYS of today (expired ones too)."),
    ] = None,
    today: Annotated[
        Optional[str], typer.Option("--today", help="The date to judge expiry by (YYYY-MM-DD; default: today).")
    ] = None,
    fail_on_expired: Annotated[
        bool, typer.Option("--fail-on-expired", help="Exit 1 if any exception has expired (for CI).")
    ] = False,
    format: Annotated[ExceptionsFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = ExceptionsFormat.table,
) -> None:
    """Every exception of the audits with its expiry; exit 1 with --fail-on-expired if one has lapsed (writes nothing)."""
    from cx_audit.cli.score import _score_all
    from cx_audit.outputs.formats import render
    from cx_audit.waivers.listing import ExceptionList, list_exceptions

    day = date_option(today, "--today") or dt.date.today()  # with `actions list`, the only commands that read the clock
    results = _score_all(audits)
    rows = list_exceptions(results, day, expiring_within)
    sys.stdout.write(render(format, ExceptionList(day, expiring_within, rows)))
    expired = [x for x in list_exceptions(results, day) if x.expired]
    if fail_on_expired and expired:
        ids = ", ".join(f"{x.result.audit.path}:{x.item.item.id}" for x in expired)
        err(f"gate failed: {len(expired)} exception(s) expired on {day.isoformat()}: {ids}")
        raise typer.Exit(ExitCode.GATE)
