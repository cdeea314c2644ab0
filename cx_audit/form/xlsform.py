"""A checklist as an XLSForm: the form format of ODK Collect, KoboToolbox and Enketo.

Three sheets, as pyxform (the converter those tools use) reads them: ``survey`` (one
group per section, one question per item, an optional ``ITEM_note`` and, except in a
respondent form, an optional ``ITEM_photo`` after each), ``choices`` (one list per item
that is picked from, with ``na`` where N/A is allowed) and ``settings``.

The names written here are what the submissions reader (:mod:`cx_audit.form.submissions`)
expects back: the item id as the question's name, the choice names below as the values.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from cx_audit.form.layout import FORM_STAMP
from cx_audit.model import AllOf, AnyOf, Checklist, Condition, ConditionOp, Item, ItemType, Leaf, MetricKind, Not, ThresholdKind
from cx_audit.wording import condition_text

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
SURVEY_COLUMNS = ("type", "name", "label", "hint", "relevant", "constraint", "constraint_message", "parameters")
PHOTO_PARAMETERS = "max-pixels=1600"  # what ODK recommends: a phone photo small enough to send
NA_CHOICE, NA_LABEL = "na", "Not applicable"
YES_CHOICE, NO_CHOICE = "yes", "no"
NOTE_SUFFIX, PHOTO_SUFFIX = "_note", "_photo"
RESPONDENT_CODE, ROLE = "respondent_code", "role"
RESPONDENT_FORM_SUFFIX = "_respondent"  # a server holds the two forms of one checklist side by side
ROLES_LIST = "roles"
METRIC_RANGES = {MetricKind.nps: (-100, 100), MetricKind.csat: (0, 100), MetricKind.share: (0, 100), MetricKind.ces: (1, 7)}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def form_id(checklist: Checklist, respondent: bool) -> str:
    """`cx-essentials_2.0.0`: the checklist id with its version (a respondent form's ends `_respondent`)."""
    return f"{checklist.id}_{checklist.version}" + (RESPONDENT_FORM_SUFFIX if respondent else "")


def form_items(checklist: Checklist, respondent: bool, sections: tuple[str, ...]) -> Checklist:
    """The checklist as the form asks it: the chosen sections, without items the profile
    excludes and, in a respondent form, without the items that decide conditions."""
    skip = set(checklist.excluded)
    if respondent:
        from cx_audit.files.voices import deciding_items

        skip |= deciding_items(checklist)
    chosen = tuple(
        dataclasses.replace(s, items=tuple(i for i in s.items if i.id not in skip))
        for s in checklist.sections
        if not sections or s.id in sections
    )
    return dataclasses.replace(checklist, sections=tuple(s for s in chosen if s.items))


def render_xlsform(
    checklist: Checklist, respondent: bool = False, sections: tuple[str, ...] = (), roles: tuple[str, ...] = ()
) -> bytes:
    """The XLSForm workbook's bytes (deterministic: the same inputs give the same bytes)."""
    from openpyxl import Workbook

    from cx_audit.excel.cells import set_value
    from cx_audit.excel.saving import workbook_bytes

    shown = form_items(checklist, respondent, sections)
    asked = {i.id for i in shown.items}
    survey: list[tuple[str, ...]] = [SURVEY_COLUMNS]
    choices: list[tuple[str, str, str]] = [("list_name", "name", "label")]
    if respondent:
        survey.append(("text", RESPONDENT_CODE, "Respondent code", "The code you were given, if any.", "", "", ""))
        if roles:
            survey.append((f"select_one {ROLES_LIST}", ROLE, "Role", "", "", "", ""))
            choices.extend((ROLES_LIST, r, r.replace("-", " ").capitalize()) for r in roles)
        else:
            survey.append(("text", ROLE, "Role", "For example frontline or management.", "", "", ""))
    for section in shown.sections:
        survey.append(("begin group", section.id, section.title, "", "", "", ""))
        for item in section.items:
            survey.extend(_questions(item, checklist, respondent, asked, choices))
        survey.append(("end group", "", "", "", "", "", ""))
    settings = [
        ("form_id", "version", "form_title"),
        (form_id(checklist, respondent), checklist.version, _title(checklist, respondent)),
    ]
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in ((SURVEY, survey), (CHOICES, choices), (SETTINGS, settings)):
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value:
                    set_value(ws.cell(r, c), value)
    return workbook_bytes(wb, FORM_STAMP)


def _title(checklist: Checklist, respondent: bool) -> str:
    return f"{checklist.title} — staff survey" if respondent else checklist.title


def _questions(
    item: Item, checklist: Checklist, respondent: bool, asked: set[str], choices: list[tuple[str, str, str]]
) -> list[tuple[str, ...]]:
    hint = first_sentence(item.guidance)
    relevant = ""
    if item.when is not None and not respondent:
        refs = _refs(item.when)
        if refs <= asked:
            relevant = relevant_of(item.when, checklist)
        else:  # the deciding item is not on this form: say it in words
            hint = (hint + " " if hint else "") + "Answer only if " + condition_text(item.when, checklist) + "."
    kind, constraint, message = _type(item, choices)
    rows: list[tuple[str, ...]] = [(kind, item.id, item.text, hint, relevant, constraint, message)]
    rows.append(("text", item.id + NOTE_SUFFIX, f"Note on {item.id} (optional)", "", relevant, "", ""))
    if not respondent:
        rows.append(("image", item.id + PHOTO_SUFFIX, f"Photo for {item.id} (optional)", "", relevant, "", "", PHOTO_PARAMETERS))
    return rows


def _refs(cond: Condition) -> set[str]:
    from cx_audit.model import condition_items

    return set(condition_items(cond))


def _type(item: Item, choices: list[tuple[str, str, str]]) -> tuple[str, str, str]:
    """The question's type, constraint and constraint message; choices appended for picked items."""
    entries = choice_entries(item)
    if entries:
        choices.extend((item.id, name, label) for name, label in entries)
        return f"select_one {item.id}", "", ""
    if item.type is ItemType.number:
        lo, hi = number_bounds(item)
        parts = ([f". >= {_num(lo)}"] if lo is not None else []) + ([f". <= {_num(hi)}"] if hi is not None else [])
        if not parts:
            return "decimal", "", ""
        if lo is not None and hi is not None:
            message = f"A number from {_num(lo)} to {_num(hi)}"
        else:
            message = f"A number of at least {_num(lo)}" if lo is not None else f"A number of at most {_num(hi)}"
        return "decimal", " and ".join(parts), message + (f" ({item.unit})" if item.unit else "")
    return "text", "", ""


def choice_entries(item: Item) -> list[tuple[str, str]]:
    """(name, label) of each choice of a picked item, `na` last where N/A is allowed; [] for others."""
    entries: list[tuple[str, str]]
    if item.type is ItemType.rating and item.scale is not None:
        scale = item.scale
        entries = [(str(v), f"{v} · {scale.label(v)}" if scale.label(v) else str(v)) for v in range(scale.min, scale.max + 1)]
    elif item.type is ItemType.yesno:
        entries = [(YES_CHOICE, "Yes"), (NO_CHOICE, "No")]
    elif item.type is ItemType.choice:
        entries = [(o.id, o.label or o.id) for o in item.options]
    else:
        return []
    return entries + ([(NA_CHOICE, NA_LABEL)] if item.allow_na else [])


def number_bounds(item: Item) -> tuple[float | None, float | None]:
    """The range a number item's answer must lie in: a metric's own range, and the edge of
    its thresholds where the last threshold scores 0 (`{min: 0, score: 0}`: nothing lower
    is meant; `{max: 1000000, score: 0}`: nothing higher). A last threshold that still
    scores something has values beyond it that score 0, so it bounds nothing."""
    lo: float | None = None
    hi: float | None = None
    if item.metric is not None:
        lo, hi = (float(x) for x in METRIC_RANGES[item.metric])
    if item.thresholds and item.thresholds[-1].score == 0:
        edge = item.thresholds[-1].bound
        if item.threshold_kind is ThresholdKind.min:
            lo = edge if lo is None else max(lo, edge)
        else:
            hi = edge if hi is None else min(hi, edge)
    return lo, hi


def _num(x: float | None) -> str:
    assert x is not None
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def relevant_of(cond: Condition, checklist: Checklist) -> str:
    """A `when` condition as an XLSForm `relevant` expression."""
    if isinstance(cond, Leaf):
        item = checklist.item(cond.item)
        ref = "${" + cond.item + "}"
        if cond.op is ConditionOp.is_:
            return f"{ref} = {_literal(item, cond.value)}"
        if cond.op is ConditionOp.in_:
            return "(" + " or ".join(f"{ref} = {_literal(item, v)}" for v in cond.value) + ")"
        op = ">=" if cond.op is ConditionOp.min else "<="
        return f"({ref} != '' and {ref} != '{NA_CHOICE}' and number({ref}) {op} {_num(float(cond.value))})"
    if isinstance(cond, Not):
        return f"not({relevant_of(cond.condition, checklist)})"
    assert isinstance(cond, (AllOf, AnyOf))
    joiner = " and " if isinstance(cond, AllOf) else " or "
    return "(" + joiner.join(relevant_of(c, checklist) for c in cond.conditions) + ")"


def _literal(item: Item | None, value: object) -> str:
    if item is not None and item.type is ItemType.yesno:
        return f"'{YES_CHOICE if value else NO_CHOICE}'"
    if item is not None and item.type is ItemType.number and isinstance(value, (int, float)):
        return _num(float(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"'{value}'"


def question_names(items: Iterable[Item], respondent: bool) -> list[str]:
    """Every question name the form holds for these items, in order."""
    names = [RESPONDENT_CODE, ROLE] if respondent else []
    for item in items:
        names += [item.id, item.id + NOTE_SUFFIX] + ([] if respondent else [item.id + PHOTO_SUFFIX])
    return names
