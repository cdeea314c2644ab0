"""The client's HTML report: one self-contained, printable file.

Two steps, as coverage.py does it: :mod:`cx_audit.report.html.page` builds the plain data the
page shows, then the Jinja2 templates in ``report_templates/`` lay it out. CSS and the
SVG charts are inline; nothing is fetched from the network and no script runs. The
output depends only on the inputs (no clock, no random ids), so it is byte-identical
from run to run.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from cx_audit.report.branding import Branding
from cx_audit.report.input import ReportInput
from cx_audit.safetext import printable

if TYPE_CHECKING:
    import jinja2

    from cx_audit.outputs.options import Options
    from cx_audit.report.html.page import Page

TEMPLATE = "report.html.j2"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment for every report template (imported only when a report is made)."""
    import jinja2

    from cx_audit.files.registry import templates_dir

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,  # every template, whatever its name ends with
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def render_html(inp: ReportInput, branding: Branding | None = None) -> str:
    """The report as a string; ``branding`` defaults to none (no config file is read)."""
    page = build_page(inp, branding)
    return printable(environment().get_template(TEMPLATE).render(page=page))


def render(inp: ReportInput, options: Options) -> str:
    """The renderer interface of :mod:`cx_audit.outputs`: the branding comes in the options."""
    return render_html(inp, options.branding)


def build_page(inp: ReportInput, branding: Branding | None = None) -> Page:
    """The page for one audit (with its baseline, if any) or for a program of several."""
    brand = branding or Branding()
    if inp.program is not None:
        from cx_audit.report.html.program_page import ProgramPage

        return ProgramPage(inp.program, brand).build()
    from cx_audit.report.html.audit_page import AuditPage

    return AuditPage(inp.main, inp.comparison, brand).build()
