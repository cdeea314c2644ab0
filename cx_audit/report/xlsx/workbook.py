"""The Excel action plan: Summary, Items, Actions, and Comparison, Sites, Answers when relevant.

One audit → Summary, Items, Actions (+ Comparison with a baseline).
Several audits (a program) → Summary, Sites, then Items and Actions per item over the
audits, and Answers: every audit's answers in long format, for the client's pivot tables.

The workbook is written in openpyxl's write-only mode, its big tables as streamed XML
(:class:`cx_audit.excel.sheets.FastRows`), so a thousand sites take a second or two.
Figures are numbers rounded as every other report shows them (1 decimal) with number
formats; dates are dates; user text is always stored as text, never as a formula.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cx_audit.excel.sheets import Book
from cx_audit.report.input import ReportInput

if TYPE_CHECKING:
    from cx_audit.options import Options
from cx_audit.report.xlsx.audit_sheets import actions_sheet, comparison_sheet, items_sheet
from cx_audit.report.xlsx.program_sheets import aggregate, answers_sheet, program_actions_sheet, program_items_sheet, sites_sheet
from cx_audit.report.xlsx.summary import program_summary_sheet, summary_sheet


def render(inp: ReportInput, options: Options) -> bytes:
    """The renderer interface of :mod:`cx_audit.outputs`."""
    return render_xlsx(inp)


def render_xlsx(inp: ReportInput) -> bytes:
    book = Book()
    if inp.program is not None:
        program_summary_sheet(book, inp.program)
        sites_sheet(book, inp.program)
        aggs = aggregate(inp.program)
        program_items_sheet(book, inp.program, aggs)
        program_actions_sheet(book, inp.program, aggs)
        answers_sheet(book, inp.program)
    else:
        summary_sheet(book, inp.main, inp.comparison)
        items_sheet(book, inp.main)
        actions_sheet(book, inp.main)
        if inp.main.voices is not None:
            from cx_audit.report.xlsx.voices_sheet import voices_sheet

            voices_sheet(book, inp.main)
        if inp.benchmark is not None:
            from cx_audit.report.xlsx.benchmark_sheet import benchmark_sheet

            benchmark_sheet(book, inp.benchmark)
        if inp.comparison is not None:
            comparison_sheet(book, inp.comparison)
            if inp.comparison.tracks_actions:
                from cx_audit.report.xlsx.followup_sheet import followup_sheet

                followup_sheet(book, inp.comparison)
        from cx_audit.excel.facts import write_facts

        write_facts(book.wb, inp.main.checklist.id, inp.main.audit)
    return book.to_bytes(inp.stamp)
