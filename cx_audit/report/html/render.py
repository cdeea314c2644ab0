"""The client's HTML report: one self-contained, printable file.

Two steps, as coverage.py does it: :mod:`cx_audit.report.html.page` builds the plain data the
page shows, then the Jinja2 templates in ``report_templates/`` lay it out. CSS and the
SVG charts are inline; nothing is fetched from the network and no script runs. The
output depends only on the inputs (no clock, no random ids), so it is byte-identical
from run to run.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING

from cx_audit.files.branding import Branding
from cx_audit.report.input import ReportInput
from cx_audit.safetext import printable

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from cx_audit.options import Options
    from cx_audit.report.html.page import Page

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
    # Each escape ends with a space, which CSS consumes as the escape's terminator: a
    # space that follows in the text stays (``Spokes & Sprockets``, not ``&Sprockets``).
    body = "".join(c if c in safe else f"\\{ord(c):x} " for c in printable(text))
    return Markup(f'"{body}"')


def render_html(inp: ReportInput, branding: Branding | None = None, pdf: bool = False, appendix: bool = True) -> str:
    """The report as a string; ``branding`` defaults to none (no config file is read).

    ``pdf`` adds what WeasyPrint needs to print the same page (see report/pdf.py): the
    charts' styles inside each SVG, and layout rules for what it does not lay out as
    browsers do.
    """
    page = build_page(inp, branding, appendix)
    return printable(environment().get_template(TEMPLATE).render(page=page, pdf=pdf))


def render(inp: ReportInput, options: Options) -> str:
    """The renderer interface of :mod:`cx_audit.outputs`: the branding comes in the options."""
    return render_html(inp, options.branding, appendix=options.appendix)


def build_page(inp: ReportInput, branding: Branding | None = None, appendix: bool = True) -> Page:
    """The page for one audit (with its baseline, if any) or for a program of several;
    without ``appendix`` the findings item by item are left out."""
    brand = branding or Branding()
    if inp.program is not None:
        from cx_audit.report.html.program_page import ProgramPage

        page = ProgramPage(inp.program, brand).build()
    else:
        from cx_audit.report.html.audit_page import AuditPage

        page = AuditPage(inp.main, inp.comparison, brand, appendix).build()
    page = dataclasses.replace(page, running_head=running_head(inp))
    if inp.benchmark is not None:
        page = with_benchmark(page, inp)
    return page


def with_benchmark(page: Page, inp: ReportInput) -> Page:
    """The page with the part "How you compare" after the scores by section (report --benchmark)."""
    from cx_audit.report.html.benchmark_view import benchmark_view
    from cx_audit.report.html.page import number_parts

    assert inp.benchmark is not None
    order: list[tuple[str, str] | None] = []
    for key, part in page.parts.items():
        if key == "actions":
            order.append(("benchmark", "How you compare"))  # after the comparison, before the plan
        order.append((key, part.title))
    return dataclasses.replace(page, parts=number_parts(*order), benchmark=benchmark_view(inp.benchmark))


def running_head(inp: ReportInput) -> str:
    """The header of every printed page after the cover.

    One client: "client · checklist". A program of several clients: the checklist and the
    number of audits, since no one client name is true of every page.
    """
    from cx_audit.wording import plural

    checklist = inp.main.checklist.title
    clients = {r.audit.client for r in inp.results}
    if len(clients) == 1 and (client := next(iter(clients))):
        return f"{client} · {checklist}"
    if inp.program is None:
        return checklist
    return f"{checklist} · {plural(len(inp.results), 'audit')}"
