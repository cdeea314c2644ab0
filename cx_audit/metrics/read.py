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
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cx_audit.errors import InputError, Problem, one_line
from cx_audit.files.delimited import DELIMITERS as DELIMITERS
from cx_audit.files.delimited import detect_delimiter as detect_delimiter
from cx_audit.metric_formulas import SCALES
from cx_audit.model import MetricKind

MAX_PROBLEMS = 100  # bad cells listed one by one; the rest are counted
_CACHE_LIMIT = 1000  # distinct cell texts remembered (a survey column has a handful)
MAX_COLUMNS = 16_384  # Excel's last column, XFD: where row 1 of a workbook is searched for headers
YES = frozenset({"y", "yes", "true", "1"})
NO = frozenset({"n", "no", "false", "0"})
# ASCII digits only: `\d` alone would take Arabic-Indic and fullwidth digits as answers.
_LEADING_NUMBER = re.compile(r"\s*([+-]?[0-9]+(?:[.,][0-9]+)?)(.*)\Z", re.S)


SUMMARY_AT = 3  # this many bad cells with one message are one line, with the first few positions
SHOWN_POSITIONS = 5
QUALTRICS_IMPORT_ID = '{"importid"'


@dataclass(frozen=True)
class ReadOptions:
    """How to read a real export (SPEC Part 3, issue 23): header rows, labels, order, filter."""

    header_rows: int | None = None  # rows before the answers, the header included; None: recognised
    mapping: dict[str, int | None] = field(default_factory=dict)  # --map: folded label -> answer (None: skip)
    reverse: bool = False  # --reverse: the tool numbered the best answer first
    where: tuple[tuple[str, str], ...] = ()  # --where COLUMN=VALUE


@dataclass(frozen=True)
class Column:
    """What was read from one column: its header text and how often each answer came."""

    header: str
    tally: dict[int, int]
    blank: int = 0  # blank cells skipped
    skipped: int = 0  # answers left out by --map LABEL=skip
    left_out: int = 0  # rows --where left out
    header_note: str = ""  # extra header rows skipped, as the user is told
    warnings: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return sum(self.tally.values())


def read_column(
    path: Path, column: str, kind: MetricKind, shown: str | None = None, options: ReadOptions | None = None
) -> Column:
    """The tally of one column; InputError listing every bad cell, or when no answers."""
    shown = shown or str(path)
    options = options or ReadOptions()
    if not path.is_file():
        raise InputError.single(shown, "no such file" if not path.exists() else "not a file")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".numbers", ".ods"):
        raise InputError.single(shown, f"cannot read {suffix} files: export the survey as .xlsx or CSV")
    reader = _XlsxReader(path, shown) if suffix in (".xlsx", ".xlsm") else _CsvReader(path, shown)
    return reader.read(column, kind, options)


