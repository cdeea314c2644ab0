"""`exceptions list`: every exception of some audits, judged on a given day.

``today`` comes from the CLI (``--today``, else the clock); nothing here reads the clock.
An exception is **expired** when ``expires`` is before today, and **expiring** within N
days when it expires on or before today + N (expired ones included: they need renewing
first). What it does at the audit itself (accepted, expired at the audit's date, or on
an item that did not fail) comes from the scored audit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cx_audit.scoring.audit import AuditResult, ItemResult


@dataclass(frozen=True)
class ExceptionRow:
    result: AuditResult
    item: ItemResult
    days_left: int  # expires - today (negative: expired)

    @property
    def expired(self) -> bool:
        return self.days_left < 0

    @property
    def at_audit(self) -> str:
        """What the exception does at the audit: accepted, expired, not failing, or failing (not critical)."""
        if not self.item.exception_valid:
            return "expired at the audit"
        if not self.item.failed:
            return "item did not fail"
        return "accepted" if self.item.item.critical else "accepted (not critical)"


@dataclass(frozen=True)
class ExceptionList:
    """What `exceptions list` prints: the rows as of ``today``, and the window asked for."""

    today: dt.date
    within: int | None
    rows: list[ExceptionRow]


def list_exceptions(results: list[AuditResult], today: dt.date, within: int | None = None) -> list[ExceptionRow]:
    """The audits' exceptions in file and checklist order; ``within``: only those expiring in that many days."""
    rows = []
    for r in results:
        for ir in r.items:
            w = ir.exception
            if w is None:
                continue
            left = (w.expires - today).days
            if within is None or left <= within:
                rows.append(ExceptionRow(r, ir, left))
    return rows
