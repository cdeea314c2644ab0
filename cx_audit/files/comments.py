"""Comments in an audit file, which saving would otherwise drop without a word.

Saving rewrites the file from its data (PyYAML keeps no comments). The policy:

- the *header*, the comment and blank lines before the first key, is kept verbatim on
  every save;
- any other comment is reported before the interview starts: on a terminal the user
  is asked whether to go on; with piped input the interview is refused unless
  ``--drop-comments`` is given. Every other command that rewrites an audit refuses
  (:func:`cx_audit.files.edit.edit_audit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Comments:
    header: str  # kept on save; "" when none
    lines: tuple[int, ...]  # 1-based lines of the other comments, which a save drops

    def describe(self, limit: int = 6) -> str:
        shown = ", ".join(str(n) for n in self.lines[:limit])
        more = f" and {len(self.lines) - limit} more" if len(self.lines) > limit else ""
        word = "line" if len(self.lines) == 1 else "lines"
        return f"{word} {shown}{more}"


def find_comments(text: str) -> Comments:
    header_lines: list[str] = []
    lines = text.splitlines(keepends=True)
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        header_lines.append(line)
    if len(header_lines) == len(lines):  # a file of comments only: nothing to keep apart
        header_lines = []
    has_comment = any(line.strip() for line in header_lines)
    header = "".join(header_lines) if has_comment else ""
    if header and not header.endswith("\n"):
        header += "\n"
    if "#" not in "".join(lines[len(header_lines) :]):
        return Comments(header, ())
    return Comments(header, tuple(_comment_lines(text, first_line=len(header_lines) + 1)))


def _comment_lines(text: str, first_line: int) -> list[int]:
    """Lines (1-based, from ``first_line``) holding a YAML comment, found with the scanner.

    A ``#`` starts a comment when it begins the text or follows a blank, and is not part
    of a scalar (a quoted string, a block scalar, or a plain value such as ``a#b``).
    """
    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return []
    found: set[int] = set()
    span_k = 0
    for match in re.finditer("#", text):
        k = match.start()
        if k > 0 and text[k - 1] not in " \t\r\n":
            continue
        while span_k < len(spans) and spans[span_k][1] <= k:
            span_k += 1
        if span_k < len(spans) and spans[span_k][0] <= k:
            continue
        line = text.count("\n", 0, k) + 1
        if line >= first_line:
            found.add(line)
    return sorted(found)


#: How a command's refusal ends when rewriting would drop comments (files/edit.py says "has comments on line N ").
REWRITE_DROPS = "that rewriting the file would drop; move them into the comment block at the top of the file"
