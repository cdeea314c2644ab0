"""Third edition, round 7 (review A6): ES8 (= QP2), CX5 (= IN2), EE2 and SB1.

ES8 leaves a "while stocks last" leaflet special that sold out out of the sample, and where
records show the day of a visit but not the arrival time, calls every sampled visit given a
window. CX5 has one phone-queue rule on every line (a wait stated and kept is none, but more
than 10 minutes falls short however stated, unless a call-back came the same working day), and
enters the unannounced contacts alone only when four or more fell short and did worse than those
seen openly. Each case is worked out by the item's own definition (the functions below say it in
code) and scored through the CLI with every other item at its best: a well-run business passes,
the one that deserves it still fails.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import comb
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_edition3 import CX5, ES8, guidance, load, scored_case

# --- delivered as promised (ES8 = QP2) -------------------------------------------------------

Order = Mapping[str, object]


def es8_sample(orders: Sequence[Order]) -> list[Order]:
    """The first twenty in the order drawn, a limited special that sold out replaced by the next."""
    sample = [o for o in orders if not (o.get("while_stocks_last") and o.get("sold_out"))]
    assert len(sample) >= 20
    return sample[:20]


def kept(order: Order) -> bool:
    """A leaflet line missing or dearer is a miss; a visit whose arrival the records cannot show
    is judged by what the customer, called, says."""
    if order.get("sold_out") or order.get("dearer"):
        return False
    return not order.get("customer_says_late", False)


def share(orders: Sequence[Order]) -> float:
    sample = es8_sample(orders)
    return 100 * sum(map(kept, sample)) / len(sample)


# A discount grocer audited late in the leaflet week: ten till orders fine; of the leaflet lines
# looked for, five "while stocks last" specials have sold out as announced, and are replaced by
# the next five leaflet lines, all on the shelf at their price.
TILL: list[Order] = [{} for _ in range(10)]
SPECIALS_GONE: list[Order] = [{"while_stocks_last": True, "sold_out": True}] * 5
GROCER_LATE_WEEK: list[Order] = [*TILL, *[{}] * 5, *SPECIALS_GONE, *[{}] * 5]
# The same grocer whose ordinary leaflet lines (no stock limit printed) are missing five times.
GROCER_EMPTY_SHELVES: list[Order] = [*TILL, *[{"sold_out": True}] * 5, *[{}] * 5]
# A heating firm giving two-hour windows; job sheets record the day only. Called, every customer
# answers: ten of the twenty say the engineer came outside the window.
HEATING_LATE: list[Order] = [*[{"customer_says_late": True}] * 10, *[{}] * 10]
# A well-run heating firm with the same job sheets: one customer of twenty recalls a late arrival.
HEATING_KEEPS: list[Order] = [{"customer_says_late": True}, *[{}] * 19]

DELIVERED = [
    # (business, checklist, profile, orders, phrase, passes)
    ("grocer late in the leaflet week, five limited specials gone", "cx-essentials", "retail", GROCER_LATE_WEEK,
     'except a "while stocks last" special sold out: take another', True),
    ("the same grocer in the Quick Scan", "quick-scan", "retail", GROCER_LATE_WEEK, '"while stocks last"', True),
    ("grocer whose ordinary leaflet lines are missing", "cx-essentials", "retail", GROCER_EMPTY_SHELVES,
     "each missing or dearer a miss", False),
    ("heating firm missing half its windows, records show the day only", "cx-essentials", "trades", HEATING_LATE,
     "where records lack arrival times, every visit given a window", False),
    ("the same firm in the Quick Scan", "quick-scan", "trades", HEATING_LATE, "replacing any not reached", False),
    ("heating firm keeping its windows, one recalled late", "quick-scan", "trades", HEATING_KEEPS,
     "where records lack arrival times", True),
]  # fmt: skip


@pytest.mark.parametrize(("business", "cid", "profile", "orders", "phrase", "passes"), DELIVERED, ids=[d[0] for d in DELIVERED])
def test_delivered_as_promised_after_review_a6(
    cli: Cli, tmp_path: Path, business: str, cid: str, profile: str, orders: list, phrase: str, passes: bool
) -> None:
    r = scored_case(cli, tmp_path, business, cid, ES8[cid], profile, share(orders), phrase, passes)
    assert (r["band"] == "Leading") is passes


def test_the_worked_delivery_figures() -> None:
    assert share(GROCER_LATE_WEEK) == 100.0  # 75 % when the sold-out specials counted as misses
    assert 100 * sum(map(kept, GROCER_LATE_WEEK[:20])) / 20 == 75.0
    assert share(GROCER_EMPTY_SHELVES) == 75.0
    assert share(HEATING_LATE) == 50.0  # 85 % when only five customers were called
    assert share(HEATING_KEEPS) == 95.0


def test_es8_did_not_grow() -> None:
    es8, qp2 = guidance("cx-essentials", "ES8"), guidance("quick-scan", "QP2")
    assert qp2.startswith(es8.rsplit(" The Quick Scan (QP2)", 1)[0])
    assert len(es8.split()) <= 712 and len(qp2.split()) <= 745


# --- attention in at least twenty live contacts (CX5 = IN2) -----------------------------------

Contact = Mapping[str, object]
ALONE_FROM = 4  # unannounced contacts short before they are entered alone


def falls_short(c: Contact) -> bool:
    kind = c.get("kind", "served")
    if kind == "ignored":
        return True
    if kind == "phone_queue":  # any line: stated and kept is none up to 10 minutes
        return float(c["wait"]) > 10 and not c.get("same_day_call_back", False)  # type: ignore[arg-type]
    return False


def cx5_entry(contacts: Sequence[Contact]) -> float:
    """The percentage of all that fell short; the unannounced alone when four or more of them fell
    short and they did worse than the contacts seen openly."""
    assert len(contacts) >= 20
    unannounced = [c for c in contacts if c.get("unannounced", False)]
    seen = [c for c in contacts if not c.get("unannounced", False)]
    assert 2 * len(unannounced) >= len(contacts)

    def pct(cs: Sequence[Contact]) -> float:
        return round(100 * sum(map(falls_short, cs)) / len(cs), 1)

    if sum(map(falls_short, unannounced)) >= ALONE_FROM and pct(unannounced) > pct(seen):
        return pct(unannounced)
    return pct(contacts)


OPEN: list[Contact] = [{} for _ in range(10)]
# An independent hardware shop: attentive in all ten contacts seen openly, three ordinary lapses in
# ten unannounced (a lunchtime call left ringing, a counter wait while stock is priced).
HARDWARE = [{"kind": "ignored", "unannounced": True}] * 3 + [{"unannounced": True}] * 7 + OPEN
# The kitchen showroom of round 6: four of ten unannounced visitors left unacknowledged.
SHOWROOM = [{"kind": "ignored", "unannounced": True}] * 4 + [{"unannounced": True}] * 6 + OPEN
# A gym: the cancellation line says "about 40 minutes" and keeps to it; the sales line answers at once.
GYM_FORTY = [{"kind": "phone_queue", "wait": 40, "unannounced": True}] * 5 + [{"unannounced": True}] * 10 + OPEN[:5]
GYM_FOUR = [{"kind": "phone_queue", "wait": 4, "unannounced": True}] * 5 + [{"unannounced": True}] * 10 + OPEN[:5]

ATTENTION = [
    # (business, checklist, profile, contacts, phrase, passes)
    ("hardware shop, three of ten unannounced lapses", "cx-essentials", "retail", HARDWARE,
     "where four or more of these fell short", True),
    ("the same shop in Retention and Loyalty", "retention-loyalty", "retail", HARDWARE,
     "enter their percentage alone", True),
    ("showroom ignoring four of ten unannounced visitors", "cx-essentials", "retail", SHOWROOM,
     "a higher share than of those seen openly", False),
    ("the same showroom in Retention and Loyalty", "retention-loyalty", "retail", SHOWROOM,
     "where four or more of these fell short", False),
    ("gym stating and keeping 40 minutes to cancel", "cx-essentials", "subscriptions", GYM_FORTY,
     "On every line, cancellation lines included", False),
    ("the same gym in Retention and Loyalty", "retention-loyalty", "subscriptions", GYM_FORTY,
     "falls short, however stated", False),
    ("gym stating and keeping four minutes to cancel", "retention-loyalty", "subscriptions", GYM_FOUR,
     "a wait stated and kept is none", True),
]  # fmt: skip


@pytest.mark.parametrize(("business", "cid", "profile", "contacts", "phrase", "passes"), ATTENTION, ids=[a[0] for a in ATTENTION])
def test_attention_after_review_a6(
    cli: Cli, tmp_path: Path, business: str, cid: str, profile: str, contacts: list, phrase: str, passes: bool
) -> None:
    scored_case(cli, tmp_path, business, cid, CX5[cid], profile, cx5_entry(contacts), phrase, passes)


def test_the_worked_attention_figures() -> None:
    assert cx5_entry(HARDWARE) == 15.0  # 30 % alone, a critical failure, in round 6
    assert cx5_entry(SHOWROOM) == 40.0
    assert cx5_entry(GYM_FORTY) == 33.3 and cx5_entry(GYM_FOUR) == 0.0  # 5 of 15 unannounced


def false_failure(rate: float, alone_from: int) -> float:
    """Chance that a business whose contacts fall short at ``rate`` is entered above 20 % (ten
    unannounced, ten seen openly)."""
    p = 0.0
    for u in range(11):
        for o in range(11):
            pr = comb(10, u) * rate**u * (1 - rate) ** (10 - u) * comb(10, o) * rate**o * (1 - rate) ** (10 - o)
            alone = u >= alone_from and u > o
            entry = max((u + o) / 20, u / 10) if alone else (u + o) / 20
            p += pr * (entry > 0.2)
    return p


def test_chance_rarely_fails_a_business_short_one_time_in_twenty() -> None:
    assert false_failure(0.05, ALONE_FROM) < 0.005  # 0.32 %
    assert false_failure(0.05, 3) > 0.01  # 1.27 %: why three was not enough
    assert false_failure(0.40, ALONE_FROM) > 0.9  # a business ignoring four in ten still fails


def test_cx5_did_not_grow() -> None:
    cx5, in2 = guidance("cx-essentials", "CX5"), guidance("retention-loyalty", "IN2")
    assert "any other falls short when" not in cx5 and "there an unstated wait also falls short" in cx5
    assert len(cx5.split()) <= 647 and len(in2.split()) <= 654


# --- EE2 counts five contacts; SB1 asks one thing at the top ---------------------------------


def test_ee2_has_a_sample_and_a_fallback() -> None:
    item = load("cx-essentials").item("EE2")
    assert item is not None and item.scale is not None
    text = " ".join(item.guidance.split())
    assert "Sample: five contacts with returning customers" in text
    assert "make up the five by calling or visiting as a known customer" in text
    assert "2: staff can see the history but use it in two or fewer of the five." in text
    assert "in at least three of the five." in text
    assert set(item.scale.labels) == {0, 1, 2, 3, 4}


def test_sb1_top_point_asks_one_thing() -> None:
    for cid in ("cx-essentials", "staff-pulse"):
        item = load(cid).item("SB1")
        assert item is not None
        text = " ".join(item.guidance.split())
        assert "4: strongly agree; I would recommend us without hesitation. 3: agree." in text, cid
        assert "already have" not in text, cid
