"""What the store holds of one scored audit, as rows, and writing them.

Held: the file's path and sha256, client, site, auditor, date, checklist id and version,
profile, overall score, band, band by score, completeness, critical failures, section
scores, item statuses and scores, metric values with n and interval, action tracking
(owner, due, status), the shown roles' section scores, and the cx-audit version.
Never held: respondent ids or names, notes (answers' or actions'), evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cx_audit import __version__
from cx_audit.portfolio.store import Store
from cx_audit.scoring.audit import AuditResult

AUDIT_COLUMNS = (
    "path",
    "sha256",
    "client",
    "site",
    "auditor",
    "audit_date",
    "checklist_id",
    "checklist_version",
    "checklist_major",
    "profile",
    "overall",
    "band",
    "band_by_score",
    "completeness",
    "critical_failures",
    "scored_by",
)
CHILD_TABLES = ("section_scores", "item_results", "metric_values", "action_tracking", "role_scores")

_UPSERT = (
    f"INSERT INTO audits ({', '.join(AUDIT_COLUMNS)}) VALUES ({', '.join('?' for _ in AUDIT_COLUMNS)}) "
    "ON CONFLICT (path) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in AUDIT_COLUMNS[1:])
)


def major(version: str) -> str:
    """The MAJOR part of a checklist version ("2.0.0" → "2"); the whole text when it has no dot."""
    return version.split(".", 1)[0].strip()


@dataclass(frozen=True)
class AuditRows:
    """One audit as the store holds it."""

    path: str
    sha256: str
    audit: tuple[Any, ...]
    sections: tuple[tuple[Any, ...], ...]
    items: tuple[tuple[Any, ...], ...]
    metrics: tuple[tuple[Any, ...], ...]
    actions: tuple[tuple[Any, ...], ...]
    roles: tuple[tuple[Any, ...], ...]


def audit_rows(path: str, sha256: str, r: AuditResult) -> AuditRows:
    a, c = r.audit, r.checklist
    audit = (
        path,
        sha256,
        a.client,
        a.site,
        a.auditor,
        a.date.isoformat() if a.date else None,
        c.id,
        c.version,
        major(c.version),
        a.profile or "",
        r.overall,
        r.band,
        r.band_by_score,
        r.completeness,
        len(r.critical_failures),
        __version__,
    )
    sections = tuple((path, n, s.section.id, s.section.title, s.score, s.band) for n, s in enumerate(r.sections))
    items = tuple(
        (path, i.item.index, i.item.id, i.item.section, i.status.value, i.s, i.points_lost, int(i.critical_failure))
        for i in r.items
    )
    metrics = []
    for item_id, answer in a.answers.items():
        m = answer.metric
        if m is not None:
            value = float(answer.value) if isinstance(answer.value, (int, float)) else None
            metrics.append((path, item_id, m.kind.value, value, m.n, float(m.ci95[0]), float(m.ci95[1])))
    actions = tuple(
        (path, item_id, t.owner, t.due.isoformat() if t.due else None, t.status.value) for item_id, t in a.actions.items()
    )
    roles = []
    if r.voices is not None:
        for role in r.voices.roles:
            for section_id, score in role.sections.items():
                roles.append((path, role.role, role.respondents, section_id, score))
    return AuditRows(path, sha256, audit, sections, items, tuple(metrics), actions, tuple(roles))


def write_batch(store: Store, batch: list[AuditRows]) -> None:
    """Replace everything the store holds for each audit of ``batch`` (inside the caller's
    transaction), a few statements for the whole batch.

    The audits' rows are written first, in path order: on PostgreSQL that takes their
    row locks in one global order (no deadlock between two runs), and a second writer of
    the same path waits there, then deletes the first one's child rows instead of adding
    to them.
    """
    batch = sorted(batch, key=lambda r: r.path)
    store.executemany(_UPSERT, [r.audit for r in batch])
    paths = [r.path for r in batch]
    marks = ", ".join("?" for _ in paths)
    for table in CHILD_TABLES:
        store.execute(f"DELETE FROM {table} WHERE audit_path IN ({marks})", paths)
    store.executemany(
        "INSERT INTO section_scores (audit_path, position, section_id, title, score, band) VALUES (?, ?, ?, ?, ?, ?)",
        [row for r in batch for row in r.sections],
    )
    store.executemany(
        "INSERT INTO item_results (audit_path, position, item_id, section_id, status, score, points_lost, critical) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [row for r in batch for row in r.items],
    )
    store.executemany(
        "INSERT INTO metric_values (audit_path, item_id, kind, value, n, ci_low, ci_high) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [row for r in batch for row in r.metrics],
    )
    store.executemany(
        "INSERT INTO action_tracking (audit_path, item_id, owner, due, status) VALUES (?, ?, ?, ?, ?)",
        [row for r in batch for row in r.actions],
    )
    store.executemany(
        "INSERT INTO role_scores (audit_path, role, respondents, section_id, score) VALUES (?, ?, ?, ?, ?)",
        [row for r in batch for row in r.roles],
    )


def delete_audit(store: Store, path: str) -> None:
    for table in CHILD_TABLES:
        store.execute(f"DELETE FROM {table} WHERE audit_path = ?", (path,))
    store.execute("DELETE FROM audits WHERE path = ?", (path,))
