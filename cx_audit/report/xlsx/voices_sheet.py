"""The Voices sheet: each role's score per section (shaded by band), the perception gaps
and the divided items. Roles and figures only: no respondent id or name is written."""

from __future__ import annotations

from cx_audit.excel.looks import HEADER, HEADER_NUM, HEADING, LABEL, PLAIN, SCORE, SUBTITLE, TITLE, WRAP, band_look
from cx_audit.excel.sheets import Book, setup_sheet
from cx_audit.model import AUDITOR_ROLE
from cx_audit.report.xlsx.cells import NOTE, Rows, band_labels, r1
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.rounding import band_for
from cx_audit.wording import hidden_roles_sentence, plural

ROLE_WIDTH = 14


def role_title(role: str) -> str:
    return role.replace("-", " ").capitalize()


def voices_sheet(book: Book, r: AuditResult) -> None:
    v = r.voices
    assert v is not None
    roles = v.roles
    widths = [34, *([ROLE_WIDTH] * len(roles)), 10]
    widths = widths + [ROLE_WIDTH] * max(0, 6 - len(widths))
    ws = book.sheet("Voices")
    setup_sheet(ws, widths)
    ws.row_dimensions[1].height = 30
    rows = Rows(ws, widths)
    labels = band_labels(r.checklist)
    rows.add(("Voices: how each role sees it", TITLE))
    others = ", ".join(f"{x.respondents} {role_title(x.role).lower()}" for x in roles if x.role != AUDITOR_ROLE)
    line = f"Besides the auditor, {plural(v.respondents, 'respondent')} answered" + (f": {others}." if others else ".")
    rows.add((line, SUBTITLE))
    if v.hidden_roles:
        rows.add(
            (
                hidden_roles_sentence(v.hidden_roles, v.min_group),
                SUBTITLE,
            )
        )
    rows.blank()
    rows.add(("Sections by role", HEADING))
    rows.add(("Section", HEADER), *((role_title(x.role), HEADER_NUM) for x in roles), ("Gap", HEADER_NUM))
    rows.add(
        ("Respondents", LABEL),
        *(("own answers" if x.role == AUDITOR_ROLE else x.respondents, PLAIN.but(horizontal="right")) for x in roles),
    )
    gaps = {g.section.id: g for g in v.gaps}
    surveyed = {s.id for s in v.surveyed(r.checklist.sections)}
    for s in (x for x in r.sections if x.section.id in surveyed):
        cells = []
        for x in roles:
            score = x.sections.get(s.section.id)
            band = band_for(score, r.checklist.bands)
            cells.append((r1(score), band_look(band, labels, number_format=SCORE.number_format, horizontal="right")))
        g = gaps.get(s.section.id)
        rows.add((s.section.title, WRAP), *cells, (r1(g.gap) if g else None, SCORE.but(bold=True)))
    rows.blank()
    rows.add(("Perception gaps, largest first", HEADING))
    rows.add(
        ("Section", HEADER),
        ("Gap", HEADER_NUM),
        ("Highest", HEADER.but(indent=1)),
        ("Score", HEADER_NUM),
        ("Lowest", HEADER.but(indent=1)),
        ("Score", HEADER_NUM),
    )
    shown = [g for g in v.gaps if g.gap > 0]
    for g in shown:
        rows.add(
            (g.section.title, WRAP),
            (r1(g.gap), SCORE.but(bold=True)),
            (role_title(g.highest_role), PLAIN.but(indent=1)),
            (r1(g.highest), SCORE),
            (role_title(g.lowest_role), PLAIN.but(indent=1)),
            (r1(g.lowest), SCORE),
        )
    if not shown:
        rows.add(("No section has a gap between the roles shown.", SUBTITLE))
    rows.blank()
    rows.add(("Divided items (answers 50 points or more apart)", HEADING))
    rows.add(("Item", HEADER), ("Answers", HEADER_NUM), ("Mean", HEADER_NUM), ("Lowest", HEADER_NUM), ("Highest", HEADER_NUM))
    divided = [ir for ir in r.items if ir.item.id in v.spreads and v.spreads[ir.item.id].divided]
    for ir in divided:
        sp = v.spreads[ir.item.id]
        rows.add(
            (f"{ir.item.id} {ir.item.text}", WRAP),
            (sp.n, PLAIN.but(horizontal="right")),
            (r1(sp.mean), SCORE),
            (r1(sp.min), SCORE),
            (r1(sp.max), SCORE),
        )
    if not divided:
        rows.add(("No item divided the respondents.", SUBTITLE))
    rows.blank()
    rows.add(
        (
            f"Respondents are shown by role only. A role is shown when at least {v.min_group} of its respondents "
            f"answered, and its score for a section when at least {v.min_group} of them scored an item there.",
            NOTE,
        ),
        merge=min(len(widths), 4),
    )
