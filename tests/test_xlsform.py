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
    # The flagship's second edition: it has every item type and an `in` condition (CP3 on CP2).
    out = tmp_path / "f.xlsx"
    assert cli("form", "cx-essentials@2.0.0", "--xlsform", "-o", out).code == 0
    survey = {row["name"]: row for row in sheet_rows(out, "survey") if row["name"]}
    choices: dict[str, list[tuple[str, str]]] = {}
    for row in sheet_rows(out, "choices"):
        choices.setdefault(row["list_name"], []).append((str(row["name"]), row["label"]))
    from cx_audit.files import registry
    from cx_audit.model import ItemType

    c = registry.resolve("cx-essentials@2.0.0")
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


# --- submissions in: ODK Central and KoboToolbox exports ---------------------------------------

AUDIT = """
format: cx-audit/audit@1
checklist: shop-check.yaml
client: Acme Ltd
site: High Street
auditor: J. Smith
date: 2026-11-22
answers:
  B3: {value: never, note: Kept from the visit}
"""

CENTRAL_META_HEAD = ["SubmissionDate"]
CENTRAL_META_TAIL = [
    "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected",
    "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
]  # fmt: skip
KOBO_META_HEAD = ["start", "end"]
KOBO_META_TAIL = [
    "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
    "__version__", "_tags", "_index",
]  # fmt: skip


def shop_audit(folder: Path) -> Path:
    small_checklist(folder)
    path = folder / "audit.yaml"
    path.write_text(AUDIT.lstrip(), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[list[Any]], delimiter: str = ",") -> Path:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def central_export(folder: Path, answers: dict[str, str], sep: str = "-") -> Path:
    """An ODK Central 'CSV file' download: group names joined with '-', meta columns around."""
    groups = {"B": "basics", "S": "service"}
    names = [f"{groups[k[0]]}{sep}{k}" for k in answers]
    head = CENTRAL_META_HEAD + names + CENTRAL_META_TAIL
    meta_tail = ["uuid:6b1e", "uuid:6b1e", "5", "phone-1", "1", "1", "", "approved", "collect:abc", "0", "1.2.0"]
    row = ["2026-11-22T10:01:02.000Z", *answers.values(), *meta_tail]
    return write_csv(folder / "shop-check.csv", [head, row])


def test_central_csv_fills_the_auditors_answers_and_copies_the_photo(cli: Cli, tmp_path: Path) -> None:
    audit = shop_audit(tmp_path)
    media = tmp_path / "export" / "media"
    media.mkdir(parents=True)
    photo = media / "1700000000000.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the offer")
    export = central_export(
        tmp_path,
        {"B1": "yes", "B1_note": "On the wall", "B1_photo": photo.name, "B2": "3", "B3": "yearly", "S1": "92.5", "S2": "40",
         "S3": "Friendly staff"},
    )  # fmt: skip
    r = cli("import", export, "--xlsform-of", tmp_path / "shop-check.yaml", "--into", audit, "--media", tmp_path / "export")
    assert r.code == 0, r.err
    assert "Added the auditor's answers: 6 items from row 2" in r.err
    import hashlib

    import yaml

    doc = yaml.safe_load(audit.read_text(encoding="utf-8"))
    answers = doc["answers"]
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    stored = f"evidence/{digest[:16]}.jpg"
    assert answers["B1"] == {
        "value": "yes", "note": "On the wall",
        "evidence": [{"path": stored, "sha256": digest, "caption": "1700000000000.jpg"}],
    }  # fmt: skip
    assert (tmp_path / stored).read_bytes() == photo.read_bytes()
    assert answers["B2"] == {"value": 3}
    assert answers["B3"] == {"value": "yearly", "note": "Kept from the visit"}
    assert answers["S1"] == {"value": 92.5} and answers["S2"] == {"value": 40}
    assert answers["S3"] == {"value": "Friendly staff"}
    assert doc["client"] == "Acme Ltd"
    # The audit moved elsewhere still scores: its evidence travelled with it.
    import shutil

    moved = tmp_path / "moved"
    shutil.copytree(tmp_path, moved, ignore=shutil.ignore_patterns("export", "moved"))
    shutil.rmtree(tmp_path / "export")
    r = cli("score", moved / "audit.yaml", "--format", "json")
    assert r.code == 0, r.err


