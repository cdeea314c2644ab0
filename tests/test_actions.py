"""Action follow-up: the `actions:` key, the pre-filled Actions sheet, `actions pull`,
`actions list` and "since the last visit" in compare and report --baseline.

The baseline audit of the mini checklist loses points on every scored item. Worked
out by hand (sections Offer w2, Delivery w1, Extra w1, all assessed, ΣW = 4):
A1 = 100·(2/4)·(2/3)·0.75 = 25 (a critical failure), A2 = 100·(2/4)·(1/3)·1 = 16.67,
C1 = 100·(1/4)·1·0.5 = 12.5, B2 (30 hours → 0.25) = 100·(1/4)·(1/2)·0.75 = 9.38,
B1 = 100·(1/4)·(1/2)·0.5 = 6.25. The action plan: A1 first (critical), then A2, C1, B2, B1.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import MINI_CHECKLIST, Cli, write

HEADER = "# Acme, Q3 visit\n# kept in git\n"

BASELINE = (
    HEADER
    + """format: cx-audit/audit@1
checklist: mini.yaml
client: Acme Ltd
site: Crowthorne
auditor: J. Smith
date: 2026-08-12
reviewer: K. Lee
actions:
  A1: {owner: Dana Ruiz, due: 2026-09-30, status: done}
  A2: {owner: Sam Patel, due: 2026-10-31, status: done, note: Poster in the staff room.}
  B1: {status: done}
  B2: {owner: Sam Patel, status: done}
  C1: {owner: Dana Ruiz, due: 2026-10-15, status: in-progress}
answers:
  A1: 1
  A2: 'no'
  B1: sometimes
  B2: 30
  C1: 2
