"""The offline questionnaire: its layout, and the round trip form → filled in → import → audit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from cx_audit.files import registry
from cx_audit.files.audit import load_audit
from cx_audit.form.layout import choices
from cx_audit.model import ItemType
from cx_audit.outputs.jsonout import audit_dict
from cx_audit.scoring.audit import score_audit
from tests.conftest import MINI_CHECKLIST, Cli, audit_text, write

Q = "Questionnaire"


@pytest.fixture
def form(cli: Any, tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    run = cli("form", "mini.yaml", "-o", "form.xlsx", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "Wrote questionnaire for mini 1.0.0 to form.xlsx" in run.err
    return tmp_path / "form.xlsx"


def item_rows(ws: Any) -> dict[str, int]:
    return {r[0].value: r[0].row for r in ws.iter_rows(min_row=9, max_col=1) if isinstance(r[0].value, str)}


def fill(
    form: Path,
    answers: dict[str, Any],
    *,
    notes: dict[str, Any] | None = None,
    facts: dict[str, Any] | None = None,
    out: str = "filled.xlsx",
    as_text: bool = True,
) -> Path:
    """Fill a questionnaire as a client would; strings are typed as text unless as_text is False."""
    wb = load_workbook(form)
    ws = wb[Q]
    at = item_rows(ws)
    given = {"Client": "Acme Ltd", "Site": "Crowthorne", "Auditor": "J. Smith", "Date": dt.date(2026, 11, 22)}
    for row, label in enumerate(("Client", "Site", "Auditor", "Date"), 4):
        assert ws[f"A{row}"].value == label
        ws[f"B{row}"] = (facts or given).get(label, given[label])
    for item_id, value in answers.items():
        c = ws[f"C{at[item_id]}"]
        c.value = value
        if as_text and isinstance(value, str):
            c.data_type = "s"
    for item_id, note in (notes or {}).items():
        c = ws[f"D{at[item_id]}"]
        c.value = note
        if as_text and isinstance(note, str):
            c.data_type = "s"
    path = form.parent / out
    wb.save(path)
    return path


def scores(path: Path) -> dict[str, Any]:
    loaded = load_audit(path)
    data = audit_dict(score_audit(loaded.checklist, loaded.audit))
    data.pop("audit")
    return data


# --- the blank form ---------------------------------------------------------------


def test_layout_protection_and_meta(form: Path) -> None:
    wb = load_workbook(form)
    assert wb.sheetnames == ["Instructions", Q, "Lists", "Meta"]
    assert [wb[s].sheet_state for s in wb.sheetnames] == ["visible", "visible", "hidden", "veryHidden"]
    assert wb.active.title == Q
    ws = wb[Q]
    assert [ws.cell(9, c).value for c in range(1, 7)] == ["ID", "Question", "Answer", "Note", "Allowed answers", "Guidance"]
    at = item_rows(ws)
    assert list(at) == ["ID", "A1", "A2", "A3", "B1", "B2", "B3", "C1"]  # sections are titled in column B
    assert ws[f"B{at['A1']}"].value == "Rating item (critical)"
    assert "Answer only if A2 is Yes" in ws[f"E{at['A3']}"].value
    # a protected sheet without a password; only the facts, answers and notes are unlocked
    assert ws.protection.sheet and not ws.protection.password
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}
    expected = {f"B{r}" for r in range(4, 8)} | {f"{col}{at[i]}" for i in at if i != "ID" for col in "CD"}
    assert unlocked == expected
    assert ws.freeze_panes == "C10"
    meta = dict(wb["Meta"].iter_rows(values_only=True, max_col=2))
    checklist = registry.resolve(str(form.parent / "mini.yaml"))
    assert meta["format"] == "cx-audit/form@1"
    assert (meta["checklist"], meta["version"], meta["sha256"]) == ("mini", "1.0.0", checklist.sha256)
    assert meta["path"] == "mini.yaml" and meta["builtin"] == "no"


def test_drop_downs_and_number_checks(form: Path) -> None:
    wb = load_workbook(form)
    ws, lists = wb[Q], wb["Lists"]
    at = item_rows(ws)
    by_cell = {str(ref): dv for dv in ws.data_validations.dataValidation for ref in str(dv.sqref).split()}

    def entries(item_id: str) -> list[str]:
        dv = by_cell[f"C{at[item_id]}"]
        assert dv.type == "list" and dv.formula1.startswith("'Lists'!$")
        rng = dv.formula1.split("!")[1].replace("$", "")
        return [c.value for row in lists[rng] for c in row]

    assert entries("A1") == ["0 · Absent", "1 · Ad hoc", "2 · Defined", "3 · Managed", "4 · Exceeds expectations"]  # critical
    assert entries("A3") == entries("A1") + ["N/A"]
    assert entries("A2") == ["Yes", "No", "N/A"]
    assert entries("B1") == ["Never", "Sometimes", "Always", "N/A"]
    b2 = by_cell[f"C{at['B2']}"]
    assert b2.type == "custom" and "ISNUMBER" in b2.formula1 and "N/A" in b2.formula1
    assert f"C{at['B3']}" not in by_cell  # free text
    assert by_cell["B7"].type == "date" and ws["B7"].number_format == "yyyy-mm-dd"


def test_every_builtin_checklist_makes_a_form(cli: Cli, tmp_path: Path) -> None:
    for entry in registry.available():
        run = cli("form", entry.id, "-o", f"{entry.id}.xlsx", cwd=tmp_path)
        assert run.code == 0, run.err
        ws = load_workbook(tmp_path / f"{entry.id}.xlsx")[Q]
        assert set(item_rows(ws)) - {"ID"} == {i.id for i in registry.resolve(entry.id).items}


def test_form_is_byte_identical_and_needs_force(cli: Cli, form: Path) -> None:
    first = form.read_bytes()
    again = cli("form", "mini.yaml", "-o", "form.xlsx", cwd=form.parent)
    assert again.code == 2 and "form.xlsx: already exists; use --force to replace it" in again.err
    assert form.read_bytes() == first
    forced = cli("form", "mini.yaml", "-o", "form.xlsx", "--force", cwd=form.parent)
    assert forced.code == 0 and form.read_bytes() == first


# --- the round trip ---------------------------------------------------------------

ANSWERS = {"A1": "3 · Managed", "A2": "Yes", "A3": 4, "B1": "Sometimes", "B2": 12, "B3": "=SUM(A1:A2) as text", "C1": "N/A"}
YAML_ANSWERS = """
A1: {value: 3, note: "+44 evidence"}
A2: {value: "yes"}
A3: {value: 4}
B1: {value: sometimes}
B2: {value: 12}
B3: {value: "=SUM(A1:A2) as text"}
C1: {na: true}
"""


def test_round_trip_scores_like_the_yaml_audit(cli: Cli, form: Path) -> None:
    filled = fill(form, ANSWERS, notes={"A1": "+44 evidence"})
    run = cli("import", filled, "-o", "imported.yaml", cwd=form.parent)
    assert run.code == 0, run.err
    assert run.err.strip() == "Wrote audit to imported.yaml"
    write(form.parent / "typed.yaml", audit_text(YAML_ANSWERS))
    assert scores(form.parent / "imported.yaml") == scores(form.parent / "typed.yaml")
    audit = load_audit(form.parent / "imported.yaml").audit
    assert (audit.client, audit.site, audit.auditor, audit.date) == ("Acme Ltd", "Crowthorne", "J. Smith", dt.date(2026, 11, 22))
    assert audit.answers["A1"].note == "+44 evidence"
    assert audit.checklist.path == "mini.yaml"  # a checklist file is referred to relative to the audit


@pytest.mark.parametrize("value", [3, 3.0, "3", "3.0", " 3 ", "3 · Managed", "managed"])
def test_same_rating_however_it_is_typed(cli: Cli, form: Path, value: Any) -> None:
    filled = fill(form, {"A1": value})
    assert cli("import", filled, "-o", "a.yaml", cwd=form.parent).code == 0
    assert load_audit(form.parent / "a.yaml").audit.answers["A1"].value == 3


@pytest.mark.parametrize(
    ("item", "value", "expected"),
    [
        ("A2", True, True),
        ("A2", "no", False),
        ("A2", "Y", True),
        ("B1", "always", "always"),
        ("B1", "ALWAYS", "always"),
        ("B2", "12", 12),
        ("B2", 12.0, 12),
        ("B2", 2.5, 2.5),
        ("B2", "4 hours", 4),
        ("B3", 42, "42"),
        ("B3", "@home", "@home"),
    ],
)
def test_values_of_every_type(cli: Cli, form: Path, item: str, value: Any, expected: Any) -> None:
    filled = fill(form, {item: value})
    run = cli("import", filled.name, "-o", "a.yaml", cwd=form.parent)
    assert run.code == 0, run.err
    got = load_audit(form.parent / "a.yaml").audit.answers[item].value
    assert got == expected and type(got) is type(expected)


def test_builtin_round_trip_records_the_id(cli: Cli, tmp_path: Path) -> None:
    assert cli("form", "cx-essentials", "-o", "form.xlsx", cwd=tmp_path).code == 0
    checklist = registry.resolve("cx-essentials")
    answers: dict[str, Any] = {}
    yaml_lines = []
    for k, item in enumerate(checklist.items):
        options = choices(item)
        if options:
            pick = options[k % len(options)]
            answers[item.id] = pick
            if pick == "N/A":
                yaml_lines.append(f"{item.id}: {{na: true}}")
            elif item.type is ItemType.rating:
                yaml_lines.append(f"{item.id}: {{value: {pick.split(' ')[0]}}}")
            elif item.type is ItemType.yesno:
                yaml_lines.append(f"{item.id}: {{value: '{pick.lower()}'}}")
            else:
                yaml_lines.append(f"{item.id}: {{value: {next(o.id for o in item.options if o.label == pick)}}}")
        elif item.type is ItemType.number:
            answers[item.id] = 10 * k
            yaml_lines.append(f"{item.id}: {{value: {10 * k}}}")
        else:
            answers[item.id] = f"text {k}"
            yaml_lines.append(f"{item.id}: {{value: 'text {k}'}}")
    filled = fill(tmp_path / "form.xlsx", answers)
    run = cli("import", filled, "-o", "imported.yaml", cwd=tmp_path)
    assert run.code == 0, run.err
    imported = load_audit(tmp_path / "imported.yaml").audit
    assert imported.checklist.id == "cx-essentials" and imported.checklist.path is None
    write(tmp_path / "typed.yaml", audit_text("\n".join(yaml_lines), checklist="cx-essentials"))
    # items that do not apply were answered in the form too: both drop or ignore them alike
    assert scores(tmp_path / "imported.yaml") == scores(tmp_path / "typed.yaml")
    dropped = [line for line in run.err.splitlines() if "does not apply" in line]
    assert all(": warning: " in line and "sheet 'Questionnaire' cell C" in line for line in dropped)


def test_answers_to_items_that_do_not_apply_are_dropped_with_a_warning(cli: Cli, form: Path) -> None:
    filled = fill(form, {"A1": 2, "A2": "No", "A3": 4})
    run = cli("import", filled.name, "-o", "a.yaml", cwd=form.parent)
    assert run.code == 0
    row = item_rows(load_workbook(filled)[Q])["A3"]
    assert (
        f"filled.xlsx: sheet 'Questionnaire' cell C{row}: warning: A3 does not apply (answer only if A2 is Yes), "
        "so its answer is dropped"
    ) in run.err
    assert "A3" not in load_audit(form.parent / "a.yaml").audit.answers


# --- problems ---------------------------------------------------------------------


def test_every_problem_is_positioned_and_nothing_is_written(cli: Cli, form: Path) -> None:
    wb_path = fill(
        form,
        {"A1": 7, "A2": "maybe", "B1": "Often", "B2": "fast", "C1": "3.5"},
        notes={"A3": '=HYPERLINK("http://x")'},
        facts={"Date": "yesterday", "Client": "=cmd|' /C calc'!A0"},
        as_text=False,  # strings starting with = become real formulas, as if typed in Excel
    )
    wb = load_workbook(wb_path)
    wb[Q][f"C{item_rows(wb[Q])['A3']}"] = "N/A"
    wb.save(wb_path)
    at = item_rows(wb[Q])
    run = cli("import", wb_path.name, "-o", "a.yaml", cwd=form.parent)
    assert run.code == 2
    assert not (form.parent / "a.yaml").exists()
    where = "filled.xlsx: sheet 'Questionnaire' cell"
    assert run.err.splitlines() == [
        f"{where} B4: Client is a formula (=cmd|' /C calc'!A0); type the value itself",
        f"{where} B7: 'yesterday' is not a date; enter it as a date, such as 2026-11-22",
        f"{where} C{at['A1']}: A1: 7 is out of range: a whole number from 0 to 4",
        f"{where} C{at['A2']}: A2: 'maybe' is not yes or no",
        f'{where} D{at["A3"]}: the note for A3 is a formula (=HYPERLINK("http://x")); type the value itself',
        f"{where} C{at['B1']}: B1: 'Often' is not an option: pick one from the list",
        f"{where} C{at['B2']}: B2: 'fast' is not a number in hours",
        f"{where} C{at['C1']}: C1: 3.5 is not a whole number from 0 to 4",
    ]


def test_na_where_not_allowed(cli: Cli, form: Path) -> None:
    filled = fill(form, {"A1": "N/A"})
    run = cli("import", filled.name, "-o", "a.yaml", cwd=form.parent)
    row = item_rows(load_workbook(filled)[Q])["A1"]
    assert run.code == 2
    assert run.err.strip() == f"filled.xlsx: sheet 'Questionnaire' cell C{row}: A1: N/A is not allowed for critical items"


def test_a_different_checklist_is_an_error_and_a_new_version_a_warning(cli: Cli, form: Path) -> None:
    filled = fill(form, {"A1": 3})
    checklist = form.parent / "mini.yaml"
    checklist.write_text(MINI_CHECKLIST.replace("version: 1.0.0", "version: 1.1.0"))
    run = cli("import", filled.name, "-o", "a.yaml", cwd=form.parent)
    assert run.code == 0
    assert "filled.xlsx: sheet 'Meta' cell B3: warning: questionnaire made from mini 1.0.0, read with 1.1.0" in run.err
    checklist.write_text(MINI_CHECKLIST.replace("version: 1.0.0", "version: 1.0.0\n# edited"))
    run = cli("import", filled.name, "-o", "b.yaml", cwd=form.parent)
    assert run.code == 0 and "(sha256 differs)" in run.err
    checklist.write_text(MINI_CHECKLIST.replace("id: mini", "id: other"))
    run = cli("import", filled.name, "-o", "c.yaml", cwd=form.parent)
    assert run.code == 2 and not (form.parent / "c.yaml").exists()
    assert run.err.strip() == (
        "filled.xlsx: sheet 'Meta' cell B2: the questionnaire is for checklist 'mini', but the checklist found is 'other'"
    )


def test_unknown_checklist_id(cli: Cli, form: Path) -> None:
    wb = load_workbook(form)
    wb["Meta"]["B2"] = "nowhere"
    wb["Meta"]["B6"] = None
    wb.save(form.parent / "odd.xlsx")
    run = cli("import", "odd.xlsx", "-o", "a.yaml", cwd=form.parent)
    assert run.code == 2
    assert run.err.startswith("odd.xlsx: sheet 'Meta' cell B2: cannot load checklist 'nowhere': nowhere: no such checklist")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,answer\nA1,3\n", "is not an Excel workbook (.xlsx)"),
        (b"PK\x03\x04 truncated", "is not an Excel workbook (.xlsx)"),
        (None, "no such file"),
    ],
)
def test_not_a_workbook(cli: Cli, tmp_path: Path, content: bytes | None, message: str) -> None:
    if content is not None:
        (tmp_path / "form.xlsx").write_bytes(content)
    run = cli("import", "form.xlsx", "-o", "a.yaml", cwd=tmp_path)
    assert run.code == 2 and run.err.startswith(f"form.xlsx: {message}")
    assert "Traceback" not in run.err and not (tmp_path / "a.yaml").exists()


def test_a_workbook_that_is_not_a_questionnaire(cli: Cli, tmp_path: Path) -> None:
    Workbook().save(tmp_path / "other.xlsx")
    run = cli("import", "other.xlsx", "-o", "a.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.err.strip() == (
        "other.xlsx: is not a cx-audit questionnaire (no Meta or Questionnaire sheet); make one with `cx-audit form`"
    )


def test_import_needs_force_to_replace(cli: Cli, form: Path) -> None:
    filled = fill(form, {"A1": 3})
    (form.parent / "a.yaml").write_text("keep me")
    run = cli("import", filled.name, "-o", "a.yaml", cwd=form.parent)
    assert run.code == 2 and "a.yaml: already exists; use --force to replace it" in run.err
    assert (form.parent / "a.yaml").read_text() == "keep me"
    assert cli("import", filled, "-o", "a.yaml", "--force", cwd=form.parent).code == 0
    assert load_audit(form.parent / "a.yaml").audit.answers["A1"].value == 3


def test_checklist_path_is_relative_to_the_output(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "lists" / "mini.yaml", MINI_CHECKLIST)
    (tmp_path / "forms").mkdir()
    (tmp_path / "audits").mkdir()
    assert cli("form", "lists/mini.yaml", "-o", "forms/form.xlsx", cwd=tmp_path).code == 0
    filled = fill(tmp_path / "forms" / "form.xlsx", {"A1": 4})
    assert cli("import", filled, "-o", "audits/a.yaml", cwd=tmp_path).code == 0
    loaded = load_audit(tmp_path / "audits" / "a.yaml")
    assert loaded.audit.checklist.path == "../lists/mini.yaml" and not loaded.warnings


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("7", "A1: 7 is out of range: a whole number from 0 to 4"),
        (-1, "A1: -1 is out of range: a whole number from 0 to 4"),
        ("3 · Absent", "A1: '3 · Absent' is not a whole number from 0 to 4"),
        ("3-5", "A1: '3-5' is not a whole number from 0 to 4"),
        ("nan", "A1: 'nan' is not a whole number from 0 to 4"),
        (True, "A1: the boolean true is not a whole number from 0 to 4"),
        (dt.datetime(2026, 1, 3), "A1: a date is not a whole number from 0 to 4"),
    ],
)
def test_ratings_refused(cli: Cli, form: Path, value: Any, message: str) -> None:
    filled = fill(form, {"A1": value})
    run = cli("import", filled.name, "-o", "a.yaml", cwd=form.parent)
    assert run.code == 2
    assert run.err.strip().endswith(message), run.err


def test_a_percentage_typed_in_excel_is_read_as_typed(cli: Cli, tmp_path: Path) -> None:
    """Excel stores a typed "84%" as 0.84 formatted 0%; the client meant 84."""
    write(tmp_path / "pct.yaml", MINI_CHECKLIST.replace("unit: hours", "unit: '%'"))
    assert cli("form", "pct.yaml", "-o", "form.xlsx", cwd=tmp_path).code == 0
    wb = load_workbook(tmp_path / "form.xlsx")
    ws = wb[Q]
    cell = ws[f"C{item_rows(ws)['B2']}"]
    assert cell.number_format == 'General" %"'  # a typed 84 shows as "84 %"
    cell.value, cell.number_format = 0.84, "0%"
    wb.save(tmp_path / "filled.xlsx")
    assert cli("import", "filled.xlsx", "-o", "a.yaml", cwd=tmp_path).code == 0
    assert load_audit(tmp_path / "a.yaml").audit.answers["B2"].value == 84
