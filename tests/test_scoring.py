"""Scoring against numbers computed by hand from the SPEC's formulas (see comments)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from cx_audit.errors import InputError
from cx_audit.files.audit import load_audit
from cx_audit.scoring.audit import AuditResult, ItemResult, score_audit
from cx_audit.scoring.compare import compare
from cx_audit.scoring.gates import gate_failures
from cx_audit.scoring.program import score_program
from cx_audit.scoring.rounding import band_for, delta, shown
from tests.conftest import FULL, audit_text, write

# Mini checklist (tests/conftest.py):
#   offer    W=2: A1 rating 0-4 w=2 critical · A2 yesno · A3 rating when A2 is yes
#   delivery W=1: B1 choice (never 0, sometimes .5, always 1) · B2 number, max 4→1, 24→.5, 1000→.25 · B3 text
#   extra    W=1: C1 rating


def _score(tmp_path: Path, mini: Path, answers: str, name: str = "a.yaml", site: str = "Crowthorne") -> AuditResult:
    path = write(tmp_path / name, audit_text(answers, site=site))
    loaded = load_audit(path)
    return score_audit(loaded.checklist, loaded.audit)


def test_full_audit_by_hand(tmp_path: Path, mini: Path) -> None:
    r = _score(tmp_path, mini, FULL)
    offer, delivery, extra = r.sections
    # offer: (2·0.25 + 1·1 + 1·0.75) / 4 = 0.5625
    assert offer.score == pytest.approx(56.25)
    # delivery: (0.5 + 0.5) / 2; the text item B3 is not scored
    assert delivery.score == pytest.approx(50.0)
    # extra: C1 is N/A → not assessed, left out of the overall
    assert extra.score is None and extra.band is None
    # overall: (2·56.25 + 1·50) / 3 = 54.1666…
    assert r.overall == pytest.approx(162.5 / 3)
    assert shown(r.overall) == 54.2
    assert r.band == "At risk"  # capped: A1 is a critical failure
    assert r.band_by_score == "Developing" and r.capped
    assert r.completeness == 100.0
    lost = {i.item.id: i.points_lost for i in r.items if i.points_lost is not None}
    # points lost = 100 · (W_k/ΣW) · (w_i/Σw_k) · (1 − s)
    assert lost["A1"] == pytest.approx(100 * (2 / 3) * (2 / 4) * 0.75)  # 25.0
    assert lost["A2"] == pytest.approx(0.0)
    assert lost["A3"] == pytest.approx(100 * (2 / 3) * (1 / 4) * 0.25)  # 4.1667
    assert lost["B1"] == pytest.approx(100 * (1 / 3) * (1 / 2) * 0.5)  # 8.3333
    assert lost["B2"] == pytest.approx(100 * (1 / 3) * (1 / 2) * 0.5)
    assert r.overall is not None
    assert math.fsum(lost.values()) == pytest.approx(100 - r.overall)
    assert [c.item.id for c in r.critical_failures] == ["A1"]
    # critical first; B1 and B2 tie on points, so checklist order; A2 lost nothing
    assert [a.item.id for a in r.actions] == ["A1", "B1", "B2", "A3"]
    statuses = {i.item.id: i.status for i in r.items}
    assert statuses == {
        "A1": "scored", "A2": "scored", "A3": "scored", "B1": "scored",
        "B2": "scored", "B3": "unscored", "C1": "na",
    }  # fmt: skip
    assert [i.item.id for i in r.items if i.failed] == ["A1"]  # B1 at exactly 0.5 does not fail


def test_condition_makes_item_not_applicable(tmp_path: Path, mini: Path) -> None:
    # A3 (when A2 is yes) has an answer, but A2 is no: the answer stays and is ignored.
    r = _score(tmp_path, mini, "A1: {value: 4}\nA2: {value: no}\nA3: {value: 0}\nB2: {value: 2}")
    offer, delivery, extra = r.sections
    assert offer.score == pytest.approx(200 / 3)  # (2·1 + 1·0) / 3
    assert delivery.score == pytest.approx(100.0)  # only B2 (2 h ≤ 4 → 1)
    assert r.overall == pytest.approx((2 * 200 / 3 + 100) / 3)  # 77.78
    assert r.band == "Established"
    assert _item(r, "A3").status == "not_applicable"
    # applicable: A1 A2 B1 B2 B3 C1 = 6; answered: A1 A2 B2 = 3
    assert r.completeness == pytest.approx(50.0)
    assert (offer.answered, offer.applicable) == (2, 2)


def test_unanswered_gate_hides_dependants(tmp_path: Path, mini: Path) -> None:
    r = _score(tmp_path, mini, "A1: {value: 2}")
    assert _item(r, "A3").status == "not_applicable"  # A2 unanswered → condition false
    assert _item(r, "A2").status == "unanswered"


def test_nothing_assessed_gives_null_overall(tmp_path: Path, mini: Path) -> None:
    r = _score(tmp_path, mini, "B3: {value: text only}")
    assert r.overall is None and r.band is None
    assert all(s.score is None for s in r.sections)
    assert gate_failures(r, fail_under=10) != []
    assert r.actions == ()


def test_number_thresholds_higher_and_lower(tmp_path: Path, mini: Path) -> None:
    for hours, expected in ((0, 1.0), (4, 1.0), (4.01, 0.5), (24, 0.5), (999, 0.25), (5000, 0.0)):
        r = _score(tmp_path, mini, f"B2: {{value: {hours}}}")
        assert _item(r, "B2").s == expected, hours


def test_rounding_and_bands_judge_the_displayed_score() -> None:
    from cx_audit.model import DEFAULT_BANDS

    assert shown(84.95) == 85.0  # half-up from the decimal, not the binary float
    assert shown(84.96) == 85.0
    assert shown(84.94) == 84.9
    assert shown(-0.0) == 0.0 and str(shown(-0.0)) == "0.0"
    assert shown(-0.04) == 0.0 and str(shown(-0.04)) == "0.0"
    assert band_for(84.96, DEFAULT_BANDS) == "Leading"
    assert band_for(84.94, DEFAULT_BANDS) == "Established"
    assert band_for(49.95, DEFAULT_BANDS) == "Developing"
    assert band_for(0.0, DEFAULT_BANDS) == "At risk"
    assert shown(12.345, 2) == 12.35
    assert shown(8.749999999999998) == 8.8  # 8.75 exactly, as floating point computes it
    assert shown(100 * (0.35 * 3) / 12) == 8.8


def test_gates(tmp_path: Path, mini: Path) -> None:
    r = _score(tmp_path, mini, FULL)  # 54.2, one critical failure, complete
    assert gate_failures(r) == []
    assert gate_failures(r, fail_under=54.2) == []  # judged as displayed
    assert gate_failures(r, fail_under=54.25) == ["overall score 54.2 is under 54.25"]
    assert gate_failures(r, fail_on_critical=True) == ["1 critical failure(s): A1"]
    assert gate_failures(r, require_complete=True) == []
    partial = _score(tmp_path, mini, "A1: {value: 4}")
    assert gate_failures(partial, require_complete=True) == ["5 applicable item(s) unanswered: A2, B1, B2, B3, C1"]


def test_program_statistics(tmp_path: Path, mini: Path) -> None:
    r1 = _score(tmp_path, mini, FULL, "s1.yaml", "North")  # offer 56.25, delivery 50, overall 54.17
    r2 = _score(tmp_path, mini, "A1: {value: 4}\nA2: {value: no}\nB2: {value: 2}", "s2.yaml", "South")  # 66.67, 100, 77.78
    r3 = _score(tmp_path, mini, "B3: {value: x}", "s3.yaml", "West")  # nothing assessed
    p = score_program([r1, r2, r3])
    assert p.overall is not None and p.overall.n == 2  # the null audit is left out
    o1, o2 = 162.5 / 3, (2 * 200 / 3 + 100) / 3
    assert p.overall.mean == pytest.approx((o1 + o2) / 2)
    assert p.overall.stdev == pytest.approx(abs(o1 - o2) / 2)  # population stdev of two values
    assert p.overall.min == pytest.approx(o1) and p.overall.max == pytest.approx(o2)
    (_, offer), (_, delivery), (_, extra) = p.sections
    assert offer is not None and offer.mean == pytest.approx((56.25 + 200 / 3) / 2)
    assert delivery is not None and delivery.stdev == pytest.approx(25.0)
    assert extra is None
    actions = {a.item.id: a for a in p.actions}
    # A1: lost 25.0 in s1, 0 in s2 → mean 12.5 over 2 audits
    assert actions["A1"].mean_points_lost == pytest.approx(12.5) and actions["A1"].audits == 2
    # A2: lost 0 in s1; in s2: 100·(2/3)·(1/3)·1 = 22.22 → mean 11.11
    assert actions["A2"].mean_points_lost == pytest.approx(100 * (2 / 3) * (1 / 3) / 2)
    assert [a.item.id for a in p.actions][:2] == ["A1", "A2"]


def test_compare(tmp_path: Path, mini: Path) -> None:
    base = _score(tmp_path, mini, FULL, "q1.yaml")
    cur = _score(tmp_path, mini, "A1: {value: 4}\nA2: {value: no}\nB2: {value: 2}\nC1: {value: 2}", "q2.yaml")
    c = compare(base, cur)
    assert delta(cur.overall, base.overall) == pytest.approx(shown(cur.overall) - shown(base.overall))
    changed = {ch.item.id: ch.change for ch in c.changed}
    assert changed == {"A1": "improved", "A2": "regressed", "B2": "improved"}
    assert [i.id for i in c.only_in_baseline] == ["A3", "B1"]  # A3 not applicable now; B1 unanswered
    assert [i.id for i in c.only_in_current] == ["C1"]
    assert [i.id for i in c.resolved_critical] == ["A1"]
    assert c.new_critical == ()
    # current overall = (2·66.67 + 100 + 50)/4 = 70.83 > 54.2: no regression
    assert not c.regression
    back = compare(cur, base)
    assert back.regression and [i.id for i in back.new_critical] == ["A1"]


def test_compare_flags_section_no_longer_assessed(tmp_path: Path, mini: Path) -> None:
    base = _score(tmp_path, mini, "A1: {value: 3}\nC1: {value: 3}", "q1.yaml")
    cur = _score(tmp_path, mini, "A1: {value: 3}", "q2.yaml")
    c = compare(base, cur)
    assert [s.id for s in c.became_not_assessed] == ["extra"]
    assert not c.regression  # 75 → 75


def test_ranking_treats_points_within_1e9_as_equal() -> None:
    from cx_audit.scoring.audit import by_points

    rows = [("late", 5.0 + 5e-10, 9), ("early", 5.0, 1), ("mid", 5.0 - 4e-10, 4), ("big", 7.0, 8), ("small", 1.0, 0)]
    ranked = by_points(rows, lambda r: r[1], lambda r: r[2])
    assert [r[0] for r in ranked] == ["big", "early", "mid", "late", "small"]


VERSIONED = """
format: cx-audit/checklist@1
id: verx
title: V
version: "{version}.0"
sections:
{sections}
"""
S1 = "  - {id: s1, title: S1, items: [{id: A1, text: a}, {id: A2, text: b, critical: true}]}\n"
S2 = "  - {id: s2, title: S2, items: [{id: B1, text: c}]}\n"


def _item(r: AuditResult, item_id: str) -> ItemResult:
    found = r.item(item_id)
    assert found is not None, item_id
    return found


def _versioned(tmp_path: Path, name: str, version: str, sections: str, answers: str) -> AuditResult:
    write(tmp_path / f"v{version}.yaml", VERSIONED.format(version=version, sections=sections))
    text = (
        f"format: cx-audit/audit@1\nchecklist: {{id: verx, path: v{version}.yaml}}\nclient: x\nauditor: y\nanswers: {answers}\n"
    )
    loaded = load_audit(write(tmp_path / name, text))
    return score_audit(loaded.checklist, loaded.audit)


def test_compare_matches_sections_and_items_by_id_across_versions(tmp_path: Path) -> None:
    """Part 3 ("Editions"): two versions are compared only through the later one's mapping;
    removed items are not comparable, sections are matched by id."""
    base = _versioned(tmp_path, "base.yaml", "1", S1 + S2, "{A1: 4, A2: 0, B1: 0}")  # s1 50, s2 0
    moved_sections = S2 + S1.replace(", {id: A2, text: b, critical: true}", "")
    unmapped = _versioned(tmp_path, "unmapped.yaml", "2", moved_sections, "{A1: 0, B1: 4}")
    with pytest.raises(InputError, match=r"verx 2\.0 has no mapping from 1\.0"):
        compare(base, unmapped)
    mapped = 'editions:\n  - {{from: "1.0", removed: [A2]}}\nsections:'
    versioned_mapped = VERSIONED.replace("sections:", mapped)
    write(tmp_path / "v2.yaml", versioned_mapped.format(version="2", sections=moved_sections))
    loaded = load_audit(tmp_path / "unmapped.yaml")
    moved = score_audit(loaded.checklist, loaded.audit)
    c = compare(base, moved)
    assert [(d.section.id, d.baseline, d.current) for d in c.sections] == [("s2", 0.0, 100.0), ("s1", 50.0, 0.0)]
    assert {ch.item.id: ch.change for ch in c.changed} == {"B1": "improved", "A1": "regressed"}
    assert [(n.item.id, n.why) for n in c.not_comparable] == [("A2", "removed")]  # dropped by version 2
    assert c.only_in_baseline == ()
    assert c.resolved_critical == ()  # dropped is not resolved
    assert c.note == "checklist 1.0 → 2.0"
    shrunk_sections = S1.replace(", {id: A2, text: b, critical: true}", "")
    _versioned(tmp_path, "shrunk.yaml", "3", shrunk_sections, "{A1: 4}")
    write(tmp_path / "v3.yaml", versioned_mapped.replace("[A2]", "[A2, B1]").format(version="3", sections=shrunk_sections))
    loaded = load_audit(tmp_path / "shrunk.yaml")
    shrunk = score_audit(loaded.checklist, loaded.audit)
    c3 = compare(base, shrunk)
    assert c3.became_not_assessed == ()
    assert [s.id for s in c3.sections_not_comparable] == ["s2"]
    assert [(n.item.id, n.why) for n in c3.not_comparable] == [("A2", "removed"), ("B1", "removed")]


def test_program_across_versions_aggregates_by_section_id(tmp_path: Path) -> None:
    base = _versioned(tmp_path, "base.yaml", "1", S1 + S2, "{A1: 4, A2: 0, B1: 0}")
    shrunk = _versioned(tmp_path, "shrunk.yaml", "3", S1.replace(", {id: A2, text: b, critical: true}", ""), "{A1: 4}")
    for order in ([shrunk, base], [base, shrunk]):
        p = score_program(order)
        stats = {s.id: st for s, st in p.sections}
        assert stats["s1"] is not None and (stats["s1"].n, stats["s1"].mean) == (2, 75.0)
        assert stats["s2"] is not None and (stats["s2"].n, stats["s2"].mean) == (1, 0.0)
