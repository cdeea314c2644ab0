"""`actions pull WORKBOOK --into AUDIT`: Owner, Due and Status read back from the Actions sheet.

The workbook must be one that `report --xlsx` wrote for this audit: its hidden facts
(:mod:`cx_audit.report.xlsx.facts`) must name the audit's checklist id, client, site
and date. Rows are matched by the cell in the column headed ``Item``. Every bad cell
is reported at once, with its cell; nothing is changed unless every cell is good.

This module only works out the new tracking; the CLI writes the audit in one
:func:`~cx_audit.files.edit.edit_audit` transaction.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cx_audit.errors import InputError, Problem
from cx_audit.files.actions import STATUS_HINT, parse_due, parse_status
from cx_audit.model import Action, ActionStatus
from cx_audit.scoring.audit import AuditResult

if TYPE_CHECKING:
    from cx_audit.files.edit import AuditEdit

SHEET = "Actions"
COLUMNS = ("Item", "Owner", "Due", "Status")
# The date check of the Actions sheet accepts 2000-01-01 to 2100-12-31: a number in that
# range of Excel serial days is a date whose format was lost (some tools drop it).
_SERIAL_MIN, _SERIAL_MAX = 36526, 73415


@dataclass
class Pulled:
    """What the workbook says, and what the audit's `actions` become."""

    actions: dict[str, Action]
    rows: int  # action rows read
    changed: list[str] = field(default_factory=list)  # item ids whose tracking changed
    removed: list[str] = field(default_factory=list)  # untracked now (three blank cells, no note)


def pull_into(workbook: Path, edit: AuditEdit) -> Pulled:
    """Read the workbook and set the audit's new `actions` in ``edit`` (written when its block ends)."""
    from cx_audit.scoring.audit import score_audit

    pulled = pull_actions(workbook, score_audit(edit.checklist, edit.audit))
    edit.audit.actions = pulled.actions
    return pulled


def pull_actions(workbook: Path, result: AuditResult, shown: str | None = None) -> Pulled:
    """The audit's new `actions` from ``workbook``; InputError listing every bad cell."""
    where = shown or str(workbook)
    wb = _open(workbook, where)
    _check_facts(wb, result, where)
    if SHEET not in wb.sheetnames:
        raise InputError.single(where, f"has no '{SHEET}' sheet; pull reads the workbook `cx-audit report --xlsx` wrote")
    ws = wb[SHEET]
    header = {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        heads = ", ".join(repr(m) for m in missing)
        raise InputError.single(where, f"no column headed {heads} in row 1", where=f"sheet '{SHEET}'")
    plan = {r.item.id for r in result.actions}
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    found: dict[str, tuple[str, dt.date | None, ActionStatus | None]] = {}
    col = {name: header[name] for name in COLUMNS}
    for row in ws.iter_rows(min_row=2):
        cells = {name: row[col[name] - 1] if col[name] - 1 < len(row) else None for name in COLUMNS}
        item_cell = cells["Item"]
        item = _text(item_cell.value if item_cell is not None else None)
        if not item:
            continue
        assert item_cell is not None
        at = f"sheet '{SHEET}' cell {item_cell.coordinate}"
        if item not in plan:
            problems.append(Problem(where, f"{item} is not in the action plan of {result.audit.path or 'the audit'}", where=at))
            continue
        if item in seen:
            problems.append(Problem(where, f"{item} is listed twice (also in cell {seen[item]})", where=at))
            continue
        seen[item] = item_cell.coordinate
        owner = _text(_value(cells["Owner"]))
        due = _due(cells["Due"], item, where, problems)
        status = _status(cells["Status"], item, where, problems)
        found[item] = (owner, due, status)
    if problems:
        raise InputError(problems)
    return _apply(result, found)


def _apply(result: AuditResult, found: dict[str, tuple[str, dt.date | None, ActionStatus | None]]) -> Pulled:
    old = result.audit.actions
    new = dict(old)
    pulled = Pulled(new, len(found))
    for item, (owner, due, status) in found.items():
        before = old.get(item)
        note = before.note if before is not None else ""
        if not owner and due is None and status is None and not note:
            if before is not None:
                del new[item]
                pulled.removed.append(item)
            continue
        after = Action(owner=owner, due=due, status=status or ActionStatus.open, note=note)
        if before is None or (before.owner, before.due, before.status) != (after.owner, after.due, after.status):
            pulled.changed.append(item)
        new[item] = after
    return pulled


def _open(path: Path, where: str) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError.single(where, "no such file") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError.single(where, f"cannot read it as an Excel workbook (.xlsx): {exc}") from None


def _check_facts(wb: Any, result: AuditResult, where: str) -> None:
    from cx_audit.report.xlsx.facts import facts_of, read_facts

    facts = read_facts(wb)
    if facts is None:
        raise InputError.single(
            where,
            "is not a workbook that `cx-audit report --xlsx` wrote for one audit (it has no hidden audit facts); "
            "pull reads the Actions sheet of that workbook",
        )
    expected = facts_of(result)
    differ = [k for k in expected if facts.get(k, "") != expected[k]]
    if differ:
        said = ", ".join(f"{k} {facts.get(k, '')!r}" for k in differ)
        wanted = ", ".join(f"{k} {expected[k]!r}" for k in differ)
        audit = result.audit.path or "the audit"
        raise InputError.single(where, f"was written for another audit ({said}), not for {audit} ({wanted})")


def _value(c: Any) -> Any:
    return None if c is None else c.value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _due(c: Any, item: str, where: str, problems: list[Problem]) -> dt.date | None:
    value = _value(c)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and _SERIAL_MIN <= value <= _SERIAL_MAX:
        from openpyxl.utils.datetime import from_excel

        value = from_excel(value)
    try:
        due: dt.date | None = parse_due(value)
    except ValueError:
        due = None
    # The sheet's own date check allows 2000 to 2100; 12.5 typed in a date cell reads as 1900-01-12.
    if due is not None and 2000 <= due.year <= 2100:
        return due
    shown = due.isoformat() if due is not None else _text(value)
    at = f"sheet '{SHEET}' cell {c.coordinate}"
    problems.append(Problem(where, f"{item}: Due must be a date from 2000 to 2100 such as 2027-01-31, not {shown!r}", where=at))
    return None


def _status(c: Any, item: str, where: str, problems: list[Problem]) -> ActionStatus | None:
    text = _text(_value(c))
    if not text:
        return None
    found = parse_status(text)
    if found is None:
        problems.append(
            Problem(where, f"{item}: Status must be {STATUS_HINT}, not {text!r}", where=f"sheet '{SHEET}' cell {c.coordinate}")
        )
    return found
