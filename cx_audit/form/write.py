"""Writing the offline questionnaire: a workbook a client fills in.

One row per item, grouped by section, with the answer cell as a drop-down (or a number
check) and a note cell; only those and the audit facts at the top are unlocked on a
protected sheet. A very hidden Meta sheet records the checklist's id, version, sha256
and (for a checklist file) its path relative to the form.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from cx_audit.excel.cells import format_literal, quote_sheet, row_height, set_value, text_lines
from cx_audit.excel.looks import (
    GREY_TEXT,
    HEADER,
    HEADING,
    LABEL,
    NAVY,
    PLAIN,
    SUBTITLE,
    TITLE,
    WRAP,
    Look,
)
from cx_audit.excel.saving import workbook_bytes
from cx_audit.excel.sheets import date_validation
from cx_audit.form.layout import (
    FACTS,
    FORM_FORMAT,
    FORM_STAMP,
    HEADERS,
    ID_LOOK,
    INPUT,
    INPUT_DATE,
    INSTRUCTIONS,
    LISTS,
    META,
    NA_TEXT,
    QUESTIONS,
    RESPONDENT_FACTS,
    RESPONDENT_KIND,
    SECTION,
    SECTION_NOTE,
    SMALL,
    WIDTHS,
    allowed_text,
    choices,
)
from cx_audit.model import Checklist, Item, ItemType

# --- writing the form ---------------------------------------------------------------


def render_form(checklist: Checklist, path: Path, respondent: bool = False, sections: tuple[str, ...] = ()) -> bytes:
    """The questionnaire; ``respondent``: a staff survey form (Respondent code and Role
    instead of the audit's facts, no item that decides a condition); ``sections``: only those."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    skip: set[str] = set()
    if respondent:
        from cx_audit.files.voices import deciding_items

        skip = deciding_items(checklist)
    # A respondent cannot see the items that decide conditions, so no "Answer only if" either.
    chosen = tuple(
        dataclasses.replace(
            s, items=tuple(dataclasses.replace(i, when=None) if respondent else i for i in s.items if i.id not in skip)
        )
        for s in checklist.sections
        if not sections or s.id in sections
    )
    shown = dataclasses.replace(checklist, sections=tuple(s for s in chosen if s.items))
    wb = Workbook()
    wb.remove(wb.active)
    _instructions(wb.create_sheet(INSTRUCTIONS), shown, respondent)
    ws = wb.create_sheet(QUESTIONS)
    lists = wb.create_sheet(LISTS)
    meta = wb.create_sheet(META)
    _questionnaire(ws, lists, shown, RESPONDENT_FACTS if respondent else FACTS)
    _meta(meta, checklist, path, respondent, sections)
    lists.sheet_state = "hidden"
    meta.sheet_state = "veryHidden"
    for sheet in (lists, meta, wb[INSTRUCTIONS]):
        sheet.protection.sheet = True
    wb.active = wb.sheetnames.index(QUESTIONS)
    wb.security = WorkbookProtection(lockStructure=True)  # no password: it only prevents accidents
    return workbook_bytes(wb, FORM_STAMP)


def _put(ws: Any, ref: str, value: Any, look: Look = PLAIN) -> Any:
    c = ws[ref]
    set_value(c, value)
    look.apply(c)
    return c


def _instructions(ws: Any, checklist: Checklist, respondent: bool = False) -> None:
    from cx_audit.excel.sheets import setup_sheet

    setup_sheet(ws, (4, 100), landscape=False)
    ws.row_dimensions[1].height = 30
    _put(ws, "A1", f"{checklist.title} — questionnaire", TITLE)
    _put(ws, "A2", f"Checklist {checklist.id}, version {checklist.version}", SUBTITLE)
    first = (
        f"Go to the {QUESTIONS} sheet and fill in the yellow cells: first the client, site, your name and the date at "
        "the top, then an answer for each question."
    )
    if respondent:
        first = (
            f"Go to the {QUESTIONS} sheet and fill in the yellow cells: first the respondent code you were given and "
            "your role at the top (your answers are reported by role only, never by code or name), then an answer "
            "for each question."
        )
    steps = (
        first,
        "Click an answer cell and pick from its drop-down list. Questions that ask for a number take a number.",
        f"Pick {NA_TEXT} only when a question does not apply to your business; critical questions do not offer it.",
        "Some questions only apply after a given answer to an earlier one (see 'Answer only if' under Allowed answers); "
        "leave them blank otherwise.",
        "Leave a question blank when you do not know: it stays open for the consultant's visit.",
        "Use the Note column for evidence, examples or anything the consultant should know.",
        "Keep the file as an Excel workbook (.xlsx), do not rename the sheets or move the rows, and send it back: it "
        "is read straight into the audit.",
    )
    row = 4
    _put(ws, f"A{row}", "How to fill in this questionnaire", HEADING)
    for n, text in enumerate(steps, 1):
        row += 1
        _put(ws, f"A{row}", n, Look(bold=True, colour=NAVY, horizontal="right"))
        _put(ws, f"B{row}", text, WRAP.but(indent=1))
        ws.row_dimensions[row].height = row_height(text_lines(text, 100))
    row += 2
    _put(ws, f"A{row}", "About this checklist", HEADING)
    if checklist.description:
        row += 1
        _put(ws, f"B{row}", checklist.description, WRAP)
        ws.row_dimensions[row].height = row_height(text_lines(checklist.description, 100))
    if any(i.type is ItemType.rating for i in checklist.items):
        row += 2
        _put(ws, f"A{row}", "The rating scale", HEADING)
        scale = checklist.scale
        for v in range(scale.min, scale.max + 1):
            row += 1
            _put(ws, f"A{row}", v, Look(bold=True, horizontal="right"))
            _put(ws, f"B{row}", scale.label(v))
    row += 2
    _put(ws, f"A{row}", "Sections", HEADING)
    for section in checklist.sections:
        row += 1
        _put(ws, f"B{row}", section.title, Look(bold=True))
        if section.description:
            row += 1
            _put(ws, f"B{row}", section.description, WRAP.but(colour=GREY_TEXT))
            ws.row_dimensions[row].height = row_height(text_lines(section.description, 100))


def _questionnaire(ws: Any, lists: Any, checklist: Checklist, facts: tuple[str, ...] = FACTS) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from cx_audit.excel.sheets import setup_sheet

    header_row = 3 + len(facts) + 2
    setup_sheet(ws, WIDTHS, freeze=f"C{header_row + 1}", title_rows=f"{header_row}:{header_row}")
    ws.row_dimensions[1].height = 30
    _put(ws, "A1", f"{checklist.title} — questionnaire", TITLE)
    profile = f" Profile: {checklist.profile.title}." if checklist.profile is not None else ""
    _put(ws, "A2", f"Fill in the yellow cells. Checklist {checklist.id}, version {checklist.version}.{profile}", SUBTITLE)
    for k, fact in enumerate(facts):
        row = 4 + k
        _put(ws, f"A{row}", fact, LABEL)
        _put(ws, f"B{row}", None, INPUT_DATE if fact == "Date" else INPUT)
    if "Date" in facts:
        dates = date_validation("Date", "Enter the date of the audit, such as 2026-11-22.")
        dates.add(f"B{4 + facts.index('Date')}")
        ws.data_validations.append(dates)
    for col, head in enumerate(HEADERS, 1):
        _put(ws, f"{get_column_letter(col)}{header_row}", head, HEADER)
    ws.row_dimensions[header_row].height = 22

    list_refs: dict[tuple[str, ...], DataValidation] = {}
    row = header_row
    for section in checklist.sections:
        if all(item.id in checklist.excluded for item in section.items):
            continue  # a profile left the whole section out
        row += 1
        for col in range(1, len(HEADERS) + 1):
            SECTION.apply(ws.cell(row, col))
        _put(ws, f"B{row}", section.title, SECTION)  # not in the ID column: a title may look like an id
        ws.row_dimensions[row].height = 22
        if section.description:
            row += 1
            for col in range(1, len(HEADERS) + 1):
                SECTION_NOTE.apply(ws.cell(row, col))
            _put(ws, f"B{row}", section.description, SECTION_NOTE)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(HEADERS))
            ws.row_dimensions[row].height = row_height(text_lines(section.description, sum(WIDTHS[1:])))
        for item in section.items:
            if item.id in checklist.excluded:
                continue
            row += 1
            guidance = item.guidance
            allowed_words = allowed_text(item, checklist)
            _put(ws, f"A{row}", item.id, ID_LOOK)
            _put(ws, f"B{row}", item.text + (" (critical)" if item.critical else ""), WRAP)
            answer_look = INPUT
            if item.type is ItemType.number and item.unit:
                answer_look = INPUT.but(number_format=f'General" {format_literal(item.unit)}"', horizontal="left")
            _put(ws, f"C{row}", None, answer_look)
            _put(ws, f"D{row}", None, INPUT)
            _put(ws, f"E{row}", allowed_words, SMALL)
            _put(ws, f"F{row}", guidance, SMALL)
            lines = max(
                2,
                text_lines(item.text, WIDTHS[1]),
                text_lines(allowed_words, WIDTHS[4], 9),
                text_lines(guidance, WIDTHS[5], 9) if guidance else 1,
            )
            ws.row_dimensions[row].height = row_height(lines)
            _validation(ws, lists, item, f"C{row}", list_refs)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # the client may widen columns and rows
    ws.protection.formatRows = False


