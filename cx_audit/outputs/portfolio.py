"""`portfolio list` (table, JSON `cx-audit/portfolio@1`, CSV) and `portfolio benchmark`
(table, JSON `cx-audit/benchmark@1`).

Tables are laid out here as plain columns (a portfolio of 10,000 audits is 10,000 rows,
which rich's Table would take seconds to measure); user text is escaped for the
terminal. The CSV is for a spreadsheet: UTF-8, a header row, one row per audit, and a
text cell that a spreadsheet would read as a formula (=, +, -, @ first) starts with '.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cx_audit.options import Options
    from cx_audit.portfolio.benchmark import Benchmark, Standing
    from cx_audit.portfolio.listing import Listed, Listing


# --- list -----------------------------------------------------------------------------


def listed_dict(a: Listed, latest: bool) -> dict[str, Any]:
    from cx_audit.scoring.rounding import shown_or_none

    d: dict[str, Any] = {
        "path": a.path,
        "client": a.client,
        "site": a.site or None,
        "date": a.date.isoformat() if a.date else None,
        "checklist": {"id": a.checklist_id, "version": a.checklist_version},
        "profile": a.profile,
        "overall": shown_or_none(a.overall, 2),
        "band": a.band,
    }
    if latest:
        d["days_since"] = a.days_since
    return d


def list_data(listing: Listing) -> dict[str, Any]:
    d: dict[str, Any] = {"format": "cx-audit/portfolio@1"}
    if listing.latest:
        d["today"] = listing.today.isoformat() if listing.today else None
    d["audits"] = [listed_dict(a, listing.latest) for a in listing.audits]
    return d


_LIST_HEADS = ("Date", "Client", "Site", "Checklist", "Overall", "Band")


def _list_cells(a: Listed, latest: bool) -> list[str]:
    from cx_audit.scoring.rounding import shown_text

    cells = [
        a.date.isoformat() if a.date else "—",
        a.client or "—",
        a.site or "—",
        f"{a.checklist_id}@{a.checklist_version}" + (f" ({a.profile})" if a.profile else ""),
        shown_text(a.overall),
        a.band or "not assessed",
    ]
    if latest:
        cells.append("—" if a.days_since is None else str(a.days_since))
    return cells


def list_table(listing: Listing, options: Options | None = None) -> str:
    from cx_audit.safetext import terminal_text

    heads = [*_LIST_HEADS, *(["Days since"] if listing.latest else [])]
    rows = [[terminal_text(c) for c in _list_cells(a, listing.latest)] for a in listing.audits]
    if not rows:
        return "No audits.\n"
    return columns(heads, rows, right={4, 6}) + f"{len(rows)} audit{'s' if len(rows) != 1 else ''}\n"


def columns(heads: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [max([len(h)] + [len(r[k]) for r in rows]) for k, h in enumerate(heads)]

    def line(cells: list[str]) -> str:
        return (
            "  ".join(
                c.rjust(w) if k in right else c.ljust(w) for k, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()
            + "\n"
        )

    return line(heads) + "  ".join("─" * w for w in widths) + "\n" + "".join(line(r) for r in rows)


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def list_csv(listing: Listing, options: Options | None = None) -> str:
    import csv
    import io

    from cx_audit.scoring.rounding import shown_or_none

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    heads = ["date", "client", "site", "checklist", "version", "profile", "overall", "band", "path"]
    w.writerow(heads + (["days_since"] if listing.latest else []))
    for a in listing.audits:
        overall = shown_or_none(a.overall)
        row = [
            a.date.isoformat() if a.date else "",
            a.client,
            a.site,
            a.checklist_id,
            a.checklist_version,
            a.profile or "",
            "" if overall is None else f"{overall:.1f}",
            a.band or "",
            a.path,
        ]
        if listing.latest:
            row.append("" if a.days_since is None else str(a.days_since))
        w.writerow([csv_cell(c) for c in row])
    return buf.getvalue()


def list_json(listing: Listing, options: Options | None = None) -> str:
    from cx_audit.outputs.jsonout import dumps

    return dumps(list_data(listing))


# --- benchmark --------------------------------------------------------------------------


def _figures(s: Standing) -> dict[str, Any]:
    return {"p25": s.p25, "p50": s.p50, "p75": s.p75, "quartile": s.quartile}


def _standing(s: Standing) -> dict[str, Any]:
    return {"score": s.score, **_figures(s)}


def benchmark_data(b: Benchmark) -> dict[str, Any]:
    return {
        "format": "cx-audit/benchmark@1",
        "audit": {"path": b.path, "client": b.client, "site": b.site or None, "date": b.date.isoformat() if b.date else None},
        "group": {
            "checklist": {"id": b.checklist_id, "major": b.checklist_major},
            "profile": b.profile,
            "clients": b.clients,
            "min_group": b.min_group,
            **({"editions": list(b.editions)} if b.editions else {}),
        },
        "overall": _standing(b.overall),
        "sections": [
            {"id": s.id, "title": s.title, "score": s.standing.score, "peers": s.standing.peers, **_figures(s.standing)}
            for s in b.sections
        ],
    }


def benchmark_table(b: Benchmark, options: Options | None = None) -> str:
    from cx_audit.safetext import terminal_text
    from cx_audit.scoring.rounding import shown_text

    who = " · ".join(x for x in (b.client, b.site, b.date.isoformat() if b.date else "") if x)
    profile = ", any profile" if b.any_profile else (f", profile {b.profile}" if b.profile else "")
    group = terminal_text(f"{b.checklist_id} v{b.checklist_major}.x{profile}")
    head = (
        f"{terminal_text(who)}: {terminal_text(b.checklist_title)} against {b.clients} peer client"
        f"{'s' if b.clients != 1 else ''} ({group})\n"
        + "".join(f"Peers of another edition: {note}\n" for note in b.editions)
        + "\n"
    )
    rows = []
    for title, peers, s in [("Overall", b.clients, b.overall), *[(x.title, x.standing.peers, x.standing) for x in b.sections]]:
        rows.append(
            [
                terminal_text(title),
                shown_text(s.score),
                str(peers),
                shown_text(s.p25),
                shown_text(s.p50),
                shown_text(s.p75),
                s.words,
            ]
        )
    return head + columns(["", "Score", "Peers", "P25", "Median", "P75", "Quartile"], rows, right={1, 2, 3, 4, 5})


def benchmark_json(b: Benchmark, options: Options | None = None) -> str:
    from cx_audit.outputs.jsonout import dumps

    return dumps(benchmark_data(b))
