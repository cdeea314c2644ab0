"""`portfolio list`: one row per audit in the store, or each client and site's latest visit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cx_audit.portfolio.store import Store


@dataclass(frozen=True)
class Listed:
    path: str
    client: str
    site: str
    date: dt.date | None
    checklist_id: str
    checklist_version: str
    profile: str | None
    overall: float | None
    band: str | None
    days_since: int | None = None  # --latest only: days from the visit to today


@dataclass(frozen=True)
class Listing:
    audits: tuple[Listed, ...]
    latest: bool
    today: dt.date | None


def _order(a: Listed) -> tuple[str, str, str, str]:
    return (a.date.isoformat() if a.date else "", a.client, a.site, a.path)


def list_audits(
    store: Store, client: str | None = None, checklist: str | None = None, latest: bool = False, today: dt.date | None = None
) -> Listing:
    """Every audit (filtered), by date then client, site and path; ``latest`` keeps each
    client-and-site's latest (by date, then path) and counts the days since it."""
    where, params = [], []
    if client is not None:
        where.append("client = ?")
        params.append(client)
    if checklist is not None:
        where.append("checklist_id = ?")
        params.append(checklist)
    sql = "SELECT path, client, site, audit_date, checklist_id, checklist_version, profile, overall, band FROM audits"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = [
        Listed(
            path=r[0],
            client=r[1],
            site=r[2],
            date=dt.date.fromisoformat(r[3]) if r[3] else None,
            checklist_id=r[4],
            checklist_version=r[5],
            profile=r[6] or None,
            overall=r[7],
            band=r[8],
        )
        for r in store.stream(sql, params)
    ]
    if latest:
        newest: dict[tuple[str, str], Listed] = {}
        for a in rows:
            key = (a.client, a.site)
            have = newest.get(key)
            if have is None or (_visit(a) > _visit(have)):
                newest[key] = a
        # ``today`` comes from the CLI (`--today`, else the clock): the core never reads the clock.
        rows = [
            Listed(**{**a.__dict__, "days_since": (today - a.date).days if a.date and today else None}) for a in newest.values()
        ]
    return Listing(tuple(sorted(rows, key=_order)), latest, today if latest else None)


def _visit(a: Listed) -> tuple[str, str]:
    return (a.date.isoformat() if a.date else "", a.path)
