"""One way to rewrite an audit (cx_audit/files/edit.py): every rewriter goes through it.

Two kinds of check. The source: no module but files/edit.py takes the audit lock, no
module but the one output writer calls the atomic writer, no module opens a file for
writing, and the audit's text (``dump_audit``) is made only where it is handed to the
writer. The behaviour: each command that rewrites an audit (`run`, `metrics --into`,
`actions pull`, `import --into`) is run with the atomic writer watched; every write of
the audit must come from files/edit.py, under the lock, to the link's target.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import inspect
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

import cx_audit
from cx_audit.errors import InputError, LockedError, OutputError
from cx_audit.files import atomic, output
from cx_audit.files.audit import load_audit
from cx_audit.files.edit import edit_audit, open_audit
from cx_audit.files.lock import AuditLock, lock_path
from cx_audit.model import Answer
from tests.conftest import FULL, MINI_CHECKLIST, Cli, audit_text, write

PACKAGE = Path(cx_audit.__file__).parent
EDIT = "files/edit.py"


@functools.cache
def modules() -> dict[str, ast.Module]:
    """Every module of the package, parsed once per run (the tests only walk the trees)."""
    return {p.relative_to(PACKAGE).as_posix(): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def names_used(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            found.update(a.name for a in node.names)
            found.add(node.module or "")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@functools.cache
def names_by_module() -> dict[str, set[str]]:
    return {path: names_used(tree) for path, tree in modules().items()}


def users_of(name: str) -> set[str]:
    return {path for path, names in names_by_module().items() if name in names}


# --- the source ------------------------------------------------------------------------


def test_only_files_edit_takes_the_audit_lock() -> None:
    assert users_of("AuditLock") == {"files/lock.py", EDIT}
    assert users_of("cx_audit.files.lock") == {EDIT}


def test_only_the_one_writer_calls_the_atomic_writer() -> None:
    for name in ("atomic_write_bytes", "atomic_write_text"):
        assert users_of(name) <= {"files/atomic.py", "files/output.py"}, name


def test_the_audit_text_is_made_only_where_it_goes_to_the_writer() -> None:
    # files/edit.py writes existing audits; the interview's pieced saver hands its text to
    # AuditFile.save; `import -o` and the demo create NEW audits through write_output as
    # user data (never replacing one without --force, or the demo's own files).
    assert users_of("dump_audit") == {EDIT, "interview/saving.py", "form/read.py", "demo/run.py"}


def test_no_module_opens_a_file_for_writing_by_hand() -> None:
    offenders = []
    for path, tree in modules().items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("write_text", "write_bytes"):
                offenders.append(f"{path}:{node.lineno} {name}")
            if name == "open" and isinstance(func, ast.Name):
                mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
                if isinstance(mode, ast.Constant) and any(c in str(mode.value) for c in "wax+"):
                    offenders.append(f"{path}:{node.lineno} open(..., {mode.value!r})")
    assert offenders == []


# --- the behaviour ---------------------------------------------------------------------


@dataclass
class Write:
    path: Path
    via_edit: bool
    locked: bool


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Write]:
    """Every atomic write, with whether files/edit.py asked for it and the lock was held."""
    seen: list[Write] = []
    real = atomic.atomic_write_bytes

    def spy(path: Path, data: bytes, replace: bool = True) -> None:
        frames = [f.filename.replace(os.sep, "/") for f in inspect.stack(0)]
        lock = lock_path(Path(path))
        held = lock.exists() and lock.read_text().strip() == str(os.getpid())
        seen.append(Write(Path(path), any(f.endswith("cx_audit/" + EDIT) for f in frames), held))
        real(path, data, replace)

    monkeypatch.setattr(atomic, "atomic_write_bytes", spy)
    monkeypatch.setattr(output, "atomic_write_bytes", spy)
    return seen


def audit_writes(seen: list[Write], audit: Path) -> list[Write]:
    return [w for w in seen if w.path.resolve() == audit.resolve()]


def assert_edited(seen: list[Write], audit: Path) -> None:
    mine = audit_writes(seen, audit)
    assert mine, "the audit was not written"
    assert all(w.via_edit and w.locked for w in mine), mine
    assert all(not w.path.is_symlink() for w in mine)


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A mini audit reached through a symbolic link: rewriters save the target, keep the link."""
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    write(tmp_path / "real.yaml", audit_text(""))
    os.symlink("real.yaml", tmp_path / "link.yaml")
    return tmp_path / "link.yaml"


def test_run_saves_through_files_edit(writes: list[Write], linked: Path) -> None:
    from cx_audit.interview.asker import ScriptedAsker
    from cx_audit.interview.start import RunRequest, run_interview

    code = run_interview(RunRequest(path=linked), ScriptedAsker(["3", "seen", "q"], interactive=False), lambda w: None)
    assert code == 0
    assert_edited(writes, linked)
    assert linked.is_symlink() and load_audit(linked.with_name("real.yaml")).audit.answers["A1"].value == 3


