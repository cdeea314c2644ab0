"""The CLI as a CI job uses it: outputs, files, exit codes 0/1/2/3."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cx_audit.outputs.formats import CHOICES, Format, renderer
from cx_audit.report.deliverables import Deliverable
from cx_audit.report.deliverables import renderer as report_renderer
from tests.conftest import FULL, Cli, audit_text, run_subprocess, write


@pytest.fixture
def audit(tmp_path: Path, mini: Path) -> Path:
    return write(tmp_path / "a.yaml", audit_text(FULL))


def test_every_format_has_a_renderer() -> None:
    for choices, kind in CHOICES.items():
        for fmt in choices:
            assert callable(renderer(kind, Format(fmt.value))), (choices, fmt)
    for deliverable in Deliverable:
        assert callable(report_renderer(deliverable)), deliverable


def test_score_json_numbers(cli: Cli, audit: Path, tmp_path: Path) -> None:
    run = cli("score", "a.yaml", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["format"] == "cx-audit/result@1"
    assert data["checklist"] == {"id": "mini", "version": "1.0.0", "title": "Mini checklist"}
    assert data["audit"] == {
        "path": "a.yaml",
        "client": "Acme Ltd",
        "site": "Crowthorne",
        "auditor": "J. Smith",
        "date": "2026-11-22",
    }
    # A1 is a critical failure: the band is capped at the lowest (At risk); the score earns Developing.
    assert data["overall"] == {"score": 54.17, "band": "At risk", "band_by_score": "Developing", "completeness": 100.0}
    assert [(s["id"], s["score"], s["band"], s["answered"], s["applicable"]) for s in data["sections"]] == [
        ("offer", 56.25, "Developing", 3, 3),
        ("delivery", 50.0, "Developing", 3, 3),
        ("extra", None, None, 1, 1),
    ]
    items = {i["id"]: i for i in data["items"]}
    assert items["A1"] == {
        "id": "A1",
        "section": "offer",
        "status": "scored",
        "score": 25.0,
        "points_lost": 25.0,
        "critical": True,
        "failed": True,
    }
    assert items["B3"]["status"] == "unscored" and items["B3"]["score"] is None and items["B3"]["points_lost"] is None
    assert items["C1"]["status"] == "na"
    assert data["critical_failures"] == ["A1"]
    assert [(a["item"], a["points_lost"]) for a in data["actions"]] == [("A1", 25.0), ("B1", 8.33), ("B2", 8.33), ("A3", 4.17)]
    assert data["actions"][0]["recommendation"] == "Fix A1"


def test_score_table_is_default_and_shows_band_and_actions(cli: Cli, audit: Path, tmp_path: Path) -> None:
    run = cli("score", "a.yaml", cwd=tmp_path)
    assert run.code == 0
    first = run.out.splitlines()
    assert "Overall 54.2  At risk — capped by 1 critical failure" in run.out
    assert first[0].startswith("Mini checklist v1.0.0")
    assert "Critical failures" in run.out and "Top actions (of 4)" in run.out
    assert "\x1b[" not in run.out  # not a terminal: no colour codes


def test_score_writes_extra_files_in_the_same_run(cli: Cli, audit: Path, tmp_path: Path) -> None:
    run = cli(
        "score", "a.yaml", "--format", "markdown", "--json", "out/r.json", "--junit", "r.xml", "--markdown", "r.md", cwd=tmp_path
    )
    assert run.code == 2 and "folder out does not exist" in run.err  # a missing folder is an error, nothing half-written
    run = cli(
        "score", "a.yaml", "--format", "markdown", "--json", "r.json", "--junit", "r.xml", "--markdown", "r.md", cwd=tmp_path
    )
    assert run.code == 0, run.err
    assert json.loads((tmp_path / "r.json").read_text())["overall"]["score"] == 54.17
    assert (tmp_path / "r.md").read_text() == run.out
    assert "**Overall: 54.2** (At risk — capped by 1 critical failure)" in run.out
    suites = ET.parse(tmp_path / "r.xml").getroot()
    assert [s.get("name") for s in suites] == ["Offer", "Delivery", "Extra"]
    offer = suites[0]
    assert (offer.get("tests"), offer.get("failures"), offer.get("skipped")) == ("3", "1", "0")
    extra = suites[2]
    assert extra.find("testcase/skipped") is not None  # N/A → skipped
    failure = offer.find("testcase/failure")
    assert failure is not None and failure.get("type") == "critical failure"
    assert "Wrote json to r.json" in run.err


def test_junit_has_one_testcase_per_applicable_item(cli: Cli, tmp_path: Path, mini: Path) -> None:
    write(tmp_path / "a.yaml", audit_text("A1: {value: 4}\nA2: {value: no}"))
    run = cli("score", "a.yaml", "-f", "junit", cwd=tmp_path)
    root = ET.fromstring(run.out)
    names = [tc.get("name", "").split(":")[0] for tc in root.iter("testcase")]
    assert names == ["A1", "A2", "B1", "B2", "B3", "C1"]  # A3 is not applicable
    skipped = [tc.get("name", "").split(":")[0] for tc in root.iter("testcase") if tc.find("skipped") is not None]
    assert skipped == ["B1", "B2", "B3", "C1"]


def test_markdown_escapes_user_text(cli: Cli, tmp_path: Path, mini: Path) -> None:
    write(
        tmp_path / "a.yaml",
        audit_text("A1: 1").replace("client: Acme Ltd", "client: '<img src=x onerror=alert(1)> | [x](http://e)'"),
    )
    run = cli("score", "a.yaml", "-f", "markdown", cwd=tmp_path)
    assert "<img" not in run.out and "&lt;img" in run.out
    assert "[x](" not in run.out and "\\[x\\](http" in run.out  # brackets escaped: no link


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--fail-under", "54.2"], 0, ""),
        (["--fail-under", "54.25"], 1, "a.yaml: gate failed: overall score 54.2 is under 54.25"),
        (["--fail-on-critical"], 1, "a.yaml: gate failed: 1 critical failure(s): A1"),
        (["--require-complete"], 0, ""),
    ],
)
def test_gates_exit_codes(cli: Cli, audit: Path, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    run = cli("score", "a.yaml", "-f", "json", *args, cwd=tmp_path)
    assert run.code == code
    assert message in run.err
    assert json.loads(run.out)["overall"]["score"] == 54.17  # the output is still printed


def test_program_of_several_audits(cli: Cli, tmp_path: Path, mini: Path) -> None:
    write(tmp_path / "north.yaml", audit_text(FULL, site="North"))
    write(tmp_path / "south.yaml", audit_text("A1: {value: 4}\nA2: {value: no}\nB2: {value: 2}", site="South"))
    run = cli("score", "north.yaml", "south.yaml", "-f", "json", "--fail-under", "60", cwd=tmp_path)
    assert run.code == 1  # north is under 60; gates apply to each audit
    assert "north.yaml: gate failed" in run.err and "south.yaml" not in run.err
    data = json.loads(run.out)
    assert data["format"] == "cx-audit/program@1"
    assert [a["audit"]["site"] for a in data["audits"]] == ["North", "South"]
    o1, o2 = 162.5 / 3, (2 * 200 / 3 + 100) / 3
    assert data["overall"] == {"mean": round((o1 + o2) / 2, 2), "stdev": round(abs(o1 - o2) / 2, 2), "min": 54.17, "max": 77.78}
    assert data["sections"][1] == {"id": "delivery", "title": "Delivery", "mean": 75.0, "stdev": 25.0, "min": 50.0, "max": 100.0}
    assert data["actions"][0] == {"item": "A1", "section": "offer", "mean_points_lost": 12.5, "audits": 2, "horizon": "now"}
    table = cli("score", "north.yaml", "south.yaml", cwd=tmp_path)
    assert "Consistency across audits" in table.out and "North" in table.out


def test_program_needs_one_checklist(cli: Cli, tmp_path: Path, mini: Path) -> None:
    write(tmp_path / "a.yaml", audit_text(FULL))
    write(tmp_path / "b.yaml", audit_text("", checklist="quick-scan"))
    run = cli("score", "a.yaml", "b.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.err.strip() == "b.yaml: uses checklist 'quick-scan', but a.yaml uses 'mini'; a program needs one checklist"


def test_compare_json_and_regression_gate(cli: Cli, tmp_path: Path, mini: Path) -> None:
    write(tmp_path / "q1.yaml", audit_text(FULL))
    write(tmp_path / "q2.yaml", audit_text("A1: {value: 4}\nA2: {value: no}\nB2: {value: 2}\nC1: {value: 2}"))
    run = cli("compare", "q1.yaml", "q2.yaml", "-f", "json", "--fail-on-regression", cwd=tmp_path)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["format"] == "cx-audit/compare@1"
    assert data["overall"] == {"baseline": 54.17, "current": 70.83, "delta": 16.66}
    assert {i["id"]: i["change"] for i in data["items"]} == {"A1": "improved", "A2": "regressed", "B2": "improved"}
    a1 = next(i for i in data["items"] if i["id"] == "A1")
    assert (a1["baseline"], a1["current"], a1["delta"]) == (25.0, 100.0, 75.0)
    assert data["critical_failures"] == {"new": [], "resolved": ["A1"]}
    back = cli("compare", "q2.yaml", "q1.yaml", "--fail-on-regression", cwd=tmp_path)
    assert back.code == 1
    assert "REGRESSION" in back.out and "New critical failures: A1" in back.out
    assert "q1.yaml: gate failed: regression against q2.yaml" in back.err
    md = cli("compare", "q2.yaml", "q1.yaml", "-f", "markdown", cwd=tmp_path)
    assert "**Regression**" in md.out and "| Offer | 66.7 | 56.3 | -10.4 |" in md.out


def test_usage_errors_exit_2(cli: Cli, audit: Path, tmp_path: Path) -> None:
    assert cli("score", "a.yaml", "--format", "pdf", cwd=tmp_path).code == 2
    assert cli("score", cwd=tmp_path).code == 2
    assert cli("nonsense", cwd=tmp_path).code == 2
    run = cli("report", "a.yaml", cwd=tmp_path)
    assert run.code == 2 and "--html" in run.err
    missing = cli("score", "nope.yaml", cwd=tmp_path)
    assert missing.code == 2 and missing.err.strip() == "nope.yaml: no such file"


def test_internal_error_exit_3_with_debug_traceback(
    cli: Cli, audit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cx_audit.scoring.audit

    def boom(*_: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(cx_audit.scoring.audit, "score_audit", boom)
    run = cli("score", "a.yaml", cwd=tmp_path)
    assert run.code == 3
    assert run.err.strip().splitlines() == [
        "cx-audit: internal error (ZeroDivisionError: simulated bug); this is a bug — rerun with --debug for the traceback"
    ]
    debug = cli("--debug", "score", "a.yaml", cwd=tmp_path)
    assert debug.code == 3 and "Traceback (most recent call last)" in debug.err


def test_checklists_commands(cli: Cli, tmp_path: Path, mini: Path) -> None:
    listing = cli("checklists", "list")
    ids = [line.split()[0] for line in listing.out.splitlines()]
    assert ids == ["customer-pulse", "customer-value", "cx-essentials", "quick-scan", "retention-loyalty", "staff-pulse"]
    ok = cli("checklists", "validate", "mini.yaml", cwd=tmp_path)
    assert ok.code == 0 and ok.out.strip() == "mini.yaml: ok (mini 1.0.0, 3 sections, 7 items)"
    write(tmp_path / "bad.yaml", "format: cx-audit/checklist@1\nid: bad\ntitle: B\nversion: 1.0\nsections: []\n")
    bad = cli("checklists", "validate", "mini.yaml", "bad.yaml", cwd=tmp_path)
    assert bad.code == 2
    assert bad.err.splitlines() == [
        'bad.yaml:4:10: version must read as text: write "1.0" in quotes (a bare 1.0 is a number)',
        "bad.yaml:5:11: sections must be a non-empty list, not a list",
    ]
    show = cli("checklists", "show", "mini.yaml", cwd=tmp_path)
    assert show.code == 0 and "A3" in show.out and "when A2 is yes" in show.out


def test_checklists_export_pins_the_file(cli: Cli, tmp_path: Path) -> None:
    run = cli("checklists", "export", "quick-scan", "-o", "qs.yaml", cwd=tmp_path)
    assert run.code == 0
    from cx_audit.files.registry import builtin_dir

    assert (tmp_path / "qs.yaml").read_bytes() == (builtin_dir() / "quick-scan.yaml").read_bytes()
    again = cli("checklists", "export", "quick-scan", "-o", "qs.yaml", cwd=tmp_path)
    assert again.code == 2 and "already exists; use --force" in again.err
    assert cli("checklists", "export", "quick-scan", "-o", "qs.yaml", "--force", cwd=tmp_path).code == 0


def test_cx_audit_path_folder(cli: Cli, tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "mini.yaml").write_text(mini.read_text())
    monkeypatch.setenv("CX_AUDIT_PATH", str(lib))
    write(tmp_path / "a.yaml", audit_text("A1: 4", checklist="mini"))
    run = cli("score", "a.yaml", "-f", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "mini" in cli("checklists", "list").out


def test_subprocess_version_help_and_no_color(tmp_path: Path, audit: Path) -> None:
    from cx_audit import __version__

    assert run_subprocess("--version").out.strip() == f"cx-audit {__version__}"
    for args in ([], ["score"], ["report"], ["compare"], ["checklists"], ["checklists", "list"]):
        run = run_subprocess(*args, "--help")
        assert run.code == 0 and "Usage:" in run.out, args
    run = run_subprocess("score", "a.yaml", cwd=tmp_path)
    assert run.code == 0 and "\x1b[" not in run.out


def test_broken_pipe_is_not_a_gate_failure(cli: Cli, audit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    def closed(_: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys.stdout, "write", closed)
    run = cli("score", "a.yaml", "-f", "json", cwd=tmp_path)
    assert run.code == 141 and run.err == ""


def test_control_characters_never_reach_xml_or_html(cli: Cli, tmp_path: Path, mini: Path) -> None:
    write(tmp_path / "a.yaml", audit_text('A1: {value: 1, note: "pasted\\x0bfrom Word\\x01"}').replace("Acme Ltd", '"Acme\\x7f"'))
    run = cli("score", "a.yaml", "-f", "junit", cwd=tmp_path)
    root = ET.fromstring(run.out)  # parses: no illegal characters
    assert "pasted\ufffdfrom Word\ufffd" in ET.tostring(root, encoding="unicode")
    assert cli("report", "a.yaml", "--html", "r.html", cwd=tmp_path).code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "\x0b" not in html and "\x01" not in html and "\x7f" not in html and "pasted\ufffdfrom Word" in html


def test_program_reports_across_checklist_versions(cli: Cli, tmp_path: Path) -> None:
    """A later edition adds an item and a section; the first audit predates both."""
    head = "format: cx-audit/checklist@1\nid: verx\ntitle: V\nversion: '{v}'\nsections:\n"
    s1 = "  - {id: s1, title: S1, items: [{id: A1, text: a}%s]}\n"
    write(tmp_path / "v1.yaml", head.format(v="1.0") + s1 % "")
    write(
        tmp_path / "v2.yaml",
        head.format(v="2.0") + s1 % ", {id: A2, text: b}" + "  - {id: s2, title: S2, items: [{id: B1, text: c}]}\n",
    )
    audit = "format: cx-audit/audit@1\nchecklist: {{id: verx, path: {c}}}\nclient: x\nsite: {site}\nauditor: y\nanswers: {a}\n"
    write(tmp_path / "q1.yaml", audit.format(c="v1.yaml", site="Old", a="{A1: 2}"))
    write(tmp_path / "q2.yaml", audit.format(c="v2.yaml", site="New", a="{A1: 4, A2: 0, B1: 3}"))
    run = cli("report", "q1.yaml", "q2.yaml", "--html", "p.html", "--xlsx", "p.xlsx", cwd=tmp_path)
    assert run.code == 0, run.err
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "p.xlsx")
    items = [row[1] for row in book["Items"].iter_rows(min_row=2, values_only=True)]
    assert items == ["A1", "A2", "B1"]
    sites = {row[0]: row for row in book["Sites"].iter_rows(min_row=2, values_only=True) if row[0] in ("Old", "New")}
    header = [c.value for c in book["Sites"][1]]
    s2 = header.index("S2")
    assert sites["Old"][s2] is None and sites["New"][s2] == 75.0
    data = json.loads(cli("score", "q1.yaml", "q2.yaml", "-f", "json", cwd=tmp_path).out)
    assert [(s["id"], s["mean"]) for s in data["sections"]] == [("s1", 50.0), ("s2", 75.0)]
