"""Round 8 (review B7): critical items a well-run small business failed, now passing through the real scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_edition3 import failures, guidance, score

# --- first reply to complaints (CX4 = IN3 = QP5): a same-day request for the order number ---


def on_time_share(complaints: list[str]) -> float:
    """The share answered on time: a reply within the standard, or a same-day request for what is
    needed to act, is on time; no reply, or a late one, is not."""
    return round(100 * sum(c in ("replied_in_time", "asked_order_number_same_day") for c in complaints) / len(complaints), 1)


# A small online shop with no real complaints in 12 months: five test complaints, two of them
# matching no order and answered the same day with "please send your order number".
SMALL_SHOP = ["replied_in_time"] * 3 + ["asked_order_number_same_day"] * 2
SMALL_SHOP_SILENT = ["replied_in_time"] * 3 + ["no_reply"] * 2


@pytest.mark.parametrize(("cid", "iid"), [("cx-essentials", "CX4"), ("retention-loyalty", "IN3"), ("quick-scan", "QP5")])
def test_a_same_day_request_for_the_order_number_is_a_first_reply(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    assert 'asks for what is needed to act ("please send your order number")' in " ".join(guidance(cid, iid).split())
    r = score(cli, tmp_path, cid, "retail", **{iid: on_time_share(SMALL_SHOP)})
    assert failures(r) == [] and r["band"] == "Leading"
    assert failures(score(cli, tmp_path, cid, "retail", **{iid: on_time_share(SMALL_SHOP_SILENT)})) == [iid]


def sample(real: int) -> int:
    """CX4's sample size from the real complaints found: test complaints make it up to five where
    fewer than five real ones exist; from five real ones, tests are at most half (two tests always)."""
    return max(5, real + 2) if real < 5 else real + min(2, real)


@pytest.mark.parametrize(("cid", "iid"), [("cx-essentials", "CX4"), ("retention-loyalty", "IN3")])
def test_test_complaints_make_up_five_and_are_at_most_half_only_from_five_real_ones(
    cli: Cli, tmp_path: Path, cid: str, iid: str
) -> None:
    """Review B8: an architects' practice with two real complaints in a year and one slow reply
    (a partner on leave) was sampled as four (two real, two tests: 75 %, a critical failure)."""
    text = " ".join(guidance(cid, iid).split())
    assert "make more test complaints to bring the sample to five" in text
    assert "only where five or more real complaints exist are tests at most half the sample" in text
    assert sample(2) == 5 and sample(0) == 5 and sample(10) == 12
    one_slow = ["replied_in_time"] * (sample(2) - 1) + ["no_reply"]
    r = score(cli, tmp_path, cid, "professional-services", **{iid: on_time_share(one_slow)})
    assert failures(r) == [], on_time_share(one_slow)
    two_slow = ["replied_in_time"] * (sample(2) - 2) + ["no_reply"] * 2
    assert failures(score(cli, tmp_path, cid, "professional-services", **{iid: on_time_share(two_slow)})) == [iid]


# --- leaving (SS3 = EC7): charges refunded unasked do not count ---------------------------


def leaving_option(charges: list[str]) -> str:
    """SS3's option from the ten leavers' charges after notice: one refunded in full within five
    working days without the customer asking does not count, however many; one the customer had
    to ask for counts as before."""
    counted = [c for c in charges if c != "refunded_unasked_within_5_days"]
    if len(counted) >= 2 or "not_refunded" in counted:
        return "trapped"
    return "other_channel" if counted else "as_easy"


@pytest.mark.parametrize(("cid", "iid"), [("cx-essentials", "SS3"), ("retention-loyalty", "EC7")])
def test_a_box_scheme_that_refunds_late_collections_unasked_is_not_trapped(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    assert "without the customer asking does not count, however many" in " ".join(guidance(cid, iid).split())
    box = ["refunded_unasked_within_5_days"] * 2
    r = score(cli, tmp_path, cid, "subscriptions", **{iid: leaving_option(box)})
    assert failures(r) == [] and r["band"] == "Leading"
    asked = ["refunded_after_asking"] * 2
    assert failures(score(cli, tmp_path, cid, "subscriptions", **{iid: leaving_option(asked)})) == [iid]


# --- allergens (TR3): a greengrocer sells nothing with a listed allergen ------------------


def test_a_greengrocer_with_no_allergen_is_na_and_passes(cli: Cli, tmp_path: Path) -> None:
    text = " ".join(guidance("cx-essentials", "TR3").split())
    assert "or where nothing it sells contains a listed allergen (a greengrocer's loose fruit and vegetables" in text
    r = score(cli, tmp_path, "cx-essentials", "retail", ("TR3",))
    assert failures(r) == [] and r["band"] == "Leading"
    # A deli that makes its own sandwiches with no record behind the answers still fails.
    assert failures(score(cli, tmp_path, "cx-essentials", "retail", TR3="no_record")) == ["TR3"]


def test_the_quick_scan_asks_walk_in_customers_about_their_last_visit(cli: Cli, tmp_path: Path) -> None:
    """Reviews B8 and B9: a well-run café's regulars each remembered one sold-out dish or one order
    they had to ask for; asked about their last visit, ten of them, with a dish run out no miss, two
    misses in ten pass (80 %) and three fail."""
    for cid, iid in (("cx-essentials", "ES8"), ("quick-scan", "QP2")):
        text = " ".join(guidance(cid, iid).split())
        assert "(Quick Scan: ask ten customers about their last visit; a dish run out is no miss)" in text
    assert failures(score(cli, tmp_path, "quick-scan", "hospitality", QP2=80.0)) == []
    assert failures(score(cli, tmp_path, "quick-scan", "hospitality", QP2=70.0)) == ["QP2"]


def test_tr2_scores_marketing_consent_alone() -> None:
    """Review B9: TR2's top point also asked about data requests, a second question."""
    from tests.test_edition3 import load

    item = load("cx-essentials").item("TR2")
    assert item is not None and item.scale is not None
    text = " ".join(item.guidance.split())
    assert "data requests" not in text and "request to see or delete" not in text
    assert "4: as 3, and the sign-up asks only for what the marketing uses" in text
    assert "data requests" not in str(item.scale.labels)
