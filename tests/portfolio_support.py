"""What the portfolio tests share: a throwaway PostgreSQL server, a store per test on
each back end, and a small checklist whose scores are worked out by hand.

The server is started once per test session with the system's ``initdb`` and ``pg_ctl``
(``/usr/lib/postgresql/*/bin``) in a temporary folder, on a free port on 127.0.0.1, as
the ``postgres`` user when the tests run as root, and stopped at the end. Where
PostgreSQL or psycopg is missing the PostgreSQL cases skip with the reason, except under
``CX_AUDIT_REQUIRE_CLIENTS=1`` (CI), where they fail.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_CLIENTS, write

BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.clients))


def _unavailable(message: str) -> None:
    if REQUIRE_CLIENTS:
        pytest.fail(message + " and CX_AUDIT_REQUIRE_CLIENTS=1 forbids skipping")
    pytest.skip(message)


def pg_bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]  # pragma: no cover - runuser is in util-linux


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a running throwaway server's ``postgres`` database (trust auth, loopback only)."""
    bindir = pg_bindir()
    if bindir is None:
        _unavailable("PostgreSQL is not installed (apt-get install postgresql, or run .ci/run)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable('psycopg is not installed (pip install -e ".[team]")')
    assert bindir is not None
    folder = Path(tempfile.mkdtemp(prefix="cx-audit-pg-"))
    data, log = folder / "data", folder / "server.log"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()

    def run(*cmd: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(_as_postgres([str(c) for c in cmd]), capture_output=True, text=True, timeout=120)

    init = run(bindir / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"initdb failed: {init.stderr or init.stdout}")
    options = f"-p {port} -h 127.0.0.1 -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    start = run(bindir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start")
    if start.returncode != 0:
        text = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed: {start.stderr or start.stdout}\n{text}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


_databases = itertools.count(1)


def new_database(server_url: str) -> str:
    """A fresh, empty database on the server: each test gets its own store."""
    import psycopg

    name = f"cx_test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store on each back end: SQLite in tmp_path, a database on the test server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'stores' / 'portfolio.sqlite'}"
    server: str = request.getfixturevalue("postgres_server")
    return new_database(server)


def table_dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the store, as text-able tuples (for the privacy tests)."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url) as conn:
            names = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")]
            return {n: [tuple(r) for r in conn.execute(f"SELECT * FROM {n}")] for n in names}  # type: ignore[arg-type]
    import sqlite3

    db = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: list(db.execute(f"SELECT * FROM {n}")) for n in names}
    finally:
        db.close()


# A checklist scored by hand: two sections of one rating item each (rating r of 1–5,
# stored on the 0–4 scale, scores 25·(r − 1)), equal weights: overall = the mean of the two sections.
BENCH_CHECKLIST = """
format: cx-audit/checklist@1
id: bench
title: Bench checklist
version: {version}
description: Two sections, one rating each.
sections:
  - id: greet
    title: Greeting
    items:
      - id: G1
        text: Greeted within a minute
        recommendation: Greet sooner
  - id: follow
    title: Follow-up
    items:
      - id: F1
        text: Followed up after the sale
        recommendation: Follow up
      - id: F2
        text: Asked for feedback
        type: text
profiles:
  retail:
    title: Retail
    weights: {{F1: 1}}
"""


def bench_checklist(folder: Path, version: str = "1.0.0", name: str = "bench.yaml") -> Path:
    return write(folder / name, BENCH_CHECKLIST.format(version=version))


def bench_audit(
    path: Path,
    client: str,
    greet: int,
    follow: int | None,
    date: str = "2026-10-01",
    site: str = "High Street",
    profile: str | None = None,
    checklist: str = "bench.yaml",
    extra: str = "",
) -> Path:
    """An audit of the bench checklist: Greeting scores 25·(greet − 1), Follow-up 25·(follow − 1)."""
    # The checklist's scale is 0–4: the rating r of 1–5 is stored as r − 1.
    answers = f"  G1: {{value: {greet - 1}}}\n" + (f"  F1: {{value: {follow - 1}}}\n" if follow is not None else "")
    text = (
        "format: cx-audit/audit@1\n"
        f"checklist: {checklist}\n"
        f"client: {client}\n"
        f"site: {site}\n"
        "auditor: Pat Doe\n"
        f"date: {date}\n" + (f"profile: {profile}\n" if profile else "") + extra + "answers:\n" + answers
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
