"""The interview's `r TEXT` key: the consultant's own recommendation for an item, saved
at once into the audit, shown in every report instead of the checklist's (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx_audit.files.audit import load_audit
from tests.conftest import audit_text, run_subprocess, write
from tests.test_interview_e2e import NOTE, finish, folder, prompt, spawn  # noqa: F401

pexpect = pytest.importorskip("pexpect")

OWN = "Dana briefs every new starter on the offer & its limits by 31 March."


def test_r_sets_shows_and_removes_the_recommendation_in_a_terminal(folder: Path) -> None:  # noqa: F811
    write(folder / "acme.yaml", audit_text(""))
    child = spawn(folder, "acme.yaml")
    child.expect(prompt("A1"))
    child.sendline("r")
    child.expect("the checklist's recommendation is used")
    child.expect(prompt("A1"))
    child.sendline(f"r {OWN}")
    child.expect("saved your recommendation")
    child.expect(prompt("A1"))
    child.sendline("1")
    child.expect(NOTE)
    child.sendline("")
    child.expect(prompt("A2"))
    child.sendline("y")
    child.expect(NOTE)
    child.sendline("")
    child.expect(prompt("A3"))
    child.sendline("b")  # back to A2, which gets its own words then loses them
    child.expect(prompt("A2"))
    child.sendline("r Not needed")
    child.expect("saved your recommendation")
    child.expect(prompt("A2"))
    child.sendline("r -")
    child.expect("the checklist's recommendation is used again")
    child.expect(prompt("A2"))
    child.sendline("q")
    assert finish(child) == 0
    text = (folder / "acme.yaml").read_text(encoding="utf-8")
    assert "recommendation:" in text and "Not needed" not in text
    answers = load_audit(folder / "acme.yaml").audit.answers
    assert answers["A1"].recommendation == OWN and answers["A1"].value == 1
    assert answers["A2"].recommendation == ""
    # Every report uses the consultant's words for A1 (a critical failure: Now).
    run = run_subprocess("score", "acme.yaml", "--format", "json", cwd=folder)
    action = json.loads(run.out)["actions"][0]
    assert (action["item"], action["recommendation"], action["horizon"]) == ("A1", OWN, "now")


def test_r_with_piped_input_and_a_recommendation_too_long(folder: Path) -> None:  # noqa: F811
    write(folder / "p.yaml", audit_text(""))
    run = run_subprocess("run", "p.yaml", cwd=folder, input=f"r {OWN}\n1\n\n")
    assert run.code == 0, run.err
    assert load_audit(folder / "p.yaml").audit.answers["A1"].recommendation == OWN
    run = run_subprocess("run", "p.yaml", "--review", cwd=folder, input="r " + "x" * 10_001 + "\n")
    assert run.code == 2 and "a recommendation is at most 10,000 characters" in run.err
    assert load_audit(folder / "p.yaml").audit.answers["A1"].recommendation == OWN  # nothing lost
