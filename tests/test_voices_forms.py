"""`form --respondent-form [--section ID]...` and `import F.xlsx... --into AUDIT [--replace]`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cx_audit.files.audit import load_audit
from cx_audit.files.lock import AuditLock
from tests.conftest import Run
from tests.voices_data import voices_audit


def respondent_form(cli: Callable[..., Run], folder: Path, *sections: str) -> Path:
    path = folder / "survey-form.xlsx"
    args = [a for s in sections for a in ("--section", s)]
    res = cli("form", folder / "mini.yaml", "-o", path, "--respondent-form", *args, "--force")
    assert res.code == 0, res.err
    return path


def fill(form: Path, out: Path, answers: dict[str, Any], code: str | None = None, role: str | None = None) -> Path:
    wb = load_workbook(form)
    ws = wb["Questionnaire"]
    assert (ws["A4"].value, ws["A5"].value) == ("Respondent code", "Role")
    ws["B4"], ws["B5"] = code, role
    rows = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
    for item_id, value in answers.items():
        ws[f"C{rows[item_id]}"] = value
    wb.save(out)
    return out


def item_ids(form: Path) -> list[str]:
    ws = load_workbook(form)["Questionnaire"]
    header = next(c.row for c in ws["A"] if c.value == "ID")
    return [c.value for c in ws["A"][header:] if isinstance(c.value, str)]


def test_respondent_form_layout(cli: Callable[..., Run], tmp_path: Path) -> None:
    voices_audit(tmp_path)
    form = respondent_form(cli, tmp_path)
    # A2 decides whether A3 applies: it takes the auditor's answer only, so it is not on the form
    assert item_ids(form) == ["A1", "A3", "B1", "B2", "B3", "C1"]
    meta = {r[0].value: r[1].value for r in load_workbook(form)["Meta"].iter_rows(max_col=2)}
    assert meta["kind"] == "respondent"
    only = respondent_form(cli, tmp_path, "delivery")
    assert item_ids(only) == ["B1", "B2", "B3"]
    assert cli("form", tmp_path / "mini.yaml", "-o", tmp_path / "x.xlsx", "--section", "nope").code == 2


def test_import_many_forms_into_an_audit(cli: Callable[..., Run], tmp_path: Path) -> None:
    audit_path = voices_audit(tmp_path)
    form = respondent_form(cli, tmp_path)
    f1 = fill(form, tmp_path / "f1.xlsx", {"A1": "1 · Ad hoc", "B1": "Never"}, code="fd-7", role="Front line")
    f2 = fill(form, tmp_path / "f2.xlsx", {"A1": 4, "C1": "N/A"})  # no code, no role
    f3 = fill(form, tmp_path / "f3.xlsx", {"A3": 2})
    res = cli("import", f1, f2, f3, "--into", audit_path)
    assert res.code == 0, res.err
    audit = load_audit(audit_path).audit
    assert [(r.id, r.role) for r in audit.respondents[-3:]] == [("fd-7", "front-line"), ("r1", "staff"), ("r2", "staff")]
    assert audit.answers["A1"].responses["fd-7"].value == 1
    assert audit.answers["A1"].responses["r1"].value == 4
    assert audit.answers["C1"].responses["r1"].na
    assert audit.answers["A3"].responses["r2"].value == 2
    assert audit.answers["A1"].responses["fd-1"].value == 1  # earlier respondents kept
    assert audit_path.read_text().startswith("# Staff survey, November\n")  # the top comment block kept
    # the same code again: refused unless --replace, which replaces all of that respondent's answers
    again = fill(form, tmp_path / "f4.xlsx", {"B2": 3}, code="fd-7", role="management")
    before = audit_path.read_bytes()
    res = cli("import", again, "--into", audit_path)
    assert res.code == 2 and "respondent 'fd-7' is already in" in res.err and "--replace" in res.err
    assert audit_path.read_bytes() == before
    assert cli("import", again, "--into", audit_path, "--replace").code == 0
    audit = load_audit(audit_path).audit
    assert "fd-7" not in audit.answers["A1"].responses and audit.answers["B2"].responses["fd-7"].value == 3
    assert audit.respondent("fd-7").role == "management"  # type: ignore[union-attr]


def test_every_problem_of_every_form_and_nothing_written(cli: Callable[..., Run], tmp_path: Path) -> None:
    audit_path = voices_audit(tmp_path)
    form = respondent_form(cli, tmp_path)
    bad1 = fill(form, tmp_path / "bad1.xlsx", {"A1": 9, "B1": "Sometimes"}, code="fd-1")  # out of range; fd-1 exists
    bad2 = fill(form, tmp_path / "bad2.xlsx", {"B2": "soon"}, code="x y", role="Auditor")
    good = fill(form, tmp_path / "good.xlsx", {"A1": 2})
    before = audit_path.read_bytes()
    res = cli("import", bad1, good, bad2, "--into", audit_path)
    assert res.code == 2
    lines = res.err.strip().splitlines()
    assert any("bad1.xlsx: sheet 'Questionnaire' cell C" in ln and "A1: 9 is out of range" in ln for ln in lines)
    assert any("bad2.xlsx" in ln and "B2:" in ln for ln in lines)
    assert any("bad2.xlsx" in ln and "respondent code 'x y'" in ln for ln in lines)
    assert any("bad2.xlsx" in ln and "auditor's own role" in ln for ln in lines)
    assert any("bad1.xlsx" in ln and "'fd-1' is already in" in ln for ln in lines)
    assert "Traceback" not in res.err
    assert audit_path.read_bytes() == before


def test_import_into_waits_for_no_one_when_an_interview_holds_the_lock(cli: Callable[..., Run], tmp_path: Path) -> None:
    audit_path = voices_audit(tmp_path)
    form = fill(respondent_form(cli, tmp_path), tmp_path / "f.xlsx", {"A1": 2})
    before = audit_path.read_bytes()
    with AuditLock(audit_path):
        res = cli("import", form, "--into", audit_path)
    assert res.code == 2 and "is open in another interview" in res.err
    assert audit_path.read_bytes() == before


def test_auditor_form_into_and_respondent_form_to_new_audit_are_refused(cli: Callable[..., Run], tmp_path: Path) -> None:
    audit_path = voices_audit(tmp_path)
    auditor_form = tmp_path / "auditor.xlsx"
    assert cli("form", tmp_path / "mini.yaml", "-o", auditor_form).code == 0
    res = cli("import", auditor_form, "--into", audit_path)
    assert res.code == 2 and "--into takes respondent forms" in res.err
    form = respondent_form(cli, tmp_path)
    res = cli("import", form, "-o", tmp_path / "new.yaml")
    assert res.code == 2 and "is a respondent's form" in res.err
    assert cli("import", form, form, "-o", tmp_path / "new.yaml").code == 2  # -o takes one form
    assert cli("import", form).code == 2  # neither -o nor --into


def test_respondent_form_has_no_condition_hints(cli: Callable[..., Run], tmp_path: Path) -> None:
    voices_audit(tmp_path)
    ws = load_workbook(respondent_form(cli, tmp_path))["Questionnaire"]
    assert not any("Answer only if" in str(c.value) for row in ws.iter_rows() for c in row if c.value)
    auditor = tmp_path / "auditor.xlsx"
    assert cli("form", tmp_path / "mini.yaml", "-o", auditor).code == 0
    ws = load_workbook(auditor)["Questionnaire"]
    assert any("Answer only if A2 is Yes" in str(c.value) for row in ws.iter_rows() for c in row if c.value)


PULSE = """
format: cx-audit/checklist@1
id: pulse
title: Staff pulse
version: 1.0.0
sections:
  - id: pulse
    title: Pulse
    items:
      - {id: A1, text: I can state the offer, guidance: g, recommendation: r}
      - id: B1
        text: How often
        type: choice
        options:
          - {id: never, label: Never, score: 0}
          - {id: sometimes, label: Sometimes, score: 0.5}
          - {id: always, label: Always, score: 1}
