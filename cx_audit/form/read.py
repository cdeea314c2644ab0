"""Reading a filled-in questionnaire back as an audit.

Every problem, positioned as ``PATH: sheet 'X' cell C14: message``, in one
:class:`InputError` and nothing written; a changed checklist version or sha256, and
answers to items that do not apply, are warnings (returned).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cx_audit.errors import InputError, Problem
from cx_audit.files import registry
from cx_audit.files.audit import dump_audit, new_audit
from cx_audit.files.checks import CHECKLIST_ID_RE, is_number, quoted
from cx_audit.files.profiles import apply_profile, profile_problem
from cx_audit.files.userfile import open_regular
from cx_audit.files.values import ValueRefused, check_value
from cx_audit.form.layout import (
    FACTS,
    FORM_FORMAT,
    HEADERS,
    MAX_FORM_BYTES,
    MAX_UNPACKED_BYTES,
    META,
    NA_WORDS,
    QUESTIONS,
    RESPONDENT_FACTS,
    RESPONDENT_KIND,
)
from cx_audit.model import Answer, Checklist, Item, ItemType, format_number
from cx_audit.scoring.applicability import applicability
from cx_audit.wording import accepts, condition_text

# --- reading it back ----------------------------------------------------------------

_AUDIT_FACTS = frozenset(f.lower() for f in FACTS)


@dataclass
class _Reader:
    path: Path
    shown: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, message: str, sheet: str | None = None, ref: str | None = None) -> None:
        where = f"sheet '{sheet}' cell {ref}" if sheet and ref else (f"sheet '{sheet}'" if sheet else None)
        self.problems.append(Problem(self.shown, message, where=where))

    def warn(self, message: str, sheet: str, ref: str) -> None:
        self.warnings.append(Problem(self.shown, message, where=f"sheet '{sheet}' cell {ref}"))

    def stop_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def import_form(workbook_path: Path, output_path: Path) -> tuple[str, list[Problem]]:
    """Read a filled-in questionnaire: the audit file's text (for ``output_path``) and the warnings."""
    reader = _Reader(Path(workbook_path), str(workbook_path))
    wb = _open(reader)
    meta = _read_meta(reader, wb)
    reader.stop_if_any()
    if meta.get("kind", ("", ""))[0] == RESPONDENT_KIND:
        reader.error(
            "is a respondent's form: add it to an audit with `cx-audit import FORM.xlsx... --into AUDIT`",
            META,
            meta["kind"][1],
        )
        reader.stop_if_any()
    checklist = _find_checklist(reader, meta, Path(output_path))
    reader.stop_if_any()
    assert checklist is not None
    profile, profile_ref = meta.get("profile", ("", ""))
    if profile:  # a form made with --profile: the audit uses it (files/profiles.py)
        problem = profile_problem(checklist, profile)
        if problem is not None:
            reader.error(problem, META, profile_ref)
            reader.stop_if_any()
        checklist = apply_profile(checklist, profile)
    ws = wb[QUESTIONS]
    facts, answers, cells = _read_questions(reader, ws, checklist)
    reader.stop_if_any()
    applies = applicability(checklist, answers)
    for item_id in list(answers):
        if not applies[item_id]:
            item = checklist.item(item_id)
            why = f" (answer only if {condition_text(item.when, checklist)})" if item and item.when else ""
            reader.warn(f"{item_id} does not apply{why}, so its answer is dropped", QUESTIONS, cells[item_id])
            del answers[item_id]
    audit = new_audit(checklist, Path(output_path), **{k: v for k, v in facts.items() if k.lower() in _AUDIT_FACTS})
    audit.profile = profile or None
    audit.answers = answers
    return dump_audit(audit, checklist), reader.warnings


