"""The Summary sheet: the figures, the section table and a native chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cx_audit.excel.looks import (
    DATE,
    DELTA,
    HEADER,
    HEADER_NUM,
    HEADING,
    INT,
    LABEL,
    PERCENT,
    PLAIN,
    SCORE,
    SCORE_BIG,
    SUBTITLE,
    TITLE,
    WRAP,
    Look,
    band_look,
)
from cx_audit.excel.sheets import Book, setup_sheet
from cx_audit.report.xlsx.cells import LEFT_INT, RED_BOLD, Rows, band_labels, chart, delta_colours, fraction, r1, score100
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.compare import Comparison
from cx_audit.scoring.program import ProgramResult
from cx_audit.scoring.rounding import band_for, delta
from cx_audit.wording import AUDIT_REPORT_TITLE, cap_reason, exception_words

# --- Summary ----------------------------------------------------------------------

SUMMARY_WIDTHS = (34, 12, 12, 16, 11, 11, 11, 11)
CHART_ROWS = 23  # the chart, anchored at D3, ends above this row


@dataclass
class _Summary:
    """A Summary sheet: title and facts on the left, the chart on the right, then tables."""

    book: Book
    title: str
    subtitle: str
    bands: list[str]
    rows: Rows = field(init=False)

    def __post_init__(self) -> None:
        ws = self.book.sheet("Summary")
        setup_sheet(ws, SUMMARY_WIDTHS)
        ws.row_dimensions[1].height = 32
        self.rows = Rows(ws, SUMMARY_WIDTHS)
        self.rows.add((self.title, TITLE))
        self.rows.add((self.subtitle, SUBTITLE))

    def fact(self, label: str, *values: tuple[Any, Look] | None) -> int:
        return self.rows.add((label, LABEL), *values)

    def headline(self, label: str, score: float | None, band: str | None) -> None:
        self.rows.ws.row_dimensions[self.rows.row + 1].height = 26  # before the row is streamed out
        self.rows.add(
            (label, LABEL.but(vertical="center")),
            (r1(score), SCORE_BIG),
            (band or "not assessed", band_look(band, self.bands, vertical="center", horizontal="center")),
        )

    def table(self, heading: str, heads: list[str]) -> int:
        """Leave room for the chart, then a heading and a header row; returns the header's row.

        The first column holds section titles, the fourth bands (centred), the rest numbers.
        """
        self.rows.blank(max(1, CHART_ROWS - self.rows.row))
        self.rows.add((heading, HEADING))
        looks = [HEADER, HEADER_NUM, HEADER_NUM, HEADER.but(horizontal="center")] + [HEADER_NUM] * (len(heads) - 4)
        return self.rows.add(*zip(heads, looks[: len(heads)], strict=True))


ONE_PAGE_ROWS = 60


def summary_sheet(book: Book, r: AuditResult, cmp: Comparison | None) -> None:
    a, c = r.audit, r.checklist
    bands = band_labels(c)
    sheet = _Summary(
        book,
        f"{AUDIT_REPORT_TITLE} — {a.client}" if a.client else AUDIT_REPORT_TITLE,
        f"{c.title} {c.version}",
        bands,
    )
    sheet.rows.blank()
    sheet.fact("Client", (a.client, PLAIN))
    sheet.fact("Site", (a.site, PLAIN))
    sheet.fact("Auditor", (a.auditor, PLAIN))
    sheet.fact("Date", (a.date, DATE))
    if c.profile is not None:
        sheet.fact("Profile", (c.profile.title, PLAIN))
    sheet.rows.blank()
    sheet.headline("Overall score", r.overall, r.band)
    if r.capped:
        sheet.fact("Why this band", (cap_reason(r), RED_BOLD.but(wrap=True)), None)
    sheet.fact("Completeness", (fraction(r.completeness), PERCENT))
    sheet.fact("Critical failures", (len(r.critical_failures), RED_BOLD if r.critical_failures else LEFT_INT))
    sheet.fact("Actions", (len(r.actions), LEFT_INT))
    if cmp is not None:
        b = cmp.baseline
        sheet.fact("Baseline score", (r1(b.overall), SCORE.but(horizontal="left")), (b.audit.date, DATE))
        change = delta(r.overall, b.overall)
        colour = "9C0006" if (change or 0) < 0 else "006100" if (change or 0) > 0 else "000000"
        sheet.fact("Change", (change, DELTA.but(horizontal="left", bold=True, colour=colour)))
    heads = ["Section", "Weight", "Score", "Band", "Answered", "Applicable"]
    if cmp is not None:
        heads += ["Baseline", "Change"]
    header_row = sheet.table("Sections", heads)
    rows = sheet.rows
    for k, s in enumerate(r.sections):
        values: list[tuple[Any, Look] | None] = [
            (s.section.title, WRAP),
            (s.section.weight, Look(number_format="0.##")),
            (r1(s.score), SCORE),
            (s.band or "not assessed", band_look(s.band, bands, horizontal="center")),
            (s.answered, INT),
            (s.applicable, INT),
        ]
        if cmp is not None:
            d = cmp.sections[k]
            values += [(r1(d.baseline), SCORE), (delta(d.current, d.baseline), DELTA)]
        rows.add(*values)
    if cmp is not None:
        delta_colours(rows.ws, f"H{header_row + 1}:H{rows.row}")
    chart(rows.ws, header_row, header_row + len(r.sections), [3, 7] if cmp is not None else [3], "D3")
    if r.critical_failures:
        rows.blank()
        rows.add(("Critical failures", HEADING.but(colour="9C0006")))
        rows.add(("Question", HEADER), *[("", HEADER)] * 5, ("Item", HEADER), ("Score", HEADER_NUM), merge=6)
        for ir in r.critical_failures:
            rows.add((ir.item.text, WRAP), *[None] * 5, (ir.item.id, PLAIN), (score100(ir.s), SCORE), merge=6)
    if r.accepted_exceptions:
        rows.blank()
        rows.add(("Accepted exceptions (not counted in the band cap)", HEADING))
        rows.add(("Question and reason", HEADER), *[("", HEADER)] * 5, ("Item", HEADER), ("Score", HEADER_NUM), merge=6)
        for ir in r.accepted_exceptions:
            said = f"{ir.item.text}\nReason: {ir.exception.reason if ir.exception else ''}\n{exception_words(ir)}"
            rows.add((said, WRAP), *[None] * 5, (ir.item.id, PLAIN), (score100(ir.s), SCORE), merge=6)
    # The summary is the workbook's front page: printed on one page while it is of a page's
    # length (a critical failure or two no longer spills onto a nearly empty second page).
    sheet.rows.ws.page_setup.fitToHeight = 1 if sheet.rows.row <= ONE_PAGE_ROWS else 0


def program_summary_sheet(book: Book, p: ProgramResult) -> None:
    c = p.checklist
    bands = band_labels(c)
    clients = sorted({r.audit.client for r in p.audits if r.audit.client})
    dates = sorted(r.audit.date for r in p.audits if r.audit.date)
    title = "Customer experience audit programme"
    sheet = _Summary(book, f"{title} — {clients[0]}" if len(clients) == 1 else title, f"{c.title} {c.version}", bands)
    sheet.rows.blank()
    sheet.fact("Client" if len(clients) <= 1 else "Clients", ("; ".join(clients), PLAIN))
    sheet.fact("Audits", (len(p.audits), LEFT_INT))
    sheet.fact("First audit", (dates[0] if dates else None, DATE))
    sheet.fact("Last audit", (dates[-1] if dates else None, DATE))
    if c.profile is not None:
        sheet.fact("Profile", (c.profile.title, PLAIN))
    sheet.rows.blank()
    s = p.overall
    sheet.headline("Overall mean", s.mean if s else None, band_for(s.mean if s else None, c.bands))
    sheet.fact("Spread (stdev)", (r1(s.stdev) if s else None, SCORE.but(horizontal="left")))
    sheet.fact("Lowest", (r1(s.min) if s else None, SCORE.but(horizontal="left")))
    sheet.fact("Highest", (r1(s.max) if s else None, SCORE.but(horizontal="left")))
    with_crit = sum(1 for r in p.audits if r.critical_failures)
    sheet.fact("Audits with critical failures", (with_crit, RED_BOLD if with_crit else LEFT_INT))
    header_row = sheet.table(
        "Sections (over the audits in which each was assessed)",
        ["Section", "Weight", "Mean", "Band", "Stdev", "Min", "Max", "Assessed in"],
    )
    for section, st in p.sections:
        band = band_for(st.mean if st else None, c.bands)
        sheet.rows.add(
            (section.title, WRAP),
            (section.weight, Look(number_format="0.##")),
            (r1(st.mean) if st else None, SCORE),
            (band or "not assessed", band_look(band, bands, horizontal="center")),
            *[(r1(getattr(st, k)) if st else None, SCORE) for k in ("stdev", "min", "max")],
            (st.n if st else 0, INT),
        )
    chart(sheet.rows.ws, header_row, header_row + len(p.sections), [3, 6, 7], "D3")
