"""Safe cell values: text never becomes a formula, illegal characters out, sheet titles and row heights.

openpyxl is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from cx_audit.excel.looks import Formatted, Styled

MAX_CELL_TEXT = 32767  # Excel's limit for one cell
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")
# Excel decodes _xHHHH_ in cell text as the character U+HHHH; its own escape for a literal
# "_xHHHH_" is to write the underscore as _x005F_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
_EXCEL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


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
    """A Python value as a cell stores it: text cleaned, -0.0 as 0.0, anything else as is.

    Text that looks like Excel's character escape (``_x0041_``) gets its underscore
    escaped, so Excel shows it as typed rather than as "A".
    """
    if isinstance(value, str):
        return _EXCEL_ESCAPE.sub("_x005F_", clean_text(value))
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
