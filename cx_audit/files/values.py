"""Answer values: checking a value from a file, and reading one typed by a person.

Both raise :class:`ValueRefused` with a reason a consultant understands.
"""

from __future__ import annotations

import math
from typing import Any

from cx_audit.files.checks import describe, is_number, quoted
from cx_audit.model import Item, ItemType, format_number
from cx_audit.wording import accepts


class ValueRefused(ValueError):
    pass


def check_value(item: Item, raw: Any) -> Any:
    """A value as stored in an audit file (or a cell), normalised; else ValueRefused."""
    t = item.type
    if t is ItemType.rating:
        assert item.scale is not None
        if not is_number(raw) or not float(raw).is_integer():
            raise ValueRefused(f"{describe(raw)} is not {accepts(item)}")
        v = int(raw)
        if not item.scale.min <= v <= item.scale.max:
            raise ValueRefused(f"{v} is out of range: {accepts(item)}")
        return v
    if t is ItemType.yesno:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in ("yes", "no"):
            return raw.strip().lower() == "yes"
        raise ValueRefused(f"{describe(raw)} is not yes or no")
    if t is ItemType.choice:
        if isinstance(raw, str) and item.option(raw.strip()):
            return raw.strip()
        raise ValueRefused(f"{describe(raw)} is not an option: {accepts(item)}")
    if t is ItemType.number:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise ValueRefused(f"{describe(raw)} is not a number")
        if not is_number(raw):
            raise ValueRefused(f"{describe(raw)} is not a finite number")
        return raw
    if isinstance(raw, str):
        return raw
    raise ValueRefused(f"a text answer must be text, not {describe(raw)} (put it in quotes)")


def parse_typed(item: Item, text: str) -> Any:
    """A value typed at the interview prompt (or read from a cell as text)."""
    s = text.strip()
    t = item.type
    if t is ItemType.yesno:
        low = s.lower()
        if low in ("y", "yes"):
            return True
        if low in ("n", "no"):
            return False
        raise ValueRefused(f"{quoted(s)} is not an answer: type y or n")
    if t is ItemType.choice:
        if s.isdigit() and 1 <= int(s) <= len(item.options):
            return item.options[int(s) - 1].id
        for opt in item.options:
            if opt.id.lower() == s.lower():
                return opt.id
        raise ValueRefused(f"{quoted(s)} is not an option: type its number (1–{len(item.options)}) or its id")
    if t in (ItemType.rating, ItemType.number):
        try:
            number = float(s.replace(",", "")) if s else math.nan
        except ValueError:
            raise ValueRefused(f"{quoted(s)} is not {accepts(item)}") from None
        if not math.isfinite(number):
            raise ValueRefused(f"{quoted(s)} is not {accepts(item)}")
        if t is ItemType.number:
            return int(number) if number.is_integer() and "." not in s else number
        return check_value(item, number)
    return text


def to_file(item: Item, value: Any) -> Any:
    """How a value is written into an audit file."""
    if item.type is ItemType.yesno:
        return "yes" if value else "no"
    return value


def shown(item: Item, value: Any) -> str:
    """A value as a short string for tables and spreadsheets."""
    if item.type is ItemType.number:
        return format_number(value)
    return item.describe_value(value)
