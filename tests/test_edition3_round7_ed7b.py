"""Edition 3, round 7 (ed7b, review B6): the critical items' cases, through the real scoring.

Each case is worked out by the item's own definition (the functions below say it in code),
then scored through the CLI with every other item at its best.
"""

from __future__ import annotations

from math import comb
from pathlib import Path

import pytest

from cx_audit.files.profiles import apply_profile
from cx_audit.metric_formulas import wilson
from tests.conftest import Cli
from tests.test_edition3 import PROFILES, failures, guidance, load, score

# --- would come back (CV2 = QM1 = RO7 = CM4 = EC6): the interval at every sample size ------

COME_BACK = [
    ("cx-essentials", "CV2"),
    ("quick-scan", "QM1"),
    ("customer-value", "RO7"),
    ("customer-pulse", "CM4"),
    ("retention-loyalty", "EC6"),
]


def come_back(yes: int, n: int) -> float | None:
    """The entry once every customer was tried or 60 answered: the share, or None (N/A) where it
    is under 80 but the 95 % interval still reaches 80."""
    share = round(100 * yes / n, 1)
    if share < 80 <= 100 * wilson(yes, n)[1]:
        return None
    return share


def below(k: int, n: int, p: float) -> float:
    """Binomial chance of k or fewer yes answers in n when the true share is p."""
    return sum(comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k + 1))


def test_the_statistics_in_the_guidance_hold() -> None:
    # At 30 answers the whole interval lies below 80 only at 19 yes or fewer.
    assert 100 * wilson(19, 30)[1] < 80 <= 100 * wilson(20, 30)[1]
    assert 100 * wilson(41, 60)[1] < 80 <= 100 * wilson(42, 60)[1]
    assert 100 * wilson(23, 30)[1] == pytest.approx(88.2, abs=0.05)
    # A business where 85 in 100 would truly come back: about 15 % of audits failed it before
    # (23 or fewer of 30), fewer than one in 100 now (19 or fewer).
    assert below(23, 30, 0.85) > 0.15
    assert below(19, 30, 0.85) < 0.01
    assert below(41, 60, 0.85) < 0.01


