"""Issue 24: defects found by trying to break the Part 2 features.

Each test failed before its fix; the item number of the issue is in the test's name.
"""

from __future__ import annotations

import json
import os
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FULL, MINI_CHECKLIST, Cli, audit_text, write
from tests.test_actions import BASELINE

# --- item 2: an unterminated quote in a survey CSV ----------------------------------


def test_item2_an_unterminated_quote_is_an_input_error_at_its_line(cli: Cli, tmp_path: Path) -> None:
    rows = [f"{i},{9 if i % 2 else 3}" for i in range(1, 101)]
    rows[40] = '41,"9'  # line 42: a quote opened and never closed
    survey = tmp_path / "s.csv"
    survey.write_text("id,nps\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run = cli("metrics", survey, "--column", "nps", "--kind", "nps")
    assert run.code == 2, run.out
    assert run.err.strip() == (
        f"{survey}:42: column 'nps': a quote (\") opened on this line is never closed, "
        "so the rest of the file would be read as one cell"
    )


def test_item2_a_quoted_cell_spanning_lines_still_reads(cli: Cli, tmp_path: Path) -> None:
    survey = tmp_path / "s.csv"
    survey.write_text('id,comment,nps\n1,"two\nlines",9\n2,plain,10\n3,"last\none",0\n', encoding="utf-8")
    run = cli("metrics", survey, "--column", "nps", "--kind", "nps", "--format", "json")
    assert run.code == 0, run.err
    assert '"n": 3' in run.out


# --- item 4: only ASCII digits are survey answers ------------------------------------


def test_item4_arabic_indic_and_fullwidth_digits_are_refused(cli: Cli, tmp_path: Path) -> None:
    survey = tmp_path / "s.csv"
    survey.write_text("nps\n9\n\u0669\n\uff19\n10 - Extremely likely\n", encoding="utf-8")
    run = cli("metrics", survey, "--column", "nps", "--kind", "nps")
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        f"{survey}:3: column 'nps': '\u0669' is not a whole number from 0 to 10",
        f"{survey}:4: column 'nps': '\uff19' is not a whole number from 0 to 10",
    ]


# --- items 3, 5, 6, 7: every workbook through one hardened reader -------------------


