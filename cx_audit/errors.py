"""The one small exception hierarchy. The CLI turns these into exit codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import NoReturn


class ExitCode(IntEnum):
    """Every exit code cx-audit uses, and what it tells a CI job."""

    OK = 0  # done; every requested gate passed
    GATE = 1  # a gate failed: --fail-under, --fail-on-critical, --require-complete, --fail-on-regression...
    INPUT = 2  # usage or input error: a bad option, a missing or broken file
    INTERNAL = 3  # a bug in cx-audit
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    BROKEN_PIPE = 141  # stdout closed early (128 + SIGPIPE)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """User text inside a message: control characters shown as escapes, never as breaks."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True)
class Problem:
    """One positioned message about a user's file."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    where: str | None = None  # e.g. "sheet 'Answers' cell D14"

    def __str__(self) -> str:
        return self._render("")

    def as_warning(self) -> str:
        """The same line marked as a warning, after its position: ``PATH:3:5: warning: ...``.

        Loading, import and the interview all report warnings as Problems and print them
        with this, so a warning reads like an error and names the same place.
        """
        return self._render("warning: ")

    def _render(self, mark: str) -> str:
        message = mark + one_line(self.message)
        if self.line is not None:
            return f"{self.path}:{self.line}:{self.column or 1}: {message}"
        if self.where:
            return f"{self.path}: {self.where}: {message}"
        return f"{self.path}: {message}"


class CxAuditError(Exception):
    """Base of every error the tool expects; exit code 2 unless said otherwise."""

    exit_code: ExitCode = ExitCode.INPUT

    def lines(self) -> list[str]:
        return [str(self)]


class InputError(CxAuditError):
    """One or more problems with files the user gave us."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    @classmethod
    def single(cls, path: object, message: str, **where: object) -> InputError:
        return cls([Problem(str(path), message, **where)])  # type: ignore[arg-type]


class OutputError(CxAuditError):
    """A file could not be written (folder missing, read-only, disk full...)."""


class LockedError(CxAuditError):
    """The audit is open in another interview."""


def assert_never(value: NoReturn) -> NoReturn:
    """An exhaustive match's last line (typing.assert_never is Python 3.11+): mypy reports a case left out."""
    raise AssertionError(f"unhandled: {value!r}")
