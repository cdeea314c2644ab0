"""Editions: how a checklist's version maps the earlier versions of the same checklist id.

The format (a top-level key of a checklist)::

    editions:
      - from: 1.0.0                        # an earlier version of this checklist id
        removed: [ES1, CX1]                # items of 1.0.0 that no longer exist
        changed: [CX4, CX5]                # same id, answers no longer comparable
        items: {OLDID: NEWID}              # items renamed (1.0.0's id: this version's id)
        sections: {value-to-client: value-to-customers}   # sections renamed

Every key but ``from`` is optional. An item of the earlier version that is neither
removed, changed nor renamed keeps its id and stays comparable; a section likewise.
A version maps earlier versions directly (3.0.0 lists ``from: 2.0.0`` and ``from:
1.0.0``); mappings are not chained.

What is checked with this file alone (:func:`read_editions`): ``from`` is a version
lower than this one, given once; removed ids are not items of this version; changed
ids are; a renamed item's new id is an item of this version and its old id is not; a
renamed section's new id is a section of this version and its old id is not; an old id
appears in at most one of removed, changed and items.

What is checked against the earlier version when it is at hand
(:func:`cx_audit.scoring.editions.check_against`:
the built-in released versions, and whenever two versions meet in a comparison): every
listed old id is an item (or section) of the earlier version; every item of the earlier
version missing from this one is removed or renamed; an item that kept its id but
changed its type is listed as changed.

Built-in checklists keep every released version: the current one is
``checklists/<id>.yaml``, each earlier one ``checklists/released/<id>/<version>.yaml``
(:func:`released_path`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cx_audit.files.checks import Path_, describe, is_number
from cx_audit.model import Edition, Section, version_key

if TYPE_CHECKING:
    from cx_audit.files.checks import Checker

EDITION_KEYS = ("from", "removed", "changed", "items", "sections")
RELEASED = "released"


def is_lower(a: str, b: str) -> bool:
    return version_key(a) < version_key(b)


def released_path(folder: Path, checklist_id: str, version: str) -> Path:
    """Where a built-in checklist's earlier released version lives."""
    return folder / RELEASED / checklist_id / f"{version}.yaml"


def released_versions(folder: Path, checklist_id: str) -> list[Path]:
    """The released (earlier) versions of a built-in checklist, oldest first."""
    d = folder / RELEASED / checklist_id
    if not d.is_dir():
        return []
    files = [p for p in d.iterdir() if p.suffix == ".yaml" and p.is_file()]
    return sorted(files, key=lambda p: version_key(p.stem))


def read_editions(checker: Checker, raw: Any, version: str, sections: tuple[Section, ...]) -> tuple[Edition, ...]:
    """The ``editions`` list of a checklist, checked as far as this file alone allows."""
    path: Path_ = ("editions",)
    if not isinstance(raw, list) or not raw:
        shape = "{from, removed, changed, items, sections}"
        checker.error(path, f"editions must be a non-empty list of {shape}, not {describe(raw)}")
        return ()
    item_ids = {i.id for s in sections for i in s.items}
    section_ids = {s.id for s in sections}
    editions: list[Edition] = []
    seen: set[str] = set()
    for k, entry in enumerate(raw):
        p: Path_ = (*path, k)
        m = checker.mapping(entry, p, "an edition")
        if m is None:
            continue
        checker.keys(m, p, EDITION_KEYS, ("from",), "an edition")
        frm = m.get("from")
        if "from" not in m:
            continue
        if not isinstance(frm, str) or not frm.strip():
            hint = f' (write "{frm}" in quotes)' if is_number(frm) else ""
            checker.error((*p, "from"), f"'from' must be a version such as 1.0.0, not {describe(frm)}{hint}")
            continue
        if version and not is_lower(frm, version):
            checker.error((*p, "from"), f"'from: {frm}' must be a version lower than this one ({version})")
        if frm in seen:
            checker.error((*p, "from"), f"version {frm} is mapped twice")
        seen.add(frm)
        removed = _ids(checker, m, "removed", p)
        changed = _ids(checker, m, "changed", p)
        items = _renames(checker, m, "items", p)
        renamed_sections = _renames(checker, m, "sections", p)
        for key, ids in (("removed", removed), ("changed", changed)):
            for j, iid in enumerate(ids):
                exists = iid in item_ids
                if key == "removed" and exists:
                    checker.error((*p, key, j), f"{iid} is listed as removed, but this version ({version}) has an item {iid}")
                if key == "changed" and not exists:
                    checker.error((*p, key, j), f"{iid} is listed as changed, but this version ({version}) has no item {iid}")
        for old, new in items.items():
            if new not in item_ids:
                checker.error((*p, "items", old), f"{old} is renamed to {new}, but this version has no item {new}")
            if old in item_ids and old not in items.values():
                checker.error((*p, "items", old), f"{old} is renamed to {new}, but this version still has an item {old}")
        for old, new in renamed_sections.items():
            here: Path_ = (*p, "sections", old)
            if new not in section_ids:
                checker.error(here, f"section {old} is renamed to {new}, but this version has no section {new}")
            if old in section_ids and old not in renamed_sections.values():
                checker.error(here, f"section {old} is renamed to {new}, but this version still has a section {old}")
        listed: dict[str, str] = {}
        for key, ids in (("removed", removed), ("changed", changed), ("items", tuple(items))):
            for iid in ids:
                if iid in listed and listed[iid] != key:
                    checker.error((*p, key), f"{iid} is listed both in {listed[iid]} and in {key}")
                listed.setdefault(iid, key)
        editions.append(Edition(frm, removed, changed, items, renamed_sections))
    return tuple(editions)


def _ids(checker: Checker, m: dict[Any, Any], key: str, path: Path_) -> tuple[str, ...]:
    raw = m.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        checker.error((*path, key), f"'{key}' must be a list of item ids, not {describe(raw)}")
        return ()
    if len(set(raw)) != len(raw):
        checker.error((*path, key), f"'{key}' lists an id twice")
    return tuple(raw)


def _renames(checker: Checker, m: dict[Any, Any], key: str, path: Path_) -> dict[str, str]:
    raw = m.get(key)
    if raw is None:
        return {}
    what = "item" if key == "items" else "section"
    if not isinstance(raw, dict) or not all(isinstance(a, str) and isinstance(b, str) for a, b in raw.items()):
        checker.error((*path, key), f"'{key}' must map each old {what} id to its new id ({{OLD: NEW}}), not {describe(raw)}")
        return {}
    if len(set(raw.values())) != len(raw):
        checker.error((*path, key), f"'{key}' renames two {what}s to the same id")
    return dict(raw)
