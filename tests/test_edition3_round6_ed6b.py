"""Third edition, round 6 (issue 22, review B5): two critical items a strict reviewer showed were
read two ways. Allergens (TR3): a server who answers correctly from memory, where a current record
exists and agrees with her, is not failed; answers with no record behind them, or that contradict
it, are. Leaving (SS3 = EC7): the options and the guidance give one rule for charges taken after
the notice ended.

Each case is worked out by the item's own definition (the functions below say it in code) and
scored through the real CLI with every other item at its best: a well-run business of the profile
passes, and its opposite, which deserves the failure, still fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_edition3 import failures, guidance, load, score

# --- allergens (TR3): memory that matches a current record passes ---------------------------

Answer = dict[str, bool]


def allergen_option(answers: list[Answer], record_current: bool, record_matches_kitchen: bool) -> str:
    """TR3's option: the lowest any answer fits. A record that misses a change or a shared fryer,
    board or surface is no current record; one that contradicts how the item is cooked, or an
    answer that contradicts the record or is wrong, is `wrong_answer`."""
    current = record_current and record_matches_kitchen
    if not record_matches_kitchen or any(not a["correct"] or not a["matches_record"] for a in answers):
        return "wrong_answer"
    if not current:
        return "no_record"
    if any(a["guess"] for a in answers):
        return "no_record"
    if any(not a["checked"] for a in answers):
        return "found_with_help"
    return "from_record"


def answer(correct: bool = True, matches_record: bool = True, checked: bool = True, guess: bool = False) -> Answer:
    return {"correct": correct, "matches_record": matches_record, "checked": checked, "guess": guess}


# A neighbourhood restaurant: a current matrix, updated the day a supplier changed; a server of six
# years answers all three at once without looking, and her answers match the matrix.
MEMORY = [answer(checked=False)] * 3 + [answer()] * 3
# The same restaurant, but the matrix was last updated before the new pesto supplier.
STALE = [answer(checked=False)] * 3 + [answer()] * 3
# A server who answers from memory that the pesto has no nuts, where the record says it does.
CONTRADICTS = [answer(checked=False, correct=False, matches_record=False)] + [answer()] * 5
# A chip shop whose record lists the chips as gluten-free by recipe, fried in the fish oil.
CHIP_SHOP = [answer()] * 6


@pytest.mark.parametrize(
    ("business", "answers", "current", "matches_kitchen", "option", "passes"),
    [
        (
            "restaurant: a server answers from memory, matching a current record",
            MEMORY,
            True,
            True,
            "found_with_help",
            True,
        ),
        ("restaurant: both servers read the record", [answer()] * 6, True, True, "from_record", True),
        ("restaurant: answers from memory, the record misses the new supplier", STALE, False, True, "no_record", False),
        ("restaurant: an answer from memory contradicts the record", CONTRADICTS, True, True, "wrong_answer", False),
        ("chip shop: the record ignores the shared fryer", CHIP_SHOP, True, False, "wrong_answer", False),
    ],
)
def test_answers_matching_a_current_record_pass_and_answers_without_one_fail(
    cli: Cli,
    tmp_path: Path,
    business: str,
    answers: list[Answer],
    current: bool,
    matches_kitchen: bool,
    option: str,
    passes: bool,
) -> None:
    text = guidance("cx-essentials", "TR3")
    assert "A correct answer from memory that matches a current record is `found_with_help`, a pass" in text
    assert "Answers with no record behind them, or answers that contradict it, are a critical failure" in text
    assert "chips fried in the oil used for battered fish" in text
    item = load("cx-essentials").item("TR3")
    assert item is not None and "cross-contact included" in " ".join(item.text.split())
    labels = {o.id: o.label for o in item.options}
    assert "given from memory without checking it" in labels["found_with_help"]
    assert "an answer that contradicts the record" in labels["wrong_answer"]
    assert "shared fryer, board or surface" in labels["no_record"]
    got = allergen_option(answers, current, matches_kitchen)
    assert got == option, business
    r = score(cli, tmp_path, "cx-essentials", "hospitality", TR3=got)
    assert (failures(r) == []) is passes, business
    if not passes:
        assert failures(r) == ["TR3"] and r["band"] == "Developing", business


# --- leaving (SS3 = EC7): one rule for charges after the notice ended -----------------------

LEAVING = [("cx-essentials", "SS3"), ("retention-loyalty", "EC7")]
RULE = "refunded in full within five working days without having to ask twice"
RANK = ["trapped", "obstructed", "other_channel", "one_offer", "as_easy"]


def leaving_option(walkthrough: str, charges: list[dict[str, object]]) -> str:
    """SS3's option from the walk-through and the ten leavers' payment records: one mistaken
    charge refunded in full within five working days without a second request caps the option at
    other_channel; two or more, or one refunded later, only when chased or not at all, is trapped."""
    if not charges:
        return walkthrough
    c = charges[0]
    prompt = c["refund_days"] is not None and int(c["refund_days"]) <= 5 and not c.get("second_request")  # type: ignore[call-overload]
    if len(charges) == 1 and prompt:
        return min(walkthrough, "other_channel", key=RANK.index)
    return "trapped"


@pytest.mark.parametrize(("cid", "iid"), LEAVING)
@pytest.mark.parametrize(
    ("business", "walkthrough", "charges", "option", "passes"),
    [
        ("gym: one bank cut-off charge refunded in two days", "as_easy", [{"refund_days": 2}], "other_channel", True),
        ("gym: two leavers charged, both refunded in two days", "as_easy", [{"refund_days": 2}] * 2, "trapped", False),
        ("gym: one charge, never refunded", "as_easy", [{"refund_days": None}], "trapped", False),
        (
            "gym: one charge refunded after a second request",
            "as_easy",
            [{"refund_days": 3, "second_request": True}],
            "trapped",
            False,
        ),
        ("gym: one charge refunded in ten days", "as_easy", [{"refund_days": 10}], "trapped", False),
    ],
)
def test_one_promptly_refunded_mistake_passes_and_more_or_unrefunded_fail(
    cli: Cli,
    tmp_path: Path,
    cid: str,
    iid: str,
    business: str,
    walkthrough: str,
    charges: list[dict[str, object]],
    option: str,
    passes: bool,
) -> None:
    item = load(cid).item(iid)
    assert item is not None
    labels = {o.id: " ".join(o.label.split()) for o in item.options}
    # One rule, in the same words, in the options and the guidance.
    assert "one of the ten leavers checked was charged once by mistake" in labels["other_channel"]
    assert RULE in labels["other_channel"] and RULE in labels["trapped"]
    assert "two or more were charged after the notice ended" in labels["trapped"]
    assert "not refunded promptly" not in labels["trapped"]
    text = guidance(cid, iid)
    assert RULE in text and "the best option it then allows is `other_channel`" in text
    assert "Two or more of the ten charged" in text
    got = leaving_option(walkthrough, charges)
    assert got == option, business
    r = score(cli, tmp_path, cid, "subscriptions", **{iid: got})
    assert (failures(r) == []) is passes, business
    if not passes:
        assert failures(r) == [iid]


def test_the_twins_keep_one_definition_of_leaving() -> None:
    a, b = load("cx-essentials").item("SS3"), load("retention-loyalty").item("EC7")
    assert a is not None and b is not None
    assert [(o.id, o.label, o.score) for o in a.options] == [(o.id, o.label, o.score) for o in b.options]
    assert " ".join(a.guidance.split()).split(" Retention and Loyalty (EC7)")[0] in " ".join(b.guidance.split())
