"""One audit's Items, Actions and (with a baseline) Comparison sheets."""

from __future__ import annotations

from cx_audit.excel.looks import (
    CENTRE,
    DATE,
    DELTA,
    HEADER,
    HEADER_NUM,
    HEADING,
    INT,
    LABEL,
    PLAIN,
    SCORE,
    SUBTITLE,
    TITLE,
    WRAP,
)
from cx_audit.excel.sheets import Book, Column, FastRows, autofilter, colour_scale, date_validation, setup_sheet
from cx_audit.report.xlsx.cells import (
    ACTION_STATUSES,
    INPUT,
    INPUT_DATE,
    NOTE,
    RED_BOLD,
    Rows,
    answer_value,
    delta_colours,
    fit_answer_column,
    flag_yes,
    r1,
    score100,
    section_titles,
    yes,
)
from cx_audit.scoring.audit import AuditResult, ItemResult
from cx_audit.scoring.compare import Comparison
from cx_audit.scoring.rounding import delta
from cx_audit.wording import NOTHING_TO_DO, STATUS_SHORT, edition_lines, type_name

# --- one audit: Items, Actions, Comparison -----------------------------------------

ITEM_COLUMNS = (
    Column("Section", 16, WRAP),
    Column("ID", 7),
    Column("Question", 48, WRAP),
    Column("Type", 11, WRAP),
    Column("Answer", 20, WRAP.but(horizontal="left")),
    Column("Score", 8, SCORE),
    Column("Points lost", 8, SCORE),
    Column("Critical", 9, CENTRE),
    Column("Failed", 8, CENTRE),
    Column("Status", 14, NOTE),
    Column("Note", 40, NOTE),
)
#: Added after Note when any answer carries evidence (an audit without keeps its sheet as it was).
EVIDENCE_COLUMN = Column("Evidence", 30, NOTE)


def evidence_names(ir: ItemResult) -> str:
    """The names of the files attached to an answer, one per line."""
    return "\n".join(ev.name for ev in ir.answer.evidence) if ir.answer is not None else ""


# Added to the Items sheet only when an answer is a customer metric: its figures as numbers.
METRIC_COLUMNS = (
    Column("Metric value", 9, SCORE),
    Column("n", 8, INT),
    Column("95% CI low", 9, SCORE),
    Column("95% CI high", 9, SCORE),
)


def _metric_cells(ir: ItemResult) -> list[float | int | None]:
    a = ir.answer
    if a is None or a.metric is None or a.na or a.value is None:
        return [None] * len(METRIC_COLUMNS)
    return [a.value, a.metric.n, a.metric.ci95[0], a.metric.ci95[1]]


VOICE_COLUMNS = (  # only for an audit with respondents
    Column("Answers (n)", 9, INT),
    Column("Lowest", 8, SCORE),
    Column("Highest", 8, SCORE),
    Column("Divided", 8, CENTRE),
)


def items_sheet(book: Book, r: AuditResult) -> None:
    voices = r.voices
    with_evidence = any(ir.answer is not None and ir.answer.evidence for ir in r.items)
    with_metrics = any(ir.answer is not None and ir.answer.metric is not None for ir in r.items)
    printed = fit_answer_column(ITEM_COLUMNS, [answer_value(ir.item, ir.answer) for ir in r.items])
    printed += (EVIDENCE_COLUMN,) if with_evidence else ()
    columns = printed + (METRIC_COLUMNS if with_metrics else ())
    t = book.table("Items", columns + (VOICE_COLUMNS if voices is not None else ()))
    # Printed: the item columns up to Note (and Evidence), fitted to the page width at a
    # readable size; the metric and voices figures are for the screen (and the HTML report).
    t.ws.print_area = f"A1:{t.letters[len(printed) - 1]}{len(r.items) + 1}"
    titles = section_titles(r.checklist)
    for ir in r.items:
        item = ir.item
        evidence = [evidence_names(ir)] if with_evidence else []
        extra: list[object] = list(_metric_cells(ir)) if with_metrics else []
        if voices is not None:
            sp = voices.spreads.get(item.id)
            extra += [sp.n, r1(sp.min), r1(sp.max), yes(sp.divided)] if sp is not None else [None] * 4
        t.append(
            [
                titles.get(item.section, item.section),
                item.id,
                item.text,
                type_name(item),
                answer_value(item, ir.answer),
                score100(ir.s),
                r1(ir.points_lost),
                yes(item.critical),
                ("Yes" if ir.failed else "No") if ir.s is not None else "",
                STATUS_SHORT[ir.status],
                ir.answer.note if ir.answer is not None else "",
                *evidence,
                *extra,
            ]
        )
    autofilter(t)
    colour_scale(t.ws, f"F2:F{t.next_row - 1}")
    flag_yes(t.ws, f"I2:I{t.next_row - 1}")