@pytest.mark.parametrize(("cid", "iid"), COME_BACK)
def test_23_of_30_no_longer_fails_and_a_clearly_low_result_still_does(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    text = guidance(cid, iid)
    assert "a share below 80 is a critical failure only where the whole interval lies below 80" in text
    assert "at 30 answers, 19 yes or fewer; at 60, 41 or fewer" in text
    # A neighbourhood restaurant, about 85 % would truly come back: 23 of 30 after the
    # window was tried, so N/A, and the audit stays Leading.
    assert come_back(23, 30) is None
    r = score(cli, tmp_path, cid, "hospitality", (iid,))
    assert failures(r) == [] and r["band"] == "Leading"
    # 18 of 30 (60 %): the interval tops out at 75.4, a critical failure.
    entered = come_back(18, 30)
    assert entered == 60.0
    assert failures(score(cli, tmp_path, cid, "hospitality", **{iid: entered})) == [iid]


# --- repeat custom (VC3 = EC1 = QV5): the interval at any count --------------------------

REPEAT = [("cx-essentials", "VC3"), ("retention-loyalty", "EC1"), ("quick-scan", "QV5")]


@pytest.mark.parametrize(("cid", "iid"), REPEAT)
def test_thirty_established_guests_are_judged_on_the_interval_too(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    text = guidance(cid, iid)
    assert "at any number of established customers" in text
    assert "a member still paying counts as kept only with a visit, booking or order" in text
    assert 100 * wilson(11, 30)[1] == pytest.approx(54.5, abs=0.05)
    # A country hotel (hospitality, floor 40) with 30 established guests, 11 back: the
    # interval reaches the floor, so N/A, not a critical failure.
    r = score(cli, tmp_path, cid, "hospitality", (iid,))
    assert failures(r) == [] and r["band"] == "Leading"
    # Without a profile the floor is 60: 11 of 30 lies wholly below it and fails.
    assert failures(score(cli, tmp_path, cid, None, **{iid: round(100 * 11 / 30, 1)})) == [iid]


# --- first personal reply (CX4 = IN3 = QP5): a team signature counts -----------------------

REPLY = [("cx-essentials", "CX4"), ("retention-loyalty", "IN3"), ("quick-scan", "QP5")]


def counts(reply: dict[str, bool]) -> bool:
    """A reply counts when it is about the complaint and says what happens next and by when,
    whoever signs it; an instant automated message only when it resolves the complaint."""
    if reply.get("automated"):
        return bool(reply.get("resolves"))
    return bool(reply.get("specific")) and bool(reply.get("next_step"))


def share(replies: list[dict[str, bool]]) -> float:
    return round(100 * sum(counts(r) for r in replies) / len(replies), 1)


NAMED = {"specific": True, "next_step": True}
TEAM = {"specific": True, "next_step": True, "team_signed": True}
AUTO_REPLACEMENT = {"automated": True, "resolves": True}
AUTO_ACK = {"automated": True, "resolves": False}


@pytest.mark.parametrize(("cid", "iid"), REPLY)
def test_a_team_signed_reply_passes_and_a_bare_acknowledgement_does_not(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    text = guidance(cid, iid)
    assert 'whether a person or a team signs it ("The Customer Care Team")' in text
    assert "does not count unless it resolves the complaint" in text
    # Online shop: replies within two hours, three signed by the team, two instant replacements.
    shop = [NAMED] * 5 + [TEAM] * 3 + [AUTO_REPLACEMENT] * 2
    assert share(shop) == 100.0
    r = score(cli, tmp_path, cid, "retail", **{iid: share(shop)})
    assert failures(r) == [] and r["band"] == "Leading"
    # A shop whose only answer to three complaints in ten was an automatic "we've received it".
    bare = [NAMED] * 7 + [AUTO_ACK] * 3
    assert failures(score(cli, tmp_path, cid, "retail", **{iid: share(bare)})) == [iid]


# --- existing customers' terms (VC4 = EC2): introductory prices up to six months ----------

TERMS = [("cx-essentials", "VC4"), ("retention-loyalty", "EC2")]


def intro(months: int, newcomer: float, member: float, after: float, equal_benefit: bool) -> str:
    """The option for an open introductory price, shown with its end date and later price."""
    if months <= 6 and after <= member:
        return "equal_terms"
    if newcomer >= member:
        return "equal_terms"
    return "at_renewal" if equal_benefit else "new_routinely_better"


@pytest.mark.parametrize(("cid", "iid"), TERMS)
@pytest.mark.parametrize(
    ("business", "offer", "passes"),
    [
        ("gym, newcomers £15 for 12 months, members £30, nothing for members", (12, 15, 30, 30, False), False),
        ("gym, first six months £20 then £30, shown at sign-up", (6, 20, 30, 30, False), True),
        ("gym, 12 months at £15, members given the same saving at renewal", (12, 15, 30, 30, True), True),
    ],
)
def test_a_long_introductory_half_price_fails_without_an_equal_benefit(
    cli: Cli, tmp_path: Path, cid: str, iid: str, business: str, offer: tuple, passes: bool
) -> None:
    text = guidance(cid, iid)
    assert "an introductory price of up to six months" in text
    assert "passes only if existing customers get a benefit of equal value" in text
    assert "Something kept for them, for `loyal_favoured`, is a benefit only existing customers get" in text
    option = intro(*offer)
    r = score(cli, tmp_path, cid, "subscriptions", **{iid: option})
    assert (failures(r) == []) is passes, (business, option)


# --- the profiles' N/A rules (TR3 under b2b, PE1 under trades, QP4, QV2) -------------------


def test_a_contract_caterer_under_b2b_is_asked_about_allergens(cli: Cli, tmp_path: Path) -> None:
    flagship = load("cx-essentials")
    assert "TR3" not in apply_profile(flagship, "b2b").excluded
    assert "a contract caterer or wholesale bakery supplying businesses is asked" in guidance("cx-essentials", "TR3")
    # A wholesale bakery whose order desk answers from a current record passes; a wrong answer fails.
    r = score(cli, tmp_path, "cx-essentials", "b2b", TR3="from_record")
    assert failures(r) == [] and r["band"] == "Leading"
    assert failures(score(cli, tmp_path, "cx-essentials", "b2b", TR3="wrong_answer")) == ["TR3"]


def test_a_salon_under_trades_walks_its_own_premises() -> None:
    text = " ".join(load("cx-essentials").item("PE1").guidance.split())  # type: ignore[union-attr]
    assert "a salon or clinic whose customers come to it is walked as premises" in text


def test_a_sole_owner_is_not_marked_down_on_consistency_and_qv2_follows_vc2(cli: Cli, tmp_path: Path) -> None:
    scan, flagship = load("quick-scan"), load("cx-essentials")
    qp4 = scan.item("QP4")
    assert qp4 is not None and qp4.allow_na and "Mark N/A where the owner alone serves customers" in qp4.guidance
    r = score(cli, tmp_path, "quick-scan", "trades", ("QP4",))
    assert r["band"] == "Leading"
    for profile in PROFILES:
        vc2_out = "VC2" in apply_profile(flagship, profile).excluded
        assert ("QV2" in apply_profile(scan, profile).excluded) is vc2_out, profile
