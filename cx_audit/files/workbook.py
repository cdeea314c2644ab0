"""The one way to read an .xlsx workbook that came from someone else.

Every workbook cx-audit reads goes through :func:`open_workbook` and, for its rows,
:func:`sheet_rows`: questionnaires (`import`), the Actions sheet (`actions pull`) and
survey exports (`metrics`). A workbook is a zip of XML files, and a hostile or broken
one must end in one input error line (exit 2), never a traceback, a hang or the
machine's memory. Before openpyxl sees the file:

- it must be a regular file and a zip with ``xl/workbook.xml``;
- the zip may hold at most :data:`MAX_ENTRIES` entries, unpacking to at most
  ``max_unpacked`` bytes in all (the sizes the zip declares; Python's zip reader never
  unpacks more than an entry declares), and any part other than a worksheet (shared
  strings, styles: read whole into memory) to at most :data:`MAX_PART_BYTES`;
- no XML part may carry a document type declaration (``<!DOCTYPE``): entity
  declarations, entity expansion ("billion laughs") and external entities (XXE) all
  need one, and Excel, LibreOffice and openpyxl never write one. Every part must start
  as UTF-8 (or ASCII) XML.

Then the workbook is opened read-only (rows are streamed, memory does not grow with the
sheet) unless the caller needs random access, and :func:`sheet_rows` reads only the
columns asked for, stopping with a positioned error past ``max_rows`` rows. Malformed
XML met while streaming is an input error naming the sheet.

Errors quote user text through :func:`cut`, as every other input error does.
"""

from __future__ import annotations

import os
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cx_audit.errors import InputError, one_line

MAX_ENTRIES = 10_000  # a workbook of a few sheets has a few dozen
MAX_UNPACKED_BYTES = 2_000_000_000  # worksheets are streamed; this bounds the time, not the memory
MAX_PART_BYTES = 64_000_000  # shared strings, styles, the workbook part: each read whole
EXCEL_MAX_ROWS = 1_048_576  # Excel's own limit: no workbook Excel saved has more
_PROLOG_BYTES = 65_536  # what may come before the root element of a part
_CUT = 60

NOT_XLSX = "cannot read it as an Excel workbook (.xlsx): save it again from Excel as .xlsx, without a password"


