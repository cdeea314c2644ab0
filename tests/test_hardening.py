"""Bad input and faults: never a traceback; exit 0 or 2 with one clear line; files intact."""

from __future__ import annotations

import copy
import errno
import os
import re
import tempfile
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI_CHECKLIST, Cli, audit_text, write

FUZZ = settings(
    max_examples=int(os.environ.get("CX_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
LINE = re.compile(r"^(?P<path>[^:]+)(:\d+:\d+)?: \S.*$")

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["yes", "no", "on", "1.0", "", "—", "\u202e", "na", "q", "A1", "offer"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> str:
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[path[-1]] = draw(junk)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    tweak = draw(st.sampled_from(["", "cut", "insert", "anchor", "docs", "tag"]))
    if tweak == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    elif tweak == "insert":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\t", ": ", "- ", "{", "]", "&x ", "*x", "\x00", "'", "%"])) + text[at:]
    elif tweak == "anchor":
        text = "x-a: &a [1, 2, 3]\nx-b: [*a, *a]\n" + text
    elif tweak == "docs":
        text += "---\nformat: again\n"
    elif tweak == "tag":
        text = text.replace("title:", "title: !!python/name:os.system", 1)
    return text


def check_outcome(run: Any, name: str) -> None:
    assert run.code in (0, 2), (run.code, run.err)
    assert "Traceback" not in run.err and "internal error" not in run.err
    if run.code == 2:
        lines = run.err.strip().splitlines()
        assert lines
        for line in lines:
            m = LINE.match(line)
            assert m and m.group("path").startswith(name.split(".")[0]), line


CHECKLIST_DOC = yaml.safe_load(MINI_CHECKLIST)


@FUZZ
@given(text=mutated(CHECKLIST_DOC))
def test_fuzzed_checklists(cli: Cli, tmp_path: Path, text: str) -> None:
    (tmp_path / "fz.yaml").write_text(text, encoding="utf-8")
    check_outcome(cli("checklists", "validate", "fz.yaml", cwd=tmp_path), "fz.yaml")


AUDIT_DOC = yaml.safe_load(
    audit_text(
        "A1: {value: 1, note: n}\nA2: {value: 'yes'}\nB1: {value: sometimes}\nB2: {value: 3}\nB3: {value: t}\nC1: {na: true}"
    )
)


@FUZZ
@given(text=mutated(AUDIT_DOC))
def test_fuzzed_audits_score_and_report(cli: Cli, tmp_path: Path, text: str) -> None:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    (tmp_path / "fz.yaml").write_text(text, encoding="utf-8")
    run = cli("score", "fz.yaml", "--format", "json", cwd=tmp_path)
    check_outcome(run, "fz.yaml")
    if run.code == 0 and zlib.crc32(text.encode()) % 8 == 0:  # reports are slower: a sample of the valid ones
        report = cli("report", "fz.yaml", "--html", "fz.html", "--xlsx", "fz.xlsx", cwd=tmp_path)
        assert report.code == 0, report.err


def test_deep_nesting_is_refused_cleanly(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_text("[" * 20000 + "]" * 20000 + "\n")
    run = cli("checklists", "validate", "deep.yaml", cwd=tmp_path)
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.startswith("deep.yaml")


def test_50_mb_file_is_refused_quickly(cli: Cli, tmp_path: Path) -> None:
    import time

    with (tmp_path / "big.yaml").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    run = cli("score", "big.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.err.strip() == "big.yaml: file is 52.4 MB; files over 10 MB are refused"
    assert time.perf_counter() - start < 2


def test_billion_laughs_audit(cli: Cli, tmp_path: Path, mini: Path) -> None:
    lines = ['x-a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"x-a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    write(tmp_path / "a.yaml", audit_text("A1: 3") + "\n".join(lines) + "\n")
    run = cli("score", "a.yaml", cwd=tmp_path)
    assert run.code == 2 and "billion laughs" in run.err


# --- faults while writing ---------------------------------------------------------


@pytest.fixture
def scored(tmp_path: Path, mini: Path) -> Path:
    write(tmp_path / "a.yaml", audit_text("A1: {value: 3}\nA2: {value: 'no'}\nB1: {value: always}"))
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "a.yaml", "--json", "missing/r.json"], "missing/r.json: cannot write: folder missing does not exist"),
        (["score", "a.yaml", "--json", "adir"], "adir: cannot write: it is a folder"),
        (["report", "a.yaml", "--html", "missing/r.html"], "missing/r.html: cannot write: folder missing does not exist"),
        (["report", "a.yaml", "--html", "adir"], "adir: cannot write: it is a folder"),
        (["report", "a.yaml", "--xlsx", "adir"], "adir: cannot write: it is a folder"),
    ],
)
def test_unwritable_outputs(cli: Cli, scored: Path, args: list[str], message: str) -> None:
    (scored / "adir").mkdir()
    run = cli(*args, cwd=scored)
    assert run.code == 2
    assert message in run.err.splitlines()


@pytest.mark.parametrize(
    ("where", "error", "text"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        ("mkstemp", PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
        ("replace", OSError(errno.EROFS, "Read-only file system"), "Read-only file system"),
    ],
)
def test_failed_write_keeps_the_previous_file(
    cli: Cli, scored: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError, text: str, durable: None
) -> None:

    for name in ("r.json", "r.html"):
        (scored / name).write_text("previous contents")

    def fail(*_: object, **__: object) -> None:
        raise error

    target = {"fsync": (os, "fsync"), "mkstemp": (tempfile, "mkstemp"), "replace": (os, "replace")}[where]
    monkeypatch.setattr(*target, fail)
    for args, name in ((["score", "a.yaml", "--json", "r.json"], "r.json"), (["report", "a.yaml", "--html", "r.html"], "r.html")):
        run = cli(*args, cwd=scored)
        assert run.code == 2, run.err
        assert f"{name}: cannot write: {text}" in run.err
        assert (scored / name).read_text() == "previous contents"
    leftovers = [p.name for p in scored.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    from cx_audit.files.atomic import atomic_write_text

    target = tmp_path / "x.yaml"
    target.write_text("old")
    os.chmod(target, 0o640)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert oct(target.stat().st_mode & 0o777) == "0o640"


@pytest.mark.parametrize(
    "error", [OSError(errno.ENOSPC, "No space left on device"), PermissionError(errno.EACCES, "Permission denied")]
)
def test_interview_save_failure_keeps_the_saved_answers(
    cli: Cli, tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, durable: None
) -> None:
    """The disk fills (or the folder turns read-only) after the first answer was saved."""
    import io

    from cx_audit.files.audit import load_audit

    write(tmp_path / "a.yaml", audit_text("A1: {value: 3, note: first}"))
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > 1:
            raise error
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n\n3\n\n"))
    run = cli("run", "a.yaml", cwd=tmp_path)
    assert run.code == 2, (run.out, run.err)
    assert f"a.yaml: cannot write: {error.strerror}" in run.err
    assert "Traceback" not in run.err
    saved = load_audit(tmp_path / "a.yaml").audit.answers
    assert saved["A1"].value == 3 and saved["A1"].note == "first"  # what was there before
    assert saved["A2"].value is True  # the first save of this session went through
    assert "A3" not in saved  # the failed save left the file as it was
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from cx_audit.cli.progress import MIN_STEPS, track

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    assert list(track(list(range(MIN_STEPS * 2)), "Loading")) == list(range(MIN_STEPS * 2))
    assert plain.getvalue() == ""
    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert list(track(list(range(MIN_STEPS * 2)), "Loading")) == list(range(MIN_STEPS * 2))
    assert "Loading" in tty.getvalue()