def find_column(headers: list[str], column: str, shown: str) -> int:
    """A header (exact, then case-insensitive) or a 1-based column number -> 0-based index."""
    names = [h.strip() for h in headers]
    wanted = column.strip()
    if wanted in names:
        first = names.index(wanted)
        if wanted in names[first + 1 :]:
            again = names.index(wanted, first + 1)
            raise InputError.single(
                shown,
                f"column '{one_line(wanted)}' is the header of both column {first + 1} ({_letters(first)}) and column "
                f"{again + 1} ({_letters(again)}): rename one in the export, or give the column number",
            )
        return first
    folded = [i for i, h in enumerate(names) if h.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    if len(folded) > 1:
        raise InputError.single(shown, f"column '{column}' matches {len(folded)} headers differing only in case: give it exactly")
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    listed = ", ".join(f"'{h}'" for h in names if h) or "none"
    raise InputError.single(shown, f"no column '{column}' (columns: {listed}; or give a column number 1-{len(names)})")


def _letters(index: int) -> str:
    """A 0-based column index as spreadsheet letters: 0 -> A, 27 -> AB."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _text(value: Any) -> str:
    """A cell as the text a person sees: `True`, `1` for 1.0, the string stripped."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def header_rows_of(header: list[str], following: list[list[Any]]) -> tuple[int, str]:
    """How many rows after the header are more header rows, and whose layout that is.

    Qualtrics: a row of question texts, then a row of `{"ImportId": ...}`; SurveyMonkey:
    a second row naming each column's answer option (`Response`, `Open-Ended Response`,
    an option's label) with the respondent columns blank.
    """
    for k, row in enumerate(following[:2]):
        if any(_text(v).replace(" ", "").casefold().startswith(QUALTRICS_IMPORT_ID) for v in row):
            return k + 1, "Qualtrics: question texts and ImportIds"
    if following:
        second = [_text(v).casefold() for v in following[0]]
        folded = [h.strip().casefold() for h in header]
        if "respondent id" in folded:
            at = folded.index("respondent id")
            if at >= len(second) or not second[at]:
                return 1, "SurveyMonkey: answer options"
        if any(c in ("response", "open-ended response") for c in second):
            return 1, "SurveyMonkey: answer options"
    return 0, ""


class _Where:
    """`--where COLUMN=VALUE`: a row is kept when each column named holds one of its values."""

    def __init__(self, where: tuple[tuple[str, str], ...], headers: list[str], shown: str) -> None:
        wanted: dict[int, set[str]] = {}
        for column, value in where:
            wanted.setdefault(find_column(headers, column, shown), set()).add(value.strip().casefold())
        self.wanted = wanted
        self.columns = sorted(wanted)

    def keeps(self, row: Any) -> bool:
        for index, values in self.wanted.items():
            cell = row[index] if index < len(row) else None
            if _text(cell).casefold() not in values:
                return False
        return True


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


class _Refusal(str):
    """The message refusing a cell (a str, so the tally tells it from an answer by type)."""


SKIPPED = -(10**9)  # a cell `--map LABEL=skip` leaves out


class _Tally:
    """Counts answers and collects problems, parsing each distinct cell once."""

    def __init__(self, kind: MetricKind, shown: str, header: str, options: ReadOptions | None = None) -> None:
        from cx_audit.metrics.labels import LABEL_SETS

        self.kind = kind
        self.shown = shown
        self.header = header
        self.options = options or ReadOptions()
        lo, hi = SCALES[kind]
        self.lo, self.hi = lo, hi
        self.labels = LABEL_SETS[kind]
        self.counts = [0] * (hi - lo + 1)
        self.cache: dict[Any, int | str | None] = {}
        self.by_message: dict[str, list[tuple[str, str | None]]] = {}  # message -> first positions
        self.seen: dict[str, int] = {}  # message -> how many cells
        self.blank = 0
        self.skipped = 0
        self.left_out = 0
        self.other = 0  # bad cells past MAX_PROBLEMS different messages
        self.header_note = ""
        self.pairs: dict[int, str] = {}  # a number's label in cells like `1 - Very satisfied`

    def parse(self, cell: Any) -> int | str | None:
        try:
            return self.cache[cell]
        except KeyError:
            parsed = self._parse(cell)
            if len(self.cache) < _CACHE_LIMIT:
                self.cache[cell] = parsed
            return parsed
        except TypeError:  # an unhashable cell (never from csv/openpyxl); parse it plainly
            return self._parse(cell)

    def _parse(self, cell: Any) -> int | str | None:
        from cx_audit.metrics.labels import fold

        options = self.options
        if options.mapping and cell is not None:
            key = fold(_text(cell))
            if key in options.mapping:
                mapped = options.mapping[key]
                return SKIPPED if mapped is None else mapped
        parsed = parse_answer(cell, self.kind)
        if type(parsed) is int:
            text = _text(cell)
            if isinstance(cell, str) and self.kind is not MetricKind.share:
                m = _LEADING_NUMBER.match(text)
                rest = fold(m.group(2).lstrip(" -–—:.)")) if m else ""
                if rest:
                    self.pairs.setdefault(parsed, rest)
            if options.reverse and self.kind is not MetricKind.share:
                return self.lo + self.hi - parsed
            return parsed
        if isinstance(parsed, str):
            label = self.labels.get(fold(_text(cell)))
            if label is not None:
                return label
            return _Refusal(parsed)
        return parsed

    def refuse(self, message: str, line: int | None = None, where: str | None = None) -> None:
        if message not in self.seen and len(self.seen) >= MAX_PROBLEMS:
            self.other += 1  # memory stays bounded however many different bad texts there are
            return
        seen = self.seen.get(message, 0)
        self.seen[message] = seen + 1
        if seen < SHOWN_POSITIONS:
            # `survey.csv:57: ...`: a line without a column, as the SPEC writes it.
            self.by_message.setdefault(message, []).append((f"{self.shown}:{line}" if line is not None else self.shown, where))

    def _problems(self) -> list[Problem]:
        """One line per bad cell; a message repeated SUMMARY_AT times or more is one line for them all."""
        problems: list[Problem] = []
        for message, positions in self.by_message.items():
            text = f"column '{one_line(self.header)}': {message}"
            count = self.seen[message]
            if count < SUMMARY_AT:
                problems += [Problem(path, text, where=where) for path, where in positions]
                continue
            shown = [(w.rsplit(" ", 1)[-1] if w else p.rsplit(":", 1)[-1]) for p, w in positions]
            what = "cells" if positions[0][1] else "lines"
            more = f" and {count - len(shown):,} more" if count > len(shown) else ""
            first_path, first_where = positions[0]
            problems.append(Problem(first_path, f"{text}; {count:,} {what} like it: {', '.join(shown)}{more}", where=first_where))
        if len(problems) > MAX_PROBLEMS:
            cut = len(problems) - MAX_PROBLEMS
            problems[MAX_PROBLEMS:] = [Problem(self.shown, f"column '{self.header}': and {cut:,} more lines of bad cells")]
        if self.other:
            problems.append(Problem(self.shown, f"column '{self.header}': and {self.other:,} more bad cells"))
        return problems

    def best_first(self) -> str:
        """A warning when the numbers' own labels run best-first (`1 - Very satisfied`)."""
        ranked = [(n, self.labels[label], label) for n, label in sorted(self.pairs.items()) if label in self.labels]
        if len(ranked) < 2 or self.options.reverse:
            return ""
        low, high = ranked[0], ranked[-1]
        if low[1] > high[1]:
            return (
                f"column '{one_line(self.header)}': the export numbers the best answer first ({low[0]} is "
                f"'{one_line(low[2])}', {high[0]} is '{one_line(high[2])}'); give --reverse to read {low[0]} as {self.hi}"
            )
        return ""

    def result(self) -> Column:
        problems = self._problems()
        if problems:
            raise InputError(problems)
        tally = {self.lo + i: c for i, c in enumerate(self.counts) if c}
        if not tally:
            raise InputError.single(self.shown, f"column '{self.header}' has no answers (every cell is blank)")
        warning = self.best_first()
        return Column(
            self.header.strip(), tally, self.blank, self.skipped, self.left_out, self.header_note, (warning,) if warning else ()
        )


def _check_header_rows(n: int | None, shown: str) -> None:
    if n is not None and n < 1:
        raise InputError.single(shown, f"--header-rows {n}: give 1 or more (the header row counts)")


def _add(tally: _Tally, value: int | str | None, line: int | None = None, where: str | None = None) -> None:
    """Count one parsed cell that is not a plain answer: blank, skipped or refused."""
    if value is None:
        tally.blank += 1
    elif type(value) is int:
        if value == SKIPPED:
            tally.skipped += 1
        else:
            tally.counts[value - tally.lo] += 1
    else:
        tally.refuse(str(value), line=line, where=where)


class _CsvReader:
    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown

    def read(self, column: str, kind: MetricKind, options: ReadOptions) -> Column:
        try:
            with open(self.path, encoding="utf-8-sig", newline="") as f:
                return self._read(f, column, kind, options)
        except UnicodeDecodeError:
            raise InputError.single(
                self.shown, "is not UTF-8 text: export it again as CSV UTF-8 (in Excel: Save As, 'CSV UTF-8')"
            ) from None
        except OSError as exc:
            raise InputError.single(self.shown, f"cannot read: {exc.strerror or exc}") from None

    def _read(self, f: Any, column: str, kind: MetricKind, options: ReadOptions) -> Column:
        first = f.readline()
        if not first.strip():
            raise InputError.single(self.shown, "the file is empty: the first line must hold the column headers")
        delimiter = detect_delimiter(first)
        try:
            headers = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration) as exc:
            raise InputError.single(f"{self.shown}:1", f"cannot read the header line: {exc}") from None
        _check_header_rows(options.header_rows, self.shown)
        index = find_column(headers, column, self.shown)
        where = _Where(options.where, headers, self.shown)
        tally = _Tally(kind, self.shown, headers[index].strip(), options)
        counts, lo, parse = tally.counts, tally.lo, tally.parse
        reader = csv.reader(f, delimiter=delimiter)
        previous = 0  # physical lines read so far after the header
        last_start = 0  # the line the last row started on, when it spanned several lines
        ahead: list[tuple[int, list[str]]] = []  # the rows that may be more header rows
        try:
            wanted = 2 if options.header_rows is None else options.header_rows - 1
            for row in reader:
                ahead.append((previous + 2, row))
                previous = reader.line_num
                if len(ahead) >= wanted:
                    break
            if options.header_rows is None:
                extra, whose = header_rows_of(headers, [r for _, r in ahead])
                tally.header_note = f"{extra} more header row{'s' if extra > 1 else ''} skipped ({whose})" if extra else ""
            else:
                extra = min(options.header_rows - 1, len(ahead))
            filtering = bool(where.wanted)

            def rows() -> Iterator[tuple[int, list[str]]]:
                nonlocal previous
                yield from ahead[extra:]
                for row in reader:
                    yield previous + 2, row
                    previous = reader.line_num

            for line, row in rows():
                last_start = line if reader.line_num - (line - 2) > 1 else 0
                if filtering and not where.keeps(row):
                    tally.left_out += 1
                    continue
                value = parse(row[index]) if index < len(row) else None
                if type(value) is int and value != SKIPPED:
                    counts[value - lo] += 1
                else:
                    _add(tally, value, line=line)
        except csv.Error as exc:
            tally.refuse(f"cannot read this line: {exc}", line=reader.line_num + 1)
        if last_start and self._unterminated(last_start, delimiter):
            tally.refuse(
                'a quote (") opened on this line is never closed, so the rest of the file would be read as one cell',
                line=last_start,
            )
        return tally.result()

    def _unterminated(self, start: int, delimiter: str) -> bool:
        """Whether the row starting on line ``start`` (the last, over several lines) has a quote never closed.

        The lenient reader takes a quote left open as a cell running to the end of the
        file; the strict one says so, and is asked only about that last row.
        """
        with open(self.path, encoding="utf-8-sig", newline="") as f:
            rest = itertools.islice(f, start - 1, None)
            try:
                for _ in csv.reader(rest, delimiter=delimiter, strict=True):
                    pass
            except csv.Error as exc:
                return "end of data" in str(exc)
        return False


