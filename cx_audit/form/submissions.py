"""`import SUBMISSIONS --xlsform-of CHECKLIST --into AUDIT`: phone submissions read back.

An export from ODK Central or KoboToolbox (CSV or XLSX), one submission a row, whose
column headers are the question names of the XLSForm that `form --xlsform` wrote,
optionally prefixed by their group path (`staff-buy-in/SB1`, `staff-buy-in-SB1`,
`staff-buy-in.SB1`). The tools' own columns (`start`, `_id`, `KEY`, `meta/instanceID`...)
are ignored. A respondent form's rows become respondents; the auditor's form has one
row, which fills the auditor's answers. `ITEM_photo` names a file in the media folder,
copied into the audit's `evidence/` folder.

Every problem of every row at once (`PATH:ROW: column 'SB1': ...`, ROW being the CSV's
physical line or the sheet's row, the header being 1), nothing written if any. The
caller holds the interview's lock and writes the returned text atomically.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cx_audit.errors import InputError, Problem, one_line
from cx_audit.files.edit import AuditEdit
from cx_audit.files.voices import deciding_items, respondent_id_problem, role_problem
from cx_audit.form.xlsform import (
    NA_CHOICE,
    NO_CHOICE,
    NOTE_SUFFIX,
    PHOTO_SUFFIX,
    RESPONDENT_CODE,
    ROLE,
    YES_CHOICE,
    choice_entries,
)
from cx_audit.model import DEFAULT_ROLE, Answer, Audit, Checklist, Evidence, Item, ItemType
from cx_audit.wording import accepts

MAX_EXPORT_BYTES = 50_000_000
MAX_ROWS = 100_000
MAX_PROBLEMS = 200
SEPARATORS = ("/", "-", ".")
# Columns the tools add to every export (ODK Central, KoboToolbox, Enketo, ODK Briefcase).
META_COLUMNS = frozenset(
    {
        "start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid", "audit",
        "submissiondate", "key", "parent_key", "submitterid", "submittername", "attachmentspresent",
        "attachmentsexpected", "status", "reviewstate", "edits", "formversion", "instanceid", "instancename",
    }
)  # fmt: skip
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as shown, cells)


@dataclass
class Imported:
    lines: list[str] = field(default_factory=list)  # what was added, for the user
    warnings: list[Problem] = field(default_factory=list)
    copies: list[tuple[Path, Evidence]] = field(default_factory=list)  # media to copy before writing


# --- reading the export ----------------------------------------------------------------


def read_table(path: Path, shown: str) -> Table:
    """The header row and every row of a CSV or the first sheet of an .xlsx."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise InputError.single(shown, f"cannot read {suffix} files: download the submissions as CSV or .xlsx")
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, shown)
    from cx_audit.files.delimited import detect_delimiter
    from cx_audit.files.userfile import read_user_file

    data = read_user_file(path, shown, MAX_EXPORT_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError.single(shown, "is not UTF-8 text: download the submissions again as CSV (UTF-8)") from None
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise InputError.single(shown, "the file is empty: the first line must hold the column headers")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first), strict=True)
    rows: list[tuple[int, list[Any]]] = []
    headers: list[str] | None = None
    line = 1
    try:
        for row in reader:
            if headers is None:
                headers = row
            elif any(c.strip() for c in row):
                rows.append((line, list(row)))
                if len(rows) > MAX_ROWS:
                    raise InputError.single(shown, f"more than {MAX_ROWS:,} submissions; split the export")
            line = reader.line_num + 1
    except csv.Error as exc:
        why = "a quoted field is not closed before the end of the file" if "end of data" in str(exc) else str(exc)
        raise InputError.single(f"{shown}:{line}", f"cannot read this line: {why}") from None
    return Table([h.strip() for h in headers or []], rows)


