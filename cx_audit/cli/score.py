"""`score` and `compare`: the commands a CI job runs."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cx_audit.cli.common import app, bulk_loading, check_outputs, emit, err, use_color
from cx_audit.enums import CompareFormat, Format, ScoreFormat
from cx_audit.errors import ExitCode

if TYPE_CHECKING:
    from cx_audit.outputs.shared import Result
    from cx_audit.scoring.audit import AuditResult
    from cx_audit.scoring.program import ProgramResult

AuditsArg = Annotated[list[Path], typer.Argument(help="Audit files (several make a program).", show_default=False)]


# --- score ------------------------------------------------------------------------


def _write_extra(path: Path, fmt: Format, result: "Result", inputs: list[Path]) -> None:
    """`--json/--junit/--markdown PATH`: the same result in another format; `-` is stdout."""
    from cx_audit.files.output import Output
    from cx_audit.outputs.formats import Kind, render_as

    emit(Output(path, fmt.value), lambda: render_as(Kind.result, fmt, result), inputs=inputs)


@app.command()
def score(
    audits: AuditsArg,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = ScoreFormat.table,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Also write JSON to this file.")] = None,
    junit_path: Annotated[Optional[Path], typer.Option("--junit", help="Also write JUnit XML to this file.")] = None,
    markdown_path: Annotated[Optional[Path], typer.Option("--markdown", help="Also write Markdown to this file.")] = None,
    fail_under: Annotated[
        Optional[float],
        typer.Option("--fail-under", min=0, max=100, help="Exit 1 if an overall score (as displayed) is under N (0–100)."),
    ] = None,
    fail_on_critical: Annotated[bool, typer.Option("--fail-on-critical", help="Exit 1 on any critical failure.")] = False,
    require_complete: Annotated[
        bool, typer.Option("--require-complete", help="Exit 1 if an applicable item is unanswered.")
    ] = False,
) -> None:
    """Score audits; with several audits of one checklist, score them as a program."""
    from cx_audit.files.output import Output
    from cx_audit.options import Options
    from cx_audit.outputs.formats import render
    from cx_audit.scoring.gates import gate_failures

    results = _score_all(audits)
    result = results[0] if len(results) == 1 else _program(results)
    extras = [(p, f) for p, f in ((json_path, Format.json), (junit_path, Format.junit), (markdown_path, Format.markdown)) if p]
    inputs = input_paths(results)
    check_outputs((Output(p, f.value) for p, f in extras), inputs=inputs)
    sys.stdout.write(render(format, result, Options(color=use_color(sys.stdout), width=_width())))
    for path, fmt in extras:
        _write_extra(path, fmt, result, inputs)
    failures = []
    for r in results:
        for reason in gate_failures(r, fail_under, fail_on_critical, require_complete):
            failures.append(f"{r.audit.path}: gate failed: {reason}")
    if failures:
        for line in failures:
            err(line)
        raise typer.Exit(ExitCode.GATE)


def input_paths(results: "list[AuditResult]") -> list[Path]:
    """The files a command read: audits and their checklist files (never to be overwritten)."""
    paths = [r.audit.path for r in results if r.audit.path is not None]
    paths += [r.checklist.path for r in results if r.checklist.path is not None and not r.checklist.builtin]
    return list(dict.fromkeys(paths))


def _width() -> int:
    import shutil

    return max(80, min(shutil.get_terminal_size((100, 24)).columns, 160))


def _score_all(paths: list[Path]) -> "list[AuditResult]":
    from cx_audit.cli.progress import track
    from cx_audit.files.audit import load_audits
    from cx_audit.scoring.audit import score_audit

    results = []
    with bulk_loading():
        loaded = load_audits(paths, lambda seq: track(seq, "Loading audits"))
        for la in loaded:
            result = score_audit(la.checklist, la.audit)
            for w in la.warnings + la.plan_warnings(lambda c, a: (r.item.id for r in result.actions)):  # noqa: B023 - used at once
                err(w.as_warning())
            results.append(result)
            if la.audit.exceptions:
                from cx_audit.scoring.exceptions import exception_warnings

                for w in exception_warnings(result):
                    err(w.as_warning())
    return results


def _program(results: "list[AuditResult]") -> "ProgramResult":
    from cx_audit.scoring.program import score_program

    return score_program(results)


# --- compare ----------------------------------------------------------------------


@app.command()
def compare(
    baseline: Annotated[Path, typer.Argument(help="The earlier audit.")],
    current: Annotated[Path, typer.Argument(help="The later audit.")],
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = CompareFormat.table,
    fail_on_regression: Annotated[
        bool, typer.Option("--fail-on-regression", help="Exit 1 if the overall score fell or a critical failure is new.")
    ] = False,
) -> None:
    """Compare a baseline audit with a current one: deltas, changed items, critical failures."""
    from cx_audit.options import Options
    from cx_audit.outputs.formats import render
    from cx_audit.scoring.compare import compare as do_compare

    b, c = _score_all([baseline, current])
    cmp = do_compare(b, c)
    sys.stdout.write(render(format, cmp, Options(color=use_color(sys.stdout), width=_width())))
    if fail_on_regression and cmp.regression:
        from cx_audit.wording import regression_reason

        err(f"{current}: gate failed: regression against {baseline}: {regression_reason(cmp)}")
        raise typer.Exit(ExitCode.GATE)