def _open(reader: _Reader, not_xlsx: str = "") -> Any:
    """The workbook, or every reason it cannot be a questionnaire (``not_xlsx``: what to say of another file)."""
    from cx_audit.files.workbook import open_workbook

    path = reader.path
    try:
        os.close(open_regular(path, reader.shown))  # no device, FIFO or socket: they would hang or never end
    except InputError as exc:
        if exc.problems[0].message.startswith("is a folder"):
            raise InputError.single(reader.shown, "is a folder, not a workbook") from None
        raise
    size = path.stat().st_size
    if size > MAX_FORM_BYTES:
        raise InputError.single(reader.shown, f"file is {size / 1e6:.1f} MB; questionnaires over 20 MB are refused")
    # Not read-only: the questionnaire is read by cell (facts, answers, number formats);
    # the 50 MB bound on what it unpacks to bounds the memory that takes.
    not_xlsx = not_xlsx or (
        "is not an Excel workbook (.xlsx); give the questionnaire written by `cx-audit form`, saved as .xlsx without a password"
    )
    return open_workbook(path, reader.shown, read_only=False, max_unpacked=MAX_UNPACKED_BYTES, not_xlsx=not_xlsx)


def _read_meta(reader: _Reader, wb: Any) -> dict[str, tuple[str, str]]:
    """Meta key → (value, cell); problems when this is not a questionnaire."""
    if META not in wb.sheetnames or QUESTIONS not in wb.sheetnames:
        reader.error("is not a cx-audit questionnaire (no Meta or Questionnaire sheet); make one with `cx-audit form`")
        return {}
    meta: dict[str, tuple[str, str]] = {}
    for key_cell, value_cell in wb[META].iter_rows(min_col=1, max_col=2, max_row=50):
        if isinstance(key_cell.value, str):
            value = value_cell.value
            meta[key_cell.value.strip()] = ("" if value is None else str(value).strip(), value_cell.coordinate)
    fmt, ref = meta.get("format", ("", "B1"))
    if fmt != FORM_FORMAT:
        reader.error(
            f"this is not a questionnaire this version can read (format {fmt or 'missing'}, expected {FORM_FORMAT})", META, ref
        )
    elif not meta.get("checklist", ("", ""))[0]:
        reader.error("the questionnaire does not say which checklist it is for", META, meta.get("checklist", ("", "B2"))[1])
    return meta


def _find_checklist(reader: _Reader, meta: dict[str, tuple[str, str]], output: Path) -> Checklist | None:
    """The checklist the form was made from: built in by id, else its file by relative path."""
    cid, id_ref = meta["checklist"]
    rel, rel_ref = meta.get("path", ("", id_ref))
    if not CHECKLIST_ID_RE.match(cid):
        reader.error(f"'{_short(cid)}' is not a checklist id; the questionnaire has been altered", META, id_ref)
        return None
    checklist = None
    try:
        if meta.get("builtin", ("no", ""))[0] != "yes" and rel:
            bases = (reader.path.parent, output.parent)
            if not _plain_relative(rel):
                reader.error(
                    f"the checklist path '{_short(rel)}' is not a .yaml file relative to the questionnaire; "
                    "the questionnaire has been altered",
                    META,
                    rel_ref,
                )
                return None
            found = next((base / rel for base in bases if (base / rel).is_file()), None)
            if found is not None:
                checklist = registry.resolve(found.name, found.parent, referenced=True)
        if checklist is None:
            checklist = _builtin_edition(cid, meta.get("version", ("", ""))[0])
    except InputError as exc:
        where = f" (looked for {rel} beside the questionnaire and beside {output})" if rel else ""
        reasons = "; ".join(str(p) for p in exc.problems)
        reader.error(f"cannot load checklist {quoted(cid)}{where}: {reasons}", META, id_ref)
        return None
    if checklist.id != cid:
        reader.error(f"the questionnaire is for checklist '{cid}', but the checklist found is '{checklist.id}'", META, id_ref)
        return None
    version, v_ref = meta.get("version", ("", "B3"))
    sha, s_ref = meta.get("sha256", ("", "B4"))
    if version and version != checklist.version:
        reader.warn(f"questionnaire made from {cid} {version}, read with {checklist.version}", META, v_ref)
    elif sha and sha != checklist.sha256:
        reader.warn(
            f"checklist {cid} {checklist.version} has changed since the questionnaire was made (sha256 differs)", META, s_ref
        )
    return checklist


