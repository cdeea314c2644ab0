"""`run`: the guided interview. The work is in :mod:`cx_audit.interview`, imported lazily."""

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, err


def _date(value: Optional[str]) -> Optional[str]:
    if value is not None:
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            raise typer.BadParameter(f"'{value}' is not a date such as 2026-11-22") from None
    return value


@app.command()
def run(
    audit: Annotated[Path, typer.Argument(help="The audit file: a new path starts an audit, an existing one resumes.")],
    checklist: Annotated[
        Optional[str], typer.Option("--checklist", "-c", help="Built-in id or path; a new audit defaults to cx-essentials.")
    ] = None,
    client: Annotated[Optional[str], typer.Option("--client", help="Client name; asked for when a new audit lacks it.")] = None,
    site: Annotated[Optional[str], typer.Option("--site", help="Site or location audited (optional).")] = None,
    auditor: Annotated[
        Optional[str], typer.Option("--auditor", help="Auditor name; asked for when a new audit lacks it.")
    ] = None,
    date: Annotated[
        Optional[str], typer.Option("--date", callback=_date, help="Audit date, YYYY-MM-DD (default: today).")
    ] = None,
    profile: Annotated[
        Optional[str], typer.Option("--profile", help="The checklist's sector profile this audit uses (see checklists show).")
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Walk every applicable item, showing its answer (Enter keeps it).")
    ] = False,
    respondent: Annotated[
        Optional[str],
        typer.Option("--respondent", help="Interview this respondent (an id such as fd-1): the answers go under responses.ID."),
    ] = None,
    role: Annotated[
        Optional[str], typer.Option("--role", help="The respondent's role, such as frontline (new respondents: staff).")
    ] = None,
    section: Annotated[
        Optional[list[str]], typer.Option("--section", help="Walk only this section (repeatable); also for the auditor.")
    ] = None,
    from_: Annotated[
        Optional[Path],
        typer.Option(
            "--from",
            help="Start this new audit from the previous visit's: its facts, respondents' roles and actions, "
            "and each answer offered to confirm (Enter keeps it).",
        ),
    ] = None,
    drop_comments: Annotated[
        bool,
        typer.Option("--drop-comments", help="Go on although saving drops comments below the file's top comment block."),
    ] = False,
) -> None:
    """Interview: ask each item in turn and save every answer at once.

    --client, --site, --auditor, --date and --profile also correct those facts of an existing audit.
    --respondent interviews one respondent of a staff survey: items that decide which
    others apply are skipped (they take the auditor's answer only).

    Keys at the prompt: a value, na, s skip, b back, ? guidance, x clear, l list
    unanswered, g ID go to an item or section, q save and quit. With piped input, one
    line per prompt: the value, then its note (empty for none).
    """
    from cx_audit.interview.start import RunRequest, run_interview
    from cx_audit.interview.terminal import ConsoleAsker

    request = RunRequest(
        path=audit,
        checklist=checklist,
        client=client,
        site=site,
        auditor=auditor,
        date=dt.date.fromisoformat(date.strip()) if date else None,
        review=review,
        profile=profile,
        drop_comments=drop_comments,
        respondent=respondent,
        role=role,
        sections=tuple(section or ()),
        previous=from_,
    )
    code = run_interview(request, ConsoleAsker(), err)
    if code:
        raise typer.Exit(code)
