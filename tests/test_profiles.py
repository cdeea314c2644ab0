"""Sector profiles (SPEC Part 2): weights, thresholds and exclusions, worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx_audit.files.audit import load_audit
from cx_audit.scoring.audit import AuditResult, Status, score_audit
from tests.conftest import Cli, run_subprocess, write

PROF = """
format: cx-audit/checklist@1
id: prof
title: Profiled checklist
version: 1.0.0
sections:
  - id: staff
    title: Staff
    items:
      - {id: S1, text: Staff know the offer, critical: true, recommendation: Fix S1}
      - id: S2
        text: Staff turnover
        type: number
        unit: "%"
        thresholds: [{max: 20, score: 1}, {max: 40, score: 0.5}, {max: 1000, score: 0}]
        recommendation: Fix S2
  - id: service
    title: Service
    items:
      - {id: V1, text: Phone answered, type: yesno, recommendation: Fix V1}
      - {id: V2, text: Greeting, weight: 3, recommendation: Fix V2}
profiles:
  hospitality:
    title: Hospitality and leisure
    weights: {S2: 0.5, service: 3}
    thresholds: {S2: [{max: 40, score: 1}, {max: 60, score: 0.5}, {max: 1000, score: 0}]}
    exclude: [V1]
  retail:
    title: Retail
    exclude: [S2]
"""

ANSWERS = "answers:\n  S1: 3\n  S2: 35\n  V1: 'no'\n  V2: 2\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "prof.yaml", PROF)
    return tmp_path


def audit(folder: Path, profile: str | None, name: str = "a.yaml", date: str = "2026-11-22") -> Path:
    head = f"format: cx-audit/audit@1\nchecklist: prof.yaml\nclient: Acme Ltd\nauditor: Jo\ndate: {date}\n"
    return write(folder / name, head + (f"profile: {profile}\n" if profile else "") + ANSWERS)


def scored(path: Path) -> AuditResult:
    loaded = load_audit(path)
    return score_audit(loaded.checklist, loaded.audit)


def test_without_a_profile_the_checklist_scores_as_written(folder: Path) -> None:
    r = scored(audit(folder, None))
    staff, service = r.sections
    # S1 = 3 → 0.75; S2 = 35 ≤ 40 → 0.5: staff (0.75 + 0.5) / 2 = 62.5
    assert staff.score == pytest.approx(62.5)
    # V1 no → 0; V2 = 2 → 0.5, weight 3: (0 + 1.5) / 4 = 37.5
    assert service.score == pytest.approx(37.5)
    assert r.overall == pytest.approx(50.0)
    assert r.checklist.profile is None and r.audit.profile is None


def test_a_profile_reweighs_rethresholds_and_excludes(folder: Path) -> None:
    r = scored(audit(folder, "hospitality"))
    staff, service = r.sections
    # S2 = 35 ≤ 40 → 1 with the profile's thresholds, weight 0.5: (0.75 + 0.5·1) / 1.5 = 83.33
    assert staff.score == pytest.approx(250 / 3)
    # V1 is excluded (not applicable), V2 alone: 50.0
    assert service.score == pytest.approx(50.0)
    assert r.item("V1") is not None and r.item("V1").status is Status.not_applicable  # type: ignore[union-attr]
    assert (service.answered, service.applicable) == (1, 1)
    # overall with the section weight 3: (1·83.33 + 3·50) / 4 = 58.33
    assert r.overall == pytest.approx(175 / 3)
    # points lost: S1 100·(1/4)·(1/1.5)·0.25 = 4.17; S2 0; V2 100·(3/4)·(3/3)·0.5 = 37.5 — they add up to 100 − O
    lost = {i.item.id: i.points_lost for i in r.items if i.points_lost is not None}
    assert lost == pytest.approx({"S1": 25 / 6, "S2": 0.0, "V2": 37.5})
    assert r.completeness == pytest.approx(100.0)


def test_the_checklist_itself_is_not_changed_by_a_profile(folder: Path) -> None:
    scored(audit(folder, "hospitality"))
    r = scored(audit(folder, None, "b.yaml"))
    assert r.overall == pytest.approx(50.0)  # the cached checklist keeps its own weights and thresholds


def test_json_and_the_covers_show_the_profile(folder: Path, cli: Cli) -> None:
    path = audit(folder, "hospitality")
    data = json.loads(cli("score", path, "--format", "json").out)
    assert data["profile"] == {"id": "hospitality", "title": "Hospitality and leisure"}
    assert data["overall"]["score"] == 58.33
    assert {i["id"]: i["status"] for i in data["items"]}["V1"] == "not_applicable"
    plain = json.loads(cli("score", audit(folder, None, "b.yaml"), "--format", "json").out)
    assert plain["profile"] is None
    assert "Profiled checklist v1.0.0 · Profile: Hospitality and leisure" in cli("score", path).out
    md = cli("score", path, "--format", "markdown").out
    assert md.splitlines()[0] == "## Profiled checklist — Acme Ltd · 2026-11-22 · Profile: Hospitality and leisure"
    html, xlsx = folder / "r.html", folder / "r.xlsx"
    assert cli("report", path, "--html", html, "--xlsx", xlsx).code == 0
    assert "<dt>Profile</dt>\n<dd>Hospitality and leisure</dd>" in html.read_text(encoding="utf-8")
    from openpyxl import load_workbook

    summary = load_workbook(xlsx)["Summary"]
    facts = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert facts["Profile"] == "Hospitality and leisure"


def test_an_unknown_profile_in_an_audit_is_a_positioned_input_error(folder: Path, cli: Cli) -> None:
    path = audit(folder, "banking")
    run = cli("score", path)
    assert run.code == 2
    assert run.err.strip() == (f"{path}:6:10: checklist prof has no profile 'banking' (its profiles are hospitality, retail)")


BAD_PROFILES = """
format: cx-audit/checklist@1
id: bad
title: Bad profiles
version: 1.0.0
sections:
  - id: both
    title: Section named like an item
    items:
      - {id: both, text: Item named like the section}
      - {id: R1, text: A rating}
      - {id: N1, text: A number, type: number, thresholds: [{min: 5, score: 1}, {min: 0, score: 0}]}
