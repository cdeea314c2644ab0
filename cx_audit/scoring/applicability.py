"""`when` conditions: which items apply, given the answers so far."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cx_audit.model import AllOf, Answer, AnyOf, Checklist, Condition, ConditionOp, Leaf, Not


def holds(cond: Condition, known: Mapping[str, Any]) -> bool:
    """Evaluate a condition; ``known`` holds the values of applicable, answered, non-N/A items.

    A leaf about an item missing from ``known`` (unanswered, N/A or not applicable) is
    false; ``not`` negates whatever its inner condition gives.
    """
    if isinstance(cond, Leaf):
        if cond.item not in known:
            return False
        value = known[cond.item]
        if cond.op is ConditionOp.is_:
            return bool(value == cond.value)
        if cond.op is ConditionOp.in_:
            return value in cond.value
        if cond.op is ConditionOp.min:
            return bool(value >= cond.value)
        return bool(value <= cond.value)
    if isinstance(cond, Not):
        return not holds(cond.condition, known)
    if isinstance(cond, AllOf):
        return all(holds(c, known) for c in cond.conditions)
    if isinstance(cond, AnyOf):
        return any(holds(c, known) for c in cond.conditions)
    raise TypeError(f"not a condition: {cond!r}")  # pragma: no cover


def applicability(checklist: Checklist, answers: Mapping[str, Answer]) -> dict[str, bool]:
    """Item id → applicable. One pass in checklist order: conditions only look back.

    Items the audit's profile excludes are not applicable (files/profiles.py).
    """
    known: dict[str, Any] = {}
    result: dict[str, bool] = {}
    excluded = checklist.excluded
    for item in checklist.items:
        ok = (item.when is None or holds(item.when, known)) and item.id not in excluded
        result[item.id] = ok
        answer = answers.get(item.id)
        if ok and answer is not None and not answer.na and answer.value is not None:
            known[item.id] = answer.value
    return result