def rezip(src: Path, dst: Path, changes: dict[str, bytes]) -> Path:
    """A copy of the workbook ``src`` with some parts replaced or added."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in changes:
                zout.writestr(info, zin.read(info.filename))
        for name, data in changes.items():
            zout.writestr(name, data)
    return dst


@pytest.fixture
def plan(cli: Cli, tmp_path: Path) -> Path:
    """The folder of test_actions: base.yaml and its workbook plan.xlsx (rows A1 2, A2 3, C1 4, B2 5, B1 6)."""
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    (tmp_path / "base.yaml").write_text(BASELINE, encoding="utf-8")
    assert cli("report", "base.yaml", "--xlsx", "plan.xlsx", cwd=tmp_path).code == 0
    return tmp_path


def actions_sheet_part(book: Path) -> str:
    from openpyxl import load_workbook

    index = load_workbook(book).sheetnames.index("Actions") + 1
    return f"xl/worksheets/sheet{index}.xml"


def survey_xlsx(path: Path, answers: list[object]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["id", "nps"])
    for i, a in enumerate(answers, 1):
        ws.append([i, a])
    wb.save(path)
    return path


def test_item3_a_formula_in_owner_due_or_status_is_refused(cli: Cli, plan: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(plan / "plan.xlsx")
    ws = wb["Actions"]
    ws["J2"] = '=IF(TRUE,"Dana Ruiz","")'  # no cached value: openpyxl does not compute formulas
    ws["L4"] = "=L2"
    ws["K4"] = "=TODAY()+30"  # two formulas in one row: both said
    wb.save(plan / "f.xlsx")
    before = (plan / "base.yaml").read_bytes()
    run = cli("actions", "pull", "f.xlsx", "--into", "base.yaml", cwd=plan)
    assert run.code == 2, run.err
    assert run.err.strip().splitlines() == [
        'f.xlsx: sheet \'Actions\' cell J2: Owner is a formula (=IF(TRUE,"Dana Ruiz","")); type the value itself',
        "f.xlsx: sheet 'Actions' cell K4: Due is a formula (=TODAY()+30); type the value itself",
        "f.xlsx: sheet 'Actions' cell L4: Status is a formula (=L2); type the value itself",
    ]
    assert (plan / "base.yaml").read_bytes() == before


def test_item5_a_decompression_bomb_is_refused_before_reading(cli: Cli, plan: Path, tmp_path: Path) -> None:
    big = b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>" + b" " * 70_000_000 + b"</sst>"
    rezip(plan / "plan.xlsx", plan / "bomb.xlsx", {"xl/sharedStrings.xml": big})
    assert (plan / "bomb.xlsx").stat().st_size < 1_000_000
    run = cli("actions", "pull", "bomb.xlsx", "--into", "base.yaml", cwd=plan)
    assert run.code == 2, run.err
    assert run.err.strip() == "bomb.xlsx: its part xl/sharedStrings.xml unpacks to 70 MB; parts over 64 MB are refused"
    survey = survey_xlsx(tmp_path / "s.xlsx", [9, 10])
    rezip(survey, tmp_path / "sbomb.xlsx", {"xl/sharedStrings.xml": big})
    run = cli("metrics", tmp_path / "sbomb.xlsx", "--column", "nps", "--kind", "nps")
    assert run.code == 2
    assert (
        run.err.strip()
        == f"{tmp_path / 'sbomb.xlsx'}: its part xl/sharedStrings.xml unpacks to 70 MB; parts over 64 MB are refused"
    )


def test_item5_too_many_rows_is_a_positioned_error(cli: Cli, plan: Path, tmp_path: Path) -> None:
    # A sheet that says it is longer than Excel allows is refused before it is read.
    survey = survey_xlsx(tmp_path / "s.xlsx", [9, 10])
    with zipfile.ZipFile(survey) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    # (openpyxl writes `<dimension ref="A1:B3" />`, or without the space when lxml is installed)
    sheet = re.sub(r'<dimension ref="A1:B3"\s*/>', '<dimension ref="A1:B3000000" />', sheet)
    assert "B3000000" in sheet
    rezip(survey, tmp_path / "long.xlsx", {"xl/worksheets/sheet1.xml": sheet.encode()})
    run = cli("metrics", tmp_path / "long.xlsx", "--column", "nps", "--kind", "nps")
    assert run.code == 2
    assert run.err.strip() == f"{tmp_path / 'long.xlsx'}: sheet 'Sheet': has 3,000,000 rows; more than 1,048,576 are refused"
    # The Actions sheet holds one row per item: past 10,000 rows, the row is named.
    from openpyxl import load_workbook

    wb = load_workbook(plan / "plan.xlsx")
    ws = wb["Actions"]
    for r in range(7, 10_003):
        ws.cell(r, 9, "x")
    wb.save(plan / "rows.xlsx")
    run = cli("actions", "pull", "rows.xlsx", "--into", "base.yaml", cwd=plan)
    assert run.code == 2
    assert run.err.strip() == "rows.xlsx: sheet 'Actions': has 10,002 rows; more than 10,000 are refused"
    # Without the declared size, the row past the limit is named as it is met.
    part = actions_sheet_part(plan / "rows.xlsx")
    with zipfile.ZipFile(plan / "rows.xlsx") as z:
        xml = re.sub(rb"<dimension [^>]*/>", b"", z.read(part))
    rezip(plan / "rows.xlsx", plan / "rows2.xlsx", {part: xml})
    run = cli("actions", "pull", "rows2.xlsx", "--into", "base.yaml", cwd=plan)
    assert run.code == 2
    assert run.err.strip() == (
        "rows2.xlsx: sheet 'Actions' row 10002: the sheet has more than 10,000 rows; longer sheets are refused"
    )


BAD_XML = {
    "dtd": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
    "xxe": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>',
    "malformed": b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nps</t></is></c></row><row r="2"><c r="A2"><v>9</v></c>',
    "utf16": '<?xml version="1.0" encoding="UTF-16"?><worksheet/>'.encode("utf-16"),
}


@pytest.mark.parametrize("kind", sorted(BAD_XML))
def test_item6_malformed_xml_a_dtd_entities_and_xxe_are_input_errors(cli: Cli, plan: Path, tmp_path: Path, kind: str) -> None:
    rezip(plan / "plan.xlsx", plan / "bad.xlsx", {actions_sheet_part(plan / "plan.xlsx"): BAD_XML[kind]})
    run = cli("actions", "pull", "bad.xlsx", "--into", "base.yaml", cwd=plan)
    assert run.code == 2, run.err
    assert len(run.err.strip().splitlines()) == 1 and run.err.startswith("bad.xlsx: ")
    assert "root:" not in run.err and "Traceback" not in run.err
    survey = survey_xlsx(tmp_path / "s.xlsx", [9, 10])
    rezip(survey, tmp_path / "bad.xlsx", {"xl/worksheets/sheet1.xml": BAD_XML[kind]})
    run = cli("metrics", tmp_path / "bad.xlsx", "--column", "nps", "--kind", "nps")
    assert run.code == 2, run.err
    assert len(run.err.strip().splitlines()) == 1 and run.err.startswith(f"{tmp_path / 'bad.xlsx'}: ")
    if kind in ("dtd", "xxe"):
        assert "has a document type declaration" in run.err
    # import refuses the same parts the same way
    (tmp_path / "f").mkdir()
    write(tmp_path / "f" / "mini.yaml", MINI_CHECKLIST)
    assert cli("form", "mini.yaml", "-o", "form.xlsx", cwd=tmp_path / "f").code == 0
    rezip(tmp_path / "f" / "form.xlsx", tmp_path / "f" / "bad.xlsx", {"xl/worksheets/sheet1.xml": BAD_XML[kind]})
    run = cli("import", "bad.xlsx", "-o", "a.yaml", cwd=tmp_path / "f")
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1, run.err


def test_item7_a_huge_cell_is_cut_in_the_error_line(cli: Cli, plan: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(plan / "plan.xlsx")
    wb["Actions"]["L2"] = "x" * 32_000
    wb["Actions"]["K3"] = "y" * 32_000
    wb.save(plan / "long.xlsx")
    run = cli("actions", "pull", "long.xlsx", "--into", "base.yaml", cwd=plan)
    assert run.code == 2
    lines = run.err.strip().splitlines()
    assert lines == [
        "long.xlsx: sheet 'Actions' cell L2: A1: Status must be Open, In progress or Done (any case; also "
        "Not started, To do, Pending / Ongoing, Under way, WIP / Complete, Completed, Closed, Finished), "
        f"not '{'x' * 59}…'",
        f"long.xlsx: sheet 'Actions' cell K3: A2: Due must be a date from 2000 to 2100 such as 2027-01-31, not '{'y' * 59}…'",
    ]


# --- item 19: UK dates and status synonyms in the tracker ---------------------------


def test_item19_day_first_dates_in_text_cells_and_status_synonyms(cli: Cli, plan: Path) -> None:
    from openpyxl import load_workbook

    from cx_audit.files.audit import load_audit

    wb = load_workbook(plan / "plan.xlsx")
    ws = wb["Actions"]
    ws["K2"], ws["L2"] = "31/01/2027", "Not started"
    ws["K3"], ws["L3"] = "5.3.2027", "Ongoing"  # 5 March: 3/5 would be ambiguous, this is not: see below
    ws["K4"], ws["L4"] = "07/07/2027", "completed"
    ws["L5"] = "To do"
    wb.save(plan / "uk.xlsx")
    run = cli("actions", "pull", "uk.xlsx", "--into", "base.yaml", cwd=plan)
    # 5.3.2027 could be 5 March or 3 May: refused, saying both
    assert run.code == 2
    assert run.err.strip() == (
        "uk.xlsx: sheet 'Actions' cell K3: A2: Due '5.3.2027' could be 5 March 2027 or 3 May 2027: "
        "write it as 2027-03-05 or 2027-05-03"
    )
    ws["K3"] = "15.3.2027"
    wb.save(plan / "uk.xlsx")
    run = cli("actions", "pull", "uk.xlsx", "--into", "base.yaml", cwd=plan)
    assert run.code == 0, run.err
    actions = load_audit(plan / "base.yaml").audit.actions
    got = {k: (str(a.due), a.status.value) for k, a in actions.items() if k in ("A1", "A2", "C1", "B2")}
    assert got == {
        "A1": ("2027-01-31", "open"),
        "A2": ("2027-03-15", "in-progress"),
        "C1": ("2027-07-07", "done"),
        "B2": ("None", "open"),
    }


def test_item19_the_error_says_which_status_words_are_accepted(cli: Cli, plan: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(plan / "plan.xlsx")
    wb["Actions"]["L2"] = "Blocked"
    wb.save(plan / "s.xlsx")
    run = cli("actions", "pull", "s.xlsx", "--into", "base.yaml", cwd=plan)
    assert run.code == 2
    assert run.err.strip() == (
        "s.xlsx: sheet 'Actions' cell L2: A1: Status must be Open, In progress or Done (any case; also "
        "Not started, To do, Pending / Ongoing, Under way, WIP / Complete, Completed, Closed, Finished), not 'Blocked'"
    )


# --- item 8: terminal escaping in every table, C1 controls escaped in JSON ----------

HOSTILE = "\\e]52;c;cm0gLXJmIH4=\\a\\e[2J\\x9b31m"  # YAML escapes: OSC 52 clipboard write, clear screen, C1 CSI
RAW = ("\x1b", "\x9b", "\x07")


def hostile_folder(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    text = BASELINE.replace("owner: Dana Ruiz, due: 2026-10-15", f'owner: "Dana{HOSTILE}", due: 2026-10-15')
    text = text.replace("site: Crowthorne", f'site: "Crow{HOSTILE}"')
    (tmp_path / "base.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "now.yaml").write_text(text.replace("date: 2026-08-12", "date: 2026-11-11"), encoding="utf-8")
    return tmp_path


def test_item8_actions_list_compare_and_trend_tables_escape_controls(cli: Cli, tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    for args in (
        ("actions", "list", "base.yaml", "--today", "2026-11-01"),
        ("compare", "base.yaml", "now.yaml"),
        ("trend", "base.yaml", "now.yaml"),
    ):
        run = cli(*args, cwd=folder)
        assert run.code == 0, (args, run.err)
        assert not any(c in run.out for c in RAW), (args, run.out)
        assert "\\x1b]52;c;" in run.out or "\\x1b]52;" in run.out, (args, run.out)


def test_item8_metrics_table_escapes_the_column_header(cli: Cli, tmp_path: Path) -> None:
    survey = tmp_path / "s.csv"
    survey.write_text('"nps\x1b[2J\x9b1m"\n9\n10\n', encoding="utf-8")
    run = cli("metrics", survey, "--column", "1", "--kind", "nps")
    assert run.code == 0, run.err
    assert not any(c in run.out for c in RAW) and "nps\\x1b[2J\\x9b1m: NPS 100.0" in run.out


def strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return [data] if isinstance(data, str) else []


def test_item8_json_outputs_escape_c1_controls(cli: Cli, tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    for args in (
        ("actions", "list", "base.yaml", "--today", "2026-11-01", "--format", "json"),
        ("score", "base.yaml", "--format", "json"),
        ("compare", "base.yaml", "now.yaml", "--format", "json"),
        ("trend", "base.yaml", "now.yaml", "--format", "json"),
    ):
        run = cli(*args, cwd=folder)
        assert run.code == 0, (args, run.err)
        assert not any(c in run.out for c in RAW), (args, run.out)
        assert "\\u009b" in run.out, args
        read = strings(json.loads(run.out))  # read back unchanged
        assert any(s.endswith("\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b31m") for s in read), args
    survey = tmp_path / "s.csv"
    survey.write_text('"nps\x9b1m"\n9\n10\n', encoding="utf-8")
    run = cli("metrics", survey, "--column", "1", "--kind", "nps", "--format", "json")
    assert run.code == 0 and "\x9b" not in run.out and json.loads(run.out)["column"] == "nps\x9b1m"


# --- item 18: actions list folds or shortens, never drops Due and Status ------------


@pytest.mark.parametrize("columns", ["80", "110"])
def test_item18_due_and_status_stay_whole_in_a_narrow_terminal(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST.replace("recommendation: Fix C1", "recommendation: " + "Retrain the team " * 8))
    text = BASELINE.replace(
        "owner: Dana Ruiz, due: 2026-10-15", "owner: Dana Ruiz-Fernandez (Head of Customer Experience), due: 2026-10-15"
    )
    (tmp_path / "base.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", columns)
    run = cli("actions", "list", "base.yaml", "--today", "2026-11-01", cwd=tmp_path)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    rows = {line.split()[1]: line for line in lines if re.match(r"\s*\d+\s+[A-C]\d\s", line)}
    assert set(rows) == {"A1", "A2", "C1", "B2", "B1"}
    assert "2026-10-15" in rows["C1"] and "In progress" in rows["C1"] and "OVERDUE" in rows["C1"]
    assert "2026-09-30" in rows["A1"] and "Done" in rows["A1"]
    assert "Customer" in run.out and "Retrain" in run.out  # folded, not dropped


# --- item 15: compare says which gate failed and why ---------------------------------


def test_item15_compare_names_the_failed_gate_on_the_regression_line(cli: Cli, mini: Path, tmp_path: Path) -> None:
    # q1: A1 passes (4); q2: A1 a critical failure (1) though the rest improved, so the overall rises.
    write(
        tmp_path / "q1.yaml", audit_text("A1: {value: 4}\nA2: {value: no}\nB1: {value: never}\nB2: {value: 30}\nC1: {value: 1}")
    )
    write(tmp_path / "q2.yaml", audit_text(FULL))
    run = cli("compare", "q1.yaml", "q2.yaml", "--fail-on-regression", cwd=tmp_path)
    assert run.code == 1
    head = run.out.splitlines()[1]
    assert re.fullmatch(
        r"Overall \d+\.\d → \d+\.\d  \+\d+\.\d   REGRESSION: new critical failure A1, though the overall rose",
        head.rstrip(),
    ), head
    assert run.err.strip() == "q2.yaml: gate failed: regression against q1.yaml: new critical failure A1, though the overall rose"
    md = cli("compare", "q1.yaml", "q2.yaml", "-f", "markdown", cwd=tmp_path).out
    assert "**Regression**: new critical failure A1, though the overall rose · overall 42.7 → 54.2 (+11.5)" in md
    same = cli("compare", "q1.yaml", "q1.yaml", "--fail-on-regression", cwd=tmp_path)
    assert same.code == 0 and "no regression" in same.out.splitlines()[1]
    write(
        tmp_path / "q3.yaml", audit_text("A1: {value: 4}\nA2: {value: no}\nB1: {value: never}\nB2: {value: 30}\nC1: {value: 0}")
    )
    lower = cli("compare", "q1.yaml", "q3.yaml", "--fail-on-regression", cwd=tmp_path)
    assert lower.code == 1 and "REGRESSION: the overall fell" in lower.out.splitlines()[1]
    assert lower.err.strip().endswith("regression against q1.yaml: the overall fell")


# --- items 9, 14, 17: the interview in a terminal ------------------------------------

CUSTOM_SCALE = """
format: cx-audit/checklist@1
id: cust
title: Custom scale
version: 1.0.0
scale: {min: 1, max: 5, labels: {1: Poor, 3: Fair, 5: Excellent}}
sections:
  - id: s
    title: S
    items:
      - id: R1
        text: Agreement
        recommendation: r
      - id: R2
        text: Other
        scale: {min: 0, max: 10}
        recommendation: r
