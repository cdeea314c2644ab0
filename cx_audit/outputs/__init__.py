"""Text outputs of `score` and `compare`: one module per format behind ``render(result)``.

Each module exposes ``render(result, options) -> str`` for an :class:`AuditResult`, a
:class:`ProgramResult` or a :class:`Comparison`. The registry below and the
:class:`Format` enum must list the same formats (a test checks it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:  # the CLI imports Format for its options; keep that light
    from cx_audit.scoring.audit import AuditResult
    from cx_audit.scoring.compare import Comparison
    from cx_audit.scoring.program import ProgramResult

Result = Union["AuditResult", "ProgramResult", "Comparison"]


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    junit = "junit"


class CompareFormat(str, Enum):
    """What `compare` can print: JUnit describes one audit's items, not a change."""

    table = "table"
    json = "json"
    markdown = "markdown"


@dataclass(frozen=True)
class Options:
    color: bool = False
    width: int = 100
    top_actions: int = 5


# format → module (imported only when that format is asked for: rich is slow to import)
_MODULES = {
    Format.table: "cx_audit.outputs.table",
    Format.json: "cx_audit.outputs.jsonout",
    Format.markdown: "cx_audit.outputs.markdown",
    Format.junit: "cx_audit.outputs.junit",
}


def comparison_label(r: AuditResult) -> str:
    """An audit in a comparison: its file and date (both audits often share a site)."""
    name = r.audit.path.name if r.audit.path else r.audit.label
    return f"{name} ({r.audit.date.isoformat()})" if r.audit.date else name


def renderer(fmt: Format) -> Callable[[Any, Options], str]:
    module = importlib.import_module(_MODULES[fmt])
    return module.render  # type: ignore[no-any-return]


def render(fmt: Format, result: Result, options: Options | None = None) -> str:
    return renderer(fmt)(result, options or Options())