#: Last, after the client's Owner, Due and Status, so that no column a tracker or
#: `actions pull` knows moves: Now, Next 90 days or Later (scoring/roadmap.py).
HORIZON_COLUMN = Column("Horizon", 13, WRAP)

ACTION_COLUMNS = (
    Column("#", 5, CENTRE),
    Column("Section", 18, WRAP),
    Column("Item", 7),  # `actions pull` matches rows by this column
    Column("Question", 42, WRAP),
    Column("Answer", 18, WRAP.but(horizontal="left")),
    Column("Score", 8, SCORE),
    Column("Points lost", 8, SCORE),
    Column("Critical failure", 9, CENTRE),
    Column("Recommendation", 58, NOTE),
    Column("Owner", 16, INPUT),
    Column("Due", 12, INPUT_DATE),
    Column("Status", 13, INPUT),
    HORIZON_COLUMN,
)


def actions_sheet(book: Book, r: AuditResult) -> None:
    """The ranked action plan; Owner, Due and Status pre-filled from the audit's `actions`."""
    from cx_audit.files.actions import STATUS_LABELS
    from cx_audit.scoring.roadmap import HORIZON_TITLES, audit_horizons

    t = book.table("Actions", fit_answer_column(ACTION_COLUMNS, [answer_value(ir.item, ir.answer) for ir in r.actions]))
    titles = section_titles(r.checklist)
    for rank, (ir, horizon) in enumerate(zip(r.actions, audit_horizons(r), strict=True), 1):
        item = ir.item
        tracked = r.audit.actions.get(item.id)
        t.append(
            [
                rank,
                titles.get(item.section, item.section),
                item.id,
                item.text,
                answer_value(item, ir.answer),
                score100(ir.s),
                r1(ir.points_lost),
                "Accepted" if ir.accepted and ir.critical_failure else yes(ir.critical_failure),
                ir.recommendation,
                tracked.owner or None if tracked else None,
                tracked.due if tracked else None,
                STATUS_LABELS[tracked.status] if tracked else None,
                HORIZON_TITLES[horizon],
            ]
        )
    action_inputs(t, "H")


