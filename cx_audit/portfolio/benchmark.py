"""`portfolio benchmark` and the reports' "How you compare": one audit against its peers.

The **peer group** of an audit: the latest audit (by date, then path) of each *other*
client in the store with the same checklist id and MAJOR version and the same profile
(``any_profile``: any profile). The audit's own client never counts. For the overall
score and each section, the peers' quartiles are Python's
``statistics.quantiles(scores, n=4, method="inclusive")`` over the peers' scores as
displayed (one decimal), computed here and not in SQL so that both back ends agree to
the last digit. A group smaller than ``min_group`` shows no figures.

Plain data only (dataclasses): the CLI's table and JSON, the HTML report, the workbook
and the deck all read the same :class:`Benchmark`. No peer's name, site, score, minimum
or maximum ever leaves this module.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from cx_audit.errors import InputError
from cx_audit.portfolio.record import major
from cx_audit.portfolio.store import Store
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.rounding import shown, shown_or_none

DEFAULT_MIN_GROUP = 5
LEAST_MIN_GROUP = 3
QUARTILE_WORDS = {1: "bottom quartile", 2: "second quartile", 3: "third quartile", 4: "top quartile"}


@dataclass(frozen=True)
class Standing:
    """One score against its peers: the figures are None when the group is too small."""

    score: float | None  # the audit's, as displayed
    peers: int  # peers with a score here
    p25: float | None
    p50: float | None
    p75: float | None
    quartile: int | None  # 1 (bottom) … 4 (top)
    min_group: int

    @property
    def shown(self) -> bool:
        return self.p50 is not None

    @property
    def words(self) -> str:
        """ "top quartile", or why there is no figure: "too few peers (4 < 5)"."""
        if self.quartile is not None:
            return QUARTILE_WORDS[self.quartile]
        if self.peers < self.min_group:
            return f"too few peers ({self.peers} < {self.min_group})"
        return "not scored"


@dataclass(frozen=True)
class SectionStanding:
    id: str
    title: str
    standing: Standing


@dataclass(frozen=True)
class Benchmark:
    path: str | None
    client: str
    site: str
    date: dt.date | None
    checklist_id: str
    checklist_major: str
    checklist_title: str
    profile: str | None  # None with any_profile, and for audits without a profile
    any_profile: bool
    clients: int  # peer clients in the group
    min_group: int
    overall: Standing
    sections: tuple[SectionStanding, ...]


def check_min_group(value: int) -> int:
    if value < LEAST_MIN_GROUP:
        raise InputError.single("--min-group", f"must be at least {LEAST_MIN_GROUP}, not {value}")
    return value


def quartiles(scores: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(scores, n=4, method="inclusive")
    return shown(q[0]), shown(q[1]), shown(q[2])


def quartile_of(score: float, p25: float, p50: float, p75: float) -> int:
    if score < p25:
        return 1
    if score < p50:
        return 2
    if score < p75:
        return 3
    return 4


def standing(score: float | None, peer_scores: list[float], min_group: int) -> Standing:
    mine = shown_or_none(score)
    shown_scores = [shown(s) for s in peer_scores]
    if len(shown_scores) < min_group:
        return Standing(mine, len(shown_scores), None, None, None, None, min_group)
    p25, p50, p75 = quartiles(shown_scores)
    q = quartile_of(mine, p25, p50, p75) if mine is not None else None
    return Standing(mine, len(shown_scores), p25, p50, p75, q, min_group)


def _group(alias: str, result: AuditResult, any_profile: bool) -> tuple[str, list[object]]:
    """The SQL condition (and its parameters) of the audit's peer group, on table ``alias``."""
    c, a = result.checklist, result.audit
    sql = f"{alias}.checklist_id = ? AND {alias}.checklist_major = ? AND {alias}.client <> ?"
    params: list[object] = [c.id, major(c.version), a.client]
    if not any_profile:
        sql += f" AND {alias}.profile = ?"
        params.append(a.profile or "")
    return sql, params


def peer_scores(store: Store, result: AuditResult, any_profile: bool) -> dict[str, tuple[float | None, dict[str, float | None]]]:
    """Each peer's latest audit (by date, then path): path -> (overall, section id -> score).

    The store returns only the audits on each peer client's latest date (usually one per
    client); a tie on the date is settled here, by path, so that both back ends agree
    whatever their collation.
    """
    where_a, params_a = _group("a", result, any_profile)
    where_b, params_b = _group("b", result, any_profile)
    sql = (
        "SELECT a.path, a.client, a.overall, s.section_id, s.score FROM audits a "
        "JOIN (SELECT b.client AS client, MAX(COALESCE(b.audit_date, '')) AS latest FROM audits b "
        f"WHERE {where_b} GROUP BY b.client) m ON m.client = a.client AND m.latest = COALESCE(a.audit_date, '') "
        f"LEFT JOIN section_scores s ON s.audit_path = a.path WHERE {where_a}"
    )
    audits: dict[str, tuple[float | None, dict[str, float | None]]] = {}
    latest: dict[str, str] = {}  # client -> the greatest path on its latest date
    for path, client, overall, section_id, score in store.stream(sql, [*params_b, *params_a]):
        entry = audits.get(path)
        if entry is None:
            entry = audits[path] = (None if overall is None else float(overall), {})
            if client not in latest or path > latest[client]:
                latest[client] = path
        if section_id is not None:
            entry[1][section_id] = None if score is None else float(score)
    return {p: audits[p] for p in sorted(latest.values())}


def benchmark(store: Store, result: AuditResult, any_profile: bool = False, min_group: int = DEFAULT_MIN_GROUP) -> Benchmark:
    check_min_group(min_group)
    c, a = result.checklist, result.audit
    peers = peer_scores(store, result, any_profile)
    overall_scores = [o for o, _ in peers.values() if o is not None]
    by_section: dict[str, list[float]] = {s.section.id: [] for s in result.sections}
    for _, sections_of in peers.values():
        for section_id, score in sections_of.items():
            if section_id in by_section and score is not None:
                by_section[section_id].append(score)
    sections = tuple(
        SectionStanding(s.section.id, s.section.title, standing(s.score, by_section[s.section.id], min_group))
        for s in result.sections
    )
    return Benchmark(
        path=a.path.as_posix() if a.path else None,
        client=a.client,
        site=a.site,
        date=a.date,
        checklist_id=c.id,
        checklist_major=major(c.version),
        checklist_title=c.title,
        profile=None if any_profile else (a.profile or None),
        any_profile=any_profile,
        clients=len(peers),
        min_group=min_group,
        overall=standing(result.overall, overall_scores, min_group),
        sections=sections,
    )


def benchmark_at(
    store_url: str | None, result: AuditResult, any_profile: bool = False, min_group: int = DEFAULT_MIN_GROUP
) -> Benchmark:
    """Open the store (``--store``, else $CX_AUDIT_STORE, else the default), benchmark, close it."""
    from cx_audit.portfolio.store import open_store, resolve_url

    check_min_group(min_group)
    db = open_store(resolve_url(store_url))
    try:
        return benchmark(db, result, any_profile=any_profile, min_group=min_group)
    finally:
        db.close()
