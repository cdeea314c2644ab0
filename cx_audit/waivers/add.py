"""`exceptions add`: one exception set in an audit, checked by the rules the file is read by.

The caller changes the audit inside the one audit transaction
(:func:`cx_audit.files.edit.edit_audit`: lock, comment check, load, write), so this only
checks and changes the audit in memory.
"""

from __future__ import annotations

import datetime as dt

from cx_audit.errors import InputError, Problem
from cx_audit.files.exceptions import exception_problems
from cx_audit.model import Audit, Checklist, Waiver

OPTION = {"reason": "--reason", "approved_by": "--approved-by", "expires": "--expires", "": "ITEM"}


def set_exception(
    audit: Audit, checklist: Checklist, item_id: str, reason: str, approved_by: str, expires: dt.date, shown: str
) -> bool:
    """Set ``item_id``'s exception; True when it replaced one. An InputError (naming the option) if a rule fails."""
    problems = exception_problems(item_id, reason, approved_by, expires, audit.date, checklist)
    if problems:
        raise InputError([Problem(shown, f"{OPTION[where]}: {message}") for where, message in problems])
    replaced = item_id in audit.exceptions
    audit.exceptions[item_id] = Waiver(reason.strip(), approved_by.strip(), expires)
    return replaced