def action_inputs(t: FastRows, flag_col: str) -> None:
    """Owner, Due and Status for the client's team: a date check and a status drop-down."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    if t.rows == 0:
        t.append([None, None, None, NOTHING_TO_DO] + [None] * (len(t.letters) - 4))
    ws, last = t.ws, t.next_row - 1
    due, status = t.letters[-3], t.letters[-2]  # the last column is the Horizon
    autofilter(t)
    dates = date_validation("Due date", "Enter a date, such as 2027-03-31.")
    dates.add(f"{due}2:{due}{last}")
    states = DataValidation(
        type="list",
        formula1='"' + ",".join(ACTION_STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Pick Open, In progress or Done.",
    )
    states.add(f"{status}2:{status}{last}")
    ws.data_validations.append(dates)
    ws.data_validations.append(states)
    green = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
    ws.conditional_formatting.add(
        f"{status}2:{status}{last}", CellIsRule(operator="equal", formula=['"Done"'], font=Font(color="006100"), fill=green)
    )
    flag_yes(ws, f"{flag_col}2:{flag_col}{last}")


COMPARISON_WIDTHS = (22, 12, 52, 11, 11, 11, 12)


def comparison_sheet(book: Book, cmp: Comparison) -> None:
    ws = book.sheet("Comparison")
    setup_sheet(ws, COMPARISON_WIDTHS)
    ws.row_dimensions[1].height = 30
    rows = Rows(ws, COMPARISON_WIDTHS)
    b, c = cmp.baseline, cmp.current
    titles = section_titles(c.checklist)
    rows.add(("Comparison with the baseline", TITLE))
    rows.blank()
    rows.add(("Baseline", LABEL), (b.audit.date, DATE), (b.audit.label, PLAIN))
    rows.add(("Current", LABEL), (c.audit.date, DATE), (c.audit.label, PLAIN))
    verdict = ("Yes", RED_BOLD) if cmp.regression else ("No", LABEL.but(colour="006100"))
    rows.add(("Regression", LABEL), verdict)
    for title, text in edition_lines(cmp):  # only when the audits use two versions of the checklist
        rows.add((title, LABEL), (text, PLAIN))
    rows.blank()
    rows.add(("Scores", HEADING))
    rows.add(
        ("Section", HEADER),
        ("", HEADER),
        ("", HEADER),
        ("Baseline", HEADER_NUM),
        ("Current", HEADER_NUM),
        ("Change", HEADER_NUM),
        merge=3,
    )
    first = rows.add(
        ("Overall", LABEL),
        None,
        None,
        (r1(b.overall), SCORE),
        (r1(c.overall), SCORE),
        (delta(c.overall, b.overall), DELTA),
        merge=3,
    )
    for d in cmp.sections:
        rows.add(
            (d.section.title, WRAP),
            None,
            None,
            (r1(d.baseline), SCORE),
            (r1(d.current), SCORE),
            (delta(d.current, d.baseline), DELTA),
            merge=3,
        )
    delta_colours(ws, f"F{first}:F{rows.row}")
    rows.blank()
    rows.add(("Items whose score changed", HEADING))
    rows.add(
        ("Section", HEADER),
        ("ID", HEADER),
        ("Question", HEADER),
        ("Baseline", HEADER_NUM),
        ("Current", HEADER_NUM),
        ("Change", HEADER_NUM),
        ("Direction", HEADER.but(indent=1)),
    )
    first = rows.row + 1
    for ch in cmp.changed:
        rows.add(
            (titles.get(ch.item.section, ""), WRAP),
            (ch.item.id, PLAIN),
            (ch.item.text, WRAP),
            (score100(ch.baseline), SCORE),
            (score100(ch.current), SCORE),
            (delta(100 * ch.current, 100 * ch.baseline), DELTA),
            (ch.change.capitalize(), NOTE),
        )
    if cmp.changed:
        delta_colours(ws, f"F{first}:F{rows.row}")
    else:
        rows.add(("No item's score changed.", SUBTITLE))
    lists = (
        ("New critical failures", cmp.new_critical),
        ("Resolved critical failures", cmp.resolved_critical),
        ("Scored in the baseline only", cmp.only_in_baseline),
        ("Scored in the current audit only", cmp.only_in_current),
    )
    for heading, items in lists:
        rows.blank()
        rows.add((heading, HEADING))
        for item in items:
            rows.add((titles.get(item.section, ""), WRAP), (item.id, PLAIN), (item.text, WRAP))
        if not items:
            rows.add(("None.", SUBTITLE))
    if cmp.not_comparable:
        rows.blank()
        rows.add(("Items not comparable (removed or changed in the later version)", HEADING))
        for n in cmp.not_comparable:
            rows.add(
                (titles.get(n.item.section, ""), WRAP), (n.item.id, PLAIN), (n.item.text, WRAP), None, None, None, (n.why, NOTE)
            )
    rows.blank()
    rows.add(("Sections no longer assessed", HEADING))
    for s in cmp.became_not_assessed:
        rows.add((s.title, PLAIN))
    if not cmp.became_not_assessed:
        rows.add(("None.", SUBTITLE))
