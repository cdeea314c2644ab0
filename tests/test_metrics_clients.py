"""Real clients show a metric answer: Chromium renders it, LibreOffice reads its numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clients import chromium, libreoffice, read_png
from tests.conftest import Cli
from tests.test_metrics import AUDIT, CHECKLIST, NPS_LINE, nps_csv

pytestmark = pytest.mark.clients

CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


@pytest.fixture
def reports(cli: Cli, tmp_path: Path) -> Path:
    (tmp_path / "checklist.yaml").write_text(CHECKLIST, encoding="utf-8")
    audit = tmp_path / "audit.yaml"
    audit.write_text(AUDIT, encoding="utf-8")
    nps_csv(tmp_path / "q4.csv", 50, 30, 20)
    assert cli("metrics", tmp_path / "q4.csv", "--column", "2", "--kind", "nps", "--into", audit, "--item", "CM1").code == 0
    assert cli("report", audit, "--html", tmp_path / "r.html", "--xlsx", tmp_path / "r.xlsx").code == 0
    return tmp_path


def test_chromium_renders_the_metric_answer(reports: Path) -> None:
    png = reports / "r.png"
    chromium(reports, f"--screenshot={png}", "--window-size=1100,1600", (reports / "r.html").resolve().as_uri())
    width, height, _ = read_png(png)
    assert (width, height) == (1100, 1600)


def test_libreoffice_reads_the_metric_columns_as_numbers(reports: Path) -> None:
    libreoffice(reports, "--convert-to", CSV_ALL_SHEETS, "--outdir", reports / "csv", "r.xlsx")
    lines = (reports / "csv" / "r-Items.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",Metric value,n,95% CI low,95% CI high")
    cm1 = next(line for line in lines if ",CM1," in line)
    assert NPS_LINE in cm1
    assert cm1.endswith(",30.0,100,14.1,44.2"), "value, n, low and high as numbers, shown to 1 decimal"
