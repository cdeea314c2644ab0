"""The entry point: `cx-audit` and `python -m cx_audit` start here.

It imports only the module of the command being run (Typer builds every command it
knows, and rich, jinja2 and openpyxl are imported inside the commands that need them),
so `--help` and `score` stay fast. The Typer app and the error handler are in
:mod:`cx_audit.cli.common`.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Optional

from cx_audit.cli.common import _state, app
from cx_audit.errors import ExitCode

__all__ = ["app", "main"]


def main(argv: Optional[list[str]] = None) -> None:
    """Entry point of the `cx-audit` console script and `python -m cx_audit`.

    Start-up (imports, Typer building the command) allocates many long-lived objects,
    so the cyclic garbage collector is paused until the command runs, and at exit the
    survivors are frozen instead of being collected one last time. Together that takes
    about a fifth off a `score` run; the command itself runs with collection on.
    """
    own_process = argv is None
    args = sys.argv[1:] if argv is None else argv
    _state["own_process"] = own_process
    if own_process:
        gc.disable()
    try:
        _register_commands(args)
        app(args=args, prog_name="cx-audit")
    except KeyboardInterrupt:  # pragma: no cover - raised outside a command
        sys.exit(ExitCode.INTERRUPTED)
    finally:
        gc.enable()
        if own_process:
            gc.freeze()


# Which module defines each command. Only the module that is needed is imported, so
# that `score` does not pay for building every other command (Typer builds them all).
_COMMAND_MODULES = {
    "score": "score",
    "compare": "score",
    "checklists": "checklists",
    "report": "reports",
    "form": "forms",
    "import": "forms",
    "demo": "demo",
    "run": "run",
    "trend": "trend",
    "actions": "actions",
    "metrics": "metrics",
    "exceptions": "exceptions",
    "portfolio": "portfolio",
    "evidence": "evidence",
}
_registered: set[str] = set()


def _register_commands(args: list[str]) -> None:
    command = next((a for a in args if not a.startswith("-")), None)
    wanted = _COMMAND_MODULES.get(command or "")
    if wanted is None or any(k.endswith("_COMPLETE") for k in os.environ):
        modules = sorted(set(_COMMAND_MODULES.values()))  # help, completion, a typo: list every command
    else:
        modules = [wanted]
    for name in modules:
        if name not in _registered:
            _registered.add(name)
            _import_commands(name)


def _import_commands(name: str) -> None:
    """Import one command module (plain imports, so tools and readers can follow them)."""
    if name == "score":
        from cx_audit.cli import score  # noqa: F401
    elif name == "checklists":
        from cx_audit.cli import checklists  # noqa: F401
    elif name == "reports":
        from cx_audit.cli import reports  # noqa: F401
    elif name == "forms":
        from cx_audit.cli import forms  # noqa: F401
    elif name == "demo":
        from cx_audit.cli import demo  # noqa: F401
    elif name == "run":
        from cx_audit.cli import run  # noqa: F401
    elif name == "trend":
        from cx_audit.cli import trend  # noqa: F401
    elif name == "actions":
        from cx_audit.cli import actions  # noqa: F401
    elif name == "metrics":
        from cx_audit.cli import metrics  # noqa: F401
    elif name == "exceptions":
        from cx_audit.cli import exceptions  # noqa: F401
    elif name == "portfolio":
        from cx_audit.cli import portfolio  # noqa: F401
    elif name == "evidence":
        from cx_audit.cli import evidence  # noqa: F401
    else:  # pragma: no cover - _COMMAND_MODULES names only the modules above
        raise AssertionError(name)
