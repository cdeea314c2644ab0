"""Several voices: loading, the pooled item score, spread, roles and perception gaps, by hand."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from cx_audit.files.audit import dump_audit, load_audit
from cx_audit.scoring.audit import AuditResult, score_audit
from tests.conftest import Run, write
from tests.voices_data import VOICES_AUDIT, voices_audit

# Answers (100·s) of the survey in tests/voices_data.py, on the 0–4 scale and choices:
#   A1 (w2, offer): auditor 3→75, fd-1 1→25, fd-2 2→50, mg-1 4→100, mg-2 4→100
#   A2 (offer): auditor yes→100 (decides A3: takes the auditor's answer only)
#   A3 (offer): fd-1 0→0, fd-2 1→25, mg-1 4→100
#   B1 (delivery): auditor sometimes→50, fd-1 never→0, fd-3 always→100
#   B2 (delivery): auditor 10 h→50 · C1 (extra): auditor 2→50, fd-3 N/A


def _result(tmp_path: Path, min_group: int = 2) -> AuditResult:
    loaded = load_audit(voices_audit(tmp_path, min_group))
    return score_audit(loaded.checklist, loaded.audit)


def test_item_score_is_the_mean_of_its_scored_answers(tmp_path: Path) -> None:
    r = _result(tmp_path)
    s = {i.item.id: i.s for i in r.items}
    assert s["A1"] == pytest.approx((0.75 + 0.25 + 0.5 + 1 + 1) / 5)  # 0.7
    assert s["A3"] == pytest.approx((0 + 0.25 + 1) / 3)  # an item with no auditor answer
    assert s["B1"] == pytest.approx(0.5)
    assert s["C1"] == 0.5  # fd-3's N/A does not count
    offer = (2 * 0.7 + 1 + 1.25 / 3) / 4
    assert r.sections[0].score == pytest.approx(100 * offer)  # 70.42
    assert r.overall == pytest.approx((2 * 100 * offer + 50 + 50) / 4)  # 60.21
    lost = [i.points_lost for i in r.items if i.points_lost is not None]
    assert r.overall is not None and math.fsum(lost) == pytest.approx(100 - r.overall)
    assert r.completeness == pytest.approx(100 * 6 / 7)  # B3 (text) unanswered


def test_spread(tmp_path: Path) -> None:
    v = _result(tmp_path).voices
    assert v is not None
    a1 = v.spreads["A1"]
    # mean 70; deviations 5, −45, −20, 30, 30 → variance (25+2025+400+900+900)/5 = 850
    assert (a1.n, a1.min, a1.max) == (5, 25, 100)
    assert a1.mean == pytest.approx(70)
    assert a1.stdev == pytest.approx(math.sqrt(850))
    assert a1.divided
    c1 = v.spreads["C1"]
    assert (c1.n, c1.min, c1.max, c1.stdev, c1.divided) == (1, 50, 50, 0, False)
    assert set(v.spreads) == {"A1", "A3", "B1", "C1"}  # only items with responses
    assert v.divided == ("A1", "A3", "B1")


def test_roles_and_perception_gaps(tmp_path: Path) -> None:
    v = _result(tmp_path).voices
    assert v is not None
    roles = {r.role: r for r in v.roles}
    assert [r.role for r in v.roles] == ["auditor", "frontline", "management"]
    assert (roles["auditor"].respondents, roles["frontline"].respondents, roles["management"].respondents) == (1, 3, 2)
    assert v.respondents == 5
    # auditor offer: (2·0.75 + 1·1)/3; frontline offer: (2·0.375 + 1·0.125)/3; management (2·1 + 1·1)/3
    assert roles["auditor"].sections == {"offer": pytest.approx(250 / 3), "delivery": 50, "extra": 50}
    assert roles["frontline"].sections == {"offer": pytest.approx(87.5 / 3), "delivery": 50, "extra": None}
    assert roles["management"].sections == {"offer": 100, "delivery": None, "extra": None}
    assert roles["frontline"].items["A1"] == 37.5
    assert roles["management"].items["A3"] is None  # only mg-1 scored it: under min_group 2
    offer, delivery = v.gaps
    assert (offer.section.id, offer.highest_role, offer.lowest_role) == ("offer", "management", "frontline")
    assert offer.gap == pytest.approx(100 - 87.5 / 3)
    # delivery: auditor 50 and frontline 50 tie: both ends go to the role listed first
    assert (delivery.gap, delivery.highest_role, delivery.lowest_role) == (0, "auditor", "auditor")
    notes = [(n.role, n.note) for n in v.notes["A1"]]
    assert notes == [("frontline", "Targets change every month"), ("management", "We brief weekly")]


def test_privacy_min_group_hides_small_roles_and_scores(tmp_path: Path) -> None:
    r = _result(tmp_path, min_group=3)
    v = r.voices
    assert v is not None
    assert [x.role for x in v.roles] == ["auditor", "frontline"]  # management: 2 respondents < 3
    assert v.hidden_roles == 1
    frontline = v.roles[1]
    # frontline has 3 respondents, but only fd-1 and fd-2 scored in offer, fd-1 and fd-3 in delivery
    assert frontline.sections == {"offer": None, "delivery": None, "extra": None}
    assert v.gaps == ()
    assert [(n.role, n.note) for n in v.notes["A1"]] == [("frontline", "Targets change every month"), (None, "We brief weekly")]
    # hidden answers still count
    assert r.item("A1") is not None and r.item("A1").s == pytest.approx(0.7)  # type: ignore[union-attr]


def test_json(tmp_path: Path, cli: Callable[..., Run]) -> None:
    res = cli("score", voices_audit(tmp_path), "--format", "json")
    assert res.code == 0, res.err
    d = json.loads(res.out)
    items = {i["id"]: i for i in d["items"]}
    assert items["A1"]["responses"] == {"n": 5, "mean": 70.0, "min": 25.0, "max": 100.0, "stdev": 29.15, "divided": True}
    assert "responses" not in items["A2"]
    assert d["roles"][1] == {
        "role": "frontline",
        "respondents": 3,
        "sections": [{"id": "offer", "score": 29.17}, {"id": "delivery", "score": 50.0}, {"id": "extra", "score": None}],
    }
    assert d["perception_gaps"] == [
        {"section": "offer", "gap": 70.83, "highest_role": "management", "lowest_role": "frontline"},
        {"section": "delivery", "gap": 0.0, "highest_role": "auditor", "lowest_role": "auditor"},
    ]


def test_audit_without_respondents_has_no_voice_keys(tmp_path: Path, mini: Path, cli: Callable[..., Run]) -> None:
    from tests.conftest import FULL, audit_text

    path = write(tmp_path / "plain.yaml", audit_text(FULL))
    d = json.loads(cli("score", path, "--format", "json").out)
    assert "roles" not in d and "perception_gaps" not in d
    assert all("responses" not in i for i in d["items"])


def test_round_trip_keeps_respondents_privacy_and_responses(tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    loaded = load_audit(path)
    text = dump_audit(loaded.audit, loaded.checklist)
    again = write(tmp_path / "again.yaml", text)
    reloaded = load_audit(again)
    assert dump_audit(reloaded.audit, reloaded.checklist) == text
    assert "name: Sam Quill" in text and "privacy:\n  min_group: 2" in text
    a1 = reloaded.audit.answers["A1"]
    assert a1.value == 3 and a1.responses["fd-1"].note == "Targets change every month"
    assert text.index("respondents:") < text.index("answers:")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("mg-2: {value: 4,", "zz-9: {value: 4,"), "survey.yaml:23:7: A1: a response from 'zz-9', who is not declared"),
        (('A2: {value: "yes"}', 'A2: {value: "yes", responses: {fd-1: {value: "no"}}}'), "A2 decides which items apply"),
        (("fd-2: {value: 2}", "fd-2: {value: 7}"), "survey.yaml:21:21: A1: 7 is out of range"),
        (("fd-2: {value: 2}", "fd-2: {na: true}"), "A1: N/A is not allowed for critical items"),
        (("- {id: fd-3, role: frontline}", "- {id: fd-2, role: frontline}"), "respondent id 'fd-2' is declared twice"),
        (("- {id: fd-3, role: frontline}", "- {id: fd-3, role: Front Line}"), "role 'Front Line' is not valid"),
        (("- {id: fd-3, role: frontline}", "- {id: fd-3, role: auditor}"), "is the auditor's own role"),
        (("privacy: {min_group: 2}", "privacy: {min_group: 0}"), "min_group must be a whole number of at least 1"),
    ],
)
def test_bad_voices_are_input_errors(tmp_path: Path, cli: Callable[..., Run], change: tuple[str, str], message: str) -> None:
    path = voices_audit(tmp_path)
    path.write_text(path.read_text().replace(*change))
    res = cli("score", path)
    assert res.code == 2
    assert message in res.err
    assert "Traceback" not in res.err


def test_every_problem_at_once(tmp_path: Path, cli: Callable[..., Run]) -> None:
    path = voices_audit(tmp_path)
    text = VOICES_AUDIT.replace("fd-2: {value: 2}", "fd-2: {value: 9}").replace("mg-1: {value: 4}\n", "xx: {value: 4}\n", 1)
    path.write_text(text.lstrip("\n"))
    lines = cli("score", path).err.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith(str(path) + ":") for line in lines)
