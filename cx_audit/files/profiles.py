"""Sector profiles: reading a checklist's `profiles` key, and the checklist a profile makes.

A profile recalibrates a checklist for a kind of business: other weights (of items or
sections), other thresholds for number items, and items left out. :func:`apply_profile`
returns the checklist *as the profile makes it*; the audit loader applies it, so every
consumer of a loaded audit (scoring, the interview, the reports) sees that one view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from cx_audit.files.checks import CHECKLIST_ID_RE, MAX_WEIGHT, Checker, Path_, describe, is_number
from cx_audit.model import Checklist, Item, ItemType, Profile, Section, Threshold, ThresholdKind

PROFILE_KEYS = ("title", "weights", "thresholds", "exclude")

ReadThresholds = Callable[[Any, Path_], tuple[tuple[Threshold, ...], ThresholdKind]]


def read_profiles(
    checker: Checker, value: Any, sections: tuple[Section, ...], read_thresholds: ReadThresholds
) -> dict[str, Profile]:
    """Every profile of a checklist; each problem goes to ``checker`` with its YAML path."""
    m = checker.mapping(value, ("profiles",), "profiles")
    if m is None:
        return {}
    section_ids = {s.id for s in sections}
    items = {i.id: i for s in sections for i in s.items}
    profiles: dict[str, Profile] = {}
    for key, raw in m.items():
        path: Path_ = ("profiles", key)
        pid = checker.ident(key, path, "profile id", CHECKLIST_ID_RE)
        body = checker.mapping(raw, path, f"profile '{key}'")
        if body is None:
            continue
        checker.keys(body, path, PROFILE_KEYS, ("title",), f"profile '{key}'")
        title = checker.string(body, "title", path, required=True)
        weights = _weights(checker, body.get("weights"), (*path, "weights"), section_ids, items)
        thresholds = _thresholds(checker, body.get("thresholds"), (*path, "thresholds"), items, read_thresholds)
        exclude = _exclude(checker, body.get("exclude"), (*path, "exclude"), section_ids, items)
        if pid is not None:
            profiles[pid] = Profile(pid, title.strip(), weights, thresholds, exclude)
    return profiles


def _weights(checker: Checker, value: Any, path: Path_, section_ids: set[str], items: dict[str, Item]) -> dict[str, float]:
    if value is None:
        return {}
    m = checker.mapping(value, path, "profile weights (item or section id: weight)")
    weights: dict[str, float] = {}
    for key, w in (m or {}).items():
        p: Path_ = (*path, key)
        if key in section_ids and key in items:
            checker.error(p, f"'{key}' names both a section and an item: a profile cannot tell which to weigh", True)
            continue
        if key not in section_ids and key not in items:
            checker.error(p, f"profile weight for '{key}', which is neither a section nor an item of this checklist", True)
            continue
        if key in items and items[key].type is ItemType.text:
            checker.error(p, f"'{key}' is a text item, which is never scored: it takes no weight", True)
            continue
        if not (is_number(w) and 0 < w <= MAX_WEIGHT):
            checker.error(p, f"weight must be a number greater than 0 and at most {MAX_WEIGHT:,}, not {describe(w)}")
            continue
        weights[key] = float(w)
    return weights


def _thresholds(
    checker: Checker, value: Any, path: Path_, items: dict[str, Item], read: ReadThresholds
) -> dict[str, tuple[tuple[Threshold, ...], ThresholdKind]]:
    if value is None:
        return {}
    m = checker.mapping(value, path, "profile thresholds (number item id: threshold list)")
    found: dict[str, tuple[tuple[Threshold, ...], ThresholdKind]] = {}
    for key, raw in (m or {}).items():
        p: Path_ = (*path, key)
        item = items.get(key) if isinstance(key, str) else None
        if item is None:
            checker.error(p, f"profile thresholds for '{key}', which is not an item of this checklist", True)
            continue
        if item.type is not ItemType.number:
            checker.error(p, f"profile thresholds for '{key}', a {item.type.value} item: only number items have thresholds", True)
            continue
        before = len(checker.errors)
        parsed = read(raw, p)
        if len(checker.errors) == before:
            found[key] = parsed
    return found


def _exclude(checker: Checker, value: Any, path: Path_, section_ids: set[str], items: dict[str, Item]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        checker.error(path, f"exclude must be a list of item ids, not {describe(value)}")
        return ()
    out: list[str] = []
    for n, iid in enumerate(value):
        p: Path_ = (*path, n)
        if isinstance(iid, str) and iid in items:
            if iid not in out:
                out.append(iid)
        elif isinstance(iid, str) and iid in section_ids:
            checker.error(p, f"'{iid}' is a section: exclude lists item ids")
        else:
            checker.error(p, f"exclude names {describe(iid)}, which is not an item of this checklist")
    return tuple(out)


# --- the checklist as a profile makes it ---------------------------------------------


def apply_profile(checklist: Checklist, profile_id: str | None) -> Checklist:
    """The checklist as the profile makes it: its weights and thresholds in place of the
    checklist's, its excluded items marked (scoring and the interview treat them as not
    applicable; ``checklists show`` leaves them out). No profile: the checklist itself.

    The profile id must be one of the checklist's (the audit loader checks it). The
    view is made once per checklist and profile: a program applies it to every audit.
    """
    base = base_of(checklist)
    if profile_id is None:
        return base
    cache: dict[str, Checklist] = base.__dict__.setdefault("_profiled", {})
    view = cache.get(profile_id)
    if view is None:
        view = cache[profile_id] = _make(base, base.profiles[profile_id])
        view.__dict__["_base"] = base
    return view


def base_of(checklist: Checklist) -> Checklist:
    """The checklist as written, without the profile a view was made with."""
    base: Checklist = checklist.__dict__.get("_base", checklist)
    return base


def _make(checklist: Checklist, profile: Profile) -> Checklist:
    sections = []
    for sec in checklist.sections:
        items = tuple(_item(item, profile) for item in sec.items)
        sections.append(replace(sec, weight=profile.weights.get(sec.id, sec.weight), items=items))
    return replace(checklist, sections=tuple(sections), profile=profile, excluded=frozenset(profile.exclude))


def _item(item: Item, profile: Profile) -> Item:
    weight = profile.weights.get(item.id)
    thresholds = profile.thresholds.get(item.id)
    if weight is None and thresholds is None:
        return item
    changed = replace(item, weight=item.weight if weight is None else weight)
    if thresholds is not None:
        changed.thresholds, changed.threshold_kind = thresholds
    return changed


def profile_problem(checklist: Checklist, profile_id: Any) -> str | None:
    """Why ``profile_id`` is not a profile of the checklist, or None when it is."""
    if isinstance(profile_id, str) and profile_id in checklist.profiles:
        return None
    known = ", ".join(checklist.profiles)
    has = f"its profiles are {known}" if known else "it has no profiles"
    return f"checklist {checklist.id} has no profile {describe(profile_id)} ({has})"