profiles:
  p:
    title: P
    weights: {both: 2, nowhere: 1, R1: 0}
    thresholds: {R1: [{min: 1, score: 1}], N1: [{min: 0, score: 1}, {min: 5, score: 0}], ghost: []}
    exclude: [R1, missing, both]
    colour: red
"""


def test_profile_validation_reports_every_problem_with_its_position(tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path / "bad.yaml", BAD_PROFILES)
    run = cli("checklists", "validate", path)
    assert run.code == 2
    assert run.err.splitlines() == [
        f"{path}:15:15: 'both' names both a section and an item: a profile cannot tell which to weigh",
        f"{path}:15:24: profile weight for 'nowhere', which is neither a section nor an item of this checklist",
        f"{path}:15:40: weight must be a number greater than 0 and at most 1,000,000, not 0",
        f"{path}:16:18: profile thresholds for 'R1', a rating item: only number items have thresholds",
        f"{path}:16:75: thresholds must be listed best first (min descending): 5 after 0",
        f"{path}:16:90: profile thresholds for 'ghost', which is not an item of this checklist",
        f"{path}:17:19: exclude names 'missing', which is not an item of this checklist",
        f"{path}:18:5: unknown key 'colour' in profile 'p' (expected: exclude, thresholds, title, weights)",
    ]


def test_audits_with_different_profiles_may_not_be_scored_together(folder: Path, cli: Cli) -> None:
    a = audit(folder, "hospitality", "a.yaml")
    b = audit(folder, None, "b.yaml", "2027-02-22")
    c = audit(folder, "retail", "c.yaml", "2027-02-22")
    for args in (("score", a, b), ("compare", a, b), ("report", a, b, "--html", folder / "x.html"), ("score", a, c)):
        run = cli(*args)
        assert run.code == 2, args
        assert str(a) in run.err and str(args[2]) in run.err
        assert "audits scored together need the same profile" in run.err
    assert "uses no profile, but" in cli("score", a, b).err
    assert not (folder / "x.html").exists()
    both = audit(folder, "hospitality", "d.yaml", "2027-02-22")
    assert cli("compare", a, both).code == 0
    assert cli("score", a, both).code == 0


def test_checklists_show_with_a_profile_leaves_excluded_items_out(
    folder: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    plain = cli("checklists", "show", folder / "prof.yaml")
    assert plain.code == 0
    assert "V1" in plain.out and "Profiles (--profile): hospitality (Hospitality and leisure), retail (Retail)" in plain.out
    run = cli("checklists", "show", folder / "prof.yaml", "--profile", "hospitality")
    assert run.code == 0, run.err
    assert "Profile: Hospitality and leisure (hospitality; left out: V1)" in run.out
    assert "V1" not in run.out.replace("left out: V1", "")
    assert "Service  (weight 3)" in run.out
    notes = " ".join(line.split("│")[-2].strip() for line in run.out.splitlines() if line.count("│") == 6)
    assert "profile thresholds: up to 40 → 100% · over 40 to 60 → 50% · over 60 → 0%" in notes  # the Notes column, unwrapped
    bad = cli("checklists", "show", folder / "prof.yaml", "--profile", "banking")
    assert bad.code == 2
    assert "checklist prof has no profile 'banking' (its profiles are hospitality, retail)" in bad.err


def test_run_with_a_profile_sets_it_and_skips_excluded_items(folder: Path) -> None:
    # V1 is excluded by hospitality, so the dialogue is S1, S2, V2 (a value line and a note line each).
    run = run_subprocess(
        "run", "new.yaml", "-c", "prof.yaml", "--profile", "hospitality", "--client", "Acme", "--auditor", "Jo",
        cwd=folder, input="3\n\n35\n\n2\n\n",
    )  # fmt: skip
    assert run.code == 0, run.err
    text = (folder / "new.yaml").read_text(encoding="utf-8")
    assert "profile: hospitality\n" in text and "V1" not in text
    r = scored(folder / "new.yaml")
    assert r.audit.profile == "hospitality" and r.overall == pytest.approx(175 / 3)


def test_run_with_a_profile_corrects_an_existing_audit(folder: Path) -> None:
    path = audit(folder, "hospitality")
    run = run_subprocess("run", path.name, "--profile", "retail", cwd=folder, input="")
    assert run.code == 0, run.err
    assert "profile: retail\n" in path.read_text(encoding="utf-8")
    r = scored(path)
    # retail excludes S2: staff S1 alone 75.0; service (0 + 1.5) / 4 = 37.5; overall 56.25
    assert r.overall == pytest.approx(56.25)
    bad = run_subprocess("run", path.name, "--profile", "banking", cwd=folder, input="")
    assert bad.code == 2 and "--profile: checklist prof has no profile 'banking'" in bad.err
    assert "profile: retail\n" in path.read_text(encoding="utf-8")


def test_program_and_compare_json_name_the_profile(folder: Path, cli: Cli) -> None:
    a = audit(folder, "hospitality", "a.yaml")
    b = audit(folder, "hospitality", "b.yaml", "2027-02-22")
    program = json.loads(cli("score", a, b, "--format", "json").out)
    assert program["profile"] == {"id": "hospitality", "title": "Hospitality and leisure"}
    assert [x["profile"]["id"] for x in program["audits"]] == ["hospitality", "hospitality"]
    cmp = json.loads(cli("compare", a, b, "--format", "json").out)
    assert cmp["profile"] == {"id": "hospitality", "title": "Hospitality and leisure"}


def test_the_report_says_which_items_the_profile_left_out(folder: Path, cli: Cli) -> None:
    html = folder / "r.html"
    assert cli("report", audit(folder, "hospitality"), "--html", html).code == 0
    assert "Left out by the Hospitality and leisure profile." in html.read_text(encoding="utf-8")


def test_a_form_made_with_a_profile_leaves_items_out_and_import_sets_it(folder: Path, cli: Cli) -> None:
    from openpyxl import load_workbook

    assert cli("form", "prof.yaml", "-o", "form.xlsx", "--profile", "hospitality", cwd=folder).code == 0
    wb = load_workbook(folder / "form.xlsx")
    ws = wb["Questionnaire"]
    ids = [r[0].value for r in ws.iter_rows(min_row=10, max_col=1) if isinstance(r[0].value, str)]
    assert ids == ["S1", "S2", "V2"]  # V1 left out
    assert "Profile: Hospitality and leisure." in ws["A2"].value
    at = {r[0].value: r[0].row for r in ws.iter_rows(min_row=9, max_col=1) if isinstance(r[0].value, str)}
    for row, fact in enumerate(("Acme Ltd", "", "Jo"), 4):
        ws[f"B{row}"] = fact or None
    for item_id, number in {"S1": 3, "S2": 35, "V2": 2}.items():
        ws[f"C{at[item_id]}"] = number
    wb.save(folder / "filled.xlsx")
    run = cli("import", "filled.xlsx", "-o", "imported.yaml", cwd=folder)
    assert run.code == 0, run.err
    assert "profile: hospitality\n" in (folder / "imported.yaml").read_text(encoding="utf-8")
    assert scored(folder / "imported.yaml").overall == pytest.approx(175 / 3)
    bad = cli("form", "prof.yaml", "-o", "other.xlsx", "--profile", "banking", cwd=folder)
    assert bad.code == 2 and "has no profile 'banking'" in bad.err and not (folder / "other.xlsx").exists()


def test_the_interview_cannot_go_to_an_excluded_item(folder: Path) -> None:
    from cx_audit.files.values import ValueRefused
    from cx_audit.interview.session import Session

    loaded = load_audit(audit(folder, "hospitality"))
    session = Session(loaded.checklist, loaded.audit, lambda: None)
    assert [i.id for i in session.applicable_items()] == ["S1", "S2", "V2"]
    with pytest.raises(ValueRefused, match="V1 is left out by the Hospitality and leisure profile"):
        session.find("V1")
    assert session.find("service").id == "V2"
