"""Delimited text as survey tools and data-collection servers export it: which delimiter."""

from __future__ import annotations

DELIMITERS = (",", ";", "\t")


def detect_delimiter(header_line: str) -> str:
    """The delimiter used most often outside quotes in the header line (`,` when none).

    A tie goes to tab, then `;`, then `,`: question texts hold commas far more often
    than tabs or semicolons (`Order<TAB>CSAT, overall` is tab-delimited).
    """
    found = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in found:
            found[ch] += 1
    best = max(("\t", ";", ","), key=lambda d: found[d])  # max keeps the first of equals
    return best if found[best] else ","
