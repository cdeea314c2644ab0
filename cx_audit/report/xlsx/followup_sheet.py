"""The "Since last visit" sheet of `report --baseline --xlsx`: the baseline's actions followed up."""

from __future__ import annotations

from cx_audit.excel.looks import CENTRE, DATE, PLAIN, SCORE, WRAP
from cx_audit.excel.sheets import Book, Column, autofilter
from cx_audit.report.xlsx.cells import NOTE, flag_yes, score100, section_titles
from cx_audit.scoring.compare import Comparison

SHEET = "Since last visit"

FOLLOWUP_COLUMNS = (
    Column("Section", 18, WRAP),
    Column("Item", 7),
    Column("Question", 44, WRAP),
    Column("Status", 12),
    Column("Owner", 16),
    Column("Due", 12, DATE),
    Column("Score then", 9, SCORE),
    Column("Score now", 9, SCORE),
    Column("Item now", 12, PLAIN.but(indent=1)),
    Column("Done, not improved", 11, CENTRE),
    Column("Note", 36, NOTE),
)


def followup_sheet(book: Book, cmp: Comparison) -> None:
    from cx_audit.files.actions import STATUS_LABELS

    t = book.table(SHEET, FOLLOWUP_COLUMNS)
    titles = section_titles(cmp.baseline.checklist)
    for f in cmp.followup:
        t.append(
            [
                titles.get(f.item.section, f.item.section),
                f.item.id,
                f.item.text,
                STATUS_LABELS[f.status],
                f.owner or None,
                f.due,
                score100(f.baseline),
                score100(f.current),
                f.change.capitalize(),
                "Yes" if f.flagged else "",
                f.action.note or None,
            ]
        )
    if t.rows == 0:
        t.append([None, None, "The baseline had no actions to follow up."] + [None] * 8)
    autofilter(t)
    flag_yes(t.ws, f"J2:J{t.next_row - 1}")
