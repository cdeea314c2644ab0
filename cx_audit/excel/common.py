"""What the Excel report and the questionnaire share: safe cells, one look, byte-stable saving.

- Text never becomes a formula: every string goes into a cell whose type is forced to
  text, so ``=HYPERLINK(...)``, ``+1``, ``-x`` and ``@x`` are shown as typed.
- One palette and a few cell styles, so every workbook looks like the same product.
- :func:`workbook_bytes` saves with the document times and the zip entry times pinned to
  a given stamp, so the same inputs give byte-identical files (openpyxl would otherwise
  write the current time in three places).

openpyxl is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any
from xml.sax.saxutils import escape

MAX_CELL_TEXT = 32767  # Excel's limit for one cell
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")

# The palette: navy headers, a pale blue for section rows, a pale yellow for cells to fill in.
NAVY = "1F3864"
BLUE_PALE = "DDE5F2"
GREY_TEXT = "595959"
GREY_LINE = "BFBFBF"
INPUT_FILL = "FFF6D5"
FONT = "Calibri"

SCORE_FORMAT = "0.0"
PERCENT_FORMAT = "0.0%"
DELTA_FORMAT = "+0.0;-0.0;0.0"
DATE_FORMAT = "yyyy-mm-dd"
INT_FORMAT = "0"

# Fill and font colours for bands, best first (green, light green, amber, red).
BAND_COLOURS = (("C6EFCE", "006100"), ("E2EFDA", "375623"), ("FFEB9C", "9C5700"), ("FFC7CE", "9C0006"))


def clean_text(text: str) -> str:
    """Text a cell can hold: no control characters XML forbids, at most Excel's length."""
    text = _ILLEGAL.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


def text_lines(text: str, width: float, size: float = 11) -> int:
    """About how many lines a wrapped text takes in a column ``width`` characters wide.

    Row heights are set from this, generously: Excel does not grow rows to fit wrapped
    text it did not type itself, and a cut-off question is worse than some white space.
    """
    per_line = max(1.0, width * 1.1 * 11 / size)
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, math.ceil(len(paragraph) / per_line))
    return lines


def row_height(lines: int, size: float = 11) -> float:
    """Points for that many lines of text (Excel's limit is 409)."""
    return min(409.0, round(lines * size * 1.35 + 4, 1))


def fit_height(values: Sequence[Any], wrapped: Sequence[tuple[int, float, float]]) -> float | None:
    """The height of a row whose wrapped columns (index, width, font size) hold these values.

    None when every text fits on one line: the row keeps the default height.
    """
    lines = 1
    for i, width, size in wrapped:
        value = values[i] if i < len(values) else None
        if isinstance(value, (Formatted, Styled)):
            value = value.value
        if isinstance(value, str) and value:
            lines = max(lines, text_lines(value, width, size))
    return row_height(lines) if lines > 1 else None


def safe_title(title: str, taken: Iterable[str] = ()) -> str:
    """A sheet title Excel accepts: no []:*?/\\, not blank, at most 31 characters, unique."""
    base = _TITLE_BAD.sub(" ", clean_text(title)).strip().strip("'") or "Sheet"
    base = base[:31]
    lowered = {t.lower() for t in taken}
    candidate, n = base, 2
    while candidate.lower() in lowered:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


def format_literal(text: str) -> str:
    """Text safe inside a quoted number-format literal (for '0" · Managed"', 'General" %"')."""
    return clean_text(text).replace('"', "'").replace("\\", "/")


def quote_sheet(title: str) -> str:
    """A sheet title as it appears in a formula or reference: 'It''s here'."""
    return "'" + title.replace("'", "''") + "'"


