"""Shared test helpers: running the CLI, sample files, and real-client gating."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REQUIRE_CLIENTS = os.environ.get("CX_AUDIT_REQUIRE_CLIENTS") == "1"

# The one switch of the fast loop: no fsync in any write of the tests, in this process
# and in every cx-audit process they start (cx_audit/files/atomic.py). Waiting on the
# disk was most of the suite's time. Tests of durability take the `durable` fixture.
os.environ["CX_AUDIT_NO_FSYNC"] = "1"
# Tables are as wide as the terminal; a test runs with no terminal, or in an xdist worker
# whose stdout may be one. Every test sees the same width unless it sets its own.
os.environ["COLUMNS"] = "100"


@pytest.fixture
def durable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writes fsync again, as they do for users (tests of durability and disk failures)."""
    monkeypatch.delenv("CX_AUDIT_NO_FSYNC", raising=False)


def need_program(name: str, *alternatives: str) -> str:
    """The path of a real client program (chromium, libreoffice, java...), or skip.

    Under CX_AUDIT_REQUIRE_CLIENTS=1 (set by .ci/run) a missing program fails the test
    instead: CI must exercise the real clients.
    """
    for candidate in (name, *alternatives):
        found = shutil.which(candidate)
        if found:
            return found
    message = f"{name} is not installed (apt-get install it, or run .ci/run)"
    if REQUIRE_CLIENTS:
        pytest.fail(message + " and CX_AUDIT_REQUIRE_CLIENTS=1 forbids skipping")
    pytest.skip(message)


@dataclass
class Run:
    code: int
    out: str
    err: str


Cli = Callable[..., Run]  # the type of the `cli` fixture


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `cx-audit ARGS` in-process, as the console script would; returns code, stdout, stderr."""
    from cx_audit.cli.app import main

    def run(*args: str | os.PathLike[str], cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def run_subprocess(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> Run:
    """Run the real `python -m cx_audit` in a child process."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "cx_audit", *map(str, args)],
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# A small checklist whose numbers are easy to compute by hand; many tests use it.
MINI_CHECKLIST = """
format: cx-audit/checklist@1
id: mini
title: Mini checklist
version: 1.0.0
description: Small enough to score by hand.
sections:
  - id: offer
    title: Offer
    weight: 2
    items:
      - id: A1
        text: Rating item
        weight: 2
        critical: true
        guidance: g
        recommendation: Fix A1
      - id: A2
        text: Yes/no item
        type: yesno
        recommendation: Fix A2
      - id: A3
        text: Only when A2 is yes
        type: rating
        when: {item: A2, is: "yes"}
        recommendation: Fix A3
  - id: delivery
    title: Delivery
    items:
      - id: B1
        text: Choice item
        type: choice
        options:
          - {id: never, label: Never, score: 0}
          - {id: sometimes, label: Sometimes, score: 0.5}
          - {id: always, label: Always, score: 1}
        recommendation: Fix B1
      - id: B2
        text: Response time
        type: number
        unit: hours
        thresholds: [{max: 4, score: 1}, {max: 24, score: 0.5}, {max: 1000, score: 0.25}]
        recommendation: Fix B2
      - id: B3
        text: Free text
        type: text
  - id: extra
    title: Extra
    items:
      - id: C1
        text: Another rating
        recommendation: Fix C1
"""


# A complete audit of the mini checklist; its figures are worked out by hand in
# tests/test_scoring.py (overall 54.17, Developing; A1 a critical failure).
FULL = """
A1: {value: 1, note: "Only one person could say it"}
A2: {value: "yes"}
A3: {value: 3}
B1: {value: sometimes}
B2: {value: 10}
B3: {value: "They like us"}
C1: {na: true, note: "No data"}
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write(tmp_path / "mini.yaml", MINI_CHECKLIST)


def audit_text(answers: str, checklist: str = "mini.yaml", site: str = "Crowthorne") -> str:
    body = textwrap.indent(textwrap.dedent(answers).strip("\n"), "  ") if answers.strip() else "  {}"
    return (
        "format: cx-audit/audit@1\n"
        f"checklist: {checklist}\n"
        "client: Acme Ltd\n"
        f"site: {site}\n"
        "auditor: J. Smith\n"
        "date: 2026-11-22\n"
        "answers:\n" + body + "\n"
    )


@pytest.fixture(scope="session")
def shared_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`cx-audit demo` made once for the whole run, and shared by pytest-xdist's workers
    (the first to arrive makes it under a lock; the others wait and read it).

    READ ONLY: a test that changes a demo file makes its own demo (or copies this one).
    The demo runs in a child process with its own HOME, so no user branding reaches it.
    """
    import fcntl

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's own folder
    folder = root / "shared-demo"
    with open(root / "shared-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "stdout.txt").exists():
            home = folder / "home"
            home.mkdir(parents=True, exist_ok=True)
            run = run_subprocess(
                "demo", folder / "d", env={"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}, timeout=300
            )
            assert run.code == 0, run.err
            (folder / "stdout.txt").write_text(run.err, encoding="utf-8")  # what the demo said (on stderr)
    return folder / "d"
