"""The readout deck's slides, drawn with python-pptx from the plain data of
:mod:`cx_audit.report.pptx.deck`: the second of its two steps.

16:9 (13.333 × 7.5 in). Every text box has a fixed font size and no autofit; a text
that would not fit its box is cut at a word with "…" (:mod:`cx_audit.report.pptx.fit`)
and the slide's notes hold it whole. Charts are native chart objects with their data
in an embedded workbook, never pictures. Nothing here reads the clock or a font file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cx_audit.report.html.page import BandKey
from cx_audit.report.pptx import fit
from cx_audit.report.pptx.deck import ChartData, ChartSlide, Deck, Entry, ListSlide, SummarySlide, TableSlide, TitleSlide

WIDTH, HEIGHT = 13.333, 7.5
LEFT = 0.6
INNER = WIDTH - 2 * LEFT
BODY_TOP = 1.55  # below the title and the intro
BODY_BOTTOM = 6.75  # above the footer

INK = "1b2533"
MUTED = "5a6472"
RULE = "d9dee5"
SOFT = "f4f6f9"
# The HTML report's band tones: (colour, tint, ink).
TONES = {
    "tone-1": ("1f7a4d", "d5ecdf", "14532d"),
    "tone-2": ("5b7f1a", "e8f0d2", "4a6b14"),
    "tone-3": ("c27803", "fbeacc", "8a4f00"),
    "tone-4": ("b3261e", "f8d9d6", "9f1f17"),
    "tone-none": ("6b7280", "eceef1", "4b5563"),
}
BASELINE = "a3acb9"
CRITICAL = "b3261e"
# Series that are not bands (roles, sites): after the accent, colours apart from the bands'.
PALETTE = ("7c3aed", "0e7490", "db2777", "ea580c", "475569", "0f766e", "9333ea", "be123c")

TITLE_PT, INTRO_PT, BODY_PT, SMALL_PT, FOOT_PT = 28.0, 14.0, 16.0, 12.0, 10.0


class Painter:
    """Draws one deck's slides into a python-pptx presentation."""

    def __init__(self, deck: Deck) -> None:
        from pptx import Presentation
        from pptx.util import Emu

        self.deck = deck
        self.prs = Presentation()
        self.prs.slide_width = Emu(12192000)  # PowerPoint's own 16:9, 13.333 × 7.5 in
        self.prs.slide_height = Emu(6858000)
        self.blank = self.prs.slide_layouts[6]
        self.accent = deck.accent.lstrip("#").lower()
        self.accent_ink = deck.accent_ink.lstrip("#").lower()
        self.on_accent = deck.on_accent.lstrip("#").lower()
        self.number = 0

    # --- the deck --------------------------------------------------------------------

    def paint(self) -> Any:
        total = len(self.deck.slides)
        for data in self.deck.slides:
            self.number += 1
            slide = self.prs.slides.add_slide(self.blank)
            if isinstance(data, TitleSlide):
                self.title_slide(slide, data)
            else:
                self.frame(slide, data.title, getattr(data, "intro", ""), total)
                if isinstance(data, SummarySlide):
                    self.summary_slide(slide, data)
                elif isinstance(data, ChartSlide):
                    self.chart_slide(slide, data)
                elif isinstance(data, ListSlide):
                    self.list_slide(slide, data)
                else:
                    self.table_slide(slide, data)
            slide.notes_slide.notes_text_frame.text = data.notes
        return self.prs

    # --- shapes ------------------------------------------------------------------------

    def box(self, slide: Any, x: float, y: float, w: float, h: float, fill: str, line: str = "") -> Any:
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(x), Inches(y), Inches(w), Inches(h))
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
        if line:
            shape.line.color.rgb = rgb(line)
            shape.line.width = Pt(0.75)
        else:
            shape.line.fill.background()
        shape.shadow.inherit = False
        return shape

    def text(
        self,
        slide: Any,
        x: float,
        y: float,
        w: float,
        h: float,
        paragraphs: Sequence[tuple[str, float, bool, str]],
        align: str = "left",
        anchor: str = "top",
        shape: Any = None,
    ) -> Any:
        """A text box of paragraphs (text, size, bold, colour); the caller has made them fit."""
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
        from pptx.util import Inches, Pt

        if shape is None:
            shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        tf = shape.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        tf.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
        for k, (content, size, bold, colour) in enumerate(paragraphs):
            p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
            p.alignment = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}[align]
            run = p.add_run()
            run.text = content
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = rgb(colour)
        return shape

    def frame(self, slide: Any, title: str, intro: str, total: int) -> None:
        """The accent rule, the title, the intro line(s) and the footer of a content slide."""
        self.box(slide, 0, 0, WIDTH, 0.12, self.accent)
        heading = self.text(slide, LEFT, 0.38, INNER, 0.55, [(fit.cut(title, INNER, TITLE_PT, 1, True), TITLE_PT, True, INK)])
        heading.name = "Title"
        if intro:
            self.text(slide, LEFT, 0.98, INNER, 0.5, [(fit.cut(intro, INNER, INTRO_PT, 2), INTRO_PT, False, MUTED)])
        foot_w = INNER - 1.2
        self.text(slide, LEFT, 7.02, foot_w, 0.25, [(fit.cut(self.deck.footer, foot_w, FOOT_PT, 1), FOOT_PT, False, MUTED)])
        self.text(slide, WIDTH - LEFT - 1.0, 7.02, 1.0, 0.25, [(f"{self.number} / {total}", FOOT_PT, False, MUTED)], "right")

    # --- slide kinds -------------------------------------------------------------------

    def title_slide(self, slide: Any, d: TitleSlide) -> None:
        colour, tint, ink = TONES.get(d.tone, TONES["tone-none"])
        self.box(slide, 0, 0, WIDTH, 0.3, self.accent)
        left_w = 7.95
        y = 1.0
        if self.deck.logo:
            self.logo(slide, WIDTH - LEFT - 2.6, 0.55, 2.6, 1.0)
        if self.deck.firm:
            self.text(slide, LEFT, 0.55, 6.0, 0.35, [(fit.cut(self.deck.firm, 6.0, 16, 1, True), 16, True, self.accent_ink)])
        y = 1.55
        self.text(slide, LEFT, y, left_w, 0.35, [(fit.cut(d.eyebrow.upper(), left_w, 14, 1, True), 14, True, self.accent_ink)])
        y += 0.45
        # A long name steps down in size before it is cut.
        name_pt = next((pt for pt in (40.0, 32.0, 26.0, 22.0) if fit.fits(d.name, left_w, pt, 2, True)), 22.0)
        lines = min(2, len(fit.wrap(d.name, left_w, name_pt, True)))
        name = fit.cut(d.name, left_w, name_pt, 2, True)
        self.text(slide, LEFT, y, left_w, fit.height(lines, name_pt), [(name, name_pt, True, INK)]).name = "Title"
        y += fit.height(lines, name_pt) + 0.15
        if d.subtitle:
            self.text(slide, LEFT, y, left_w, 0.4, [(fit.cut(d.subtitle, left_w, 20, 1), 20, False, INK)])
            y += 0.55
        self.text(slide, LEFT, y, left_w, 0.6, [(fit.cut(d.checklist, left_w, 14, 2), 14, False, MUTED)])
        if d.prepared_by:
            self.text(slide, LEFT, 6.55, left_w, 0.3, [(fit.cut(d.prepared_by, left_w, 14, 1), 14, False, MUTED)])
        # The score card.
        cx, cw, cy = 8.85, 3.9, 1.9
        self.box(slide, cx, cy, cw, 4.6, SOFT, RULE)
        self.text(slide, cx, cy + 0.25, cw, 0.3, [("Overall score", 14, True, MUTED)], "center")
        self.text(slide, cx, cy + 0.6, cw, 1.0, [(d.score, 60, True, ink)], "center")
        self.text(slide, cx, cy + 1.6, cw, 0.3, [("out of 100", 14, False, MUTED)], "center")
        pill = self.box(slide, cx + 0.5, cy + 2.05, cw - 1.0, 0.5, colour)
        self.text(slide, 0, 0, 0, 0, [(fit.cut(d.band, cw - 1.2, 20, 1, True), 20, True, "ffffff")], "center", "middle", pill)
        y = cy + 2.7
        if d.cap:
            self.text(
                slide, cx + 0.25, y, cw - 0.5, 0.62, [(fit.cut(d.cap, cw - 0.5, 12, 3), 12, False, TONES["tone-4"][2])], "center"
            )
            y += 0.7
        for label, value in d.figures:
            if y > cy + 4.3:
                break
            self.text(slide, cx + 0.3, y, 1.7, 0.26, [(fit.cut(label, 1.7, 12, 1), 12, False, MUTED)])
            self.text(slide, cx + 1.9, y, cw - 2.2, 0.26, [(fit.cut(value, cw - 2.2, 12, 1, True), 12, True, INK)], "right")
            y += 0.3

    def logo(self, slide: Any, x: float, y: float, w: float, h: float) -> None:
        """The firm's logo, as large as fits ``w`` × ``h`` inches, right-aligned."""
        import io

        from PIL import Image
        from pptx.util import Inches

        with Image.open(io.BytesIO(self.deck.logo)) as im:
            pw, ph = im.size
        scale = min(w / pw, h / ph) if pw and ph else 1.0
        lw, lh = pw * scale, ph * scale
        slide.shapes.add_picture(io.BytesIO(self.deck.logo), Inches(x + w - lw), Inches(y), Inches(lw), Inches(lh))

    def summary_slide(self, slide: Any, d: SummarySlide) -> None:
        size = 18.0
        top, cards_top = BODY_TOP - 0.35, 4.75
        room = int((cards_top - 0.2 - top) / fit.height(1, size) - 0.5 * len(d.lead))
        paragraphs = []
        for line in d.lead:
            need = len(fit.wrap(line, INNER, size))
            take = min(need, room)
            if take <= 0:
                break
            paragraphs.append((fit.cut(line, INNER, size, take), size, False, INK))
            room -= take
        shape = self.text(slide, LEFT, top, INNER, cards_top - 0.2 - top, paragraphs)
        from pptx.util import Pt

        for p in shape.text_frame.paragraphs:
            p.space_after = Pt(8)
        w = (INNER - 0.3) / 2
        for k, (title, rows) in enumerate(((d.strongest_title, d.strongest), (d.weakest_title, d.weakest))):
            x = LEFT + k * (w + 0.3)
            self.box(slide, x, cards_top, w, 1.95, SOFT, RULE)
            self.text(slide, x + 0.25, cards_top + 0.18, w - 0.5, 0.3, [(title, 14, True, self.accent_ink)])
            if not rows:
                empty = "No section could be scored." if k == 0 else "Too few sections were scored to compare."
                self.text(slide, x + 0.25, cards_top + 0.6, w - 0.5, 0.3, [(empty, 14, False, MUTED)])
            for j, row in enumerate(rows[:3]):
                yy = cards_top + 0.6 + j * 0.42
                tone = TONES.get(row.tone, TONES["tone-none"])
                self.text(slide, x + 0.25, yy, w - 2.65, 0.3, [(fit.cut(row.title, w - 2.65, 14, 1), 14, False, INK)])
                self.text(slide, x + w - 2.3, yy, 0.7, 0.3, [(row.score, 14, True, INK)], "right")
                self.text(slide, x + w - 1.5, yy + 0.02, 1.35, 0.3, [(fit.cut(row.band, 1.35, 12, 1, True), 12, True, tone[2])])

    def chart_slide(self, slide: Any, d: ChartSlide) -> None:
        side_w = 3.7 if d.side else 0.0
        chart_w = INNER - (side_w + 0.3 if d.side else 0.0)
        key_h = 0.35 if d.key else 0.0
        self.chart(slide, d, LEFT, BODY_TOP, chart_w, BODY_BOTTOM - BODY_TOP - key_h)
        if d.key:
            self.band_key(slide, d.key, LEFT, BODY_BOTTOM - 0.28, chart_w)
        if d.side:
            self.side_list(slide, d.side_title, d.side, LEFT + chart_w + 0.3, BODY_TOP, side_w)

    def chart(self, slide: Any, d: ChartSlide, x: float, y: float, w: float, h: float) -> None:
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
        from pptx.oxml.ns import qn
        from pptx.util import Inches, Pt

        data = CategoryChartData(number_format=d.number_format)  # type: ignore[no-untyped-call]
        data.categories = list(d.chart.categories)
        for s in d.chart.series:
            data.add_series(s.name, list(s.values))  # type: ignore[no-untyped-call]
        kind = {
            "bar": XL_CHART_TYPE.BAR_CLUSTERED,
            "line": XL_CHART_TYPE.LINE_MARKERS,
        }[d.kind]
        frame = slide.shapes.add_chart(kind, Inches(x), Inches(y), Inches(w), Inches(h), data)
        frame.name = d.chart.title[:200]
        chart = frame.chart
        chart.font.size = Pt(12)
        chart.font.color.rgb = rgb(INK)
        if d.kind == "line":
            style_lines(chart, d.chart, self.accent)
        else:
            style_bars(chart, d.chart, self.accent)
        value = chart.value_axis
        value.minimum_scale = 0.0
        if d.max_value is not None:
            value.maximum_scale = d.max_value
        value.major_unit = 20.0
        value.has_major_gridlines = True
        value.major_gridlines.format.line.color.rgb = rgb(RULE)
        value.format.line.fill.background()
        value.tick_labels.font.size = Pt(11)
        value.tick_labels.font.color.rgb = rgb(MUTED)
        value.tick_labels.number_format = "0"
        value.tick_labels.number_format_is_linked = False
        cat = chart.category_axis
        if d.kind == "line":
            date_ticks(cat, d.chart.categories)
        cat.tick_labels.font.size = Pt(12 if len(d.chart.categories) <= 12 else 10)
        cat.format.line.color.rgb = rgb(RULE)
        if d.kind == "bar":
            from pptx.enum.chart import XL_AXIS_CROSSES

            cat.reverse_order = True  # the first section on top, as in the report
            cat.crosses = XL_AXIS_CROSSES.MAXIMUM  # the value axis at the last category (PowerPoint: the bottom)
        skip = cat._element.find(qn("c:tickLblSkip"))
        if skip is None and d.kind != "line":  # every category's label, never every other one
            skip = cat._element.makeelement(qn("c:tickLblSkip"), {})
            no_multi = cat._element.find(qn("c:noMultiLvlLbl"))
            if no_multi is not None:
                no_multi.addprevious(skip)
            else:
                cat._element.append(skip)
        if skip is not None:
            skip.set("val", "1")
        chart.has_title = False
        chart.has_legend = len(d.chart.series) > 1 or d.kind == "line"
        if d.kind == "bar":
            labels = max(fit.text_width(str(c), 12) for c in d.chart.categories) / fit.SAFETY + 0.25
            inner_plot(chart, x=min(labels, 0.4 * w) / w, y=0.07, right=0.6 / w, bottom=0.12 if chart.has_legend else 0.03)
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
            chart.legend.font.size = Pt(12)

    def band_key(self, slide: Any, key: Sequence[BandKey], x: float, y: float, w: float) -> None:
        """The bands' colours in one line: ■ Leading 85 and above  ■ Established 70 to 84.9 …"""
        from pptx.util import Pt

        shape = self.text(slide, x, y, w, 0.28, [("Bands: ", 11, True, MUTED)])
        p = shape.text_frame.paragraphs[0]
        for b in key:
            mark = p.add_run()
            mark.text = "■ "
            mark.font.size = Pt(11)
            mark.font.color.rgb = rgb(TONES.get(b.tone, TONES["tone-none"])[0])
            label = p.add_run()
            label.text = f"{b.label} {b.range}    "
            label.font.size = Pt(11)
            label.font.color.rgb = rgb(MUTED)

    def side_list(self, slide: Any, title: str, entries: Sequence[Entry], x: float, y: float, w: float) -> None:
        self.text(slide, x, y, w, 0.35, [(fit.cut(title, w, 16, 1, True), 16, True, self.accent_ink)])
        y += 0.5
        fig_w = 0.9
        text_w = w - fig_w - 0.1
        for e in entries:
            if y > BODY_BOTTOM - 0.8:
                break
            head = fit.cut(e.heading, text_w, 14, 2, True)
            lines = len(fit.wrap(head, text_w, 14, True))
            self.text(slide, x, y, text_w, fit.height(lines, 14), [(head, 14, True, INK)])
            yy = y + fit.height(lines, 14) + 0.04
            for line in e.detail:
                self.text(slide, x, yy, text_w, 0.4, [(fit.cut(line, text_w, SMALL_PT, 2), SMALL_PT, False, MUTED)])
                yy += fit.height(len(fit.wrap(fit.cut(line, text_w, SMALL_PT, 2), text_w, SMALL_PT)), SMALL_PT)
            self.text(
                slide, x + w - fig_w, y, fig_w, 0.4, [(e.figure, 20, True, INK), (e.figure_label, 10, False, MUTED)], "right"
            )
            y = max(yy, y + 0.75) + 0.25
            self.box(slide, x, y - 0.14, w, 0.01, RULE)

    def list_slide(self, slide: Any, d: ListSlide) -> None:
        bottom = BODY_BOTTOM - (0.45 if d.footnote else 0.0)
        n = max(len(d.entries), 3)
        slot = (bottom - BODY_TOP) / n
        tag_w, fig_w = 0.55, 1.3
        text_x = LEFT + tag_w + 0.25
        text_w = INNER - tag_w - 0.25 - fig_w - 0.2
        for k, e in enumerate(d.entries):
            y = BODY_TOP + k * slot
            detail_lines = len(e.detail)
            room = slot - 0.12 - fit.height(detail_lines, SMALL_PT) - 0.05
            head_lines = max(1, min(6, int(room / fit.height(1, BODY_PT))))
            head = fit.cut(e.heading, text_w, BODY_PT, head_lines)
            used = len(fit.wrap(head, text_w, BODY_PT))
            colour = CRITICAL if e.tone == "critical" else self.accent
            from pptx.enum.shapes import MSO_SHAPE
            from pptx.util import Inches

            disc = slide.shapes.add_shape(MSO_SHAPE.OVAL, Inches(LEFT), Inches(y + 0.02), Inches(tag_w), Inches(tag_w))
            disc.fill.solid()
            disc.fill.fore_color.rgb = rgb(colour)
            disc.line.fill.background()
            disc.shadow.inherit = False
            on = "ffffff" if e.tone == "critical" else self.on_accent
            tag_pt = 16.0 if len(e.tag) <= 2 else 9.0
            self.text(
                slide, 0, 0, 0, 0, [(fit.cut(e.tag, tag_w - 0.05, tag_pt, 1, True), tag_pt, True, on)], "center", "middle", disc
            )
            self.text(slide, text_x, y, text_w, fit.height(used, BODY_PT), [(head, BODY_PT, False, INK)])
            yy = y + fit.height(used, BODY_PT) + 0.05
            for line in e.detail:
                self.text(slide, text_x, yy, text_w, 0.25, [(fit.cut(line, text_w, SMALL_PT, 1), SMALL_PT, False, MUTED)])
                yy += fit.height(1, SMALL_PT)
            if e.figure:
                self.text(
                    slide, WIDTH - LEFT - fig_w, y, fig_w, 0.7,
                    [(e.figure, 24, True, INK), (e.figure_label, 11, False, MUTED)], "right",
                )  # fmt: skip
        if d.footnote:
            self.text(slide, LEFT, bottom + 0.1, INNER, 0.35, [(fit.cut(d.footnote, INNER, 14, 1), 14, False, INK)])

    def table_slide(self, slide: Any, d: TableSlide) -> None:
        from pptx.util import Inches

        foot_lines = min(3, len(fit.wrap(d.footnote, INNER, 12))) if d.footnote else 0
        bottom = BODY_BOTTOM - (fit.height(foot_lines, 12) + 0.2 if d.footnote else 0.0) - (0.35 if d.key else 0.0)
        n = len(d.rows) + 1
        size = 14.0 if n <= 5 else (12.0 if n <= 12 else 11.0)
        pad, vpad = 0.08, 0.04
        col_w = column_widths(d, size, pad)
        line = fit.height(1, size)
        # Each row as tall as its longest cell needs, up to three lines, within the room there is.
        extra = 2 * vpad + 0.04
        head_h = line + extra
        most = max(1, min(3, int(((bottom - BODY_TOP - head_h) / max(n - 1, 1) - extra) / line)))
        texts = [
            [fit.cut(cell.text, col_w[j] - 2 * pad, size, most, cell.bold) if cell.text else "" for j, cell in enumerate(row)]
            for row in d.rows
        ]
        needs = [
            max(lines_of(t, col_w[j] - 2 * pad, size, cell.bold) for j, (t, cell) in enumerate(zip(ts, row, strict=True)))
            for ts, row in zip(texts, d.rows, strict=True)
        ]  # fmt: skip
        heights = [head_h, *(max(0.34, k * line + extra) for k in needs)]
        shape = slide.shapes.add_table(n, len(d.columns), Inches(LEFT), Inches(BODY_TOP), Inches(INNER), Inches(sum(heights)))
        table = shape.table
        table.first_row = True
        table.horz_banding = False
        for j, w in enumerate(col_w):
            table.columns[j].width = Inches(w)
        for i, h in enumerate(heights):
            table.rows[i].height = Inches(h)
        for j, c in enumerate(d.columns):
            head = fit.cut(c.head, col_w[j] - 2 * pad, size, 1, True)
            self.cell(table.cell(0, j), head, size, True, self.on_accent, self.accent, c.numeric)
        for i, row in enumerate(d.rows, 1):
            for j, (c, cell) in enumerate(zip(d.columns, row, strict=True)):
                fill, ink = ("ffffff", INK)
                if cell.tone:
                    _, tint, tone_ink = TONES.get(cell.tone, TONES["tone-none"])
                    fill, ink = tint, tone_ink
                self.cell(table.cell(i, j), texts[i - 1][j], size, cell.bold, ink, fill, c.numeric)
        for i in range(n):
            for j in range(len(d.columns)):
                tc = table.cell(i, j)
                tc.margin_left = tc.margin_right = Inches(pad)
                tc.margin_top = tc.margin_bottom = Inches(vpad)
        y = BODY_TOP + sum(heights) + 0.12
        if d.footnote:
            foot = fit.cut(d.footnote, INNER, 12, 3)
            lines = len(fit.wrap(foot, INNER, 12))
            self.text(slide, LEFT, y, INNER, fit.height(lines, 12), [(foot, 12, False, MUTED)])
            y += fit.height(lines, 12) + 0.1
        if d.key:
            self.band_key(slide, d.key, LEFT, y, INNER)

    def cell(self, cell: Any, text: str, size: float, bold: bool, ink: str, fill: str, numeric: bool) -> None:
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
        from pptx.util import Pt

        cell.fill.solid()
        cell.fill.fore_color.rgb = rgb(fill)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        tf = cell.text_frame
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT
        run = p.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = rgb(ink)


