"""Property-based tests of the scoring invariants over random checklists and answers."""

from __future__ import annotations

import dataclasses
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from cx_audit.model import (
    DEFAULT_BANDS,
    DEFAULT_SCALE,
    Answer,
    Audit,
    Checklist,
    ChecklistRef,
    ConditionOp,
    Item,
    ItemType,
    Leaf,
    Not,
    Option,
    Respondent,
    Scale,
    Section,
    Threshold,
    ThresholdKind,
)
from cx_audit.scoring.audit import Status, score_audit

WEIGHTS = st.sampled_from([0.5, 1.0, 1.0, 2.0, 3.0])


@st.composite
def checklists(draw: st.DrawFn) -> Checklist:
    sections = []
    index = 0
    made: list[Item] = []
    for k in range(draw(st.integers(1, 4))):
        items = []
        for _ in range(draw(st.integers(1, 5))):
            itype = draw(st.sampled_from(list(ItemType)))
            extra: dict[str, object] = {}
            if itype is ItemType.rating:
                lo = draw(st.integers(0, 2))
                extra["scale"] = draw(st.sampled_from([DEFAULT_SCALE, Scale(lo, lo + draw(st.integers(1, 9)))]))
            elif itype is ItemType.choice:
                scores = draw(st.lists(st.floats(0, 1), min_size=2, max_size=4))
                extra["options"] = tuple(Option(f"o{i}", f"Option {i}", s) for i, s in enumerate(scores))
            elif itype is ItemType.number:
                kind = draw(st.sampled_from(["min", "max"]))
                bounds = sorted(draw(st.lists(st.integers(-50, 50), min_size=1, max_size=3, unique=True)), reverse=kind == "min")
                extra["thresholds"] = tuple(Threshold(float(b), draw(st.floats(0, 1))) for b in bounds)
                extra["threshold_kind"] = ThresholdKind(kind)
            critical = itype is not ItemType.text and draw(st.booleans())
            when = None
            attach: bool = draw(st.booleans())
            if made and attach:
                target = draw(st.sampled_from(made))
                leaf = _leaf_for(draw, target)
                if leaf is not None:
                    when = Not(leaf) if draw(st.booleans()) else leaf
            item = Item(
                id=f"I{index}",
                text="q",
                type=itype,
                section=f"s{k}",
                index=index,
                weight=draw(WEIGHTS),
                critical=critical,
                allow_na=not critical,
                when=when,
                **extra,  # type: ignore[arg-type]
            )
            index += 1
            items.append(item)
            made.append(item)
        sections.append(Section(f"s{k}", f"S{k}", draw(WEIGHTS), "", tuple(items)))
    return Checklist("rand", "Random", "1.0.0", "", DEFAULT_SCALE, DEFAULT_BANDS, tuple(sections), "0" * 64)


def _leaf_for(draw: st.DrawFn, target: Item) -> Leaf | None:
    if target.type is ItemType.yesno:
        return Leaf(target.id, ConditionOp.is_, draw(st.booleans()))
    if target.type is ItemType.choice:
        return Leaf(target.id, ConditionOp.in_, tuple(o.id for o in target.options[:2]))
    if target.type is ItemType.rating:
        assert target.scale is not None
        return Leaf(target.id, ConditionOp.min, draw(st.integers(target.scale.min, target.scale.max)))
    if target.type is ItemType.number:
        return Leaf(target.id, ConditionOp.max, draw(st.integers(-60, 60)))
    return None


def _value(draw: st.DrawFn, item: Item) -> object:
    if item.type is ItemType.rating:
        assert item.scale is not None
        return draw(st.integers(item.scale.min, item.scale.max))
    if item.type is ItemType.yesno:
        return draw(st.booleans())
    if item.type is ItemType.choice:
        return draw(st.sampled_from([o.id for o in item.options]))
    if item.type is ItemType.number:
        return draw(st.one_of(st.integers(-100, 100), st.floats(-100, 100, allow_nan=False)))
    return draw(st.text(max_size=5))


@st.composite
def audited(draw: st.DrawFn) -> tuple[Checklist, Audit]:
    checklist = draw(checklists())
    answers = {}
    for item in checklist.items:
        kind = draw(st.sampled_from(["value", "value", "value", "none", "na"]))
        if kind == "value":
            answers[item.id] = Answer(value=_value(draw, item))
        elif kind == "na" and item.allow_na:
            answers[item.id] = Answer(na=True)
    return checklist, Audit(ChecklistRef("rand"), answers=answers)


@settings(max_examples=300, deadline=None)
@given(audited())
def test_points_lost_add_up_and_scores_stay_in_range(case: tuple[Checklist, Audit]) -> None:
    checklist, audit = case
    r = score_audit(checklist, audit)
    lost = [i.points_lost for i in r.items if i.points_lost is not None]
    assert all(p >= -1e-12 for p in lost)
    if r.overall is None:
        assert lost == [] and r.band is None
    else:
        assert 0 <= r.overall <= 100 + 1e-9
        assert math.isclose(math.fsum(lost), 100 - r.overall, abs_tol=1e-7)
    for s in r.sections:
        assert s.score is None or 0 <= s.score <= 100 + 1e-9
        assert 0 <= s.answered <= s.applicable
    assert 0 <= r.completeness <= 100
    for i in r.items:
        assert (i.s is None) == (i.status != "scored")
        assert i.critical_failure == (i.item.critical and i.s is not None and i.s < 0.5)
    ranked = [a.points_lost or 0 for a in r.actions if not a.critical_failure]
    assert all(x >= y - 1e-9 for x, y in zip(ranked, ranked[1:], strict=False))


