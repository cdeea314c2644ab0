"""The demo's repeat visits: a first visit in May, and the actions tracked between visits.

Brookfield Kitchens has been audited every quarter since May 2026. The first visit was
made with the first edition of cx-essentials (1.0.0, before the second edition and its
sector profiles, so without the retail profile): the trend spans the edition change
`checklist 1.0.0 → 2.0.0`. Its answers are the August baseline's (:mod:`cx_audit.demo.data`)
for the items 1.0.0 shares with 2.0.0 and that stayed comparable, with the changes below,
and :data:`FIRST_EDITION_ONLY` for the items 1.0.0 asked differently or that 2.0.0
removed. Each earlier audit carries the action tracking the client's team filled in
before the next visit (pulled back from its workbook). Everything is keyed by item id,
so a new edition of the checklist only needs the ids and values checked (the tests do).

Between August and November: customer research (CC2), the written goodwill limit (SB2),
the customer-journey map (CP1), the recovery routine (EE4), the complaints log (CX6)
and replies to low reviews (DR4) were done and their items improved; the Saturday rota
(CP6) was marked done, but the busiest days are no better (flagged); the first-reply
target for complaints (CX4) is still in progress past its due date (overdue).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

FIRST_DATE = dt.date(2026, 5, 13)
FIRST_VERSION = "1.0.0"  # the first edition of cx-essentials

# The first visit's answers to the items of 1.0.0 that 2.0.0 removed or changed (`editions`).
FIRST_EDITION_ONLY: dict[str, tuple[object, str]] = {
    "SB1": (3, "Two of the three asked would recommend us to a friend, naming the designers; the fitter was unsure."),
    "ES1": (1, "Six weeks quoted for fitting; four of the last ten jobs were late and two were short of an end panel."),
    "VC3": (40, "40 % of last year's customers bought again, mostly utility rooms."),
    "VC4": ("equal_terms", "Past customers pay list price like everyone else; no offer kept for them."),
    "VC7": ("A designer who knows their kitchen from the first visit to handover.", ""),
    "CX1": (1, "No journey map; the directors described the steps from memory and left out aftercare."),
    "CX4": (30, "About 30 hours to a first personal reply across the last ten; two waited a week."),
    "CX5": (1, "Two of five showroom visitors waited unacknowledged while the adviser finished a call."),
    "CX7": (None, "Not applicable: the customers are homeowners, not businesses."),
    "CX8": ("The fitters' tidiness and the designers' patience.", ""),
}

# The first visit: the baseline's answers, except these (value, note).
FIRST_CHANGES: dict[str, tuple[object, str]] = {
    "OC5": (2, "Two of three invoices sampled added charges the quote did not mention."),
    "SU1": (1, "Only the senior designer could state the offer; the others described the product ranges."),
    "SB2": (1, "Every concession needs a director, however small."),
    "EE3": (2, "One example, from last year."),
    "EE4": (1, "A customer waited three weeks for an apology after a damaged worktop."),
    "CP4": (2, "Staff gave different answers to two of the three questions."),
    "VC1": (2, "Reviews are read now and then, never summarised."),
    "CX6": (1, "Complaints are kept in the shared mailbox only."),
}

Tracking = dict[str, dict[str, Any]]

# What the team tracked against the first visit's action plan, by the August visit.
FIRST_ACTIONS: Tracking = {
    "CX4": {"owner": "Priya Shah", "due": dt.date(2026, 6, 30), "status": "in-progress",
            "note": "Replies to wait for a director until the new rota starts."},
    "SU1": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 7, 31), "status": "done",
            "note": "Offer briefing at the June staff meeting."},
    "SB2": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 7, 31), "status": "done"},
    "OC5": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 6, 30), "status": "done"},
    "EE4": {"owner": "Tom Baines", "due": dt.date(2026, 7, 31), "status": "done",
            "note": "Apology within a day, by phone, from whoever took the complaint."},
    "VC1": {"owner": "Priya Shah", "due": dt.date(2026, 7, 31), "status": "done"},
}  # fmt: skip

# What the team tracked against the August baseline's action plan, by November.
BASELINE_ACTIONS: Tracking = {
    "CX4": {"owner": "Priya Shah", "due": dt.date(2026, 10, 31), "status": "in-progress",
            "note": "Same-day replies from the office; the cover rota is not agreed yet."},
    "CC2": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 9, 30), "status": "done",
            "note": "Ten customers interviewed in September."},
    "CP6": {"owner": "Tom Baines", "due": dt.date(2026, 10, 31), "status": "done",
            "note": "Saturday rota with a second adviser from October."},
    "SB2": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 9, 30), "status": "done"},
    "CP1": {"owner": "Tom Baines", "due": dt.date(2026, 10, 31), "status": "done",
            "note": "Customer-journey map drafted in September."},
    "DR4": {"owner": "Priya Shah", "due": dt.date(2026, 10, 15), "status": "done"},
    "EE4": {"owner": "Tom Baines", "due": dt.date(2026, 10, 31), "status": "done"},
    "CX6": {"owner": "Priya Shah", "due": dt.date(2026, 10, 31), "status": "done"},
    "SU1": {"owner": "Sarah Whitcombe", "due": dt.date(2027, 1, 31), "status": "in-progress"},
}  # fmt: skip
