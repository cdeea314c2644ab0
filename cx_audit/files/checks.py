"""Small helpers shared by the checklist and audit validators.

A :class:`Checker` collects every problem of a file (so the user sees them all at once),
each with the YAML path where it was found; positions are looked up only at the end.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from typing import Any, TypeGuard

from cx_audit.errors import InputError, Problem
from cx_audit.files.yamlio import PathKey, Source

ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*\Z")
CHECKLIST_ID_RE = re.compile(r"[a-z][a-z0-9-]*\Z")
BOOL_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false"})
COMMAND_WORDS = frozenset({"na", "s", "b", "q", "x", "l", "?"})  # the SPEC's list; `g` needs an id after it
MAX_WEIGHT = 1_000_000

Path_ = tuple[PathKey, ...]


_FLOAT_MAX = int(sys.float_info.max)


def is_number(value: Any) -> TypeGuard[int | float]:
    """A real, finite number that fits in a float; YAML booleans are not numbers.

    YAML integers have no limit: ``1`` followed by 400 zeros is an int that no float holds.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return -_FLOAT_MAX <= value <= _FLOAT_MAX
    return math.isfinite(value)


def too_large(value: Any) -> bool:
    """An integer beyond what a float holds."""
    return isinstance(value, int) and not isinstance(value, bool) and not -_FLOAT_MAX <= value <= _FLOAT_MAX


def describe(value: Any) -> str:
    """A short description of a wrong value for an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float) and not math.isfinite(value):
        return f"'{value}'"
    if too_large(value):
        digits = len(str(abs(value))) if value.bit_length() < 14_000 else "thousands of"  # str() stops at 4,300 digits
        return f"a number too large to compute with ({digits} digits)"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def quoted(text: str, limit: int = 40) -> str:
    """Text a person typed, in quotes, cut short like :func:`describe` (a cell holds 32,767 characters)."""
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"


class Checker:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.errors: list[tuple[Path_, str, bool]] = []
        self.foreign: list[Problem] = []  # problems in another file this one refers to

    def error(self, path: Path_, message: str, at_key: bool = False) -> None:
        self.errors.append((path, message, at_key))

    def raise_if_any(self) -> None:
        if not self.errors and not self.foreign:
            return
        problems = [self.source.problem(p, m, k) for p, m, k in self.errors]
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(problems + self.foreign)

    # --- shapes --------------------------------------------------------------------

    def mapping(self, value: Any, path: Path_, what: str) -> dict[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(path, f"{what} must be a mapping (key: value lines), not {describe(value)}")
        return None

    def keys(
        self,
        m: dict[Any, Any],
        path: Path_,
        allowed: Iterable[str],
        required: Iterable[str] = (),
        what: str = "",
    ) -> None:
        allowed = set(allowed)
        for key in m:
            if not isinstance(key, str) or (key not in allowed and not key.startswith("x-")):
                hint = ", ".join(sorted(allowed))
                self.error((*path, key), f"unknown key '{key}'{' in ' + what if what else ''} (expected: {hint})", True)
        for key in required:
            if key not in m:
                self.error(path, f"missing required key '{key}'{' in ' + what if what else ''}")

    def string(self, m: dict[Any, Any], key: str, path: Path_, required: bool = False, default: str = "") -> str:
        if key not in m or m[key] is None:
            return default  # a missing required key is reported by keys()
        value = m[key]
        if isinstance(value, str):
            if required and not value.strip():
                self.error((*path, key), f"'{key}' must not be empty")
            return value
        self.error((*path, key), f"'{key}' must be text, not {describe(value)} (put it in quotes)")
        return default

    def boolean(self, m: dict[Any, Any], key: str, path: Path_, default: bool) -> bool:
        if key not in m:
            return default
        value = m[key]
        if isinstance(value, bool):
            return value
        self.error((*path, key), f"'{key}' must be true or false, not {describe(value)}")
        return default

    def weight(self, m: dict[Any, Any], path: Path_) -> float:
        if "weight" not in m:
            return 1.0
        value = m["weight"]
        if is_number(value) and 0 < value <= MAX_WEIGHT:
            return float(value)
        if is_number(value) and value > MAX_WEIGHT:
            self.error((*path, "weight"), f"weight {value:g} is too large: weights are relative, use at most {MAX_WEIGHT:,}")
        else:
            self.error((*path, "weight"), f"weight must be a number greater than 0, not {describe(value)}")
        return 1.0

    def ident(self, value: Any, path: Path_, what: str, pattern: re.Pattern[str] = ID_RE) -> str | None:
        if isinstance(value, bool) or (isinstance(value, str) and value.lower() in BOOL_WORDS):
            self.error(path, f"{what} {describe(value)} is refused: YAML 1.1 reads yes/no/on/off/y/n/true/false as booleans")
            return None
        if not isinstance(value, str):
            self.error(path, f"{what} must be text starting with a letter, not {describe(value)}")
            return None
        if not pattern.match(value):
            rule = "[a-z][a-z0-9-]*" if pattern is CHECKLIST_ID_RE else "a letter, then letters, digits, '_', '.' or '-'"
            self.error(path, f"{what} '{value}' is not valid: use {rule}")
            return None
        return value
