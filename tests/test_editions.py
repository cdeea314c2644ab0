"""Editions: one checklist across its versions (SPEC Part 3, "Editions").

The format and its validation, the built-in checklists' released versions, and
`compare`/`trend`/`report --baseline` across versions through the mapping.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx_audit.files import registry
from cx_audit.files.checklist import load_checklist
from cx_audit.files.editions import released_versions
from cx_audit.model import version_key
from cx_audit.scoring.editions import check_against
from tests.conftest import REPO, Cli, write

BUILTIN_WITH_1_0_0 = ("cx-essentials", "customer-value", "quick-scan", "retention-loyalty")


def checklist_v(version: str, sections: str, editions: str = "") -> str:
    return f"""
format: cx-audit/checklist@1
id: chain
title: Chain
version: "{version}"
{editions}
sections:
{sections}
"""


# --- the format, checked with the file alone ------------------------------------------


ONE_SECTION = """
  - id: s1
    title: One
    items:
      - {id: B1, text: Renamed item}
      - {id: K1, text: Kept item, type: yesno}
"""


@pytest.mark.parametrize(
    ("editions", "message"),
    [
        ('editions:\n  - from: "3.0.0"', "chain.yaml:6:11: 'from: 3.0.0' must be a version lower than this one (2.0.0)"),
        ('editions:\n  - from: "2.0.0"', "'from: 2.0.0' must be a version lower than this one (2.0.0)"),
        ("editions:\n  - from: 1.0", "'from' must be a version such as 1.0.0, not 1.0 (write \"1.0\" in quotes)"),
        ("editions:\n  - removed: [X1]", "missing required key 'from' in an edition"),
        ("editions:\n  - {from: 1.0.0, removed: [K1]}", "K1 is listed as removed, but this version (2.0.0) has an item K1"),
        ("editions:\n  - {from: 1.0.0, changed: [Z9]}", "Z9 is listed as changed, but this version (2.0.0) has no item Z9"),
        ("editions:\n  - {from: 1.0.0, items: {A1: Z9}}", "A1 is renamed to Z9, but this version has no item Z9"),
        ("editions:\n  - {from: 1.0.0, items: {K1: B1}}", "K1 is renamed to B1, but this version still has an item K1"),
        ("editions:\n  - {from: 1.0.0, sections: {s0: s9}}", "section s0 is renamed to s9, but this version has no section s9"),
        ("editions:\n  - {from: 1.0.0, removed: [A1], items: {A1: B1}}", "A1 is listed both in removed and in items"),
        ("editions:\n  - {from: 1.0.0}\n  - {from: 1.0.0}", "version 1.0.0 is mapped twice"),
        ("editions:\n  - {from: 1.0.0, colour: red}", "unknown key 'colour' in an edition"),
        ("editions: {from: 1.0.0}", "editions must be a non-empty list"),
        ("editions:\n  - {from: 1.0.0, items: [A1, B1]}", "'items' must map each old item id to its new id"),
    ],
)
def test_editions_are_checked_with_the_file_alone(tmp_path: Path, cli: Cli, editions: str, message: str) -> None:
    path = write(tmp_path / "chain.yaml", checklist_v("2.0.0", ONE_SECTION, editions))
    run = cli("checklists", "validate", path)
    assert run.code == 2
    assert message in run.err
    assert "chain.yaml" in run.err and "Traceback" not in run.err


def test_a_valid_mapping_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path / "chain.yaml",
        checklist_v("2.0.0", ONE_SECTION, 'editions:\n  - {from: "1.0.0", removed: [A9], changed: [K1], items: {A1: B1}}'),
    )
    c = load_checklist(path)
    (e,) = c.editions
    assert (e.from_version, e.removed, e.changed, e.items, e.sections) == ("1.0.0", ("A9",), ("K1",), {"A1": "B1"}, {})


def test_versions_compare_as_numbers() -> None:
    assert version_key("1.10.0") > version_key("1.9.0") > version_key("1.0.0")


# --- built-in checklists: every released version ---------------------------------------


def test_every_builtin_keeps_its_1_0_0(cli: Cli) -> None:
    folder = registry.builtin_dir()
    for cid in BUILTIN_WITH_1_0_0:
        old, second = released_versions(folder, cid)
        assert old == REPO / "checklists" / "released" / cid / "1.0.0.yaml"
        assert second == REPO / "checklists" / "released" / cid / "2.0.0.yaml"
        c, two = load_checklist(old), load_checklist(second)
        assert (c.id, c.version, two.version) == (cid, "1.0.0", "2.0.0")
        current = load_checklist(folder / f"{cid}.yaml")
        assert current.version == "3.0.0"
        # Each version maps every earlier one directly (never chained).
        assert check_against(c, two) == [] and check_against(c, current) == [] and check_against(two, current) == [], cid
    run = cli("checklists", "list", "--all")
    assert run.code == 0
    assert "cx-essentials      1.0.0     51 items  Customer Experience Essentials  [built-in, released]" in run.out
    assert "(shadowed" not in run.out
    plain = cli("checklists", "list")
    assert "1.0.0" not in plain.out


def test_cx_essentials_2_0_0_maps_1_0_0() -> None:
    c = registry.resolve("cx-essentials@2.0.0")
    e = c.edition("1.0.0")
    assert e is not None
    assert set(e.removed) == {"ES1", "VC7", "CX1", "CX8"}
    assert {"CX4", "CX5"} <= set(e.changed)
    assert e.sections == {"value-to-client": "value-to-customers"}


def test_an_audit_of_1_0_0_scores_against_1_0_0_with_no_warning(tmp_path: Path, cli: Cli) -> None:
    import hashlib

    old = REPO / "checklists" / "released" / "cx-essentials" / "1.0.0.yaml"
    sha = hashlib.sha256(old.read_bytes()).hexdigest()
    audit = write(
        tmp_path / "old.yaml",
        f"""
        format: cx-audit/audit@1
        checklist: {{id: cx-essentials, version: 1.0.0, sha256: {sha}}}
        client: Old Ltd
        auditor: A
        date: 2026-03-01
        answers:
          ES1: {{value: 3}}
          CX1: {{value: 2}}
        """,
    )
    run = cli("score", audit, "--format", "json")
    assert run.code == 0, run.err
    assert run.err == ""
    data = json.loads(run.out)
    assert data["checklist"]["version"] == "1.0.0"
    assert {i["id"] for i in data["items"]} >= {"ES1", "CX1", "VC7"}


def test_a_version_that_was_never_released_still_warns(tmp_path: Path, cli: Cli) -> None:
    audit = write(
        tmp_path / "odd.yaml",
        """
        format: cx-audit/audit@1
        checklist: {id: cx-essentials, version: 1.5.0}
        client: Odd Ltd
        auditor: A
        date: 2026-03-01
        answers: {}
        """,
    )
    run = cli("score", audit)
    assert run.code == 0
    assert "audit was started with cx-essentials 1.5.0, scoring with 3.0.0" in run.err


# --- a rename chain: 1.0.0 -> 2.0.0 -> 3.0.0 (worked by hand) -------------------------------
#
# 1.0.0  basics: A1 (rating), K1 (yes/no), R1 (rating)      extras: X1 (rating)
# 2.0.0  foundations (was basics): B1 (was A1), K1           R1 and X1 removed, extras gone
# 3.0.0  core (was foundations): C1 (was B1), K1 now a rating (changed)
#
# Visit 1 (1.0.0): A1 2 → 0.5, K1 yes → 1, R1 0 → 0, X1 4 → 1: basics 50.0, extras 100.0, overall 75.0
# Visit 2 (2.0.0): B1 3 → 0.75, K1 no → 0: foundations 37.5, overall 37.5
# Visit 3 (3.0.0): C1 4 → 1, K1 4 → 1: core 100.0, overall 100.0

V1 = """
  - id: basics
    title: Basics
    items:
      - {id: A1, text: Item A}
      - {id: K1, text: Item K, type: yesno}
      - {id: R1, text: Item R}
  - id: extras
    title: Extras
    items:
      - {id: X1, text: Item X}
