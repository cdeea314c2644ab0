"""Every output format behind one interface: ``render(subject, options) -> str | bytes``.

Text formats (table, json, markdown, junit) render an :class:`AuditResult`, a
:class:`ProgramResult` or a :class:`Comparison`; the client's reports (html, xlsx, pdf, pptx)
render a :class:`ReportInput`. :func:`renderer` picks the module for a :class:`Format`
with an exhaustive match (mypy checks that no format is forgotten) and imports it only
then: rich, jinja2 and openpyxl are slow to import.

The commands' ``--format`` choices (:class:`ScoreFormat`, :class:`CompareFormat`) are
subsets of :class:`Format`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, NoReturn

from cx_audit.outputs.options import Options


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    html = "html"
    xlsx = "xlsx"
    pdf = "pdf"
    pptx = "pptx"


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
    if fmt is Format.pptx:
        from cx_audit.report.pptx import render as pptx

        return pptx.render
    assert_never(fmt)


def render(fmt: Format | ScoreFormat | CompareFormat, subject: Any, options: Options | None = None) -> Any:
    """Render ``subject`` in ``fmt``: ``str`` for text formats, ``bytes`` for xlsx, pdf and pptx."""
    return renderer(Format(fmt.value))(subject, options or Options())
