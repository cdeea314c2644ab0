"""The demo's repeat visits: a first visit in May, and the actions tracked between visits.

Brookfield Kitchens has been audited every quarter since May 2026. The first visit's
answers are the August baseline's (:mod:`cx_audit.demo.data`) with the changes below;
each earlier audit carries the action tracking the client's team filled in before the
next visit (pulled back from its workbook). Everything is keyed by item id, so a later
edition of the checklist only needs the ids checked (the tests do).

Between August and November: the lead-time promise (ES1), the written offer (OC1),
published standards (ES3) and a feedback survey (CX2) were done and improved; the
customer-journey map (CP1) was marked done, but the audit found no change; the
complaint-reply work (CX4) is still in progress past its due date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

FIRST_DATE = dt.date(2026, 5, 13)

# The first visit: the baseline's answers, except these (value, note).
FIRST_CHANGES: dict[str, tuple[object, str]] = {
    "OC5": (2, "Two of three invoices sampled added charges the quote did not mention."),
    "SU1": (1, "Only the senior designer could state the offer; the others described the product ranges."),
    "EE3": (1, "No one could give an example of going beyond what was promised."),
    "EE4": (1, "A customer waited three weeks for an apology after a damaged worktop."),
    "CP4": (1, "Staff gave three different answers to each of the three questions."),
    "VC1": (1, "Reviews are neither read nor answered."),
    "CX6": (0, "Complaints are not recorded anywhere."),
}

Tracking = dict[str, dict[str, Any]]

# What the team tracked against the first visit's action plan, by the August visit.
FIRST_ACTIONS: Tracking = {
    "ES1": {"owner": "Tom Baines", "due": dt.date(2026, 6, 30), "status": "in-progress",
            "note": "Lead times to be quoted from the fitting diary."},
    "SU1": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 7, 31), "status": "done",
            "note": "Offer briefing at the June staff meeting."},
    "OC5": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 6, 30), "status": "done"},
    "EE4": {"owner": "Tom Baines", "due": dt.date(2026, 7, 31), "status": "done",
            "note": "Apology within a day, by phone, from whoever took the complaint."},
    "VC1": {"owner": "Priya Shah", "due": dt.date(2026, 7, 31), "status": "done"},
}  # fmt: skip

# What the team tracked against the August baseline's action plan, by November.
BASELINE_ACTIONS: Tracking = {
    "ES1": {"owner": "Tom Baines", "due": dt.date(2026, 9, 30), "status": "done",
            "note": "Lead times now quoted from the fitting diary, updated every Monday."},
    "CX4": {"owner": "Priya Shah", "due": dt.date(2026, 10, 31), "status": "in-progress",
            "note": "Complaints log started; replies still wait for a director."},
    "OC1": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 9, 15), "status": "done"},
    "SB2": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 12, 31), "status": "in-progress"},
    "ES3": {"owner": "Sarah Whitcombe", "due": dt.date(2026, 10, 15), "status": "done"},
    "CP1": {"owner": "Tom Baines", "due": dt.date(2026, 10, 31), "status": "done",
            "note": "Customer-journey map drafted in September."},
    "CX2": {"owner": "Priya Shah", "due": dt.date(2026, 10, 31), "status": "done"},
}  # fmt: skip