def date_ticks(axis: Any, dates: Sequence[object]) -> None:
    """A date axis with a tick every few months (a tick a day runs the labels together)."""
    import datetime as dt

    from pptx.oxml.ns import qn

    axis.tick_labels.number_format = "mmm yyyy"
    axis.tick_labels.number_format_is_linked = False
    days = [x for x in dates if isinstance(x, dt.date)]
    if len(days) < 2:
        return
    months = (days[-1].year - days[0].year) * 12 + days[-1].month - days[0].month
    step = next((n for n in (1, 2, 3, 6, 12, 24, 60) if months / n <= 8), 120)
    el = axis._element
    for tag in ("c:baseTimeUnit", "c:majorUnit", "c:majorTimeUnit"):
        found = el.find(qn(tag))
        if found is not None:
            el.remove(found)
    anchor = el.find(qn("c:lblOffset"))
    new = [("c:baseTimeUnit", "days"), ("c:majorUnit", str(step)), ("c:majorTimeUnit", "months")]
    for tag, val in reversed(new):
        item = el.makeelement(qn(tag), {"val": val})
        if anchor is not None:
            anchor.addnext(item)
        else:
            el.append(item)


def inner_plot(chart: Any, x: float, y: float, right: float, bottom: float) -> None:
    """Place the plot area (without its axis labels) by hand, as fractions of the chart:
    room on the left for the categories' names on one line, which renderers otherwise
    wrap and then leave out every other one."""
    from pptx.oxml.ns import qn

    plot_area = chart._chartSpace.chart.plotArea
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    layout = plot_area.makeelement(qn("c:layout"), {})
    manual = plot_area.makeelement(qn("c:manualLayout"), {})
    layout.append(manual)
    for tag, word in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge")):
        manual.append(plot_area.makeelement(qn(f"c:{tag}"), {"val": word}))
    for tag, share in (("x", x), ("y", y), ("w", 1 - x - right), ("h", 1 - y - bottom)):
        manual.append(plot_area.makeelement(qn(f"c:{tag}"), {"val": f"{share:.4f}"}))
    plot_area.insert(0, layout)


