"""Opening an interview: new and existing audits, facts, the lock and the comment policy."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from cx_audit.errors import CxAuditError, InputError, LockedError
from cx_audit.files.audit import load_audit
from cx_audit.files.comments import find_comments
from cx_audit.files.lock import AuditLock, lock_path
from cx_audit.interview.asker import ScriptedAsker, Summary, Welcome
from cx_audit.interview.start import InterviewStopped, RunRequest, run_interview
from cx_audit.interview.terminal import ConsoleAsker
from tests.conftest import MINI_CHECKLIST, audit_text, write


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    return tmp_path


def start(request: RunRequest, *lines: str, interactive: bool = True) -> tuple[int, ScriptedAsker, list[str]]:
    asker = ScriptedAsker(lines, interactive=interactive)
    warnings: list[str] = []
    code = run_interview(request, asker, warnings.append)
    return code, asker, warnings


# --- new audits -----------------------------------------------------------------------


def test_new_audit_asks_for_client_and_auditor(folder: Path) -> None:
    path = folder / "acme.yaml"
    code, asker, _ = start(RunRequest(path, checklist=str(folder / "mini.yaml")), "Acme Ltd", "", "J. Smith", "3", "", "q")
    assert code == 0
    assert [p.label for p in asker.prompts[:3]] == ["Client", "Auditor", "Auditor"]  # empty auditor asked again
    loaded = load_audit(path)
    assert (loaded.audit.client, loaded.audit.auditor, loaded.audit.date) == ("Acme Ltd", "J. Smith", dt.date.today())
    assert loaded.audit.checklist.path == "mini.yaml"
    assert loaded.audit.answers["A1"].value == 3
    assert isinstance(asker.shown[-1], Summary)
    assert not lock_path(path).exists()


def test_new_audit_from_options_asks_nothing_but_answers(folder: Path) -> None:
    path = folder / "acme.yaml"
    request = RunRequest(
        path, checklist=str(folder / "mini.yaml"), client="Acme", auditor="Jo", site="Leeds", date=dt.date(2026, 1, 5)
    )
    code, asker, _ = start(request)
    assert code == 0 and asker.prompts[0].kind == "value"
    audit = load_audit(path).audit
    assert (audit.site, audit.date) == ("Leeds", dt.date(2026, 1, 5))


def test_new_audit_defaults_to_the_flagship_checklist(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    start(RunRequest(path, client="Acme", auditor="Jo"), "q")
    assert load_audit(path).checklist.id == "cx-essentials"


def test_piped_new_audit_without_client_stops(folder: Path) -> None:
    path = folder / "acme.yaml"
    with pytest.raises(InterviewStopped, match="needs the client"):
        start(RunRequest(path, checklist=str(folder / "mini.yaml")), "", interactive=False)
    with pytest.raises(InterviewStopped, match="input ended before the auditor"):
        start(RunRequest(path, checklist=str(folder / "mini.yaml")), "Acme", interactive=False)
    assert not path.exists()


def test_unknown_checklist_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such checklist"):
        start(RunRequest(tmp_path / "a.yaml", checklist="nope", client="A", auditor="B"))


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        start(RunRequest(tmp_path / "no" / "a.yaml", client="A", auditor="B"))


# --- existing audits ------------------------------------------------------------------


def test_resume_keeps_unknown_keys_and_updates_given_facts(folder: Path) -> None:
    text = audit_text("A1: {value: 3, x-photo: p.jpg}\nA2: {value: 'no'}").replace("date:", "x-visit: 2\ndate:")
    path = write(folder / "acme.yaml", text)
    code, asker, _ = start(RunRequest(path, site="York"), "sometimes", "", "q")
    assert code == 0
    assert asker.prompts[0].label == "B1"
    welcome = asker.of(Welcome)[0]
    assert isinstance(welcome, Welcome) and not welcome.new and welcome.answered == 2
    saved = path.read_text()
    assert "x-visit: 2" in saved and "x-photo: p.jpg" in saved and "site: York" in saved
    assert load_audit(path).audit.answers["B1"].value == "sometimes"


def test_complete_audit_says_so_and_offers_review(folder: Path) -> None:
    answers = "A1: 3\nA2: 'no'\nB1: never\nB2: 3\nB3: ok\nC1: 2"
    path = write(folder / "acme.yaml", audit_text(answers))
    code, asker, _ = start(RunRequest(path))
    assert code == 0 and not asker.prompts
    assert "--review" in asker.notices()[0]
    summary = asker.shown[-1]
    assert isinstance(summary, Summary) and summary.finished


def test_checklist_drift_warns(folder: Path) -> None:
    text = audit_text("A1: 3").replace("checklist: mini.yaml", "checklist: {id: mini, version: 0.9.0, path: mini.yaml}")
    path = write(folder / "acme.yaml", text)
    _, _, warnings = start(RunRequest(path), "q")
    assert "0.9.0" in warnings[0]


def test_bad_audit_is_an_input_error(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text("A1: 9"))
    with pytest.raises(InputError, match="out of range"):
        start(RunRequest(path))


def test_piped_refusal_reports_the_item_and_input_line(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text(""))
    asker = ConsoleAsker(io.StringIO("3\n\n7\n"), io.StringIO(), interactive=False, color=False, width=80)
    with pytest.raises(InterviewStopped) as caught:
        run_interview(RunRequest(path), asker, print)
    message = str(caught.value)
    assert "A2: '7' is not an answer: type y or n (input line 3)" in message
    assert load_audit(path).audit.answers["A1"].value == 3


def test_keyboard_interrupt_saves_and_returns_130(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text(""))

    class Interrupting(ScriptedAsker):
        def ask(self, prompt):  # type: ignore[no-untyped-def]
            if not self.lines:
                raise KeyboardInterrupt
            return super().ask(prompt)

    asker = Interrupting(["3", "kept"])
    assert run_interview(RunRequest(path), asker, print) == 130
    assert "every answer is saved" in asker.notices()[-1]
    assert load_audit(path).audit.answers["A1"].note == "kept"
    assert not lock_path(path).exists()


# --- the lock -------------------------------------------------------------------------


def test_second_lock_is_refused_and_released_lock_is_reusable(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    with AuditLock(path):
        assert lock_path(path).read_text().strip() == str(os.getpid())
        with pytest.raises(LockedError, match=r"is open in another interview \(process \d+\)"):
            AuditLock(path).acquire()
    assert not lock_path(path).exists()
    with AuditLock(path):
        pass


def test_a_stale_lock_file_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    lock_path(path).write_text("99999\n")  # left by a killed process: nobody holds it
    with AuditLock(path):
        pass


def test_interview_refused_while_locked(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text(""))
    with AuditLock(path), pytest.raises(LockedError):
        start(RunRequest(path), "3", "")
    assert load_audit(path).audit.answers == {}
    assert issubclass(LockedError, CxAuditError) and LockedError.exit_code == 2


# --- comments -------------------------------------------------------------------------


def test_find_comments() -> None:
    text = '# Acme, Q3\n# by Jo\n\nformat: x  # here\nnote: "a # b"\nc: |\n  # in a block\nd: a#b\n  # last\n'
    found = find_comments(text)
    assert found.header == "# Acme, Q3\n# by Jo\n\n"
    assert found.lines == (4, 9)
    assert found.describe() == "lines 4, 9"
    assert find_comments("a: 1\n").lines == ()


def test_header_comments_are_kept_on_save(folder: Path) -> None:
    path = write(folder / "acme.yaml", "# Quarterly audit, Q3\n# keep me\n" + audit_text(""))
    start(RunRequest(path), "3", "", "q")
    text = path.read_text()
    assert text.startswith("# Quarterly audit, Q3\n# keep me\nformat: cx-audit/audit@1\n")
    assert load_audit(path).audit.answers["A1"].value == 3


def test_other_comments_refused_with_piped_input(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text("A1: 3  # checked twice"))
    before = path.read_bytes()
    with pytest.raises(InterviewStopped, match=r"comments on line 8 .*--drop-comments"):
        start(RunRequest(path), "y", "", interactive=False)
    assert path.read_bytes() == before
    code, _, _ = start(RunRequest(path, drop_comments=True), "y", "", interactive=False)
    assert code == 0 and "#" not in path.read_text()


def test_other_comments_ask_on_a_terminal(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text("A1: 3  # checked twice"))
    before = path.read_bytes()
    code, asker, _ = start(RunRequest(path), "n")
    assert code == 0 and path.read_bytes() == before
    assert asker.prompts[0].kind == "confirm" and "line 8" in asker.notices()[0]
    code, asker, _ = start(RunRequest(path), "y", "y", "", "q")
    assert load_audit(path).audit.answers["A2"].value is True
    assert "#" not in path.read_text()


# --- the console asker with piped input -------------------------------------------------


def test_console_asker_piped_output_is_plain(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text(""))
    out = io.StringIO()
    asker = ConsoleAsker(io.StringIO("?\n3\nfine\nl\nq\n"), out, interactive=True, color=False, width=80)
    assert run_interview(RunRequest(path), asker, print) == 0
    text = out.getvalue()
    assert "\x1b[" not in text
    assert "Guidance" in text and "Offer" in text and "5 unanswered" in text
    assert "cx-audit report" in text and "Summary" in text
