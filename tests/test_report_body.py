"""A report that is sent as it is (SPEC Part 3): the body first, the findings as an
appendix, the roadmap, a compact since-last-visit, contents and bookmarks, the page
budget, draft marking and the consultant's own recommendation (issue 20)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cx_audit.files.audit import load_audit
from cx_audit.report.html.render import css_string, render_html
from cx_audit.report.input import build_input
from cx_audit.scoring.audit import AuditResult, score_audit
from tests.conftest import FULL, Cli, audit_text, need_program, write
from tests.test_report_html_tree import parse, table_rows

BODY_BUDGET = 16  # A4 pages, the SPEC's budget for the demo's current audit


def scored(*paths: Path) -> list[AuditResult]:
    return [score_audit(la.checklist, la.audit) for la in map(load_audit, paths)]


@pytest.fixture(scope="module")
def demo(shared_demo: Path) -> Path:
    """The demo (flagship, baseline, voices, metrics), made once for the run."""
    return shared_demo


def demo_input(demo: Path):  # type: ignore[no-untyped-def]
    current, base = scored(demo / "harrogate-2026-11.yaml", demo / "harrogate-2026-08.yaml")
    return build_input([current], base)


def test_demo_body_fits_the_budget_with_parts_bookmarked(demo: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    doc = weasyprint.HTML(string=render_html(demo_input(demo), pdf=True)).render()
    start = {key: i for i, p in enumerate(doc.pages) for key in p.anchors}
    body = start["findings"]  # pages before the appendix starts
    assert body <= BODY_BUDGET, f"the body runs to {body} pages"
    # The body's parts in the SPEC's order, then the appendix, one bookmark each.
    order = ["summary", "scores", "voices", "comparison", "actions", "findings", "about"]
    assert [start[k] for k in order] == sorted(start[k] for k in order)
    marks = [(label, dest[0]) for label, dest, _children, _state in doc.make_bookmark_tree()]
    assert marks == [
        ("Brookfield Kitchens Ltd", 0),
        ("Part 1 · Executive summary", start["summary"]),
        ("Part 2 · Scores by section", start["scores"]),
        ("Part 3 · Voices: how each role sees it", start["voices"]),
        ("Part 4 · Progress since the baseline", start["comparison"]),
        ("Part 5 · Action plan: the roadmap", start["actions"]),
        ("Appendix A · Findings item by item", start["findings"]),
        ("Appendix B · About this report", start["about"]),
    ]


@pytest.mark.clients
def test_demo_pdf_contents_give_the_right_page_numbers(demo: Path) -> None:
    """The demo's own PDF: the contents on the cover name each part's page, and the
    body (up to the appendix) is at most 16 pages, counted with pdftotext."""
    pdftotext = need_program("pdftotext")
    pdf = demo / "harrogate-2026-11-report.pdf"
    pages = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages_text = pages.split("\f")
    cover = pages_text[0]
    listed = dict(re.findall(r"(Part \d|Appendix [AB]) .*?\.{3,}\s*(\d+)", cover))
    # summary, scores, voices, comparison, how you compare (the demo benchmarks), action plan
    assert set(listed) == {"Part 1", "Part 2", "Part 3", "Part 4", "Part 5", "Part 6", "Appendix A", "Appendix B"}
    for label, page in listed.items():
        assert label.upper() in pages_text[int(page) - 1].replace("PA RT", "PART"), (label, page)
    assert int(listed["Appendix A"]) - 1 <= BODY_BUDGET


def test_demo_roadmap_and_compact_since_last_visit(demo: Path) -> None:
    inp = demo_input(demo)
    doc = parse(render_html(inp))
    groups = [h.text().split(" ·")[0] for h in doc.find_all("h3", cls="horizon")]
    assert groups == ["Now", "Next 90 days", "Later"]
    tables = doc.find_all("table", cls="roadmap")
    counts = [len(table_rows(t)) for t in tables]
    assert counts == [1, 7, 48] and sum(counts) == len(inp.main.actions)
    # Now is the critical failure; Now + Next lose at least half of the 28 points lost.
    lost = [r.points_lost or 0.0 for r in inp.main.actions]
    assert inp.main.actions[0].critical_failure and sum(lost[:8]) >= sum(lost) / 2 > sum(lost[:7])
    # What to do leads each action: the recommendation comes before the item id.
    first = table_rows(tables[0])[0][1]
    assert first.startswith(inp.main.actions[0].item.recommendation.split()[0])
    # Since the last visit: ten each at most, and the rest counted.
    c = inp.comparison
    assert c is not None
    improved = [ch for ch in c.changed if ch.change == "improved"]
    assert len(improved) > 10
    html = render_html(inp)
    assert f'Items that improved most <span class="muted">({len(improved)})</span>' in html
    assert f"And {len(improved) - 10} more items, by less" in html
    followup = doc.find("table", cls="followup")
    assert len(table_rows(followup)) <= 20 + sum(1 for f in c.followup if f.flagged)
    assert "more actions not listed" in html


def test_no_appendix_leaves_the_findings_out_and_links_nothing_missing(cli: Cli, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "body.html"
    run = cli(
        "report", demo / "harrogate-2026-11.yaml", "--baseline", demo / "harrogate-2026-08.yaml", "--html", out, "--no-appendix"
    )
    assert run.code == 0, run.err
    html = out.read_text(encoding="utf-8")
    assert 'id="findings"' not in html and "<article" not in html
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert {h[1:] for h in re.findall(r'href="(#[^"]+)"', html)} <= ids  # every link has its target
    assert "Appendix A · About this report" in html
    full = render_html(demo_input(demo))
    assert 'id="findings"' in full and len(full) > 2 * len(html)


DRAFT = """
A1: {value: 1}
A2: {value: "yes"}
A3: {value: 3}
B1: {value: always}
"""


def test_an_incomplete_audit_is_a_draft(mini: Path, tmp_path: Path, cli: Cli) -> None:
    draft = write(tmp_path / "draft.yaml", audit_text(DRAFT))
    full = write(tmp_path / "full.yaml", audit_text(FULL))
    (r,) = scored(draft)
    html = render_html(build_input([r]))
    doc = parse(html)
    # 4 of 7 applicable items answered (A3 applies as A2 is yes)
    assert html.count("Draft: 4 of 7 items answered") == 2  # the cover and the summary
    assert "@top-right {\n    content: " + css_string("Draft: 4 of 7 items answered") in html  # every printed page
    assert "(provisional)" in doc.find("div", cls="scorecard").text()
    # Strongest/weakest: Delivery (1 of 3 answered, 100.0) is not named; Offer (3 of 3) is.
    cards = {c.find("h3").text(): c.text() for c in doc.find_all("div", cls="card")}
    assert "Offer" in cards["Strongest sections"] and "Delivery" not in cards["Strongest sections"]
    assert "Delivery" not in cards["Weakest sections"]
    # With a baseline: how complete each is.
    current, base = scored(draft, full)
    text = parse(render_html(build_input([current], base))).text()
    assert "this audit 57.1%, the baseline 100.0%" in text
    assert "this audit is 57.1% complete, the baseline 100.0%" in text
    # JSON: nothing changes but new keys.
    a, b = (json.loads(cli("score", p, "--format", "json").out) for p in (draft, full))
    assert a.keys() == b.keys() and a["overall"].keys() == b["overall"].keys()
    assert a["overall"]["band"] in {"At risk", "Developing", "Established", "Leading"}
    # A complete audit says nothing of drafts.
    assert "Draft:" not in render_html(build_input(scored(full)))


OWN = 'A1: {value: 1, recommendation: "Dana trains the two new starters on the offer by March."}\n'


def test_the_consultants_recommendation_replaces_the_checklists(mini: Path, tmp_path: Path, cli: Cli) -> None:
    audit = write(
        tmp_path / "own.yaml", audit_text(OWN + FULL.replace('A1: {value: 1, note: "Only one person could say it"}\n', ""))
    )
    own = "Dana trains the two new starters on the offer by March."
    d = json.loads(cli("score", audit, "--format", "json").out)
    assert d["actions"][0] == {"item": "A1", "section": "offer", "points_lost": 25.0, "recommendation": own, "horizon": "now"}
    assert "Fix A1" not in json.dumps(d)
    md = cli("score", audit, "--format", "markdown").out
    assert own in md and "Fix A1" not in md
    assert cli("report", audit, "--html", tmp_path / "r.html", "--xlsx", tmp_path / "r.xlsx").code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert own in html and "Fix A1" not in html
    ws = load_workbook(tmp_path / "r.xlsx")["Actions"]
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Recommendation") + 1).value == own
    assert ws.cell(2, header.index("Horizon") + 1).value == "Now"
    # The other items keep the checklist's words.
    assert any(a["recommendation"] == "Fix B1" for a in d["actions"])


@pytest.mark.parametrize(
    "answer,message",
    [
        ("A1: {value: 1, recommendation: 3}", "'recommendation' must be text, not 3"),
        ("A1: {value: 1, recommendation: ''}", "'recommendation' must not be empty"),
        ("A1: {value: 1, recommendation: " + "x" * 10_001 + "}", "a recommendation is at most 10,000 characters"),
    ],
)
def test_a_bad_recommendation_is_an_input_error(mini: Path, tmp_path: Path, cli: Cli, answer: str, message: str) -> None:
    audit = write(tmp_path / "bad.yaml", audit_text(answer))
    run = cli("score", audit)
    assert run.code == 2 and message in run.err and "Traceback" not in run.err
    assert re.match(rf"{re.escape(str(audit))}:8:\d+: ", run.err)  # the answer's line
