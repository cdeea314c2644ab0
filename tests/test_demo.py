"""`cx-audit demo`: realistic audits, both reports, and never clobbering earlier work."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from cx_audit.demo import data as demo_data
from cx_audit.demo import peers as demo_peers
from cx_audit.demo.run import demo_checklist, demo_files
from tests.conftest import Cli
from tests.test_report_html_tree import parse, table_rows

NAMES = [
    "harrogate-2026-05.yaml",
    "harrogate-2026-08.yaml",
    "harrogate-2026-11-report.html",
    "harrogate-2026-11-report.xlsx",
    "harrogate-2026-11-readout.pptx",
    "harrogate-2026-11.yaml",
    "survey-recommend-2026-11.csv",
    "survey-satisfaction-2026-11.csv",
]
# The fictional peer businesses (demo/peers.py) and the demo's own portfolio store.
PEERS = [f"peers/{p.slug}-{p.date:%Y-%m}.yaml" for p in demo_peers.PEERS]
STORE = "portfolio.sqlite"
PDF = "harrogate-2026-11-report.pdf"  # written when the extra 'pdf' is installed, as in CI
EVIDENCE = ["evidence/complaint-reply-times.png", "evidence/facebook-pinned-post.png", "evidence/showroom-lead-time-board.jpg"]


def _written(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _expected_pdf() -> bool:
    """Whether the demo writes its PDF here: the extra 'pdf' is installed (and not hidden)."""
    from importlib.util import find_spec

    return find_spec("weasyprint") is not None


def _expected() -> list[str]:
    return sorted(NAMES + EVIDENCE + PEERS + [STORE] + ([PDF] if _expected_pdf() else []))


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def test_demo_writes_two_audits_and_both_reports(  # type: ignore[no-untyped-def]
    cli: Cli, tmp_path: Path, shared_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Also byte-identical to the demo made in another process (shared_demo), in another
    # folder, at another time. This run leaves out the PDF (3.5 s of WeasyPrint): the
    # shared demo has it (below), and tests/test_pdf_clients.py compares two processes' PDFs.
    if _expected_pdf():
        assert (shared_demo / PDF).read_bytes().startswith(b"%PDF-")
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    run = cli("demo")
    assert run.code == 0, run.err
    folder = tmp_path / "cx-audit-demo"
    assert _written(folder) == _expected()
    files = demo_files(folder)
    lines = run.err.splitlines()
    assert lines[:5] == [
        f"Wrote the first audit (13 May 2026) to {Path('cx-audit-demo') / files.first.name}",
        f"Wrote the baseline audit (13 August 2026) to {Path('cx-audit-demo') / files.baseline.name}",
        f"Wrote the current audit (20 November 2026) to {Path('cx-audit-demo') / files.current.name}",
        f"Wrote HTML report to {Path('cx-audit-demo') / files.html.name}",
        f"Wrote Excel workbook to {Path('cx-audit-demo') / files.xlsx.name}",
    ]
    assert any(line.strip().startswith("cx-audit compare ") for line in lines)
    # The audit files are ordinary audits: they load, and score as the report says.
    score = cli("score", files.current, "--format", "json")
    assert score.code == 0, score.err
    import json

    result = json.loads(score.out)
    # Scored with the retail profile; CX5 is a critical failure, so the band is capped at
    # Developing (the flagship's critical_cap) while the score alone earns Established.
    assert result["profile"] == {"id": "retail", "title": "Retail (shops and online stores selling to the public)"}
    assert result["overall"]["band"] == "Developing"
    assert result["overall"]["band_by_score"] == "Established"
    assert result["critical_failures"] == ["CX5"]
    assert "scores 72.0 (Developing — capped by 1 critical failure), up from 59.4" in run.err
    html = files.html.read_text(encoding="utf-8")
    assert "Capped by 1 critical failure; the score alone earns Established." in html
    doc = parse(html)
    assert doc.find("h1").text() == demo_data.CLIENT
    overall = {r[0]: r[1:] for r in table_rows(doc.find("table", cls="scores"))}["Overall"]
    assert overall[1] == f"{result['overall']['score']:.1f}"
    comparison = doc.find("section", **{"aria-labelledby": "comparison"})
    assert "CX4" in comparison.find_all("div", cls="card")[2].text()  # resolved since the baseline
    _same_bytes(folder, shared_demo)


def _same_bytes(mine_folder: Path, shared_demo: Path) -> None:
    for name in _expected():
        if name == STORE:
            continue  # it holds each audit's absolute path, which differs between the two folders
        mine, shared = (mine_folder / name).read_bytes(), (shared_demo / name).read_bytes()
        if mine != shared and name.endswith(".yaml"):
            import difflib

            diff = difflib.unified_diff(shared.decode().splitlines(), mine.decode().splitlines(), lineterm="")
            pytest.fail(f"{name} differs:\n" + "\n".join(list(diff)[:40]))
        assert mine == shared, name


def test_demo_workbook_opens(shared_demo: Path) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(demo_files(shared_demo).xlsx)
    assert {"Summary", "Items", "Actions"} <= set(book.sheetnames)


def test_demo_refuses_to_overwrite_without_force(  # type: ignore[no-untyped-def]
    cli: Cli, tmp_path: Path, shared_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the forced run's PDF is not what this test reads
    folder = tmp_path / "here"
    shutil.copytree(shared_demo, folder)  # a demo made earlier, as `cx-audit demo` leaves it
    files = demo_files(folder)
    files.current.write_text(files.current.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    again = cli("demo", folder)
    assert again.code == 2
    assert again.err.strip().splitlines() == [
        f"{files.first}: already exists (an earlier demo?); use --force to replace the demo files"
    ]
    assert files.current.read_text(encoding="utf-8").endswith("# my edits\n")
    forced = cli("demo", folder, "--force")
    assert forced.code == 0, forced.err
    assert not files.current.read_text(encoding="utf-8").endswith("# my edits\n")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine", "other files are left alone"


def test_demo_refuses_when_only_a_report_is_left(cli: Cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / NAMES[2]).write_text("old report", encoding="utf-8")
    run = cli("demo", folder)
    assert run.code == 2 and NAMES[2] in run.err
    assert sorted(p.name for p in folder.iterdir()) == [NAMES[2]], "nothing written before refusing"


def test_demo_into_a_file_is_an_error(cli: Cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "f").write_text("x", encoding="utf-8")
    run = cli("demo", tmp_path / "f")
    assert run.code == 2 and "is a file, not a folder" in run.err


def test_demo_data_tells_a_believable_story() -> None:
    from cx_audit.demo import survey
    from cx_audit.demo.run import build_answers
    from cx_audit.files import registry
    from cx_audit.files.profiles import apply_profile
    from cx_audit.model import Audit, ChecklistRef
    from cx_audit.scoring.audit import Status, score_audit
    from cx_audit.scoring.compare import compare

    checklist = apply_profile(registry.resolve(demo_checklist()), demo_data.PROFILE)
    results = {}
    for name, answers, day in (
        ("baseline", demo_data.BASELINE, demo_data.BASELINE_DATE),
        ("current", demo_data.CURRENT, demo_data.CURRENT_DATE),
    ):
        audit = Audit(
            ChecklistRef(checklist.id), client=demo_data.CLIENT, date=day, profile=demo_data.PROFILE,
            answers=build_answers(checklist, answers),
        )  # fmt: skip
        if name == "current":
            survey.add_survey(audit, checklist)  # as run.py does
        results[name] = r = score_audit(checklist, audit)
        unanswered = [i.item.id for i in r.items if i.status == Status.unanswered]
        # Every applicable item is answered; in November CV5 and CV1 come from the survey exports.
        assert unanswered == (["CV1", "CV5"] if name == "current" else []), unanswered
        assert sum(1 for i in r.items if i.status in (Status.na, Status.not_applicable)) >= 1
        notes = sum(1 for i in r.items if i.answer is not None and i.answer.note)
        assert notes >= 40
        # A range of scores: Leading starts at 90 in the flagship's second edition, so the
        # current audit's best sections (89.3, 87.5) are Established; the spread is what matters.
        bands = {s.band for s in r.sections}
        spread = [s.score for s in r.sections if s.score is not None]
        assert len(bands) >= 2 and max(spread) - min(spread) >= 30, "a range of scores"
    current, baseline = results["current"], results["baseline"]
    assert 80 <= (demo_data.CURRENT_DATE - demo_data.BASELINE_DATE).days <= 100, "a quarter earlier"
    assert [i.item.id for i in current.critical_failures] == ["CX5"]
    # In August 23 of 30 would come back: below the 80 % line, a critical failure too.
    assert [i.item.id for i in baseline.critical_failures] == ["CV2", "CX4"]
    assert (current.band_by_score, current.band) == ("Established", "Developing"), "a capped band to explain"
    c = compare(baseline, current)
    assert [i.id for i in c.resolved_critical] == ["CV2", "CX4"] and [i.id for i in c.new_critical] == ["CX5"]
    assert current.overall is not None and baseline.overall is not None and current.overall > baseline.overall
    assert any(ch.change == "regressed" for ch in c.changed), "not everything got better"
    # The retail profile leaves VC2 out on both sides. The Staff view statements have no
    # auditor's value: N/A in August (no survey), the Staff Pulse's answers in November.
    for r in (current, baseline):
        assert r.item("VC2").status == "not_applicable"  # type: ignore[union-attr]
    statements = [i.id for i in registry.resolve(str(registry.builtin_dir() / "released" / "staff-pulse" / "2.0.0.yaml")).items]
    assert all(baseline.item(iid).status == "na" for iid in statements)  # type: ignore[union-attr]
    assert all(current.item(iid).status == "scored" for iid in statements)  # type: ignore[union-attr]


def test_demo_staff_survey_shows_a_perception_gap(cli: Cli, shared_demo: Path) -> None:
    import json
    import re

    from openpyxl import load_workbook

    from cx_audit.demo import survey
    from cx_audit.files import registry
    from cx_audit.files.voices import deciding_items

    checklist = registry.resolve(demo_checklist())
    staff = {i.id for i in registry.resolve(str(registry.builtin_dir() / "released" / "staff-pulse" / "2.0.0.yaml")).items}
    assert all(checklist.item(iid) is not None for iid in staff)
    # Easy to re-key: every key is a Staff Pulse statement, which the flagship holds in the
    # section it tests and which takes responses.
    assert set(survey.ANSWERS) <= staff and not set(survey.ANSWERS) & deciding_items(checklist)
    assert {item for item, _ in survey.NOTES} <= set(survey.ANSWERS)
    assert all(len(v) == len(survey.RESPONDENTS) for v in survey.ANSWERS.values())
    assert len(survey.RESPONDENTS) == 12 and {role for _, role in survey.RESPONDENTS} == set(survey.ROLES)
    files = demo_files(shared_demo)
    result = json.loads(cli("score", files.current, "--format", "json").out)
    # Per element section: managers believe the promises hold and fitters are trusted to put
    # things right; the fitters do not. The auditor's own finding sits between the two.
    gaps = [(g["section"], g["highest_role"], g["lowest_role"]) for g in result["perception_gaps"]]
    assert gaps == [
        ("expectation-setting", "management", "fitters"),
        ("staff-buy-in", "management", "fitters"),
        ("staff-understanding", "management", "fitters"),
    ]
    assert result["perception_gaps"][0]["gap"] >= 30
    assert [r["role"] for r in result["roles"]] == ["auditor", "fitters", "showroom", "management"]
    baseline = json.loads(cli("score", files.baseline, "--format", "json").out)
    assert "roles" not in baseline  # the survey is November's
    html = files.html.read_text(encoding="utf-8")
    assert 'id="voices"' in html and "Realistic expectation setting" in html
    assert "Voices" in load_workbook(files.xlsx).sheetnames
    text = re.sub(r"data:[^\"')\s]+", "", html)  # embedded pictures are base64, where any short code may appear
    for code, _ in survey.RESPONDENTS:
        assert not re.search(rf"(?<![\w-]){code}(?![\w-])", text), code
