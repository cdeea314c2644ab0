"""User text is escaped once and correctly in every output: `&`, `<`, `"`, `'` and
non-Latin text in the client name, site and notes read back as typed from the HTML
(parsed), the PDF (pdftotext), the workbook and the Markdown (issue 20; issue 24 item 11)."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from tests.conftest import FULL, Cli, audit_text, need_program, write

CLIENT = "Spokes & Sprockets <Ltd> \"Ünïcødé\" 'Ω' 東京"
SITE = "Site & <b>\"Nord\"</b> 'Ω' 東京"
NOTE = "Note & <i>\"quoted\"</i> 'Ω' 東京, <script>x</script>"


@pytest.fixture
def hostile(mini: Path, tmp_path: Path) -> Path:
    doc = yaml.safe_load(audit_text(FULL))
    doc["client"], doc["site"] = CLIENT, SITE
    doc["answers"]["A1"]["note"] = NOTE
    return write(tmp_path / "hostile.yaml", yaml.safe_dump(doc, allow_unicode=True))


class Reader(HTMLParser):
    """The page as a browser parses it: its tags and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_title:
            self.title += data


def test_html_reads_back_as_typed(cli: Cli, hostile: Path, tmp_path: Path) -> None:
    assert cli("report", hostile, "--html", tmp_path / "r.html").code == 0
    page = Reader()
    page.feed((tmp_path / "r.html").read_text(encoding="utf-8"))
    text = "".join(page.text)
    assert CLIENT in page.title
    for typed in (CLIENT, SITE, NOTE):
        assert typed in text
    # No tag from the user's text became an element (script stays text; style is the page's own).
    assert not {"ltd", "b", "i", "script"} & set(page.tags)
    assert "&amp;amp;" not in (tmp_path / "r.html").read_text(encoding="utf-8")  # escaped once


@pytest.mark.clients
def test_pdf_reads_back_as_typed_with_the_running_header(cli: Cli, hostile: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    pdftotext = need_program("pdftotext")
    assert cli("report", hostile, "--pdf", tmp_path / "r.pdf").code == 0, "pdf"
    text = subprocess.run([pdftotext, str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    # The running header of every page after the cover: client · checklist, the space after & kept.
    header = f"{CLIENT} · Mini checklist"
    assert all(header in p for p in pages[1:] if p.strip())
    assert "&Sprockets" not in text
    for typed in (SITE, NOTE):
        assert typed in text.replace("\n", " ")


def test_workbook_reads_back_as_typed(cli: Cli, hostile: Path, tmp_path: Path) -> None:
    assert cli("report", hostile, "--xlsx", tmp_path / "r.xlsx").code == 0
    wb = load_workbook(tmp_path / "r.xlsx")
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert CLIENT in cells and SITE in cells and NOTE in cells
    assert not any("&amp;" in c or "&lt;" in c for c in cells)


def test_markdown_has_no_double_escapes(cli: Cli, hostile: Path) -> None:
    run = cli("score", hostile, "--format", "markdown")
    assert run.code == 0
    assert "&amp;" not in run.out
    assert "Spokes & Sprockets &lt;Ltd&gt; \"Ünïcødé\" 'Ω' 東京" in run.out
    assert "<b>" not in run.out and "<Ltd>" not in run.out
