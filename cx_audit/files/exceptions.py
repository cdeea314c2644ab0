"""The audit file's `exceptions:` key: failures accepted with the client (SPEC Part 3).

```yaml
exceptions:
  CX4: {reason: "The regulator sets a 3-working-day acknowledgement, met for 100 % of complaints.",
        approved_by: Helen Marsh, expires: 2027-05-31}
```

Reading checks every rule that needs no score: the item exists, ``reason`` has at least
20 characters, ``approved_by`` is given, ``expires`` is a date at most 366 days after
the audit's date (so an audit with exceptions needs a date). Whether the exception
applies (valid, on a critical failure) needs the audit scored: see
:mod:`cx_audit.scoring.exceptions`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cx_audit.files.actions import parse_due
from cx_audit.files.checks import Checker, Path_, describe
from cx_audit.model import Checklist, Waiver

EXCEPTION_KEYS = ("reason", "approved_by", "expires")
MIN_REASON = 20
MAX_DAYS = 366


def exception_problems(
    item_id: str, reason: Any, approved_by: Any, expires: Any, audit_date: dt.date | None, checklist: Checklist
) -> list[tuple[str, str]]:
    """Every rule an exception breaks, as (field, message); the one check `exceptions add` shares."""
    problems: list[tuple[str, str]] = []
    if checklist.item(item_id) is None:
        problems.append(("", f"exception for '{item_id}', which checklist {checklist.id} does not have"))
    if not isinstance(reason, str) or len(reason.strip()) < MIN_REASON:
        got = f"{len(reason.strip())}" if isinstance(reason, str) else describe(reason)
        problems.append(("reason", f"{item_id}: the reason must say why in at least {MIN_REASON} characters (it has {got})"))
    if not isinstance(approved_by, str) or not approved_by.strip():
        problems.append(("approved_by", f"{item_id}: approved_by must name who approved the exception"))
    try:
        when = parse_due(expires)
    except ValueError:
        when = None
    if when is None:
        problems.append(("expires", f"{item_id}: expires must be a date such as 2027-05-31, not {describe(expires)}"))
        return problems
    if audit_date is None:
        problems.append(("expires", f"{item_id}: an exception needs the audit's date (add date: YYYY-MM-DD)"))
    elif when > audit_date + dt.timedelta(days=MAX_DAYS):
        latest = audit_date + dt.timedelta(days=MAX_DAYS)
        problems.append(
            (
                "expires",
                f"{item_id}: expires {when} is more than {MAX_DAYS} days after the audit's date {audit_date} (at most {latest})",
            )
        )
    return problems


def read_exceptions(checker: Checker, raw: Any, checklist: Checklist, audit_date: dt.date | None) -> dict[str, Waiver]:
    """The `exceptions` mapping, every problem reported through ``checker`` at its position."""
    top = checker.mapping(raw, ("exceptions",), "exceptions")
    if not top:
        return {}
    out: dict[str, Waiver] = {}
    for key, entry in top.items():
        path: Path_ = ("exceptions", key)
        if type(key) is not str:
            checker.error(path, f"exception for {describe(key)}: an item id must be text", True)
            continue
        m = checker.mapping(entry, path, f"the exception for {key}")
        if m is None:
            continue
        checker.keys(m, path, EXCEPTION_KEYS, EXCEPTION_KEYS, f"the exception for {key}")
        if any(k not in m for k in EXCEPTION_KEYS):
            continue
        problems = exception_problems(key, m["reason"], m["approved_by"], m["expires"], audit_date, checklist)
        for where, message in problems:
            checker.error((*path, where) if where else path, message, not where)
        expires = parse_due(m["expires"]) if not problems else None
        if expires is not None:
            out[key] = Waiver(m["reason"].strip(), m["approved_by"].strip(), expires)
    return out


def exceptions_document(exceptions: dict[str, Waiver], checklist: Checklist) -> dict[str, Any]:
    """The `exceptions` mapping as written to the file, in checklist order."""
    order = {item.id: item.index for item in checklist.items}
    return {
        key: {"reason": w.reason, "approved_by": w.approved_by, "expires": w.expires}
        for key, w in sorted(exceptions.items(), key=lambda kv: order.get(kv[0], len(order)))
    }
