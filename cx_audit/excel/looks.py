"""One palette and a few cell styles, so every workbook looks like the same product."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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
