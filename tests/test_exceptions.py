"""Accepted exceptions (SPEC Part 3): the file format's rules, the band cap, every output, and
`exceptions add|list`.

The checklist below is worked by hand: six rating items (0–4) of weight 1 in one section.
C1 and C2 are critical and answered 1 (s = 0.25); N1–N4 are answered 4 (s = 1).
Overall = 100 · (0.25 + 0.25 + 4) / 6 = 75.0, which earns Established; each critical
failure loses 100 · (1/6) · 0.75 = 12.5 points. Two critical failures cap the band at
At risk (the lowest band, the default cap).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, write

CHECKLIST = """
format: cx-audit/checklist@1
id: waiver
title: Waiver checklist
version: "1.0.0"
sections:
  - id: service
    title: Service
    items:
      - {id: C1, text: First critical item, critical: true, recommendation: Fix C1}
      - {id: C2, text: Second critical item, critical: true, recommendation: Fix C2}
      - {id: N1, text: Ordinary item one, recommendation: Fix N1}
      - {id: N2, text: Ordinary item two, recommendation: Fix N2}
      - {id: N3, text: Ordinary item three, recommendation: Fix N3}
      - {id: N4, text: Ordinary item four, recommendation: Fix N4}
"""

LONG = "C1: expires 2027-11-22 is more than 366 days after the audit's date 2026-11-20 (at most 2027-11-21)"
SHORT = "audit.yaml:7:16: C1: the reason must say why in at least 20 characters (it has 19)"
DAY = "2026-11-20"
REASON = "The regulator sets a 3-working-day acknowledgement, met for 100 % of complaints."


def audit(tmp_path: Path, exceptions: str = "", date: str = "2026-11-20", name: str = "audit.yaml") -> Path:
    write(tmp_path / "waiver.yaml", CHECKLIST)
    block = f"exceptions:\n{exceptions}" if exceptions else ""
    return write(
        tmp_path / name,
        f"""
format: cx-audit/audit@1
checklist: {{id: waiver, path: waiver.yaml}}
client: Test Ltd
auditor: A. Auditor
date: {date}
{block}
answers:
  C1: {{value: 1}}
  C2: {{value: 1}}
  N1: {{value: 4}}
  N2: {{value: 4}}
  N3: {{value: 4}}
  N4: {{value: 4}}
