"""report/pdf.py's quick library lookup: ctypes' answers, without ctypes' processes.

WeasyPrint asks for each of its libraries under several names; ctypes.util.find_library
answers each with `ldconfig -p`, gcc and ld. The quick lookup must give the same answer
for every name WeasyPrint tries, from one `ldconfig -p`, and import WeasyPrint starting
no other process.
"""

from __future__ import annotations

import ast
import ctypes.util
import subprocess
import sys
import textwrap

import pytest

from cx_audit.report.pdf import quick_library_lookup

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ctypes starts processes only on Linux")

# The names WeasyPrint 6x tries, and some that exist on no system.
NAMES = [
    "libgobject-2.0-0",
    "gobject-2.0-0",
    "gobject-2.0",
    "libpango-1.0-0",
    "pango-1.0",
    "harfbuzz",
    "libharfbuzz-subset-0",
    "harfbuzz-subset",
    "harfbuzz-vector",
    "fontconfig-1",
    "fontconfig",
    "pangoft2-1.0",
    "c",
    "m",
    "z",
    "no-such-library-at-all",
]


def test_the_quick_lookup_answers_as_ctypes_does() -> None:
    expected = {name: ctypes.util.find_library(name) for name in NAMES}
    assert expected["c"] is not None and expected["no-such-library-at-all"] is None
    with quick_library_lookup():
        got = {name: ctypes.util.find_library(name) for name in NAMES}
        again = {name: ctypes.util.find_library(name) for name in NAMES}
    assert got == expected
    assert again == expected


def test_the_lookup_is_put_back() -> None:
    original = ctypes.util.find_library
    with quick_library_lookup():
        assert ctypes.util.find_library is not original
    assert ctypes.util.find_library is original


def test_importing_weasyprint_starts_only_ldconfig() -> None:
    pytest.importorskip("weasyprint")
    script = textwrap.dedent(
        """
        import subprocess, sys
        started = []
        real = subprocess.Popen.__init__
        def spy(self, args, *a, **k):
            started.append(args[0] if isinstance(args, (list, tuple)) else args)
            real(self, args, *a, **k)
        subprocess.Popen.__init__ = spy
        from cx_audit.report.pdf import require_weasyprint
        require_weasyprint()
        print(repr(started))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert ast.literal_eval(run.stdout.strip().splitlines()[-1]) == ["/sbin/ldconfig"]
