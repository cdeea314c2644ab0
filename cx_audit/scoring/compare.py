"""A baseline audit against a current one: deltas, changed items, critical failures."""

from __future__ import annotations

from dataclasses import dataclass, field

from cx_audit.model import Item, Section
from cx_audit.scoring.audit import AuditResult, ItemResult, SectionResult
from cx_audit.scoring.editions import EditionMap, between
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
class NotComparable:
    """An item of two versions that gets no delta: removed from, or changed in, the later version."""

    item: Item  # as the later version has it (changed), or the earlier (removed)
    why: str  # "removed" | "changed"
    baseline: float | None  # s in [0, 1], or None when not scored
    current: float | None


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
    edition: EditionMap | None = None  # the audits use two versions of the checklist
    not_comparable: tuple[NotComparable, ...] = ()  # items removed or changed between the versions
    sections_not_comparable: tuple[Section, ...] = ()  # sections of the baseline's version with no counterpart
    renamed: dict[str, str] = field(default_factory=dict)  # current item id -> the baseline's id, where renamed

    @property
    def note(self) -> str:
        """'checklist 1.0.0 → 2.0.0' when the audits span two versions, else ''."""
        return self.edition.note if self.edition is not None else ""

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
    """Sections and items are matched by id; audits of two versions of the checklist are
    matched through the later version's ``editions`` mapping (:mod:`cx_audit.scoring.editions`:
    an input error naming both versions when there is none). ``sections`` follows the
    current audit's sections."""
    require_one_checklist([baseline, current])
    emap = between(baseline.checklist, current.checklist)
    if emap is not None and emap.new != current.checklist.version:
        emap = None  # the baseline is the later version: matched by id, as before editions
    b_sections, lost_sections = _baseline_sections(baseline, emap)
    sections = []
    gone = []
    for cs in current.sections:
        bs_ = b_sections.get(cs.section.id)
        b = bs_.score if bs_ is not None else None
        sections.append(SectionDelta(cs.section, b, cs.score))
        if b is not None and cs.score is None:
            gone.append(cs.section)
    current_ids = {cs.section.id for cs in current.sections}
    if emap is None:
        gone += [bs_.section for bs_ in baseline.sections if bs_.section.id not in current_ids and bs_.score is not None]
    b_items, apart = _baseline_items(baseline, emap)
    c_items = {r.item.id: r for r in current.items}
    not_comparable = []
    for i, (br, why) in apart.items():
        cr = c_items.get(i)
        not_comparable.append(NotComparable(cr.item if cr else br.item, why, br.s, cr.s if cr else None))
    changed, only_b, only_c = [], [], []
    for r in current.items:
        if r.item.id in apart:
            continue
        before = b_items.pop(r.item.id, None)
        bs = before.s if before is not None else None
        if r.s is not None and bs is not None:
            if abs(r.s - bs) > EPS:
                changed.append(ItemChange(r.item, bs, r.s))
        elif r.s is not None:
            only_c.append(r.item)
        elif bs is not None:
            only_b.append(r.item)
    only_b += [x.item for x in b_items.values() if x.s is not None]  # items the current version dropped
    b_crit = {_mapped(r.item.id, emap) for r in baseline.critical_failures}
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
        resolved_critical=tuple(
            r.item for r in baseline.critical_failures if _mapped(r.item.id, emap) in passing_now and r.item.id not in apart
        ),
        followup=follow_up(baseline, current, emap) if baseline.audit.actions else (),
        edition=emap,
        not_comparable=tuple(not_comparable),
        sections_not_comparable=tuple(lost_sections),
        renamed={new: old for old, new in emap.edition.items.items()} if emap is not None else {},
    )


def _mapped(item_id: str, emap: EditionMap | None) -> str:
    if emap is None:
        return item_id
    return emap.item(item_id) or item_id


def _baseline_sections(baseline: AuditResult, emap: EditionMap | None) -> tuple[dict[str, SectionResult], list[Section]]:
    """The baseline's sections keyed by the current version's ids, and those with no counterpart."""
    if emap is None:
        return {s.section.id: s for s in baseline.sections}, []
    keyed: dict[str, SectionResult] = {}
    lost: list[Section] = []
    for s in baseline.sections:
        new = emap.section(s.section.id)
        if new is None:
            lost.append(s.section)
        else:
            keyed[new] = s
    return keyed, lost


def _baseline_items(
    baseline: AuditResult, emap: EditionMap | None
) -> tuple[dict[str, ItemResult], dict[str, tuple[ItemResult, str]]]:
    """The baseline's items keyed by the current version's ids, and the not comparable ones
    (keyed by their id, with why)."""
    if emap is None:
        return {r.item.id: r for r in baseline.items}, {}
    keyed: dict[str, ItemResult] = {}
    apart: dict[str, tuple[ItemResult, str]] = {}
    for r in baseline.items:
        why = emap.why(r.item.id)
        if why is not None:
            apart[r.item.id] = (r, why)
        else:
            keyed[emap.item(r.item.id) or r.item.id] = r
    return keyed, apart
