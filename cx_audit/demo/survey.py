"""The demo's staff survey: twelve of Brookfield's people answer the Staff Pulse.

From 2 to 13 November, twelve of the 27 people invited answered the Staff Pulse (the
`staff-pulse` checklist, the same statements as the flagship's "Staff view" items in
the sections they test): five fitters, four in the showroom and office, three managers, each under a
code (no names). They all recommend buying from Brookfield; on being able to put things
right, having the time, and hearing back about their ideas, management sees an
empowered, listened-to team and the fitters do not: the demo report's perception gap,
and its divided items.

Everything is keyed by item id, so re-keying for a new edition of the checklist means
renaming the keys of ``ANSWERS`` and ``NOTES`` (tests/test_demo.py checks that every key
is a Staff Pulse statement that the flagship holds and that takes responses).
"""

from __future__ import annotations

from typing import Any

from cx_audit.model import Answer, Audit, Checklist, Respondent

NA = object()  # marks an answer of N/A

ROLES = ("fitters", "showroom", "management")

# Respondent codes in the order of the answer tuples below.
RESPONDENTS: tuple[tuple[str, str], ...] = (
    *((f"f-{k:02d}", "fitters") for k in range(1, 6)),
    *((f"s-{k:02d}", "showroom") for k in range(1, 5)),
    *((f"m-{k:02d}", "management") for k in range(1, 4)),
)

# item id -> one answer per respondent, in RESPONDENTS order: fitters ×5 | showroom ×4 | management ×3
ANSWERS: dict[str, tuple[Any, ...]] = {
    "SU7": (3, 2, 3, 2, 3, 4, 3, 4, 3, 4, 4, 4),
    "SU8": (2, 2, 1, 2, 3, 3, 3, 3, 2, 4, 3, 4),
    "SB7": (2, 2, 3, 2, 2, 3, 3, 4, 3, 4, 3, 4),
    "ES7": (2, 1, 2, 1, 2, 3, 2, 3, 3, 3, 4, 4),
    "SB1": (3, 3, 2, 3, 4, 4, 3, 4, 3, 4, 4, 4),
    "SB8": (1, 0, 1, 1, 2, 3, 3, 2, 3, 4, 4, 3),
    "SB11": (1, 2, 1, 2, 1, 2, 3, 2, 2, 3, 3, 4),
    "SB9": (1, 2, 1, 0, 2, 3, 2, 3, 3, 4, 4, 3),
    "SB10": (2, 1, 2, 2, 3, 3, 3, 2, 3, 4, 3, 4),
}

# (item id, respondent code) -> a note, as the respondent put it.
NOTES: dict[tuple[str, str], str] = {
    ("ES7", "f-01"): "Fitting dates hold now. Templating dates don't, and we're the ones on site when the customer asks.",
    ("SB8", "f-02"): "Anything past a hinge or a handle, I ring the office and the customer stands there waiting.",
    ("SB8", "m-01"): "Fitters have had a written £50 limit since September.",
    ("SB11", "f-03"): "Jobs are booked back to back, so there's no time to show the customer how anything works.",
    ("SB9", "f-04"): "Suggested better crates in the spring. Found out they'd been ordered when they arrived.",
    ("SB10", "s-03"): "Good team, but Saturdays are a scramble since the appointments started.",
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
