"""Third edition, round 5 (issue 22, review B4): the critical items a strict reviewer showed could
fail a well-run business: introductory prices (VC4 = EC2), complaints found in reviews (CX4 = IN3
= QP5), one wrong charge after leaving (SS3 = EC7) and the question asked where the outcome is
out of the business's hands (CV2 = QM1 = RO7 = EC6 = CM4).

Each case is worked out by the item's own definition (the functions below say it in code) and
scored through the real CLI with every other item at its best: a well-run business of the
profile passes, and its opposite, which deserves the failure, still fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_edition3 import failures, guidance, score

# --- existing customers' terms (VC4 = EC2): an open introductory price of up to six months -----

TERMS = [("cx-essentials", "VC4"), ("retention-loyalty", "EC2")]


def intro_option(offer: dict[str, object]) -> str:
    """VC4's option for a product with an introductory price: left out (compare the price after
    it) when all four hold: offered to every newcomer, end date and later price shown, visible to
    existing customers, and the later price no more than existing customers pay. Otherwise it is
    a lasting better deal, and what existing customers get decides."""
    fair = (
        int(offer.get("months", 6)) <= 6  # type: ignore[call-overload]  # longer: a lasting better deal
        and bool(offer["all_newcomers"])
        and bool(offer["end_shown"])
        and bool(offer["visible"])
        and float(offer["after"]) <= float(offer["existing"])  # type: ignore[arg-type]
    )
    if fair:
        return "equal_terms"
    return {"renewal": "at_renewal", "ask": "new_sometimes_better"}.get(str(offer.get("existing_get")), "new_routinely_better")


# A gym: "first six months £20, then £30", shown at sign-up; long-standing members pay £30.
GYM = {"all_newcomers": True, "end_shown": True, "visible": True, "after": 30, "existing": 30}
# A distributor: 8 % off list for every new account's first two years, in its published terms.
DISTRIBUTOR = {"months": 24, "all_newcomers": True, "end_shown": True, "visible": True, "after": 100, "existing": 100}
# A gym that quietly gives newcomers a rate members are never told of and never get.
GYM_HIDDEN = {"all_newcomers": True, "end_shown": True, "visible": False, "after": 25, "existing": 30}


@pytest.mark.parametrize(("cid", "iid"), TERMS)
@pytest.mark.parametrize(
    ("business", "profile", "offer", "passes"),
    [
        ("gym, first six months cheaper, shown with the later price", "subscriptions", GYM, True),
        ("distributor, two years' new-account discount, nothing for old accounts", "b2b", DISTRIBUTOR, False),
        ("gym hiding a better newcomer rate from members", "subscriptions", GYM_HIDDEN, False),
    ],
)
def test_an_open_introductory_price_of_up_to_six_months_is_fair(
    cli: Cli, tmp_path: Path, cid: str, iid: str, business: str, profile: str, offer: dict, passes: bool
) -> None:
    text = guidance(cid, iid)
    assert "an introductory price of up to six months" in text and "when all four hold" in text
    assert "better newcomer terms kept from existing customers' sight" in text
    option = intro_option(offer)
    r = score(cli, tmp_path, cid, profile, **{iid: option})
    assert (failures(r) == []) is passes, (business, option)


# --- first personal reply (CX4 = IN3 = QP5): review complaints on DR4's seven days ------------

REPLY = [("cx-essentials", "CX4"), ("retention-loyalty", "IN3"), ("quick-scan", "QP5")]


def on_time(complaints: list[dict[str, object]]) -> float:
    """CX4's share: a complaint found only in a public review is on time within seven days
    (DR4); any other within the end of the next working day (no published standard), counted in
    working days; one put right on the spot is on time."""
    ok = 0
    for c in complaints:
        if c.get("on_the_spot"):
            ok += 1
        elif c.get("review"):
            ok += int(c["days"]) <= 7  # type: ignore[call-overload]
        else:
            ok += int(c["days"]) <= 1  # type: ignore[call-overload]
    return round(100 * ok / len(complaints), 1)


Complaint = dict[str, object]
TABLE: list[Complaint] = [{"on_the_spot": True}] * 3
REVIEWS: list[Complaint] = [{"review": True, "days": d} for d in (3, 4, 5, 5)]
REVIEWS_SLOW: list[Complaint] = [{"review": True, "days": d} for d in (10, 12, 14, 21)]
TESTS: list[Complaint] = [{"days": 1}] * 2


@pytest.mark.parametrize(("cid", "iid"), REPLY)
def test_a_restaurant_answering_critical_reviews_within_days_is_on_time(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    text = guidance(cid, iid)
    assert "review-reply standard of Digital Reputation (DR4)" in text
    assert "within seven days of the review" in text
    # The Quick Scan stages no test complaints: its sample is what is on record.
    tests: list[Complaint] = [] if cid == "quick-scan" else TESTS
    good = on_time(TABLE + REVIEWS + tests)
    assert good == 100.0
    r = score(cli, tmp_path, cid, "hospitality", **{iid: good})
    assert failures(r) == [] and r["band"] == "Leading"
    # Held to the next working day, as before, the same restaurant was 5 of 9 (56 %) in the audit.
    slow = on_time(TABLE + REVIEWS_SLOW + tests)
    assert slow < 80
    assert failures(score(cli, tmp_path, cid, "hospitality", **{iid: slow})) == [iid]


# --- leaving (SS3 = EC7): one wrong charge refunded promptly does not trap anyone -------------

LEAVING = [("cx-essentials", "SS3"), ("retention-loyalty", "EC7")]


def leaving_option(walkthrough: str, wrong_charges: list[dict[str, object]]) -> str:
    """SS3's option from the walk-through and the ten leavers' payment records: one charge after
    the notice ended, refunded in full within five working days without a second request, caps
    the option at other_channel; more, or one refunded late or only when chased, is trapped."""
    if not wrong_charges:
        return walkthrough
    if len(wrong_charges) == 1:
        c = wrong_charges[0]
        if int(c["refund_days"]) <= 5 and not c.get("second_request"):  # type: ignore[call-overload]
            rank = ["trapped", "obstructed", "other_channel", "one_offer", "as_easy"]
            return min(walkthrough, "other_channel", key=rank.index)
    return "trapped"


@pytest.mark.parametrize(("cid", "iid"), LEAVING)
def test_a_gym_that_refunds_one_bank_cut_off_charge_at_once_is_not_trapping(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    text = guidance(cid, iid)
    assert "refunded in full within five working days" in text and "the best option it then allows is `other_channel`" in text
    option = leaving_option("as_easy", [{"refund_days": 3}])
    assert option == "other_channel"
    r = score(cli, tmp_path, cid, "subscriptions", **{iid: option})
    assert failures(r) == []
    chased = leaving_option("as_easy", [{"refund_days": 3, "second_request": True}])
    assert chased == "trapped"
    assert failures(score(cli, tmp_path, cid, "subscriptions", **{iid: chased})) == [iid]
    twice = leaving_option("as_easy", [{"refund_days": 2}, {"refund_days": 2}])
    assert failures(score(cli, tmp_path, cid, "subscriptions", **{iid: twice})) == [iid]


# --- would come back (CV2 = QM1 = RO7 = EC6 = CM4): the service, not the outcome --------------

COME_BACK = [
    ("cx-essentials", "CV2"),
    ("quick-scan", "QM1"),
    ("customer-value", "RO7"),
    ("retention-loyalty", "EC6"),
    ("customer-pulse", "CM4"),
]


def would_come_back(clients: list[dict[str, bool]], result_aside: bool) -> float:
    """The share of yes among yes and no. Asked "Leaving the result aside…", a customer answers
    about the service; asked the general form, one who lost the case says no."""
    yes = sum(c["service_good"] if result_aside else c["service_good"] and c["won"] for c in clients)
    return round(100 * yes / len(clients), 1)


# A family-law firm: 40 matters closed; 30 went the client's way; 36 were served well.
FIRM = [{"won": True, "service_good": True}] * 28 + [{"won": False, "service_good": True}] * 8
FIRM += [{"won": True, "service_good": False}] * 2 + [{"won": False, "service_good": False}] * 2
# A firm that served its customers badly, whatever the result.
FIRM_POOR = [{"won": True, "service_good": True}] * 20 + [{"won": True, "service_good": False}] * 10
FIRM_POOR += [{"won": False, "service_good": False}] * 10


@pytest.mark.parametrize(("cid", "iid"), COME_BACK)
def test_a_family_law_firm_is_asked_about_its_service_not_the_result(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    text = guidance(cid, iid)
    assert "a family-law, personal-injury or immigration case" in text
    assert "so that the answer is about the service, not the outcome" in text
    if cid == "customer-pulse":
        assert "the note gives the wording used" in text
        assert "a family-law or personal-injury firm surveying every customer after the matter closes" in text
    assert would_come_back(FIRM, result_aside=False) == 70.0  # the general form fails it
    good = would_come_back(FIRM, result_aside=True)
    assert good == 90.0
    r = score(cli, tmp_path, cid, "professional-services", **{iid: good})
    assert failures(r) == [] and r["band"] == "Leading"
    poor = would_come_back(FIRM_POOR, result_aside=True)
    assert poor == 50.0
    assert failures(score(cli, tmp_path, cid, "professional-services", **{iid: poor})) == [iid]
