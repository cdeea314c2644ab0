"""Byte-stable saving: document times and zip entry times pinned to a given stamp,
so the same inputs give byte-identical files (openpyxl would otherwise write the
current time in three places).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from collections.abc import Callable
from typing import IO, Any

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


def rezip_pinned(data: bytes, stamp: dt.datetime, rewrite: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """An Office file (any zip package) written again with every entry's time pinned to
    ``stamp``, entries in their order; ``rewrite(name, content)`` may change an entry on the way.

    For packages whose writer stamps "now" into the zip (python-pptx does).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, _PinnedZip(buffer, zip_time(stamp), {}) as archive:
        for name in source.namelist():
            content = source.read(name)
            archive.writestr(name, rewrite(name, content) if rewrite else content)
    return buffer.getvalue()
