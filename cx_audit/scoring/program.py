"""Several audits of one checklist: mean, spread, min and max; actions by mean points lost."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cx_audit.errors import InputError
from cx_audit.model import Checklist, Item, Section
from cx_audit.scoring.audit import AuditResult, by_points
from cx_audit.scoring.rounding import EPS

# --- programs ---------------------------------------------------------------------


@dataclass(eq=False)
class Stats:
    mean: float
    stdev: float  # population standard deviation
    min: float
    max: float
    n: int

    @staticmethod
    def of(values: list[float]) -> Stats | None:
        if not values:
            return None
        mean = math.fsum(values) / len(values)
        var = math.fsum((v - mean) ** 2 for v in values) / len(values)
        return Stats(mean, math.sqrt(var), min(values), max(values), len(values))


@dataclass(eq=False)
class ProgramAction:
    item: Item
    mean_points_lost: float
    audits: int  # how many audits scored it


@dataclass(eq=False)
class ProgramResult:
    checklist: Checklist
    audits: tuple[AuditResult, ...]
    overall: Stats | None
    sections: tuple[tuple[Section, Stats | None], ...]
    actions: tuple[ProgramAction, ...]
    items: tuple[Item, ...] = ()  # every item of any audit, by id, in order of first appearance


def require_one_checklist(results: Sequence[AuditResult]) -> None:
    """Audits scored together (a program, a comparison, a trend) must share a checklist id."""
    first = results[0] if results else None
    for r in results:
        if first is not None and r.checklist.id != first.checklist.id:
            raise InputError.single(
                r.audit.path or r.audit.label,
                f"uses checklist '{r.checklist.id}', but {first.audit.path or first.audit.label} uses '{first.checklist.id}'; "
                "a program needs one checklist",
            )
    require_one_profile(results)


def require_one_profile(results: Sequence[AuditResult]) -> None:
    """Audits scored together must share a sector profile (or all have none): their
    scores are weighed differently otherwise. Called by :func:`require_one_checklist`,
    so a program, a comparison and a trend all keep to it."""
    first = results[0] if results else None
    for r in results:
        if first is not None and r.audit.profile != first.audit.profile and not _edition_without(first, r):

            def name(x: AuditResult) -> str:
                return f"profile '{x.audit.profile}'" if x.audit.profile else "no profile"

            raise InputError.single(
                r.audit.path or r.audit.label,
                f"uses {name(r)}, but {first.audit.path or first.audit.label} uses {name(first)}; "
                "audits scored together need the same profile",
            )


def _edition_without(a: AuditResult, b: AuditResult) -> bool:
    """Audits of two versions, one without a profile because its version does not have it
    (1.0.0 of the built-ins had no profiles): compared as displayed, like the editions."""
    if a.checklist.version == b.checklist.version:
        return False
    bare, other = (a, b) if a.audit.profile is None else (b, a)
    return bare.audit.profile is None and other.audit.profile not in bare.checklist.profiles


def score_program(results: list[AuditResult]) -> ProgramResult:
    """Mean, population stdev, min and max per section and overall; ranked mean losses.

    Sections and items are matched by id, not position: audits of one checklist may
    come from different versions of it (a section added, an item dropped). They are
    listed in the order they first appear, which is the checklist's order when all
    audits share a version.
    """
    require_one_checklist(results)
    overall = Stats.of([r.overall for r in results if r.overall is not None])
    section_of: dict[str, Section] = {}
    scores: dict[str, list[float]] = {}
    item_of: dict[str, Item] = {}
    losses: dict[str, list[float]] = {}
    for r in results:
        for sr in r.sections:
            section_of.setdefault(sr.section.id, sr.section)
            if sr.score is not None:
                scores.setdefault(sr.section.id, []).append(sr.score)
        for ir in r.items:
            item_of.setdefault(ir.item.id, ir.item)
            if ir.points_lost is not None:
                losses.setdefault(ir.item.id, []).append(ir.points_lost)
    sections = tuple((sec, Stats.of(scores.get(sid, []))) for sid, sec in section_of.items())
    order = {iid: n for n, iid in enumerate(item_of)}
    actions = []
    for iid, lost in losses.items():
        mean = math.fsum(lost) / len(lost)
        if mean > EPS:
            actions.append(ProgramAction(item_of[iid], mean, len(lost)))
    ranked = by_points(actions, lambda a: a.mean_points_lost, lambda a: order[a.item.id])
    return ProgramResult(results[0].checklist, tuple(results), overall, sections, tuple(ranked), tuple(item_of.values()))
