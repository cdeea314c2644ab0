"""Both back ends give identical output, and two `index` runs at once never duplicate or
lose an audit (separate processes, on a fresh store, so the schema is created under the
race too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.portfolio_support import bench_audit, bench_checklist, new_database, postgres_server, store_url, table_dump  # noqa: F401
from tests.test_portfolio import TODAY, firm


@pytest.mark.clients
def test_sqlite_and_postgresql_print_identical_output(tmp_path: Path, cli: Cli, postgres_server: str) -> None:  # noqa: F811
    acme = firm(tmp_path / "firm")
    # Scores whose quartiles are not round: 7 peers with ratings spread over the scale.
    for n, (g, f) in enumerate([(2, 3), (4, 1), (5, 2), (3, 3), (1, 4), (4, 4), (2, 5)], 1):
        bench_audit(tmp_path / "firm" / f"extra{n}.yaml", f"Extra {n}", g, f, date=f"2026-0{n}-02", site=f"Site {n % 3}")
    urls = [f"sqlite:///{tmp_path / 'one.sqlite'}", new_database(postgres_server)]
    for url in urls:
        assert cli("portfolio", "index", tmp_path / "firm", "--store", url).code == 0
    commands = [
        ("portfolio", "list", "--format", "json"),
        ("portfolio", "list", "--format", "csv", "--latest", "--today", TODAY),
        ("portfolio", "list", "--latest", "--today", TODAY),
        ("portfolio", "benchmark", str(acme), "--format", "json"),
        ("portfolio", "benchmark", str(acme), "--format", "json", "--any-profile", "--min-group", "3"),
        ("portfolio", "benchmark", str(acme)),
    ]
    for command in commands:
        one, two = (cli(*command, "--store", url) for url in urls)
        assert one.code == two.code == 0, (one.err, two.err)
        assert one.out == two.out, command
    assert '"p25": 25.0' in cli(*commands[3], "--store", urls[1]).out  # not a trivially empty output


def _index_process(folder: Path, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cx_audit", "portfolio", "index", str(folder), "--store", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_index_runs_at_once_neither_duplicate_nor_lose(tmp_path: Path, store_url: str) -> None:  # noqa: F811
    folder = tmp_path / "firm"
    bench_checklist(folder)
    count = 120
    for n in range(count):
        bench_audit(folder / f"a{n:03}.yaml", f"Client {n}", 1 + n % 5, 1 + (n // 5) % 5, date=f"2026-{1 + n % 12:02}-01")
    runs = [_index_process(folder, store_url) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in runs]
    for p, (_, err) in zip(runs, results, strict=True):
        assert p.returncode == 0, err
        assert err.strip().startswith(f"Indexed {count} audits (")
    rows = table_dump(store_url)
    assert len(rows["audits"]) == count
    assert len({r[0] for r in rows["audits"]}) == count
    assert len(rows["section_scores"]) == 2 * count
    assert len(rows["item_results"]) == 3 * count
    assert [r[0] for r in rows["cx_audit_schema"]] == [1]

    # A change while two runs re-index: still one row per audit, holding the new score.
    bench_audit(folder / "a000.yaml", "Client 0", 5, 5, date="2026-01-01")
    runs = [_index_process(folder, store_url) for _ in range(2)]
    for p in runs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    rows = table_dump(store_url)
    assert len(rows["audits"]) == count and len(rows["section_scores"]) == 2 * count
    a000 = next(r for r in rows["audits"] if str(r[0]).endswith("/a000.yaml"))
    assert a000[10] == 100.0
