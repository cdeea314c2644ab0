"""`metrics --into AUDIT --item ID`: a metric answer written into an audit file.

Under the interview's lock, atomically, keeping every other key and the comment block
at the top of the file; the item must be a `number` item with that `metric`. Nothing
is written when anything is wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

from cx_audit.errors import InputError, Problem
from cx_audit.files.atomic import atomic_write_text
from cx_audit.files.audit import dump_audit, load_audit
from cx_audit.interview.comments import header_to_keep
from cx_audit.interview.lock import AuditLock
from cx_audit.metrics.answer import metric_of, stored
from cx_audit.metrics.compute import Summary
from cx_audit.model import Answer, ItemType, MetricSource


def source_path(survey: Path, audit_path: Path) -> str:
    """The survey file relative to the audit's folder (absolute when on another drive)."""
    try:
        return Path(os.path.relpath(survey.resolve(), audit_path.resolve().parent)).as_posix()
    except ValueError:  # pragma: no cover - Windows, another drive
        return survey.resolve().as_posix()


def write_into(audit_path: Path, item_id: str, summary: Summary, survey: Path, column: str, sha256: str) -> list[Problem]:
    """Store the metric as the answer to ``item_id``; return the audit's loading warnings."""
    shown = str(audit_path)
    if not audit_path.is_file():
        raise InputError.single(shown, "no such audit file")
    with AuditLock(audit_path, shown):
        text = audit_path.read_text(encoding="utf-8-sig")
        header = header_to_keep(text, shown)
        loaded = load_audit(audit_path)
        checklist = loaded.checklist
        item = checklist.item(item_id)
        if item is None:
            raise InputError.single(shown, f"checklist {checklist.id} has no item '{item_id}'")
        if item.type is not ItemType.number or item.metric is None:
            raise InputError.single(
                shown, f"item {item_id} is not a number item with a 'metric' in checklist {checklist.id}: it cannot hold a metric"
            )
        if item.metric is not summary.kind:
            raise InputError.single(shown, f"item {item_id} holds {item.metric.value}, not {summary.kind.value}")
        source = MetricSource(source_path(survey, audit_path), sha256, column)
        old = loaded.audit.answers.get(item_id)
        loaded.audit.answers[item_id] = Answer(
            value=stored(summary.value),
            note=old.note if old is not None else "",
            extra=dict(old.extra) if old is not None else {},
            metric=metric_of(summary, source),
        )
        atomic_write_text(audit_path, header + dump_audit(loaded.audit, checklist))
    return loaded.warnings
