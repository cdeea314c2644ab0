"""Reading `when` conditions of a checklist: data, never code, looking back only.

A condition refers only to items earlier in the checklist (so conditions cannot loop);
`is`/`in` compare with an answer's value in its stored form (yes/no as booleans, a
choice's option id, a number), `min`/`max` a rating's or number's value.
"""

from __future__ import annotations

from typing import Any

from cx_audit.files.checks import Checker, Path_, describe, is_number
from cx_audit.model import AllOf, AnyOf, Condition, ConditionOp, Item, ItemType, Leaf, Not


class ConditionReader(Checker):
    """The part of the checklist reader that reads conditions; it knows the items read so far."""

    items_seen: dict[str, Item]

    def _condition(self, value: Any, path: Path_, owner: str | None) -> Condition | None:
        m = self.mapping(value, path, "a condition")
        if m is None:
            return None
        if "item" in m:
            return self._leaf(m, path, owner)
        combinators = [k for k in ("all", "any", "not") if k in m]
        if len(combinators) != 1 or len(m) != 1:
            self.error(path, "a condition is {item: ID, is|in|min|max: ...}, {all: [...]}, {any: [...]} or {not: ...}")
            return None
        key = combinators[0]
        if key == "not":
            inner = self._condition(m["not"], (*path, "not"), owner)
            return Not(inner) if inner is not None else None
        raw = m[key]
        if not isinstance(raw, list) or not raw:
            self.error((*path, key), f"'{key}' needs a non-empty list of conditions, not {describe(raw)}")
            return None
        parts = [self._condition(c, (*path, key, i), owner) for i, c in enumerate(raw)]
        if any(p is None for p in parts):
            return None
        conds = tuple(p for p in parts if p is not None)
        return AllOf(conds) if key == "all" else AnyOf(conds)

    def _leaf(self, m: dict[Any, Any], path: Path_, owner: str | None) -> Condition | None:
        ops = [k for k in ("is", "in", "min", "max") if k in m]
        self.keys(m, path, ("item", "is", "in", "min", "max"), (), "a condition")
        ref = m["item"]
        if len(ops) != 1:
            self.error(path, "a condition on an item needs exactly one of is, in, min, max")
            return None
        op = ops[0]
        if not isinstance(ref, str) or ref not in self.items_seen:
            if isinstance(ref, str) and ref == owner:
                msg = f"item '{ref}' cannot depend on itself"
            elif isinstance(ref, str):
                msg = f"condition refers to '{ref}', which is not an earlier item (conditions may only look back)"
            else:
                msg = f"condition item must be an item id, not {describe(ref)}"
            self.error((*path, "item"), msg)
            return None
        target = self.items_seen[ref]
        raw = m[op]
        p: Path_ = (*path, op)
        if op in ("min", "max"):
            if target.type not in (ItemType.rating, ItemType.number):
                self.error(p, f"'{op}' compares numbers, but '{ref}' is a {target.type.value} item")
                return None
            if not is_number(raw):
                self.error(p, f"'{op}' must be a number, not {describe(raw)}")
                return None
            return Leaf(ref, ConditionOp(op), raw)
        values = raw if op == "in" else [raw]
        if op == "in" and (not isinstance(raw, list) or not raw):
            self.error(p, f"'in' needs a non-empty list of values, not {describe(raw)}")
            return None
        normalised = []
        for v in values:
            nv = self._comparable(target, v, p)
            if nv is None:
                return None
            normalised.append(nv)
        if op == "is":
            return Leaf(ref, ConditionOp.is_, normalised[0])
        return Leaf(ref, ConditionOp.in_, tuple(normalised))

    def _comparable(self, target: Item, v: Any, path: Path_) -> Any:
        """A condition value in the form the answer takes, or None after an error."""
        if target.type is ItemType.yesno:
            if isinstance(v, bool):
                return v
            if isinstance(v, str) and v.lower() in ("yes", "no"):
                return v.lower() == "yes"
            self.error(path, f"'{target.id}' is a yes/no item: compare with yes or no, not {describe(v)}")
        elif target.type is ItemType.choice:
            if isinstance(v, str) and target.option(v):
                return v
            ids = ", ".join(o.id for o in target.options)
            self.error(path, f"{describe(v)} is not an option of '{target.id}' ({ids})")
        elif target.type is ItemType.rating:
            assert target.scale is not None
            if is_number(v) and float(v).is_integer() and target.scale.min <= v <= target.scale.max:
                return int(v)
            self.error(path, f"{describe(v)} is not a point of '{target.id}''s scale {target.scale.min}–{target.scale.max}")
        elif target.type is ItemType.number:
            if is_number(v):
                return v
            self.error(path, f"'{target.id}' is a number item: compare with a number, not {describe(v)}")
        else:
            if isinstance(v, str):
                return v
            self.error(path, f"'{target.id}' is a text item: compare with text, not {describe(v)}")
        return None