class _XlsxReader:
    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown

    def read(self, column: str, kind: MetricKind, options: ReadOptions) -> Column:
        from openpyxl.utils import get_column_letter

        from cx_audit.files.workbook import first_sheet, open_workbook, sheet_rows

        wb = open_workbook(self.path, self.shown, data_only=True)
        try:
            ws = first_sheet(wb, self.shown)
            top = list(sheet_rows(ws, self.shown, max_row=3, max_col=MAX_COLUMNS))
            headers = ["" if c.value is None else str(c.value) for c in (top[0] if top else ())]
            while headers and not headers[-1].strip():
                headers.pop()
            if not any(h.strip() for h in headers):
                raise InputError.single(self.shown, f"sheet '{one_line(ws.title)}' row 1 must hold the column headers")
            _check_header_rows(options.header_rows, self.shown)
            index = find_column(headers, column, self.shown)
            where = _Where(options.where, headers, self.shown)
            letter = get_column_letter(index + 1)
            tally = _Tally(kind, self.shown, headers[index].strip(), options)
            counts, lo, parse = tally.counts, tally.lo, tally.parse
            if options.header_rows is None:
                extra, whose = header_rows_of(headers, [[c.value for c in r] for r in top[1:]])
                tally.header_note = f"{extra} more header row{'s' if extra > 1 else ''} skipped ({whose})" if extra else ""
            else:
                extra = options.header_rows - 1
            first = min([index, *where.columns]) + 1
            last = max([index, *where.columns]) + 1
            shift = first - 1
            cells = sheet_rows(ws, self.shown, min_row=2 + extra, min_col=first, max_col=last)
            for number, row in enumerate(cells, 2 + extra):
                if not row:
                    continue
                if where.wanted and not where.keeps([None] * shift + [c.value for c in row]):
                    tally.left_out += 1
                    continue
                at = index - shift
                if at >= len(row):
                    tally.blank += 1
                    continue
                cell = row[at]
                value = parse(cell.value)
                if type(value) is int and value != SKIPPED:
                    counts[value - lo] += 1
                else:
                    _add(tally, value, where=f"sheet '{one_line(ws.title)}' cell {letter}{number}")
            return tally.result()
        finally:
            wb.close()
