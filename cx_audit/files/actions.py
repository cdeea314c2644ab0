"""The audit file's `actions:` key: tracking of the action plan between visits.

```yaml
actions:                          # item id -> tracking; only items in the action plan
  CX4: {owner: Dana Ruiz, due: 2027-01-31, status: in-progress, note: New rota from January.}
```

Reading checks the shape (a mapping of item ids to mappings of owner, due, status and
note), the words (`open`, `in-progress`, `done`), real dates and that each item is in
the checklist. Whether an item is still in the audit's *action plan* needs the audit
scored, which this layer does not do: :func:`plan_warnings` is given the plan and says
which are not in it (a warning: the entry is kept).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cx_audit.errors import Problem
from cx_audit.files.checks import Checker, Path_, describe
from cx_audit.files.yamlio import Source
from cx_audit.model import Action, ActionStatus, Audit, Checklist

ACTION_KEYS = ("owner", "due", "status", "note")

#: How the Excel Actions sheet shows each status (its drop-down), best read by people.
STATUS_LABELS = {ActionStatus.open: "Open", ActionStatus.in_progress: "In progress", ActionStatus.done: "Done"}
_WORDS = {s.value: s for s in ActionStatus} | {label.lower(): s for s, label in STATUS_LABELS.items()}
STATUS_HINT = "open, in-progress or done (or Open, In progress, Done)"


# What a client's team types in the tracker for the same three states (the sheet only;
# the audit file keeps its three words).
STATUS_SYNONYMS = {
    ActionStatus.open: ("Not started", "To do", "Pending"),
    ActionStatus.in_progress: ("Ongoing", "Under way", "WIP"),
    ActionStatus.done: ("Complete", "Completed", "Closed", "Finished"),
}
_SYNONYMS = _WORDS | {w.lower(): s for s, words in STATUS_SYNONYMS.items() for w in words} | {"todo": ActionStatus.open}
SHEET_STATUS_HINT = (
    "Open, In progress or Done (any case; also " + " / ".join(", ".join(w) for w in STATUS_SYNONYMS.values()) + ")"
)


def parse_status(text: str, synonyms: bool = False) -> ActionStatus | None:
    """A status from the file's words or the sheet's labels (and, with ``synonyms``, the tracker's other words), any case."""
    return (_SYNONYMS if synonyms else _WORDS).get(" ".join(text.split()).lower())


def parse_due(raw: Any) -> dt.date | None:
    """A due date from YAML (a date) or text (YYYY-MM-DD); raises ValueError otherwise."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        return dt.date.fromisoformat(raw.strip())
    raise ValueError(raw)


def read_actions(checker: Checker, raw: Any, checklist: Checklist) -> dict[str, Action]:
    """The `actions` mapping, every problem reported through ``checker`` (with its position)."""
    top = checker.mapping(raw, ("actions",), "actions")
    if not top:
        return {}
    out: dict[str, Action] = {}
    for key, entry in top.items():
        path: Path_ = ("actions", key)
        if type(key) is not str or checklist.item(key) is None:
            checker.error(path, f"action for '{key}', which checklist {checklist.id} does not have", True)
            continue
        if entry is None:
            out[key] = Action()
            continue
        m = checker.mapping(entry, path, f"the action for {key}")
        if m is None:
            continue
        checker.keys(m, path, ACTION_KEYS, (), f"the action for {key}")
        action = Action(owner=checker.string(m, "owner", path).strip(), note=checker.string(m, "note", path))
        if m.get("due") is not None:
            try:
                action.due = parse_due(m["due"])
            except ValueError:
                checker.error((*path, "due"), f"{key}: due must be a date such as 2027-01-31, not {describe(m['due'])}")
        status = m.get("status")
        if status is not None:
            found = parse_status(status) if isinstance(status, str) else None
            if found is None:
                checker.error((*path, "status"), f"{key}: status must be {STATUS_HINT}, not {describe(status)}")
            else:
                action.status = found
        out[key] = action
    return out


def actions_document(actions: dict[str, Action], checklist: Checklist) -> dict[str, Any]:
    """`actions` as plain data for the file, in checklist order; empty fields left out."""
    order = {item.id: item.index for item in checklist.items}
    doc: dict[str, Any] = {}
    for key in sorted(actions, key=lambda k: order.get(k, len(order))):
        a = actions[key]
        entry: dict[str, Any] = {}
        if a.owner:
            entry["owner"] = a.owner
        if a.due is not None:
            entry["due"] = a.due
        if a.status is not ActionStatus.open or not entry:
            entry["status"] = a.status.value
        if a.note:
            entry["note"] = a.note
        doc[key] = entry
    return doc


def plan_warnings(audit: Audit, planned: set[str], source: Source) -> list[Problem]:
    """Tracked items that are not in the audit's action plan (an answer was corrected).

    ``planned`` holds the ids of the items in the plan: the audit's score says which
    (this layer does not score; see :meth:`cx_audit.files.audit.LoadedAudit.plan_warnings`).
    """
    return [
        source.problem(("actions", key), f"{key} is not in the action plan (it lost no points); its tracking is kept", True)
        for key in audit.actions
        if key not in planned
    ]