"""


def spawn_bytes(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40", "TERM": "xterm", "LANG": "C.UTF-8"}
    return pexpect.spawn(
        sys.executable, ["-m", "cx_audit", "run", *args], cwd=str(folder), env=env, timeout=20, dimensions=(40, 100)
    )


def test_item9_14_17_interview_in_a_terminal(tmp_path: Path) -> None:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    write(tmp_path / "acme.yaml", audit_text(""))
    child = spawn_bytes(tmp_path, "acme.yaml")
    child.expect("A1 › ".encode())
    child.sendline(b"1")
    child.expect(b"note")
    child.send(b"caf\xe9 note\r")  # item 9: a byte that is not UTF-8, typed on a terminal
    child.expect(b"not UTF-8 text \\(byte 0xe9 at position 4\\)")
    child.expect(b"note")
    child.sendline("café note".encode())
    # item 14: a critical failure is said as such, with what it does to the band
    child.expect("✓ saved  1 · Ad hoc".encode())
    child.expect(b"A1 is a critical failure: the band of the audit is capped at At risk, whatever its score")
    child.expect("A2 › ".encode())
    child.sendline(b"n")
    child.expect(b"note")
    child.sendline(b"")
    child.expect("B1 › ".encode())
    child.sendline(b"1")
    child.expect(b"note")
    child.sendline(b"")
    # item 17: thresholds as ranges a person would write
    child.expect("up to 4 → 100%, over 4 to 24 → 50%, over 24 to 1000 → 25%, over 1000 → 0%".encode())
    child.expect("B2 › ".encode())
    child.sendline(b"q")
    child.expect(pexpect_eof())
    child.close()
    from cx_audit.files.audit import load_audit

    answers = load_audit(tmp_path / "acme.yaml").audit.answers
    assert answers["A1"].value == 1 and answers["A1"].note == "café note"


def pexpect_eof() -> Any:
    import pexpect

    return pexpect.EOF


def test_item14_a_rating_off_the_ladder_shows_what_the_number_means(tmp_path: Path) -> None:
    write(tmp_path / "cust.yaml", CUSTOM_SCALE)
    child = spawn_bytes(tmp_path, "c.yaml", "--checklist", "cust.yaml", "--client", "Acme", "--auditor", "Jo")
    child.expect("R1 › ".encode())
    child.sendline(b"2")
    child.expect(b"note")
    child.sendline(b"")
    child.expect("✓ saved  2 · between 1 Poor and 3 Fair".encode())
    child.expect("R2 › ".encode())
    child.sendline(b"7")
    child.expect(b"note")
    child.sendline(b"")
    child.expect("✓ saved  7 on the scale 0 to 10".encode())
    child.expect(pexpect_eof())
    child.close()


def test_item17_thresholds_read_as_ranges() -> None:
    from cx_audit.model import Item, ItemType, Threshold, ThresholdKind
    from cx_audit.wording import threshold_ranges

    lower = Item("B2", "t", ItemType.number, "s", 0, thresholds=(Threshold(40, 1), Threshold(60, 0.5), Threshold(100000, 0)))
    lower.threshold_kind = ThresholdKind.max
    assert threshold_ranges(lower) == ["up to 40 → 100%", "over 40 to 60 → 50%", "over 60 → 0%"]
    higher = Item("CM1", "t", ItemType.number, "s", 0, thresholds=(Threshold(50, 1), Threshold(30, 0.75), Threshold(0, 0.4)))
    higher.threshold_kind = ThresholdKind.min
    assert threshold_ranges(higher) == ["50 or more → 100%", "30 to under 50 → 75%", "0 to under 30 → 40%", "under 0 → 0%"]


# --- item 10: a symbolic link out of the audit's folder ------------------------------


def test_item10_a_link_inside_the_folder_to_a_file_outside_is_a_warning(cli: Cli, mini: Path, tmp_path: Path) -> None:
    from tests.test_evidence import entry, evidence_audit, line_of, photo, sha

    secret = photo(tmp_path / "private" / "secret.png", (40, 30), "PNG")
    folder = tmp_path / "audits"
    write(folder / "mini.yaml", mini.read_text(encoding="utf-8"))
    (folder / "evidence").mkdir(parents=True)
    os.symlink(secret, folder / "evidence" / "photo.png")
    os.symlink(tmp_path / "private", folder / "shared")
    audit = evidence_audit(folder, entry("evidence/photo.png", sha(secret)) + "\n" + entry("shared/secret.png", sha(secret)))
    run = cli("report", audit, "--html", tmp_path / "r.html")
    assert run.code == 0, run.err
    first, second = line_of(audit, "evidence/photo.png"), line_of(audit, "shared/secret.png")
    warnings = [line for line in run.err.splitlines() if "warning" in line]
    assert warnings == [
        f"{audit}:{first}:14: warning: A1: evidence evidence/photo.png is outside the audit's folder (it links to {secret})",
        f"{audit}:{second}:14: warning: A1: evidence shared/secret.png is outside the audit's folder (it links to {secret})",
    ]


# --- item 13: a role under the privacy minimum, said at import and in good English ---


def test_item13_import_says_which_roles_are_under_the_privacy_minimum(cli: Cli, tmp_path: Path) -> None:
    from tests.test_voices_forms import fill, respondent_form
    from tests.voices_data import voices_audit

    audit_path = voices_audit(tmp_path, min_group=3)  # frontline 3, management 2
    form = respondent_form(cli, tmp_path)
    f1 = fill(form, tmp_path / "f1.xlsx", {"A1": 2}, code="sp-1", role="supplier")
    run = cli("import", f1, "--into", audit_path)
    assert run.code == 0, run.err
    assert [line for line in run.err.splitlines() if "warning" in line] == [
        f"{audit_path}: warning: management: 2 respondents, fewer than 3: counted in every score, not shown on its own",
        f"{audit_path}: warning: supplier: 1 respondent, fewer than 3: counted in every score, not shown on its own",
    ]
    # and the reports say it in a sentence that agrees with its number
    assert cli("report", audit_path, "--html", tmp_path / "r.html", "--xlsx", tmp_path / "r.xlsx").code == 0
    html = " ".join((tmp_path / "r.html").read_text(encoding="utf-8").split())
    assert "2 smaller roles (each with fewer than three respondents) count in every score but are not shown on their own." in html
    md = cli("score", audit_path, "--format", "markdown").out
    assert "2 roles with fewer than 3 respondents not shown on their own (their answers still count)" in md
    audit_path.write_text(audit_path.read_text().replace("role: supplier", "role: frontline"))
    assert cli("report", audit_path, "--html", tmp_path / "r1.html").code == 0
    html = " ".join((tmp_path / "r1.html").read_text(encoding="utf-8").split())
    assert "1 smaller role (fewer than three respondents) counts in every score but is not shown on its own." in html


# --- item 1: metrics --into sets the value and the metric, nothing else ------------


def test_item1_metrics_into_keeps_evidence_responses_and_other_keys(cli: Cli, tmp_path: Path) -> None:
    from tests.test_evidence import photo, sha
    from tests.test_metrics import AUDIT, CHECKLIST, nps_csv

    (tmp_path / "checklist.yaml").write_text(CHECKLIST, encoding="utf-8")
    board = photo(tmp_path / "board.png", (40, 30), "PNG")
    text = AUDIT.replace(
        "client: Acme Ltd\n",
        "client: Acme Ltd\nrespondents:\n  - {id: s1, role: staff}\n",
    ).replace(
        "  CM1: {note: From the Q4 survey.}\n",
        "  CM1:\n"
        "    value: 12.5\n"
        "    note: From the Q4 survey.\n"
        "    x-team: keep this too\n"
        f"    evidence:\n      - {{path: board.png, sha256: {sha(board)}, caption: The survey board}}\n"
        "    responses:\n      s1: {value: 40, note: What staff think}\n",
    )
    audit = tmp_path / "audit.yaml"
    audit.write_text(text, encoding="utf-8")
    from cx_audit.files.audit import load_audit

    before = load_audit(audit).audit.answers["CM1"]
    assert before.evidence and before.responses  # the fixture loads as meant
    survey = nps_csv(tmp_path / "q4.csv", 50, 30, 20)
    run = cli("metrics", survey, "--column", "Likely to recommend", "--kind", "nps", "--into", audit, "--item", "CM1")
    assert run.code == 0, run.err
    after = load_audit(audit).audit.answers["CM1"]
    assert after.value == 30.0 and after.metric is not None and after.metric.n == 100
    assert after.note == "From the Q4 survey." and after.extra == {"x-team": "keep this too"}
    assert [(e.path, e.sha256, e.caption) for e in after.evidence] == [("board.png", sha(board), "The survey board")]
    assert list(after.responses) == ["s1"] and after.responses["s1"].value == 40
    assert after.responses["s1"].note == "What staff think"


def test_item6_a_workbook_without_sheets_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    survey = survey_xlsx(tmp_path / "s.xlsx", [9, 10])
    with zipfile.ZipFile(survey) as z:
        book = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", z.read("xl/workbook.xml"))
    rezip(survey, tmp_path / "none.xlsx", {"xl/workbook.xml": book})
    run = cli("metrics", tmp_path / "none.xlsx", "--column", "nps", "--kind", "nps")
    assert run.code == 2, run.err
    assert run.err.strip() == f"{tmp_path / 'none.xlsx'}: has no sheet"
