"""The hidden facts of a one-audit workbook: which audit it was written for.

`report --xlsx` names the audit's checklist id, client, site and date in hidden
workbook-level defined names (text constants), so that `actions pull` can refuse a
workbook written for another audit. Defined names change nothing a reader sees (no
extra sheet) and survive a round trip through Excel and LibreOffice.
"""

from __future__ import annotations

import hashlib
from typing import Any

from cx_audit.model import Audit

PREFIX = "cx_audit_"
FACTS = ("checklist", "client", "site", "date")
_MAX = 200  # Excel refuses text constants over 255 characters in a name's formula


def facts_of(checklist_id: str, a: Audit) -> dict[str, str]:
    """The facts as stored: long text is stored as its digest."""
    raw = {"checklist": checklist_id, "client": a.client, "site": a.site, "date": a.date.isoformat() if a.date else ""}
    return {k: _fit(v) for k, v in raw.items()}


def _fit(text: str) -> str:
    text = text.strip()
    if len(text) <= _MAX:
        return text
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_facts(wb: Any, checklist_id: str, audit: Audit) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    for key, value in facts_of(checklist_id, audit).items():
        name = PREFIX + key
        wb.defined_names[name] = DefinedName(name, attr_text='"' + value.replace('"', '""') + '"', hidden=True)


def read_facts(wb: Any) -> dict[str, str] | None:
    """The facts of a loaded workbook; None when it has none (not written by `report --xlsx` for one audit)."""
    found: dict[str, str] = {}
    for key in FACTS:
        dn = wb.defined_names.get(PREFIX + key)
        text = getattr(dn, "attr_text", None)
        if not isinstance(text, str) or len(text) < 2 or text[0] != '"' or text[-1] != '"':
            return None
        found[key] = text[1:-1].replace('""', '"')
    return found
