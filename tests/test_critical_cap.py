"""A critical failure caps the band (SPEC, Scoring): numbers worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx_audit.files.audit import load_audit
from cx_audit.scoring.audit import AuditResult, score_audit
from cx_audit.scoring.program import score_program
from tests.conftest import Cli, run_subprocess, write

# One section: K1 is critical (rating 0-4, weight 1), K2 is not (rating 0-4, weight 9).
CAP = """
format: cx-audit/checklist@1
id: cap
title: Cap checklist
version: 1.0.0
{cap}sections:
  - id: all
    title: All
    items:
      - {{id: K1, text: Critical point, critical: true, recommendation: Fix K1}}
      - {{id: K2, text: Everything else, weight: 9, recommendation: Fix K2}}
"""


def checklist(folder: Path, cap: str = "") -> Path:
    return write(folder / "cap.yaml", CAP.format(cap=f"critical_cap: {cap}\n" if cap else ""))


def audit(folder: Path, k1: int, k2: int, name: str = "a.yaml", site: str = "Crowthorne") -> Path:
    return write(
        folder / name,
        f"""
        format: cx-audit/audit@1
        checklist: cap.yaml
        client: Acme Ltd
        site: {site}
        auditor: J. Smith
        date: 2026-11-22
        answers:
          K1: {{value: {k1}}}
          K2: {{value: {k2}}}
        """,
    )


def scored(path: Path) -> AuditResult:
    loaded = load_audit(path)
    return score_audit(loaded.checklist, loaded.audit)


def test_a_critical_failure_caps_a_leading_score_at_the_lowest_band(tmp_path: Path) -> None:
    checklist(tmp_path)
    # K1 = 1 → s = 0.25 (fails, critical); K2 = 4 → 1. Score (0.25 + 9) / 10 = 92.5: Leading by score.
    r = scored(audit(tmp_path, 1, 4))
    assert r.overall == pytest.approx(92.5)
    assert r.band_by_score == "Leading"
    assert r.band == "At risk" and r.capped  # default cap: the lowest band
    assert r.sections[0].band == "Leading"  # sections are never capped


def test_no_critical_failure_no_cap(tmp_path: Path) -> None:
    checklist(tmp_path)
    # K1 = 2 → 0.5, not a failure (fails is s < 0.5). (0.5 + 9) / 10 = 95.0.
    r = scored(audit(tmp_path, 2, 4))
    assert r.overall == pytest.approx(95.0)
    assert r.band == r.band_by_score == "Leading" and not r.capped


def test_custom_cap_below_the_earned_band_lowers_it(tmp_path: Path) -> None:
    checklist(tmp_path, "Developing")
    r = scored(audit(tmp_path, 0, 4))  # (0 + 9) / 10 = 90.0 → Leading, capped at Developing
    assert r.overall == pytest.approx(90.0)
    assert (r.band, r.band_by_score, r.capped) == ("Developing", "Leading", True)


def test_cap_above_the_earned_band_changes_nothing_and_says_nothing(tmp_path: Path, cli: Cli) -> None:
    checklist(tmp_path, "Established")
    # K1 = 0, K2 = 2 → (0 + 9·0.5) / 10 = 45.0 → At risk already, below the cap (Established).
    path = audit(tmp_path, 0, 2)
    r = scored(path)
    assert r.overall == pytest.approx(45.0)
    assert (r.band, r.band_by_score, r.capped) == ("At risk", "At risk", False)
    run = cli("score", path)
    assert "Overall 45.0  At risk   completeness" in run.out and "capped" not in run.out


def test_unknown_cap_label_is_a_positioned_input_error(tmp_path: Path, cli: Cli) -> None:
    path = checklist(tmp_path, "Excellent")
    run = cli("checklists", "validate", path)
    assert run.code == 2
    assert run.err.strip() == (
        f"{path}:5:15: critical_cap must be the label of one of the bands "
        "(Leading, Established, Developing, At risk), not 'Excellent'"
    )


def test_every_output_says_why(tmp_path: Path, cli: Cli) -> None:
    checklist(tmp_path)
    path = audit(tmp_path, 1, 4)
    table = cli("score", path)
    assert "Overall 92.5  At risk — capped by 1 critical failure" in table.out
    md = cli("score", path, "--format", "markdown")
    assert "**Overall: 92.5** (At risk — capped by 1 critical failure)" in md.out
    data = json.loads(cli("score", path, "--format", "json").out)
    assert data["overall"] == {"score": 92.5, "band": "At risk", "band_by_score": "Leading", "completeness": 100.0}
    html = tmp_path / "r.html"
    xlsx = tmp_path / "r.xlsx"
    assert cli("report", path, "--html", html, "--xlsx", xlsx).code == 0
    page = html.read_text(encoding="utf-8")
    assert '<p class="capnote">Capped by 1 critical failure; the score alone earns Leading.</p>' in page
    from openpyxl import load_workbook

    summary = load_workbook(xlsx)["Summary"]
    facts = {row[0]: row[1:] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert facts["Overall score"][:2] == (92.5, "At risk")
    assert facts["Why this band"][0] == "capped by 1 critical failure"


def test_plural_wording_for_two_critical_failures(tmp_path: Path, cli: Cli) -> None:
    write(
        tmp_path / "two.yaml",
        """
        format: cx-audit/checklist@1
        id: two
        title: Two criticals
        version: 1.0.0
        sections:
          - id: s
            title: S
            items:
              - {id: X1, text: One, critical: true}
              - {id: X2, text: Two, critical: true}
              - {id: X3, text: Three, weight: 10}
        """,
    )
    path = write(
        tmp_path / "a.yaml",
        """
        format: cx-audit/audit@1
        checklist: two.yaml
        client: Acme
        auditor: Jo
        date: 2026-11-22
        answers: {X1: 0, X2: 1, X3: 4}
        """,
    )
    # (0 + 0.25 + 10) / 12 = 85.42 → Leading by score; two critical failures cap it.
    run = cli("score", path)
    assert "Overall 85.4  At risk — capped by 2 critical failures" in run.out


def test_a_programs_per_audit_bands_are_capped(tmp_path: Path, cli: Cli) -> None:
    checklist(tmp_path)
    a = audit(tmp_path, 1, 4, "a.yaml", "Crowthorne")  # 92.5, capped at At risk
    b = audit(tmp_path, 2, 4, "b.yaml", "Bracknell")  # 95.0, Leading
    p = score_program([scored(a), scored(b)])
    assert [(r.band, r.band_by_score) for r in p.audits] == [("At risk", "Leading"), ("Leading", "Leading")]
    data = json.loads(cli("score", a, b, "--format", "json").out)
    assert [x["overall"]["band"] for x in data["audits"]] == ["At risk", "Leading"]
    md = cli("score", a, b, "--format", "markdown").out
    assert "| Crowthorne | 92.5 | At risk — capped by 1 critical failure | 1 |" in md
    assert "| Bracknell | 95.0 | Leading | 0 |" in md
    html = tmp_path / "p.html"
    assert cli("report", a, b, "--html", html).code == 0
    assert "capped by 1 critical failure" in html.read_text(encoding="utf-8")


# The flagship-like case from issue 15: every critical item failed, everything else
# perfect. Three sections of one critical item and five others, all weight 1.
FLAGSHIP_LIKE_SECTIONS = "\n".join(
    f"""  - id: s{k}
    title: Section {k}
    items:
      - {{id: C{k}, text: Critical {k}, critical: true}}
