"""`cx-audit run` end to end: in a pseudo-terminal (pexpect) and with piped stdin."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cx_audit.files.audit import load_audit
from tests.conftest import MINI_CHECKLIST, audit_text, run_subprocess, write

pexpect = pytest.importorskip("pexpect")

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def prompt(item_id: str) -> str:
    return rf"{re.escape(item_id)} › "


NOTE = r"note \(Enter"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    return tmp_path


def spawn(folder: Path, *args: str, columns: int = 100):  # type: ignore[no-untyped-def]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": str(columns), "LINES": "40", "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cx_audit", "run", *args],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, columns),
    )
    return child


def finish(child) -> int:  # type: ignore[no-untyped-def]
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0))


def test_new_audit_in_a_terminal(folder: Path) -> None:
    child = spawn(folder, "new.yaml", "--checklist", "mini.yaml")
    child.expect("Client › ")
    child.sendline("Acme Ltd")
    child.expect("Auditor › ")
    child.sendline("J. Smith")
    child.expect("Offer")
    child.expect(prompt("A1"))
    child.sendline("?")
    child.expect("Guidance")
    child.expect("Fix A1")
    child.expect(prompt("A1"))
    child.sendline("9")
    child.expect("out of range")
    child.expect(prompt("A1"))
    child.sendline("na")
    child.expect("N/A is not allowed")
    child.expect(prompt("A1"))
    child.sendline("3")
    child.expect(NOTE)
    child.sendline("staff agree")
    child.expect("saved")
    child.expect(prompt("A2"))
    child.sendline("Y")
    child.expect(NOTE)
    child.sendline("")
    child.expect(prompt("A3"))
    child.sendline("b")
    child.expect("current: Yes")
    child.expect(prompt("A2"))
    child.sendline("")  # Enter keeps the answer
    child.expect(prompt("A3"))
    child.sendline("na")
    child.expect(NOTE)
    child.sendline("not seen today")
    child.expect("Offer: ")  # the section's running score at the boundary
    child.expect(prompt("B1"))
    child.sendline("q")
    child.expect("Summary")
    child.expect("cx-audit report new.yaml --html new-report.html --xlsx new-actions.xlsx")
    assert finish(child) == 0
    answers = load_audit(folder / "new.yaml").audit.answers
    assert (answers["A1"].value, answers["A1"].note) == (3, "staff agree")
    assert answers["A2"].value is True
    assert answers["A3"].na and answers["A3"].note == "not seen today"
    assert not (folder / "new.yaml.lock").exists()


def test_resume_continues_at_the_first_unanswered_item(folder: Path) -> None:
    write(folder / "acme.yaml", audit_text("A1: 3\nA2: 'yes'"))
    child = spawn(folder, "acme.yaml")
    child.expect("Resuming acme.yaml: 2 of 7 answered")
    child.expect(prompt("A3"))
    child.sendline("4")
    child.expect(NOTE)
    child.sendline("")
    child.expect(prompt("B1"))
    child.sendline("q")
    assert finish(child) == 0
    assert load_audit(folder / "acme.yaml").audit.answers["A3"].value == 4


def test_kill_9_after_three_answers_leaves_them_saved(folder: Path, durable: None) -> None:
    child = spawn(folder, "k.yaml", "-c", "mini.yaml", "--client", "Acme", "--auditor", "Jo")
    for item_id, value in (("A1", "3"), ("A2", "y"), ("A3", "2")):
        child.expect(prompt(item_id))
        child.sendline(value)
        child.expect(NOTE)
        child.sendline(f"note {item_id}")
    child.expect(prompt("B1"))
    child.send("alw")  # being typed: this one may be lost
    child.kill(signal.SIGKILL)
    child.close(force=True)
    loaded = load_audit(folder / "k.yaml")
    assert {k: a.value for k, a in loaded.audit.answers.items()} == {"A1": 3, "A2": True, "A3": 2}
    assert loaded.audit.answers["A3"].note == "note A3"
    # The kernel released the lock: a new interview opens it and resumes at B1.
    child = spawn(folder, "k.yaml")
    child.expect(prompt("B1"))
    child.sendline("q")
    assert finish(child) == 0


def test_second_concurrent_run_is_refused(folder: Path) -> None:
    write(folder / "acme.yaml", audit_text(""))
    child = spawn(folder, "acme.yaml")
    child.expect(prompt("A1"))
    second = run_subprocess("run", "acme.yaml", cwd=folder, input="3\n\n")
    assert second.code == 2
    lines = second.err.strip().splitlines()
    assert len(lines) == 1 and "acme.yaml: is open in another interview" in lines[0]
    child.sendline("q")
    assert finish(child) == 0
    assert load_audit(folder / "acme.yaml").audit.answers == {}


def test_ctrl_c_saves_and_exits_130(folder: Path) -> None:
    write(folder / "acme.yaml", audit_text(""))
    child = spawn(folder, "acme.yaml")
    child.expect(prompt("A1"))
    child.sendline("2")
    child.expect(NOTE)
    child.sendline("ok")
    child.expect(prompt("A2"))
    child.sendintr()
    child.expect("Interrupted")
    assert finish(child) == 130
    assert load_audit(folder / "acme.yaml").audit.answers["A1"].note == "ok"


# --- piped stdin ------------------------------------------------------------------------


def test_piped_refused_value_exits_2_with_earlier_answers_saved(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text(""))
    r = run_subprocess("run", "acme.yaml", cwd=folder, input="3\nfirst note\ny\n\n11\n\n")
    assert r.code == 2
    assert r.err.strip() == (
        "acme.yaml: A3: 11 is out of range: a whole number from 0 to 4 (input line 5); the answers before it are saved"
    )
    answers = load_audit(path).audit.answers
    assert {k: a.value for k, a in answers.items()} == {"A1": 3, "A2": True}
    assert answers["A1"].note == "first note"
    assert not ANSI.search(r.out)


def test_piped_end_of_input_saves_and_exits_0(folder: Path) -> None:
    r = run_subprocess("run", "new.yaml", "-c", "mini.yaml", cwd=folder, input="Acme\nJo\n3\n\nn\nno brochure\n\\never\n")
    # "\\never" is taken literally as "never" (a backslash only matters for text answers)
    assert r.code == 0, r.err
    answers = load_audit(folder / "new.yaml").audit.answers
    assert {k: a.value for k, a in answers.items()} == {"A1": 3, "A2": False, "B1": "never"}
    assert "Summary" in r.out and "cx-audit run new.yaml" in r.out
    assert not ANSI.search(r.out)


def test_piped_full_dialogue_with_commands(folder: Path) -> None:
    lines = ["Acme", "Jo", "2", "", "s", "?", "1", "", "b", "", "g A2", "n", "", "g C1", "4", "", "q"]
    r = run_subprocess("run", "p.yaml", "-c", "mini.yaml", cwd=folder, input="\n".join(lines) + "\n")
    assert r.code == 0, r.err
    answers = load_audit(folder / "p.yaml").audit.answers
    assert {k: a.value for k, a in answers.items()} == {"A1": 2, "B1": "never", "A2": False, "C1": 4}


def test_help_does_not_import_rich_or_the_interview() -> None:
    code = (
        "import sys\n"
        "from cx_audit.cli import app as cli\n"
        "cli._register_commands(['--help'])\n"
        "bad = [m for m in sys.modules if m == 'rich' or m.startswith('cx_audit.interview')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    r = run_subprocess("run", "--help")
    assert r.code == 0 and "--review" in r.out
