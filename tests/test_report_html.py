"""The client's HTML report: numbers, escaping, self-containment, determinism, accessibility.

Reports are parsed with html.parser (tests/test_report_html_tree.py), never grepped for a
number. The expected figures for the mini checklist are worked out by hand in
tests/test_scoring.py; they are repeated here as the report shows them (1 decimal).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FULL, Cli, audit_text, write

__all__ = ["BASE", "FULL"]
from tests.test_report_html_tree import Node, parse, table_rows

# A quarter earlier: A2 "no" makes A3 not applicable; B3 unanswered.
BASE = """
A1: {value: 3}
A2: {value: "no"}
B1: {value: never}
B2: {value: 30}
C1: {value: 2}
"""

HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No branding file from the developer's machine may leak into a report."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def report(cli: Callable[..., object], tmp_path: Path, *args: str | Path, name: str = "out.html") -> tuple[str, Node]:
    out = tmp_path / name
    run = cli("report", *args, "--html", out)
    assert run.code == 0, run.err  # type: ignore[attr-defined]
    html = out.read_text(encoding="utf-8")
    return html, parse(html)


def section_table(doc: Node) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table_rows(doc.find("table", cls="scores"))}


@pytest.fixture
def audits(tmp_path: Path, mini: Path) -> dict[str, Path]:
    return {
        "full": write(tmp_path / "full.yaml", audit_text(FULL)),
        "base": write(tmp_path / "base.yaml", audit_text(BASE, site="Bracknell")),
    }


# --- one audit --------------------------------------------------------------------


def test_one_audit_shows_the_right_numbers(cli: Cli, tmp_path: Path, audits: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    html, doc = report(cli, tmp_path, audits["full"])
    # Overall and band, on the cover and in the table's total row.
    card = doc.find("div", cls="scorecard")
    # A1 is a critical failure: the band is capped at At risk, and the cover says why.
    assert "54.2" in card.text() and "At risk" in card.text()
    assert card.find("p", cls="capnote").text() == "Capped by 1 critical failure; the score alone earns Developing."
    rows = section_table(doc)
    # offer (2·0.25 + 1 + 0.75)/4 = 56.25 → 56.3 half-up; delivery 50.0; extra only N/A → not assessed
    assert rows["Offer"] == ["56.3", "Developing", "3 of 3"]
    assert rows["Delivery"] == ["50.0", "Developing", "3 of 3"]
    assert rows["Extra"] == ["—", "Not assessed", "1 of 1"]
    assert rows["Overall"] == ["54.2", "At risk capped by 1 critical failure", "100.0%"]
    # The action plan: critical first, then points lost; B1 and B2 tie, so checklist order.
    # The roadmap: one table per horizon (Now: A1; the rest Later), what to do first.
    plan = [row for t in doc.find_all("table", cls="plan") for row in table_rows(t)]
    assert [r[1].split()[2] for r in plan] == ["A1", "B1", "B2", "A3"]
    assert [r[-1] for r in plan] == ["25.0", "8.3", "8.3", "4.2"]
    assert "Critical failure" in plan[0][1]
    assert plan[0][1].startswith("Fix A1 A1")
    # The executive summary: the critical failure and the top actions, in order.
    summary = doc.find("section", **{"aria-labelledby": "summary"})
    crit = summary.find("div", cls="alert")
    assert "A1" in crit.text()
    top = summary.find("ol", cls="top-actions")
    assert [li.find("a", cls="id").text() for li in top.find_all("li")] == ["A1", "B1", "B2", "A3"]
    # All four actions together: every point lost, 100 − 54.17.
    assert summary.find("p", cls="gain").text().startswith("Together these four actions are worth 45.8 points")
    # Strongest and weakest sections (extra is not assessed, so it is in neither).
    cards = summary.find_all("div", cls="card")
    assert "Offer" in cards[0].text() and "Delivery" in cards[1].text()
    assert "Extra" not in cards[0].text() + cards[1].text()


def test_every_item_is_shown_with_its_status_never_as_zero(cli: Cli, tmp_path: Path, audits: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    _, doc = report(cli, tmp_path, audits["base"])
    items = {a.attrs["id"]: a for a in doc.find_all("article", cls="item")}
    assert set(items) == {"item-A1", "item-A2", "item-A3", "item-B1", "item-B2", "item-B3", "item-C1"}

    def facts(i: str) -> dict[str, str]:
        dl = items[i].find("dl", cls="answer")
        kids = [c for c in dl.children if isinstance(c, Node)]
        return {dt.text(): dd.text() for dt, dd in zip(kids[::2], kids[1::2], strict=True)}

    assert facts("item-A1")["Answer"] == "3 · Managed"
    assert items["item-A1"].find("div", cls="item-score").text() == "75.0 Partly met"
    assert facts("item-A2") == {"Answer": "No", "Points lost": "16.7"}  # 100·(2/4)·(1/3)·1
    assert "Below standard" in items["item-A2"].text()
    assert items["item-A2"].find("div", cls="rec").text() == "Recommendation Fix A2"
    assert facts("item-A3")["Status"].startswith("Not applicable")
    assert "Asked only when A2 is Yes." in facts("item-A3")["Status"]
    assert facts("item-B3")["Status"] == "Not answered"
    assert facts("item-B2")["Answer"] == "30 hours"
    for item in ("item-A3", "item-B3"):
        assert items[item].find("div", cls="item-score").text() in ("Not applicable", "Not answered")
        assert "0.0" not in items[item].text()
    _, doc = report(cli, tmp_path, tmp_path / "full.yaml", name="full.html")
    c1 = {a.attrs["id"]: a for a in doc.find_all("article", cls="item")}["item-C1"]
    assert "N/A — not counted" in c1.text() and "No data" in c1.text() and "0.0" not in c1.text()
    b3 = {a.attrs["id"]: a for a in doc.find_all("article", cls="item")}["item-B3"]
    assert "They like us" in b3.text() and "Recorded, not scored" in b3.text()


def test_a_checklist_with_no_scored_answer_still_renders(cli: Cli, tmp_path: Path, mini: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "empty.yaml", audit_text(""))
    _, doc = report(cli, tmp_path, path)
    assert section_table(doc)["Overall"][:2] == ["—", "Not assessed"]
    assert "could not be given an overall score" in doc.find("div", cls="lead").text()


# --- escaping and self-containment ------------------------------------------------


def test_hostile_text_is_escaped_everywhere(cli: Cli, tmp_path: Path, mini: Path) -> None:  # type: ignore[no-untyped-def]
    import yaml

    doc = yaml.safe_load(audit_text(FULL))
    doc["client"] = doc["site"] = doc["auditor"] = HOSTILE
    doc["answers"]["A1"]["note"] = HOSTILE
    doc["answers"]["B3"]["value"] = HOSTILE
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    for args in ((path,), (path, "--baseline", path), (path, path)):
        html, tree = report(cli, tmp_path, *args)
        assert not tree.find_all("script")
        assert not [n for n in tree.iter() if any(k.startswith("on") for k in n.attrs)]
        assert not tree.find_all("img")  # no logo configured, and the <img> in the text stays text
        assert tree.find("h1").text() == HOSTILE
        assert "<script>" not in html and "&lt;script&gt;" in html
    _, tree = report(cli, tmp_path, path)
    assert tree.find("p", cls="subtitle").text().startswith(HOSTILE)
    assert HOSTILE in tree.find("article", id="item-A1").text()
    assert HOSTILE in tree.find("article", id="item-B3").text()
    assert HOSTILE in tree.find("title").text()


def test_hostile_checklist_text_is_escaped_in_charts_too(cli: Cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from tests.conftest import MINI_CHECKLIST

    checklist = yaml.safe_load(MINI_CHECKLIST)
    checklist["title"] = HOSTILE
    for k, section in enumerate(checklist["sections"]):
        section["title"] = f"{HOSTILE} {k}"
        section["items"][0]["text"] = HOSTILE
        section["items"][0]["guidance"] = HOSTILE
    (tmp_path / "mini.yaml").write_text(yaml.safe_dump(checklist, sort_keys=False), encoding="utf-8")
    path = write(tmp_path / "a.yaml", audit_text(FULL.replace("C1: {na: true", "C1: {value: 2")))
    html, doc = report(cli, tmp_path, path, "--baseline", path)
    assert not doc.find_all("script") and "<script>" not in html
    radar = doc.find("svg", cls="chart-radar")
    labels = [t.text() for t in radar.find_all("text")]
    assert any(label.startswith("<script>") for label in labels), "the label is text, wrapped but intact"
    assert f"{HOSTILE} 0: This audit" in radar.find("desc").text()
    assert doc.find("article", id="item-A1").find("h4").text() == f"A1 {HOSTILE} Critical item"


def test_no_external_urls_scripts_or_fonts(cli: Cli, tmp_path: Path, audits: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    for args in ((audits["full"],), (audits["full"], "--baseline", audits["base"]), (audits["full"], audits["base"])):
        html, doc = report(cli, tmp_path, *args)
        for node in doc.iter():
            assert node.tag not in ("script", "link", "iframe", "object", "embed", "base")
            for key in ("src", "href", "xlink:href", "action", "poster", "srcset"):
                if key in node.attrs:
                    assert node.attrs[key].startswith(("#", "data:")), (node.tag, key, node.attrs[key])
        style = doc.find("style").text()
        assert "url(" not in style and "@import" not in style and "@font-face" not in style
        assert not re.search(r"https?://", html), "no address of any kind in the report"


def test_reports_are_byte_identical(cli: Cli, tmp_path: Path, audits: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    for args in ((audits["full"], "--baseline", audits["base"]), (audits["full"], audits["base"])):
        first, _ = report(cli, tmp_path, *args, name="one.html")
        second, _ = report(cli, tmp_path, *args, name="two.html")
        assert (tmp_path / "one.html").read_bytes() == (tmp_path / "two.html").read_bytes()
        assert first == second


# --- comparison and program --------------------------------------------------------


def test_baseline_gives_deltas_changes_and_critical_failures(cli: Cli, tmp_path: Path, audits: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    _, doc = report(cli, tmp_path, audits["full"], "--baseline", audits["base"])
    rows = section_table(doc)
    # baseline: offer (2·0.75 + 0)/3 = 50.0; delivery (0 + 0.25)/2 = 12.5; extra 50.0; overall 162.5/4 = 40.625
    assert rows["Offer"][:3] == ["50.0", "56.3", "▲ +6.3"]
    assert rows["Delivery"][:3] == ["12.5", "50.0", "▲ +37.5"]
    assert rows["Extra"][:3] == ["50.0", "—", "—"]
    assert rows["Overall"][:3] == ["40.6", "54.2", "▲ +13.6"]
    part = doc.find("section", **{"aria-labelledby": "comparison"})
    verdict = part.find("div", cls="card")
    assert "Regression" in verdict.text() and "1 new critical failure" in verdict.text()
    new, resolved = part.find_all("div", cls="card")[1:3]
    assert "A1" in new.text() and "None." in resolved.text()
    improved, regressed = part.find_all("table", cls="changes")
    # improved, biggest rise first: A2 0 → 100, B1 0 → 50, B2 25 → 50
    assert [r[0].split()[0] for r in table_rows(improved)] == ["A2", "B1", "B2"]
    assert table_rows(regressed) == [[table_rows(regressed)[0][0], "75.0", "25.0", "▼ −50.0"]]
    assert "Extra" in part.text()  # became not assessed
    scored_once = part.find_all("ul")[-1].text()
    assert "A3" in scored_once and "C1" in scored_once
    # Two of three sections assessed now: bars, with the baseline drawn for all three.
    bars = doc.find("svg", cls="chart-bars")
    drawn = [r.attrs["class"] for r in bars.find_all("rect") if r.parent is not None and "legend" not in r.parent.classes]
    assert drawn == ["current", "baseline", "current", "baseline", "baseline"]


def test_program_shows_sites_spread_and_mean_losses(cli: Cli, tmp_path: Path, audits: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    nosite = tmp_path / "third-visit.yaml"
    nosite.write_text(audit_text(FULL).replace("site: Crowthorne\n", ""), encoding="utf-8")
    _, doc = report(cli, tmp_path, audits["full"], audits["base"], nosite)
    sites = table_rows(doc.find("table", cls="sites"))
    # label: site, else the file name; then overall and the three sections, then critical failures
    assert sites == [
        ["Crowthorne", "54.2", "56.3", "50.0", "—", "1"],
        ["Bracknell", "40.6", "50.0", "12.5", "50.0", "0"],
        ["third-visit", "54.2", "56.3", "50.0", "—", "1"],
    ]
    cells = doc.find("table", cls="sites").find_all("td")
    assert cells[0].classes == {"overall", "tone-4"}  # Developing by score, capped at At risk by A1
    assert "tone-4" in cells[7].classes  # Bracknell's delivery, 12.5: At risk
    spread = {r[0]: r[1:] for r in table_rows(doc.find("table", cls="spread"))}
    # delivery over three audits: 50, 12.5, 50 → mean 37.5, population stdev 17.68
    assert spread["Delivery Least consistent"] == ["37.5", "At risk", "17.7", "12.5", "50.0", "3"]
    assert spread["Offer"] == ["54.2", "Developing", "2.9", "50.0", "56.3", "3"]
    assert spread["Extra"] == ["50.0", "Developing", "0.0", "50.0", "50.0", "1"]
    # Program actions: mean points lost over the audits that scored each item.
    from cx_audit.files.audit import load_audit
    from cx_audit.scoring.audit import score_audit
    from cx_audit.scoring.program import score_program
    from cx_audit.scoring.rounding import shown

    results = [score_audit(la.checklist, la.audit) for la in map(load_audit, (audits["full"], audits["base"], nosite))]
    expected = score_program(results).actions
    plan = [row for t in doc.find_all("table", cls="plan") for row in table_rows(t)]
    assert [r[1].split()[2] for r in plan] == [a.item.id for a in expected]  # after "Fix <id>", what to do
    assert [r[-1] for r in plan] == [f"{shown(a.mean_points_lost):.1f}" for a in expected]
    # Aggregates only: no item-by-item findings for a program.
    assert not doc.find_all("article", cls="item")


# --- accessibility and print ------------------------------------------------------


@pytest.mark.parametrize("kind", ["one", "baseline", "program"])
def test_structure_is_accessible(cli: Cli, tmp_path: Path, audits: dict[str, Path], kind: str) -> None:  # type: ignore[no-untyped-def]
    args = {
        "one": (audits["full"],),
        "baseline": (audits["full"], "--baseline", audits["base"]),
        "program": (audits["full"], audits["base"]),
    }[kind]
    html, doc = report(cli, tmp_path, *args)
    assert html.startswith("<!DOCTYPE html>")
    assert doc.find("html").attrs["lang"] == "en"
    headings = [int(n.tag[1]) for n in doc.iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert headings.count(1) == 1 and headings[0] == 1
    assert all(b <= a + 1 for a, b in zip(headings, headings[1:], strict=False)), "a heading level is skipped"
    for table in doc.find_all("table"):
        assert all(th.attrs.get("scope") == "col" for th in table.find("thead").find_all("th"))
        assert all(th.attrs.get("scope") == "row" for tb in table.find_all("tbody") for th in tb.find_all("th"))
    for svg in doc.find_all("svg", cls="chart"):
        assert svg.attrs["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert svg.attrs["aria-labelledby"] == f"{title.attrs['id']} {desc.attrs['id']}"
        assert title.text() and desc.text()
    ids = [n.attrs["id"] for n in doc.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), "ids are unique"
    for a in doc.find_all("a"):
        assert a.attrs["href"][1:] in ids, f"broken link {a.attrs['href']}"
    style = doc.find("style").text()
    assert "@page" in style and "break-inside: avoid" in style and "break-before: page" in style


def test_chart_is_a_radar_from_three_sections_else_bars(tmp_path: Path, mini: Path) -> None:
    from cx_audit.report.html import charts

    three = charts.section_chart("c", "t", ["a", "b", "c"], [charts.SeriesInput("now", (10.0, 50.0, 100.0), "current")])
    assert isinstance(three, charts.Radar)
    # The 100 point of the first axis sits straight above the centre, at the outer ring.
    assert three.series[0].dots[2].y != three.series[0].dots[0].y
    two = charts.section_chart("c", "t", ["a", "b"], [charts.SeriesInput("now", (10.0, None), "current")])
    assert isinstance(two, charts.Bars)
    assert [v.text for row in two.rows for v in row.values] == ["10.0", "not assessed"]
    sparse = charts.section_chart("c", "t", ["a", "b", "c"], [charts.SeriesInput("now", (10.0, None, 5.0), "current")])
    assert isinstance(sparse, charts.Bars), "a radar needs three scored axes"
    assert "b: now: not assessed." in sparse.desc


def test_two_section_checklist_draws_bars_with_the_baseline(cli: Cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        tmp_path / "duo.yaml",
        """
        format: cx-audit/checklist@1
        id: duo
        title: Duo
        version: 1.0.0
        sections:
          - {id: one, title: One, items: [{id: X1, text: First?}]}
          - {id: two, title: Two, items: [{id: Y1, text: Second?}]}
        """,
    )
    now = write(tmp_path / "now.yaml", audit_text("X1: {value: 4}\nY1: {value: 1}", checklist="duo.yaml"))
    then = write(tmp_path / "then.yaml", audit_text("X1: {value: 2}", checklist="duo.yaml"))
    _, doc = report(cli, tmp_path, now, "--baseline", then)
    svg = doc.find("svg", cls="chart-bars")
    assert [r.attrs["class"] for r in svg.find_all("rect")][:3] == ["current", "baseline", "current"]
    assert "Two: This audit (2026-11-22): 25.0; Baseline (2026-11-22): not assessed." in svg.find("desc").text()


# --- branding ------------------------------------------------------------------------

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b8d3a50000000049454e44ae426082"
)


def test_branding_from_the_working_folder(cli: Cli, tmp_path: Path, audits: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "logo.png").write_bytes(PNG_1PX)
    (tmp_path / "cx-audit.toml").write_text(
        '[branding]\nfirm = "Northgate & <Partners>"  # a comment\naccent = "#7A1F5C"\nlogo = "logo.png"\n', encoding="utf-8"
    )
    html, doc = report(cli, tmp_path, audits["full"])
    assert doc.find("div", cls="firm").text().startswith("Northgate & <Partners>")
    logo = doc.find("img", cls="logo")
    assert logo.attrs["src"].startswith("data:image/png;base64,") and logo.attrs["alt"] == "Northgate & <Partners>"
    assert "--accent: #7a1f5c;" in html
    assert "Prepared by Northgate & <Partners>" in doc.find("footer").text()


def test_branding_from_the_user_config_folder_and_light_accents(cli: Cli, tmp_path: Path, audits: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "config" / "cx-audit"
    config.mkdir(parents=True)
    (config / "cx-audit.toml").write_text('[branding]\naccent = "#ffd400"\n', encoding="utf-8")
    html, _ = report(cli, tmp_path, audits["full"])
    from cx_audit.files.branding import contrast

    ink = re.search(r"--accent-ink: (#[0-9a-f]{6});", html)
    on = re.search(r"--on-accent: (#[0-9a-f]{6});", html)
    assert ink and on
    assert contrast(ink.group(1), "#ffffff") >= 4.5, "text in the accent colour stays readable (AA)"
    assert contrast(on.group(1), "#ffd400") >= 4.5


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[branding]\naccent = "blue"\n', "branding.accent must be a colour written #rrggbb"),
        ('[branding]\ncolour = "#123456"\n', "branding.colour: unknown key"),
        ('[branding]\nlogo = "missing.png"\n', "branding.logo: cannot read"),
        ('[branding]\nlogo = "logo.bmp"\n', "use a .png, .jpg, .gif, .svg or .webp file"),
        ("[branding\n", "not valid TOML"),
    ],
)
def test_bad_branding_is_an_input_error(cli: Cli, tmp_path: Path, audits: dict[str, Path], toml: str, message: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cx-audit.toml").write_text(toml, encoding="utf-8")
    run = cli("report", audits["full"], "--html", tmp_path / "out.html")
    assert run.code == 2
    assert re.match(r"cx-audit\.toml(:\d+:\d+)?: ", run.err)  # positioned where the parser knows where
    assert message in run.err and len(run.err.strip().splitlines()) == 1
    assert not (tmp_path / "out.html").exists()


def test_simple_toml_fallback_for_python_310(tmp_path: Path) -> None:
    from cx_audit.errors import InputError
    from cx_audit.files.branding import _parse_simple_toml

    data = _parse_simple_toml('# top\n[branding]\nfirm = "A \\"B\\" # C"  # note\nlogo = \'x.png\'\n', tmp_path / "c.toml")
    assert data == {"branding": {"firm": 'A "B" # C', "logo": "x.png"}}
    with pytest.raises(InputError, match="reads only \\[table\\] and key"):
        _parse_simple_toml("[branding]\naccent = 5\n", tmp_path / "c.toml")


# --- startup cost ------------------------------------------------------------------


def test_the_cli_does_not_import_jinja2_at_startup() -> None:
    import subprocess
    import sys

    code = (
        "import sys, cx_audit.cli.app, cx_audit.cli.reports\n"
        "print(sorted(m for m in ('jinja2', 'cx_audit.report.html.page') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