def _builtin_edition(cid: str, version: str) -> Checklist:
    """The edition the questionnaire was made from when cx-audit still ships it (a form of
    ``staff-pulse`` 2.0.0 goes into a 2.0.0 audit after 3.0.0 is out), else the current one
    (whose differing version the caller then warns about)."""
    current = registry.resolve(cid)
    if not version or version == current.version:
        return current
    return registry.builtin_version(current, version) or current


def _plain_relative(rel: str) -> bool:
    """What `cx-audit form` writes in the Meta sheet: a relative path to a .yaml or .yml file.

    A questionnaire comes back from a client, so its hidden Meta sheet must not make
    `import` open any local file: an absolute path (``/dev/zero``, ``/etc/passwd``) or a
    name without the checklist extensions is refused. The file found is then read only
    as a regular file that says it is a checklist (see ``registry.resolve(referenced=True)``),
    and an error never quotes a file that is not one.
    """
    p = Path(rel)
    return not p.is_absolute() and not p.drive and "\\" not in rel and p.suffix.lower() in (".yaml", ".yml")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_questions(reader: _Reader, ws: Any, checklist: Checklist) -> tuple[dict[str, Any], dict[str, Answer], dict[str, str]]:
    """Facts, answers and the answer cell of each item, from the Questionnaire sheet."""
    facts: dict[str, Any] = {}
    header_row = None
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 40), max_col=1):
        label = row[0].value
        if isinstance(label, str) and (label.strip() in FACTS or label.strip() in RESPONDENT_FACTS):
            fact = ws.cell(row[0].row, 2)
            facts[label.strip().lower()] = _fact(reader, ws.title, fact, label.strip())
            facts[label.strip().lower() + " cell"] = fact.coordinate
        if label == HEADERS[0]:
            header_row = row[0].row
            break
    if header_row is None:
        reader.error("no header row (ID, Question, Answer…): the sheet has been changed too much to read", ws.title)
        return facts, {}, {}
    columns = {str(c.value).strip(): c.column for c in ws[header_row] if c.value is not None}
    id_col, answer_col, note_col = columns.get("ID"), columns.get("Answer"), columns.get("Note")
    if id_col is None or answer_col is None:
        reader.error("the header row has lost its ID or Answer column", ws.title, f"A{header_row}")
        return facts, {}, {}
    answers: dict[str, Answer] = {}
    cells: dict[str, str] = {}
    for row in ws.iter_rows(min_row=header_row + 1):
        by_col = {c.column: c for c in row}
        id_cell = by_col.get(id_col)
        if id_cell is None or not isinstance(id_cell.value, str) or not id_cell.value.strip():
            continue
        answer_cell = by_col.get(answer_col) or ws.cell(id_cell.row, answer_col)
        note_cell = by_col.get(note_col) if note_col else None
        item_id = id_cell.value.strip()
        item = checklist.item(item_id)
        has_note = note_cell is not None and _blank(note_cell.value) is False
        if item is None:
            if not _blank(answer_cell.value) or has_note:
                reader.error(
                    f"answer for '{item_id}', which checklist {checklist.id} does not have", ws.title, answer_cell.coordinate
                )
            continue  # a section title or a row the checklist has dropped
        if item_id in cells:
            reader.error(f"{item_id} appears twice (also row {cells[item_id][1:]})", ws.title, id_cell.coordinate)
            continue
        cells[item_id] = answer_cell.coordinate
        answer = _answer(reader, ws.title, item, answer_cell)
        if note_cell is not None:
            answer.note = _text(reader, ws.title, note_cell, f"the note for {item_id}")
        if answer.answered or answer.note:
            answers[item_id] = answer
    return facts, answers, cells


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _formula(reader: _Reader, sheet: str, c: Any, what: str) -> bool:
    if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=") and c.data_type != "s"):
        reader.error(f"{what} is a formula ({str(c.value)[:40]}); type the value itself", sheet, c.coordinate)
        return True
    return False


def _text(reader: _Reader, sheet: str, c: Any, what: str) -> str:
    value = c.value
    if _blank(value) or _formula(reader, sheet, c, what):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if is_number(value):
        return format_number(value)
    return str(value).strip()