def lines_of(text: str, width: float, size: float, bold: bool) -> int:
    return len(fit.wrap(text, width, size, bold)) if text else 1


def column_widths(d: TableSlide, size: float, pad: float) -> list[float]:
    """Short columns (``wrap=False``) as wide as their widest text; the others share the rest by weight."""
    fixed = {}
    for j, c in enumerate(d.columns):
        if not c.wrap:
            texts = [(c.head, True)] + [(row[j].text, row[j].bold) for row in d.rows]
            widest = max(fit.text_width(t, size, bold) for t, bold in texts)
            fixed[j] = widest / fit.SAFETY + 2 * pad + 0.05
    rest = INNER - sum(fixed.values())
    weights = sum(c.weight for j, c in enumerate(d.columns) if j not in fixed) or 1.0
    return [fixed[j] if j in fixed else rest * c.weight / weights for j, c in enumerate(d.columns)]


def style_lines(chart: Any, data: ChartData, accent: str) -> None:
    """One line per series, with markers, joined across the dates a series has no visit on;
    values written beside the points while there are few."""
    from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
    from pptx.util import Pt

    plot = chart.plots[0]
    blanks = chart._chartSpace.chart.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}dispBlanksAs")
    if blanks is not None:
        blanks.set("val", "span")
    colours = (accent, *PALETTE)
    points = sum(1 for s in data.series for v in s.values if v is not None)
    for k, series in enumerate(plot.series):
        colour = rgb(colours[k % len(colours)])
        series.smooth = False
        series.format.line.color.rgb = colour
        series.format.line.width = Pt(2.5)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 8
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = colour
        series.marker.format.line.color.rgb = colour
        if points <= 24:
            labels = series.data_labels
            labels.show_value = True
            labels.number_format = "0.0"
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.ABOVE
            labels.font.size = Pt(11)
            labels.font.color.rgb = colour


