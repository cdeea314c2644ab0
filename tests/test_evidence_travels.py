"""Evidence travels with the audit: copied in on attach, `evidence collect`, and a moved folder that still scores."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.conftest import MINI_CHECKLIST, audit_text, run_subprocess, write
from tests.test_evidence import entry, photo


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def visit(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An audit in visit/ whose A1 refers to a photo outside its folder and one inside it."""
    folder = tmp_path / "visit"
    write(folder / "mini.yaml", MINI_CHECKLIST)
    outside = photo(tmp_path / "shared" / "board.png", (40, 30), "PNG")
    inside = photo(folder / "photos" / "desk.png", (30, 20), "PNG")
    answers = (
        "A1:\n  value: 1\n  evidence:\n"
        + entry("../shared/board.png", sha(outside))
        + "\n"
        + entry("photos/desk.png", sha(inside), "The desk")
        + '\nA2: {value: "yes"}\nB1: {value: sometimes}\n'
    )
    return write(folder / "acme.yaml", audit_text(answers)), outside, inside


def test_collect_then_move_the_folder_and_it_still_scores_and_reports(tmp_path: Path) -> None:
    audit, outside, inside = visit(tmp_path)
    r = run_subprocess("score", audit)
    assert r.code == 0 and "../shared/board.png is outside the audit's folder" in r.err
    r = run_subprocess("evidence", "collect", audit)
    assert r.code == 0, r.err
    stored = f"evidence/{sha(outside)[:16]}.png"
    assert f"Copied ../shared/board.png to {stored}" in r.err
    assert f"Wrote the evidence references to {audit}" in r.err
    text = audit.read_text(encoding="utf-8")
    assert f"path: {stored}" in text and "caption: board.png" in text and "../shared" not in text
    assert f"sha256: {sha(outside)}" in text
    assert "path: photos/desk.png" in text  # inside the folder: it travels already
    assert (audit.parent / stored).read_bytes() == outside.read_bytes()
    # Again: nothing to do, nothing written.
    before = audit.read_bytes()
    r = run_subprocess("evidence", "collect", audit)
    assert r.code == 0 and "nothing to do" in r.err and audit.read_bytes() == before
    # Move the folder (as a git clone elsewhere would) and take the shared file away.
    moved = tmp_path / "elsewhere" / "acme-visit"
    moved.parent.mkdir()
    shutil.move(str(audit.parent), moved)
    shutil.rmtree(tmp_path / "shared")
    r = run_subprocess("score", moved / "acme.yaml")
    assert r.code == 0 and "warning" not in r.err, r.err
    out = tmp_path / "report.html"
    r = run_subprocess("report", moved / "acme.yaml", "--html", out)
    assert r.code == 0, r.err
    assert "board.png" in out.read_text(encoding="utf-8")


def test_without_collect_a_moved_folder_loses_the_outside_file(tmp_path: Path) -> None:
    audit, _, _ = visit(tmp_path)
    shutil.move(str(tmp_path / "shared"), tmp_path / "gone")
    r = run_subprocess("score", audit)
    assert r.code == 2 and "evidence file ../shared/board.png not found" in r.err
    before = audit.read_bytes()
    r = run_subprocess("evidence", "collect", audit)
    assert r.code == 2 and "Traceback" not in r.err and audit.read_bytes() == before
    assert not (audit.parent / "evidence").exists()


def test_the_interview_copies_an_outside_file_in(tmp_path: Path) -> None:
    folder = tmp_path / "visit"
    write(folder / "mini.yaml", MINI_CHECKLIST)
    audit = write(folder / "a.yaml", audit_text(""))
    pic = photo(tmp_path / "camera" / "IMG_0042.png", (20, 20), "PNG")
    r = run_subprocess("run", audit, cwd=tmp_path, input="e camera/IMG_0042.png\n3\n\nq\n")
    assert r.code == 0, r.err
    stored = f"evidence/{sha(pic)[:16]}.png"
    text = audit.read_text(encoding="utf-8")
    assert f"path: {stored}" in text and "caption: IMG_0042.png" in text
    assert (folder / stored).read_bytes() == pic.read_bytes()
    shutil.rmtree(tmp_path / "camera")
    assert run_subprocess("score", audit).code == 0


def test_collect_refuses_what_is_not_an_audit(tmp_path: Path) -> None:
    r = run_subprocess("evidence", "collect", tmp_path / "none.yaml")
    assert r.code == 2 and "no such audit file" in r.err
    r = run_subprocess("evidence", "collect", "/dev/zero")
    assert r.code == 2 and "Traceback" not in r.err