def _read_xlsx(path: Path, shown: str) -> Table:
    """The first sheet through the one hardened workbook reader (files/workbook.py)."""
    from openpyxl.utils import get_column_letter

    from cx_audit.files.workbook import cut, first_sheet, open_workbook, sheet_rows

    wb = open_workbook(path, shown, not_xlsx="is not an Excel workbook (.xlsx); download the submissions as .xlsx or CSV")
    try:
        ws = first_sheet(wb, shown)
        headers: list[str] = []
        rows: list[tuple[int, list[Any]]] = []
        problems: list[Problem] = []
        for r, cells in enumerate(sheet_rows(ws, shown, max_rows=MAX_ROWS + 1), start=1):
            values = []
            for c, cell in enumerate(cells, start=1):
                if getattr(cell, "data_type", None) == "f":
                    where = f"sheet '{cut(ws.title)}' cell {get_column_letter(c)}{r}"
                    problems.append(Problem(shown, "holds a formula; export the values", where=where))
                values.append(cell.value)
            if r == 1:
                headers = ["" if v is None else str(v).strip() for v in values]
            elif any(v is not None and str(v).strip() for v in values):
                rows.append((r, values))
    finally:
        wb.close()
    if problems:
        raise InputError(problems)
    return Table(headers, rows)


def question_of(header: str, names: dict[str, str]) -> str | None:
    """The question a header names (``names``: folded name -> name), group path or not; None: not one."""
    folded = header.casefold()
    if folded in names:
        return names[folded]
    best = None
    for key, name in names.items():
        grouped = len(folded) > len(key) and folded.endswith(key) and folded[-len(key) - 1] in SEPARATORS
        if grouped and (best is None or len(name) > len(best)):
            best = name
    return best


def is_meta(header: str) -> bool:
    """A column the tool adds: `_id`, `__version__`, `meta/instanceID`, `SubmissionDate`, `ITEM_photo_URL`..."""
    h = header.strip()
    if not h or h.startswith("_"):
        return True
    parts = re.split(r"[/.-]", h)
    if parts[0].casefold() == "meta" or parts[-1].casefold() in META_COLUMNS:
        return True
    return h.casefold() in META_COLUMNS


# --- turning rows into answers ---------------------------------------------------------------


@dataclass
class _Row:
    number: int
    code: str = ""
    role: str = DEFAULT_ROLE
    answers: dict[str, Answer] = field(default_factory=dict)
    photos: dict[str, Path] = field(default_factory=dict)


class _Rows:
    def __init__(self, shown: str, form: Checklist, target: Checklist, media: Path | None, respondent: bool) -> None:
        self.shown = shown
        self.form = form
        self.target = target
        self.media = media
        self.respondent = respondent
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.deciders = deciding_items(target) if respondent else set()
        self._media_index: dict[str, list[Path]] | None = None

    def error(self, row: int | None, header: str | None, message: str) -> None:
        where = f"{self.shown}:{row}" if row is not None else self.shown
        self.problems.append(Problem(where, (f"column '{one_line(header)}': " if header else "") + message))

    def read(self, table: Table) -> list[_Row]:
        names: dict[str, str] = {}
        for item in self.form.items:
            for name in (item.id, item.id + NOTE_SUFFIX, item.id + PHOTO_SUFFIX):
                names[name.casefold()] = name
        names[RESPONDENT_CODE] = RESPONDENT_CODE
        names[ROLE] = ROLE
        columns: dict[int, str] = {}
        seen: dict[str, str] = {}
        for k, header in enumerate(table.headers):
            found = question_of(header, names)
            if found is None:
                if not is_meta(header) and not header.endswith("_URL"):
                    self.warnings.append(
                        Problem(self.shown, f"column '{one_line(header)}' is not a question of this form; ignored")
                    )
                continue
            if found in seen:
                self.error(1, header, f"is question {found} again (also column '{seen[found]}')")
                continue
            seen[found] = header
            columns[k] = found
        if not any(n in {i.id for i in self.form.items} for n in columns.values()):
            raise InputError.single(
                self.shown,
                f"no column is a question of {self.form.id} (its questions are named by item id, such as "
                f"{self.form.items[0].id}): is this the submissions export of the form `cx-audit form --xlsform` wrote?",
            )
        out = []
        for number, cells in table.rows:
            row = _Row(number)
            for k, name in columns.items():
                value = cells[k] if k < len(cells) else None
                self._cell(row, table.headers[k], name, value)
            out.append(row)
        return out

    def _cell(self, row: _Row, header: str, name: str, raw: Any) -> None:
        text = "" if raw is None else (str(raw).strip() if not isinstance(raw, (int, float)) or isinstance(raw, bool) else raw)
        if text == "":
            return
        if name == RESPONDENT_CODE:
            code = str(text)
            problem = respondent_id_problem(code)
            if problem:
                self.error(row.number, header, f"respondent code '{one_line(code)}' {problem}")
            row.code = code
            return
        if name == ROLE:
            role = "-".join(str(text).lower().split())
            problem = role_problem(role)
            if problem:
                self.error(row.number, header, f"role '{one_line(role)}' {problem}")
            row.role = role
            return
        if name.endswith(NOTE_SUFFIX) and self.form.item(name[: -len(NOTE_SUFFIX)]) is not None:
            row.answers.setdefault(name[: -len(NOTE_SUFFIX)], Answer()).note = str(text)
            return
        if name.endswith(PHOTO_SUFFIX) and self.form.item(name[: -len(PHOTO_SUFFIX)]) is not None:
            self._photo(row, header, name[: -len(PHOTO_SUFFIX)], str(text))
            return
        item = self.form.item(name)
        assert item is not None
        if item.id in self.deciders:
            self.error(row.number, header, f"{item.id} decides which items apply; it takes the auditor's answer only")
            return
        try:
            na, value = parse_value(item, text)
        except ValueError as exc:
            self.error(row.number, header, str(exc))
            return
        answer = row.answers.setdefault(item.id, Answer())
        answer.na, answer.value = na, value

    def _photo(self, row: _Row, header: str, item_id: str, name: str) -> None:
        if self.media is None:
            self.error(
                row.number,
                header,
                f"names the photo '{one_line(name)}': give --media DIR, the folder of the export's media files",
            )
            return
        found = self._find_media(name)
        if not found:
            self.error(row.number, header, f"photo '{one_line(name)}' is not in {self.media}")
        elif len(found) > 1:
            shown = ", ".join(str(p) for p in found[:3])
            self.error(row.number, header, f"photo '{one_line(name)}' is in several places under {self.media} ({shown})")
        else:
            row.photos[item_id] = found[0]

    def _find_media(self, name: str) -> list[Path]:
        """Files of that name under the media folder: ODK Central puts them in `media/`,
        KoboToolbox in one folder per submission; the name the phone gave is unique."""
        assert self.media is not None
        if "/" in name or "\\" in name or name in (".", ".."):
            return []
        if self._media_index is None:
            index: dict[str, list[Path]] = {}
            for p in sorted(self.media.rglob("*")):
                if p.is_file() and not p.is_symlink():
                    index.setdefault(p.name, []).append(p)
            self._media_index = index
        return self._media_index.get(name, [])


