"""The demo's staff survey: twelve of Brookfield's people answer the staff questions.

In November the consultant put the questions of the two staff sections of the checklist
to six frontline staff (designers, showroom advisers, fitters), three in the office and
three managers, each under a code (no names). On the offer they broadly agree; on buy-in
management sees an empowered, listened-to team and the front line does not: the demo
report's perception gap, and its divided items.

Everything is keyed by item id, so re-keying for a new edition of the checklist means
renaming the keys of ``ANSWERS`` and ``NOTES`` (tests/test_demo.py checks that every key
is an item of the staff sections that takes responses).
"""

from __future__ import annotations

from typing import Any

from cx_audit.model import Answer, Audit, Checklist, Respondent

NA = object()  # marks an answer of N/A

ROLES = ("frontline", "office", "management")

# Respondent codes in the order of the answer tuples below.
RESPONDENTS: tuple[tuple[str, str], ...] = (
    *((f"f{k}", "frontline") for k in range(1, 7)),
    *((f"o{k}", "office") for k in range(1, 4)),
    *((f"m{k}", "management") for k in range(1, 4)),
)

# item id -> one answer per respondent, in RESPONDENTS order: frontline ×6 | office ×3 | management ×3
ANSWERS: dict[str, tuple[Any, ...]] = {
    # Staff understanding of the offer
    "SU1": (2, 3, 2, 2, 2, 3, 3, 2, 3, 3, 3, 3),
    "SU2": (2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2),
    "SU5": (3, 3, 2, 3, 3, 2, 3, 2, 3, 3, 3, 3),
    "SU6": (1, 2, 1, 2, 1, 1, 2, 2, 1, 2, 2, 2),
    # Staff buy-in
    "SB1": (3, 3, 3, 3, 4, 3, 3, 3, 3, 4, 4, 4),
    "SB2": (1, 1, 2, 1, 0, 1, 1, 2, 1, 3, 4, 3),
    "SB3": ("no", "yes", "no", "no", "yes", "no", "yes", "no", "yes", "yes", "yes", "yes"),
    "SB4": (1, 1, 0, 1, 1, NA, 1, 1, 1, 3, 2, 3),
    "SB5": (1, 0, 1, 1, 1, 0, 2, 1, 2, 4, 3, 4),
}

# (item id, respondent code) -> a note, as the respondent put it.
NOTES: dict[tuple[str, str], str] = {
    ("SB2", "f2"): "Anything over a replacement handle, I have to ring the office and the customer waits.",
    ("SB2", "f5"): "A fitter can't even offer to come back on a Saturday without asking.",
    ("SB2", "m2"): "Designers have £150 of goodwill to use as they see fit.",
    ("SB5", "f1"): "We see the operations director when something has gone wrong.",
    ("SB5", "m1"): "I visit one fitting a week, unannounced.",
    ("SB4", "f6"): "I'm a subcontracted fitter: I don't have reviews.",
    ("SU6", "o2"): "The binders cover the products; delivery questions we answer from memory.",
    ("SB3", "f2"): "The call the day before fitting was our idea.",
}


def add_survey(audit: Audit, checklist: Checklist) -> None:
    """Declare the respondents and put their answers under the audit's answers."""
    from cx_audit.files.values import check_value

    audit.respondents = [Respondent(code, role) for code, role in RESPONDENTS]
    codes = [code for code, _ in RESPONDENTS]
    for item_id, values in ANSWERS.items():
        item = checklist.item(item_id)
        if item is None:  # pragma: no cover - the survey data is checked by the tests
            raise KeyError(f"demo survey answer for unknown item {item_id}")
        entry = audit.answers.setdefault(item_id, Answer())
        for code, value in zip(codes, values, strict=True):
            note = NOTES.get((item_id, code), "")
            if value is NA:
                entry.responses[code] = Answer(na=True, note=note)
            else:
                entry.responses[code] = Answer(value=check_value(item, value), note=note)
