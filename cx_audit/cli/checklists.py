"""`checklists list|show|validate|export`."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cx_audit.cli.common import app, emit, err
from cx_audit.errors import ExitCode, InputError

if TYPE_CHECKING:
    from cx_audit.model import Checklist

checklists_app = typer.Typer(help="List, show, validate and export checklists.", no_args_is_help=True)
app.add_typer(checklists_app, name="checklists")


@checklists_app.command("list")
def checklists_list(
    all_versions: Annotated[
        bool, typer.Option("--all", help="Also list every earlier released version of the built-in checklists.")
    ] = False,
) -> None:
    """List the built-in checklists and those in CX_AUDIT_PATH folders."""
    from cx_audit.files import registry

    entries = registry.available(all_versions)
    width = max([len(e.id) for e in entries] + [2])
    seen: set[str] = set()
    for e in entries:
        released = e.source.endswith("released")
        shadow = "  (shadowed by an earlier one)" if e.id in seen and not released else ""
        seen.add(e.id)
        sys.stdout.write(f"{e.id:<{width}}  {e.version:<8} {e.items:>3} items  {e.title}  [{e.source}]{shadow}\n")


@checklists_app.command("show")
def checklists_show(
    checklist: Annotated[str, typer.Argument(help="A built-in id or a path.")],
    guidance: Annotated[bool, typer.Option("--guidance", "-g", help="Also print guidance and recommendations.")] = False,
    profile: Annotated[
        Optional[str], typer.Option("--profile", help="Show the checklist as this sector profile makes it.")
    ] = None,
) -> None:
    """Print a checklist's sections and items (with --profile: as that profile makes it)."""
    from cx_audit.cli.show import show_checklist
    from cx_audit.files import registry
    from cx_audit.files.profiles import apply_profile, profile_problem

    found = registry.resolve(checklist)
    if profile is not None:
        problem = profile_problem(found, profile)
        if problem is not None:
            raise InputError.single(checklist, problem)
        found = apply_profile(found, profile)
    show_checklist(found, guidance)


@checklists_app.command("validate")
def checklists_validate(
    paths: Annotated[list[Path], typer.Argument(help="Checklist files to check.", show_default=False)],
) -> None:
    """Check checklist files against every rule; one line per problem, exit 2 if any."""
    from cx_audit.files.checklist import load_checklist

    bad = False
    ids: dict[tuple[str, str], Path] = {}
    loaded = []
    for path in paths:
        try:
            c = load_checklist(path)
        except InputError as exc:
            bad = True
            for line in exc.lines():
                err(line)
            continue
        if (c.id, c.version) in ids:
            bad = True
            err(f"{path}: checklist id '{c.id}' is also used by {ids[c.id, c.version]}")
            continue
        ids[c.id, c.version] = path
        loaded.append(c)
        sys.stdout.write(f"{path}: ok ({c.id} {c.version}, {len(c.sections)} sections, {len(c.items)} items)\n")
    for line in _edition_problems(loaded):
        bad = True
        err(line)
    if bad:
        raise typer.Exit(ExitCode.INPUT)


def _edition_problems(checklists: "list[Checklist]") -> list[str]:
    """Each checklist's `editions` checked against the earlier versions at hand: those
    validated in the same run, and the released versions of a built-in checklist."""
    from cx_audit.files import registry
    from cx_audit.scoring.editions import check_against

    by_version = {(c.id, c.version): c for c in checklists}
    problems = []
    for c in checklists:
        for edition in c.editions:
            old = by_version.get((c.id, edition.from_version))
            if old is None:
                builtin = registry.builtin_dir() / f"{c.id}.yaml"
                if builtin.is_file():
                    old = registry.builtin_version(registry.load_cached(builtin, builtin=True), edition.from_version)
            if old is not None:
                problems += [f"{c.path}: {p}" for p in check_against(old, c)]
    return problems


@checklists_app.command("export")
def checklists_export(
    checklist: Annotated[str, typer.Argument(help="A built-in id or a path.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the copy.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Copy a checklist to keep beside your audits (pins its version)."""
    from cx_audit.files import registry
    from cx_audit.files.output import Output, Replace

    c = registry.resolve(checklist)
    assert c.path is not None
    emit(Output(output, f"checklist {c.id} {c.version}", Replace.user_data), c.path.read_bytes(), force, [c.path])