def parse_value(item: Item, raw: Any) -> tuple[bool, Any]:
    """(N/A, value) of a cell: the choice name the form wrote (or its label), a number, a text."""
    if item.type in (ItemType.rating, ItemType.yesno, ItemType.choice):
        text = str(int(raw)) if isinstance(raw, (int, float)) and float(raw).is_integer() else str(raw).strip()
        entries = choice_entries(item)
        by_label = {label.casefold(): name for name, label in entries}
        name = text if text in {n for n, _ in entries} else by_label.get(text.casefold(), text)
        if name == NA_CHOICE:
            if not item.allow_na:
                raise ValueError(f"{item.id} may not be N/A")
            return True, None
        if item.type is ItemType.yesno and name in (YES_CHOICE, NO_CHOICE):
            return False, name == YES_CHOICE
        if item.type is ItemType.rating and name.lstrip("-").isascii() and name.lstrip("-").isdigit():
            assert item.scale is not None
            v = int(name)
            if item.scale.min <= v <= item.scale.max:
                return False, v
        if item.type is ItemType.choice and item.option(name) is not None:
            return False, name
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValueError(f"'{one_line(shown)}' is not {accepts(item)}")
    if item.type is ItemType.number:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return False, raw
        text = str(raw).strip()
        if not (text.isascii() and _NUMBER.match(text)):
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise ValueError(f"'{one_line(shown)}' is not a number")
        x = float(text)
        if x != x or x in (float("inf"), float("-inf")):
            raise ValueError(f"'{text}' is not a finite number")
        return False, int(x) if x.is_integer() and "." not in text and "e" not in text.lower() else x
    return False, str(raw)


# --- into the audit --------------------------------------------------------------------------


