"""The interview's evidence keys: `e PATH [caption]` attaches a file to the item, `e` lists.

PATH is read as typed, relative to the folder the interview was started in (in quotes if
it has spaces); the rest of the line is the caption. The file must exist; its sha256 is
recorded and its path stored relative to the audit file (see
:func:`cx_audit.files.evidence.attach`). Attaching the same file again updates its hash
and caption instead of listing it twice.
"""

from __future__ import annotations

from pathlib import Path

from cx_audit.files.evidence import attach, split_attach
from cx_audit.model import Item

from .asker import Notice
from .session import Session


def attach_file(session: Session, item: Item, arg: str, start: Path) -> list[Notice]:
    """Attach the file named in ``arg``; raises ValueRefused when it cannot be."""
    typed, caption = split_attach(arg)
    audit_path = session.audit.path or start / "audit.yaml"
    evidence, warnings = attach(typed, caption, start, audit_path)
    replaced = session.attach(item, evidence)
    verb = "Updated" if replaced else "Attached"
    text = f"{verb} {evidence.path} (sha256 {evidence.short_hash}) to {item.id}" + (f": {caption}" if caption else ".")
    return [Notice(text), *(Notice(w) for w in warnings)]


def list_evidence(session: Session, item: Item) -> Notice:
    answer = session.answer(item)
    files = answer.evidence if answer is not None else []
    if not files:
        return Notice(f"{item.id} has no evidence. Attach a file with: e PATH [caption]")
    lines = [f"Evidence for {item.id}:"]
    for k, ev in enumerate(files, 1):
        lines.append(f"  {k}. {ev.path}  sha256 {ev.short_hash}" + (f"  {ev.caption}" if ev.caption else ""))
    return Notice("\n".join(lines))
