"""Third edition (3.0.0) after review B: the Quick Scan's critical items answerable at a first
meeting, the Customer Pulse working from the business's own survey, and the Staff Pulse
weighing every statement the same.

As in test_edition3.py, each case is a business the review named, scored through the real CLI
(an audit with every other item at its best, `cx-audit score --format json`): the well-run one
must pass, the one that deserves it must fail, and the sentence that makes the difference is
pinned in the item's guidance.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cx_audit.metric_formulas import wilson
from tests.conftest import Cli
from tests.test_edition3 import failures, guidance, load, score


def pct(k: int, n: int) -> float:
    return round(100 * k / n, 1)


# --- QP2: delivered as promised, with undated orders and back-orders ---------------------


def test_a_distributor_with_dated_back_orders_keeps_its_orders(cli: Cli, tmp_path: Path) -> None:
    text = guidance("quick-scan", "QP2")
    assert "confirmed as back-ordered, with its own date, is complete if it arrived by that date" in text
    assert "last twenty completed in the last 12 months" in text and "about an hour at the meeting" in text
    # Twenty orders of twenty lines: seven had a line back-ordered, each dated in the acknowledgement
    # and delivered by that date under the written part-delivery terms; one arrived late.
    assert score(cli, tmp_path, "quick-scan", "b2b", QP2=pct(19, 20))["band"] == "Leading"
    # The same seven short lines with no date given: seven misses and the late one, 12 of 20.
    assert failures(score(cli, tmp_path, "quick-scan", "b2b", QP2=pct(12, 20))) == ["QP2"]


def test_a_joiner_who_never_commits_to_a_date_does_not_pass_by_default(cli: Cli, tmp_path: Path) -> None:
    text = guidance("quick-scan", "QP2")
    assert "does not pass by never committing to a date" in text and "had to ask when the work would happen" in text
    # "Six to twelve weeks" on every quote; a firm date confirmed a week ahead and kept on 19 jobs.
    assert score(cli, tmp_path, "quick-scan", "trades", QP2=pct(19, 20))["band"] == "Leading"
    # "We'll be in touch": eight of twenty customers had to ring to ask when the fitter would come.
    r = score(cli, tmp_path, "quick-scan", "trades", QP2=pct(12, 20))
    assert failures(r) == ["QP2"] and r["band"] != "Leading"


# --- QP5: first reply to complaints, from what is on record -------------------------------


def test_complaints_are_found_at_the_meeting_and_nothing_is_staged() -> None:
    text = guidance("quick-scan", "QP5")
    assert "nothing is staged beforehand" in text and "test complaint" not in text
    assert "even if it was filed as an enquiry or never answered" in text
    assert load("quick-scan").item("QP5").allow_na  # type: ignore[union-attr]


def test_a_published_three_days_beaten_every_time_passes(cli: Cli, tmp_path: Path) -> None:
    text = guidance("quick-scan", "QP5")
    assert "capped at two working days" in text and "replies on the second passes" in text
    # Architects: "we acknowledge complaints within three working days"; all ten answered by a named
    # person on day two. The second edition judged them at one working day (most late, a failure).
    r = score(cli, tmp_path, "quick-scan", "professional-services", QP5=100)
    assert failures(r) == [] and r["band"] == "Leading"


def test_a_retailer_filing_complaints_as_enquiries_fails(cli: Cli, tmp_path: Path) -> None:
    # The log holds six complaints, all answered the same day; the inbox search finds four more
    # filed as enquiries, never answered: 6 of the last ten.
    assert failures(score(cli, tmp_path, "quick-scan", "retail", QP5=pct(6, 10))) == ["QP5"]
    # A named holding line that says nothing about what happens next is not a reply.
    assert '"Hi, I\'ve got this"' in guidance("quick-scan", "QP5")


def test_few_complaints_are_na_unless_they_were_ignored(cli: Cli, tmp_path: Path) -> None:
    text = guidance("quick-scan", "QP5")
    assert "Mark N/A only where fewer than five complaints can be found" in text
    assert "two or more never answered by a person, enter the share" in text
    # A café: three complaints in the year, each answered the next morning by the owner.
    r = score(cli, tmp_path, "quick-scan", "hospitality", ("QP5",))
    assert failures(r) == [] and r["band"] == "Leading"
    # A salon: four complaints found, two of them never answered.
    assert failures(score(cli, tmp_path, "quick-scan", "trades", QP5=pct(2, 4))) == ["QP5"]


# --- QV5: repeat custom from two customer lists --------------------------------------------


def test_a_wholesaler_does_not_lose_the_restaurants_that_closed(cli: Cli, tmp_path: Path) -> None:
    assert "ceased trading, died or moved out of the area" in guidance("quick-scan", "QV5")
    # 200 established restaurant accounts, 44 of which closed in a bad year; 6 of the other 156 left.
    assert score(cli, tmp_path, "quick-scan", "b2b", QV5=pct(150, 156))["band"] == "Leading"
    # Counted the second edition's way, the closures were losses: 150 of 200, a critical failure.
    assert failures(score(cli, tmp_path, "quick-scan", "b2b", QV5=pct(150, 200))) == ["QV5"]


def test_customers_locked_into_a_contract_are_not_counted_as_loyal(cli: Cli, tmp_path: Path) -> None:
    assert "first chance to leave that fell in the window" in guidance("quick-scan", "QV5")
    # A copier lease firm: 100 accounts, 60 still inside a 36-month term (left out); of the 40 whose
    # term came up, 14 left. 26 of 40 fails the b2b line of 80.
    assert failures(score(cli, tmp_path, "quick-scan", "b2b", QV5=pct(26, 40))) == ["QV5"]
    # Counting everyone who "paid under their contract" gave 86 of 100, a pass it did not deserve.
    assert failures(score(cli, tmp_path, "quick-scan", "b2b", QV5=86)) == []


def test_an_emergency_locksmith_is_judged_on_its_planned_work(cli: Cli, tmp_path: Path) -> None:
    assert "emergency call-outs (a blocked drain, a lock-out) do not make a customer established" in guidance("quick-scan", "QV5")
    # 45 customers with planned work (landlords, shops with lock maintenance), 36 back.
    assert score(cli, tmp_path, "quick-scan", "trades", QV5=pct(36, 45))["band"] == "Leading"


def test_what_a_first_meeting_cannot_measure_is_na_and_would_come_back_decides(cli: Cli, tmp_path: Path) -> None:
    text = guidance("quick-scan", "QV5")
    assert "two lists are enough" in text
    # The N/A line is the full audit's (fewer than 20 established, or 20 to 29 whose interval reaches
    # the floor); only the sample and the look-back are the scan's own.
    assert "Mark N/A only where fewer than 20 customers are established" in text
    assert "At a first meeting the scan uses a simpler sample" in text
    assert "buy less often than once a year" in text and "which a first meeting cannot measure" in text
    # A specialist shop whose customers replace equipment every two years: N/A at the scan.
    r = score(cli, tmp_path, "quick-scan", "retail", ("QV5",))
    assert failures(r) == [] and r["band"] == "Leading"
    # ...and then the share who would come back carries the verdict.
    assert failures(score(cli, tmp_path, "quick-scan", "retail", ("QV5",), QM1=75)) == ["QM1"]


# --- QM1 and CM4: would come back, with a small customer base and filtered surveys ----------


def small_sample(yes: int, answers: int) -> tuple[str, object] | None:
    """The rule for fewer than 30 answers when no more can be had: None when N/A, else the value entered."""
    share = 100 * yes / answers
    upper = 100 * wilson(yes, answers)[1]
    if share < 80 <= upper:
        return None
    return ("value", round(share, 1))


@pytest.mark.parametrize(("cid", "iid"), [("quick-scan", "QM1"), ("customer-pulse", "CM4")])
def test_a_small_customer_base_is_judged_only_when_the_answers_can_tell(cli: Cli, tmp_path: Path, cid: str, iid: str) -> None:
    text = guidance(cid, iid)
    assert "the upper end of its 95 per cent interval (printed by cx-audit metrics) is 80 or more" in text
    assert "14 yes of 22 has an upper end of 80.3, and is N/A; 12 of 22 reaches only 73.1" in text
    assert 100 * wilson(14, 22)[1] == pytest.approx(80.3, abs=0.05)
    assert 100 * wilson(12, 22)[1] == pytest.approx(73.1, abs=0.05)
    # An agency with 40 clients, all tried twice, 22 answered and 17 said yes (77 %): too few to tell.
    assert small_sample(17, 22) is None
    r = score(cli, tmp_path, cid, "professional-services", (iid,))
    assert failures(r) == [] and r["band"] == "Leading"
    # The same agency where only 12 of 22 would come back: even the interval's top is below 80.
    entered = small_sample(12, 22)
    assert entered == ("value", 54.5)
    assert failures(score(cli, tmp_path, cid, "professional-services", **{iid: entered[1]})) == [iid]
    # 19 of 22 (86 %) is entered as it is and passes.
    assert small_sample(19, 22) == ("value", 86.4)
    assert failures(score(cli, tmp_path, cid, "professional-services", **{iid: 86.4})) == []


def test_a_filtered_survey_does_not_lift_the_auditors_answers(cli: Cli, tmp_path: Path) -> None:
    text = guidance("quick-scan", "QM1")
    assert "only if the survey went to every customer served, or to a random sample" in text
    assert "score the auditor's answers alone" in text
    assert "If there were another as close, would you still choose us?" in text
    # A dealership: 400 coached survey answers at 97 % and the auditor's 30 calls at 21 yes.
    pooled = pct(388 + 21, 430)
    assert failures(score(cli, tmp_path, "quick-scan", "retail", QM1=pooled)) == []  # what pooling gave
    assert failures(score(cli, tmp_path, "quick-scan", "retail", QM1=pct(21, 30))) == ["QM1"]
    assert "is not scored as a pulse" in " ".join(load("customer-pulse").description.split())


def test_the_pulse_reads_one_yes_no_column_and_widens_to_a_year() -> None:
    text = guidance("customer-pulse", "CM4")
    assert "make one yes/no column before running cx-audit metrics" in text
    assert "With fewer than 30 answers in 90 days, use the answers of the last 12 months" in text
    assert "make more calls" not in text


def test_a_quarterly_review_of_a_quarterly_pulse_counts(cli: Cli, tmp_path: Path) -> None:
    cm6 = load("customer-pulse").item("CM6")
    assert cm6 is not None and "every month" not in cm6.text
    text = " ".join(cm6.guidance.split())
    assert "monthly where the business gets at least 30 answers a month, otherwise at least once a quarter" in text
    # A b2b firm with 25 answers a quarter, reviewed at each quarterly meeting with an action: yes.
    assert score(cli, tmp_path, "customer-pulse", "b2b", CM6=True)["band"] == "Leading"


# --- the staff pulse: every statement one seventh ------------------------------------------


def test_every_staff_statement_carries_one_seventh(cli: Cli, tmp_path: Path) -> None:
    pulse = load("staff-pulse")
    assert len(pulse.items) == 7 and "counts the same" in " ".join(pulse.description.split())
    for section in pulse.sections:
        assert section.weight == len(section.items), section.id
    for item in pulse.items:
        r = score(cli, tmp_path, "staff-pulse", None, **{item.id: 0})
        assert r["score"] == pytest.approx(100 * 6 / 7, abs=0.01), item.id


def test_recommending_the_workplace_asks_one_thing() -> None:
    sb10 = load("staff-pulse").item("SB10")
    assert sb10 is not None
    text = " ".join(sb10.guidance.split())
    assert "looking to leave" not in text and "already told" not in text
    assert "4: strongly agree; I would encourage a friend to apply" in text
    assert "0: strongly disagree; I would advise a friend not to apply" in text


def test_the_changed_items_are_marked_not_comparable() -> None:
    from cx_audit.files import registry

    changed = {
        cid: {e.from_version: set(e.changed) for e in registry.resolve(cid).editions}
        for cid in ("quick-scan", "customer-pulse", "staff-pulse")
    }
    assert {"QP1", "QP2", "QP5", "QV5", "QM1"} <= changed["quick-scan"]["2.0.0"]
    assert {"QP1", "QP2", "QV5"} <= changed["quick-scan"]["1.0.0"]
    assert {"CM4", "CM6"} <= changed["customer-pulse"]["2.0.0"]
    assert "SB10" in changed["staff-pulse"]["2.0.0"]
