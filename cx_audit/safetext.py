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


# What a terminal would act on rather than show: C0 controls other than tab and newline
# (ESC starts clear-screen, window-title and clipboard-write sequences; CR overwrites
# the line), DEL, the C1 controls (U+009B is a one-character CSI), the line and
# paragraph separators, and lone surrogates (undecodable bytes).
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


# What JSON may hold raw but a terminal would act on when the JSON is printed: DEL, the
# C1 controls (U+009B is a one-character CSI) and the line and paragraph separators.
# json.dumps(ensure_ascii=False) escapes only the C0 controls.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_text(encoded: str) -> str:
    """Encoded JSON with DEL, C1 controls and U+2028/U+2029 written as ``\\uXXXX`` escapes.

    Outside strings JSON holds only ASCII, so escaping the whole text changes only the
    strings, and what a JSON reader gets back is unchanged.
    """
    if (encoded.isascii() and "\x7f" not in encoded) or _JSON_RAW.search(encoded) is None:
        return encoded  # (the first test is a fast scan of the common all-ASCII output)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def terminal_text(text: str) -> str:
    """User text on its way to a terminal: control characters shown as escapes (``\\x1b``), never run.

    Every output that reaches a terminal passes user text (client, notes, titles, item
    text, guidance, labels, paths) through this: the table outputs, ``compare``,
    ``checklists show`` and the interview. Error messages get the same treatment from
    :func:`cx_audit.errors.one_line`, which also escapes tab and newline.
    """
    return _TERMINAL.sub(lambda m: repr(m.group())[1:-1], text)
