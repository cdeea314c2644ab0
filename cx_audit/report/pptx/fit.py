"""Text that fits its box: widths estimated from the font's metrics, texts cut at a word.

A deck is opened in PowerPoint (Calibri, the theme's font) or LibreOffice Impress (which
substitutes Carlito, or DejaVu Sans where Carlito is missing). Neither shrinks text to
fit, so the deck sizes its texts itself: widths are estimated with DejaVu Sans's
advance widths, the widest of the three fonts, so a text that fits here fits in each.
No font file is read: the estimate is the same on every machine, and so are the bytes.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"
POINTS_PER_INCH = 72.0
LINE_SPACING = 1.2  # a line's height as a multiple of its font size
BOLD = 1.13  # bold glyphs are about this much wider
SAFETY = 0.93  # of a box's width: renderers wrap a little before the estimate does

# Advance widths of DejaVu Sans, in ems (width / font size).
_WIDTHS: dict[str, float] = {}
for _chars, _w in (
    ("ijl'", 0.28),
    (" .,·|", 0.32),
    (";:/", 0.34),
    ("f-", 0.36),
    ("t()[]", 0.39),
    ("r!", 0.41),
    ('"', 0.46),
    ("IJ", 0.29),
    ("–", 0.50),
    ("sz", 0.52),
    ("?", 0.53),
    ("c", 0.55),
    ("L", 0.56),
    ("kvxyF", 0.58),
    ("aeoT", 0.61),
    ("PY", 0.61),
    ("bdghnpquES", 0.63),
    ("0123456789", 0.64),
    ("K", 0.66),
    ("AVBRXZC", 0.69),
    ("U", 0.73),
    ("HN", 0.75),
    ("DG&", 0.78),
    ("OQ", 0.79),
    ("w", 0.82),
    ("<>=+", 0.84),
    ("M", 0.86),
    ("%m", 0.97),
    ("W—…", 1.0),
):
    for _c in _chars:
        _WIDTHS[_c] = _w


def char_width(c: str) -> float:
    """One character's width in ems; wide (CJK) characters are one em, unknown ones generous."""
    known = _WIDTHS.get(c)
    if known is not None:
        return known
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1.0
    if unicodedata.combining(c):
        return 0.0
    return 0.7


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``text`` at ``size`` points, in inches."""
    ems = sum(char_width(c) for c in text)
    return ems * size * (BOLD if bold else 1.0) / POINTS_PER_INCH


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches, greedily at spaces.

    A word wider than the line is broken where it must be (as PowerPoint does).
    """
    lines: list[str] = []
    width *= SAFETY
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while text_width(line, size, bold) > width and len(line) > 1:
                k = len(line) - 1
                while k > 1 and text_width(line[:k], size, bold) > width:
                    k -= 1
                lines.append(line[:k])
                line = line[k:]
        lines.append(line)
    return lines


def fits(text: str, width: float, size: float, lines: int, bold: bool = False) -> bool:
    return len(wrap(text, width, size, bold)) <= lines


def cut(text: str, width: float, size: float, lines: int = 1, bold: bool = False) -> str:
    """``text`` as it fits in ``lines`` lines of ``width`` inches: whole, or cut at a word with "…".

    The full text goes into the slide's notes (the caller's job).
    """
    text = " ".join(text.split())  # one paragraph; runs of spaces and line breaks as one space
    if fits(text, width, size, lines, bold):
        return text
    words = text.split(" ")
    lo, hi = 0, len(words)  # the most words that fit with the ellipsis: binary search
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(_ended(words[:mid]), width, size, lines, bold):
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:  # not even one word fits: cut inside it
        word = words[0]
        k = len(word)
        while k > 0 and not fits(word[:k] + ELLIPSIS, width, size, lines, bold):
            k -= 1
        return word[:k] + ELLIPSIS
    return _ended(words[:lo])


def _ended(words: list[str]) -> str:
    return " ".join(words).rstrip(" ,;:.–—-") + ELLIPSIS


def height(lines: int, size: float) -> float:
    """The height of ``lines`` lines at ``size`` points, in inches."""
    return lines * size * LINE_SPACING / POINTS_PER_INCH
