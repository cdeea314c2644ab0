"""`exceptions add`: one exception written into an audit, checked like the file would be.

The caller holds the interview's lock from reading the audit to replacing it, and writes
the returned text atomically through the one writer (cli/exceptions.py). When the one
audit transaction (`files/edit.py`'s ``edit_audit``) lands, :func:`add_exception`'s
read-change-dump becomes its body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cx_audit.errors import InputError, Problem
from cx_audit.files.audit import dump_audit, load_audit
from cx_audit.files.exceptions import exception_problems
from cx_audit.interview.comments import header_to_keep
from cx_audit.model import Waiver

OPTION = {"reason": "--reason", "approved_by": "--approved-by", "expires": "--expires", "": "ITEM"}


@dataclass
class Added:
    text: str  # the audit's new text, its top comment block kept
    replaced: bool  # the item had an exception already
    warnings: list[Problem]


def add_exception(path: Path, item_id: str, reason: str, approved_by: str, expires: dt.date) -> Added:
    """The audit's text with ``item_id``'s exception set; an InputError (nothing written) if any rule fails."""
    shown = str(path)
    loaded = load_audit(path)
    header = header_to_keep(
        path.read_text(encoding="utf-8-sig"),
        shown,
        "that writing the exception would drop (comment lines at the top of the file are kept); move them into notes first",
    )
    audit, checklist = loaded.audit, loaded.checklist
    problems = exception_problems(item_id, reason, approved_by, expires, audit.date, checklist)
    if problems:
        raise InputError([Problem(shown, f"{OPTION[where]}: {message}") for where, message in problems])
    replaced = item_id in audit.exceptions
    audit.exceptions[item_id] = Waiver(reason.strip(), approved_by.strip(), expires)
    return Added(header + dump_audit(audit, checklist), replaced, list(loaded.warnings))
