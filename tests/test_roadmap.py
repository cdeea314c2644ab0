"""The roadmap rule (scoring/roadmap.py): Now, Next 90 days, Later, worked by hand."""

from __future__ import annotations

import json

import pytest

from cx_audit.scoring.roadmap import Horizon, horizons
from tests.conftest import Cli

N, X, L = Horizon.now, Horizon.next, Horizon.later


def test_now_then_next_until_half_then_later() -> None:
    # total 30, half 15: CX(10, now) + 8 = 18 >= 15 after one Next action
    assert horizons([10, 8, 6, 4, 2], [True, False, False, False, False]) == (N, X, L, L, L)


def test_no_critical_failure_next_takes_actions_until_half() -> None:
    # total 15, half 7.5: 5 (5 < 7.5) then 4 (9 >= 7.5)
    assert horizons([5, 4, 3, 2, 1], [False] * 5) == (X, X, L, L, L)


def test_exactly_half_is_enough() -> None:
    # total 12, half 6: 3 + 3 = 6 reaches it; the next 2 is Later
    assert horizons([3, 3, 2, 2, 1, 1], [False] * 6) == (X, X, L, L, L, L)


def test_now_alone_reaching_half_leaves_next_empty() -> None:
    assert horizons([20, 5, 5], [True, False, False]) == (N, L, L)


def test_now_is_counted_wherever_it_stands_in_the_plan() -> None:
    # a program's plan is ranked by mean points: total 20, half 10, the Now item has 10
    assert horizons([5, 10, 3, 2], [False, True, False, False]) == (L, N, L, L)
    # total 20, half 10: now 4, then 5 (9 < 10), then 3 (12)
    assert horizons([5, 4, 3, 2, 6], [False, True, False, False, False]) == (X, N, X, L, L)


def test_float_noise_does_not_add_an_action() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 against a half of 0.3
    assert horizons([0.1, 0.2, 0.3], [False] * 3) == (X, X, L)


def test_empty_plan_and_bad_input() -> None:
    assert horizons([], []) == ()
    with pytest.raises(ValueError):
        horizons([1.0], [])


@pytest.mark.parametrize("audits", [["acme-q4.yaml"], ["acme-q4.yaml", "acme-bracknell.yaml", "acme-reading.yaml"]])
def test_json_actions_carry_the_horizon(cli: Cli, audits: list[str]) -> None:
    """Checked against the JSON's own figures: Now = the critical failures; Next, in plan
    order, stops as soon as Now and Next lose at least half of the points."""
    from tests.test_gold import INPUTS

    run = cli("score", *(INPUTS / a for a in audits), "--format", "json")
    assert run.code == 0, run.err
    d = json.loads(run.out)
    actions = d["actions"]
    points = [a.get("points_lost", a.get("mean_points_lost")) for a in actions]
    now = {i for x in d.get("audits", [d]) for i in x["critical_failures"]}
    got = [a["horizon"] for a in actions]
    assert set(got) <= {"now", "next", "later"}
    assert [a["item"] for a in actions if a["horizon"] == "now"] == [a["item"] for a in actions if a["item"] in now]
    total = sum(points)
    kept = sum(p for p, h in zip(points, got, strict=True) if h in ("now", "next"))
    assert kept >= total / 2 - 0.05  # JSON points are rounded to 2 decimals
    nexts = [i for i, h in enumerate(got) if h == "next"]
    if nexts:  # without its last Next action, Now and Next would not reach half
        assert kept - points[nexts[-1]] < total / 2 + 0.05
        assert all(got[i] != "later" for i in range(nexts[-1]))
