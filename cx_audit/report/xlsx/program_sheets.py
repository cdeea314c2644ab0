"""A program's Sites, Items, Actions and Answers sheets."""

from __future__ import annotations

from dataclasses import dataclass, field

from cx_audit.excel.looks import CENTRE, DATE, INT, LABEL, PERCENT, PLAIN, SCORE, WRAP, Styled
from cx_audit.excel.sheets import Book, Column, autofilter, colour_scale
from cx_audit.report.xlsx.audit_sheets import HORIZON_COLUMN, action_inputs
from cx_audit.report.xlsx.cells import (
    INPUT,
    INPUT_DATE,
    NOTE,
    answer_value,
    fraction,
    program_section_titles,
    r1,
    score100,
    yes,
)
from cx_audit.scoring.audit import Status
from cx_audit.scoring.program import ProgramResult, Stats
from cx_audit.wording import band_words, type_name

# --- a program of several audits ---------------------------------------------------


def sites_sheet(book: Book, p: ProgramResult) -> None:
    sections = [s for s, _ in p.sections]  # matched by id: audits may use different checklist versions
    columns = [
        Column("Site", 24, WRAP),
        Column("Date", 11, DATE),
        Column("Auditor", 16),
        Column("Overall", 9, SCORE),
        Column("Band", 13, CENTRE),
        Column("Completeness", 13, PERCENT.but(horizontal="right")),
        Column("Critical failures", 9, INT),
        *[Column(s.title, 13, SCORE) for s in sections],
        Column("Audit file", 22, NOTE),
    ]
    t = book.table("Sites", columns, freeze="B2")
    for r in p.audits:
        t.append(
            [
                r.audit.label,
                r.audit.date,
                r.audit.auditor,
                r1(r.overall),
                band_words(r),
                fraction(r.completeness),
                len(r.critical_failures),
                *[r1(sr.score) if (sr := r.section(s.id)) else None for s in sections],
                r.audit.path.name if r.audit.path else "",
            ]
        )
    autofilter(t)
    last = t.next_row - 1
    colour_scale(t.ws, f"D2:D{last} H2:{t.letters[6 + len(sections)]}{last}")
    t.append([])
    stats = [p.overall] + [st for _, st in p.sections]
    bold = SCORE.but(bold=True)
    for label in ("mean", "stdev", "min", "max"):
        values = [None if st is None else Styled(r1(getattr(st, label)), bold) for st in stats]
        t.append([Styled(label.capitalize(), LABEL), None, None, values[0], None, None, None, *values[1:]])


@dataclass
class _ItemAgg:
    scores: list[float] = field(default_factory=list)
    lost: list[float] = field(default_factory=list)
    failed: int = 0
    na: int = 0
    unanswered: int = 0


def aggregate(p: ProgramResult) -> dict[str, _ItemAgg]:
    aggs = {item.id: _ItemAgg() for item in p.items}  # by id: audits may use different versions
    for r in p.audits:
        for ir in r.items:
            agg = aggs[ir.item.id]
            if ir.s is not None:
                agg.scores.append(100.0 * ir.s)
                agg.lost.append(ir.points_lost or 0.0)
                agg.failed += ir.failed
            elif ir.status == Status.na:
                agg.na += 1
            elif ir.status == Status.unanswered:
                agg.unanswered += 1
    return aggs


PROGRAM_ITEM_COLUMNS = (
    Column("Section", 20, WRAP),
    Column("ID", 7),
    Column("Question", 54, WRAP),
    Column("Type", 12),
    Column("Critical", 9, CENTRE),
    Column("Scored in", 8, INT),
    Column("Mean score", 8, SCORE),
    Column("Stdev", 8, SCORE),
    Column("Min", 8, SCORE),
    Column("Max", 8, SCORE),
    Column("Mean points lost", 9, SCORE),
    Column("Failed in", 8, INT),
    Column("N/A in", 8, INT),
    Column("Unanswered in", 11, INT),
)


def program_items_sheet(book: Book, p: ProgramResult, aggs: dict[str, _ItemAgg]) -> None:
    t = book.table("Items", PROGRAM_ITEM_COLUMNS)
    titles = program_section_titles(p)
    for item in p.items:
        agg = aggs[item.id]
        st = Stats.of(agg.scores)
        t.append(
            [
                titles.get(item.section, item.section),
                item.id,
                item.text,
                type_name(item),
                yes(item.critical),
                len(agg.scores),
                *[r1(getattr(st, k)) if st else None for k in ("mean", "stdev", "min", "max")],
                r1(sum(agg.lost) / len(agg.lost)) if agg.lost else None,
                agg.failed,
                agg.na,
                agg.unanswered,
            ]
        )
    autofilter(t)
    colour_scale(t.ws, f"G2:G{t.next_row - 1}")


PROGRAM_ACTION_COLUMNS = (
    Column("#", 5, CENTRE),
    Column("Section", 18, WRAP),
    Column("ID", 7),
    Column("Question", 42, WRAP),
    Column("Critical", 9, CENTRE),
    Column("Mean points lost", 9, SCORE),
    Column("Scored in", 8, INT),
    Column("Failed in", 8, INT),
    Column("Recommendation", 58, NOTE),
    Column("Owner", 16, INPUT),
    Column("Due", 12, INPUT_DATE),
    Column("Status", 13, INPUT),
    HORIZON_COLUMN,
)


def program_actions_sheet(book: Book, p: ProgramResult, aggs: dict[str, _ItemAgg]) -> None:
    from cx_audit.scoring.roadmap import HORIZON_TITLES, program_horizons

    t = book.table("Actions", PROGRAM_ACTION_COLUMNS)
    titles = program_section_titles(p)
    for rank, (a, horizon) in enumerate(zip(p.actions, program_horizons(p), strict=True), 1):
        item = a.item
        t.append(
            [
                rank,
                titles.get(item.section, item.section),
                item.id,
                item.text,
                yes(item.critical),
                r1(a.mean_points_lost),
                a.audits,
                aggs[item.id].failed,
                item.recommendation,
                None,
                None,
                None,
                HORIZON_TITLES[horizon],
            ]
        )
    action_inputs(t, "E")


ANSWER_COLUMNS = (
    Column("Site", 22),
    Column("Date", 11, DATE),
    Column("Section", 24),
    Column("Item", 7),
    Column("Answer", 24, PLAIN.but(horizontal="left")),
    Column("Score", 8, SCORE),
    Column("Note", 60, NOTE),
)


def answers_sheet(book: Book, p: ProgramResult) -> None:
    """Every audit's answers, one row per answered item: the pivot-table source."""
    t = book.table("Answers", ANSWER_COLUMNS)
    titles = program_section_titles(p)
    for r in p.audits:
        site, date = r.audit.label, r.audit.date
        for ir in r.items:
            if ir.status in (Status.scored, Status.na, Status.unscored):
                t.append(
                    [
                        site,
                        date,
                        titles.get(ir.item.section, ""),
                        ir.item.id,
                        answer_value(ir.item, ir.answer),
                        score100(ir.s),
                        ir.answer.note if ir.answer is not None else "",
                    ]
                )
    autofilter(t)
