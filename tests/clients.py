"""Real clients the tests drive: headless Chromium, LibreOffice, WeasyPrint with poppler's tools, and a PNG reader.

Tests that use them carry the ``clients`` marker (``pytest -m "not clients"`` skips them
for a fast loop); they skip when a program is missing, and fail instead under
CX_AUDIT_REQUIRE_CLIENTS=1 (see conftest.need_program), which .ci/run sets.
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.conftest import need_program

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


def chromium(tmp_path: Path, *args: str) -> None:
    """Run headless Chromium with the flags this machine needs (a fresh profile in tmp_path)."""
    exe = need_program("chromium", "chromium-browser", "google-chrome")
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


def libreoffice(workdir: Path, *args: str | Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run ``libreoffice --headless ARGS`` in ``workdir`` with a profile of its own there."""
    program = need_program("libreoffice", "soffice")
    profile = workdir / ".lo-profile"
    command = [program, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", *map(str, args)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=workdir)
    assert proc.returncode == 0, proc.stderr
    return proc


def need_weasyprint() -> None:
    """Skip (or fail under CX_AUDIT_REQUIRE_CLIENTS=1) when the extra 'pdf' cannot work here."""
    from cx_audit.errors import InputError
    from cx_audit.report.pdf import require_weasyprint
    from tests.conftest import REQUIRE_CLIENTS

    try:
        require_weasyprint()
    except InputError as exc:
        message = f"{exc}; install the extra: pip install -e '.[pdf]' (or run .ci/run)"
        if REQUIRE_CLIENTS:
            pytest.fail(message + " and CX_AUDIT_REQUIRE_CLIENTS=1 forbids skipping")
        pytest.skip(message)


def poppler(tool: str, *args: str | Path) -> str:
    """Run one of poppler's tools (pdftotext, pdffonts, pdfinfo, pdftoppm); its stdout."""
    exe = need_program(tool)
    proc = subprocess.run([exe, *map(str, args)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


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
        filter_type, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = prev[x], (prev[x - channels] if x >= channels else 0)
            if filter_type == 1:
                line[x] = (line[x] + left) & 255
            elif filter_type == 2:
                line[x] = (line[x] + up) & 255
            elif filter_type == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif filter_type == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append([tuple(line[i : i + 3]) for i in range(0, stride, channels)])
        prev = line
    return width, height, rows