def excel_value(value: Any) -> Any:
    """A Python value as a cell stores it: text cleaned, -0.0 as 0.0, anything else as is."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float):
        return value + 0.0
    return value


def set_value(cell: Any, value: Any) -> Any:
    """Put a value in a cell; strings are always stored as text, never as formulas."""
    value = excel_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


# --- styles -----------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """How a cell looks: font, fill, alignment, border, number format, locked or not."""

    bold: bool = False
    italic: bool = False
    size: float = 11
    colour: str = "000000"
    fill: str | None = None
    number_format: str | None = None
    wrap: bool = False
    horizontal: str | None = None
    vertical: str = "top"
    border: bool = False
    locked: bool = True
    indent: int = 0
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def apply(self, cell: Any) -> Any:
        """Style a cell (shared openpyxl style objects are built once per Look)."""
        parts = self._cache.get("parts")
        if parts is None:
            parts = self._cache["parts"] = self._build()
        font, fill, align, border, protection = parts
        cell.font = font
        if fill is not None:
            cell.fill = fill
        cell.alignment = align
        if border is not None:
            cell.border = border
        if protection is not None:
            cell.protection = protection
        if self.number_format:
            cell.number_format = self.number_format
        return cell

    def _build(self) -> tuple[Any, Any, Any, Any, Any]:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        font = Font(name=FONT, bold=self.bold, italic=self.italic, size=self.size, color=self.colour)
        fill = PatternFill("solid", start_color=self.fill, end_color=self.fill) if self.fill else None
        align = Alignment(wrap_text=self.wrap, horizontal=self.horizontal, vertical=self.vertical, indent=self.indent)
        side = Side(style="thin", color=GREY_LINE)
        border = Border(left=side, right=side, top=side, bottom=side) if self.border else None
        protection = None if self.locked else Protection(locked=False)
        return font, fill, align, border, protection

    def but(self, **changes: Any) -> Look:
        values = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "_cache"}
        values.update(changes)
        return Look(**values)


PLAIN = Look()
WRAP = Look(wrap=True)
TITLE = Look(bold=True, size=18, colour=NAVY, vertical="center")
SUBTITLE = Look(italic=True, colour=GREY_TEXT)
LABEL = Look(bold=True, colour=GREY_TEXT)
HEADER = Look(bold=True, colour="FFFFFF", fill=NAVY, wrap=True, vertical="center")
HEADER_NUM = HEADER.but(horizontal="right")
HEADING = Look(bold=True, size=13, colour=NAVY)
SCORE = Look(number_format=SCORE_FORMAT)
SCORE_BIG = Look(bold=True, size=16, colour=NAVY, number_format=SCORE_FORMAT, horizontal="left", vertical="center")
PERCENT = Look(number_format=PERCENT_FORMAT, horizontal="left")
DELTA = Look(number_format=DELTA_FORMAT)
DATE = Look(number_format=DATE_FORMAT, horizontal="left")
INT = Look(number_format=INT_FORMAT)
CENTRE = Look(horizontal="center")


def band_look(label: str | None, labels: Sequence[str], **extra: Any) -> Look:
    """A filled look for a band, by its rank among the checklist's bands (best first)."""
    if label is None or label not in labels:
        return Look(colour=GREY_TEXT, italic=True, **extra)
    rank = labels.index(label)
    # Spread the palette over however many bands there are: best green, worst red.
    k = 0 if len(labels) <= 1 else round(rank * (len(BAND_COLOURS) - 1) / (len(labels) - 1))
    fill, colour = BAND_COLOURS[k]
    return Look(fill=fill, colour=colour, bold=True, **extra)


# --- write-only sheets ------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    look: Look = PLAIN

    @property
    def header_look(self) -> Look:
        """Headers of right-aligned (numeric) columns are right-aligned too."""
        if self.look.horizontal == "center":
            return HEADER.but(horizontal="center")
        numeric = self.look.number_format is not None and self.look.horizontal != "left"
        return HEADER_NUM if numeric else HEADER


@dataclass(frozen=True)
class Formatted:
    """A value with its own number format: a rating shown with its label, a number with its unit."""

    value: Any
    number_format: str


@dataclass(frozen=True)
class Styled:
    """A value with its own look, overriding its column's."""

    value: Any
    look: Look