def test_kobo_xlsx_respondent_rows_become_respondents(cli: Cli, tmp_path: Path) -> None:
    from openpyxl import Workbook

    audit = shop_audit(tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.title = "shop-check_1.2.0_respondent"
    questions = ["respondent_code", "role", "basics/B2", "basics/B2_note", "basics/B3", "service/S1", "service/S3"]
    ws.append(KOBO_META_HEAD + questions + KOBO_META_TAIL)
    meta = ["2026-11-20T09:00:00.000+00:00", "2026-11-20T09:05:00.000+00:00"]
    tail = [101, "a1b2", "2026-11-20T09:05:10", "", "", "submitted_via_web", "", "vXyz", "", 1]
    ws.append(meta + ["fd-1", "frontline", 2, "Targets change", "never", 80, None] + tail)
    ws.append(meta + [None, "management", 4, None, "yearly", None, "All good"] + tail)
    ws.append(meta + [None, "Front line", None, None, "Not applicable", 95.0, None] + tail)  # a label export reads too
    export = tmp_path / "kobo.xlsx"
    wb.save(export)
    r = cli("import", export, "--xlsform-of", tmp_path / "shop-check.yaml", "--into", audit)
    assert r.code == 0, r.err
    assert "Added respondent fd-1 (frontline): 3 answers from row 2" in r.err
    import yaml

    doc = yaml.safe_load(audit.read_text(encoding="utf-8"))
    assert doc["respondents"] == [
        {"id": "fd-1", "role": "frontline"}, {"id": "r1", "role": "management"}, {"id": "r2", "role": "front-line"},
    ]  # fmt: skip
    assert doc["answers"]["B2"]["responses"] == {"fd-1": {"value": 2, "note": "Targets change"}, "r1": {"value": 4}}
    assert doc["answers"]["B3"] == {
        "value": "never", "note": "Kept from the visit",
        "responses": {"fd-1": {"value": "never"}, "r1": {"value": "yearly"}, "r2": {"na": True}},
    }  # fmt: skip
    assert doc["answers"]["S1"]["responses"] == {"fd-1": {"value": 80}, "r2": {"value": 95}}
    assert doc["answers"]["S3"]["responses"] == {"r1": {"value": "All good"}}


def test_kobo_semicolon_csv_with_dot_groups(cli: Cli, tmp_path: Path) -> None:
    audit = shop_audit(tmp_path)
    head = KOBO_META_HEAD + ["respondent_code", "role", "basics.B1", "basics.B3", "service.S2"] + KOBO_META_TAIL
    rows = [head, ["s", "e", "mg-1", "management", "yes", "", "35", *["x"] * len(KOBO_META_TAIL)]]
    export = write_csv(tmp_path / "kobo.csv", rows, delimiter=";")
    r = cli("import", export, "--xlsform-of", tmp_path / "shop-check.yaml", "--into", audit)
    # B1 decides whether S1 applies: a respondent may not answer it.
    assert r.code == 2
    assert f"{export}:2: column 'basics.B1': B1 decides which items apply; it takes the auditor's answer only" in r.err
    rows = [[h for h in row if h != "basics.B1"] for row in rows]
    rows[1] = ["s", "e", "mg-1", "management", "", "35", *["x"] * len(KOBO_META_TAIL)]
    export = write_csv(tmp_path / "kobo.csv", rows, delimiter=";")
    r = cli("import", export, "--xlsform-of", tmp_path / "shop-check.yaml", "--into", audit)
    assert r.code == 0, r.err
    import yaml

    doc = yaml.safe_load(audit.read_text(encoding="utf-8"))
    assert doc["answers"]["S2"] == {"responses": {"mg-1": {"value": 35}}}


def test_every_problem_of_every_row_and_nothing_written(cli: Cli, tmp_path: Path) -> None:
    audit = shop_audit(tmp_path)
    before = audit.read_bytes()
    head = ["respondent_code", "role", "basics-B2", "basics-B3", "service-S1", "_id"]
    rows = [
        head,
        ["fd-1", "frontline", "7", "sometimes", "ninety", "1"],
        ["fd-1", "Auditor", "na", "never", "٣", "2"],
    ]
    export = write_csv(tmp_path / "export.csv", rows)
    r = cli("import", export, "--xlsform-of", tmp_path / "shop-check.yaml", "--into", audit)
    assert r.code == 2
    lines = r.err.strip().splitlines()
    p = str(export)
    assert f"{p}:2: column 'basics-B2': '7' is not a whole number from 0 to 4" in lines
    assert any(line.startswith(f"{p}:2: column 'basics-B3': 'sometimes' is not") for line in lines)
    assert f"{p}:2: column 'service-S1': 'ninety' is not a number" in lines
    assert any(line.startswith(f"{p}:3: column 'role': role 'auditor' is the auditor's own role") for line in lines)
    assert f"{p}:3: column 'basics-B2': B2 may not be N/A" in lines
    assert f"{p}:3: column 'service-S1': '٣' is not a number" in lines  # ASCII digits only
    assert "Traceback" not in r.err
    assert audit.read_bytes() == before
    assert not (tmp_path / "evidence").exists()


def test_auditor_export_problems(cli: Cli, tmp_path: Path) -> None:
    audit = shop_audit(tmp_path)
    before = audit.read_bytes()
    checklist = tmp_path / "shop-check.yaml"
    two = write_csv(tmp_path / "two.csv", [["basics-B1", "KEY"], ["yes", "a"], ["no", "b"]])
    r = cli("import", two, "--xlsform-of", checklist, "--into", audit)
    assert r.code == 2 and "has 2 submissions; the auditor's form takes exactly one" in r.err
    photo = write_csv(tmp_path / "photo.csv", [["basics-B1", "basics-B1_photo"], ["yes", "p.jpg"]])
    r = cli("import", photo, "--xlsform-of", checklist, "--into", audit)
    assert r.code == 2 and f"{photo}:2: column 'basics-B1_photo': names the photo 'p.jpg': give --media DIR" in r.err
    (tmp_path / "media").mkdir()
    r = cli("import", photo, "--xlsform-of", checklist, "--into", audit, "--media", tmp_path / "media")
    assert r.code == 2 and f"{photo}:2: column 'basics-B1_photo': photo 'p.jpg' is not in" in r.err
    other = write_csv(tmp_path / "other.csv", [["name", "age"], ["x", "3"]])
    r = cli("import", other, "--xlsform-of", checklist, "--into", audit)
    assert r.code == 2 and "no column is a question of shop-check" in r.err
    dup = write_csv(tmp_path / "dup.csv", [["basics-B1", "basics/B1"], ["yes", "no"]])
    r = cli("import", dup, "--xlsform-of", checklist, "--into", audit)
    assert r.code == 2 and f"{dup}:1: column 'basics/B1': is question B1 again (also column 'basics-B1')" in r.err
    unclosed = tmp_path / "open.csv"
    unclosed.write_text('basics-B1,basics-B1_note\nyes,"never closed\n', encoding="utf-8")
    r = cli("import", unclosed, "--xlsform-of", checklist, "--into", audit)
    assert r.code == 2 and "is not closed" in r.err
    r = cli("import", tmp_path, "--xlsform-of", checklist, "--into", audit)
    assert r.code == 2 and "is a folder" in r.err
    r = cli("import", "/dev/zero", "--xlsform-of", checklist, "--into", audit)
    assert r.code == 2 and "not a regular file" in r.err
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK not really")
    r = cli("import", fake, "--xlsform-of", checklist, "--into", audit)
    assert r.code == 2 and "download the submissions as .xlsx or CSV" in r.err
    assert "Traceback" not in r.err
    assert audit.read_bytes() == before