def style_bars(chart: Any, data: ChartData, accent: str) -> None:
    """Bars coloured by band (the current series), grey for the baseline, a palette for roles;
    values written on the bars, to one decimal."""
    from pptx.enum.chart import XL_LABEL_POSITION
    from pptx.util import Pt

    plot = chart.plots[0]
    plot.gap_width = 45 if len(data.series) > 1 else 60
    plot.overlap = -5 if len(data.series) > 1 else 0
    others = (accent, *PALETTE)
    k_other = 0
    for series, s in zip(plot.series, data.series, strict=True):
        series.invert_if_negative = False
        fill = series.format.fill
        fill.solid()
        if s.role == "baseline":
            fill.fore_color.rgb = rgb(BASELINE)
        elif s.role == "other":
            fill.fore_color.rgb = rgb(others[k_other % len(others)])
            k_other += 1
        else:
            fill.fore_color.rgb = rgb(accent)
            for k, tone in enumerate(s.tones):
                point = series.points[k].format.fill
                point.solid()
                point.fore_color.rgb = rgb(TONES.get(tone, TONES["tone-none"])[0])
        labels = series.data_labels
        labels.show_value = True
        labels.number_format = "0.0"
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size = Pt(10 if len(data.series) > 2 else 11)
        labels.font.color.rgb = rgb(INK if s.role != "baseline" else MUTED)


def rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())  # type: ignore[no-untyped-call]