def test_metrics_into_writes_through_files_edit(cli: Cli, writes: list[Write], tmp_path: Path) -> None:
    from tests.test_metrics import AUDIT, CHECKLIST, nps_csv

    (tmp_path / "checklist.yaml").write_text(CHECKLIST, encoding="utf-8")
    (tmp_path / "real.yaml").write_text(AUDIT, encoding="utf-8")
    os.symlink("real.yaml", tmp_path / "audit.yaml")
    survey = nps_csv(tmp_path / "q.csv", 5, 0, 0)
    run = cli("metrics", survey, "--column", "1", "--kind", "nps", "--into", "audit.yaml", "--item", "CM1", cwd=tmp_path)
    assert run.code == 0, run.err
    assert_edited(writes, tmp_path / "audit.yaml")
    assert (tmp_path / "audit.yaml").is_symlink()
    text = (tmp_path / "real.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Audit of the Leeds branch, visit 3\n") and "metric:" in text
    assert not (tmp_path / "real.yaml.lock").exists()


def test_actions_pull_writes_through_files_edit(cli: Cli, writes: list[Write], tmp_path: Path) -> None:
    from tests.test_actions import CURRENT, HEADER, fill

    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    (tmp_path / "now.yaml").write_text(CURRENT, encoding="utf-8")
    assert cli("report", "now.yaml", "--xlsx", "plan.xlsx", cwd=tmp_path).code == 0
    fill(tmp_path / "plan.xlsx", tmp_path / "filled.xlsx", {"L2": "done"})
    run = cli("actions", "pull", "filled.xlsx", "--into", "now.yaml", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "Wrote action tracking to now.yaml\n" in run.err
    assert_edited(writes, tmp_path / "now.yaml")
    assert (tmp_path / "now.yaml").read_text(encoding="utf-8").startswith(HEADER)


def test_import_into_writes_through_files_edit(cli: Cli, writes: list[Write], tmp_path: Path) -> None:
    from tests.test_voices_forms import fill, respondent_form
    from tests.voices_data import voices_audit

    audit = voices_audit(tmp_path)
    form = fill(respondent_form(cli, tmp_path), tmp_path / "f1.xlsx", {"A1": 4}, code="fd-9")
    run = cli("import", form, "--into", audit)
    assert run.code == 0, run.err
    assert f"Wrote 1 respondents' answers to {audit}\n" in run.err
    assert_edited(writes, audit)
    assert load_audit(audit).audit.answers["A1"].responses["fd-9"].value == 4


# --- edit_audit itself -------------------------------------------------------------------


@pytest.fixture
def mini_audit(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    return write(tmp_path / "audit.yaml", "# top block, kept\n\n" + audit_text(FULL))


def test_an_edit_keeps_the_top_block_and_says_what_it_wrote(mini_audit: Path) -> None:
    with edit_audit(mini_audit, what="the new answer") as edit:
        assert lock_path(mini_audit).exists()
        edit.audit.answers["C1"] = Answer(2, note="Checked again")
    assert edit.wrote == f"Wrote the new answer to {mini_audit}"
    assert mini_audit.read_text(encoding="utf-8").startswith("# top block, kept\n\nformat: cx-audit/audit@1\n")
    assert load_audit(mini_audit).audit.answers["C1"].value == 2
    assert not lock_path(mini_audit).exists()


def test_an_error_in_the_block_or_a_cancel_writes_nothing(mini_audit: Path) -> None:
    before = mini_audit.read_bytes()
    with pytest.raises(InputError), edit_audit(mini_audit) as edit:
        edit.audit.answers.clear()
        raise InputError.single("x", "refused")
    with edit_audit(mini_audit) as edit:
        edit.audit.answers.clear()
        edit.cancel()
    assert edit.wrote is None and mini_audit.read_bytes() == before
    assert not lock_path(mini_audit).exists()


def test_a_change_that_would_not_load_again_is_not_written(mini_audit: Path) -> None:
    before = mini_audit.read_bytes()
    with pytest.raises(OutputError, match="would not load again"), edit_audit(mini_audit) as edit:
        edit.audit.answers["A1"] = Answer(9)  # a rating item takes 0 to 4
    assert mini_audit.read_bytes() == before


def test_comments_below_the_top_block_are_refused_before_any_change(mini_audit: Path) -> None:
    mini_audit.write_text(mini_audit.read_text(encoding="utf-8").replace("client: Acme Ltd", "client: Acme Ltd  # x"))
    before = mini_audit.read_bytes()
    with pytest.raises(InputError, match=r"has comments on line 5 that rewriting the file would drop"), edit_audit(mini_audit):
        raise AssertionError("the block must not run")
    assert mini_audit.read_bytes() == before


def test_a_missing_audit_and_a_held_lock_are_refused(tmp_path: Path, mini_audit: Path) -> None:
    with pytest.raises(InputError, match="no such audit file"), edit_audit(tmp_path / "none.yaml"):
        pass
    with AuditLock(mini_audit), pytest.raises(LockedError), edit_audit(mini_audit):
        pass


def test_open_audit_saves_the_target_of_a_link(linked: Path) -> None:
    with open_audit(linked) as file:
        loaded = file.load()
        loaded.audit.date = dt.date(2027, 1, 2)
        from cx_audit.files.audit import dump_audit

        assert file.save(dump_audit(loaded.audit, loaded.checklist)) == f"Wrote audit to {linked}"
    assert linked.is_symlink()
    assert load_audit(linked.with_name("real.yaml")).audit.date == dt.date(2027, 1, 2)
