"""`run --respondent ID [--role ROLE] [--section ID]...`: piped stdin and a pseudo-terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cx_audit.files.audit import load_audit
from tests.conftest import run_subprocess
from tests.voices_data import voices_audit

pexpect = pytest.importorskip("pexpect")


def test_piped_respondent_answers_go_under_responses(tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    before = path.read_text()
    # A2 decides whether A3 applies: a respondent is not asked it. C1: N/A with a note.
    lines = ["3", "good", "1", "", "always", "", "4", "-", "s", "na", "no data"]  # B3 (text) skipped
    r = run_subprocess(
        "run", path.name, "--respondent", "fd-9", "--role", "frontline", cwd=tmp_path, input="\n".join(lines) + "\n"
    )
    assert r.code == 0, r.err
    audit = load_audit(path).audit
    assert audit.respondents[-1].id == "fd-9" and audit.respondents[-1].role == "frontline"
    got = {k: (a.responses["fd-9"].value, a.responses["fd-9"].na) for k, a in audit.answers.items() if "fd-9" in a.responses}
    assert got == {"A1": (3, False), "A3": (1, False), "B1": ("always", False), "B2": (4, False), "C1": (None, True)}
    assert audit.answers["A1"].responses["fd-9"].note == "good"
    assert "fd-9" not in audit.answers["A2"].responses
    # the auditor's answers and the other respondents are untouched; the top comment is kept
    assert audit.answers["A1"].value == 3 and audit.answers["A1"].responses["fd-1"].value == 1
    assert path.read_text().startswith("# Staff survey, November\n")
    assert len(path.read_text()) > len(before)
    assert "cx-audit run survey.yaml --respondent fd-9" in r.out  # B3 is open: how to resume


def test_piped_section_limits_the_walk_and_refused_value_exits_2(tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    r = run_subprocess(
        "run", path.name, "--respondent", "mg-1", "--section", "delivery", cwd=tmp_path, input="sometimes\n\n99x\n"
    )
    assert r.code == 2
    assert "B2:" in r.err and "the answers before it are saved" in r.err
    audit = load_audit(path).audit
    assert audit.answers["B1"].responses["mg-1"].value == "sometimes"
    assert audit.respondent("mg-1").role == "management"  # type: ignore[union-attr]  # kept: no --role


def test_auditor_section_walk(tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    r = run_subprocess("run", path.name, "--section", "delivery", cwd=tmp_path, input="late\n\n")
    # B1 and B2 are answered: the walk starts at B3 (text), the only open item of the section
    assert r.code == 0, r.err
    assert load_audit(path).audit.answers["B3"].value == "late"
    assert "Offer" not in r.out.split("Summary")[0]


def test_bad_options_exit_2(tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    for args, message in (
        (("--respondent", "a b"), "--respondent 'a b' is not valid"),
        (("--respondent", "x1", "--role", "auditor"), "is the auditor's own role"),
        (("--role", "frontline"), "--role needs --respondent"),
        (("--section", "nope"), "--section nope: no such section"),
    ):
        r = run_subprocess("run", path.name, *args, cwd=tmp_path, input="")
        assert r.code == 2 and message in r.err, (args, r.err)


def test_respondent_in_a_terminal_clear_and_quit(tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cx_audit", "run", path.name, "--respondent", "fd-2", "--section", "offer", "--review"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    child.expect("A1 › ")  # fd-2 answered A1 and A3 already: --review walks them
    child.sendline("x")
    child.expect("Cleared the answer to A1")
    child.expect("A1 › ")
    child.sendline("q")
    child.expect("Saved to")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    audit = load_audit(path).audit
    assert "fd-2" not in audit.answers["A1"].responses
    assert audit.answers["A1"].responses["fd-1"].value == 1


def test_auditor_clearing_an_item_keeps_its_responses(tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    r = run_subprocess("run", path.name, "--review", "--section", "offer", cwd=tmp_path, input="x\nq\n")
    assert r.code == 0, r.err
    a1 = load_audit(path).audit.answers["A1"]
    assert a1.value is None and a1.note == "" and a1.responses["fd-1"].value == 1 and len(a1.responses) == 4


def test_a_respondent_cannot_attach_evidence(tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    (tmp_path / "photo.txt").write_text("a picture")
    r = run_subprocess("run", path.name, "--respondent", "fd-9", cwd=tmp_path, input="e photo.txt\n")
    assert r.code == 2 and "evidence is attached by the auditor" in r.err
    assert all(not a.evidence for a in load_audit(path).audit.answers.values())