def import_submissions(
    export: Path, form: Checklist, edit: AuditEdit, media: Path | None = None, replace: bool = False
) -> Imported:
    """Read the export into ``edit.audit`` (written when the edit's block ends); InputError with every problem."""
    from cx_audit.form.into import item_mismatches
    from cx_audit.scoring.applicability import applicability

    shown = str(export)
    audit, target, audit_path = edit.audit, edit.checklist, edit.path
    if form.id != target.id:
        mismatch = next(item_mismatches(form, target), None)
        if mismatch:
            raise InputError.single(shown, mismatch)
    if media is not None and not media.is_dir():
        what = (
            "no such folder" if not media.exists() else "is not a folder (--media takes the folder of the export's media files)"
        )
        raise InputError.single(str(media), what)
    table = read_table(export, shown)
    respondent = any(question_of(h, {RESPONDENT_CODE: RESPONDENT_CODE, ROLE: ROLE}) for h in table.headers)
    rows_reader = _Rows(shown, form, target, media, respondent)
    rows = rows_reader.read(table)
    problems = rows_reader.problems
    result = Imported(warnings=list(edit.warnings) + rows_reader.warnings)
    if not rows:
        problems.append(Problem(shown, "has no submissions (no row under the header)"))
    if respondent:
        _respondents(rows, audit, audit_path, rows_reader, replace, result)
    else:
        if len(rows) > 1:
            problems.append(
                Problem(
                    shown,
                    f"has {len(rows)} submissions; the auditor's form takes exactly one (filter the export to the audit's visit)",
                )
            )
        elif rows:
            _auditor(rows[0], audit, target, rows_reader, result, applicability)
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems[MAX_PROBLEMS:] = [Problem(shown, f"and {more:,} more problems")]
    if problems:
        raise InputError(problems)
    return result


def _evidence(row: _Row, item_id: str, result: Imported) -> list[Evidence]:
    from cx_audit.files.evidence import stored_name
    from cx_audit.files.userfile import file_sha256

    photo = row.photos.get(item_id)
    if photo is None:
        return []
    digest = file_sha256(photo)
    ev = Evidence(path=stored_name(digest, photo.name), sha256=digest, caption=photo.name, digest=digest)
    result.copies.append((photo, ev))
    return [ev]


def _respondents(rows: list[_Row], audit: Audit, audit_path: Path, reader: _Rows, replace: bool, result: Imported) -> None:
    taken = {r.id for r in audit.respondents}
    in_batch: dict[str, int] = {}
    for row in rows:
        if not row.code:
            continue
        if row.code in in_batch:
            reader.error(row.number, RESPONDENT_CODE, f"respondent code '{row.code}' is also on row {in_batch[row.code]}")
        elif row.code in taken and not replace:
            reader.error(
                row.number,
                RESPONDENT_CODE,
                f"respondent '{row.code}' is already in {audit_path}; give --replace to replace their answers",
            )
        in_batch.setdefault(row.code, row.number)
    if reader.problems:
        return
    from cx_audit.form.into import _add, _Form, next_code

    n = 0
    for row in rows:
        if not row.code:
            n, row.code = next_code(n, taken, in_batch)
        if not row.answers:
            result.warnings.append(
                Problem(f"{reader.shown}:{row.number}", f"the submission has no answers; respondent {row.code} not added")
            )
            continue
        _add(audit, _Form(Path(reader.shown), row.code, row.role, row.answers))
        result.lines.append(f"respondent {row.code} ({row.role}): {len(row.answers)} answers from row {row.number}")


def _auditor(row: _Row, audit: Audit, target: Checklist, reader: _Rows, result: Imported, applicability: Any) -> None:
    answers = dict(row.answers)
    for item_id in row.photos:
        answers.setdefault(item_id, Answer())
    known = {k: a for k, a in audit.answers.items() if a.answered}
    merged = {**known, **{k: a for k, a in answers.items() if a.answered}}
    applies = applicability(target, merged)
    changed = 0
    for item_id, new in answers.items():
        if not applies.get(item_id, True) and new.answered:
            result.warnings.append(Problem(f"{reader.shown}:{row.number}", f"{item_id} does not apply, so its answer is dropped"))
            continue
        entry = audit.answers.setdefault(item_id, Answer())
        if new.answered:
            entry.value, entry.na = new.value, new.na
        if new.note:
            entry.note = new.note
        for ev in _evidence(row, item_id, result):
            if all(e.path != ev.path for e in entry.evidence):
                entry.evidence.append(ev)
        changed += 1
    result.lines.append(f"the auditor's answers: {changed} items from row {row.number}")
