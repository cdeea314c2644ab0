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
    from markupsafe import Markup

    from cx_audit.outputs import Options

TEMPLATE = "report.html.j2"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment for every report template (imported only when a report is made)."""
    import jinja2

    from cx_audit.files.registry import templates_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,  # every template, whatever its name ends with
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> Markup:
    """User text as a CSS string literal inside the page's <style> (the running header).

    HTML escaping is wrong inside <style> (``&amp;`` would print as is), so every
    character other than letters, digits, spaces and a few safe marks is written as a
    CSS escape: no quote, backslash, ``<`` or line break can end the string or the style.
    """
    from markupsafe import Markup

    safe = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-·")
    body = "".join(c if c in safe else f"\\{ord(c):06x}" for c in printable(text))
    return Markup(f'"{body}"')


def render_html(inp: ReportInput, branding: Branding | None = None, pdf: bool = False) -> str:
    """The report as a string; ``branding`` defaults to none (no config file is read).

    ``pdf`` adds what WeasyPrint needs to print the same page (see report/pdf.py): the
    charts' styles inside each SVG, and layout rules for what it does not lay out as
    browsers do.
    """
    from cx_audit.report.html.page import build_page

    page = build_page(inp, branding)
    return printable(environment().get_template(TEMPLATE).render(page=page, pdf=pdf))


def render(inp: ReportInput, options: Options) -> str:
    """The renderer interface of :mod:`cx_audit.outputs`: the branding comes in the options."""
    return render_html(inp, options.branding)
