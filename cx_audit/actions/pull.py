"""`actions pull WORKBOOK --into AUDIT`: Owner, Due and Status read back from the Actions sheet.

The workbook must be one that `report --xlsx` wrote for this audit: its hidden facts
(:mod:`cx_audit.excel.facts`) must name the audit's checklist id, client, site
and date. Rows are matched by the cell in the column headed ``Item``. Every bad cell
is reported at once, with its cell; nothing is changed unless every cell is good.

This module only works out the new tracking; the CLI writes the audit in one
:func:`~cx_audit.files.edit.edit_audit` transaction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cx_audit.errors import InputError, Problem
from cx_audit.files.actions import SHEET_STATUS_HINT, parse_due, parse_status
from cx_audit.files.workbook import cut
from cx_audit.model import Action, ActionStatus
from cx_audit.scoring.audit import AuditResult

if TYPE_CHECKING:
    from cx_audit.files.edit import AuditEdit

SHEET = "Actions"
COLUMNS = ("Item", "Owner", "Due", "Status")
# The date check of the Actions sheet accepts 2000-01-01 to 2100-12-31: a number in that
# range of Excel serial days is a date whose format was lost (some tools drop it).
_SERIAL_MIN, _SERIAL_MAX = 36526, 73415
MAX_ROWS = 10_000  # an action plan has one row per item of a checklist
MAX_COLUMNS = 200  # where row 1 is searched for the headers
MAX_UNPACKED_BYTES = 100_000_000  # the workbook `report --xlsx` writes unpacks to well under 1 MB


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
    from cx_audit.files.workbook import open_workbook

    where = shown or str(workbook)
    wb = open_workbook(workbook, where, max_unpacked=MAX_UNPACKED_BYTES)
    try:
        return _read_sheet(wb, result, where)
    finally:
        wb.close()


def _read_sheet(wb: Any, result: AuditResult, where: str) -> Pulled:
    from openpyxl.utils import get_column_letter

    from cx_audit.files.workbook import sheet_rows

    _check_facts(wb, result, where)
    if SHEET not in wb.sheetnames:
        raise InputError.single(where, f"has no '{SHEET}' sheet; pull reads the workbook `cx-audit report --xlsx` wrote")
    ws = wb[SHEET]
    first = next(sheet_rows(ws, where, max_row=1, max_col=MAX_COLUMNS), ())
    header = {str(c.value).strip(): i + 1 for i, c in enumerate(first) if c.value is not None}
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        heads = ", ".join(repr(m) for m in missing)
        raise InputError.single(where, f"no column headed {heads} in row 1", where=f"sheet '{SHEET}'")
    plan = {r.item.id for r in result.actions}
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    found: dict[str, tuple[str, dt.date | None, ActionStatus | None]] = {}
    lo, hi = min(header[n] for n in COLUMNS), max(header[n] for n in COLUMNS)
    letters = {name: get_column_letter(header[name]) for name in COLUMNS}
    rows = sheet_rows(ws, where, min_row=2, min_col=lo, max_col=hi, max_rows=MAX_ROWS)
    for number, row in enumerate(rows, 2):
        cells = {name: _Cell(_at(row, header[name] - lo), f"{letters[name]}{number}") for name in COLUMNS}
        if [name for name, c in cells.items() if _formula(c, name, where, problems)]:  # every formula of the row
            continue
        item = _text(cells["Item"].value)
        if not item:
            continue
        ref = cells["Item"].ref
        at = f"sheet '{SHEET}' cell {ref}"
        if item not in plan:
            problems.append(
                Problem(where, f"{cut(item)} is not in the action plan of {result.audit.path or 'the audit'}", where=at)
            )
            continue
        if item in seen:
            problems.append(Problem(where, f"{cut(item)} is listed twice (also in cell {seen[item]})", where=at))
            continue
        seen[item] = ref
        owner = _text(cells["Owner"].value)
        due = _due(cells["Due"], item, where, problems)
        status = _status(cells["Status"], item, where, problems)
        found[item] = (owner, due, status)
    if problems:
        raise InputError(problems)
    return _apply(result, found)


@dataclass(frozen=True)
class _Cell:
    """A cell's value and where it is (an empty cell of a read-only sheet has no coordinate)."""

    cell: Any
    ref: str

    @property
    def value(self) -> Any:
        return None if self.cell is None else self.cell.value


