"""`trend`: series by client and site, the change per visit, the decline gate, every output.

The audits answer only the mini checklist's Offer section (A1 weight 2, A2 yes, A3 = 4
weight 1), so the overall is the Offer score: (2·A1/4 + 1 + 1) / 4 · 100, which gives
87.5, 75.0 and 62.5 for A1 = 3, 2, 1 (A1 = 1 is a critical failure).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import MINI_CHECKLIST, Cli, write


def visit(folder: Path, name: str, date: str | None, a1: int, site: str | None = "Crowthorne", client: str = "Acme Ltd") -> Path:
    lines = ["format: cx-audit/audit@1", "checklist: mini.yaml", f"client: {client}"]
    if site:
        lines.append(f"site: {site}")
    lines.append("auditor: J. Smith")
    if date:
        lines.append(f"date: {date}")
    lines += ["answers:", f"  A1: {a1}", "  A2: 'yes'", "  A3: 4"]
    return write(folder / name, "\n".join(lines) + "\n")


@pytest.fixture
def visits(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    visit(tmp_path, "c3.yaml", "2026-09-30", 1)  # given out of order on purpose
    visit(tmp_path, "c1.yaml", "2026-03-31", 3)
    visit(tmp_path, "c2.yaml", "2026-06-30", 2)
    visit(tmp_path, "b1.yaml", "2026-06-15", 4, site="Bracknell")
    visit(tmp_path, "h1.yaml", "2026-01-10", 2, site=None)
    visit(tmp_path, "h2.yaml", "2026-07-10", 4, site=None)
    return tmp_path


FILES = ["c3.yaml", "c1.yaml", "c2.yaml", "b1.yaml", "h1.yaml", "h2.yaml"]


def test_json_series_by_client_and_site_ordered_by_date(cli: Cli, visits: Path) -> None:
    run = cli("trend", *FILES, "--format", "json", cwd=visits)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["format"] == "cx-audit/trend@1"
    assert data["checklist"] == {"id": "mini", "version": "1.0.0", "title": "Mini checklist"}
    assert [(s["client"], s["site"]) for s in data["series"]] == [
        ("Acme Ltd", None),  # no site: one series named by the client
        ("Acme Ltd", "Bracknell"),
        ("Acme Ltd", "Crowthorne"),
    ]
    crow = data["series"][2]["visits"]
    assert [v["path"] for v in crow] == ["c1.yaml", "c2.yaml", "c3.yaml"]
    assert [v["date"] for v in crow] == ["2026-03-31", "2026-06-30", "2026-09-30"]
    assert [v["overall"] for v in crow] == [87.5, 75.0, 62.5]
    # 62.5 earns Developing, but A1 is a critical failure: the band is capped at the lowest
    assert [v["band"] for v in crow] == ["Leading", "Established", "At risk"]
    assert [v["change"] for v in crow] == [None, -12.5, -12.5]
    assert [v["critical_failures"] for v in crow] == [[], [], ["A1"]]
    assert crow[0]["sections"] == {"offer": 87.5, "delivery": None, "extra": None}
    # completeness: A1, A2, A3 of 6 applicable items (B1, B2, B3, C1 unanswered)
    assert crow[0]["completeness"] == 42.86
    head = data["series"][0]["visits"]
    assert [v["overall"] for v in head] == [75.0, 100.0] and head[1]["change"] == 25.0


def test_change_is_worked_out_from_the_scores_as_displayed(tmp_path: Path, cli: Cli) -> None:
    from cx_audit.scoring.rounding import delta

    # 33.349 shows as 33.3 and 33.35 as 33.4: the change shown is 0.1, not 0.001
    assert delta(33.35, 33.349) == 0.1


def test_fail_on_decline(cli: Cli, visits: Path) -> None:
    two = cli("trend", *FILES, "--fail-on-decline", "2", cwd=visits)
    assert two.code == 1
    assert two.err.strip().splitlines() == ["gate failed: Crowthorne: the overall score fell twice running (87.5, 75.0, 62.5)"]
    assert "2026-09-30" in two.out, "the output is printed before the gate fails"
    assert cli("trend", *FILES, "--fail-on-decline", "3", cwd=visits).code == 0
    assert cli("trend", *FILES, "--fail-on-decline", "1", cwd=visits).code == 1
    usage = cli("trend", *FILES, "--fail-on-decline", "0", cwd=visits)
    assert usage.code == 2 and "--fail-on-decline" in usage.err


def test_a_rise_at_the_last_visit_is_not_a_decline(cli: Cli, visits: Path) -> None:
    visit(visits, "c4.yaml", "2026-12-15", 4)
    assert cli("trend", *FILES, "c4.yaml", "--fail-on-decline", "1", cwd=visits).code == 0


def test_same_date_twice_in_a_series_names_both_files(cli: Cli, visits: Path) -> None:
    visit(visits, "again.yaml", "2026-06-30", 4)
    run = cli("trend", "c1.yaml", "c2.yaml", "again.yaml", "b1.yaml", cwd=visits)
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        "c2.yaml: is a visit to Acme Ltd, Crowthorne on 2026-06-30 like again.yaml; a series has one visit per date"
    ]
    assert run.out == ""
    # the same date at another site is fine
    assert cli("trend", "c2.yaml", "b1.yaml", cwd=visits).code == 0


def test_an_undated_audit_is_an_input_error(cli: Cli, visits: Path) -> None:
    visit(visits, "nodate.yaml", None, 2)
    run = cli("trend", "c1.yaml", "nodate.yaml", cwd=visits)
    assert run.code == 2
    assert run.err.strip() == "nodate.yaml: has no date; a trend orders visits by date (add date: YYYY-MM-DD)"


def test_another_checklist_is_an_input_error(cli: Cli, visits: Path) -> None:
    write(visits / "other.yaml", MINI_CHECKLIST.replace("id: mini", "id: other"))
    write(visits / "o.yaml", (visits / "c1.yaml").read_text().replace("mini.yaml", "other.yaml"))
    run = cli("trend", "c1.yaml", "o.yaml", cwd=visits)
    assert run.code == 2 and "uses checklist 'other'" in run.err


def test_table_and_markdown_one_row_per_visit(cli: Cli, visits: Path) -> None:
    table = cli("trend", *FILES, cwd=visits)
    assert table.code == 0
    rows = [line for line in table.out.splitlines() if re.match(r"\d{4}-\d\d-\d\d ", line)]
    assert len(rows) == 6
    assert rows[-1].split()[:6] == ["2026-09-30", "62.5", "-12.5", "At", "risk", "(capped)"]
    md = cli("trend", *FILES, "--format", "markdown", cwd=visits)
    assert "### Crowthorne" in md.out
    assert "| 2026-06-30 | 75.0 | -12.5 | Established | 42.9% | — | 75.0 | — | — |" in md.out
    assert "| 2026-09-30 | 62.5 | -12.5 | At risk — capped by 1 critical failure | 42.9% | `A1` | 62.5 | — | — |" in md.out


def test_json_path_html_and_xlsx_are_written_and_deterministic(cli: Cli, visits: Path) -> None:
    args = ["trend", *FILES, "--json", "t.json", "--html", "t.html", "--xlsx", "t.xlsx"]
    run = cli(*args, cwd=visits)
    assert run.code == 0, run.err
    assert "Wrote trend page to t.html" in run.err and "Wrote trend workbook to t.xlsx" in run.err
    assert json.loads((visits / "t.json").read_text())["format"] == "cx-audit/trend@1"
    first = {n: (visits / n).read_bytes() for n in ("t.json", "t.html", "t.xlsx")}
    assert cli(*args, cwd=visits).code == 0
    assert {n: (visits / n).read_bytes() for n in first} == first


def test_html_page_lines_points_and_tables(cli: Cli, visits: Path) -> None:
    assert cli("trend", *FILES, "--html", "t.html", cwd=visits).code == 0
    html = (visits / "t.html").read_text()
    overall = html.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    # three series; Bracknell (one visit) is a point without a line
    assert overall.count("<polyline") == 2
    assert overall.count("<circle") == 6
    assert "Bracknell, 2026-06-15: 100.0" in overall
    assert 'Bracknell <span class="muted">(one visit)</span>' in html
    assert html.count('<svg class="chart small"') == 3  # one small chart per section
    assert "not assessed at any visit" in html  # Delivery and Extra
    assert '<h3 id="series-3">Crowthorne' in html
    assert '<td class="num down">-12.5</td>' in html
    assert "http://" not in html and "https://" not in html and "<script" not in html


def test_html_escapes_user_text(cli: Cli, visits: Path) -> None:
    visit(visits, "x.yaml", "2026-02-01", 2, site="<b>Site</b> & co")
    assert cli("trend", "x.yaml", "c1.yaml", "--html", "t.html", cwd=visits).code == 0
    html = (visits / "t.html").read_text()
    assert "<b>Site</b>" not in html and "&lt;b&gt;Site&lt;/b&gt; &amp; co" in html


def test_xlsx_trend_sheet_and_native_chart(cli: Cli, visits: Path) -> None:
    assert cli("trend", *FILES, "--xlsx", "t.xlsx", cwd=visits).code == 0
    wb = load_workbook(visits / "t.xlsx")
    assert wb.sheetnames == ["Trend"]
    ws = wb["Trend"]
    header = [c.value for c in ws[22]]
    assert header == ["Client", "Site", "Date", "Overall", "Band", "Change", "Complete", "Critical failures",
                      "Offer", "Delivery", "Extra"]  # fmt: skip
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=23)]
    assert len(rows) == 6
    last = rows[-1]
    assert last[:2] == ["Acme Ltd", "Crowthorne"] and last[2].date().isoformat() == "2026-09-30"
    assert last[3:8] == [62.5, "At risk — capped by 1 critical failure", -12.5, 0.429, "A1"]  # 42.9 % as shown
    assert last[8:] == [62.5, None, None]
    assert ws["D23"].data_type == "n" and ws["C23"].is_date
    assert ws.auto_filter.ref == "A22:K28" and ws.print_title_rows == "$22:$22"
    (chart,) = ws._charts
    assert chart.tagname == "scatterChart" and len(chart.series) == 3
    refs = [(s.xVal.numRef.f, s.yVal.numRef.f) for s in chart.series]
    assert refs[2] == ("'Trend'!$C$26:$C$28", "'Trend'!$D$26:$D$28")  # Crowthorne's own dates and scores
    assert refs[1] == ("'Trend'!$C$25", "'Trend'!$D$25")  # one visit: one point


def test_sections_that_do_not_fit_continue_in_a_second_block() -> None:
    from cx_audit.outputs.trend import _blocks

    # Date 10, Overall 7, Change 6, Band 10, Compl. 6, Crit. 5: 44 characters and 5 spaces
    widths = [10, 7, 6, 10, 6, 5] + [4] * 13
    first, second = _blocks(widths, 100)
    assert first == list(range(6 + 10))  # ten sections of 4 + 1 fit beside the 49 fixed characters
    assert second == [0, 16, 17, 18]  # the date again, then the last three sections
    assert _blocks(widths[:9], 100) == [list(range(9))]
