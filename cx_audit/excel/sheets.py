"""Write-only sheets: streamed rows (FastRows), styles by id, the Book that holds them."""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any
from xml.sax.saxutils import escape

from cx_audit.excel.cells import excel_value, fit_height, row_height, safe_title, set_value, text_lines
from cx_audit.excel.looks import HEADER, HEADER_NUM, PLAIN, Formatted, Look, Styled
from cx_audit.excel.saving import workbook_bytes

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
        text = escape(excel_value(str(value)))
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


def date_validation(title: str, error: str) -> Any:
    """A cell check that accepts dates from 2000 to 2100 (or blank), with the error shown otherwise."""
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(
        type="date",
        operator="between",
        formula1="36526",  # 2000-01-01
        formula2="73415",  # 2100-12-31
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=error,
    )