def _validation(ws: Any, lists: Any, item: Item, ref: str, list_refs: dict[tuple[str, ...], Any]) -> None:
    """The answer cell's check: a drop-down from the Lists sheet, or a number."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    entries = tuple(choices(item))
    if entries:
        dv = list_refs.get(entries)
        if dv is None:
            col = get_column_letter(len(list_refs) + 1)
            for i, entry in enumerate(entries, 1):
                set_value(lists[f"{col}{i}"], entry)
            dv = DataValidation(
                type="list",
                formula1=f"{quote_sheet(LISTS)}!${col}$1:${col}${len(entries)}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Answer",
                error="Pick an answer from the list (click the arrow beside the cell).",
            )
            ws.data_validations.append(dv)
            list_refs[entries] = dv
        dv.add(ref)
    elif item.type is ItemType.number:
        message = f"Enter a number{' in ' + item.unit if item.unit else ''}" + (f", or {NA_TEXT}." if item.allow_na else ".")
        if item.allow_na:
            dv = DataValidation(type="custom", formula1=f'OR(ISNUMBER({ref}),UPPER(TRIM({ref}))="{NA_TEXT}")')
        else:
            dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
        dv.allow_blank = True
        dv.showErrorMessage = True
        dv.errorTitle, dv.error = "Answer", message
        dv.add(ref)
        ws.data_validations.append(dv)


def _meta(ws: Any, checklist: Checklist, path: Path, respondent: bool = False, sections: tuple[str, ...] = ()) -> None:
    rel = "" if checklist.builtin or checklist.path is None else _relative(checklist.path, Path(path).parent)
    rows: tuple[tuple[str, str], ...] = (
        ("format", FORM_FORMAT),
        ("checklist", checklist.id),
        ("version", checklist.version),
        ("sha256", checklist.sha256),
        ("builtin", "yes" if checklist.builtin else "no"),
        ("path", rel),
        ("note", "Written by cx-audit form; read by cx-audit import. Do not edit."),
    ) + ((("profile", checklist.profile.id),) if checklist.profile is not None else ())
    if respondent:
        rows += (("kind", RESPONDENT_KIND),)
    if sections:
        rows += (("sections", ",".join(sections)),)
    for r, (key, value) in enumerate(rows, 1):
        set_value(ws.cell(r, 1), key)
        set_value(ws.cell(r, 2), value)


def _relative(target: Path, start: Path) -> str:
    """The checklist's path from the form's folder (absolute when there is none, as on another drive)."""
    import os

    try:
        return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()
    except ValueError:
        return target.resolve().as_posix()