def cut(value: Any, limit: int = _CUT) -> str:
    """A cell's text for an error line: one line, at most ``limit`` characters (then …)."""
    text = one_line(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_zip(path: Path, shown: str, max_unpacked: int = MAX_UNPACKED_BYTES, not_xlsx: str = NOT_XLSX) -> None:
    """Refuse a file that is not a zip with ``xl/workbook.xml`` (saying ``not_xlsx``), a zip bomb, or XML with a DTD."""
    from cx_audit.files.userfile import open_regular

    os.close(open_regular(path, shown))  # no folder, device, FIFO or socket
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_ENTRIES:
                raise InputError.single(shown, f"holds {len(infos):,} files; workbooks of more than {MAX_ENTRIES:,} are refused")
            total = sum(i.file_size for i in infos)
            if total > max_unpacked:
                raise InputError.single(
                    shown, f"unpacks to {total / 1e6:,.0f} MB; workbooks over {max_unpacked / 1e6:,.0f} MB unpacked are refused"
                )
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                raise InputError.single(shown, not_xlsx)
            for info in infos:
                _check_part(z, info, shown)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted entry; NotImplementedError: a compression method zipfile lacks
        raise InputError.single(shown, not_xlsx) from None


def _check_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> None:
    if info.is_dir():
        return
    name = info.filename
    sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
    if not sheet and info.file_size > MAX_PART_BYTES:
        raise InputError.single(
            shown,
            f"its part {cut(name)} unpacks to {info.file_size / 1e6:,.0f} MB; "
            f"parts over {MAX_PART_BYTES / 1e6:,.0f} MB are refused",
        )
    with z.open(info) as f:
        head = f.read(_PROLOG_BYTES)
    if not _looks_like_xml(name, head):
        return  # an image or other binary part: openpyxl does not parse it as XML
    problem = _prolog_problem(head)
    if problem is not None:
        raise InputError.single(shown, f"its part {cut(name)} {problem}; a workbook saved by Excel never has one")


def _looks_like_xml(name: str, head: bytes) -> bool:
    """Parts openpyxl may parse: any .xml/.rels/.vml name, and anything starting like text XML."""
    if name.lower().endswith((".xml", ".rels", ".vml")):
        return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<" or head[:2] in (b"\xff\xfe", b"\xfe\xff")


def _prolog_problem(head: bytes) -> str | None:
    """Why the part's prolog is refused (a DTD, not UTF-8), or None when it reaches its root element."""
    text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    i = 0
    while True:
        while i < len(text) and text[i : i + 1] in b" \t\r\n":
            i += 1
        if i >= len(text):
            return None if not text.strip() else "has no root element in its first 64 KB"
        if text.startswith(b"<?", i):
            end = text.find(b"?>", i)
            if end < 0:
                return "has a processing instruction that never ends"
            i = end + 2
        elif text.startswith(b"<!--", i):
            end = text.find(b"-->", i + 4)
            if end < 0:
                return "has a comment that never ends"
            i = end + 3
        elif text.startswith(b"<!", i):
            return "has a document type declaration (<!DOCTYPE, entities)"
        elif (
            text.startswith(b"<", i)
            and i + 1 < len(text)
            and (text[i + 1] >= 0x80 or chr(text[i + 1]).isalpha() or text[i + 1 : i + 2] in b"_:")
        ):
            return None
        else:
            return "is not UTF-8 XML"


def open_workbook(
    path: Path,
    shown: str,
    *,
    read_only: bool = True,
    data_only: bool = False,
    max_unpacked: int = MAX_UNPACKED_BYTES,
    not_xlsx: str = NOT_XLSX,
) -> Any:
    """The workbook, after :func:`check_zip`; every failure is one :class:`InputError`.

    ``read_only`` (the default) streams the rows: use it unless the caller needs cells by
    coordinate. ``data_only=False`` (the default) keeps formulas as formulas
    (``cell.data_type == "f"``), so that a caller can refuse them: a formula's cached
    value is missing when a program other than Excel saved the file. Close a read-only
    workbook when done (``wb.close()``).
    """
    from openpyxl import load_workbook

    check_zip(path, shown, max_unpacked, not_xlsx)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            return load_workbook(path, read_only=read_only, data_only=data_only, rich_text=False, keep_links=False)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a corrupt workbook can fail anywhere in openpyxl
        raise InputError.single(shown, f"cannot be read as a workbook ({type(exc).__name__}: {cut(exc, 120)})") from None


def first_sheet(wb: Any, shown: str) -> Any:
    """The workbook's first sheet; an input error when it has none (a broken workbook part)."""
    sheets = wb.worksheets
    if not sheets:
        raise InputError.single(shown, "has no sheet")
    return sheets[0]


def sheet_rows(
    ws: Any,
    shown: str,
    *,
    min_row: int = 1,
    min_col: int | None = None,
    max_col: int | None = None,
    max_row: int | None = None,
    max_rows: int = EXCEL_MAX_ROWS,
) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows of cells (columns ``min_col``..``max_col`` only), at most ``max_rows`` rows.

    A sheet longer than ``max_rows`` (by its declared size, else when row ``max_rows + 1``
    is met) stops with an input error at that row; malformed XML met while streaming is
    an input error naming the sheet. Empty cells of a read-only sheet have no
    ``coordinate``: position errors by row number and column letter.
    """
    title = ws.title
    declared = _declared_rows(ws)
    if max_row is None and declared is not None and declared > max_rows:
        raise InputError.single(
            shown,
            f"has {declared:,} rows; more than {max_rows:,} are refused",
            where=f"sheet '{cut(title)}'",
        )
    rows = ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col)
    count = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - openpyxl parses the sheet's XML as it streams
            raise InputError.single(
                shown, f"sheet '{cut(title)}' cannot be read ({type(exc).__name__}: {cut(exc, 120)})"
            ) from None
        count += 1
        if count > max_rows:
            raise InputError.single(
                shown,
                f"the sheet has more than {max_rows:,} rows; longer sheets are refused",
                where=f"sheet '{cut(title)}' row {min_row + max_rows}",
            )
        yield row


def _declared_rows(ws: Any) -> int | None:
    try:
        n = ws.max_row
    except Exception:  # noqa: BLE001 - a broken <dimension> is met again while streaming
        return None
    return n if isinstance(n, int) else None
