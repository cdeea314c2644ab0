"""`portfolio index`: audit files into the store, streamed a small batch at a time.

Files are found lazily (a folder is walked, never listed whole), read once (the bytes
give the sha256 and the audit), loaded and scored exactly as `score` does, and written a
batch at a time, each batch in one transaction. Peak memory therefore depends on the
batch, not on the number of files.

A file whose sha256 is already stored for its path is skipped (with ``rescore``: unless
another cx-audit version scored it). A changed file replaces that path's rows in the
same transaction that writes it. The check is repeated inside the transaction, so two
runs at once neither duplicate nor lose an audit: the path is the key.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cx_audit import __version__
from cx_audit.errors import InputError, Problem
from cx_audit.portfolio.record import AuditRows, audit_rows, delete_audit, write_batch
from cx_audit.portfolio.store import Store

BATCH = 50
_AUDIT_MARK = re.compile(rb"^format:[ \t]*['\"]?cx-audit/audit@1['\"]?[ \t]*(#.*)?\r?$", re.MULTILINE)


@dataclass
class IndexSummary:
    indexed: int = 0  # audits in the store from the files given: new, replaced and unchanged
    unchanged: int = 0
    replaced: int = 0
    pruned: int = 0
    problems: list[Problem] = field(default_factory=list)

    def line(self, store: str) -> str:
        return (
            f"Indexed {self.indexed} audits ({self.unchanged} unchanged, {self.replaced} replaced, "
            f"{self.pruned} pruned) in {store}"
        )


@dataclass(frozen=True)
class _Found:
    path: Path  # as found (relative paths stay relative, for messages)
    key: str  # the absolute path: the audit's key in the store
    given: bool  # named on the command line (not found in a folder)


def stored_path(path: Path) -> str:
    return Path(os.path.abspath(path)).as_posix()


def find_files(paths: Iterable[Path]) -> Iterator[_Found]:
    """Files named, and `*.yaml` files under folders named (sorted, walked lazily)."""
    for p in paths:
        if p.is_dir():
            for folder, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(".yaml"):
                        f = Path(folder) / name
                        yield _Found(f, stored_path(f), False)
        else:
            yield _Found(p, stored_path(p), True)


def check_paths(paths: Iterable[Path]) -> None:
    missing = [Problem(str(p), "no such file or folder") for p in paths if not p.exists()]
    if missing:
        raise InputError(missing)


def index_paths(
    store: Store,
    paths: list[Path],
    prune: bool = False,
    rescore: bool = False,
    warn: Callable[[Problem], None] = lambda p: None,
) -> IndexSummary:
    check_paths(paths)
    summary = IndexSummary()
    batch: list[_Found] = []
    for found in find_files(paths):
        batch.append(found)
        if len(batch) >= BATCH:
            _index_batch(store, batch, rescore, summary, warn)
            batch = []
    if batch:
        _index_batch(store, batch, rescore, summary, warn)
    if prune:
        summary.pruned = prune_missing(store, [p for p in paths if p.is_dir()])
    return summary


def _stored(store: Store, keys: list[str]) -> dict[str, tuple[str, str]]:
    marks = ", ".join("?" for _ in keys)
    rows = store.query(f"SELECT path, sha256, scored_by FROM audits WHERE path IN ({marks})", keys)
    return {r[0]: (r[1], r[2]) for r in rows}


def _current(stored: tuple[str, str] | None, sha: str, rescore: bool) -> bool:
    """True when the stored rows are those this run would write."""
    return stored is not None and stored[0] == sha and (not rescore or stored[1] == __version__)


def _index_batch(
    store: Store, batch: list[_Found], rescore: bool, summary: IndexSummary, warn: Callable[[Problem], None]
) -> None:
    from cx_audit.files.audit import load_audit_bytes
    from cx_audit.files.userfile import read_user_file
    from cx_audit.files.yamlio import MAX_BYTES
    from cx_audit.scoring.audit import score_audit

    stored = _stored(store, [f.key for f in batch])
    todo: list[AuditRows] = []
    for f in batch:
        try:
            raw = read_user_file(f.path, str(f.path), MAX_BYTES)
        except InputError as exc:
            summary.problems.extend(exc.problems)
            continue
        if not f.given and not _AUDIT_MARK.search(raw):
            continue  # another kind of YAML file in the folder
        sha = hashlib.sha256(raw).hexdigest()
        if _current(stored.get(f.key), sha, rescore):
            summary.indexed += 1
            summary.unchanged += 1
            continue
        try:
            loaded = load_audit_bytes(f.path, raw)
        except InputError as exc:
            summary.problems.extend(exc.problems)
            continue
        for w in loaded.warnings:
            warn(w)
        todo.append(audit_rows(f.key, sha, score_audit(loaded.checklist, loaded.audit)))
    if not todo:
        return
    with store.transaction():
        now = _stored(store, [r.path for r in todo])  # again, inside the transaction: another run may have been first
        writing = []
        for rows in todo:
            summary.indexed += 1
            before = now.get(rows.path)
            if _current(before, rows.sha256, True):
                summary.unchanged += 1
                continue
            if before is not None:
                summary.replaced += 1
            writing.append(rows)
        if writing:
            write_batch(store, writing)


def prune_missing(store: Store, folders: list[Path]) -> int:
    """Remove audits whose files no longer exist under ``folders``; how many were removed."""
    gone: list[str] = []
    for folder in folders:
        prefix = stored_path(folder).rstrip("/") + "/"
        for (path,) in store.stream("SELECT path FROM audits WHERE substr(path, 1, ?) = ? ORDER BY path", (len(prefix), prefix)):
            if not os.path.isfile(path):
                gone.append(path)
    gone = sorted(set(gone))
    if gone:
        with store.transaction():
            for path in gone:
                delete_audit(store, path)
    return len(gone)
