"""The client's reports: which ones there are, and the renderer of each.

`report --html/--xlsx/--pdf/--pptx` and the demo render through :func:`render`; :func:`renderer`
picks the module with an exhaustive match and imports it only then (jinja2, openpyxl and
WeasyPrint and python-pptx are slow to import). A new report is a member of
:class:`Deliverable`, a branch here and a package under report/.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from cx_audit.errors import assert_never

if TYPE_CHECKING:
    from cx_audit.options import Options
    from cx_audit.report.input import ReportInput


class Deliverable(str, Enum):
    html = "html"
    xlsx = "xlsx"
    pdf = "pdf"
    pptx = "pptx"  # the readout deck


Renderer = Callable[["ReportInput", "Options"], "str | bytes"]


def renderer(kind: Deliverable) -> Renderer:
    """The render function of a report, its module imported only now."""
    if kind is Deliverable.html:
        from cx_audit.report.html import render as html

        return html.render
    if kind is Deliverable.xlsx:
        from cx_audit.report.xlsx import workbook

        return workbook.render
    if kind is Deliverable.pdf:
        from cx_audit.report import pdf

        return pdf.render
    if kind is Deliverable.pptx:
        from cx_audit.report.pptx import render as pptx

        return pptx.render
    assert_never(kind)


def render(kind: Deliverable, inp: ReportInput, options: Options) -> str | bytes:
    """``str`` for html, ``bytes`` for xlsx, pdf and pptx."""
    return renderer(kind)(inp, options)
