"""The PDF report made for real (WeasyPrint) and read back with poppler's tools.

pdftotext finds the client, the overall score as displayed, every section title, the
running header and the "page N of M" footer; pdffonts shows every font embedded;
pdfimages finds the evidence; pdftoppm renders pages that are not blank; two runs give
byte-identical files. Chromium prints the HTML report with the same header and footer.
"""

from __future__ import annotations

import contextlib
import json
import re
import zlib
from pathlib import Path

import pytest

from cx_audit.demo.run import demo_checklist
from cx_audit.files import registry
from tests.clients import chromium, need_weasyprint, poppler, read_png
from tests.conftest import FULL, audit_text, run_subprocess, write
from tests.test_report_html import BASE

pytestmark = pytest.mark.clients

HEAD = "Brookfield Kitchens Ltd · Customer Experience Essentials"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's PDF (one audit with a baseline and evidence), a single audit and a program."""
    need_weasyprint()
    from cx_audit.demo.run import demo_files
    from tests.conftest import MINI_CHECKLIST

    base = tmp_path_factory.mktemp("pdf")
    demo = run_subprocess("demo", base / "demo", cwd=base, timeout=120)
    assert demo.code == 0, demo.err
    files = demo_files(base / "demo")
    out = {"demo": files.pdf, "demo-audit": files.current}
    again = run_subprocess(
        "report",
        files.current,
        "--baseline",
        files.baseline,
        "--benchmark",  # the demo's report shows "How you compare" against the demo's own store
        "--store",
        files.store or "",
        "--pdf",
        base / "again.pdf",
        cwd=base,
        timeout=120,
    )
    assert again.code == 0, again.err
    out["again"] = base / "again.pdf"
    write(base / "mini.yaml", MINI_CHECKLIST)
    paths = [
        write(base / "a.yaml", audit_text(FULL)),
        write(base / "b.yaml", audit_text(BASE, site="Bracknell")),
        write(base / "c.yaml", audit_text("A1: {value: 4}\nB1: {value: always}", site="Camberley")),
    ]
    for name, args in (("single", paths[:1]), ("program", paths)):
        run = run_subprocess("report", *args, "--pdf", base / f"{name}.pdf", cwd=base, timeout=120)
        assert run.code == 0, run.err
        out[name] = base / f"{name}.pdf"
    return out


def pages_text(pdf: Path) -> list[str]:
    """Each page's text, whitespace collapsed (pdftotext separates pages with form feeds)."""
    return [" ".join(page.split()) for page in poppler("pdftotext", pdf, "-").split("\f")[:-1]]


def page_count(pdf: Path) -> int:
    found = re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", pdf), re.M)
    assert found is not None
    return int(found.group(1))


def test_the_demo_pdf_reads_as_the_report(pdfs: dict[str, Path]) -> None:
    pages = pages_text(pdfs["demo"])
    n = page_count(pdfs["demo"])
    assert len(pages) == n
    assert 38 <= n <= 64, n  # cover, six parts (with How you compare), 74 findings with three pictures: about 50 A4 pages
    text = " ".join(pages)
    result = json.loads(run_subprocess("score", pdfs["demo-audit"], "--format", "json").out)
    overall = f"{result['overall']['score']:.1f}"
    # 72.0 with the Staff Pulse of demo/survey.py and the survey metrics of demo/surveys.py
    assert "Brookfield Kitchens Ltd" in pages[0] and overall in pages[0] and overall == "72.0"
    for section in registry.resolve(demo_checklist()).sections:  # the edition the demo's visits use
        assert section.title in text, section.title
    # Header and footer on every page after the cover, and not on the cover.
    assert "page 1 of" not in text and HEAD not in pages[0]
    for k, page in enumerate(pages[1:], 2):
        assert f"page {k} of {n}" in page, k
        assert page.startswith(HEAD) or HEAD in page, k
    # The evidence is listed under its items.
    for name in ("facebook-pinned-post.png", "showroom-lead-time-board.jpg", "complaint-reply-times.png"):
        assert name in text


def test_every_font_is_embedded(pdfs: dict[str, Path]) -> None:
    for name in ("demo", "program"):
        lines = poppler("pdffonts", pdfs[name]).splitlines()[2:]
        assert lines, "no fonts at all?"
        for line in lines:
            emb = line.split()[-5]  # name, type, encoding, then emb sub uni object gen
            assert emb == "yes", line


def test_two_runs_are_byte_identical_and_dates_are_pinned(pdfs: dict[str, Path]) -> None:
    assert pdfs["demo"].read_bytes() == pdfs["again"].read_bytes()
    info = poppler("pdfinfo", "-isodates", pdfs["demo"])
    assert re.search(r"^CreationDate:\s+2026-11-20T00:00:00Z$", info, re.M), info
    assert re.search(r"^ModDate:\s+2026-11-20T00:00:00Z$", info, re.M), info
    assert re.search(r"^Title:\s+Brookfield Kitchens Ltd — Harrogate — ", info, re.M), info


def test_the_evidence_images_are_in_the_pdf(pdfs: dict[str, Path]) -> None:
    rows = poppler("pdfimages", "-list", pdfs["demo"]).splitlines()[2:]
    sizes = sorted((int(r.split()[3]), int(r.split()[4])) for r in rows)
    assert sizes == [(900, 560), (1000, 560), (1200, 900)]  # the 1,600 px photo downscaled to 1,200


def test_links_inside_the_document_have_targets(pdfs: dict[str, Path]) -> None:
    data = pdfs["demo"].read_bytes()
    blob = data + b"".join(_inflated(data))
    targets = re.findall(rb"/Subtype /Link/Rect \[[^\]]*\]/BS <</W 0>>/Dest \(([^)]+)\)", blob)
    assert len(targets) >= 40, "the action plan and summary link to their items"
    for name in set(targets):
        # Each name is used by its links and defined once in the document's name tree.
        assert blob.count(b"(" + name + b")") > targets.count(name), name


def _inflated(data: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompress(data[m.end() : end]))
    return out


def test_a_single_audit_and_a_program(pdfs: dict[str, Path]) -> None:
    single, program = pages_text(pdfs["single"]), pages_text(pdfs["program"])
    assert 5 <= len(single) <= 12 and 5 <= len(program) <= 12, (len(single), len(program))
    assert "54.2" in single[0] and "Acme Ltd" in single[0]
    assert all("Acme Ltd · Mini checklist" in p for p in program[1:])
    assert f"page {len(program)} of {len(program)}" in program[-1]


def test_pages_render_and_are_not_blank(pdfs: dict[str, Path], tmp_path: Path) -> None:
    poppler("pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "2", pdfs["demo"], tmp_path / "page")
    for png in sorted(tmp_path.glob("page-*.png")):
        width, height, pixels = read_png(png)
        assert (width, height) == (249, 351)  # A4 at 30 dpi (pdftoppm rounds 248.0 up)
        colours = {pixels[y][x] for y in range(0, height, 3) for x in range(0, width, 3)}
        assert len(colours) > 20, png


def test_chromium_prints_the_same_header_and_footer(pdfs: dict[str, Path], tmp_path: Path) -> None:
    html = pdfs["demo"].with_suffix(".html")
    pdf = tmp_path / "chromium.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.resolve().as_uri())
    pages = pages_text(pdf)
    assert "page 1 of" not in pages[0] and HEAD not in pages[0]
    assert f"page 2 of {len(pages)}" in pages[1] and HEAD in pages[1]
    assert f"page {len(pages)} of {len(pages)}" in pages[-1]
