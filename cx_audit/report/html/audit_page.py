"""The HTML report's page for one audit, with the changes since a baseline when given."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from cx_audit import __version__
from cx_audit.files.branding import Branding
from cx_audit.model import Checklist
from cx_audit.report.evidence import evidence_views
from cx_audit.report.html import charts
from cx_audit.report.html.followup_view import followup_rows
from cx_audit.report.html.page import (
    TOP_ACTIONS,
    ActionView,
    ChangeRow,
    ComparisonView,
    Fact,
    Headline,
    ItemView,
    Page,
    PageKind,
    SectionRow,
    SectionView,
    Summary,
    accepted_views,
    band_keys,
    brand_of,
    checklist_fact,
    first_sentence,
    gauge,
    item_ref,
    number_parts,
    profile_facts,
    roadmap,
    scale_key,
    strongest_weakest,
)
from cx_audit.scoring.audit import AuditResult, ItemResult, SectionResult, Status

if TYPE_CHECKING:
    from cx_audit.report.html.voices import VoicesView
from cx_audit.scoring.compare import Comparison
from cx_audit.scoring.rounding import EPS, shown
from cx_audit.wording import (
    AUDIT_REPORT_TITLE,
    STATUS_LABELS,
    Tones,
    accepted_note,
    answer_text,
    band_words,
    cap_note,
    cap_reason,
    condition_text,
    count,
    edition_lines,
    exception_words,
    join_words,
    long_date,
    make_delta,
    num,
    plural,
    spelled,
    top_phrase,
)

MOST = 10  # since the last visit: the items that improved or fell most, ten each at most


def item_view(r: ItemResult, checklist: Checklist, result: AuditResult | None = None) -> ItemView:
    item = r.item
    verdict, css = "", "none"
    if r.s is not None:
        if r.critical_failure:
            verdict, css = ("Critical failure, accepted exception" if r.accepted else "Critical failure"), "critical"
        elif r.failed:
            verdict, css = "Below standard", "fail"
        elif r.s < 1.0:
            verdict, css = "Partly met", "partial"
        else:
            verdict, css = "Met in full", "met"
    condition = ""
    if r.status == Status.not_applicable and item.id in checklist.excluded and checklist.profile is not None:
        condition = f"Left out by the {checklist.profile.title} profile."
    elif r.status == Status.not_applicable and item.when is not None:
        condition = f"Asked only when {condition_text(item.when, checklist)}."
    answer = answer_text(r)
    carried = r.answer.extra.get("carried") if r.answer is not None else None
    if carried is not None and answer:  # `run --from`: not confirmed at this visit yet
        answer += f" (carried from the visit of {carried}, not confirmed)"
    responses = ""
    notes: tuple[Fact, ...] = ()
    voices = result.voices if result is not None else None
    if result is not None and voices is not None and (item.id in voices.spreads or item.id in voices.notes):
        from cx_audit.report.html.voices import spread_text, voice_notes

        spread = voices.spreads.get(item.id)
        responses = spread_text(spread) if spread is not None else ""
        notes = voice_notes(result, item.id)
        answer = answer or "no answer of the auditor's own"
    return ItemView(
        id=item.id,
        anchor=f"item-{item.id}",
        text=item.text,
        critical=item.critical,
        status=r.status,
        status_label=STATUS_LABELS[r.status],
        answer=answer,
        score=num(100.0 * r.s) if r.s is not None else "",
        verdict=verdict,
        verdict_css=css,
        points_lost=num(r.points_lost) if r.points_lost is not None and r.points_lost > EPS else "",
        note=r.answer.note if r.answer is not None else "",
        guidance=item.guidance,
        recommendation=r.recommendation if r.failed else "",
        condition=condition,
        evidence=evidence_views(r.answer.evidence) if r.answer is not None and r.answer.evidence else (),
        responses=responses,
        voice_notes=notes,
        exception=f"{r.exception.reason} {exception_words(r)}." if r.exception is not None else "",
    )


def section_summary(s: SectionResult) -> str:
    parts = [plural(s.applicable, "applicable item")]
    failed = sum(1 for r in s.items if r.failed)
    na = sum(1 for r in s.items if r.status == Status.na)
    open_ = sum(1 for r in s.items if r.status == Status.unanswered)
    skipped = sum(1 for r in s.items if r.status == Status.not_applicable)
    if failed:
        parts.append(f"{count(failed)} below standard")
    if na:
        parts.append(f"{count(na)} N/A")
    if open_:
        parts.append(f"{count(open_)} not answered")
    if skipped:
        parts.append(f"{count(skipped)} not applicable")
    return " · ".join(parts)


def action_views(result: AuditResult, linked: bool = True) -> tuple[ActionView, ...]:
    """The action plan, each action with its horizon and its tracking (owner, due, status)."""
    from cx_audit.files.actions import STATUS_LABELS
    from cx_audit.scoring.roadmap import audit_horizons

    sections = {s.id: s.title for s in result.checklist.sections}
    tracking = result.audit.actions
    views = []
    for i, (r, h) in enumerate(zip(result.actions, audit_horizons(result), strict=True), 1):
        t = tracking.get(r.item.id)
        views.append(
            ActionView(
                rank=i,
                item_id=r.item.id,
                anchor=f"item-{r.item.id}" if linked else "",
                text=r.item.text,
                section=sections.get(r.item.section, ""),
                points=num(r.points_lost),
                recommendation=r.recommendation,
                critical=r.critical_failure,
                reach="",
                horizon=h.value,
                first=first_sentence(r.recommendation),
                owner=t.owner if t is not None else "",
                due=long_date(t.due) if t is not None and t.due else "",
                status=STATUS_LABELS[t.status] if t is not None else "",
                accepted=r.accepted,
            )
        )
    return tuple(views)


def draft_line(r: AuditResult) -> str:
    """Below 100 % completeness: 'Draft: 30 of 75 items answered', else ''."""
    if r.completeness >= 100.0:
        return ""
    answered = sum(s.answered for s in r.sections)
    applicable = sum(s.applicable for s in r.sections)
    return f"Draft: {count(answered)} of {count(applicable)} items answered"


def completeness_pair(current: AuditResult, baseline: AuditResult) -> str:
    """How complete each audit of a comparison is: 'this audit is 40.0% complete, the baseline 100.0%'."""
    return f"this audit is {num(current.completeness)}% complete, the baseline {num(baseline.completeness)}%"


def half_answered(s: SectionResult) -> bool:
    """A section may be named strongest or weakest only with at least half its applicable items answered."""
    return 2 * s.answered >= s.applicable


class AuditPage:
    def __init__(self, result: AuditResult, comparison: Comparison | None, brand: Branding, appendix: bool = True) -> None:
        self.r = result
        self.c = comparison
        self.brand = brand
        self.checklist = result.checklist
        self.tones = Tones(self.checklist.bands)
        self.appendix = appendix  # the findings item by item are on the page: items can be linked to

    def anchor(self, item_id: str) -> str:
        return f"item-{item_id}" if self.appendix else ""

    def build(self) -> Page:
        r, c, checklist = self.r, self.c, self.checklist
        a = r.audit
        rows = self.section_rows()
        actions = action_views(r, self.appendix)
        strongest, weakest = strongest_weakest(rows, [s.score if half_answered(s) else None for s in r.sections])
        top = actions[:TOP_ACTIONS]
        gain = math.fsum(x.points_lost or 0.0 for x in r.actions[:TOP_ACTIONS])
        summary = Summary(
            lead=self.lead(),
            strongest=strongest,
            weakest=weakest,
            critical=tuple(item_ref(x.item, checklist, r, self.appendix) for x in r.critical_failures),
            actions=top,
            actions_gain=num(gain) if top else "",
            actions_phrase=top_phrase(len(actions[:TOP_ACTIONS])),
            actions_total=spelled(len(actions), "in all", "in all"),
            accepted=accepted_views(r, checklist),
        )
        labels = [s.section.title for s in r.sections]
        series = [charts.SeriesInput(self.series_name(r, "This audit"), tuple(s.score for s in r.sections), "current")]
        if c is not None:
            series.append(
                charts.SeriesInput(self.series_name(c.baseline, "Baseline"), tuple(d.baseline for d in c.sections), "baseline")
            )
        chart = charts.section_chart(
            "chart-sections", f"Section scores out of 100 for {a.client or 'this audit'}", labels, series
        )
        sections = tuple(
            SectionView(row, s.section.description, tuple(item_view(i, checklist, r) for i in s.items), section_summary(s))
            for row, s in zip(rows, r.sections, strict=True)
        )
        if not self.appendix:
            sections = ()
        # The body, then the appendix. A benchmark part ("How you compare") goes after
        # the comparison and before the action plan.
        parts = number_parts(
            ("summary", "Executive summary"),
            ("scores", "Scores by section"),
            ("voices", "Voices: how each role sees it") if r.voices is not None else None,
            ("comparison", "Progress since the baseline") if c is not None else None,
            ("actions", "Action plan: the roadmap"),
            ("findings", "Findings item by item") if self.appendix else None,
            ("about", "About this report"),
        )
        return Page(
            kind=PageKind.audit,
            parts=parts,
            lang="en",
            doc_title=" — ".join(x for x in (a.client, a.site, f"{checklist.title} audit report") if x),
            eyebrow=AUDIT_REPORT_TITLE,
            h1=a.client or checklist.title,
            subtitle=" · ".join(x for x in (a.site, long_date(a.date) if a.date else "") if x),
            brand=brand_of(self.brand),
            facts=self.facts(),
            headline=self.headline(),
            summary=summary,
            chart=chart,
            section_rows=rows,
            actions=actions,
            sections=sections,
            comparison=self.comparison_view() if c is not None else None,
            program=None,
            bands=band_keys(checklist, self.tones),
            scale=scale_key(checklist),
            checklist_title=checklist.title,
            checklist_description=checklist.description,
            generator=f"cx-audit {__version__}",
            footer=self.footer(),
            voices=self.voices(),
            roadmap=roadmap(actions, [x.points_lost or 0.0 for x in r.actions]),
            draft=draft_line(r),
            appendix=self.appendix,
        )

    def voices(self) -> VoicesView | None:
        if self.r.voices is None:
            return None
        from cx_audit.report.html.voices import voices_view

        return voices_view(self.r, self.tones, self.appendix)

    @staticmethod
    def series_name(r: AuditResult, what: str) -> str:
        return f"{what} ({r.audit.date.isoformat()})" if r.audit.date else what

    def footer(self) -> str:
        a = self.r.audit
        who = self.brand.firm or a.auditor
        parts = [x for x in (a.client, a.site, long_date(a.date) if a.date else "") if x]
        return " · ".join(parts + ([f"Prepared by {who}"] if who else []))

    def facts(self) -> tuple[Fact, ...]:
        a = self.r.audit
        facts = [Fact("Client", a.client or "—")]
        if a.site:
            facts.append(Fact("Site", a.site))
        facts += [
            Fact(
                "Auditor",
                f"{a.auditor}, {self.brand.firm}" if a.auditor and self.brand.firm else (a.auditor or self.brand.firm or "—"),
            ),
            Fact("Audit date", long_date(a.date)),
            checklist_fact(self.checklist),
            *profile_facts(self.checklist),
        ]
        if self.c is not None:
            b = self.c.baseline.audit
            facts.append(
                Fact("Compared with", f"baseline audit of {long_date(b.date)}" + (f" ({b.auditor})" if b.auditor else ""))
            )
        return tuple(facts)

    def headline(self) -> Headline:
        r = self.r
        scored = sum(1 for i in r.items if i.status == Status.scored)
        applicable = sum(1 for i in r.items if i.applicable)
        figures = (
            Fact("Critical failures", count(len(r.critical_failures))),
            Fact("Items scored", f"{count(scored)} of {count(applicable)}"),
            Fact("Actions in the plan", count(len(r.actions))),
        )
        base = self.c.baseline.overall if self.c is not None else None
        band = r.band or "Not assessed"
        return Headline(
            score=num(r.overall),
            band=f"{band} (provisional)" if r.band and draft_line(r) else band,
            tone=self.tones(r.band),
            completeness=num(r.completeness),
            completeness_width=f"{shown(r.completeness):.1f}%",
            figures=figures,
            delta=make_delta(r.overall, base) if self.c is not None else None,
            baseline=num(base) if self.c is not None else "",
            gauge=gauge(r.overall),
            cap_note=cap_note(r),
            cap=cap_reason(r),
        )

    def section_rows(self) -> tuple[SectionRow, ...]:
        rows = []
        deltas = self.c.sections if self.c is not None else None
        for k, s in enumerate(self.r.sections):
            base = deltas[k].baseline if deltas is not None else None
            rows.append(
                SectionRow(
                    number=k + 1,
                    anchor=f"section-{s.section.id}" if self.appendix else "",
                    title=s.section.title,
                    weight=f"{s.section.weight:g}",
                    score=num(s.score),
                    band=s.band or "Not assessed",
                    tone=self.tones(s.band),
                    answered=f"{count(s.answered)} of {count(s.applicable)}",
                    baseline=num(base) if deltas is not None else "",
                    delta=make_delta(s.score, base) if deltas is not None else None,
                )
            )
        return tuple(rows)

    def lead(self) -> tuple[str, ...]:
        r, c = self.r, self.c
        who = r.audit.client or "The business"
        if r.overall is None:
            first = f"{who} could not be given an overall score: no section had a scored answer."
        else:
            first = f"{who} scores {num(r.overall)} out of 100 overall, in the {r.band} band."
            if r.capped:
                first = first[:-1] + f" ({cap_reason(r)}; the score alone earns {r.band_by_score})."
            if draft := draft_line(r):
                first = first[:-1] + f", provisional: this is a draft, {draft[len('Draft: ') :]}."
        if c is not None and (d := make_delta(r.overall, c.baseline.overall)) is not None:
            first += f" That is {d.words} on the baseline audit of {long_date(c.baseline.audit.date)}."
            if r.completeness < 100 or c.baseline.completeness < 100:
                first = first[:-1] + f" ({completeness_pair(r, c.baseline)})."
        lines = [first]
        n = len(r.critical_failures)
        if n:
            ids = join_words([x.item.id for x in r.critical_failures])
            lines.append(
                f"{spelled(n, 'critical failure').capitalize()} ({ids}) {'needs' if n == 1 else 'need'} attention first: "
                f"{'on its own it is' if n == 1 else 'each on its own is'} enough to lose customers."
            )
        elif not r.accepted_exceptions:
            lines.append("There are no critical failures.")
        if r.accepted_exceptions:
            lines.append(
                f"{accepted_note(r)} The client accepted {'it' if len(r.accepted_exceptions) == 1 else 'them'}, "
                "with the reason, approver and expiry listed with the critical failures."
            )
        if r.completeness < 100:
            lines.append(f"The audit is {num(r.completeness)}% complete; unanswered items are not counted in any score.")
        if r.voices is not None:
            from cx_audit.report.html.voices import gap_sentence

            lines += gap_sentence(r.voices)
        return tuple(lines)

    def comparison_view(self) -> ComparisonView:
        c = self.c
        assert c is not None
        checklist = self.checklist
        sections = {s.id: s.title for s in checklist.sections}
        b = c.baseline.audit
        changes = []
        for ch in c.changed:
            d = make_delta(100 * ch.current, 100 * ch.baseline)
            assert d is not None
            changes.append(
                (ch, ChangeRow(ch.item.id, self.anchor(ch.item.id), ch.item.text, sections.get(ch.item.section, ""),
                               num(100 * ch.baseline), num(100 * ch.current), d))
            )  # fmt: skip
        improved = [row for ch, row in sorted(changes, key=lambda p: (-(p[0].current - p[0].baseline), p[0].item.index))
                    if ch.change == "improved"]  # fmt: skip
        regressed = [row for ch, row in sorted(changes, key=lambda p: (p[0].current - p[0].baseline, p[0].item.index))
                     if ch.change == "regressed"]  # fmt: skip
        followup, followup_more = followup_rows(c, self.appendix, MOST)
        od = make_delta(c.current.overall, c.baseline.overall)
        if c.regression:
            why = []
            if c.new_critical:
                why.append(plural(len(c.new_critical), "new critical failure"))
            if od is not None and od.css == "down":
                why.append(f"the overall score is {od.words}")
            verdict = "Regression since the baseline: " + join_words(why) + "."
        else:
            verdict = "No regression since the baseline" + (f": the overall score is {od.words}." if od else ".")
        facts: tuple[Fact, ...] = (
            Fact("Baseline date", long_date(b.date)),
            Fact("Baseline auditor", b.auditor or "—"),
            Fact("Baseline overall", f"{num(c.baseline.overall)} ({band_words(c.baseline)})"),
        ) + tuple(Fact(title, text) for title, text in edition_lines(c))
        if c.current.completeness < 100 or c.baseline.completeness < 100:
            facts += (
                Fact("Completeness", f"this audit {num(c.current.completeness)}%, the baseline {num(c.baseline.completeness)}%"),
            )
        return ComparisonView(
            baseline_facts=facts,
            baseline_name=f"the baseline audit of {long_date(b.date)}",
            overall_baseline=num(c.baseline.overall),
            overall_current=num(c.current.overall),
            overall_delta=od,
            regression=c.regression,
            verdict=verdict,
            improved=tuple(improved[:MOST]),
            regressed=tuple(regressed[:MOST]),
            improved_more=len(improved[MOST:]),
            regressed_more=len(regressed[MOST:]),
            only_baseline=tuple(item_ref(i, checklist, c.current, self.appendix) for i in c.only_in_baseline),
            only_current=tuple(item_ref(i, checklist, c.current, self.appendix) for i in c.only_in_current),
            not_assessed=tuple(s.title for s in c.became_not_assessed),
            new_critical=tuple(item_ref(i, checklist, c.current, self.appendix) for i in c.new_critical),
            resolved_critical=tuple(item_ref(i, checklist, c.current, self.appendix) for i in c.resolved_critical),
            followup=followup,
            followup_more=followup_more,
        )
