"""`metrics --into AUDIT --item ID`: a metric answer written into an audit file.

In one :func:`~cx_audit.files.edit.edit_audit` transaction (locked, atomic, keeping every
other key and the comment block at the top of the file); the item must be a `number` item
with that `metric`. Nothing is written when anything is wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

from cx_audit.errors import InputError, Problem
from cx_audit.files.edit import edit_audit
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
    with edit_audit(audit_path) as edit:
        shown, checklist = edit.shown, edit.checklist
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
        old = edit.audit.answers.get(item_id)
        edit.audit.answers[item_id] = Answer(
            value=stored(summary.value),
            note=old.note if old is not None else "",
            extra=dict(old.extra) if old is not None else {},
            metric=metric_of(summary, source),
        )
    return edit.warnings
