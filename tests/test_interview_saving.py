"""The interview's saver writes exactly what dump_audit writes, atomically."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.interview_latency import answer_latency
from cx_audit.files.audit import dump_audit, load_audit, new_audit
from cx_audit.files.checklist import load_checklist
from cx_audit.files.edit import AuditFile
from cx_audit.interview.saving import AuditWriter
from cx_audit.model import Answer, Audit, Checklist
from tests.conftest import MINI_CHECKLIST, write

VALUES: dict[str, st.SearchStrategy[object]] = {
    "A1": st.integers(0, 4),
    "A2": st.booleans(),
    "A3": st.integers(0, 4),
    "B1": st.sampled_from(["never", "sometimes", "always"]),
    "B2": st.one_of(st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False)),
    "B3": st.text(min_size=1, max_size=300),
    "C1": st.integers(0, 4),
}


def make(tmp_path: Path) -> tuple[Checklist, Audit, Path]:
    checklist = load_checklist(write(tmp_path / "mini.yaml", MINI_CHECKLIST))
    path = tmp_path / "audit.yaml"
    audit = new_audit(checklist, path, client="Acme — Ltd", auditor="J. Smith", date=dt.date(2026, 11, 22))
    return checklist, audit, path


def saving_to(path: Path, header: str = "") -> AuditFile:
    """The interview's way to save: an AuditFile's save (files/edit.py), here without the lock."""
    file = AuditFile(path)
    file.header = header
    return file


change = st.tuples(
    st.sampled_from(sorted(VALUES)),
    st.data(),
    st.booleans(),  # N/A instead of a value
    st.text(max_size=250),  # note
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=12))
def test_pieced_text_is_what_dump_audit_writes(tmp_path: Path, changes: list) -> None:  # type: ignore[type-arg]
    checklist, audit, path = make(tmp_path)
    audit.extra["x-visit"] = {"weather": "rain"}
    writer = AuditWriter(audit, checklist, saving_to(path).save)
    writer.prime()
    for item_id, data, na, note in changes:
        if na:
            audit.answers[item_id] = Answer(na=True, note=note)
        else:
            audit.answers[item_id] = Answer(data.draw(VALUES[item_id]), note=note)
        assert writer.text() == dump_audit(audit, checklist)
    assert writer.fast


def test_clearing_every_answer(tmp_path: Path) -> None:
    checklist, audit, path = make(tmp_path)
    writer = AuditWriter(audit, checklist, saving_to(path).save)
    audit.answers["A1"] = Answer(3, note="multi\nline\n\nnote\n")
    writer()
    audit.answers.clear()
    writer()
    assert path.read_text().endswith("answers: {}\n")
    assert path.read_text() == dump_audit(audit, checklist)


def test_header_and_permissions_are_kept(tmp_path: Path) -> None:
    checklist, audit, path = make(tmp_path)
    writer = AuditWriter(audit, checklist, saving_to(path, header="# Q3 visit\n\n").save)
    writer()
    os.chmod(path, 0o600)
    audit.answers["A1"] = Answer(2)
    writer()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("# Q3 visit\n\nformat: cx-audit/audit@1\n")
    assert load_audit(path).audit.answers["A1"].value == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_falls_back_to_the_full_dump_when_pieces_differ(tmp_path: Path) -> None:
    checklist, audit, path = make(tmp_path)
    shared = {"k": [1, 2]}  # one object in two answers: the full dump writes an alias
    audit.answers["A1"] = Answer(1, extra={"x-b": shared})
    audit.answers["C1"] = Answer(2, extra={"x-b": shared})
    writer = AuditWriter(audit, checklist, saving_to(path).save)
    writer()
    assert not writer.fast
    assert "&id001" in path.read_text()
    assert path.read_text() == dump_audit(audit, checklist)


@pytest.mark.parametrize("items", [40])
def test_latency_function_runs(items: int) -> None:
    result = answer_latency(items)
    assert len(result.samples_ms) == 2 * items - 1 and result.saves == 2 * items


@pytest.mark.parametrize("last", ["A1", "C1"])
def test_kept_trailing_newlines_end_marker(tmp_path: Path, last: str) -> None:
    # A note ending in blank lines is written `|+`; a document ending in one gets `...`.
    checklist, audit, path = make(tmp_path)
    writer = AuditWriter(audit, checklist, saving_to(path).save)
    audit.answers["A1"] = Answer(3, note="end\n\n")
    if last == "C1":
        audit.answers["C1"] = Answer(2, note="plain")
    writer()
    assert path.read_text() == dump_audit(audit, checklist)
    assert path.read_text().endswith("...\n") == (last == "A1")
    assert load_audit(path).audit.answers["A1"].note == "end\n\n"


def test_a_note_ending_in_three_dots_is_not_a_document_end(tmp_path: Path) -> None:
    """Found by hypothesis: a note whose last line is '...' looked like YAML's end marker."""
    checklist, audit, path = make(tmp_path)
    writer = AuditWriter(audit, checklist, saving_to(path).save)
    writer.prime()
    audit.answers["A1"] = Answer(na=True, note="...\n")
    assert writer.text() == dump_audit(audit, checklist)
    audit.answers["A2"] = Answer(na=True)
    assert writer.text() == dump_audit(audit, checklist)
    assert writer.fast
