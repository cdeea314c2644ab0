"""`portfolio index | list | benchmark` on both back ends (SQLite and a real PostgreSQL).

The firm below is worked out by hand (tests/portfolio_support.py: a rating r scores
25·(r − 1) in each section; overall = the mean of the two sections):

- Acme (the audit benchmarked, 2026-11-01): Greeting 50, Follow-up 25, overall 37.5.
  Acme's own older audit (all 0) never counts.
- Peers P1…P5, latest audits: 0, 25, 50, 75, 100 in both sections and overall
  (P1 also has an older audit at 100, which does not count; P5 is on checklist 1.2.0,
  the same major version, so it counts).
- Q (profile retail) scores 100; R (checklist 2.0.0) scores 100: neither is a peer of
  an audit without a profile.

Quartiles (inclusive method) of 0, 25, 50, 75, 100: 25, 50, 75. With --any-profile Q
joins: 0, 25, 50, 75, 100, 100 → 31.25 (shown 31.3), 62.5, 93.75 (shown 93.8).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import Cli, write
from tests.portfolio_support import bench_audit, bench_checklist, postgres_server, store_url, table_dump  # noqa: F401

TODAY = "2026-12-01"


def firm(folder: Path) -> Path:
    """The firm's audits (see the module docstring); returns Acme's latest audit."""
    bench_checklist(folder)
    bench_checklist(folder, "1.2.0", "bench12.yaml")
    bench_checklist(folder, "2.0.0", "bench2.yaml")
    acme = bench_audit(folder / "acme-2026-11.yaml", "Acme Ltd", 3, 2, date="2026-11-01")
    bench_audit(folder / "acme-2026-01.yaml", "Acme Ltd", 1, 1, date="2026-01-01")
    for n, r in enumerate(range(1, 6), 1):
        chk = "bench12.yaml" if n == 5 else "bench.yaml"
        bench_audit(folder / f"p{n}.yaml", f"Peer {n}", r, r, date=f"2026-0{n}-15", checklist=chk)
    bench_audit(folder / "p1-old.yaml", "Peer 1", 5, 5, date="2025-06-01")
    bench_audit(folder / "q.yaml", "Quill Retail", 5, 5, profile="retail")
    bench_audit(folder / "r.yaml", "Rook Partners", 5, 5, checklist="bench2.yaml")
    return acme


def test_index_counts_skips_unchanged_replaces_changed_and_prunes(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    acme = firm(tmp_path / "firm")
    write(tmp_path / "firm" / "notes.yaml", "just: some other yaml\n")  # skipped silently
    r = cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    assert r.code == 0, r.err
    shown = store_url if store_url.startswith("postgresql") else store_url.removeprefix("sqlite:///")
    assert r.err.strip().splitlines()[-1] == f"Indexed 10 audits (0 unchanged, 0 replaced, 0 pruned) in {shown}"

    r = cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    assert r.err.strip() == f"Indexed 10 audits (10 unchanged, 0 replaced, 0 pruned) in {shown}"

    bench_audit(acme, "Acme Ltd", 5, 5, date="2026-11-01")  # the same path, new answers
    (tmp_path / "firm" / "r.yaml").unlink()
    r = cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    assert r.err.strip() == f"Indexed 9 audits (8 unchanged, 1 replaced, 0 pruned) in {shown}"
    rows = table_dump(store_url)
    assert len(rows["audits"]) == 10  # r.yaml is still there until --prune
    r = cli("portfolio", "index", tmp_path / "firm", "--store", store_url, "--prune")
    assert r.err.strip() == f"Indexed 9 audits (9 unchanged, 0 replaced, 1 pruned) in {shown}"
    rows = table_dump(store_url)
    assert len(rows["audits"]) == 9
    assert all(not str(row[0]).endswith("/r.yaml") for row in rows["audits"])
    # The replaced audit's rows are replaced, never added to: 2 sections, 3 items.
    acme_key = acme.resolve().as_posix()
    assert sum(1 for row in rows["section_scores"] if row[0] == acme_key) == 2
    assert sum(1 for row in rows["item_results"] if row[0] == acme_key) == 3
    acme_row = next(row for row in rows["audits"] if row[0] == acme_key)
    assert acme_row[10] == 100.0  # overall after the change


def test_index_reports_each_broken_file_and_indexes_the_rest(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    firm(tmp_path / "firm")
    write(tmp_path / "firm" / "broken.yaml", "format: cx-audit/audit@1\nchecklist: bench.yaml\nclient: [\n")
    write(tmp_path / "firm" / "bad-value.yaml", "format: cx-audit/audit@1\nchecklist: bench.yaml\nanswers:\n  G1: {value: 9}\n")
    r = cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{tmp_path / 'firm' / 'bad-value.yaml'}:4:") and "out of range" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'firm' / 'broken.yaml'}:")
    assert lines[2].startswith("Indexed 10 audits (0 unchanged")
    assert "Traceback" not in r.err


def test_index_refuses_a_missing_path_and_a_bad_store_url(tmp_path: Path, cli: Cli) -> None:
    r = cli("portfolio", "index", tmp_path / "nowhere", "--store", tmp_path / "s.sqlite")
    assert (r.code, r.err.strip()) == (2, f"{tmp_path / 'nowhere'}: no such file or folder")
    r = cli("portfolio", "list", "--store", "mysql://x")
    assert r.code == 2 and "'mysql://x' is not a store URL" in r.err


def test_rescore_rescores_audits_indexed_by_another_version(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    firm(tmp_path / "firm")
    assert cli("portfolio", "index", tmp_path / "firm", "--store", store_url).code == 0
    _sql(store_url, "UPDATE audits SET scored_by = '0.0.1', overall = 1 WHERE client = 'Peer 2'")
    r = cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    assert "(10 unchanged, 0 replaced" in r.err  # without --rescore another version's rows stay
    r = cli("portfolio", "index", tmp_path / "firm", "--store", store_url, "--rescore")
    assert "(9 unchanged, 1 replaced" in r.err
    peer2 = [row for row in table_dump(store_url)["audits"] if row[2] == "Peer 2"]
    assert peer2[0][10] == 25.0 and peer2[0][15] != "0.0.1"


def test_a_store_of_a_newer_schema_is_an_input_error(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    assert cli("portfolio", "list", "--store", store_url).code == 0
    _sql(store_url, "INSERT INTO cx_audit_schema (version, program) VALUES (999, 'cx-audit 99')")
    r = cli("portfolio", "list", "--store", store_url)
    assert r.code == 2
    assert "has schema version 999, newer than this cx-audit knows (1): upgrade cx-audit" in r.err
    assert "Traceback" not in r.err


def _sql(url: str, statement: str) -> None:
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]
        return
    import sqlite3

    db = sqlite3.connect(url.removeprefix("sqlite:///"))
    with db:
        db.execute(statement)
    db.close()


# --- list ---------------------------------------------------------------------------------


def test_list_json_filters_and_latest(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    firm(tmp_path / "firm")
    cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    data = json.loads(cli("portfolio", "list", "--store", store_url, "--format", "json").out)
    assert data["format"] == "cx-audit/portfolio@1"
    assert len(data["audits"]) == 10
    first = data["audits"][0]  # ordered by date: Peer 1's old audit
    assert first == {
        "path": (tmp_path / "firm" / "p1-old.yaml").resolve().as_posix(),
        "client": "Peer 1",
        "site": "High Street",
        "date": "2025-06-01",
        "checklist": {"id": "bench", "version": "1.0.0"},
        "profile": None,
        "overall": 100.0,
        "band": first["band"],
    }
    acme = json.loads(cli("portfolio", "list", "--store", store_url, "-f", "json", "--client", "Acme Ltd").out)["audits"]
    assert [(a["date"], a["overall"]) for a in acme] == [("2026-01-01", 0.0), ("2026-11-01", 37.5)]
    assert json.loads(cli("portfolio", "list", "--store", store_url, "-f", "json", "--checklist", "nope").out)["audits"] == []

    latest = json.loads(cli("portfolio", "list", "--store", store_url, "-f", "json", "--latest", "--today", TODAY).out)
    assert latest["today"] == TODAY
    by_client = {a["client"]: a for a in latest["audits"]}
    assert len(latest["audits"]) == 8  # Acme, Peer 1–5, Quill, Rook: one site each
    assert (by_client["Acme Ltd"]["date"], by_client["Acme Ltd"]["days_since"]) == ("2026-11-01", 30)
    assert (by_client["Peer 1"]["date"], by_client["Peer 1"]["days_since"]) == ("2026-01-15", 320)


def test_list_table_and_csv(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    import csv
    import io

    folder = tmp_path / "firm"
    bench_checklist(folder)
    bench_audit(folder / "a.yaml", "=HYPERLINK(1)", 3, 2, date="2026-11-01", site="North, upstairs")
    bench_audit(folder / "b.yaml", "Beta", 5, 5, date="2026-10-01")
    cli("portfolio", "index", folder, "--store", store_url)
    table = cli("portfolio", "list", "--store", store_url, "--latest", "--today", TODAY).out.splitlines()
    assert table[0].split() == ["Date", "Client", "Site", "Checklist", "Overall", "Band", "Days", "since"]
    assert table[2].split()[:2] == ["2026-10-01", "Beta"] and table[2].split()[-1] == "61"
    assert table[-1] == "2 audits"
    out = cli("portfolio", "list", "--store", store_url, "--latest", "--today", TODAY, "--format", "csv").out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["date", "client", "site", "checklist", "version", "profile", "overall", "band", "path", "days_since"]
    assert rows[2][:8] == ["2026-11-01", "'=HYPERLINK(1)", "North, upstairs", "bench", "1.0.0", "", "37.5", rows[2][7]]
    assert rows[2][9] == "30"
    assert out.endswith("\r\n")


def test_list_without_latest_does_not_need_today(tmp_path: Path, cli: Cli) -> None:
    r = cli("portfolio", "list", "--store", tmp_path / "empty.sqlite")
    assert (r.code, r.out) == (0, "No audits.\n")
    r = cli("portfolio", "list", "--store", tmp_path / "empty.sqlite", "--latest", "--today", "someday")
    assert r.code == 2 and "'someday' is not a date" in r.err


# --- benchmark ----------------------------------------------------------------------------


def test_benchmark_peer_group_and_quartiles(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    acme = firm(tmp_path / "firm")
    cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    r = cli("portfolio", "benchmark", acme, "--store", store_url, "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["format"] == "cx-audit/benchmark@1"
    assert data["audit"] == {"path": acme.as_posix(), "client": "Acme Ltd", "site": "High Street", "date": "2026-11-01"}
    assert data["group"] == {"checklist": {"id": "bench", "major": "1"}, "profile": None, "clients": 5, "min_group": 5}
    assert data["overall"] == {"score": 37.5, "p25": 25.0, "p50": 50.0, "p75": 75.0, "quartile": 2}
    assert data["sections"] == [
        {"id": "greet", "title": "Greeting", "score": 50.0, "peers": 5, "p25": 25.0, "p50": 50.0, "p75": 75.0, "quartile": 3},
        {"id": "follow", "title": "Follow-up", "score": 25.0, "peers": 5, "p25": 25.0, "p50": 50.0, "p75": 75.0, "quartile": 2},
    ]
    table = cli("portfolio", "benchmark", acme, "--store", store_url).out
    assert "against 5 peer clients (bench v1.x)" in table
    assert [line.split()[-2:] for line in table.splitlines()[-3:]] == [
        ["second", "quartile"],
        ["third", "quartile"],
        ["second", "quartile"],
    ]


def test_benchmark_any_profile_and_min_group(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    acme = firm(tmp_path / "firm")
    cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    data = json.loads(cli("portfolio", "benchmark", acme, "--store", store_url, "-f", "json", "--any-profile").out)
    assert data["group"]["clients"] == 6 and data["group"]["profile"] is None
    assert data["overall"] == {"score": 37.5, "p25": 31.3, "p50": 62.5, "p75": 93.8, "quartile": 2}
    assert data["sections"][0]["quartile"] == 2 and data["sections"][1]["quartile"] == 1

    data = json.loads(cli("portfolio", "benchmark", acme, "--store", store_url, "-f", "json", "--min-group", "6").out)
    assert data["overall"] == {"score": 37.5, "p25": None, "p50": None, "p75": None, "quartile": None}
    assert all(s["p50"] is None and s["peers"] == 5 for s in data["sections"])
    table = cli("portfolio", "benchmark", acme, "--store", store_url, "--min-group", "6").out
    assert table.count("too few peers (5 < 6)") == 3
    r = cli("portfolio", "benchmark", acme, "--store", store_url, "--min-group", "2")
    assert (r.code, r.err.strip()) == (2, "--min-group: must be at least 3, not 2")


def test_benchmark_of_a_profile_counts_only_that_profile(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    folder = tmp_path / "firm"
    firm(folder)
    mine = bench_audit(folder / "shop.yaml", "Shop Co", 4, 4, profile="retail")
    cli("portfolio", "index", folder, "--store", store_url)
    data = json.loads(cli("portfolio", "benchmark", mine, "--store", store_url, "-f", "json", "--min-group", "3").out)
    assert data["group"]["profile"] == "retail" and data["group"]["clients"] == 1  # Quill only
    assert data["overall"]["p50"] is None


def test_a_section_no_peer_scored_has_no_figures(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    folder = tmp_path / "firm"
    bench_checklist(folder)
    mine = bench_audit(folder / "mine.yaml", "Mine", 3, 3)
    for n in range(1, 5):
        bench_audit(folder / f"p{n}.yaml", f"P{n}", n, None if n == 4 else n)  # P4 did not score Follow-up
    cli("portfolio", "index", folder, "--store", store_url)
    data = json.loads(cli("portfolio", "benchmark", mine, "--store", store_url, "-f", "json", "--min-group", "4").out)
    assert data["group"]["clients"] == 4
    greet, follow = data["sections"]
    assert (greet["peers"], greet["p25"], greet["p50"], greet["p75"], greet["quartile"]) == (4, 18.8, 37.5, 56.3, 3)
    assert (follow["peers"], follow["p50"], follow["quartile"]) == (3, None, None)


def test_default_store_is_in_the_data_folder_and_the_environment_overrides_it(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "firm"
    bench_checklist(folder)
    bench_audit(folder / "a.yaml", "A", 3, 3)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CX_AUDIT_STORE", raising=False)
    r = cli("portfolio", "index", folder)
    default = tmp_path / "data" / "cx-audit" / "portfolio.sqlite"
    assert r.err.strip().endswith(f"in {default}") and default.is_file()
    monkeypatch.setenv("CX_AUDIT_STORE", f"sqlite:///{tmp_path / 'env.sqlite'}")
    r = cli("portfolio", "index", folder)
    assert r.err.strip().endswith(f"in {tmp_path / 'env.sqlite'}")
    r = cli("portfolio", "index", folder, "--store", tmp_path / "given.db")  # --store wins
    assert r.err.strip().endswith(f"in {tmp_path / 'given.db'}") and "(0 unchanged" in r.err


def test_sqlite_store_uses_wal(tmp_path: Path, cli: Cli) -> None:
    import sqlite3

    cli("portfolio", "list", "--store", tmp_path / "s.sqlite")
    conn = sqlite3.connect(tmp_path / "s.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_portfolio_imports_no_psycopg_for_sqlite(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from cx_audit.cli.app import main\n"
        "try: main(['portfolio', 'list', '--store', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        "assert 'psycopg' not in sys.modules, 'psycopg imported'\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s.sqlite")], capture_output=True, text=True, env={**os.environ}
    )
    assert proc.returncode == 0, proc.stderr


def test_a_tie_on_the_latest_date_is_settled_by_path(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    folder = tmp_path / "firm"
    bench_checklist(folder)
    mine = bench_audit(folder / "mine.yaml", "Mine", 3, 3)
    for n in range(1, 4):
        bench_audit(folder / f"p{n}.yaml", f"P{n}", n, n, date="2026-10-01")
    # P1 again on the same date at another site: "p1b.yaml" > "p1.yaml", so it is P1's latest.
    bench_audit(folder / "p1b.yaml", "P1", 5, 5, date="2026-10-01", site="Annex")
    cli("portfolio", "index", folder, "--store", store_url)
    data = json.loads(cli("portfolio", "benchmark", mine, "--store", store_url, "-f", "json", "--min-group", "3").out)
    assert data["group"]["clients"] == 3
    # Peers: P1 100 (p1b), P2 25, P3 50 → inclusive quartiles 37.5, 50, 75.
    assert data["overall"] == {"score": 50.0, "p25": 37.5, "p50": 50.0, "p75": 75.0, "quartile": 3}


def test_store_urls_and_a_password_is_never_shown(tmp_path: Path, cli: Cli) -> None:
    from cx_audit.portfolio.store import resolve_url

    assert resolve_url("sqlite:///rel/p.sqlite", {}).target == "rel/p.sqlite"
    assert resolve_url("sqlite:////abs/p.sqlite", {}).target == "/abs/p.sqlite"
    assert resolve_url(None, {"CX_AUDIT_STORE": "team.db"}).target == "team.db"
    url = resolve_url("postgresql://ann:s3cr3t@127.0.0.1:1/firm", {})
    assert url.kind == "postgresql" and url.shown == "postgresql://ann:***@127.0.0.1:1/firm"
    r = cli("portfolio", "list", "--store", "postgresql://ann:s3cr3t@127.0.0.1:1/firm")
    assert r.code == 2 and "s3cr3t" not in r.err and "postgresql://ann:***@127.0.0.1:1/firm" in r.err


def _builtin_audit(path: Path, client: str, version: str, oc2: int, vc1: int) -> Path:
    return write(
        path,
        f"""
        format: cx-audit/audit@1
        checklist: {{id: cx-essentials, version: {version}}}
        client: {client}
        date: 2026-10-0{len(client) % 9 + 1}
        answers:
          OC2: {{value: {oc2}}}
          VC1: {{value: {vc1}}}
        """,
    )


def test_peers_of_another_edition_count_through_its_mapping(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    # Five peers on cx-essentials 1.0.0, the audit on the current version: 2.0.0 maps 1.0.0, so the
    # peers count; 1.0.0's "value-to-client" is the audit's "value-to-customers" (renamed);
    # 1.0.0's "customer-experience" has no counterpart and sections new in 2.0.0 have no peers.
    folder = tmp_path / "firm"
    for n in range(5):
        _builtin_audit(folder / f"peer{n}.yaml", f"Peer {'x' * n}", "1.0.0", n, 4 - n)
    mine = _builtin_audit(folder / "mine.yaml", "Mine Ltd", registry_version(), 2, 2)
    assert cli("portfolio", "index", folder, "--store", store_url).code == 0
    run = cli("portfolio", "benchmark", mine, "--store", store_url, "-f", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["group"]["clients"] == 5
    assert data["group"]["editions"] == [f"checklist 1.0.0 → {registry_version()}"]
    by_id = {s["id"]: s for s in data["sections"]}
    # OC2 alone: 0, 25, 50, 75, 100 -> quartiles 25, 50, 75; the audit's 50 is the third quartile
    assert (by_id["offer-clarity"]["peers"], by_id["offer-clarity"]["p50"], by_id["offer-clarity"]["quartile"]) == (5, 50.0, 3)
    assert (by_id["value-to-customers"]["peers"], by_id["value-to-customers"]["p50"]) == (5, 50.0)
    assert by_id["customer-voice"]["peers"] == 0 and "customer-experience" not in by_id
    table = cli("portfolio", "benchmark", mine, "--store", store_url).out
    assert f"Peers of another edition: checklist 1.0.0 → {registry_version()}" in table


def registry_version() -> str:
    from cx_audit.files import registry

    return registry.resolve("cx-essentials").version
