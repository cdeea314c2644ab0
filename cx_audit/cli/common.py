"""What every command module shares: the Typer app, the one error handler, and the
helpers that print a line, stop with an exit code or write an output.

Nothing here computes a score or renders a report. The command modules import this;
:mod:`cx_audit.cli.app` imports the command modules (only the one asked for).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from cx_audit import __version__
from cx_audit.cli.coerce import install as _install_fast_coercion
from cx_audit.errors import CxAuditError, ExitCode

if TYPE_CHECKING:
    from cx_audit.files.output import Output


class _Group(TyperGroup):
    """Turns expected errors into one line and exit 2; anything else into exit 3."""

    def invoke(self, ctx: Any) -> Any:
        # See main(): collection was only paused for start-up. Loading a large program
        # allocates millions of objects that live to the end; with the default gen-0
        # threshold (700) the collector rescans them hundreds of times, a sixth of a
        # 1,000-audit `score`. A larger threshold costs ~2% more memory.
        gc.enable()
        gc.set_threshold(10_000, 10, 10)
        try:
            return super().invoke(ctx)
        except CxAuditError as exc:
            for line in exc.lines():
                err(line)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (`cx-audit score ... | head`): stop quietly with the
            # shell's code for SIGPIPE, never "1", which means a gate failed.
            _silence_stdout()
            raise typer.Exit(ExitCode.BROKEN_PIPE) from None
        except Exception as exc:  # noqa: BLE001 - the one place that catches everything
            if _state.get("debug"):
                traceback.print_exc()
            err(f"cx-audit: internal error ({type(exc).__name__}: {exc}); this is a bug — rerun with --debug for the traceback")
            raise typer.Exit(ExitCode.INTERNAL) from None


_state: dict[str, Any] = {}
_install_fast_coercion()  # plain option values converted without pydantic: see cli/coerce.py

app = typer.Typer(
    cls=_Group,
    name="cx-audit",
    help="Customer-experience audits: interview, score, report, compare.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Load and score many objects that live to the end of the command, without the
    cyclic garbage collector rescanning them as they pile up.

    Loading a 1,000-audit program builds millions of objects and no reference cycles
    (files/yamlio.py's loader makes none), yet the collector ran some fifty times over
    them: a sixth of `score`. So it is paused here; afterwards, in our own process, the
    survivors are frozen (moved out of the collector's sight, as at exit) so that it does
    not scan them all at once when it resumes; in a test's process they are left alone.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _state.get("own_process"):
            gc.freeze()
        if was_enabled:
            gc.enable()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests) or already closed
        pass


def err(line: str) -> None:
    """One line to stderr; control characters from user text (a path, a name) are shown, not run."""
    from cx_audit.safetext import terminal_text

    sys.stderr.write(terminal_text(line) + "\n")


def emit(out: Output, content: str | bytes | Callable[[], str | bytes], force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Write one output through the one writer and tell the user where it went."""
    from cx_audit.files.output import write_output

    line = write_output(out, content, force, inputs)
    if line:
        err(line)


def check_outputs(outs: Iterable[Output], force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse a command's outputs before it renders or writes any of them."""
    from cx_audit.files.output import check_output

    inputs = list(inputs)
    for out in outs:
        check_output(out, force, inputs)


def fail(message: str, code: ExitCode = ExitCode.INPUT) -> NoReturn:
    err(message)
    raise typer.Exit(code)


def config_dir() -> Path:
    """The user's config folder for cx-audit (``~/.config/cx-audit`` on Linux), where cx-audit.toml may be."""
    return Path(typer.get_app_dir("cx-audit"))


def date_option(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option (`--today`, `--expires`); a usage error naming the option otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date such as 2027-01-31", param_hint=f"'{option}'") from None


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
