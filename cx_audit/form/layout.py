"""What the questionnaire's writer and reader agree on: sheet names, columns, looks, answer words."""

from __future__ import annotations

import datetime as dt

from cx_audit.excel.looks import (
    BLUE_PALE,
    DATE_FORMAT,
    GREY_TEXT,
    INPUT_FILL,
    NAVY,
    Look,
)
from cx_audit.model import Checklist, Item, ItemType
from cx_audit.wording import condition_text

FORM_FORMAT = "cx-audit/form@1"
QUESTIONS, INSTRUCTIONS, LISTS, META = "Questionnaire", "Instructions", "Lists", "Meta"
FACTS = ("Client", "Site", "Auditor", "Date")
RESPONDENT_FACTS = ("Respondent code", "Role")  # a respondent form's facts, instead of FACTS
RESPONDENT_KIND = "respondent"  # Meta `kind` of a respondent form (none: the auditor's form)
HEADERS = ("ID", "Question", "Answer", "Note", "Allowed answers", "Guidance")
WIDTHS = (8, 56, 26, 36, 30, 60)
NA_TEXT = "N/A"
NA_WORDS = frozenset({"n/a", "na", "n.a.", "not applicable"})
FORM_STAMP = dt.datetime(2000, 1, 1, 12, 0, 0)  # forms do not depend on the clock either
MAX_FORM_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 50_000_000  # a real questionnaire unpacks to well under 1 MB

INPUT = Look(fill=INPUT_FILL, border=True, locked=False, wrap=True)
INPUT_DATE = INPUT.but(number_format=DATE_FORMAT, horizontal="left")
SECTION = Look(bold=True, size=12, colour=NAVY, fill=BLUE_PALE, vertical="center")
SECTION_NOTE = Look(italic=True, colour=GREY_TEXT, wrap=True, fill=BLUE_PALE)
SMALL = Look(size=9, colour=GREY_TEXT, wrap=True, indent=1)
ID_LOOK = Look(bold=True)


def choices(item: Item) -> list[str]:
    """The entries of an item's drop-down list (N/A last, where allowed); empty for none."""
    entries: list[str]
    if item.type is ItemType.rating and item.scale is not None:
        scale = item.scale
        entries = [f"{v} · {scale.label(v)}" if scale.label(v) else str(v) for v in range(scale.min, scale.max + 1)]
    elif item.type is ItemType.yesno:
        entries = ["Yes", "No"]
    elif item.type is ItemType.choice:
        labels = [o.label or o.id for o in item.options]
        unique = len({label.casefold() for label in labels}) == len(labels)
        entries = labels if unique else [o.id for o in item.options]
    else:
        return []
    return entries + ([NA_TEXT] if item.allow_na else [])


def allowed_text(item: Item, checklist: Checklist) -> str:
    """What the Allowed answers column says: the choices, N/A or not, and any condition."""
    if item.type is ItemType.rating and item.scale is not None:
        text = f"Pick from the list: {item.scale.min} to {item.scale.max}"
    elif item.type is ItemType.yesno:
        text = "Pick Yes or No"
    elif item.type is ItemType.choice:
        text = "Pick one from the list"
    elif item.type is ItemType.number:
        text = f"A number{' in ' + item.unit if item.unit else ''}"
    else:
        text = "Free text"
    if item.type is not ItemType.text:
        text += f", or {NA_TEXT}" if item.allow_na else f" ({NA_TEXT} not allowed)"
    if item.when is not None:
        text += "\nAnswer only if " + condition_text(item.when, checklist)
    return text
