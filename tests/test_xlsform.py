"""Field capture on phones: `form --xlsform` converted by pyxform itself, and submissions read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli

pyxform = pytest.importorskip("pyxform.xls2xform")

BUILTIN = ("cx-essentials", "customer-value", "staff-pulse", "quick-scan", "customer-pulse", "retention-loyalty")


def convert(path: Path) -> tuple[str, list[str]]:
    """The XForm pyxform makes of an XLSForm, and every warning it gave (no ODK Validate: it needs Java)."""
    warnings: list[str] = []
    result = pyxform.convert(xlsform=str(path), warnings=warnings, validate=False)
    return result.xform, warnings


def sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    rows = list(wb[sheet].iter_rows(values_only=True))
    head = [str(h) for h in rows[0]]
    return [dict(zip(head, r, strict=False)) for r in rows[1:]]


@pytest.mark.parametrize("checklist", BUILTIN)
@pytest.mark.parametrize("respondent", [False, True])
def test_pyxform_converts_every_builtin_form_without_warning(cli: Cli, tmp_path: Path, checklist: str, respondent: bool) -> None:
    out = tmp_path / "f.xlsx"
    r = cli("form", checklist, "--xlsform", "-o", out, *(["--respondent-form"] if respondent else []))
    assert r.code == 0, r.err
    assert "Wrote XLSForm" in r.err
    xform, warnings = convert(out)
    assert warnings == []
    from cx_audit.files import registry

    c = registry.resolve(checklist)
    version = c.version
    suffix = "_respondent" if respondent else ""
    assert f'id="{checklist}_{version}{suffix}" version="{version}"' in xform
    survey = sheet_rows(out, "survey")
    names = [row["name"] for row in survey if row["name"]]
    groups = [row["name"] for row in survey if row["type"] == "begin group"]
    assert groups == [s.id for s in c.sections if any(i.id in names for i in s.items)]
    photos = [n for n in names if n.endswith("_photo")]
    if respondent:
        assert names[:2] == ["respondent_code", "role"]
        assert photos == []
        assert "<upload" not in xform
    else:
        assert len(photos) == len(c.items)
        assert all(f"{i.id}_note" in names for i in c.items)
    settings = sheet_rows(out, "settings")[0]
    assert settings == {"form_id": f"{checklist}_{version}{suffix}", "version": version, "form_title": settings["form_title"]}
    assert settings["form_title"].startswith(c.title)


def test_questions_follow_the_item_types(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    assert cli("form", "cx-essentials", "--xlsform", "-o", out).code == 0
    survey = {row["name"]: row for row in sheet_rows(out, "survey") if row["name"]}
    choices: dict[str, list[tuple[str, str]]] = {}
    for row in sheet_rows(out, "choices"):
        choices.setdefault(row["list_name"], []).append((str(row["name"]), row["label"]))
    from cx_audit.files import registry
    from cx_audit.model import ItemType

    c = registry.resolve("cx-essentials")
    seen = set()
    for item in c.items:
        q = survey[item.id]
        assert q["label"] == " ".join(item.text.split()) or q["label"] == item.text
        seen.add(item.type)
        if item.type is ItemType.rating:
            assert q["type"] == f"select_one {item.id}"
            assert item.scale is not None
            expected = [(str(v), f"{v} · {item.scale.label(v)}") for v in range(item.scale.min, item.scale.max + 1)]
            assert choices[item.id][: len(expected)] == expected
        elif item.type is ItemType.yesno:
            assert choices[item.id][:2] == [("yes", "Yes"), ("no", "No")]
        elif item.type is ItemType.choice:
            assert [n for n, _ in choices[item.id] if n != "na"] == [o.id for o in item.options]
        elif item.type is ItemType.number:
            assert q["type"] == "decimal"
        else:
            assert q["type"] == "text"
        if item.type in (ItemType.rating, ItemType.yesno, ItemType.choice):
            assert (("na", "Not applicable") in choices[item.id]) is item.allow_na
        assert q["hint"] is None or item.guidance.split()[0] in q["hint"]
    assert seen >= {ItemType.rating, ItemType.yesno, ItemType.number, ItemType.choice}
    # `when` conditions become `relevant`, on the item and its note and photo.
    assert survey["ES4"]["relevant"] == "${ES3} = 'yes'"
    assert survey["ES4_photo"]["relevant"] == "${ES3} = 'yes'"
    cp = [i for i in c.items if i.when is not None and "CP2" in str(i.when)][0]
    assert survey[cp.id]["relevant"] == "(${CP2} = 'weekly' or ${CP2} = 'monthly' or ${CP2} = 'quarterly')"
    # Number bounds: a metric's range; the edge of thresholds whose last one scores 0.
    assert survey["SB6"]["constraint"] == ". <= 1000000"
    metric_nps = [i for i in c.items if i.metric is not None and i.metric.value == "nps"][0]
    assert survey[metric_nps.id]["constraint"] == ". >= -100 and . <= 100"


def test_constraint_and_relevant_work_in_the_xform(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    assert cli("form", "customer-value", "--xlsform", "-o", out).code == 0
    xform, warnings = convert(out)
    assert warnings == []
    ref = " /data/value-definition/VD2 "
    assert f"relevant=\"({ref} != '' and {ref} != 'na' and number({ref}) &gt;= 1)\"" in xform


def test_sections_profile_and_roles(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    r = cli(
        "form", "cx-essentials", "--xlsform", "--respondent-form", "--section", "staff-buy-in",
        "--role", "frontline", "--role", "management", "-o", out,
    )  # fmt: skip
    assert r.code == 0, r.err
    _, warnings = convert(out)
    assert warnings == []
    survey = sheet_rows(out, "survey")
    assert [row["name"] for row in survey if row["type"] == "begin group"] == ["staff-buy-in"]
    assert survey[1] == {**survey[1], "type": "select_one roles", "name": "role"}
    roles = [(row["name"], row["label"]) for row in sheet_rows(out, "choices") if row["list_name"] == "roles"]
    assert roles == [("frontline", "Frontline"), ("management", "Management")]
    # Profile: its excluded item is not asked.
    p = tmp_path / "p.xlsx"
    assert cli("form", "cx-essentials", "--xlsform", "--profile", "hospitality", "-o", p).code == 0
    names = {row["name"] for row in sheet_rows(p, "survey")}
    assert "VC2" not in names and "VC1" in names
    # A condition on an item that is not on the form becomes words in the hint.
    s = tmp_path / "s.xlsx"
    section = "expectation-setting"
    assert cli("form", "cx-essentials", "--xlsform", "--section", section, "-o", s).code == 0
    rows = {row["name"]: row for row in sheet_rows(s, "survey") if row["name"]}
    assert rows["ES4"]["relevant"] == "${ES3} = 'yes'"  # ES3 is in the same section
    assert convert(s)[1] == []


SMALL = """
format: cx-audit/checklist@1
id: shop-check
title: Shop check
version: 1.2.0
sections:
  - id: basics
    title: Basics
    items:
      - {id: B1, text: Is the offer written down?, type: yesno, guidance: "Ask for it. Then read it.", recommendation: r}
      - {id: B2, text: How clear is it?, guidance: g, recommendation: r, allow_na: false}
      - id: B3
        text: How often is it reviewed?
        type: choice
        guidance: g
        recommendation: r
        options:
          - {id: never, label: Never, score: 0}
          - {id: yearly, label: Every year, score: 1}
  - id: service
    title: Service
    items:
      - id: S1
        text: Share of orders on time
        type: number
        unit: "%"
        when: {item: B1, is: true}
        thresholds: [{min: 90, score: 1}, {min: 0, score: 0}]
        guidance: g
        recommendation: r
      - id: S2
        text: Customer NPS
        type: number
        metric: nps
        thresholds: [{min: 30, score: 1}, {min: 0, score: 0.5}]
        guidance: g
        recommendation: r
      - {id: S3, text: What did customers say?, type: text, guidance: g, recommendation: r}