class FastRows:
    """The rows of a large table, serialised straight to sheet XML.

    openpyxl's write-only mode streams rows, but builds a cell object and an XML element
    per cell (about 20 µs each without lxml): 400,000 cells take seconds. Table rows are
    plain (one style per column), so they are written here as XML text, with the style
    ids openpyxl registered for each column's look, and spliced into the sheet openpyxl
    writes (after its header row) when the workbook is saved. Strings are always inline
    text, never formulas.
    """

    def __init__(self, ws: Any, columns: Sequence[Column], first_row: int = 2) -> None:
        from openpyxl.utils import get_column_letter

        self.ws = ws
        self.looks = [c.look for c in columns]
        looks = self.looks
        self.wrapped = [(i, c.width, c.look.size) for i, c in enumerate(columns) if c.look.wrap]
        self.letters = [get_column_letter(i) for i in range(1, len(looks) + 1)]
        self.styles = [style_id(ws, look) for look in self.looks]
        self._formatted: dict[tuple[int, str], int] = {}
        self._styled: dict[Look, int] = {}
        self.out: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Book.to_bytes; rows wait on disk
        self.count = 0
        self.next_row = first_row
        self.epoch = ws.parent.epoch

    @property
    def rows(self) -> int:
        """How many rows were appended."""
        return self.count

    def append(self, values: Sequence[Any], height: float | None = None) -> None:
        """One row; its height fits the longest wrapped text unless given."""
        r = self.next_row
        if height is None and self.wrapped:
            height = fit_height(values, self.wrapped)
        parts = [f'<row r="{r}" ht="{height}" customHeight="1">' if height else f'<row r="{r}">']
        for i, value in enumerate(values):
            style = self.styles[i]
            if isinstance(value, Formatted):
                style = self._format_style(i, value.number_format)
                value = value.value
            elif isinstance(value, Styled):
                style = self._styled.get(value.look) or self._styled.setdefault(value.look, style_id(self.ws, value.look))
                value = value.value
            parts.append(self._cell(f"{self.letters[i]}{r}", style, value))
        parts.append("</row>")
        self.out.write("".join(parts).encode("utf-8"))
        self.count += 1
        self.next_row += 1

    def _format_style(self, column: int, number_format: str) -> int:
        key = (column, number_format)
        found = self._formatted.get(key)
        if found is None:
            found = self._formatted[key] = style_id(self.ws, self.looks[column].but(number_format=number_format))
        return found

    def _cell(self, ref: str, style: int, value: Any) -> str:
        s = f' s="{style}"' if style else ""
        if value is None or value == "":
            return f'<c r="{ref}"{s}/>' if style else ""
        if isinstance(value, bool):
            return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)):
            if isinstance(value, float) and not math.isfinite(value):
                return f'<c r="{ref}"{s}/>' if style else ""
            number = value + 0.0 if isinstance(value, float) else value  # -0.0 → 0.0
            return f'<c r="{ref}"{s}><v>{number!r}</v></c>'
        if isinstance(value, (dt.date, dt.datetime)):
            from openpyxl.utils.datetime import to_excel

            return f'<c r="{ref}"{s}><v>{to_excel(value, self.epoch)!r}</v></c>'
        text = escape(clean_text(str(value)))
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'

    def xml(self) -> IO[bytes]:
        """The rows' XML, read from the start."""
        self.out.seek(0)
        return self.out


def style_id(ws: Any, look: Look) -> int:
    """The index openpyxl gives a look in the workbook's cell styles (registering it)."""
    from openpyxl.cell import WriteOnlyCell

    return int(look.apply(WriteOnlyCell(ws)).style_id)


def cell(ws: Any, value: Any, look: Look | None = None) -> Any:
    """One write-only cell: the value stored safely, styled when a look is given."""
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws)
    set_value(c, value)
    if look is not None:
        look.apply(c)
    return c