"""
    + "".join(f"      - {{id: P{k}{j}, text: Point {k}.{j}}}\n" for j in range(5))
    for k in range(3)
)


def test_critical_items_failed_and_everything_else_perfect_is_not_leading(tmp_path: Path, cli: Cli) -> None:
    write(
        tmp_path / "flag.yaml",
        "format: cx-audit/checklist@1\nid: flag\ntitle: Flagship-like\nversion: 1.0.0\nsections:\n" + FLAGSHIP_LIKE_SECTIONS,
    )
    answers = "".join(f"  C{k}: 1\n" + "".join(f"  P{k}{j}: 4\n" for j in range(5)) for k in range(3))
    path = write(
        tmp_path / "a.yaml",
        "format: cx-audit/audit@1\nchecklist: flag.yaml\nclient: Acme\nauditor: Jo\ndate: 2026-11-22\nanswers:\n" + answers,
    )
    r = scored(path)
    # Each section (0.25 + 5) / 6 = 87.5, so the overall is 87.5: Leading by the score alone.
    assert r.overall == pytest.approx(87.5)
    assert r.band_by_score == "Leading"
    assert r.band == "At risk" and r.band != "Leading"
    assert [x.item.id for x in r.critical_failures] == ["C0", "C1", "C2"]
    assert "Overall 87.5  At risk — capped by 3 critical failures" in cli("score", path).out


def test_the_interview_end_summary_says_why(tmp_path: Path) -> None:
    checklist(tmp_path)
    run = run_subprocess(
        "run", "new.yaml", "-c", "cap.yaml", "--client", "Acme", "--auditor", "Jo", cwd=tmp_path, input="1\n\n4\n\n"
    )
    assert run.code == 0, run.err
    assert "At risk — capped by 1 critical failure" in run.out
