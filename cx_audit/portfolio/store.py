"""The portfolio store: where it is, opening it, and its schema.

Two back ends behind one small class, :class:`Store`:

- SQLite (the standard library), embedded and the default: WAL journal and a busy
  timeout, so that two `index` runs at once wait for each other instead of failing;
- PostgreSQL for a team's shared store, through psycopg 3 (the extra ``team``), imported
  only when a ``postgresql://`` URL is used.

Every statement is written once, with ``?`` placeholders; for PostgreSQL they become
``%s``. No statement of this package uses a literal ``?`` or ``%``. The schema is made
by the numbered plain-SQL files in ``migrations/``; a store whose schema is newer than
the program knows is an input error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from cx_audit.errors import InputError

ENV = "CX_AUDIT_STORE"
BUSY_TIMEOUT_MS = 60_000
_MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_LOCK_KEY = 0x63786175  # PostgreSQL advisory lock held while the schema is upgraded ("cxau")


@dataclass(frozen=True)
class StoreUrl:
    """Where the store is: ``kind`` is "sqlite" (``target`` a path) or "postgresql" (``target`` the URL)."""

    kind: str
    target: str

    @property
    def shown(self) -> str:
        """The store as messages name it (a PostgreSQL password is never shown)."""
        if self.kind == "sqlite":
            return self.target
        return re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", self.target)


def default_store_path() -> Path:
    """``$XDG_DATA_HOME/cx-audit/portfolio.sqlite`` (the platform's equivalent on macOS and Windows)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("cx-audit", appauthor=False)) / "portfolio.sqlite"


def resolve_url(given: str | None, environ: dict[str, str] | None = None) -> StoreUrl:
    """``--store URL``, else ``CX_AUDIT_STORE``, else the default SQLite file."""
    env = os.environ if environ is None else environ
    text = given if given is not None else env.get(ENV) or None
    if text is None:
        return StoreUrl("sqlite", str(default_store_path()))
    where = "--store" if given is not None else ENV
    text = text.strip()
    if text.startswith(("postgresql://", "postgres://")):
        return StoreUrl("postgresql", text)
    if text.startswith("sqlite:///"):
        path = text[len("sqlite:///") :]
        if not path:
            raise InputError.single(where, "sqlite:/// needs a path, such as sqlite:///portfolio.sqlite")
        return StoreUrl("sqlite", path)  # sqlite:///rel/path is relative, sqlite:////abs/path absolute
    if text.endswith((".sqlite", ".db")) and "://" not in text:
        return StoreUrl("sqlite", text)
    raise InputError.single(
        where, f"{text!r} is not a store URL: give sqlite:///PATH, a path ending .sqlite or .db, or postgresql://..."
    )


def migrations() -> list[tuple[int, str]]:
    """The numbered migrations shipped with the program, in order."""
    folder = resources.files("cx_audit.portfolio").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        m = _MIGRATION.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


class Store:
    """An open store. ``execute``/``query`` take ``?`` placeholders on both back ends."""

    def __init__(self, url: StoreUrl, conn: Any) -> None:
        self.url = url
        self.conn = conn
        self.postgres = url.kind == "postgresql"

    # --- statements -------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        cur = self.conn.cursor()
        try:
            cur.execute(self._sql(sql), tuple(params))
        finally:
            cur.close()

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        cur = self.conn.cursor()
        try:
            cur.executemany(self._sql(sql), rows)
        finally:
            cur.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.cursor()
        try:
            cur.execute(self._sql(sql), tuple(params))
            return [tuple(r) for r in cur.fetchall()]
        finally:
            cur.close()

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 1000) -> Iterator[tuple[Any, ...]]:
        """Rows a batch at a time (a large store is never read into memory at once)."""
        cur = self.conn.cursor()
        try:
            cur.execute(self._sql(sql), tuple(params))
            while True:
                batch = cur.fetchmany(size)
                if not batch:
                    return
                for r in batch:
                    yield tuple(r)
        finally:
            cur.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: on SQLite it takes the write lock at once (BEGIN
        IMMEDIATE), so two writers queue on the busy timeout instead of deadlocking."""
        if self.postgres:
            with self.conn.transaction():
                yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # --- schema -----------------------------------------------------------------------

    def schema_version(self) -> int:
        rows = self.query("SELECT MAX(version) FROM cx_audit_schema")
        return int(rows[0][0] or 0) if rows else 0

    def upgrade(self) -> None:
        """Create the schema on first use and apply the migrations it lacks, under a lock."""
        known = migrations()
        newest = known[-1][0] if known else 0
        with self.transaction():
            if self.postgres:
                self.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK_KEY,))
            self.execute("CREATE TABLE IF NOT EXISTS cx_audit_schema (version INTEGER PRIMARY KEY, program TEXT NOT NULL)")
            have = self.schema_version()
            if have > newest:
                raise InputError.single(
                    self.url.shown,
                    f"the store has schema version {have}, newer than this cx-audit knows ({newest}): upgrade cx-audit",
                )
            from cx_audit import __version__

            for number, script in known:
                if number <= have:
                    continue
                for statement in _statements(script):
                    self.execute(statement)
                self.execute("INSERT INTO cx_audit_schema (version, program) VALUES (?, ?)", (number, f"cx-audit {__version__}"))


def open_store(url: StoreUrl) -> Store:
    """Open (creating the file and schema if needed) the store at ``url``."""
    store = Store(url, _connect_postgres(url) if url.kind == "postgresql" else _connect_sqlite(url))
    try:
        store.upgrade()
    except BaseException:
        store.close()
        raise
    return store


def _connect_sqlite(url: StoreUrl) -> Any:
    import sqlite3

    path = Path(url.target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchall()  # a file that is not a database fails here
    except sqlite3.DatabaseError as exc:
        raise InputError.single(url.shown, f"cannot open the store: {exc}") from None
    except OSError as exc:
        raise InputError.single(url.shown, f"cannot open the store: {exc.strerror or exc}") from None
    return conn


def _connect_postgres(url: StoreUrl) -> Any:
    try:
        import psycopg
    except ImportError:
        raise InputError.single(url.shown, 'a PostgreSQL store needs psycopg: pip install "cx-audit[team]"') from None
    try:
        return psycopg.connect(url.target, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError.single(url.shown, f"cannot connect to the store: {first}") from None
