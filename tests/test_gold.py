"""Every text output and both HTML reports, pinned byte for byte (see tests/gold/README.md)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.goldtest import GOLD, check_gold

INPUTS = GOLD / "inputs"
ONE = ["acme-q4.yaml"]
PROGRAM = ["acme-q4.yaml", "acme-bracknell.yaml", "acme-reading.yaml", "acme-q3.yaml"]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the inputs as the working folder, at a fixed terminal width, no colour."""
    folder = tmp_path / "audits"
    shutil.copytree(INPUTS, folder)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "junit"])
@pytest.mark.parametrize("kind,audits", [("audit", ONE), ("program", PROGRAM)])
def test_score(cli: Callable[..., Run], work: Path, kind: str, audits: list[str], fmt: str) -> None:
    r = cli("score", *audits, "--format", fmt)
    assert r.code == 0, r.err
    check_gold(f"score-{kind}.{_ext(fmt)}", r.out)


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_compare(cli: Callable[..., Run], work: Path, fmt: str) -> None:
    r = cli("compare", "acme-q3.yaml", "acme-q4.yaml", "--format", fmt)
    assert r.code == 0, r.err
    check_gold(f"compare.{_ext(fmt)}", r.out)


@pytest.mark.parametrize(
    "name,args",
    [
        ("report-audit.html", [*ONE]),
        ("report-program.html", [*PROGRAM]),
        ("report-baseline.html", [*ONE, "--baseline", "acme-q3.yaml"]),
    ],
)
def test_html_report(cli: Callable[..., Run], work: Path, name: str, args: list[str]) -> None:
    r = cli("report", *args, "--html", "out.html")
    assert r.code == 0, r.err
    check_gold(name, (work / "out.html").read_text(encoding="utf-8"))


TREND = ["acme-q4.yaml", "acme-bracknell.yaml", "acme-reading.yaml", "acme-q3.yaml"]


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_trend(cli: Callable[..., Run], work: Path, fmt: str) -> None:
    r = cli("trend", *TREND, "--format", fmt)
    assert r.code == 0, r.err
    check_gold(f"trend.{_ext(fmt)}", r.out)


def test_trend_page(cli: Callable[..., Run], work: Path) -> None:
    r = cli("trend", *TREND, "--html", "out.html")
    assert r.code == 0, r.err
    check_gold("trend.html", (work / "out.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_actions_list(cli: Callable[..., Run], work: Path, fmt: str) -> None:
    r = cli("actions", "list", "acme-q3-tracked.yaml", "--today", "2026-11-22", "--format", fmt)
    assert r.code == 0, r.err
    check_gold(f"actions.{_ext(fmt)}", r.out)


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_compare_with_followup(cli: Callable[..., Run], work: Path, fmt: str) -> None:
    r = cli("compare", "acme-q3-tracked.yaml", "acme-q4.yaml", "--format", fmt)
    assert r.code == 0, r.err
    check_gold(f"compare-followup.{_ext(fmt)}", r.out)


def _ext(fmt: str) -> str:
    return {"table": "txt", "json": "json", "markdown": "md", "junit": "xml"}[fmt]
