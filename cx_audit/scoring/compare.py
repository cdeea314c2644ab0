"""A baseline audit against a current one: deltas, changed items, critical failures."""

from __future__ import annotations

from dataclasses import dataclass

from cx_audit.model import Item, Section
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.followup import FollowUp, follow_up
from cx_audit.scoring.program import require_one_checklist
from cx_audit.scoring.rounding import EPS, shown

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
    followup: tuple[FollowUp, ...] = ()  # the baseline's action plan, since the last visit

    @property
    def tracks_actions(self) -> bool:
        """The baseline tracks its actions: people's outputs then show the follow-up."""
        return bool(self.baseline.audit.actions)

    @property
    def overall_fell(self) -> bool:
        """A lower overall score as displayed (or none now)."""
        b, c = self.baseline.overall, self.current.overall
        return b is not None and (c is None or shown(c) < shown(b))

    @property
    def regression(self) -> bool:
        """A lower overall score as displayed, or a new critical failure."""
        return self.overall_fell or bool(self.new_critical)


def compare(baseline: AuditResult, current: AuditResult) -> Comparison:
    """Sections and items are matched by id, so the two audits may use different
    versions of the checklist; ``sections`` follows the current audit's sections."""
    require_one_checklist([baseline, current])
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
        followup=follow_up(baseline, current) if baseline.audit.actions else (),
    )
