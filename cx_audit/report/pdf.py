"""The PDF report: the HTML report's page, printed by WeasyPrint.

WeasyPrint is the optional extra ``pdf`` (``pip install "cx-audit[pdf]"``) and needs the
Pango library from the system; it is imported only when a PDF is asked for. Without
it, or without a working Pango, asking for a PDF is one input error saying exactly what
to install (:func:`require_weasyprint`, which the CLI calls before writing anything).

The page is the HTML report itself: its print stylesheet gives the running header, the
"page N of M" footer, parts on new pages and cards that do not split. Only data: URIs
are fetched (the report has nothing else), so rendering makes no network request.

Deterministic: WeasyPrint writes no date unless told; the document's creation and
modification dates are pinned to the latest audit date at 00:00 UTC, and the file
identifier is a hash of the page, so the same inputs give a byte-identical file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from types import ModuleType
from typing import TYPE_CHECKING

from cx_audit.errors import InputError
from cx_audit.report.input import ReportInput

if TYPE_CHECKING:
    from cx_audit.options import Options

INSTALL = 'pip install "cx-audit[pdf]"'
PANGO = "on Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; on macOS: brew install pango"


def require_weasyprint() -> ModuleType:
    """The weasyprint module, or an InputError naming what to install."""
    try:
        import weasyprint
    except ImportError:
        raise InputError.single(
            "--pdf", f"needs WeasyPrint, which is not installed: {INSTALL} (it also needs Pango: {PANGO})"
        ) from None
    except OSError as exc:  # WeasyPrint found, Pango's library not (cffi cannot load it)
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError.single("--pdf", f"WeasyPrint cannot load the Pango library ({first[:100]}): {PANGO}") from None
    module: ModuleType = weasyprint
    return module


def pdf_date(inp: ReportInput) -> str:
    """The latest audit date (a baseline included) at 00:00 UTC, as a W3C date-time."""
    results = [*inp.results, *([inp.comparison.baseline] if inp.comparison is not None else [])]
    dates = [r.audit.date for r in results if r.audit.date]
    day = max(dates) if dates else dt.date(2000, 1, 1)
    return f"{day.isoformat()}T00:00:00Z"


def render_pdf(inp: ReportInput, options: Options) -> bytes:
    weasyprint = require_weasyprint()
    from cx_audit.report.html.render import render_html

    html = render_html(inp, options.branding, pdf=True, appendix=options.appendix)
    kwargs = {}
    if hasattr(weasyprint, "URLFetcher"):
        kwargs["url_fetcher"] = weasyprint.URLFetcher(allowed_protocols=("data",))
    document = weasyprint.HTML(string=html, **kwargs).render()
    stamp = pdf_date(inp)
    document.metadata.created = stamp
    document.metadata.modified = stamp
    identifier = hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode("ascii")
    data: bytes = document.write_pdf(pdf_identifier=identifier)
    return data


def render(inp: ReportInput, options: Options) -> bytes:
    """The renderer interface of :mod:`cx_audit.outputs`."""
    return render_pdf(inp, options)
