"""Every output format behind one interface: ``render(subject, options) -> str | bytes``.

Text formats (table, json, markdown, junit) render an :class:`AuditResult`, a
:class:`ProgramResult` or a :class:`Comparison`; the client's reports (html, xlsx, pdf)
render a :class:`ReportInput`. :func:`renderer` picks the module for a :class:`Format`
with an exhaustive match (mypy checks that no format is forgotten) and imports it only
then: rich, jinja2 and openpyxl are slow to import.

The commands' ``--format`` choices (:class:`ScoreFormat`, :class:`CompareFormat`) are
subsets of :class:`Format`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, NoReturn, Union

if TYPE_CHECKING:  # the CLI imports Format for its options; keep that light
    from cx_audit.report.branding import Branding
    from cx_audit.scoring.audit import AuditResult
    from cx_audit.scoring.compare import Comparison
    from cx_audit.scoring.program import ProgramResult

Result = Union["AuditResult", "ProgramResult", "Comparison"]


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    html = "html"
    xlsx = "xlsx"
    pdf = "pdf"


class ScoreFormat(str, Enum):
    """What `score` can print on stdout."""

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
    branding: Branding | None = None  # html and pdf only; resolved by the CLI, never read by a renderer


Renderer = Callable[[Any, Options], "str | bytes"]


def assert_never(value: NoReturn) -> NoReturn:  # typing.assert_never is Python 3.11+
    raise AssertionError(f"unhandled format: {value!r}")


def renderer(fmt: Format) -> Renderer:
    """The render function of a format, its module imported only now."""
    if fmt is Format.table:
        from cx_audit.outputs import table

        return table.render
    if fmt is Format.json:
        from cx_audit.outputs import jsonout

        return jsonout.render
    if fmt is Format.markdown:
        from cx_audit.outputs import markdown

        return markdown.render
    if fmt is Format.junit:
        from cx_audit.outputs import junit

        return junit.render
    if fmt is Format.html:
        from cx_audit.report.html import render as html

        return html.render
    if fmt is Format.xlsx:
        from cx_audit.report.xlsx import workbook

        return workbook.render
    if fmt is Format.pdf:
        from cx_audit.report import pdf

        return pdf.render
    assert_never(fmt)


def render(fmt: Format | ScoreFormat | CompareFormat, subject: Any, options: Options | None = None) -> Any:
    """Render ``subject`` in ``fmt``: ``str`` for text formats, ``bytes`` for xlsx and pdf."""
    return renderer(Format(fmt.value))(subject, options or Options())


def comparison_label(r: AuditResult) -> str:
    """An audit in a comparison: its file and date (both audits often share a site)."""
    name = r.audit.path.name if r.audit.path else r.audit.label
    return f"{name} ({r.audit.date.isoformat()})" if r.audit.date else name
