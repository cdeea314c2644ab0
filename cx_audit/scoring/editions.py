"""Matching audits of different versions of one checklist through its ``editions`` mapping.

This is the one API that `compare`, `trend`, `report --baseline` and the portfolio's
benchmark use to put an audit of an earlier version beside one of a later version::

    emap = edition_map(old_result.checklist, new_result.checklist)   # InputError if unmapped
    emap.item("VC7")        # -> None: not comparable (emap.why("VC7") == "removed")
    emap.item("OLD1")       # -> "NEW1": renamed; an unlisted id maps to itself
    emap.section("value-to-client")   # -> "value-to-customers"
    emap.note               # "checklist 1.0.0 → 2.0.0", shown in every output

The newer version maps the older one (``editions: - from: 1.0.0`` in 2.0.0; the format
is described in :mod:`cx_audit.files.editions`). Mappings are direct, never chained:
3.0.0 lists ``from: 2.0.0`` and ``from: 1.0.0``. Removed items and items whose answers
are no longer comparable (``changed``) are never given a delta; sections of the older
version with no counterpart in the newer are not comparable either. Overall and section
scores are compared as displayed, with the note.

:func:`check_against` also checks the mapping against the older version itself, so a
mapping that names items the older version never had is refused where the two meet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cx_audit.errors import InputError
from cx_audit.model import Checklist, Edition, version_key

REMOVED = "removed"
CHANGED = "changed"


def version_note(old: str, new: str) -> str:
    """The note every output shows when audits span two versions."""
    return f"checklist {old} → {new}"


@dataclass(eq=False)
class EditionMap:
    """How the items and sections of ``old`` (a version) read in ``new`` (a later version)."""

    checklist_id: str
    old: str
    new: str
    edition: Edition
    old_items: frozenset[str]
    old_sections: frozenset[str]
    new_sections: frozenset[str] = field(default_factory=frozenset)

    @property
    def note(self) -> str:
        return version_note(self.old, self.new)

    def why(self, old_id: str) -> str | None:
        """'removed' or 'changed' for an item that is not comparable, else None."""
        if old_id in self.edition.removed:
            return REMOVED
        if old_id in self.edition.changed:
            return CHANGED
        return None

    def item(self, old_id: str) -> str | None:
        """The newer version's id of an older item, or None when it is not comparable."""
        if self.why(old_id) is not None:
            return None
        return self.edition.items.get(old_id, old_id)

    def section(self, old_id: str) -> str | None:
        """The newer version's id of an older section, or None when it has no counterpart."""
        new = self.edition.sections.get(old_id, old_id)
        return new if new in self.new_sections else None

    def old_item(self, new_id: str) -> str | None:
        """The older id of a newer item that is comparable (the reverse of :meth:`item`)."""
        for old, new in self.edition.items.items():
            if new == new_id:
                return old if self.why(old) is None else None
        if new_id in self.old_items and self.why(new_id) is None and new_id not in self.edition.items:
            return new_id
        return None

    def old_section(self, new_id: str) -> str | None:
        for old, new in self.edition.sections.items():
            if new == new_id:
                return old
        return new_id if new_id in self.old_sections and new_id not in self.edition.sections else None


def check_against(old: Checklist, new: Checklist) -> list[str]:
    """What is wrong with ``new``'s mapping of ``old`` (empty: nothing), checked with both at hand.

    Every old id the mapping names is an item (or section) of ``old``; every item of
    ``old`` that ``new`` lacks is removed or renamed; an item that kept its id but changed
    its type is listed as changed.
    """
    edition = new.edition(old.version)
    if edition is None:
        return [f"checklist {new.id} {new.version} has no mapping from {old.version} (editions: - from: {old.version})"]
    where = f"{new.id} {new.version}, editions from {old.version}"
    problems = []
    old_ids = {i.id for i in old.items}
    new_items = {i.id: i for i in new.items}
    old_sections = {s.id for s in old.sections}
    for key, ids in (("removed", edition.removed), ("changed", edition.changed), ("items", tuple(edition.items))):
        for iid in ids:
            if iid not in old_ids:
                problems.append(f"{where}: {key} names {iid}, which {old.version} does not have")
    for sid in edition.sections:
        if sid not in old_sections:
            problems.append(f"{where}: sections renames {sid}, which {old.version} does not have")
    accounted = set(edition.removed) | set(edition.items)
    for item in old.items:
        if item.id not in new_items and item.id not in accounted:
            problems.append(f"{where}: {item.id} of {old.version} is gone; list it under removed or rename it under items")
            continue
        now = new_items.get(item.id)
        if now is not None and now.type is not item.type and item.id not in (*edition.changed, *edition.items):
            problems.append(
                f"{where}: {item.id} was a {item.type.value} item and is a {now.type.value} item now; list it under changed"
            )
    return problems


def edition_map(old: Checklist, new: Checklist) -> EditionMap:
    """The mapping from ``old``'s version to ``new``'s (same checklist id, ``new`` the later).

    An input error naming both versions when ``new`` does not map ``old``, or when the
    mapping does not fit ``old``.
    """
    edition = new.edition(old.version)
    where = str(new.path) if new.path is not None else new.id
    if edition is None:
        raise InputError.single(
            where,
            f"checklist {new.id} {new.version} has no mapping from {old.version}, so audits of {old.version} and "
            f"{new.version} cannot be compared (add editions: - from: {old.version} to {new.version})",
        )
    problems = check_against(old, new)
    if problems:
        raise InputError.single(where, "; ".join(problems))
    return EditionMap(
        new.id,
        old.version,
        new.version,
        edition,
        frozenset(i.id for i in old.items),
        frozenset(s.id for s in old.sections),
        frozenset(s.id for s in new.sections),
    )


def between(a: Checklist, b: Checklist) -> EditionMap | None:
    """The mapping between two versions of one checklist, the later mapping the earlier;
    None when they are the same version."""
    if a.version == b.version:
        return None
    old, new = (a, b) if version_key(a.version) < version_key(b.version) else (b, a)
    return edition_map(old, new)
