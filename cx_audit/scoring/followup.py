"""Since the last visit: what became of each action the baseline audit handed over.

Every item in the baseline's action plan is followed up, with its tracking from the
baseline's `actions` (status `open` when untracked), and what became of the item now:

- ``improved``: scored in both audits and its score ``s`` rose;
- ``unchanged``: scored in both, ``s`` the same (within 1e-9);
- ``worse``: scored in both, ``s`` fell;
- ``not scored``: not scored in the current audit (unanswered, N/A, not applicable, dropped);
- ``not comparable``: the current audit uses a later version of the checklist in which the
  item was removed or changed (:mod:`cx_audit.scoring.editions`); a renamed item is
  followed under its new id.

An action marked ``done`` whose item is ``unchanged`` or ``worse`` is *flagged*: the
work was reported finished but the customer experience did not move.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cx_audit.model import Action, ActionStatus, Item
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.editions import EditionMap
from cx_audit.scoring.rounding import EPS

IMPROVED, UNCHANGED, WORSE, NOT_SCORED, NOT_COMPARABLE = "improved", "unchanged", "worse", "not scored", "not comparable"


@dataclass(eq=False)
class FollowUp:
    item: Item
    action: Action  # the baseline's tracking (a default, open Action when untracked)
    tracked: bool  # the baseline's `actions` names the item
    baseline: float  # s in [0, 1] at the baseline
    current: float | None  # s now; None when not scored
    change: str  # improved | unchanged | worse | not scored

    @property
    def status(self) -> ActionStatus:
        return self.action.status

    @property
    def owner(self) -> str:
        return self.action.owner

    @property
    def due(self) -> dt.date | None:
        return self.action.due

    @property
    def flagged(self) -> bool:
        """Marked done, yet the item did not improve (``not scored`` is not flagged)."""
        return self.action.status is ActionStatus.done and self.change in (UNCHANGED, WORSE)


def follow_up(baseline: AuditResult, current: AuditResult, emap: EditionMap | None = None) -> tuple[FollowUp, ...]:
    """The baseline's action plan, in its order, with what became of each item (``emap``:
    the current audit's later version maps the baseline's)."""
    now = {r.item.id: r.s for r in current.items}
    tracking = baseline.audit.actions
    out = []
    for r in baseline.actions:
        base = r.s if r.s is not None else 0.0
        new_id = emap.item(r.item.id) if emap is not None else r.item.id
        s = now.get(new_id) if new_id is not None else None
        if new_id is None:
            change = NOT_COMPARABLE
        elif s is None:
            change = NOT_SCORED
        elif s > base + EPS:
            change = IMPROVED
        elif s < base - EPS:
            change = WORSE
        else:
            change = UNCHANGED
        action = tracking.get(r.item.id)
        out.append(FollowUp(r.item, action or Action(), action is not None, base, s, change))
    return tuple(out)
