"""The HTML report's page for a program: several audits of one checklist, as aggregates."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from cx_audit import __version__
from cx_audit.files.branding import Branding
from cx_audit.report.html import charts
from cx_audit.report.html.page import (
    TOP_ACTIONS,
    ActionView,
    Cell,
    CriticalCount,
    Fact,
    Headline,
    Page,
    PageKind,
    ProgramView,
    SectionRow,
    SiteRow,
    SpreadView,
    Summary,
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
from cx_audit.scoring.program import ProgramResult, Stats
from cx_audit.scoring.roadmap import program_horizons
from cx_audit.scoring.rounding import band_for, shown
from cx_audit.wording import Tones, cap_reason, count, join_words, long_date, num, plural, spelled, top_phrase


class ProgramPage:
    def __init__(self, program: ProgramResult, brand: Branding) -> None:
        self.p = program
        self.brand = brand
        self.checklist = program.checklist
        self.tones = Tones(self.checklist.bands)

    def build(self) -> Page:
        p, checklist = self.p, self.checklist
        audits = p.audits
        n = len(audits)
        columns = self.columns()
        sites, fails, crit_counts, completeness = self.walk(columns)
        spread = tuple(self.spread_view(k + 1, s.title, st) for k, (s, st) in enumerate(p.sections))
        inconsistent = self.least_consistent(spread, [st for _, st in p.sections])
        spread = tuple(replace(v, inconsistent=v in inconsistent) for v in spread)
        inconsistent = tuple(v for v in spread if v.inconsistent)
        overall = self.spread_view(0, "Overall", p.overall)
        sections = {s.id: s.title for s, _ in p.sections}
        actions = tuple(
            ActionView(
                rank=i,
                item_id=a.item.id,
                anchor="",
                text=a.item.text,
                section=sections.get(a.item.section, ""),
                points=num(a.mean_points_lost),
                recommendation=a.item.recommendation,
                critical=a.item.critical,
                reach=f"below standard at {count(fails.get(a.item.id, 0))} of {count(a.audits)} audits",
                horizon=h.value,
                first=first_sentence(a.item.recommendation),
            )
            for i, (a, h) in enumerate(zip(p.actions, program_horizons(p), strict=True), 1)
        )
        with_scores = [(r.overall, k) for k, r in enumerate(audits) if r.overall is not None]
        take = min(5, len(with_scores) // 2) if len(with_scores) > 1 else 0
        lowest = tuple(sites[k] for _, k in sorted(with_scores, key=lambda x: (shown(x[0]), x[1]))[:take])
        highest = tuple(sites[k] for _, k in sorted(with_scores, key=lambda x: (-shown(x[0]), x[1]))[:take])
        critical = tuple(
            CriticalCount(item_ref(item, checklist, linked=False), f"{count(crit_counts[item.id])} of {count(n)} audits")
            for item in p.items
            if crit_counts.get(item.id)
        )
        audits_with_critical = sum(1 for r in audits if r.critical_failures)
        program = ProgramView(
            columns=columns,
            sites=tuple(sites),
            overall=overall,
            spread=spread,
            spread_chart=charts.spread(
                "chart-spread",
                "Spread of section scores across the audits",
                [
                    charts.SpreadInput(s.title, st.mean, st.stdev, st.min, st.max, v.inconsistent)
                    if st
                    else charts.SpreadInput(s.title, None, None, None, None)
                    for (s, st), v in zip(p.sections, spread, strict=True)
                ],
            ),  # fmt: skip
            inconsistent=inconsistent,
            lowest=lowest,
            highest=highest,
            critical=critical,
            audits_with_critical=f"{count(audits_with_critical)} of {count(n)}",
        )
        means = [st.mean if st else None for _, st in p.sections]
        strongest, weakest = strongest_weakest(columns, means)
        gain = math.fsum(a.mean_points_lost for a in p.actions[:TOP_ACTIONS])
        summary = Summary(
            lead=self.lead(audits_with_critical, inconsistent),
            strongest=strongest,
            weakest=weakest,
            critical=tuple(c.ref for c in critical),
            actions=actions[:TOP_ACTIONS],
            actions_gain=num(gain) if actions else "",
            actions_phrase=top_phrase(len(actions[:TOP_ACTIONS])),
            actions_total=spelled(len(actions), "in all", "in all"),
        )
        chart = charts.section_chart(
            "chart-sections",
            "Mean section scores out of 100 across the audits",
            [s.title for s, _ in p.sections],
            [charts.SeriesInput("Mean of the audits", tuple(means), "current")],
        )
        mean_completeness = math.fsum(completeness) / n
        mean = p.overall.mean if p.overall else None
        band = band_for(mean, checklist.bands)
        headline = Headline(
            score=num(mean),
            band=band or "Not assessed",
            tone=self.tones(band),
            completeness=num(mean_completeness),
            completeness_width=f"{shown(mean_completeness):.1f}%",
            figures=(
                Fact("Audits", count(n)),
                Fact("Spread (standard deviation)", num(p.overall.stdev) if p.overall else "—"),
                Fact("Range", f"{num(p.overall.min)} to {num(p.overall.max)}" if p.overall else "—"),
                Fact("Audits with a critical failure", f"{count(audits_with_critical)} of {count(n)}"),
            ),
            delta=None,
            baseline="",
            gauge=gauge(mean),
        )
        clients = sorted({r.audit.client for r in audits if r.audit.client})
        parts = number_parts(
            ("summary", "Executive summary"),
            ("scores", "Section scores across the program"),
            ("consistency", "Consistency between audits"),
            ("sites", "Audits by section"),
            ("actions", "Program action plan"),
            ("about", "About this report"),
        )
        return Page(
            kind=PageKind.program,
            parts=parts,
            lang="en",
            doc_title=" — ".join(x for x in (self.client_name(clients), f"{checklist.title} program report") if x),
            eyebrow="Customer experience audit program",
            h1=self.client_name(clients) or checklist.title,
            subtitle=f"{plural(n, 'audit')} · {self.date_range()}",
            brand=brand_of(self.brand),
            facts=self.facts(clients),
            headline=headline,
            summary=summary,
            chart=chart,
            section_rows=columns,
            actions=actions,
            roadmap=roadmap(actions, [a.mean_points_lost for a in p.actions]),
            sections=(),
            comparison=None,
            program=program,
            bands=band_keys(checklist, self.tones),
            scale=scale_key(checklist),
            checklist_title=checklist.title,
            checklist_description=checklist.description,
            generator=f"cx-audit {__version__}",
            footer=" · ".join(x for x in (self.client_name(clients), f"{plural(n, 'audit')}", self.date_range(),
                                          f"Prepared by {self.brand.firm}" if self.brand.firm else "") if x),
        )  # fmt: skip

    @staticmethod
    def client_name(clients: list[str]) -> str:
        if len(clients) == 1:
            return clients[0]
        if len(clients) <= 3:
            return join_words(clients)
        return ""

    def date_range(self) -> str:
        dates = sorted(r.audit.date for r in self.p.audits if r.audit.date)
        if not dates:
            return "no dates"
        if dates[0] == dates[-1]:
            return long_date(dates[0])
        return f"{long_date(dates[0])} to {long_date(dates[-1])}"

    def facts(self, clients: list[str]) -> tuple[Fact, ...]:
        audits = self.p.audits
        auditors = sorted({r.audit.auditor for r in audits if r.audit.auditor})
        shown_auditors = (
            join_words(auditors) if len(auditors) <= 4 else f"{', '.join(auditors[:3])} and {count(len(auditors) - 3)} others"
        )
        client = f"{count(len(clients))} clients" if len(clients) > 3 else (join_words(clients) or "—")
        return (
            Fact("Client", client),
            Fact("Audits", plural(len(audits), "audit")),
            Fact("Audit dates", self.date_range()),
            Fact("Auditors", shown_auditors or "—"),
            checklist_fact(self.checklist),
            *profile_facts(self.checklist),
        )

    def columns(self) -> tuple[SectionRow, ...]:
        rows = []
        for k, (s, st) in enumerate(self.p.sections):
            mean = st.mean if st else None
            band = band_for(mean, self.checklist.bands)
            rows.append(
                SectionRow(
                    number=k + 1,
                    anchor=f"section-{s.id}",
                    title=s.title,
                    weight=f"{s.weight:g}",
                    score=num(mean),
                    band=band or "Not assessed",
                    tone=self.tones(band),
                    answered=f"{count(st.n)} of {count(len(self.p.audits))}" if st else f"0 of {count(len(self.p.audits))}",
                    baseline="",
                    delta=None,
                )
            )
        return tuple(rows)

    def walk(self, columns: Sequence[SectionRow]) -> tuple[list[SiteRow], dict[str, int], dict[str, int], list[float]]:
        """One pass over every audit: its table row, and counts per item."""
        tones, audits = self.tones, self.p.audits
        section_ids = [sec.id for sec, _ in self.p.sections]
        labels = [r.audit.label for r in audits]
        repeated = len(set(labels)) < len(labels)
        sites = []
        fails: dict[str, int] = {}
        crit: dict[str, int] = {}
        completeness = []
        for r, label in zip(audits, labels, strict=True):
            found = [r.section(sid) for sid in section_ids]  # by id: audits may use different versions
            cells = tuple(Cell(num(f.score if f else None), tones(f.band if f else None)) for f in found)
            sites.append(
                SiteRow(
                    label=label,
                    detail=r.audit.date.isoformat() if repeated and r.audit.date else "",
                    overall=Cell(num(r.overall), tones(r.band)),
                    band=r.band or "Not assessed",
                    cells=cells,
                    critical=count(len(r.critical_failures)),
                    cap=cap_reason(r),
                )
            )
            for ir in r.items:
                if ir.failed:
                    fails[ir.item.id] = fails.get(ir.item.id, 0) + 1
                    if ir.item.critical:
                        crit[ir.item.id] = crit.get(ir.item.id, 0) + 1
            completeness.append(r.completeness)
        return sites, fails, crit, completeness

    def spread_view(self, number: int, title: str, st: Stats | None) -> SpreadView:
        band = band_for(st.mean, self.checklist.bands) if st else None
        return SpreadView(
            number=number,
            title=title,
            mean=num(st.mean) if st else "—",
            tone=self.tones(band),
            band=band or "Not assessed",
            stdev=num(st.stdev) if st else "—",
            min=num(st.min) if st else "—",
            max=num(st.max) if st else "—",
            audits=count(st.n) if st else "0",
            inconsistent=False,
        )

    @staticmethod
    def least_consistent(views: Sequence[SpreadView], stats: Sequence[Stats | None]) -> tuple[SpreadView, ...]:
        """The sections whose scores vary most between audits (up to three, never a zero spread)."""
        candidates = [(st.stdev, k) for k, st in enumerate(stats) if st is not None and st.n > 1 and shown(st.stdev) > 0]
        take = max(1, min(3, len(stats) // 3))
        chosen = sorted(candidates, key=lambda p: (-shown(p[0]), p[1]))[:take]
        return tuple(views[k] for _, k in sorted(chosen, key=lambda p: p[1]))

    def lead(self, with_critical: int, inconsistent: Sequence[SpreadView]) -> tuple[str, ...]:
        p = self.p
        n = len(p.audits)
        if p.overall is None:
            lines = [f"None of the {count(n)} audits has an overall score yet."]
        else:
            band = band_for(p.overall.mean, self.checklist.bands)
            lines = [
                f"Across {plural(n, 'audit')}, the mean overall score is {num(p.overall.mean)} out of 100 ({band}), "
                f"ranging from {num(p.overall.min)} to {num(p.overall.max)} with a standard deviation of {num(p.overall.stdev)}."
            ]
        if with_critical:
            lines.append(f"{count(with_critical)} of {count(n)} audits have at least one critical failure.")
        else:
            lines.append("No audit has a critical failure.")
        if inconsistent:
            lines.append(
                "Performance is least consistent in " + join_words([v.title for v in inconsistent]) +
                ": the same standard is delivered very differently from one audit to the next."
            )  # fmt: skip
        return tuple(lines)
