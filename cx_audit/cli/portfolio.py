"""`portfolio index | list | benchmark`: every audit of the firm in one store."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, err
from cx_audit.enums import BenchmarkFormat, ListFormat
from cx_audit.errors import ExitCode

portfolio_app = typer.Typer(
    name="portfolio",
    help="Every audit of the firm in one store: index audit files, list them, benchmark an audit against its peers.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(portfolio_app, name="portfolio")

StoreOpt = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        help="sqlite:///PATH, a PATH ending .sqlite or .db, or postgresql://... "
        "(default: $CX_AUDIT_STORE, else portfolio.sqlite in your data folder).",
        show_default=False,
    ),
]


@portfolio_app.command("index")
def index(
    paths: Annotated[list[Path], typer.Argument(help="Audit files, or folders searched for audit files.", show_default=False)],
    store: StoreOpt = None,
    prune: Annotated[bool, typer.Option("--prune", help="Remove audits whose files are gone from the folders given.")] = False,
    rescore: Annotated[
        bool, typer.Option("--rescore", help="Rescore unchanged files that another cx-audit version indexed.")
    ] = False,
) -> None:
    """Add or update audits in the store (unchanged files are skipped)."""
    from cx_audit.portfolio.index import index_paths
    from cx_audit.portfolio.store import open_store, resolve_url

    url = resolve_url(store)
    db = open_store(url)
    try:
        summary = index_paths(db, paths, prune=prune, rescore=rescore, warn=lambda w: err(w.as_warning()))
    finally:
        db.close()
    for problem in summary.problems:
        err(str(problem))
    err(summary.line(url.shown))
    if summary.problems:
        raise typer.Exit(ExitCode.INPUT)


def _today(value: Optional[str]) -> dt.date:
    from cx_audit.cli.common import date_option  # the one reading of a --today option

    return date_option(value, "--today") or dt.date.today()  # `list --latest` counts the days since each visit


@portfolio_app.command("list")
def list_(
    store: StoreOpt = None,
    client: Annotated[Optional[str], typer.Option("--client", help="Only this client's audits.")] = None,
    checklist: Annotated[Optional[str], typer.Option("--checklist", help="Only audits of this checklist id.")] = None,
    latest: Annotated[
        bool, typer.Option("--latest", help="Each client and site's latest audit, with the days since that visit.")
    ] = False,
    today: Annotated[
        Optional[str], typer.Option("--today", help="The date to count days since a visit from (YYYY-MM-DD; default: today).")
    ] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = ListFormat.table,
) -> None:
    """One row per audit in the store: date, client, site, checklist@version, overall, band."""
    from cx_audit.outputs.formats import render
    from cx_audit.portfolio.listing import list_audits
    from cx_audit.portfolio.store import open_store, resolve_url

    day = _today(today) if latest else None
    db = open_store(resolve_url(store))
    try:
        listing = list_audits(db, client=client, checklist=checklist, latest=latest, today=day)
    finally:
        db.close()
    sys.stdout.write(render(format, listing))


@portfolio_app.command("benchmark")
def benchmark(
    audit: Annotated[Path, typer.Argument(help="The audit file to set against its peers.")],
    store: StoreOpt = None,
    any_profile: Annotated[bool, typer.Option("--any-profile", help="Peers of any profile, not only the audit's.")] = False,
    min_group: Annotated[int, typer.Option("--min-group", help="Show no figures for fewer peers than this (at least 3).")] = 5,
    format: Annotated[BenchmarkFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = BenchmarkFormat.table,
) -> None:
    """The audit's overall and section scores against its peers' quartiles."""
    from cx_audit.cli.score import _score_all
    from cx_audit.outputs.formats import render
    from cx_audit.portfolio.benchmark import benchmark_at, check_min_group

    check_min_group(min_group)
    (result,) = _score_all([audit])
    sys.stdout.write(render(format, benchmark_at(store, result, any_profile, min_group)))
