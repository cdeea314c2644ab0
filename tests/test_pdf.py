"""`report --pdf` without the real PDF: the missing extra, the running header, pinned dates.

The PDF itself is checked with the real tools (WeasyPrint, pdftotext, pdffonts,
pdftoppm, Chromium) in tests/test_pdf_clients.py.
"""

from __future__ import annotations

import importlib.abc
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

import pytest

from cx_audit.files.audit import load_audit
from cx_audit.report.html.render import css_string, render_html, running_head
from cx_audit.report.input import build_input
from cx_audit.report.pdf import pdf_date
from cx_audit.scoring.audit import AuditResult, score_audit
from tests.conftest import FULL, Run, audit_text, write

CliFn = Callable[..., Run]
NOT_INSTALLED = (
    '--pdf: needs WeasyPrint, which is not installed: pip install "cx-audit[pdf]" (it also needs Pango: '
    "on Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; on macOS: brew install pango)"
)


class _NoPango(importlib.abc.MetaPathFinder):
    """Importing weasyprint fails as it does when cffi cannot load Pango's library."""

    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> None:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return None


def scored(*paths: Path) -> list[AuditResult]:
    return [score_audit(la.checklist, la.audit) for la in map(load_audit, paths)]


def test_without_weasyprint_pdf_is_one_input_line_and_nothing_is_written(
    cli: CliFn, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = write(tmp_path / "a.yaml", audit_text(FULL))
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint → ImportError
    run = cli("report", audit, "--html", tmp_path / "r.html", "--pdf", tmp_path / "r.pdf")
    assert run.code == 2
    assert run.err.splitlines() == [NOT_INSTALLED]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "mini.yaml"], "nothing written"


def test_weasyprint_without_pango_names_pango(cli: CliFn, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    audit = write(tmp_path / "a.yaml", audit_text(FULL))
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    run = cli("report", audit, "--pdf", tmp_path / "r.pdf")
    assert run.code == 2
    assert run.err.splitlines() == [
        "--pdf: WeasyPrint cannot load the Pango library (cannot load library 'libpango-1.0-0': libpango-1.0-0: "
        "cannot open shared object file): on Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
        "on macOS: brew install pango"
    ]
    assert not (tmp_path / "r.pdf").exists()


def test_the_demo_without_weasyprint_says_how_to_get_the_pdf(cli: CliFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    run = cli("demo", tmp_path / "d")
    assert run.code == 0, run.err
    assert (
        'No PDF report: WeasyPrint is not installed. For one, pip install "cx-audit[pdf]" and run the demo again with --force.'
        in run.err.splitlines()
    )
    assert not list((tmp_path / "d").glob("*.pdf"))


def test_report_needs_one_of_the_outputs(cli: CliFn, tmp_path: Path) -> None:
    run = cli("report", "a.yaml", cwd=tmp_path)
    assert run.code == 2 and "give --html PATH, --xlsx PATH, --pdf PATH and/or --pptx PATH" in run.err


def test_neither_weasyprint_nor_pillow_is_imported_without_a_pdf_or_an_image() -> None:
    code = (
        "import sys, cx_audit.cli.app, cx_audit.cli.reports, cx_audit.report.pdf, cx_audit.report.evidence\n"
        "print(sorted(m for m in ('weasyprint', 'PIL') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the running header and the print stylesheet ----------------------------------


def test_running_head_names_the_client_or_the_program(mini: Path, tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", audit_text(FULL))
    b = write(tmp_path / "b.yaml", audit_text(FULL, site="Bracknell"))
    other = write(tmp_path / "c.yaml", audit_text(FULL).replace("client: Acme Ltd", "client: Brook & Sons"))
    assert running_head(build_input(scored(a))) == "Acme Ltd · Mini checklist"
    assert running_head(build_input(scored(a, b))) == "Acme Ltd · Mini checklist"  # one client, several sites
    assert running_head(build_input(scored(a, b, other))) == "Mini checklist · 3 audits"
    nameless = write(tmp_path / "n.yaml", audit_text(FULL).replace("client: Acme Ltd", 'client: ""'))
    assert running_head(build_input(scored(nameless))) == "Mini checklist"


def test_the_print_stylesheet_has_the_header_and_the_page_footer(mini: Path, tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", audit_text(FULL))
    html = render_html(build_input(scored(a)))
    assert 'content: "Acme Ltd · Mini checklist";' in html
    assert 'content: "page " counter(page) " of " counter(pages);' in html
    assert "@page :first {" in html
    # The WeasyPrint-only rules stay out of the HTML report.
    assert "<svg" in html and "<style>" not in html.split("</head>", 1)[1]
    assert "<style>" in render_html(build_input(scored(a)), pdf=True).split("</head>", 1)[1]


def test_css_string_cannot_end_the_string_or_the_style() -> None:
    text = css_string('Brook "&" Sons </style><script>alert(1)</script> \\ \n')
    assert text.startswith('"') and text.endswith('"')
    inner = str(text)[1:-1]
    assert '"' not in inner and "<" not in inner and "\n" not in inner and "&" not in inner
    # every escape ends with the space CSS consumes, so the text's own space survives (issue 24 item 11)
    assert inner.startswith("Brook \\22 \\26 \\22  Sons \\3c ")
    assert css_string("Acme Ltd · Mini checklist") == '"Acme Ltd · Mini checklist"'


def test_pdf_dates_are_the_latest_audit_date_at_midnight_utc(mini: Path, tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", audit_text(FULL))
    later = write(tmp_path / "b.yaml", audit_text(FULL).replace("date: 2026-11-22", "date: 2027-01-05"))
    assert pdf_date(build_input(scored(a))) == "2026-11-22T00:00:00Z"
    assert pdf_date(build_input(scored(a, later))) == "2027-01-05T00:00:00Z"
    current, base = scored(a, later)
    assert pdf_date(build_input([current], base)) == "2027-01-05T00:00:00Z"
