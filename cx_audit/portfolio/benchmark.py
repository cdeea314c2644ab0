"""`portfolio benchmark` and the reports' "How you compare": one audit against its peers.

The **peer group** of an audit: the latest audit (by date, then path) of each *other*
client in the store with the same checklist id and a comparable version (the same MAJOR
version, or another version of a built-in checklist that the later of the two maps in its
``editions``, through :mod:`cx_audit.scoring.editions`) and the same profile
(``any_profile``: any profile). A peer of another edition counts in the overall score and
in the sections that have a counterpart in the audit's version, under the note
``checklist 2.0.0 → 3.0.0``. The audit's own client never counts. For the overall
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
    editions: tuple[str, ...] = ()  # "checklist 2.0.0 → 3.0.0" for each other edition among the peers


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


#: A peer version's section id -> the audit's section id (sections with no counterpart left out).
SectionMap = dict[str, str]


def comparable_versions(store: Store, result: AuditResult) -> dict[str, tuple[SectionMap | None, str]]:
    """The checklist versions in the store whose audits are peers of this one: version ->
    (its sections in the audit's version, None for the same major; the edition note)."""
    from cx_audit.files.registry import resolve
    from cx_audit.scoring.editions import between

    c = result.checklist
    found: dict[str, tuple[SectionMap | None, str]] = {}
    for (version,) in store.stream("SELECT DISTINCT checklist_version FROM audits WHERE checklist_id = ?", [c.id]):
        if major(version) == major(c.version):
            found[version] = (None, "")
            continue
        if not c.builtin:
            continue  # another edition of one's own checklist: only the built-ins keep theirs
        try:
            other = resolve(f"{c.id}@{version}")
            emap = between(c, other)
        except InputError:
            continue  # not released, or not mapped: not comparable
        if emap is None:  # pragma: no cover - a different major is a different version
            continue
        if emap.new == c.version:  # the peer's version is the older one
            sections = {sid: new for sid in emap.old_sections if (new := emap.section(sid)) is not None}
        else:
            sections = {sid: old for sid in emap.new_sections if (old := emap.old_section(sid)) is not None}
        found[version] = (sections, emap.note)
    return found


def _group(alias: str, result: AuditResult, any_profile: bool, versions: list[str]) -> tuple[str, list[object]]:
    """The SQL condition (and its parameters) of the audit's peer group, on table ``alias``."""
    c, a = result.checklist, result.audit
    marks = ", ".join("?" for _ in versions) or "NULL"
    sql = f"{alias}.checklist_id = ? AND {alias}.checklist_version IN ({marks}) AND {alias}.client <> ?"
    params: list[object] = [c.id, *versions, a.client]
    if not any_profile:
        sql += f" AND {alias}.profile = ?"
        params.append(a.profile or "")
    return sql, params


def peer_scores(
    store: Store, result: AuditResult, any_profile: bool, versions: dict[str, tuple[SectionMap | None, str]] | None = None
) -> dict[str, tuple[float | None, dict[str, float | None], str]]:
    """Each peer's latest audit (by date, then path): path -> (overall, section id -> score,
    the checklist version), the sections under the audit's version's ids.

    The store returns only the audits on each peer client's latest date (usually one per
    client); a tie on the date is settled here, by path, so that both back ends agree
    whatever their collation.
    """
    if versions is None:
        versions = comparable_versions(store, result)
    where_a, params_a = _group("a", result, any_profile, sorted(versions))
    where_b, params_b = _group("b", result, any_profile, sorted(versions))
    sql = (
        "SELECT a.path, a.client, a.overall, a.checklist_version, s.section_id, s.score FROM audits a "
        "JOIN (SELECT b.client AS client, MAX(COALESCE(b.audit_date, '')) AS latest FROM audits b "
        f"WHERE {where_b} GROUP BY b.client) m ON m.client = a.client AND m.latest = COALESCE(a.audit_date, '') "
        f"LEFT JOIN section_scores s ON s.audit_path = a.path WHERE {where_a}"
    )
    audits: dict[str, tuple[float | None, dict[str, float | None], str]] = {}
    latest: dict[str, str] = {}  # client -> the greatest path on its latest date
    for path, client, overall, version, section_id, score in store.stream(sql, [*params_b, *params_a]):
        sections = versions[version][0]
        if sections is not None and section_id is not None:
            section_id = sections.get(section_id)  # None: no counterpart in the audit's version
        entry = audits.get(path)
        if entry is None:
            entry = audits[path] = (None if overall is None else float(overall), {}, version)
            if client not in latest or path > latest[client]:
                latest[client] = path
        if section_id is not None:
            entry[1][section_id] = None if score is None else float(score)
    return {p: audits[p] for p in sorted(latest.values())}


def benchmark(store: Store, result: AuditResult, any_profile: bool = False, min_group: int = DEFAULT_MIN_GROUP) -> Benchmark:
    check_min_group(min_group)
    c, a = result.checklist, result.audit
    versions = comparable_versions(store, result)
    peers = peer_scores(store, result, any_profile, versions)
    overall_scores = [o for o, _, _ in peers.values() if o is not None]
    by_section: dict[str, list[float]] = {s.section.id: [] for s in result.sections}
    for _, sections_of, _ in peers.values():
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
        editions=tuple(sorted({note for _, _, v in peers.values() if (note := versions[v][1])})),
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