"""
)
CURRENT = BASELINE.replace("date: 2026-08-12", "date: 2026-11-11").replace(
    "  A1: 1\n  A2: 'no'\n  B1: sometimes\n  B2: 30\n  C1: 2\n", "  A1: 3\n  A2: 'no'\n  B1: never\n  C1: 2\n"
)
CURRENT = CURRENT.split("actions:")[0] + "answers:" + CURRENT.split("answers:")[1]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    (tmp_path / "base.yaml").write_text(BASELINE, encoding="utf-8")
    (tmp_path / "now.yaml").write_text(CURRENT, encoding="utf-8")
    return tmp_path


# --- the actions: key -------------------------------------------------------------


def test_each_bad_action_is_reported_with_its_line(cli: Cli, folder: Path) -> None:
    text = BASELINE.replace("status: in-progress}", "status: started}")
    text = text.replace("  B1: {status: done}", "  B1: {status: done, colour: red}\n  Z9: {status: done}")
    text = text.replace("due: 2026-10-31", "due: soon")
    (folder / "bad.yaml").write_text(text, encoding="utf-8")
    run = cli("score", "bad.yaml", cwd=folder)
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        "bad.yaml:12:31: A2: due must be a date such as 2027-01-31, not 'soon'",
        "bad.yaml:13:22: unknown key 'colour' in the action for B1 (expected: due, note, owner, status)",
        "bad.yaml:14:3: action for 'Z9', which checklist mini does not have",
        "bad.yaml:16:51: C1: status must be open, in-progress or done (or Open, In progress, Done), not 'started'",
    ]


def test_an_action_not_in_the_plan_is_a_warning_and_kept(cli: Cli, folder: Path) -> None:
    text = CURRENT.replace("answers:", "actions:\n  A3: {status: done}\nanswers:").replace("A2: 'no'", "A2: 'yes'\n  A3: 4")
    (folder / "w.yaml").write_text(text, encoding="utf-8")
    run = cli("score", "w.yaml", cwd=folder)
    assert run.code == 0
    assert run.err.strip() == "w.yaml:11:3: warning: A3 is not in the action plan (it lost no points); its tracking is kept"


def test_an_audit_without_actions_loads_as_before(folder: Path) -> None:
    from cx_audit.files.audit import dump_audit, load_audit

    loaded = load_audit(folder / "now.yaml")
    assert loaded.audit.actions == {}
    assert "actions" not in dump_audit(loaded.audit, loaded.checklist)


# --- the Actions sheet ------------------------------------------------------------


def actions_rows(path: Path) -> dict[str, tuple[object, ...]]:
    ws = load_workbook(path)["Actions"]
    assert [c.value for c in ws[1]][2] == "Item"
    return {r[2]: r for r in ws.iter_rows(min_row=2, values_only=True)}


def test_report_prefills_owner_due_and_status(cli: Cli, folder: Path) -> None:
    assert cli("report", "base.yaml", "--xlsx", "plan.xlsx", cwd=folder).code == 0
    rows = actions_rows(folder / "plan.xlsx")
    assert list(rows) == ["A1", "A2", "C1", "B2", "B1"]
    assert rows["A1"][9:] == ("Dana Ruiz", dt.datetime(2026, 9, 30), "Done")
    assert rows["C1"][9:] == ("Dana Ruiz", dt.datetime(2026, 10, 15), "In progress")
    assert rows["B1"][9:] == (None, None, "Done")
    wb = load_workbook(folder / "plan.xlsx")
    facts = {k: v.attr_text for k, v in wb.defined_names.items()}
    assert facts == {
        "cx_audit_checklist": '"mini"',
        "cx_audit_client": '"Acme Ltd"',
        "cx_audit_site": '"Crowthorne"',
        "cx_audit_date": '"2026-08-12"',
    }


# --- actions pull -----------------------------------------------------------------


def fill(path: Path, out: Path, cells: dict[str, object]) -> Path:
    wb = load_workbook(path)
    ws = wb["Actions"]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(out)
    return out


def test_pull_round_trip_keeps_other_keys_notes_and_the_top_comments(cli: Cli, folder: Path) -> None:
    assert cli("report", "now.yaml", "--xlsx", "plan.xlsx", cwd=folder).code == 0
    rows = actions_rows(folder / "plan.xlsx")
    assert list(rows) == ["B1", "A2", "C1", "A1"]  # B1 now never (0); A1 at 3 is no longer critical
    row = {item: n for n, item in enumerate(rows, 2)}
    fill(
        folder / "plan.xlsx",
        folder / "filled.xlsx",
        {
            f"J{row['A2']}": "  Sam   Patel ",
            f"K{row['A2']}": dt.datetime(2027, 1, 31),
            f"L{row['A2']}": "in PROGRESS",
            f"L{row['B1']}": "done",
            f"K{row['C1']}": "2027-02-15",
        },
    )
    run = cli("actions", "pull", "filled.xlsx", "--into", "now.yaml", cwd=folder)
    assert run.code == 0, run.err
    assert "Wrote action tracking to now.yaml" in run.err
    text = (folder / "now.yaml").read_text()
    assert text.startswith(HEADER + "format: cx-audit/audit@1\n")
    assert "reviewer: K. Lee" in text
    from cx_audit.files.audit import load_audit

    audit = load_audit(folder / "now.yaml").audit
    got = {k: (a.owner, a.due, a.status.value, a.note) for k, a in audit.actions.items()}
    assert got == {
        "B1": ("", None, "done", ""),
        "A2": ("Sam Patel", dt.date(2027, 1, 31), "in-progress", ""),
        "C1": ("", dt.date(2027, 2, 15), "open", ""),
    }
    assert audit.answers["A1"].value == 3 and "B2" not in audit.answers
    # Pulling again changes nothing; the actions block comes before the answers.
    again = cli("actions", "pull", "filled.xlsx", "--into", "now.yaml", cwd=folder)
    assert again.code == 0 and (folder / "now.yaml").read_text() == text
    assert text.index("actions:") < text.index("answers:")


def test_pull_untracks_blank_rows_but_keeps_a_note(cli: Cli, folder: Path) -> None:
    assert cli("report", "base.yaml", "--xlsx", "plan.xlsx", cwd=folder).code == 0
    # rows: A1 2, A2 3, C1 4, B2 5, B1 6; blank A2 (has a note) and B1 (none)
    fill(folder / "plan.xlsx", folder / "f.xlsx", {"J3": None, "K3": None, "L3": None, "L6": None})
    run = cli("actions", "pull", "f.xlsx", "--into", "base.yaml", cwd=folder)
    assert run.code == 0, run.err
    from cx_audit.files.audit import load_audit

    actions = load_audit(folder / "base.yaml").audit.actions
    assert "B1" not in actions
    a2 = actions["A2"]
    assert (a2.owner, a2.due, a2.status.value, a2.note) == ("", None, "open", "Poster in the staff room.")


def test_pull_reports_every_bad_cell_at_once_and_writes_nothing(cli: Cli, folder: Path) -> None:
    assert cli("report", "base.yaml", "--xlsx", "plan.xlsx", cwd=folder).code == 0
    fill(
        folder / "plan.xlsx",
        folder / "bad.xlsx",
        {"L2": "Started", "K4": "next week", "K5": 12.5, "C6": "A3", "C7": "A1", "J7": "x"},
    )
    before = (folder / "base.yaml").read_bytes()
    run = cli("actions", "pull", "bad.xlsx", "--into", "base.yaml", cwd=folder)
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        "bad.xlsx: sheet 'Actions' cell L2: A1: Status must be open, in-progress or done (or Open, In progress, Done), "
        "not 'Started'",
        "bad.xlsx: sheet 'Actions' cell K4: C1: Due must be a date from 2000 to 2100 such as 2027-01-31, not 'next week'",
        "bad.xlsx: sheet 'Actions' cell K5: B2: Due must be a date from 2000 to 2100 such as 2027-01-31, not '1900-01-12'",
        "bad.xlsx: sheet 'Actions' cell C6: A3 is not in the action plan of base.yaml",
        "bad.xlsx: sheet 'Actions' cell C7: A1 is listed twice (also in cell C2)",
    ]
    assert (folder / "base.yaml").read_bytes() == before
    assert not list(folder.glob(".base.yaml.*"))


def test_pull_refuses_another_audits_workbook(cli: Cli, folder: Path) -> None:
    assert cli("report", "now.yaml", "--xlsx", "now.xlsx", cwd=folder).code == 0
    before = (folder / "base.yaml").read_bytes()
    run = cli("actions", "pull", "now.xlsx", "--into", "base.yaml", cwd=folder)
    assert run.code == 2
    assert run.err.strip() == (
        "now.xlsx: was written for another audit (date '2026-11-11'), not for base.yaml (date '2026-08-12')"
    )
    assert (folder / "base.yaml").read_bytes() == before
    assert cli("report", "now.yaml", "base.yaml", "--xlsx", "program.xlsx", cwd=folder).code == 0
    program = cli("actions", "pull", "program.xlsx", "--into", "base.yaml", cwd=folder)
    assert program.code == 2 and "has no hidden audit facts" in program.err
    (folder / "junk.xlsx").write_text("not a workbook")
    junk = cli("actions", "pull", "junk.xlsx", "--into", "base.yaml", cwd=folder)
    assert junk.code == 2 and junk.err.startswith("junk.xlsx: cannot read it as an Excel workbook")


def test_pull_waits_for_no_interview(cli: Cli, folder: Path) -> None:
    from cx_audit.files.lock import AuditLock

    assert cli("report", "base.yaml", "--xlsx", "plan.xlsx", cwd=folder).code == 0
    with AuditLock(folder / "base.yaml"):
        run = cli("actions", "pull", "plan.xlsx", "--into", "base.yaml", cwd=folder)
    assert run.code == 2 and "is open in another interview" in run.err
    assert not (folder / "base.yaml.lock").exists()


# --- actions list -----------------------------------------------------------------


def test_list_overdue_by_today(cli: Cli, folder: Path) -> None:
    run = cli("actions", "list", "base.yaml", "--today", "2026-11-01", "--format", "json", cwd=folder)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["format"] == "cx-audit/actions@1" and data["today"] == "2026-11-01"
    assert data["actions"] == [
        {"item": "A1", "section": "offer", "points_lost": 25.0, "owner": "Dana Ruiz", "due": "2026-09-30",
         "status": "done", "overdue": False},
        {"item": "A2", "section": "offer", "points_lost": 16.67, "owner": "Sam Patel", "due": "2026-10-31",
         "status": "done", "overdue": False},
        {"item": "C1", "section": "extra", "points_lost": 12.5, "owner": "Dana Ruiz", "due": "2026-10-15",
         "status": "in-progress", "overdue": True},
        {"item": "B2", "section": "delivery", "points_lost": 9.38, "owner": "Sam Patel", "due": None,
         "status": "done", "overdue": False},
        {"item": "B1", "section": "delivery", "points_lost": 6.25, "owner": None, "due": None,
         "status": "done", "overdue": False},
    ]  # fmt: skip
    # due today is not overdue yet
    assert cli("actions", "list", "base.yaml", "--today", "2026-10-15", "--fail-on-overdue", cwd=folder).code == 0
    gate = cli("actions", "list", "base.yaml", "--today", "2026-10-16", "--fail-on-overdue", cwd=folder)
    assert gate.code == 1
    assert gate.err.strip() == "base.yaml: gate failed: 1 action(s) overdue on 2026-10-16: C1"
    assert "OVERDUE" in gate.out and "In progress" in gate.out
    bad = cli("actions", "list", "base.yaml", "--today", "tomorrow", cwd=folder)
    assert bad.code == 2 and "'tomorrow' is not a date" in bad.err


def test_list_without_today_reads_the_clock(cli: Cli, folder: Path) -> None:
    run = cli("actions", "list", "base.yaml", "--format", "json", cwd=folder)
    assert json.loads(run.out)["today"] == dt.date.today().isoformat()
    assert [a["overdue"] for a in json.loads(run.out)["actions"]][2] is (dt.date.today() > dt.date(2026, 10, 15))


# --- since the last visit ---------------------------------------------------------


def test_compare_json_followup_and_flags(cli: Cli, folder: Path) -> None:
    run = cli("compare", "base.yaml", "now.yaml", "--format", "json", cwd=folder)
    assert run.code == 0, run.err
    assert json.loads(run.out)["followup"] == [
        {"item": "A1", "status": "done", "owner": "Dana Ruiz", "due": "2026-09-30", "change": "improved", "flagged": False},
        {"item": "A2", "status": "done", "owner": "Sam Patel", "due": "2026-10-31", "change": "unchanged", "flagged": True},
        {"item": "C1", "status": "in-progress", "owner": "Dana Ruiz", "due": "2026-10-15", "change": "unchanged",
         "flagged": False},
        {"item": "B2", "status": "done", "owner": "Sam Patel", "due": None, "change": "not scored", "flagged": False},
        {"item": "B1", "status": "done", "owner": None, "due": None, "change": "worse", "flagged": True},
    ]  # fmt: skip
    table = cli("compare", "base.yaml", "now.yaml", cwd=folder).out
    assert "Since the last visit" in table and table.count("done, not improved") == 2
    md = cli("compare", "base.yaml", "now.yaml", "--format", "markdown", cwd=folder).out
    assert "| A2 | Done | Sam Patel | 2026-10-31 | unchanged | **done, not improved** |" in md
    assert "| B2 | Done | Sam Patel | — | not scored |  |" in md


def test_compare_without_tracking_shows_no_followup(cli: Cli, folder: Path) -> None:
    run = cli("compare", "now.yaml", "base.yaml", "--format", "json", cwd=folder)
    assert json.loads(run.out)["followup"] == []
    assert "Since the last visit" not in cli("compare", "now.yaml", "base.yaml", cwd=folder).out


def test_report_baseline_html_and_xlsx_show_since_the_last_visit(cli: Cli, folder: Path) -> None:
    run = cli("report", "now.yaml", "--baseline", "base.yaml", "--html", "r.html", "--xlsx", "r.xlsx", cwd=folder)
    assert run.code == 0, run.err
    html = (folder / "r.html").read_text()
    part = html.split('id="since-last-visit"', 1)[1].split("</table>", 1)[0]
    assert part.count("<tr>") == 6  # the header and five actions
    assert part.count('<span class="flag">Done, not improved</span>') == 2
    assert "Poster in the staff room." in part and "30\u00a0Sep\u00a02026" in part
    wb = load_workbook(folder / "r.xlsx")
    assert wb.sheetnames[-1] == "Since last visit"
    rows = list(wb["Since last visit"].iter_rows(values_only=True))
    assert rows[0][:10] == ("Section", "Item", "Question", "Status", "Owner", "Due", "Score then", "Score now", "Item now",
                            "Done, not improved")  # fmt: skip
    by_item = {r[1]: r for r in rows[1:]}
    assert by_item["B1"][3:10] == ("Done", None, None, 50.0, 0.0, "Worse", "Yes")
    assert by_item["B2"][7:10] == (None, "Not scored", None)
    assert wb["Summary"] is not None


def test_pull_needs_the_actions_sheet_and_its_item_column(cli: Cli, folder: Path) -> None:
    assert cli("report", "base.yaml", "--xlsx", "plan.xlsx", cwd=folder).code == 0
    wb = load_workbook(folder / "plan.xlsx")
    wb["Actions"]["C1"] = "ID"
    wb.save(folder / "noitem.xlsx")
    del wb["Actions"]
    wb.save(folder / "nosheet.xlsx")
    run = cli("actions", "pull", "noitem.xlsx", "--into", "base.yaml", cwd=folder)
    assert run.code == 2 and run.err.strip() == "noitem.xlsx: sheet 'Actions': no column headed 'Item' in row 1"
    run = cli("actions", "pull", "nosheet.xlsx", "--into", "base.yaml", cwd=folder)
    assert run.code == 2 and "has no 'Actions' sheet" in run.err
    missing = cli("actions", "pull", "plan.xlsx", "--into", "nothere.yaml", cwd=folder)
    assert missing.code == 2 and "nothere.yaml" in missing.err


def test_pull_refuses_an_audit_with_comments_it_would_drop(cli: Cli, folder: Path) -> None:
    text = BASELINE.replace("  C1: 2\n", "  C1: 2  # checked twice\n")
    (folder / "base.yaml").write_text(text, encoding="utf-8")
    assert cli("report", "base.yaml", "--xlsx", "plan.xlsx", cwd=folder).code == 0
    run = cli("actions", "pull", "plan.xlsx", "--into", "base.yaml", cwd=folder)
    assert run.code == 2
    assert run.err.strip() == (
        "base.yaml: has comments on line 21 that rewriting the file would drop; "
        "move them into the comment block at the top of the file"
    )
    assert (folder / "base.yaml").read_text() == text