def setup_sheet(
    ws: Any,
    widths: Sequence[float],
    *,
    freeze: str | None = None,
    title_rows: str | None = None,
    landscape: bool = True,
    grid: bool = False,
) -> None:
    """Column widths, frozen panes and print setup; call before the first row is written."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if freeze:
        ws.freeze_panes = freeze
    ws.sheet_view.showGridLines = grid
    ws.sheet_view.zoomScale = 100
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = False
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.left.size = ws.oddFooter.right.size = 8


class Book:
    """A write-only workbook, plus the fast tables to splice into it when saved."""

    def __init__(self) -> None:
        from openpyxl import Workbook

        self.wb = Workbook(write_only=True)
        self.tables: list[FastRows] = []

    def sheet(self, title: str) -> Any:
        return self.wb.create_sheet(safe_title(title, self.wb.sheetnames))

    def table(self, title: str, columns: Sequence[Column], *, freeze: str = "A2", header_height: float = 30) -> FastRows:
        """A sheet with a styled header row, frozen under it, printed with it on every page."""
        ws = self.sheet(title)
        setup_sheet(ws, [c.width for c in columns], freeze=freeze, title_rows="1:1")
        lines = max(text_lines(c.header, c.width - 1) for c in columns)  # bold headers run a little wider
        ws.row_dimensions[1].height = max(header_height, row_height(lines))
        ws.append([cell(ws, c.header, c.header_look) for c in columns])
        rows = FastRows(ws, columns)
        self.tables.append(rows)
        return rows

    def to_bytes(self, stamp: dt.datetime) -> bytes:
        splices = {}
        for t in self.tables:
            index = self.wb.worksheets.index(t.ws) + 1
            splices[f"xl/worksheets/sheet{index}.xml"] = t.xml()
        try:
            return workbook_bytes(self.wb, stamp, splices)
        finally:
            for t in self.tables:
                t.out.close()


def autofilter(table: FastRows) -> str:
    """Filter buttons over the table (header and rows); returns its range, A1:K42."""
    ref = f"A1:{table.letters[-1]}{max(table.next_row - 1, 2)}"
    table.ws.auto_filter.ref = ref
    return ref


def colour_scale(ws: Any, ref: str, low: float = 0, mid: float = 50, high: float = 100) -> None:
    """Red → amber → green over scores."""
    from openpyxl.formatting.rule import ColorScaleRule

    ws.conditional_formatting.add(
        ref,
        ColorScaleRule(
            start_type="num",
            start_value=low,
            start_color="F8696B",
            mid_type="num",
            mid_value=mid,
            mid_color="FFEB84",
            end_type="num",
            end_value=high,
            end_color="63BE7B",
        ),
    )


# --- saving -----------------------------------------------------------------------

_MIN_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _PinnedZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one fixed time and the same attributes."""

    def __init__(self, file: io.BytesIO, date_time: tuple[int, int, int, int, int, int], splices: dict[str, IO[bytes]]) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._pinned = date_time
        self._splices = splices

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self._pinned)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o644 << 16
        return info

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: bytes | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        super().writestr(self._info(name), data)

    def write(  # type: ignore[override]
        self,
        filename: str,
        arcname: str | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        with open(filename, "rb") as fh:
            data = fh.read()
        name = arcname or filename
        rows = self._splices.get(name)
        if rows is None:
            self.writestr(name, data)
            return
        # openpyxl wrote the header row; the table's rows go in before </sheetData>, streamed.
        head, end, tail = data.partition(b"</sheetData>")
        if not end:
            raise AssertionError(f"{name}: no sheetData to add rows to")
        with self.open(self._info(name), "w") as dest:
            dest.write(head)
            shutil.copyfileobj(rows, dest, 1 << 20)
            dest.write(end + tail)


def zip_time(stamp: dt.datetime) -> tuple[int, int, int, int, int, int]:
    t = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    return max(t, _MIN_ZIP_TIME)


def workbook_bytes(wb: Any, stamp: dt.datetime, splices: dict[str, IO[bytes]] | None = None) -> bytes:
    """The workbook as .xlsx bytes, identical for identical content and stamp.

    openpyxl's own ``save`` stamps "now" into docProps/core.xml and every zip entry;
    here the document's created/modified times and the entries' times are all ``stamp``.
    """
    from openpyxl.writer.excel import ExcelWriter

    props = wb.properties
    props.created = props.modified = stamp.replace(tzinfo=None, microsecond=0)
    props.creator = props.lastModifiedBy = "cx-audit"
    buffer = io.BytesIO()
    archive = _PinnedZip(buffer, zip_time(stamp), splices or {})
    ExcelWriter(wb, archive).save()
    return buffer.getvalue()