@settings(max_examples=300, deadline=None)
@given(audited())
def test_deleting_na_and_not_applicable_items_changes_nothing(case: tuple[Checklist, Audit]) -> None:
    checklist, audit = case
    r = score_audit(checklist, audit)
    drop = {i.item.id for i in r.items if i.status in (Status.na, Status.not_applicable)}
    sections = []
    for s in checklist.sections:
        kept = tuple(i for i in s.items if i.id not in drop)
        if kept:
            sections.append(dataclasses.replace(s, items=kept))
    if not sections:
        assert r.overall is None
        return
    smaller = dataclasses.replace(checklist, sections=tuple(sections))
    answers = {k: v for k, v in audit.answers.items() if k not in drop}
    r2 = score_audit(smaller, Audit(ChecklistRef("rand"), answers=answers))
    if r.overall is None:
        assert r2.overall is None
    else:
        assert r2.overall is not None and math.isclose(r.overall, r2.overall, abs_tol=1e-9)
    before = {s.section.id: s.score for s in r.sections}
    for s2 in r2.sections:
        b = before[s2.section.id]
        assert (b is None and s2.score is None) or (b is not None and s2.score is not None and math.isclose(b, s2.score))
    lost_before = {i.item.id: i.points_lost for i in r.items}
    for i in r2.items:
        assert i.points_lost == lost_before[i.item.id] or math.isclose(i.points_lost or 0, lost_before[i.item.id] or 0)
    assert [c.item.id for c in r.critical_failures] == [c.item.id for c in r2.critical_failures]


# --- several voices (SPEC Part 2) ------------------------------------------------------

ROLES = ("frontline", "management", "staff")


def _deciders(checklist: Checklist) -> set[str]:
    from cx_audit.files.voices import deciding_items

    return deciding_items(checklist)


@st.composite
def voiced(draw: st.DrawFn) -> tuple[Checklist, Audit]:
    """An audit with respondents: random responses on items that decide no condition."""
    checklist, audit = draw(audited())
    people = [Respondent(f"r{k}", draw(st.sampled_from(ROLES))) for k in range(draw(st.integers(1, 6)))]
    deciders = _deciders(checklist)
    for item in checklist.items:
        if item.id in deciders:
            continue
        responses = {}
        for p in people:
            kind = draw(st.sampled_from(["value", "value", "none", "na"]))
            if kind == "value":
                responses[p.id] = Answer(value=_value(draw, item))
            elif kind == "na" and item.allow_na:
                responses[p.id] = Answer(na=True)
        if responses:
            audit.answers.setdefault(item.id, Answer()).responses = responses
    group = draw(st.integers(1, 4))
    return checklist, Audit(ChecklistRef("rand"), answers=audit.answers, respondents=people, privacy={"min_group": group})


@settings(max_examples=300, deadline=None)
@given(voiced())
def test_points_lost_add_up_with_several_voices(case: tuple[Checklist, Audit]) -> None:
    checklist, audit = case
    r = score_audit(checklist, audit)
    lost = [i.points_lost for i in r.items if i.points_lost is not None]
    if r.overall is None:
        assert lost == []
    else:
        assert 0 <= r.overall <= 100 + 1e-9
        assert math.isclose(math.fsum(lost), 100 - r.overall, abs_tol=1e-7)
    assert r.voices is not None
    for item_id, sp in r.voices.spreads.items():
        ir = r.item(item_id)
        assert ir is not None
        if sp.n:
            assert sp.mean is not None and sp.min is not None and sp.max is not None and sp.stdev is not None
            assert ir.s is not None and math.isclose(sp.mean, 100 * ir.s, abs_tol=1e-9)
            assert sp.min - 1e-9 <= sp.mean <= sp.max + 1e-9 and sp.stdev >= 0
            assert sp.divided == (sp.n >= 2 and sp.max - sp.min >= 50 - 1e-9)
    assert r.voices.roles[0].role == "auditor"
    for g in r.voices.gaps:
        assert g.gap >= 0 and math.isclose(g.gap, g.highest - g.lowest)


@settings(max_examples=300, deadline=None)
@given(audited(), st.data())
def test_one_answer_per_item_scores_as_in_part_1(case: tuple[Checklist, Audit], data: st.DataObject) -> None:
    """Each item's only answer given by a respondent instead of the auditor: the same figures."""
    checklist, audit = case
    before = score_audit(checklist, audit)
    deciders = _deciders(checklist)
    moved: dict[str, Answer] = {}
    for key, a in audit.answers.items():
        if key in deciders or not data.draw(st.booleans()):
            moved[key] = a
        else:
            moved[key] = Answer(responses={"r1": Answer(value=a.value, na=a.na)})
    voiced_audit = Audit(ChecklistRef("rand"), answers=moved, respondents=[Respondent("r1", "staff")])
    after = score_audit(checklist, voiced_audit)
    assert after.overall == before.overall  # exactly, not approximately
    assert [s.score for s in after.sections] == [s.score for s in before.sections]
    assert [(i.status, i.s, i.points_lost) for i in after.items] == [(i.status, i.s, i.points_lost) for i in before.items]
    assert after.completeness == before.completeness
    assert [a.item.id for a in after.actions] == [a.item.id for a in before.actions]