"""
V2 = """
  - id: foundations
    title: Foundations
    items:
      - {id: B1, text: Item A}
      - {id: K1, text: Item K, type: yesno}
"""
V3 = """
  - id: core
    title: Core
    items:
      - {id: C1, text: Item A}
      - {id: K1, text: "Item K, now rated"}
"""
E2 = """editions:
  - from: "1.0.0"
    removed: [R1, X1]
    items: {A1: B1}
    sections: {basics: foundations}"""
E3 = """editions:
  - from: "2.0.0"
    changed: [K1]
    items: {B1: C1}
    sections: {foundations: core}
  - from: "1.0.0"
    removed: [R1, X1]
    changed: [K1]
    items: {A1: C1}
    sections: {basics: core}"""


def chain(tmp_path: Path, e2: str = E2) -> tuple[Path, Path, Path]:
    write(tmp_path / "chain-1.yaml", checklist_v("1.0.0", V1))
    write(tmp_path / "chain-2.yaml", checklist_v("2.0.0", V2, e2))
    write(tmp_path / "chain-3.yaml", checklist_v("3.0.0", V3, E3))

    def visit(name: str, version: str, n: int, date: str, answers: str) -> Path:
        return write(
            tmp_path / name,
            f"""
            format: cx-audit/audit@1
            checklist: {{id: chain, version: "{version}", path: chain-{n}.yaml}}
            client: Chain Ltd
            auditor: A
            date: {date}
            answers: {answers}
            """,
        )

    return (
        visit("v1.yaml", "1.0.0", 1, "2026-01-10", '{A1: 2, K1: "yes", R1: 0, X1: 4}'),
        visit("v2.yaml", "2.0.0", 2, "2026-04-10", '{B1: 3, K1: "no"}'),
        visit("v3.yaml", "3.0.0", 3, "2026-07-10", "{C1: 4, K1: 4}"),
    )


def test_compare_across_a_rename_chain(tmp_path: Path, cli: Cli) -> None:
    v1, _v2, v3 = chain(tmp_path)
    run = cli("compare", v1, v3, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["edition"] == {"from": "1.0.0", "to": "3.0.0", "note": "checklist 1.0.0 → 3.0.0"}
    assert data["overall"] == {"baseline": 75.0, "current": 100.0, "delta": 25.0}
    assert data["sections"] == [{"id": "core", "title": "Core", "baseline": 50.0, "current": 100.0, "delta": 50.0}]
    assert data["sections_not_comparable"] == ["extras"]
    items = {i["id"]: i for i in data["items"]}
    assert items["C1"] == {
        "id": "C1", "section": "core", "baseline": 50.0, "current": 100.0, "delta": 50.0, "change": "improved", "was": "A1",
    }  # fmt: skip
    for iid, why in (("K1", "changed"), ("R1", "removed"), ("X1", "removed")):
        assert items[iid]["comparable"] is False and items[iid]["delta"] is None and items[iid]["change"] == why
    assert items["K1"]["baseline"] == 100.0 and items["K1"]["current"] == 100.0
    assert data["scored_only_in"] == {"baseline": [], "current": []}
    assert data["regression"] is False
    for fmt in ("table", "markdown"):
        out = cli("compare", v1, v3, "--format", fmt).out
        assert "checklist 1.0.0 → 3.0.0" in out
        assert "K1 (changed), R1 (removed), X1 (removed)" in out
        assert "A1 → C1" in out


def test_compare_with_the_middle_of_the_chain(tmp_path: Path, cli: Cli) -> None:
    v1, v2, _v3 = chain(tmp_path)
    data = json.loads(cli("compare", v1, v2, "--format", "json").out)
    assert data["edition"]["note"] == "checklist 1.0.0 → 2.0.0"
    items = {i["id"]: i for i in data["items"]}
    assert items["B1"]["was"] == "A1" and items["B1"]["delta"] == 25.0
    assert items["K1"]["change"] == "regressed" and items["K1"]["delta"] == -100.0  # comparable in 2.0.0
    assert data["sections"][0]["baseline"] == 50.0 and data["sections"][0]["current"] == 37.5
    assert data["regression"] is True  # 75.0 → 37.5


def test_trend_across_a_rename_chain(tmp_path: Path, cli: Cli) -> None:
    v1, v2, v3 = chain(tmp_path)
    run = cli("trend", v3, v1, v2, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["checklist"]["version"] == "3.0.0"
    (series,) = data["series"]
    visits = series["visits"]
    assert [v["version"] for v in visits] == ["1.0.0", "2.0.0", "3.0.0"]
    assert [v["overall"] for v in visits] == [75.0, 37.5, 100.0]
    assert [v["change"] for v in visits] == [None, -37.5, 62.5]
    assert [v["sections"] for v in visits] == [
        {"core": 50.0, "extras": 100.0},
        {"core": 37.5, "extras": None},
        {"core": 100.0, "extras": None},
    ]
    notes = {e["from"]: e for e in data["editions"]}
    assert notes["1.0.0"]["note"] == "checklist 1.0.0 → 3.0.0"
    assert notes["1.0.0"]["sections_not_comparable"] == ["extras"]
    assert {i["id"]: i["comparable"] for i in notes["1.0.0"]["items"]} == {"R1": False, "X1": False, "K1": False, "C1": True}
    assert notes["2.0.0"]["note"] == "checklist 2.0.0 → 3.0.0"
    table = " ".join(cli("trend", v1, v2, v3).out.split())
    first = "checklist 1.0.0 → 3.0.0: scores compared as displayed; not comparable: removed R1, X1; changed K1; section extras"
    assert first in table
    assert "extras checklist 2.0.0 → 3.0.0: scores compared as displayed; not comparable: changed K1 " in table
    md = cli("trend", v1, v2, v3, "--format", "markdown").out
    assert f"- {first}\n" in md.replace("\\", "")
    html = tmp_path / "trend.html"
    assert cli("trend", v1, v2, v3, "--html", html).code == 0
    assert "checklist 1.0.0 → 3.0.0" in html.read_text(encoding="utf-8")


def test_an_unmapped_version_is_an_input_error_naming_both(tmp_path: Path, cli: Cli) -> None:
    v1, v2, _ = chain(tmp_path, e2="")
    for args in (("compare", v1, v2), ("trend", v1, v2)):
        run = cli(*args)
        assert run.code == 2
        assert "checklist chain 2.0.0 has no mapping from 1.0.0" in run.err
        assert "Traceback" not in run.err


def test_a_mapping_that_does_not_fit_the_older_version_is_refused_where_they_meet(tmp_path: Path, cli: Cli) -> None:
    v1, v2, _ = chain(tmp_path, e2=E2.replace("removed: [R1, X1]", "removed: [R1, Q9]"))
    run = cli("compare", v1, v2)
    assert run.code == 2
    assert "chain 2.0.0, editions from 1.0.0: removed names Q9, which 1.0.0 does not have" in run.err
    assert "X1 of 1.0.0 is gone; list it under removed or rename it under items" in run.err
    val = cli("checklists", "validate", tmp_path / "chain-1.yaml", tmp_path / "chain-2.yaml")
    assert val.code == 2 and "removed names Q9" in val.err


def test_report_baseline_across_versions_shows_the_note(tmp_path: Path, cli: Cli) -> None:
    from openpyxl import load_workbook

    v1, _, v3 = chain(tmp_path)
    run = cli("report", v3, "--baseline", v1, "--html", tmp_path / "r.html", "--xlsx", tmp_path / "r.xlsx")
    assert run.code == 0, run.err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "checklist 1.0.0 → 3.0.0: scores compared as displayed" in html
    assert "K1 (changed), R1 (removed), X1 (removed)" in html
    ws = load_workbook(tmp_path / "r.xlsx")["Comparison"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "checklist 1.0.0 → 3.0.0: scores compared as displayed" in cells
    assert "Items not comparable (removed or changed in the later version)" in cells


# --- the demo: its first visit was made with 1.0.0 -------------------------------------------


@pytest.fixture(scope="module")
def demo(shared_demo: Path) -> Path:
    return shared_demo


def test_the_demo_first_visit_is_a_1_0_0_audit_scored_with_no_warning(demo: Path, cli: Cli) -> None:
    from cx_audit.demo.run import demo_files
    from cx_audit.files.audit import load_audit

    files = demo_files(demo)
    loaded = load_audit(files.first)
    assert loaded.warnings == []
    assert (loaded.checklist.version, loaded.audit.checklist.version, loaded.audit.profile) == ("1.0.0", "1.0.0", None)
    assert loaded.checklist.path == REPO / "checklists" / "released" / "cx-essentials" / "1.0.0.yaml"
    assert {"ES1", "CX1", "VC7", "CX8"} <= set(loaded.audit.answers)
    run = cli("score", files.first, "--format", "json")
    assert run.code == 0 and run.err == ""
    data = json.loads(run.out)
    assert data["checklist"]["version"] == "1.0.0"
    assert data["critical_failures"] == ["ES1", "CX4", "CX5"]


def test_the_demo_trend_spans_1_0_0_and_2_0_0(demo: Path, cli: Cli) -> None:
    from cx_audit.demo.run import demo_files

    files = demo_files(demo)
    run = cli("trend", files.first, files.baseline, files.current, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    (edition,) = data["editions"]
    assert edition["note"] == "checklist 1.0.0 → 2.0.0"
    assert edition["sections_not_comparable"] == ["customer-experience"]
    visits = data["series"][0]["visits"]
    assert [v["version"] for v in visits] == ["1.0.0", "2.0.0", "2.0.0"]
    overall = [v["overall"] for v in visits]
    assert overall[0] < overall[1] < overall[2]  # still a rising line
    assert visits[0]["sections"]["value-to-customers"] is not None  # 1.0.0's value-to-client, renamed
    assert visits[0]["sections"]["complaint-handling"] is None  # new in 2.0.0
    cmp = json.loads(cli("compare", files.first, files.baseline, "--format", "json").out)
    assert cmp["edition"]["note"] == "checklist 1.0.0 → 2.0.0"
    apart = {i["id"]: i["change"] for i in cmp["items"] if i.get("comparable") is False}
    assert apart == {
        "SB1": "changed", "ES1": "removed", "VC3": "changed", "VC4": "changed", "VC7": "removed",
        "CX1": "removed", "CX4": "changed", "CX5": "changed", "CX7": "changed", "CX8": "removed",
    }  # fmt: skip
    followup = {f["item"]: f["change"] for f in cmp["followup"]}
    assert followup["CX4"] == "not comparable" and followup["SU1"] == "improved"


def test_a_removed_section_is_not_comparable(tmp_path: Path, cli: Cli) -> None:
    """1.0.0 → 2.0.0 drops the section `extras` (its one item X1 removed): worked by hand,
    the overall 75.0 → 37.5 is compared as displayed (−37.5), `foundations` (was `basics`)
    50.0 → 37.5, and `extras` (100.0 at the baseline) gets no delta anywhere."""
    v1, v2, _ = chain(tmp_path)
    data = json.loads(cli("compare", v1, v2, "--format", "json").out)
    assert data["overall"]["delta"] == -37.5
    assert [(s["id"], s["baseline"], s["current"], s["delta"]) for s in data["sections"]] == [("foundations", 50.0, 37.5, -12.5)]
    assert data["sections_not_comparable"] == ["extras"]
    assert data["sections_not_assessed"] == []  # not "no longer assessed": it has no counterpart
    table = cli("compare", v1, v2).out
    assert "Sections not comparable: extras" in table
    assert "Sections no longer assessed" not in table
    trend = json.loads(cli("trend", v1, v2, "--format", "json").out)
    assert [v["sections"] for v in trend["series"][0]["visits"]] == [
        {"foundations": 50.0, "extras": 100.0},
        {"foundations": 37.5, "extras": None},
    ]
    assert trend["editions"][0]["sections_not_comparable"] == ["extras"]


def test_a_released_file_loaded_as_a_path_first_is_still_the_built_in_edition(tmp_path: Path) -> None:
    # Found by the demo's byte-identity test: a released file loaded as a plain path earlier
    # in the same process was handed back, not built in, when the edition was asked for by
    # version, so a new audit recorded it by path instead of by id and version.
    old = REPO / "checklists" / "released" / "cx-essentials" / "1.0.0.yaml"
    as_path = registry.resolve(str(old))
    assert not as_path.builtin
    second = registry.resolve("cx-essentials@2.0.0")
    first = registry.builtin_version(second, "1.0.0")
    assert first is not None and first.builtin and first.version == "1.0.0"
