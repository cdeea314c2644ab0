"""User text on its way out: characters no reader should have to parse."""

from __future__ import annotations

import re

# C0 controls other than tab, newline and carriage return, DEL and the C1 controls,
# lone surrogates and the two non-characters: XML 1.0 forbids most of them, and HTML5
# reports them as parse errors. A note pasted from a word processor can carry \x0b.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Replace characters that XML and HTML do not allow with U+FFFD (�)."""
    return _NOT_TEXT.sub("\ufffd", text)