def _at(row: tuple[Any, ...], i: int) -> Any:
    return row[i] if i < len(row) else None


def _formula(c: _Cell, name: str, where: str, problems: list[Problem]) -> bool:
    """A formula is refused, as `import` refuses it: its cached value is lost when another program saves the file."""
    if c.cell is None or getattr(c.cell, "data_type", None) != "f":
        return False
    problems.append(
        Problem(where, f"{name} is a formula ({cut(c.value, 40)}); type the value itself", where=f"sheet '{SHEET}' cell {c.ref}")
    )
    return True


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


def _check_facts(wb: Any, result: AuditResult, where: str) -> None:
    from cx_audit.excel.facts import facts_of, read_facts

    facts = read_facts(wb)
    if facts is None:
        raise InputError.single(
            where,
            "is not a workbook that `cx-audit report --xlsx` wrote for one audit (it has no hidden audit facts); "
            "pull reads the Actions sheet of that workbook",
        )
    expected = facts_of(result.checklist.id, result.audit)
    differ = [k for k in expected if facts.get(k, "") != expected[k]]
    if differ:
        said = ", ".join(f"{k} {facts.get(k, '')!r}" for k in differ)
        wanted = ", ".join(f"{k} {expected[k]!r}" for k in differ)
        audit = result.audit.path or "the audit"
        raise InputError.single(where, f"was written for another audit ({said}), not for {audit} ({wanted})")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _due(c: _Cell, item: str, where: str, problems: list[Problem]) -> dt.date | None:
    value = c.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and _SERIAL_MIN <= value <= _SERIAL_MAX:
        from openpyxl.utils.datetime import from_excel

        value = from_excel(value)
    at = f"sheet '{SHEET}' cell {c.ref}"
    try:
        due: dt.date | None = parse_due(value)
    except ValueError:
        due = None
        if isinstance(value, str):
            try:
                due = day_first(value)
            except _Ambiguous as exc:
                problems.append(Problem(where, f"{item}: Due '{cut(value.strip())}' {exc}", where=at))
                return None
    # The sheet's own date check allows 2000 to 2100; 12.5 typed in a date cell reads as 1900-01-12.
    if due is not None and 2000 <= due.year <= 2100:
        return due
    shown = due.isoformat() if due is not None else _text(value)
    problems.append(
        Problem(where, f"{item}: Due must be a date from 2000 to 2100 such as 2027-01-31, not '{cut(shown)}'", where=at)
    )
    return None


def _status(c: _Cell, item: str, where: str, problems: list[Problem]) -> ActionStatus | None:
    text = _text(c.value)
    if not text:
        return None
    found = parse_status(text, synonyms=True)
    if found is None:
        problems.append(
            Problem(
                where, f"{item}: Status must be {SHEET_STATUS_HINT}, not '{cut(text)}'", where=f"sheet '{SHEET}' cell {c.ref}"
            )
        )
    return found


_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")


class _Ambiguous(ValueError):
    """A date that reads as two different days."""


def day_first(text: str) -> dt.date | None:
    """A UK date typed as text (`31/01/2027`, `31.1.2027`, `31-01-2027`), or None.

    Only when it cannot be read the American way too: the day is over 12, or equal to
    the month. `05/03/2027` raises :class:`_Ambiguous`, naming both readings.
    """
    m = _DAY_FIRST.fullmatch(text.strip())
    if m is None:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        uk = dt.date(year, month, day)
    except ValueError:
        return None
    if day <= 12 and day != month:
        try:
            us = dt.date(year, day, month)
        except ValueError:  # pragma: no cover - day <= 12 and month <= 31 of a valid UK date
            return uk
        raise _Ambiguous(f"could be {_long(uk)} or {_long(us)}: write it as {uk.isoformat()} or {us.isoformat()}")
    return uk


def _long(d: dt.date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"
