"""The next visit starts from the last: `run NEW.yaml --from PREVIOUS.yaml` (issue 23)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from cx_audit.files.audit import load_audit
from tests.conftest import MINI_CHECKLIST, audit_text, run_subprocess, write
from tests.test_interview_e2e import NOTE, finish, prompt, spawn

PREVIOUS = """
A1: {value: 3, note: Seen at the briefing}
A2: {value: "yes"}
B1:
  value: sometimes
  responses:
    fd-1: {value: never}
B2: {value: 10}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    text = audit_text(PREVIOUS).replace(
        "answers:",
        "profile: null\nrespondents:\n  - {id: fd-1, role: frontline, name: Sam Quill}\n"
        "actions:\n  A1: {owner: Dana Ruiz, due: 2027-01-31, status: in-progress}\nanswers:",
    )
    write(tmp_path / "q4.yaml", text.replace("profile: null\n", ""))
    assert load_audit(tmp_path / "q4.yaml").audit.respondents  # the previous visit loads
    return tmp_path


def test_next_visit_in_a_terminal_enter_keeps_and_a_value_changes(folder: Path) -> None:
    child = spawn(folder, "q1.yaml", "--from", "q4.yaml", "--date", "2027-02-20")
    child.expect("answers to confirm")
    child.expect("current: 3")
    child.expect(prompt("A1"))
    child.sendline("")  # Enter keeps it: confirmed
    child.expect("Confirmed A1 as at the previous visit.")
    child.expect(prompt("A2"))
    child.sendline("n")  # changed
    child.expect(NOTE)
    child.sendline("The leaflet was withdrawn")
    child.expect("current: Sometimes")  # A3 asks only when A2 is yes
    child.expect(prompt("B1"))
    child.sendline("q")
    assert finish(child) == 0
    doc = yaml.safe_load((folder / "q1.yaml").read_text(encoding="utf-8"))
    assert (doc["client"], doc["site"], doc["auditor"], doc["date"]) == (
        "Acme Ltd",
        "Crowthorne",
        "J. Smith",
        dt.date(2027, 2, 20),
    )
    assert doc["checklist"]["id"] == "mini"
    assert doc["respondents"] == [{"id": "fd-1", "role": "frontline"}]  # the role, not the name or the answers
    assert doc["actions"] == {"A1": {"owner": "Dana Ruiz", "due": dt.date(2027, 1, 31), "status": "in-progress"}}
    answers = doc["answers"]
    assert answers["A1"] == {"value": 3}  # confirmed; last visit's note stays with last visit
    assert answers["A2"] == {"value": "no", "note": "The leaflet was withdrawn"}
    assert answers["B1"] == {"value": "sometimes", "carried": dt.date(2026, 11, 22)}  # no responses carried
    assert answers["B2"] == {"value": 10, "carried": dt.date(2026, 11, 22)}
    # Unconfirmed answers are said on loading and in the report.
    r = run_subprocess("score", "q1.yaml", cwd=folder)
    assert r.code == 0
    assert "2 answers carried from the previous visit are not confirmed yet (B1, B2)" in r.err
    r = run_subprocess("report", "q1.yaml", "--html", "q1.html", cwd=folder)
    assert r.code == 0, r.err
    page = (folder / "q1.html").read_text(encoding="utf-8")
    assert page.count("carried from the visit of 2026-11-22, not confirmed") == 2
    assert "Sam Quill" not in (folder / "q1.yaml").read_text(encoding="utf-8")
    # Confirming the rest with --review clears the marks.
    r = run_subprocess("run", "q1.yaml", "--review", cwd=folder, input="\n\n\n\n\n\n\n")
    assert r.code == 0, r.err
    text = (folder / "q1.yaml").read_text(encoding="utf-8")
    assert "carried" not in text
    assert "not confirmed" not in run_subprocess("score", "q1.yaml", cwd=folder).err


def test_from_refuses_an_existing_file_and_a_checklist(folder: Path) -> None:
    before = (folder / "q4.yaml").read_bytes()
    r = run_subprocess("run", "q4.yaml", "--from", "q4.yaml", cwd=folder, input="q\n")
    assert r.code == 2 and "already exists: --from starts a new audit" in r.err
    r = run_subprocess("run", "new.yaml", "--from", "q4.yaml", "--checklist", "mini.yaml", cwd=folder, input="q\n")
    assert r.code == 2 and "--from takes the previous audit's checklist" in r.err
    r = run_subprocess("run", "new.yaml", "--from", "missing.yaml", cwd=folder, input="q\n")
    assert r.code == 2 and "Traceback" not in r.err
    assert not (folder / "new.yaml").exists()
    assert (folder / "q4.yaml").read_bytes() == before


def test_a_carried_mark_must_be_a_date(folder: Path) -> None:
    write(folder / "bad.yaml", audit_text('A1: {value: 3, carried: "last time"}'))
    r = run_subprocess("score", "bad.yaml", cwd=folder)
    assert r.code == 2 and "A1: carried must be the date of a visit" in r.err