"""


def small_checklist(folder: Path) -> Path:
    path = folder / "shop-check.yaml"
    path.write_text(SMALL.lstrip(), encoding="utf-8")
    return path


def test_section_without_its_deciding_item_says_the_condition_in_words(cli: Cli, tmp_path: Path) -> None:
    checklist = small_checklist(tmp_path)
    out = tmp_path / "f.xlsx"
    assert cli("form", checklist, "--xlsform", "-o", out).code == 0, "whole form"
    rows = {r["name"]: r for r in sheet_rows(out, "survey") if r["name"]}
    assert rows["S1"]["relevant"] == "${B1} = 'yes'"
    assert rows["S1"]["constraint"] == ". >= 0" and rows["S1"]["constraint_message"] == "A number of at least 0 (%)"
    assert rows["S2"]["constraint"] == ". >= -100 and . <= 100"  # the last threshold scores 0.5: only the metric's range
    assert rows["B1"]["hint"] == "Ask for it."
    choices = [(r["list_name"], str(r["name"])) for r in sheet_rows(out, "choices")]
    assert ("B2", "na") not in choices and ("B1", "na") in choices
    assert convert(out)[1] == []
    part = tmp_path / "part.xlsx"
    assert cli("form", checklist, "--xlsform", "--section", "service", "-o", part).code == 0
    row = {r["name"]: r for r in sheet_rows(part, "survey") if r["name"]}["S1"]
    assert row["relevant"] is None
    assert row["hint"] == "g Answer only if B1 is Yes."
    assert convert(part)[1] == []


def test_xlsform_is_deterministic_and_refuses_bad_options(cli: Cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert cli("form", "staff-pulse", "--xlsform", "-o", a).code == 0
    assert cli("form", "staff-pulse", "--xlsform", "-o", b).code == 0
    assert a.read_bytes() == b.read_bytes()
    r = cli("form", "staff-pulse", "--xlsform", "-o", a)
    assert r.code != 0 and a.read_bytes() == b.read_bytes()  # a user's file is kept without --force
    r = cli("form", "staff-pulse", "--xlsform", "--role", "frontline", "-o", tmp_path / "c.xlsx")
    assert r.code == 2 and "--role goes with --xlsform --respondent-form" in r.err
    r = cli("form", "staff-pulse", "--xlsform", "--respondent-form", "--role", "Front Line", "-o", tmp_path / "c.xlsx")
    assert r.code == 2 and "--role Front Line" in r.err and "Traceback" not in r.err
    assert not (tmp_path / "c.xlsx").exists()