def _fact(reader: _Reader, sheet: str, c: Any, label: str) -> Any:
    if label != "Date":
        return _text(reader, sheet, c, label)
    value = c.value
    if _blank(value) or _formula(reader, sheet, c, "the date"):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if is_number(value) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(value).date()
        except (ValueError, OverflowError, TypeError):
            pass
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    reader.error(f"{quoted(str(value))} is not a date; enter it as a date, such as 2026-11-22", sheet, c.coordinate)
    return None


_RATING_TEXT = re.compile(r"([+-]?\d+)\s*[·:\-–—]\s*(.+)", re.S)  # "3 · Managed", as the drop-down shows it


def _answer(reader: _Reader, sheet: str, item: Item, c: Any) -> Answer:
    """The answer in a cell; problems are reported at the cell and give an empty answer."""
    raw = c.value
    if _blank(raw) or _formula(reader, sheet, c, f"the answer to {item.id}"):
        return Answer()
    if isinstance(raw, str) and raw.strip().casefold() in NA_WORDS and item.type is not ItemType.text:
        if not item.allow_na:
            reader.error(
                f"{item.id}: N/A is not allowed for {'critical items' if item.critical else 'this item'}", sheet, c.coordinate
            )
            return Answer()
        return Answer(na=True)
    if item.type is ItemType.number and is_number(raw) and _is_percent(c.number_format):
        raw = round(raw * 100, 9)  # Excel turns a typed "84%" into 0.84: the client meant 84
    try:
        return Answer(value=cell_value(item, raw))
    except ValueRefused as exc:
        reader.error(f"{item.id}: {exc}", sheet, c.coordinate)
        return Answer()


def _is_percent(number_format: str | None) -> bool:
    """A percentage format (0%, 0.0%), not a literal "%" in quotes like General" %"."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format or "")


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def cell_value(item: Item, raw: Any) -> Any:
    """A cell's value as an answer value: 3, 3.0 and "3" are the same; labels are understood."""
    t = item.type
    if t is ItemType.text:
        if isinstance(raw, (dt.date, dt.datetime)):
            return raw.isoformat()
        return format_number(raw) if is_number(raw) else str(raw)
    if isinstance(raw, (dt.date, dt.datetime)):
        raise ValueRefused(f"a date is not {accepts(item)}")
    text = raw.strip() if isinstance(raw, str) else None
    if t is ItemType.rating:
        assert item.scale is not None
        if text is not None:
            number = _number(text)
            if number is not None:
                return check_value(item, number)
            m = _RATING_TEXT.fullmatch(text)
            if m and item.scale.label(int(m.group(1))).casefold() == m.group(2).strip().casefold():
                return check_value(item, int(m.group(1)))
            for v, label in item.scale.labels.items():
                if label.casefold() == text.casefold():
                    return v
            raise ValueRefused(f"{quoted(text)} is not {accepts(item)}")
        return check_value(item, raw)
    if t is ItemType.yesno:
        if text is not None:
            low = text.casefold()
            if low in ("y", "yes", "true"):
                return True
            if low in ("n", "no", "false"):
                return False
        return check_value(item, raw if isinstance(raw, bool) else text if text is not None else raw)
    if t is ItemType.choice:
        if text is None:
            raise ValueRefused(f"{format_number(raw) if is_number(raw) else raw!r} is not an option: pick one from the list")
        for opt in item.options:
            if text.casefold() in (opt.label.casefold(), opt.id.casefold()):
                return opt.id
        raise ValueRefused(f"{quoted(text)} is not an option: pick one from the list")
    # number
    if text is not None:
        digits = text
        if item.unit and digits.casefold().endswith(item.unit.casefold()):
            digits = digits[: -len(item.unit)].strip()
        number = _number(digits)
        if number is None:
            raise ValueRefused(f"{quoted(text)} is not {accepts(item)}")
        raw = number
    value = check_value(item, raw)
    if isinstance(value, float) and value.is_integer() and math.isfinite(value) and abs(value) < 1e15:
        return int(value)
    return value
