"""Repeat audits over time: series by client and site, the change per visit, the decline gate.

A *series* is every audit of one client and site (audits without a site form one
series per client), ordered by date. Each visit's change is the overall score as
displayed minus the previous visit's, as displayed (:func:`cx_audit.scoring.rounding.delta`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cx_audit.errors import InputError, Problem
from cx_audit.model import Checklist, Section, version_key
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.editions import EditionMap, edition_map
from cx_audit.scoring.program import require_one_checklist
from cx_audit.scoring.rounding import delta


@dataclass(eq=False)
class Visit:
    result: AuditResult
    change: float | None  # overall, as displayed, minus the previous visit's; None on the first
    edition: EditionMap | None = None  # an earlier version than the trend's checklist: how it maps

    @property
    def date(self) -> dt.date:
        assert self.result.audit.date is not None  # build_trend refuses undated audits
        return self.result.audit.date


@dataclass(eq=False)
class Series:
    client: str
    site: str  # "" when the audits name none
    visits: tuple[Visit, ...]

    @property
    def name(self) -> str:
        """How a person reads the series: the site, with its client when there are several clients."""
        return self.site or self.client or "(no client)"

    def declined(self, n: int) -> bool:
        """The overall, as displayed, fell at each of the last ``n`` visits."""
        last = self.visits[-n:] if n <= len(self.visits) - 1 else ()
        return bool(last) and all(v.change is not None and v.change < 0 for v in last)


@dataclass(eq=False)
class Trend:
    checklist: Checklist  # the checklist of the latest visit
    series: tuple[Series, ...]
    sections: tuple[Section, ...]  # every section of any visit, by id, in order of first appearance
    editions: tuple[EditionMap, ...] = ()  # the earlier versions among the visits, mapped to the latest

    @property
    def note(self) -> str:
        """'checklist 1.0.0 → 2.0.0' when the visits span versions ('' when they do not)."""
        return "; ".join(e.note for e in self.editions)

    def not_comparable_sections(self) -> list[Section]:
        """Sections of an earlier version with no counterpart in the latest (no trend across them)."""
        latest = {s.id for s in self.checklist.sections}
        return [s for s in self.sections if s.id not in latest]

    @property
    def visits(self) -> int:
        return sum(len(s.visits) for s in self.series)

    @property
    def several_clients(self) -> bool:
        return len({s.client for s in self.series}) > 1

    def label(self, s: Series) -> str:
        if self.several_clients and s.site:
            return f"{s.client} — {s.site}"
        return s.name


def build_trend(results: list[AuditResult]) -> Trend:
    """Group audits into series and order them; undated audits and duplicate dates are input errors."""
    require_one_checklist(results)
    problems = []
    groups: dict[tuple[str, str], list[AuditResult]] = {}
    for r in results:
        if r.audit.date is None:
            problems.append(Problem(_name(r), "has no date; a trend orders visits by date (add date: YYYY-MM-DD)"))
            continue
        groups.setdefault((r.audit.client.strip(), r.audit.site.strip()), []).append(r)
    series = []
    for (client, site), rs in sorted(groups.items(), key=lambda kv: (kv[0][0].casefold(), kv[0][1].casefold(), kv[0])):
        rs.sort(key=lambda r: (r.audit.date, _name(r)))
        for a, b in zip(rs, rs[1:], strict=False):
            if a.audit.date == b.audit.date:
                where = f"{client}, {site}" if site else client
                problems.append(
                    Problem(
                        _name(b),
                        f"is a visit to {where} on {b.audit.date} like {_name(a)}; a series has one visit per date",
                    )
                )
        visits = []
        previous: AuditResult | None = None
        for r in rs:
            change = delta(r.overall, previous.overall) if previous is not None else None
            visits.append(Visit(r, change))
            previous = r
        series.append(Series(client, site, tuple(visits)))
    if problems:
        raise InputError(problems)
    latest = max(results, key=lambda r: r.audit.date or dt.date.min)
    maps = _editions(results, latest)
    for s in series:
        s.visits = tuple(Visit(v.result, v.change, maps.get(v.result.checklist.version)) for v in s.visits)
    sections: dict[str, Section] = {}
    for r in sorted(results, key=lambda r: r.audit.date or dt.date.min, reverse=True):
        emap = maps.get(r.checklist.version)
        for sr in r.sections:
            new = emap.section(sr.section.id) if emap is not None else sr.section.id
            if new is not None and new in sections:
                continue
            sections.setdefault(new or sr.section.id, sr.section if new is None or emap is None else _section_of(latest, new))
    order = {s.section.id: k for k, s in enumerate(latest.sections)}
    ordered = sorted(sections.values(), key=lambda s: order.get(s.id, len(order)))
    ordered_maps = tuple(sorted(maps.values(), key=lambda e: version_key(e.old)))
    return Trend(latest.checklist, tuple(series), tuple(ordered), ordered_maps)


def _section_of(result: AuditResult, section_id: str) -> Section:
    found = result.section(section_id)
    assert found is not None  # EditionMap.section names only sections of the later version
    return found.section


def _editions(results: list[AuditResult], latest: AuditResult) -> dict[str, EditionMap]:
    """The mapping of each earlier version among the visits to the latest visit's version."""
    maps: dict[str, EditionMap] = {}
    for r in results:
        v = r.checklist.version
        if v != latest.checklist.version and v not in maps:
            maps[v] = edition_map(r.checklist, latest.checklist)
    return maps


def declines(trend: Trend, n: int) -> list[str]:
    """`--fail-on-decline N`: why the trend fails (one line per series that fell N times running)."""
    reasons = []
    for s in trend.series:
        if s.declined(n):
            scores = ", ".join(_shown(v.result.overall) for v in s.visits[-n - 1 :])
            times = "once" if n == 1 else "twice" if n == 2 else f"{n} times"
            reasons.append(f"{trend.label(s)}: the overall score fell {times} running ({scores})")
    return reasons


def _shown(v: float | None) -> str:
    from cx_audit.scoring.rounding import shown_text

    return shown_text(v)


def _name(r: AuditResult) -> str:
    return str(r.audit.path) if r.audit.path is not None else r.audit.label


def section_score(visit: Visit, section_id: str) -> float | None:
    """A visit's score for a section of the trend (an id of the latest version, or of a
    section of an earlier version that has no counterpart)."""
    e = visit.edition
    if e is not None:
        old = e.old_section(section_id)
        if old is None and section_id in e.old_sections and e.section(section_id) is None:
            old = section_id  # a section of the earlier version only
        if old is None:
            return None
        section_id = old
    sr = visit.result.section(section_id)
    return sr.score if sr is not None else None
