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
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING

from cx_audit.errors import InputError
from cx_audit.report.input import ReportInput

if TYPE_CHECKING:
    from cx_audit.options import Options

INSTALL = 'pip install "cx-audit[pdf]"'
PANGO = "on Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; on macOS: brew install pango"


@contextmanager
def quick_library_lookup() -> Iterator[None]:
    """While WeasyPrint loads its libraries: find them with one `ldconfig -p`, not ~200 processes.

    WeasyPrint tries six names for each of its seven libraries (``libpango-1.0-0``,
    ``pango-1.0``...). For each name that is not a file, cffi asks
    ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and then gcc and ld
    (each through several shims): some 215 processes and half a second before the first
    page. Here ``find_library`` reads one ``ldconfig -p`` listing with ctypes' own
    pattern, then the folders of ``LD_LIBRARY_PATH`` (what ctypes' ld step searches), and
    remembers each answer. A library found only by gcc's own search is not found here:
    :func:`require_weasyprint` then imports again with ctypes' full search.
    """
    import ctypes.util

    if not sys.platform.startswith("linux"):  # macOS and Windows look up without processes
        yield
        return
    original = ctypes.util.find_library
    answers: dict[str, str | None] = {}
    listing: list[bytes] = []

    def find_library(name: str) -> str | None:
        if name not in answers:
            if not listing:
                listing.append(_ldconfig_listing())
            if not listing[0]:  # no glibc ldconfig (musl...): ctypes' own search, as before
                return original(name)
            answers[name] = _soname_in(listing[0], name) or _in_library_path(name)
        return answers[name]

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> bytes:
    """`ldconfig -p` as ctypes runs it (C locale); empty when it cannot run."""
    import subprocess

    try:
        run = subprocess.run(
            ["/sbin/ldconfig", "-p"],
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        )
    except OSError:
        return b""
    return run.stdout


def _soname_in(listing: bytes, name: str) -> str | None:
    """ctypes.util's ``_findSoname_ldconfig`` on a listing already read."""
    import os
    import re
    import struct

    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi_type = {
        "x86_64-64": "libc6,x86-64",
        "ppc64-64": "libc6,64bit",
        "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit",
        "ia64-64": "libc6,IA-64",
    }.get(machine, "libc6")
    found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi_type}"), listing)
    return os.fsdecode(found.group(1)) if found else None


def _in_library_path(name: str) -> str | None:
    """``lib<name>.so`` in a folder of LD_LIBRARY_PATH (what ctypes' ld step finds)."""
    import os

    for folder in os.environ.get("LD_LIBRARY_PATH", "").split(":"):
        candidate = os.path.join(folder, f"lib{name}.so")
        if folder and os.path.isfile(candidate):
            return candidate
    return None


def require_weasyprint() -> ModuleType:
    """The weasyprint module, or an InputError naming what to install."""
    try:
        try:
            with quick_library_lookup():
                import weasyprint
        except OSError:  # not found by the quick lookup: once more with ctypes' full search
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
