"""Reading one column of a survey export: CSV (any common dialect) or .xlsx, streamed.

What survey tools export: UTF-8 with or without a byte-order mark; `,` `;` or tab as
the delimiter (detected from the header line); quoted headers with spaces and
punctuation; cells holding a label after the number (`10 - Extremely likely`); and
from Excel, whole numbers stored as `7.0`. Blank cells are skipped.

The file is read row by row and only a tally (answer -> count) is kept, so memory does
not grow with the number of rows. Each distinct cell text is parsed once: a survey
column holds a handful of distinct texts however many people answered.

Every bad cell is reported at once (the first :data:`MAX_PROBLEMS`, then how many
more), positioned by physical line for CSV (the header is line 1) and by cell for xlsx.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cx_audit.errors import InputError, Problem, one_line
from cx_audit.files.delimited import DELIMITERS as DELIMITERS
from cx_audit.files.delimited import detect_delimiter as detect_delimiter
from cx_audit.metrics.compute import SCALES
from cx_audit.model import MetricKind

MAX_PROBLEMS = 100  # bad cells listed one by one; the rest are counted
_CACHE_LIMIT = 1000  # distinct cell texts remembered (a survey column has a handful)
YES = frozenset({"y", "yes", "true", "1"})
NO = frozenset({"n", "no", "false", "0"})
_LEADING_NUMBER = re.compile(r"\s*([+-]?\d+(?:[.,]\d+)?)(.*)\Z", re.S)


@dataclass(frozen=True)
class Column:
    """What was read from one column: its header text and how often each answer came."""

    header: str
    tally: dict[int, int]

    @property
    def n(self) -> int:
        return sum(self.tally.values())


def read_column(path: Path, column: str, kind: MetricKind, shown: str | None = None) -> Column:
    """The tally of one column; InputError listing every bad cell, or when no answers."""
    shown = shown or str(path)
    if not path.is_file():
        raise InputError.single(shown, "no such file" if not path.exists() else "not a file")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".numbers", ".ods"):
        raise InputError.single(shown, f"cannot read {suffix} files: export the survey as .xlsx or CSV")
    reader = _XlsxReader(path, shown) if suffix in (".xlsx", ".xlsm") else _CsvReader(path, shown)
    return reader.read(column, kind)


def find_column(headers: list[str], column: str, shown: str) -> int:
    """A header (exact, then case-insensitive) or a 1-based column number -> 0-based index."""
    names = [h.strip() for h in headers]
    wanted = column.strip()
    if wanted in names:
        return names.index(wanted)
    folded = [i for i, h in enumerate(names) if h.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    if len(folded) > 1:
        raise InputError.single(shown, f"column '{column}' matches {len(folded)} headers differing only in case: give it exactly")
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    listed = ", ".join(f"'{h}'" for h in names if h) or "none"
    raise InputError.single(shown, f"no column '{column}' (columns: {listed}; or give a column number 1-{len(names)})")


def parse_answer(value: Any, kind: MetricKind) -> int | str | None:
    """An answer (int), None for a blank cell, or the message saying why the cell is refused."""
    if value is None:
        return None
    lo, hi = SCALES[kind]
    if isinstance(value, bool):
        if kind is MetricKind.share:
            return 1 if value else 0
        return _refused(str(value).upper(), kind)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and lo <= value <= hi:
            return int(value)
        return _refused(f"{value:g}" if isinstance(value, float) else str(value), kind)
    text = str(value).strip()
    if not text:
        return None
    if kind is MetricKind.share:
        word = text.casefold()
        if word in YES:
            return 1
        if word in NO:
            return 0
    m = _LEADING_NUMBER.match(text)
    if m is not None:
        number, rest = m.groups()
        if not rest or not rest[0].isalnum():  # `10`, `10 - Extremely likely`, `7.0`, `4: Agree`
            x = float(number.replace(",", "."))
            if x.is_integer() and lo <= x <= hi:
                return int(x)
    return _refused(text, kind)


def _refused(text: str, kind: MetricKind) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    if kind is MetricKind.share:
        return f"'{one_line(shown)}' is not yes or no (y, yes, true, 1 / n, no, false, 0)"
    lo, hi = SCALES[kind]
    return f"'{one_line(shown)}' is not a whole number from {lo} to {hi}"


class _Tally:
    """Counts answers and collects problems, parsing each distinct cell once."""

    def __init__(self, kind: MetricKind, shown: str, header: str) -> None:
        self.kind = kind
        self.shown = shown
        self.header = header
        lo, hi = SCALES[kind]
        self.lo = lo
        self.counts = [0] * (hi - lo + 1)
        self.cache: dict[Any, int | str | None] = {}
        self.problems: list[Problem] = []
        self.bad = 0

    def parse(self, cell: Any) -> int | str | None:
        try:
            return self.cache[cell]
        except KeyError:
            parsed = parse_answer(cell, self.kind)
            if len(self.cache) < _CACHE_LIMIT:
                self.cache[cell] = parsed
            return parsed
        except TypeError:  # an unhashable cell (never from csv/openpyxl); parse it plainly
            return parse_answer(cell, self.kind)

    def refuse(self, message: str, line: int | None = None, where: str | None = None) -> None:
        self.bad += 1
        if len(self.problems) < MAX_PROBLEMS:
            text = f"column '{one_line(self.header)}': {message}"
            # `survey.csv:57: ...`: a line without a column, as the SPEC writes it.
            path = f"{self.shown}:{line}" if line is not None else self.shown
            self.problems.append(Problem(path, text, where=where))

    def result(self) -> Column:
        if self.bad > len(self.problems):
            more = self.bad - len(self.problems)
            self.problems.append(Problem(self.shown, f"column '{self.header}': and {more:,} more bad cells"))
        if self.problems:
            raise InputError(self.problems)
        tally = {self.lo + i: c for i, c in enumerate(self.counts) if c}
        if not tally:
            raise InputError.single(self.shown, f"column '{self.header}' has no answers (every cell is blank)")
        return Column(self.header.strip(), tally)


class _CsvReader:
    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown

    def read(self, column: str, kind: MetricKind) -> Column:
        try:
            with open(self.path, encoding="utf-8-sig", newline="") as f:
                return self._read(f, column, kind)
        except UnicodeDecodeError:
            raise InputError.single(
                self.shown, "is not UTF-8 text: export it again as CSV UTF-8 (in Excel: Save As, 'CSV UTF-8')"
            ) from None
        except OSError as exc:
            raise InputError.single(self.shown, f"cannot read: {exc.strerror or exc}") from None

    def _read(self, f: Any, column: str, kind: MetricKind) -> Column:
        first = f.readline()
        if not first.strip():
            raise InputError.single(self.shown, "the file is empty: the first line must hold the column headers")
        delimiter = detect_delimiter(first)
        try:
            headers = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration) as exc:
            raise InputError.single(f"{self.shown}:1", f"cannot read the header line: {exc}") from None
        index = find_column(headers, column, self.shown)
        tally = _Tally(kind, self.shown, headers[index].strip())
        counts, lo, parse = tally.counts, tally.lo, tally.parse
        reader = csv.reader(f, delimiter=delimiter)
        previous = 0  # physical lines read so far after the header
        try:
            for row in reader:
                if index < len(row):
                    value = parse(row[index])
                    if type(value) is int:
                        counts[value - lo] += 1
                    elif value is not None:
                        tally.refuse(str(value), line=previous + 2)
                previous = reader.line_num
        except csv.Error as exc:
            tally.refuse(f"cannot read this line: {exc}", line=reader.line_num + 1)
        return tally.result()


class _XlsxReader:
    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown

    def read(self, column: str, kind: MetricKind) -> Column:
        from openpyxl import load_workbook
        from openpyxl.utils import get_column_letter

        try:
            wb = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise InputError.single(self.shown, f"cannot read the workbook: {exc}") from None
        try:
            ws = wb.worksheets[0]
            rows: Iterator[tuple[Any, ...]] = ws.iter_rows(min_row=1, max_row=1, values_only=True)
            headers = ["" if v is None else str(v) for v in next(rows, ())]
            if not any(h.strip() for h in headers):
                raise InputError.single(self.shown, f"sheet '{ws.title}' row 1 must hold the column headers")
            index = find_column(headers, column, self.shown)
            letter = get_column_letter(index + 1)
            tally = _Tally(kind, self.shown, headers[index].strip())
            counts, lo, parse = tally.counts, tally.lo, tally.parse
            cells = ws.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1)
            for row in cells:
                if not row:
                    continue
                cell = row[0]
                value = parse(cell.value)
                if type(value) is int:
                    counts[value - lo] += 1
                elif value is not None:
                    tally.refuse(str(value), where=f"sheet '{ws.title}' cell {letter}{cell.row}")
            return tally.result()
        finally:
            wb.close()
