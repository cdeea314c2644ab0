"""The printed workbook (issue 24 item 16): no `###` in number columns, and an Items
sheet printed at a readable size (fitted to the width, header row on every page)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cx_audit.excel.looks import Formatted
from cx_audit.report.xlsx.cells import shown_width
from tests.clients import libreoffice
from tests.conftest import need_program
from tests.test_report_body import demo  # noqa: F401  (the module's demo fixture)


def test_shown_width_counts_a_numbers_label_or_unit() -> None:
    assert shown_width(Formatted(4, '0" · Echoed unprompted by many"')) == len("4 · Echoed unprompted by many")
    assert shown_width(Formatted(45, 'General" % of last year\'s customers"')) == len("45 % of last year's customers")
    assert shown_width(None) == 0 and shown_width("a long text answer that wraps in its cell") == 12


def test_answer_columns_fit_their_widest_number_and_items_print_their_columns(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    from tests.conftest import run_subprocess

    out = tmp_path / "w.xlsx"
    run = run_subprocess("report", demo / "harrogate-2026-11.yaml", "--xlsx", out)
    assert run.code == 0, run.err
    wb = load_workbook(out)
    for name in ("Items", "Actions"):
        ws = wb[name]
        header = [c.value for c in ws[1]]
        col = header.index("Answer") + 1
        letter = ws.cell(1, col).column_letter
        width = ws.column_dimensions[letter].width
        for row in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            c = row[0]
            if isinstance(c.value, (int, float)) and '"' in c.number_format:
                assert width >= shown_width(Formatted(c.value, c.number_format)), (name, c.coordinate)
        assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$1:$1"
    items = wb["Items"]
    assert items.print_area is not None and "$L$" in str(items.print_area)  # Section … Evidence, not the figures after


@pytest.mark.clients
def test_libreoffice_prints_no_hashes(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    from tests.conftest import run_subprocess

    pdftotext = need_program("pdftotext")
    out = tmp_path / "w.xlsx"
    assert (
        run_subprocess(
            "report", demo / "harrogate-2026-11.yaml", "--baseline", demo / "harrogate-2026-08.yaml", "--xlsx", out
        ).code
        == 0
    )
    libreoffice(tmp_path, "--convert-to", "pdf", "--outdir", tmp_path, out)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "w.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "###" not in text
    assert "4 · Echoed unprompted by many" in text  # OC6's answer, in full
    # The Items sheet's pages each repeat the header and hold its widest columns legibly.
    items = [p for p in text.split("\f") if "Question" in p and "Note" in p and "Score" in p]
    assert len(items) >= 2


@pytest.mark.clients
def test_libreoffice_prints_the_summary_on_one_page(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """The demo's summary (sections, chart, one critical failure) once spilled its last row
    onto a second, nearly empty page."""
    import re

    from tests.conftest import run_subprocess

    pdftotext = need_program("pdftotext")
    out = tmp_path / "s.xlsx"
    audit, baseline = demo / "harrogate-2026-11.yaml", demo / "harrogate-2026-08.yaml"
    assert run_subprocess("report", audit, "--baseline", baseline, "--xlsx", out).code == 0
    libreoffice(tmp_path, "--convert-to", "pdf", "--outdir", tmp_path, out)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    summary = [p for p in text.split("\f") if re.search(r"^\s*Summary\s+Page \d+ of \d+", p, re.M)]
    assert len(summary) == 1, [p[:200] for p in summary]
    assert "Critical failures" in summary[0] and "CX5" in summary[0]
