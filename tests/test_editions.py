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
from cx_audit.files.editions import check_against, released_versions, version_key
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
        (old,) = released_versions(folder, cid)
        assert old == REPO / "checklists" / "released" / cid / "1.0.0.yaml"
        c = load_checklist(old)
        assert (c.id, c.version) == (cid, "1.0.0")
        current = load_checklist(folder / f"{cid}.yaml")
        assert current.version == "2.0.0"
        assert check_against(c, current) == [], cid
    run = cli("checklists", "list", "--all")
    assert run.code == 0
    assert "cx-essentials      1.0.0     51 items  Customer Experience Essentials  [built-in, released]" in run.out
    assert "(shadowed" not in run.out
    plain = cli("checklists", "list")
    assert "1.0.0" not in plain.out


def test_cx_essentials_2_0_0_maps_1_0_0() -> None:
    c = registry.resolve("cx-essentials")
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
    assert "audit was started with cx-essentials 1.5.0, scoring with 2.0.0" in run.err
