"""`actions list`: the action plan with its tracking, and which actions are overdue.

An action is **overdue** when it has a due date before ``today`` and is not done.
``today`` is given by the CLI (``--today``, else the clock): nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cx_audit.model import Action, ActionStatus
from cx_audit.scoring.audit import AuditResult, ItemResult


@dataclass(eq=False)
class ActionRow:
    result: ItemResult
    action: Action  # the audit's tracking (a default, open Action when untracked)
    overdue: bool


@dataclass(eq=False)
class ActionList:
    audit: AuditResult
    today: dt.date
    rows: tuple[ActionRow, ...]

    @property
    def overdue(self) -> tuple[ActionRow, ...]:
        return tuple(r for r in self.rows if r.overdue)


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.due is not None and action.due < today and action.status is not ActionStatus.done


def list_actions(result: AuditResult, today: dt.date) -> ActionList:
    """Every action of the plan, in its ranked order, with its tracking."""
    rows = []
    for r in result.actions:
        action = result.audit.actions.get(r.item.id) or Action()
        rows.append(ActionRow(r, action, is_overdue(action, today)))
    return ActionList(result, today, tuple(rows))
