"""Accepted exceptions once the audit is scored: which apply, and the warnings for those that do not.

A valid exception (``expires`` on or after the audit's date) on a critical item that
failed takes that failure off the band cap (:func:`cx_audit.scoring.audit.score_audit`
lists it in ``accepted_exceptions``); the score and the points lost are unchanged. An
exception on an item that did not fail, or one that has expired, changes nothing and is
worth a warning.
"""

from __future__ import annotations

from cx_audit.errors import Problem
from cx_audit.scoring.audit import AuditResult


def exception_warnings(result: AuditResult) -> list[Problem]:
    """One warning per exception that changes nothing (expired, or on an item that did not fail)."""
    where = str(result.audit.path) if result.audit.path is not None else result.audit.label
    warnings = []
    for r in result.items:
        w = r.exception
        if w is None:
            continue
        if not r.exception_valid:
            warnings.append(
                Problem(where, f"{r.item.id}: the exception expired on {w.expires}, before the audit's date; it changes nothing")
            )
        elif not r.failed:
            warnings.append(Problem(where, f"{r.item.id}: has an exception but did not fail; the exception changes nothing"))
    return warnings
