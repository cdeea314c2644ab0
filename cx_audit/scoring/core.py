"""The scoring rules of the SPEC, as pure functions over loaded checklists and audits.

Where is what:
- item score ``s`` in [0, 1]: :meth:`cx_audit.model.Item.normalise`
- section and overall scores, points lost, completeness, actions: :func:`score_audit`
- several audits (a program): :func:`score_program`
- baseline against current: :func:`compare`
- rounding as displayed and bands: :func:`shown`, :func:`band_for`
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from cx_audit.model import Answer, Audit, Band, Checklist, Item, ItemType, Section
from cx_audit.scoring.applicability import applicability

EPS = 1e-9


_NOISE = Decimal("1e-9")


@functools.lru_cache(maxsize=1 << 16)
def shown(value: float, places: int = 1) -> float:
    """Round half-up as people expect (84.95 → 85.0).

    The float is first cut to 9 decimals, which removes binary noise (a score of exactly
    8.75 may be computed as 8.749999999999998) and is far finer than any difference
    that matters on a 0–100 scale; then it is rounded half-up.
    Cached: a program's reports round the same few hundred values over and over.
    """
    exact = Decimal(repr(value)).quantize(_NOISE)
    rounded = float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return rounded + 0.0  # -0.0 → 0.0


def shown_or_none(value: float | None, places: int = 1) -> float | None:
    return None if value is None else shown(value, places)


def shown_text(value: float | None) -> str:
    """A score as every output shows it: one decimal, half-up; a dash when there is none."""
    return "—" if value is None else f"{shown(value):.1f}"


def band_for(score: float | None, bands: tuple[Band, ...]) -> str | None:
    """The first band whose min ≤ the score as displayed (1 decimal)."""
    if score is None:
        return None
    judged = shown(score)
    for band in sorted(bands, key=lambda b: -b.min):
        if band.min <= judged:
            return band.label
    return None


# --- one audit --------------------------------------------------------------------

SCORED, NA, UNANSWERED, NOT_APPLICABLE, UNSCORED = "scored", "na", "unanswered", "not_applicable", "unscored"


@dataclass(eq=False)
class ItemResult:
    item: Item
    status: str
    answer: Answer | None
    s: float | None = None
    points_lost: float | None = None

    @property
    def failed(self) -> bool:
        return self.s is not None and self.s < 0.5

    @property
    def critical_failure(self) -> bool:
        return self.failed and self.item.critical

    @property
    def applicable(self) -> bool:
        return self.status != NOT_APPLICABLE


@dataclass(eq=False)
class SectionResult:
    section: Section
    score: float | None  # unrounded; None when not assessed
    band: str | None
    answered: int  # answered or N/A, among applicable items
    applicable: int
    items: tuple[ItemResult, ...]


@dataclass(eq=False)
class AuditResult:
    checklist: Checklist
    audit: Audit
    overall: float | None
    band: str | None
    completeness: float
    sections: tuple[SectionResult, ...]
    items: tuple[ItemResult, ...]
    critical_failures: tuple[ItemResult, ...]
    actions: tuple[ItemResult, ...]

    def item(self, item_id: str) -> ItemResult | None:
        for r in self.items:
            if r.item.id == item_id:
                return r
        return None

    def section(self, section_id: str) -> SectionResult | None:
        for s in self.sections:
            if s.section.id == section_id:
                return s
        return None


def _status(item: Item, answer: Answer | None, applicable: bool) -> tuple[str, float | None]:
    if not applicable:
        return NOT_APPLICABLE, None
    if answer is None or not answer.answered:
        return UNANSWERED, None
    if answer.na:
        return NA, None
    if item.type is ItemType.text:
        return UNSCORED, None
    return SCORED, item.normalise(answer.value)


def score_audit(checklist: Checklist, audit: Audit) -> AuditResult:
    applies = applicability(checklist, audit.answers)
    answers = audit.answers
    # First pass: statuses, s, section scores and counts.
    per_section: list[list[tuple[Item, str, Answer | None, float | None]]] = []
    section_scores: list[float | None] = []
    counts: list[tuple[int, int]] = []  # (answered, applicable) per section
    for section in checklist.sections:
        rows = []
        num = den = 0.0
        answered = applicable = 0
        for item in section.items:
            answer = answers.get(item.id)
            status, s = _status(item, answer, applies[item.id])
            rows.append((item, status, answer, s))
            if status != NOT_APPLICABLE:
                applicable += 1
                if status != UNANSWERED:
                    answered += 1
            if s is not None:
                num += item.weight * s
                den += item.weight
        per_section.append(rows)
        section_scores.append(100.0 * num / den if den else None)
        counts.append((answered, applicable))

    assessed = [(sec.weight, sc) for sec, sc in zip(checklist.sections, section_scores, strict=True) if sc is not None]
    total_w = sum(w for w, _ in assessed)
    overall = sum(w * sc for w, sc in assessed) / total_w if total_w else None

    # Second pass: points lost, which need the assessed sections' total weight.
    sections: list[SectionResult] = []
    all_items: list[ItemResult] = []
    critical: list[ItemResult] = []
    losing: list[ItemResult] = []
    for section, rows, sc, (answered, applicable) in zip(checklist.sections, per_section, section_scores, counts, strict=True):
        scored_w = sum(item.weight for item, _, _, s in rows if s is not None)
        results = []
        for item, status, answer, s in rows:
            lost = None
            if s is not None:
                lost = 100.0 * (section.weight / total_w) * (item.weight / scored_w) * (1.0 - s)
            r = ItemResult(item, status, answer, s, lost)
            results.append(r)
            if lost is not None:
                if r.critical_failure:
                    critical.append(r)
                if lost > EPS:
                    losing.append(r)
        sections.append(SectionResult(section, sc, band_for(sc, checklist.bands), answered, applicable, tuple(results)))
        all_items.extend(results)

    answered_total = sum(a for a, _ in counts)
    applicable_total = sum(n for _, n in counts)
    return AuditResult(
        checklist=checklist,
        audit=audit,
        overall=overall,
        band=band_for(overall, checklist.bands),
        completeness=100.0 * answered_total / applicable_total if applicable_total else 100.0,
        sections=tuple(sections),
        items=tuple(all_items),
        critical_failures=tuple(critical),
        actions=rank_actions(losing),
    )


def rank_actions(results: list[ItemResult]) -> tuple[ItemResult, ...]:
    """Critical failures first; then points lost descending; ties in checklist order."""
    critical = [r for r in results if r.critical_failure]
    rest = [r for r in results if not r.critical_failure]
    return tuple(
        by_points(critical, lambda r: r.points_lost or 0.0, lambda r: r.item.index)
        + by_points(rest, lambda r: r.points_lost or 0.0, lambda r: r.item.index)
    )


T = TypeVar("T")


def by_points(rows: list[T], points: Callable[[T], float], order: Callable[[T], int]) -> list[T]:
    """Points descending; points equal within EPS keep checklist order.

    Sort by points, then walk the list: a run of rows each within EPS of the run's first
    is put back in checklist order.
    """
    ranked = sorted(rows, key=lambda r: (-points(r), order(r)))
    out: list[T] = []
    i = 0
    while i < len(ranked):
        j = i + 1
        top = points(ranked[i])
        while j < len(ranked) and top - points(ranked[j]) <= EPS:
            j += 1
        out.extend(sorted(ranked[i:j], key=order) if j - i > 1 else ranked[i:j])
        i = j
    return out


# --- gates ------------------------------------------------------------------------


def gate_failures(
    result: AuditResult,
    fail_under: float | None = None,
    fail_on_critical: bool = False,
    require_complete: bool = False,
) -> list[str]:
    """Why this audit fails the requested gates (empty when it passes)."""
    reasons = []
    if fail_under is not None:
        if result.overall is None:
            reasons.append(f"no section is assessed, so there is no overall score to hold to {fail_under:g}")
        elif shown(result.overall) < fail_under:
            reasons.append(f"overall score {shown(result.overall):.1f} is under {fail_under:g}")
    if fail_on_critical and result.critical_failures:
        ids = ", ".join(r.item.id for r in result.critical_failures)
        reasons.append(f"{len(result.critical_failures)} critical failure(s): {ids}")
    if require_complete:
        missing = [r.item.id for r in result.items if r.status == UNANSWERED]
        if missing:
            more = f" (+{len(missing) - 5} more)" if len(missing) > 5 else ""
            reasons.append(f"{len(missing)} applicable item(s) unanswered: {', '.join(missing[:5])}{more}")
    return reasons


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


def score_program(results: list[AuditResult]) -> ProgramResult:
    """Mean, population stdev, min and max per section and overall; ranked mean losses.

    Sections and items are matched by id, not position: audits of one checklist may
    come from different versions of it (a section added, an item dropped). They are
    listed in the order they first appear, which is the checklist's order when all
    audits share a version.
    """
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


# --- comparing a baseline with a current audit -------------------------------------


@dataclass(eq=False)
class SectionDelta:
    section: Section
    baseline: float | None
    current: float | None


@dataclass(eq=False)
class ItemChange:
    item: Item
    baseline: float  # s in [0, 1]
    current: float

    @property
    def change(self) -> str:
        return "improved" if self.current > self.baseline else "regressed"


@dataclass(eq=False)
class Comparison:
    baseline: AuditResult
    current: AuditResult
    sections: tuple[SectionDelta, ...]
    changed: tuple[ItemChange, ...]
    only_in_baseline: tuple[Item, ...]  # scored in the baseline only
    only_in_current: tuple[Item, ...]
    became_not_assessed: tuple[Section, ...]
    new_critical: tuple[Item, ...]
    resolved_critical: tuple[Item, ...]

    @property
    def regression(self) -> bool:
        """A lower overall score as displayed, or a new critical failure."""
        b, c = self.baseline.overall, self.current.overall
        lower = b is not None and (c is None or shown(c) < shown(b))
        return lower or bool(self.new_critical)


def delta(current: float | None, baseline: float | None, places: int = 1) -> float | None:
    """current − baseline, computed from the values as displayed so that the columns add up."""
    if current is None or baseline is None:
        return None
    return shown(shown(current, places) - shown(baseline, places), places)


def compare(baseline: AuditResult, current: AuditResult) -> Comparison:
    """Sections and items are matched by id, so the two audits may use different
    versions of the checklist; ``sections`` follows the current audit's sections."""
    b_sections = {s.section.id: s for s in baseline.sections}
    sections = []
    gone = []
    for cs in current.sections:
        bs_ = b_sections.get(cs.section.id)
        b = bs_.score if bs_ is not None else None
        sections.append(SectionDelta(cs.section, b, cs.score))
        if b is not None and cs.score is None:
            gone.append(cs.section)
    current_ids = {cs.section.id for cs in current.sections}
    gone += [bs_.section for bs_ in baseline.sections if bs_.section.id not in current_ids and bs_.score is not None]
    b_items = {r.item.id: r for r in baseline.items}
    changed, only_b, only_c = [], [], []
    for r in current.items:
        br = b_items.pop(r.item.id, None)
        bs = br.s if br is not None else None
        if r.s is not None and bs is not None:
            if abs(r.s - bs) > EPS:
                changed.append(ItemChange(r.item, bs, r.s))
        elif r.s is not None:
            only_c.append(r.item)
        elif bs is not None:
            only_b.append(r.item)
    only_b += [br.item for br in b_items.values() if br.s is not None]  # items the current version dropped
    b_crit = {r.item.id for r in baseline.critical_failures}
    # Resolved means scored again and no longer failing; an item left unanswered or
    # dropped from the checklist is listed among the items scored only in the baseline.
    passing_now = {r.item.id for r in current.items if r.s is not None and not r.critical_failure}
    return Comparison(
        baseline=baseline,
        current=current,
        sections=tuple(sections),
        changed=tuple(changed),
        only_in_baseline=tuple(only_b),
        only_in_current=tuple(only_c),
        became_not_assessed=tuple(gone),
        new_critical=tuple(r.item for r in current.critical_failures if r.item.id not in b_crit),
        resolved_critical=tuple(r.item for r in baseline.critical_failures if r.item.id in passing_now),
    )
