"""The command line: parse options, call the core, turn outcomes into exit codes.

Nothing here computes a score or renders a report; heavy modules (rich, jinja2,
openpyxl) are imported inside the commands that need them, so `--help` and `score`
stay fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup

from cx_audit import __version__
from cx_audit.errors import CxAuditError

EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL = 1, 2, 3


class _Group(TyperGroup):
    """Turns expected errors into one line and exit 2; anything else into exit 3."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CxAuditError as exc:
            for line in exc.lines():
                err(line)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt, SystemExit):
            raise
        except BrokenPipeError:
            raise typer.Exit(1) from None
        except Exception as exc:  # noqa: BLE001 - the one place that catches everything
            if _state.get("debug"):
                traceback.print_exc()
            err(f"cx-audit: internal error ({type(exc).__name__}: {exc}); this is a bug — rerun with --debug for the traceback")
            raise typer.Exit(EXIT_INTERNAL) from None


_state: dict[str, Any] = {}

app = typer.Typer(
    cls=_Group,
    name="cx-audit",
    help="Customer-experience audits: interview, score, report, compare.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def err(line: str) -> None:
    sys.stderr.write(line + "\n")


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    err(message)
    raise typer.Exit(code)


def use_color(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cx-audit {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
) -> None:
    _state["debug"] = debug


def main(argv: Optional[list[str]] = None) -> None:
    """Entry point of the `cx-audit` console script and `python -m cx_audit`."""
    _register_commands()
    try:
        app(args=argv, prog_name="cx-audit")
    except KeyboardInterrupt:  # pragma: no cover - raised outside a command
        sys.exit(130)


_registered = False


def _register_commands() -> None:
    global _registered
    if _registered:
        return
    _registered = True
    from cx_audit import cli_commands, cli_reports, cli_run  # noqa: F401  (they register on `app`)
