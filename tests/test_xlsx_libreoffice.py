"""A real client: LibreOffice opens every kind of workbook the project writes.

All workbooks are made once, then converted in batches (LibreOffice starts slowly):
to PDF (every sheet laid out and printed, charts included), to CSV (every sheet's values
as displayed), and the filled-in questionnaire to .xlsx, as a client saving it in
LibreOffice Calc would, then imported.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cx_audit.cli.app import main
from cx_audit.files.audit import load_audit
from tests.clients import libreoffice
from tests.conftest import MINI_CHECKLIST, audit_text, write

WORKBOOKS = ("single", "baseline", "program", "bars", "form", "form-cx", "filled")
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def cx(*args: str | Path) -> None:
    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        assert exc.code in (0, None), args


pytestmark = pytest.mark.clients


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("lo")
    write(d / "mini.yaml", MINI_CHECKLIST)
    write(
        d / "a.yaml",
        audit_text(
            "A1: {value: 1, note: '=HYPERLINK(\"http://x\",\"y\")'}\nA2: 'yes'\nA3: 3\nB1: sometimes\n"
            "B2: 30\nB3: '+1'\nC1: {na: true, note: '@x'}"
        ),
    )
    write(d / "b.yaml", audit_text("A1: 4\nA2: 'no'\nB1: always\nB2: 3\nC1: 2", site="Bracknell"))
    write(d / "two" / "mini.yaml", MINI_CHECKLIST.split("  - id: extra")[0])
    write(d / "two" / "t.yaml", audit_text("A1: 3\nA2: 'yes'\nB1: always"))
    cx("report", d / "a.yaml", "--xlsx", d / "single.xlsx")
    cx("report", d / "a.yaml", "--baseline", d / "b.yaml", "--xlsx", d / "baseline.xlsx")
    cx("report", d / "a.yaml", d / "b.yaml", "--xlsx", d / "program.xlsx")
    cx("report", d / "two" / "t.yaml", "--xlsx", d / "bars.xlsx")
    cx("form", d / "mini.yaml", "-o", d / "form.xlsx")
    cx("form", "cx-essentials", "-o", d / "form-cx.xlsx")
    wb = load_workbook(d / "form.xlsx")
    ws = wb["Questionnaire"]
    rows = {r[0].value: r[0].row for r in ws.iter_rows(min_row=10, max_col=1) if r[0].value}
    ws["B4"], ws["B5"], ws["B6"] = "Acme Ltd", "Crowthorne", "J. Smith"
    for item_id, value in {
        "A1": "3 · Managed",
        "A2": "Yes",
        "A3": "4 · Exceeds expectations",
        "B1": "Always",
        "B2": 12,
        "B3": "free text",
        "C1": "N/A",
    }.items():
        ws[f"C{rows[item_id]}"] = value
    wb.save(d / "filled.xlsx")
    return d


@pytest.fixture(scope="module")
def office(made: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return libreoffice(made, *args)

    return run


def test_every_workbook_converts_to_pdf(made: Path, office: Callable[..., object]) -> None:
    office("--convert-to", "pdf", "--outdir", made / "pdf", *[f"{name}.xlsx" for name in WORKBOOKS])
    for name in WORKBOOKS:
        pdf = made / "pdf" / f"{name}.pdf"
        assert pdf.is_file(), name
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5000, name


def test_every_sheet_converts_to_csv_as_displayed(made: Path, office: Callable[..., object]) -> None:
    office("--convert-to", CSV_ALL_SHEETS, "--outdir", made / "csv", *[f"{name}.xlsx" for name in WORKBOOKS])
    out = made / "csv"
    expected = {
        "single": ["Summary", "Items", "Actions"],
        "baseline": ["Summary", "Items", "Actions", "Comparison"],
        "program": ["Summary", "Sites", "Items", "Actions", "Answers"],
        "bars": ["Summary", "Items", "Actions"],
        "form": ["Instructions", "Questionnaire", "Lists", "Meta"],
    }
    for name, sheets in expected.items():
        for sheet in sheets:
            assert (out / f"{name}-{sheet}.csv").is_file(), (name, sheet)
    summary = (out / "single-Summary.csv").read_text(encoding="utf-8")
    # A1 is a critical failure: 50.0 earns Developing, and the band is capped at At risk.
    assert "Overall score,50.0,At risk" in summary and "Completeness,100.0%" in summary
    assert "Why this band,capped by 1 critical failure" in summary
    assert "Date,2026-11-22" in summary
    items = (out / "single-Items.csv").read_text(encoding="utf-8").splitlines()
    # formats as displayed: a rating with its label, a number with its unit; hostile text as typed
    assert items[1].startswith("Offer,A1,Rating item,Rating 0–4,1 · Ad hoc,25.0,25.0,Yes,Yes,Scored,")
    assert items[1].endswith('"=HYPERLINK(""http://x"",""y"")"')
    assert ",30 hours,25.0," in items[5]
    assert "B3,Free text,Text,+1," in items[6]
    answers = (out / "program-Answers.csv").read_text(encoding="utf-8")
    assert "Bracknell,2026-11-22,Extra,C1,2 · Defined,50.0," in answers


def test_questionnaire_saved_by_libreoffice_imports(made: Path, office: Callable[..., object]) -> None:
    saved = made / "saved"
    saved.mkdir(exist_ok=True)
    shutil.copy(made / "mini.yaml", saved / "mini.yaml")
    office("--convert-to", "xlsx", "--outdir", saved, "filled.xlsx")
    cx("import", saved / "filled.xlsx", "-o", saved / "audit.yaml")
    cx("import", made / "filled.xlsx", "-o", made / "audit.yaml")
    via_office = load_audit(saved / "audit.yaml").audit
    direct = load_audit(made / "audit.yaml").audit

    def plain(audit: object) -> dict[str, tuple[object, bool, str]]:
        return {k: (a.value, a.na, a.note) for k, a in audit.answers.items()}  # type: ignore[attr-defined]

    assert plain(via_office) == plain(direct) and len(direct.answers) == 7
    assert direct.answers["A3"].value == 4 and direct.answers["C1"].na
