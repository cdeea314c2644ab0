"""One audit: item statuses, section and overall scores, points lost, completeness, actions.

The item score ``s`` in [0, 1] is :meth:`cx_audit.model.Item.normalise`; everything
built on it (Σw·s/Σw per section, the weighted overall, points lost) is here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from cx_audit.model import Answer, Audit, Checklist, Item, ItemType, Section, Waiver
from cx_audit.scoring.applicability import applicability
from cx_audit.scoring.bands import capped_band
from cx_audit.scoring.rounding import EPS, band_for
from cx_audit.scoring.voices import Voices, pooled, score_voices

# --- one audit --------------------------------------------------------------------


class Status(str, Enum):
    """What became of an applicable or not applicable item in one audit (JSON `status`)."""

    scored = "scored"
    na = "na"
    unanswered = "unanswered"
    not_applicable = "not_applicable"
    unscored = "unscored"  # a text item: answered, never scored

    def __str__(self) -> str:  # templates and CSS classes print the value
        return self.value


@dataclass(eq=False)
class ItemResult:
    item: Item
    status: Status
    answer: Answer | None
    s: float | None = None
    points_lost: float | None = None
    exception: Waiver | None = None  # the audit's accepted exception for this item, valid or not
    exception_valid: bool = False  # it expires on or after the audit's date

    @property
    def accepted(self) -> bool:
        """A valid exception on a failing item: the action stays in the plan, marked "accepted"."""
        return self.exception_valid and self.failed

    @property
    def failed(self) -> bool:
        return self.s is not None and self.s < 0.5

    @property
    def critical_failure(self) -> bool:
        return self.failed and self.item.critical

    @property
    def applicable(self) -> bool:
        return self.status != Status.not_applicable

    @property
    def recommendation(self) -> str:
        """What to do: the consultant's own words for this client when the answer carries
        `recommendation`, else the checklist's."""
        if self.answer is not None and self.answer.recommendation:
            return self.answer.recommendation
        return self.item.recommendation


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
    band_by_score: str | None = None  # the band the score earns; ``band`` is capped (scoring/bands.py)
    voices: Voices | None = None  # only for an audit that declares respondents
    accepted_exceptions: tuple[ItemResult, ...] = ()  # critical failures a valid exception takes off the cap

    @property
    def capped(self) -> bool:
        """Critical failures lowered the band below the one the score earns."""
        return self.band_by_score is not None and self.band != self.band_by_score

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


def _status(item: Item, answer: Answer | None, applicable: bool) -> tuple[Status, float | None]:
    if not applicable:
        return Status.not_applicable, None
    if answer is not None and answer.responses:
        status, s = pooled(item, answer)  # several voices: the mean of the scored answers
        return Status(status), s
    if answer is None or not answer.answered:
        return Status.unanswered, None
    if answer.na:
        return Status.na, None
    if item.type is ItemType.text:
        return Status.unscored, None
    return Status.scored, item.normalise(answer.value)


Row = tuple[Item, Status, "Answer | None", "float | None"]


@dataclass(eq=False)
class SectionTally:
    """A section's items with their status and s, its score S_k = 100·Σw·s/Σw, and its counts."""

    rows: list[Row]
    score: float | None  # unrounded; None when no item is scored
    answered: int  # answered or N/A, among applicable items
    applicable: int


def tally_section(section: Section, answers: dict[str, Answer], applies: dict[str, bool]) -> SectionTally:
    """Score one section; the interview's running section score uses this too."""
    rows: list[Row] = []
    num = den = 0.0
    answered = applicable = 0
    not_applicable, unanswered = Status.not_applicable, Status.unanswered  # members: compared by identity
    for item in section.items:
        answer = answers.get(item.id)
        status, s = _status(item, answer, applies[item.id])
        rows.append((item, status, answer, s))
        if status is not not_applicable:
            applicable += 1
            if status is not unanswered:
                answered += 1
        if s is not None:
            num += item.weight * s
            den += item.weight
    return SectionTally(rows, 100.0 * num / den if den else None, answered, applicable)


def planned_items(checklist: Checklist, audit: Audit) -> list[str]:
    """The ids of the items in the audit's action plan (those that lost points)."""
    return [r.item.id for r in score_audit(checklist, audit).actions]


def score_audit(checklist: Checklist, audit: Audit) -> AuditResult:
    applies = applicability(checklist, audit.answers)
    # First pass: statuses, s, section scores and counts.
    tallies = [tally_section(section, audit.answers, applies) for section in checklist.sections]
    per_section = [t.rows for t in tallies]
    section_scores = [t.score for t in tallies]
    counts = [(t.answered, t.applicable) for t in tallies]

    assessed = [(sec.weight, sc) for sec, sc in zip(checklist.sections, section_scores, strict=True) if sc is not None]
    total_w = sum(w for w, _ in assessed)
    overall = sum(w * sc for w, sc in assessed) / total_w if total_w else None

    # Second pass: points lost, which need the assessed sections' total weight.
    sections: list[SectionResult] = []
    all_items: list[ItemResult] = []
    critical: list[ItemResult] = []  # the critical failures left: they cap the band
    accepted: list[ItemResult] = []  # critical failures with a valid exception
    losing: list[ItemResult] = []
    exceptions = audit.exceptions
    for section, rows, sc, (answered, applicable) in zip(checklist.sections, per_section, section_scores, counts, strict=True):
        scored_w = sum(item.weight for item, _, _, s in rows if s is not None)
        share = 100.0 * (section.weight / total_w) if scored_w else 0.0  # the first factor of every item's loss
        results = []
        for item, status, answer, s in rows:
            # 100·(W_k/ΣW)·(w/Σw)·(1 − s), multiplied in that order
            lost = None if s is None else share * (item.weight / scored_w) * (1.0 - s)
            r = ItemResult(item, status, answer, s, lost)
            waiver = exceptions.get(item.id) if exceptions else None
            if waiver is not None:
                r.exception, r.exception_valid = waiver, waiver.valid_on(audit.date)
            results.append(r)
            if lost is not None:
                if s < 0.5 and item.critical:  # type: ignore[operator]  # r.critical_failure (s is set with lost)
                    (accepted if r.exception_valid else critical).append(r)  # r.accepted: valid and failed
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
        band=capped_band(overall, checklist, len(critical)),
        band_by_score=band_for(overall, checklist.bands),
        completeness=100.0 * answered_total / applicable_total if applicable_total else 100.0,
        sections=tuple(sections),
        items=tuple(all_items),
        critical_failures=tuple(critical),
        accepted_exceptions=tuple(accepted),
        actions=rank_actions(losing),
        voices=score_voices(checklist, audit, applies) if audit.has_voices else None,
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