"""


def test_a_survey_checklists_form_goes_into_an_audit_that_shares_its_items(cli: Callable[..., Run], tmp_path: Path) -> None:
    """The staff-pulse route: forms of a short survey whose items share ids with the audit's checklist."""
    audit_path = voices_audit(tmp_path)
    (tmp_path / "pulse.yaml").write_text(PULSE.lstrip(), encoding="utf-8")
    form = tmp_path / "pulse-form.xlsx"
    assert cli("form", tmp_path / "pulse.yaml", "-o", form, "--respondent-form").code == 0
    filled = fill(form, tmp_path / "p1.xlsx", {"A1": 2, "B1": "Always"}, code="fd-9", role="frontline")
    res = cli("import", filled, "--into", audit_path)
    assert res.code == 0, res.err
    audit = load_audit(audit_path).audit
    assert audit.answers["A1"].responses["fd-9"].value == 2
    assert audit.answers["B1"].responses["fd-9"].value == "always"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("{id: A1, text: I can state the offer", "{id: Z9, text: I can state the offer"),
        ("{id: A1, text: I can state the offer, guidance: g", "{id: A1, text: I can state the offer, type: yesno, guidance: g"),
    ],
)
def test_a_survey_form_whose_items_do_not_match_is_refused(
    cli: Callable[..., Run], tmp_path: Path, change: str, message: str
) -> None:
    audit_path = voices_audit(tmp_path)
    (tmp_path / "pulse.yaml").write_text(PULSE.lstrip().replace(change, message), encoding="utf-8")
    form = tmp_path / "pulse-form.xlsx"
    assert cli("form", tmp_path / "pulse.yaml", "-o", form, "--respondent-form").code == 0
    filled = fill(form, tmp_path / "p1.xlsx", {"B1": "Always"}, code="fd-9")
    before = audit_path.read_bytes()
    res = cli("import", filled, "--into", audit_path)
    assert res.code == 2
    expected = "does not have" if "Z9" in message else "A1 takes yes or no in checklist 'pulse' but a whole number from 0 to 4"
    assert expected in res.err, res.err
    assert res.err.startswith(f"{filled}: sheet 'Meta'"), res.err
    assert audit_path.read_bytes() == before


def test_a_staff_pulse_form_of_an_older_edition_goes_into_an_audit_of_that_edition(
    cli: Callable[..., Run], tmp_path: Path, shared_demo: Path
) -> None:
    """A form made from `staff-pulse@2.0.0` is read against that edition, not the current
    3.0.0 (whose TR5 the demo's cx-essentials 2.0.0 audit does not have)."""
    import shutil

    audit_path = tmp_path / "audit.yaml"
    shutil.copyfile(shared_demo / "harrogate-2026-11.yaml", audit_path)
    shutil.copytree(shared_demo / "evidence", tmp_path / "evidence")
    form = tmp_path / "pulse-form.xlsx"
    assert cli("form", "staff-pulse@2.0.0", "-o", form, "--respondent-form").code == 0
    ids = item_ids(form)
    assert "TR5" not in ids and "SB7" in ids
    filled = fill(form, tmp_path / "p1.xlsx", dict.fromkeys(ids, 3), code="r-101", role="front-line")
    res = cli("import", filled, "--into", audit_path)
    assert res.code == 0, res.err
    assert "made from" not in res.err, res.err  # read with the edition it was made from
    answers = load_audit(audit_path).audit.answers
    assert {answers[i].responses["r-101"].value for i in ids} == {3}