""",
    )


def entry(item: str, expires: str = "2027-05-31", reason: str = REASON, approved: str = "Helen Marsh") -> str:
    return f'  {item}: {{reason: "{reason}", approved_by: {approved}, expires: {expires}}}\n'


def score_json(cli: Cli, path: Path) -> tuple[dict, str]:  # type: ignore[type-arg]
    run = cli("score", path, "--format", "json")
    assert run.code == 0, run.err
    return json.loads(run.out), run.err


# --- scoring ---------------------------------------------------------------------------


def test_without_exceptions_two_critical_failures_cap_the_band(tmp_path: Path, cli: Cli) -> None:
    data, err = score_json(cli, audit(tmp_path))
    assert data["overall"] == {"score": 75.0, "band": "At risk", "band_by_score": "Established", "completeness": 100.0}
    assert data["critical_failures"] == ["C1", "C2"]
    assert "accepted_exceptions" not in data  # a file that uses none of this reads as before
    assert all("exception" not in i for i in data["items"])
    assert err == ""


def test_one_of_two_critical_failures_excepted_still_caps(tmp_path: Path, cli: Cli) -> None:
    path = audit(tmp_path, entry("C1"))
    data, err = score_json(cli, path)
    assert data["overall"]["score"] == 75.0  # the score is unchanged
    assert data["overall"]["band"] == "At risk" and data["overall"]["band_by_score"] == "Established"
    assert data["critical_failures"] == ["C2"]
    assert data["accepted_exceptions"] == ["C1"]
    c1 = next(i for i in data["items"] if i["id"] == "C1")
    assert c1["points_lost"] == 12.5 and c1["score"] == 25.0 and c1["failed"] is True
    assert c1["exception"] == {"reason": REASON, "approved_by": "Helen Marsh", "expires": "2027-05-31", "valid": True}
    actions = {a["item"]: a for a in data["actions"]}
    assert actions["C1"]["accepted"] is True and actions["C1"]["points_lost"] == 12.5
    assert "accepted" not in actions["C2"]
    assert err == ""
    table = cli("score", path).out
    assert "At risk — capped by 1 critical failure" in table
    assert "Accepted exceptions" in table and "Helen Marsh" in table and "2027-05-31" in table
    assert "C1 (accepted)" in table


def test_both_critical_failures_excepted_lift_the_cap(tmp_path: Path, cli: Cli) -> None:
    path = audit(tmp_path, entry("C1") + entry("C2", expires="2026-11-20"))  # expiring on the audit's date is valid
    data, _ = score_json(cli, path)
    assert data["overall"]["score"] == 75.0
    assert data["overall"]["band"] == "Established" == data["overall"]["band_by_score"]
    assert data["critical_failures"] == []
    assert data["accepted_exceptions"] == ["C1", "C2"]
    assert [a["item"] for a in data["actions"]] == ["C1", "C2"]  # still in the plan, marked
    assert all(a["accepted"] for a in data["actions"])
    for fmt in ("table", "markdown"):
        out = cli("score", path, "--format", fmt).out
        assert "capped" not in out
        assert "Accepted exceptions" in out
    gate = cli("score", path, "--fail-on-critical")
    assert gate.code == 0  # accepted failures are not failures left


def test_an_expired_exception_warns_and_changes_nothing(tmp_path: Path, cli: Cli) -> None:
    plain, _ = score_json(cli, audit(tmp_path))
    path = audit(tmp_path, entry("C1", expires="2026-11-19"), name="expired.yaml")
    data, err = score_json(cli, path)
    assert "expired.yaml: warning: C1: the exception expired on 2026-11-19, before the audit's date; it changes nothing" in err
    assert data["overall"] == plain["overall"]
    assert data["critical_failures"] == ["C1", "C2"]
    assert data["accepted_exceptions"] == []
    c1 = next(i for i in data["items"] if i["id"] == "C1")
    assert c1["exception"]["valid"] is False
    assert all("accepted" not in a for a in data["actions"])


def test_an_exception_on_a_passing_item_warns_and_changes_nothing(tmp_path: Path, cli: Cli) -> None:
    plain, _ = score_json(cli, audit(tmp_path))
    path = audit(tmp_path, entry("N1"), name="passing.yaml")
    data, err = score_json(cli, path)
    assert "passing.yaml: warning: N1: has an exception but did not fail; the exception changes nothing" in err
    assert data["overall"] == plain["overall"] and data["critical_failures"] == ["C1", "C2"]
    assert data["accepted_exceptions"] == []
    assert data["actions"] == plain["actions"]
    assert next(i for i in data["items"] if i["id"] == "N1")["exception"]["valid"] is True


# --- the file's rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "date", "message"),
    [
        (
            entry("C1", reason="Too short, 19 chrs."),
            "2026-11-20",
            "audit.yaml:7:16: C1: the reason must say why in at least 20 characters (it has 19)",
        ),
        (
            '  C1: {reason: "' + REASON + '", approved_by: "", expires: 2027-01-01}\n',
            "2026-11-20",
            "C1: approved_by must name who approved the exception",
        ),
        (
            '  C1: {reason: "' + REASON + '", expires: 2027-01-01}\n',
            "2026-11-20",
            "missing required key 'approved_by' in the exception for C1",
        ),
        (
            entry("C1", expires="2027-11-22"),
            "2026-11-20",
            "C1: expires 2027-11-22 is more than 366 days after the audit's date 2026-11-20 (at most 2027-11-21)",
        ),
        (entry("C1", expires="soon"), "2026-11-20", "C1: expires must be a date such as 2027-05-31, not 'soon'"),
        (entry("ZZ9"), "2026-11-20", "exception for 'ZZ9', which checklist waiver does not have"),
        (entry("C1"), "null", "C1: an exception needs the audit's date (add date: YYYY-MM-DD)"),
        ("  C1: because\n", "2026-11-20", "the exception for C1 must be a mapping"),
    ],
)
def test_every_rule_is_an_input_error_at_its_line(tmp_path: Path, cli: Cli, block: str, date: str, message: str) -> None:
    path = audit(tmp_path, block, date=date)
    run = cli("score", path)
    assert run.code == 2
    assert message in run.err
    assert "audit.yaml:7:" in run.err  # the exception's line
    assert "Traceback" not in run.err


def test_366_days_is_the_longest_allowed(tmp_path: Path, cli: Cli) -> None:
    data, _ = score_json(cli, audit(tmp_path, entry("C1", expires="2027-11-21")))
    assert data["accepted_exceptions"] == ["C1"]


# --- reports -----------------------------------------------------------------------------


def test_reports_show_accepted_exceptions_beside_the_critical_failures(tmp_path: Path, cli: Cli) -> None:
    from openpyxl import load_workbook

    path = audit(tmp_path, entry("C1"))
    run = cli("report", path, "--html", tmp_path / "r.html", "--xlsx", tmp_path / "r.xlsx")
    assert run.code == 0, run.err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    card = html[html.index("<h3>Critical failures</h3>") : html.index("Priority actions")]
    assert "Accepted exceptions" in card and "Helen Marsh" in card and "31 May 2027" in card
    assert REASON.replace("%", "%") in card
    assert "capped by 1 critical failure" in html and "capped by 2" not in html
    assert '<span class="flag soft">Accepted</span>' in html
    wb = load_workbook(tmp_path / "r.xlsx")
    summary = [c.value for row in wb["Summary"].iter_rows() for c in row if c.value is not None]
    assert "Accepted exceptions (not counted in the band cap)" in summary
    assert any(isinstance(v, str) and REASON in v and "Approved by Helen Marsh, expires 2027-05-31" in v for v in summary)
    actions = wb["Actions"]
    header = [c.value for c in actions[1]]
    col = header.index("Critical failure")
    flags = {row[header.index("Item")].value: row[col].value for row in actions.iter_rows(min_row=2)}
    assert flags["C1"] == "Accepted" and flags["C2"] == "Yes"


def test_the_deck_lists_accepted_exceptions_on_the_critical_failures_slide(tmp_path: Path, cli: Cli) -> None:
    from pptx import Presentation

    def slide_text(path: Path) -> str:
        prs = Presentation(str(path))
        return "\n".join(sh.text_frame.text for slide in prs.slides for sh in slide.shapes if sh.has_text_frame)

    one = audit(tmp_path, entry("C1"))
    assert cli("report", one, "--pptx", tmp_path / "one.pptx").code == 0
    text = slide_text(tmp_path / "one.pptx")
    assert "1 critical item scored below half marks: it caps the band" in text  # C2 only
    assert f"Accepted exception: {REASON}" in text and "Approved by Helen Marsh; expires 31 May 2027" in text
    both = audit(tmp_path, entry("C1") + entry("C2"), name="both.yaml")
    assert cli("report", both, "--pptx", tmp_path / "both.pptx").code == 0
    text = slide_text(tmp_path / "both.pptx")
    assert "No critical failure caps the band: the critical items below half marks are accepted exceptions." in text
    assert text.count("Accepted exception:") == 2


# --- exceptions add ----------------------------------------------------------------------


def test_exceptions_add_writes_one_exception_and_keeps_the_rest(tmp_path: Path, cli: Cli) -> None:
    path = audit(tmp_path)
    path.write_text("# Visit notes kept at the top\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("exceptions", "add", path, "C1", "--reason", REASON, "--approved-by", "Helen Marsh", "--expires", "2027-05-31")
    assert run.code == 0, run.err
    assert "Wrote the exception for C1 (added)" in run.err
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Visit notes kept at the top\n")
    data, _ = score_json(cli, path)
    assert data["accepted_exceptions"] == ["C1"]
    assert data["items"][0]["exception"]["approved_by"] == "Helen Marsh"
    again = cli("exceptions", "add", path, "C1", "--reason", REASON, "--approved-by", "Dana Ruiz", "--expires", "2027-01-31")
    assert again.code == 0 and "(replaced)" in again.err
    data, _ = score_json(cli, path)
    assert data["items"][0]["exception"]["approved_by"] == "Dana Ruiz"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("C1", "--reason", "too short", "--approved-by", "H", "--expires", "2027-01-01"),
            "--reason: C1: the reason must say why",
        ),
        (("C1", "--reason", REASON, "--approved-by", " ", "--expires", "2027-01-01"), "--approved-by: C1: approved_by must name"),
        (
            ("C1", "--reason", REASON, "--approved-by", "H", "--expires", "2028-01-01"),
            "--expires: C1: expires 2028-01-01 is more than 366",
        ),
        (("ZZ9", "--reason", REASON, "--approved-by", "H", "--expires", "2027-01-01"), "ITEM: exception for 'ZZ9'"),
        (("C1", "--reason", REASON, "--approved-by", "H", "--expires", "May"), "'May' is not a date"),
    ],
)
def test_exceptions_add_refuses_and_writes_nothing(tmp_path: Path, cli: Cli, args: tuple[str, ...], message: str) -> None:
    path = audit(tmp_path)
    before = path.read_bytes()
    run = cli("exceptions", "add", path, *args)
    assert run.code == 2
    assert message in run.err
    assert path.read_bytes() == before


def test_exceptions_add_refuses_an_audit_with_comments_it_would_drop(tmp_path: Path, cli: Cli) -> None:
    path = audit(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("  C2: {value: 1}", "  C2: {value: 1}  # asked twice"), encoding="utf-8"
    )
    before = path.read_bytes()
    run = cli("exceptions", "add", path, "C1", "--reason", REASON, "--approved-by", "H", "--expires", "2027-01-01")
    assert run.code == 2 and "comments" in run.err
    assert path.read_bytes() == before


# --- exceptions list ---------------------------------------------------------------------


def test_exceptions_list_judges_expiry_on_the_given_day(tmp_path: Path, cli: Cli) -> None:
    a = audit(tmp_path, entry("C1", expires="2027-03-01") + entry("C2", expires="2027-06-30"), name="a.yaml")
    b = audit(tmp_path, entry("N1", expires="2027-01-15"), name="b.yaml")
    run = cli("exceptions", "list", a, b, "--today", "2027-02-01", "--format", "json")
    assert run.code == 0, run.err
    rows = {(x["audit"].rsplit("/", 1)[-1], x["item"]): x for x in json.loads(run.out)["exceptions"]}
    assert rows[("a.yaml", "C1")]["days_left"] == 28 and rows[("a.yaml", "C1")]["at_audit"] == "accepted"
    assert rows[("a.yaml", "C2")]["days_left"] == 149
    assert rows[("b.yaml", "N1")]["days_left"] == -17 and rows[("b.yaml", "N1")]["expired"] is True
    assert rows[("b.yaml", "N1")]["at_audit"] == "item did not fail"
    within = cli("exceptions", "list", a, b, "--today", "2027-02-01", "--expiring-within", "30")
    assert within.code == 0
    assert "C1  expires 2027-03-01 (28 days left)" in within.out
    assert "N1  expires 2027-01-15 (expired 17 days ago)" in within.out
    assert "C2" not in within.out
    gate = cli("exceptions", "list", a, b, "--today", "2027-02-01", "--fail-on-expired")
    assert gate.code == 1
    assert "gate failed: 1 exception(s) expired on 2027-02-01" in gate.err and "b.yaml:N1" in gate.err
    fine = cli("exceptions", "list", a, "--today", "2027-02-01", "--fail-on-expired")
    assert fine.code == 0
    none = cli("exceptions", "list", a, "--today", "2026-12-01", "--expiring-within", "10")
    assert none.out == "No exceptions expiring within 10 days.\n"


def test_exceptions_add_goes_through_the_one_audit_transaction(tmp_path: Path, cli: Cli) -> None:
    from cx_audit.files.lock import AuditLock

    missing = cli(
        "exceptions", "add", tmp_path / "nope.yaml", "C1", "--reason", REASON, "--approved-by", "H", "--expires", "2027-01-01"
    )
    assert missing.code == 2 and "no such audit file" in missing.err
    path = audit(tmp_path)
    before = path.read_bytes()
    with AuditLock(path):  # the interview (or another command) has the audit
        run = cli("exceptions", "add", path, "C1", "--reason", REASON, "--approved-by", "H", "--expires", "2027-01-01")
    assert run.code != 0 and path.read_bytes() == before
