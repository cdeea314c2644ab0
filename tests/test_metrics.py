"""Customer metrics (SPEC Part 2): the four kinds, survey exports, `metrics --into`, reports.

Every expected figure was worked out by hand from the SPEC's formulas (z = 1.96); the
comments show the arithmetic.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cx_audit.errors import InputError
from cx_audit.metric_formulas import RANGES, SCALES, ces, csat, nps, share, summarise
from cx_audit.metrics.read import detect_delimiter, read_column
from cx_audit.model import MetricKind
from tests.conftest import Cli

CHECKLIST = """\
format: cx-audit/checklist@1
id: survey-fixture
title: Survey fixture
version: "1.0"
sections:
  - id: CM
    title: Survey results
    items:
      - id: CM1
        text: Net Promoter Score among customers served in the last 90 days
        type: number
        metric: nps
        thresholds: [{min: 50, score: 1}, {min: 30, score: 0.75}, {min: 0, score: 0.4}, {min: -100, score: 0}]
        recommendation: Call back every detractor within a week.
      - id: CM2
        text: Satisfied customers
        type: number
        metric: csat
        thresholds: [{min: 80, score: 1}, {min: 60, score: 0.5}, {min: 0, score: 0}]
      - id: CM3
        text: Customer effort
        type: number
        metric: ces
        thresholds: [{min: 5.5, score: 1}, {min: 1, score: 0}]
      - id: CM4
        text: Would buy again now
        type: number
        metric: share
        thresholds: [{min: 70, score: 1}, {min: 0, score: 0}]
      - id: N1
        text: Complaints per month
        type: number
        thresholds: [{max: 5, score: 1}, {max: 1000, score: 0}]
      - id: R1
        text: Greeting
"""

AUDIT = """\
# Audit of the Leeds branch, visit 3
# (this block is kept on every save)

format: cx-audit/audit@1
checklist: {id: survey-fixture, path: checklist.yaml}
client: Acme Ltd
auditor: Sam
date: 2026-11-01
x-custom: keep me
answers:
  R1: {value: 3, note: Warm welcome.}
  CM1: {note: From the Q4 survey.}
"""


def survey(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.fixture
def audit(tmp_path: Path) -> Path:
    (tmp_path / "checklist.yaml").write_text(CHECKLIST, encoding="utf-8")
    path = tmp_path / "audit.yaml"
    path.write_text(AUDIT, encoding="utf-8")
    return path


def nps_csv(path: Path, promoters: int, passives: int, detractors: int) -> Path:
    rows = ["10"] * promoters + ["8"] * passives + ["3"] * detractors
    return survey(path, "id,Likely to recommend\n" + "".join(f"{i},{v}\n" for i, v in enumerate(rows)))


# --- the four kinds, by hand ---------------------------------------------------------


def test_nps_the_spec_example() -> None:
    # n' = 103, p = 50.75/103, d = 20.75/103, c = 0.29126, se = √((p + d − c²)/103) = 0.076916
    s = nps(50, 30, 20)
    assert s.value == 30.0
    assert (round(s.low, 2), round(s.high, 2)) == (14.05, 44.2)
    assert s.parts == {"promoters": 50, "passives": 30, "detractors": 20}


def test_nps_n_1() -> None:
    # p = 1.75/4 = 0.4375, d = 0.75/4 = 0.1875, c = 0.25, se = √((0.625 − 0.0625)/4) = 0.375, z·se = 0.735
    s = nps(1, 0, 0)
    assert (s.value, round(s.low, 9), round(s.high, 9)) == (100.0, -48.5, 98.5)
    passive = nps(0, 1, 0)  # c = 0, se = √(0.375/4) = 0.30619
    assert (passive.value, round(passive.low, 2), round(passive.high, 2)) == (0.0, -60.01, 60.01)


def test_nps_all_promoters_and_all_detractors() -> None:
    # n = 10: p = 10.75/13, d = 0.75/13, c = 0.76923, se = 0.15010; c + z·se = 1.063 → clipped to 100
    up = nps(10, 0, 0)
    assert (up.value, round(up.low, 2), up.high) == (100.0, 47.5, 100.0)
    down = nps(0, 0, 10)
    assert (down.value, down.low, round(down.high, 2)) == (-100.0, -100.0, -47.5)


def test_csat_wilson() -> None:
    # 6 of 10 satisfied (4s and 5s): p = 0.6, centre = 0.6 + 0.19208, spread = 1.96·√(0.024 + 0.009604) = 0.35925
    s = csat({1: 1, 2: 1, 3: 2, 4: 3, 5: 3})
    assert s.value == 60.0 and s.n == 10
    assert (round(s.low, 2), round(s.high, 2)) == (31.27, 83.18)
    assert s.counts == {1: 1, 2: 1, 3: 2, 4: 3, 5: 3}


def test_wilson_at_0_and_at_n() -> None:
    # k = 0: low = 0, high = (z²/n)/(1 + z²/n) = 0.38416/1.38416 = 0.27754; k = n mirrors it
    none = csat({1: 4, 3: 6})
    assert (none.value, none.low, round(none.high, 2)) == (0.0, 0.0, 27.75)
    every = share(10, 0)
    assert (every.value, round(every.low, 2), every.high) == (100.0, 72.25, 100.0)
    assert csat({2: 3}).counts == {1: 0, 2: 3, 3: 0, 4: 0, 5: 0}, "every answer is listed"


def test_share_wilson() -> None:
    # 3 of 4: centre = 0.75 + 0.4802 = 1.2302, spread = 1.96·√(0.046875 + 0.060025) = 0.64083, ÷ 1.9604
    s = share(3, 1)
    assert (s.value, round(s.low, 2), round(s.high, 2)) == (75.0, 30.06, 95.44)
    assert s.parts == {"yes": 3, "no": 1}


def test_ces_mean_sd_and_agree() -> None:
    # 3, 5, 7, 7: mean 5.5, squares 6.25 + 0.25 + 2.25 + 2.25 = 11, sd = √(11/3) = 1.91485,
    # z·sd/√4 = 1.87656 → 3.62 to 7.38, clipped to 7; agree = 3 of 4 = 75
    s = ces({3: 1, 5: 1, 7: 2})
    assert (s.value, round(s.low, 2), s.high, s.agree) == (5.5, 3.62, 7.0, 75.0)


def test_ces_every_answer_equal_and_n_1() -> None:
    assert (ces({5: 8}).low, ces({5: 8}).high, ces({5: 8}).agree) == (5.0, 5.0, 100.0)
    one = ces({2: 1})  # sd is 0 when n = 1
    assert (one.value, one.low, one.high, one.agree, one.small_sample) == (2.0, 2.0, 2.0, 0.0, True)


tallies = st.sampled_from(list(MetricKind)).flatmap(
    lambda kind: st.tuples(
        st.just(kind),
        st.dictionaries(st.integers(*SCALES[kind]), st.integers(0, 5000), min_size=1).filter(lambda t: sum(t.values()) > 0),
    )
)


@settings(max_examples=400, deadline=None)
@given(tallies)
def test_interval_contains_the_value_and_stays_within_the_scale(case: tuple[MetricKind, dict[int, int]]) -> None:
    kind, tally = case
    s = summarise(kind, tally)
    lo, hi = RANGES[kind]
    assert lo <= s.low <= s.high <= hi
    assert lo <= s.value <= hi
    one_extreme_nps = kind is MetricKind.nps and s.n == 1 and abs(s.value) == 100
    if not one_extreme_nps:  # the adjusted-Wald interval of a single 0–6 or 9–10 stops at ±98.5 (test_nps_n_1)
        assert s.low - 1e-9 <= s.value <= s.high + 1e-9


# --- reading survey exports ---------------------------------------------------------


def test_csv_with_bom_semicolons_quoted_headers_and_label_cells(tmp_path: Path) -> None:
    path = survey(
        tmp_path / "q4.csv",
        '"Respondent";"How likely are you to recommend us? (0-10)";"Why; in a word"\n'
        '1;"10 - Extremely likely";"Staff; service"\n'
        '2;"0 - Not at all likely";""\n'
        "3;7.0;ok\n"
        "4;;skipped\n"
        "5;9;\n",
        bom=True,
    )
    col = read_column(path, "how likely are you to recommend us? (0-10)", MetricKind.nps)
    assert col.header == "How likely are you to recommend us? (0-10)"
    assert col.tally == {10: 1, 0: 1, 7: 1, 9: 1}


def test_tab_delimited_and_column_by_number(tmp_path: Path) -> None:
    path = survey(tmp_path / "t.tsv", "Order\tCSAT, overall\n1\t5\n2\t4 - Satisfied\n3\t 2 \n")
    col = read_column(path, "2", MetricKind.csat)
    assert (col.header, col.tally) == ("CSAT, overall", {5: 1, 4: 1, 2: 1})


def test_delimiter_is_detected_from_the_header_line_outside_quotes() -> None:
    assert detect_delimiter('"a,b";"c,d";"e"\n') == ";"
    assert detect_delimiter("a\tb\tc\n") == "\t"
    assert detect_delimiter("only\n") == ","


def test_every_bad_cell_at_once_with_its_physical_line(tmp_path: Path) -> None:
    path = survey(
        tmp_path / "survey.csv",
        'id,note,Likely to recommend\n1,"two\nlines",eleven\n2,,10\n3,,11\n4,,7.5\n',
    )
    with pytest.raises(InputError) as caught:
        read_column(path, "Likely to recommend", MetricKind.nps, shown="survey.csv")
    assert caught.value.lines() == [
        "survey.csv:2: column 'Likely to recommend': 'eleven' is not a whole number from 0 to 10",
        "survey.csv:5: column 'Likely to recommend': '11' is not a whole number from 0 to 10",
        "survey.csv:6: column 'Likely to recommend': '7.5' is not a whole number from 0 to 10",
    ]


def test_share_words_any_case(tmp_path: Path) -> None:
    path = survey(tmp_path / "s.csv", "Buy again\nYes\ny\nTRUE\n1\nno\nN\nfalse\n0\nmaybe\n")
    with pytest.raises(InputError) as caught:
        read_column(path, "Buy again", MetricKind.share, shown="s.csv")
    assert caught.value.lines() == ["s.csv:10: column 'Buy again': 'maybe' is not yes or no (y, yes, true, 1 / n, no, false, 0)"]
    path.write_text(path.read_text().replace("maybe\n", ""))
    assert read_column(path, "Buy again", MetricKind.share).tally == {1: 4, 0: 4}


def test_no_answers_and_unknown_column_are_input_errors(tmp_path: Path) -> None:
    path = survey(tmp_path / "e.csv", "a,b\n1,\n2,\n")
    with pytest.raises(InputError, match="column 'b' has no answers"):
        read_column(path, "b", MetricKind.nps)
    with pytest.raises(InputError, match=r"no column 'c' \(columns: 'a', 'b'; or give a column number 1-2\)"):
        read_column(path, "c", MetricKind.nps)


def test_a_file_that_is_not_utf8_is_one_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("Satisfaction,Commentaire\n5,très bien\n".encode("cp1252"))
    with pytest.raises(InputError) as caught:
        read_column(path, "Satisfaction", MetricKind.csat, shown="latin.csv")
    assert caught.value.lines() == ["latin.csv: is not UTF-8 text: export it again as CSV UTF-8 (in Excel: Save As, 'CSV UTF-8')"]


def test_xlsx_first_sheet_header_in_row_1(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Responses"
    ws.append(["Respondent", "Ease (1-7)"])
    for i, v in enumerate([7.0, 6, "5 - Somewhat agree", None, "seven", 9], 1):
        ws.append([i, v])
    book.create_sheet("Other").append(["Ease (1-7)"])
    path = tmp_path / "ease.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_column(path, "Ease (1-7)", MetricKind.ces, shown="ease.xlsx")
    assert caught.value.lines() == [
        "ease.xlsx: sheet 'Responses' cell B6: column 'Ease (1-7)': 'seven' is not a whole number from 1 to 7",
        "ease.xlsx: sheet 'Responses' cell B7: column 'Ease (1-7)': '9' is not a whole number from 1 to 7",
    ]
    ws.delete_rows(6, 2)
    book.save(path)
    assert read_column(path, "ease (1-7)", MetricKind.ces).tally == {7: 1, 6: 1, 5: 1}


# --- the command ------------------------------------------------------------------


def test_metrics_prints_value_n_breakdown_and_interval(cli: Cli, tmp_path: Path) -> None:
    path = nps_csv(tmp_path / "q.csv", 50, 30, 20)
    run = cli("metrics", path, "--column", "Likely to recommend", "--kind", "nps")
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "Likely to recommend: NPS 30.0 (n = 100, 95% CI 14.1 to 44.2)"
    assert "  promoters    50   50.0%" in run.out and "  detractors   20   20.0%" in run.out
    assert run.err == ""
    js = cli("metrics", path, "--column", "2", "--kind", "nps", "--format", "json")
    assert json.loads(js.out) == {
        "format": "cx-audit/metric@1",
        "kind": "nps",
        "column": "Likely to recommend",
        "n": 100,
        "value": 30.0,
        "ci95": [14.05, 44.2],
        "small_sample": False,
        "promoters": 50,
        "passives": 30,
        "detractors": 20,
    }


def test_small_sample_is_said(cli: Cli, tmp_path: Path) -> None:
    path = nps_csv(tmp_path / "q.csv", 6, 4, 2)
    run = cli("metrics", path, "--column", "Likely to recommend", "--kind", "nps")
    assert run.code == 0
    assert "small sample (n = 12)" in run.out.splitlines()[0]
    assert "warning: column 'Likely to recommend': small sample (n = 12)" in run.err
    assert json.loads(cli("metrics", path, "--column", "2", "--kind", "nps", "-f", "json").out)["small_sample"] is True


def test_csat_json_stores_counts_and_ces_agree(cli: Cli, tmp_path: Path) -> None:
    path = survey(tmp_path / "c.csv", "CSAT;CES\n5;7\n4;5\n2;3\n")
    csat_doc = json.loads(cli("metrics", path, "--column", "CSAT", "--kind", "csat", "-f", "json").out)
    assert csat_doc["counts"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    ces_doc = json.loads(cli("metrics", path, "--column", "CES", "--kind", "ces", "-f", "json").out)
    # 7, 5, 3: mean 5, sd 2, z·2/√3 = 2.2632 → 2.74 to 7 (clipped); agree 2 of 3
    assert (ces_doc["value"], ces_doc["ci95"], ces_doc["agree"]) == (5.0, [2.74, 7.0], 66.67)


def test_bad_cells_exit_2_and_nothing_written(cli: Cli, tmp_path: Path, audit: Path) -> None:
    path = survey(tmp_path / "survey.csv", "Likely to recommend\n10\neleven\n")
    before = audit.read_bytes()
    run = cli("metrics", path, "--column", "Likely to recommend", "--kind", "nps", "--into", audit, "--item", "CM1")
    assert run.code == 2
    assert run.err.strip() == f"{path}:3: column 'Likely to recommend': 'eleven' is not a whole number from 0 to 10"
    assert audit.read_bytes() == before and run.out == ""


# --- --into -------------------------------------------------------------------------


def test_into_writes_the_answer_and_keeps_everything_else(cli: Cli, tmp_path: Path, audit: Path) -> None:
    (tmp_path / "surveys").mkdir()
    path = nps_csv(tmp_path / "surveys" / "q4.csv", 50, 30, 20)
    run = cli("metrics", path, "--column", "Likely to recommend", "--kind", "nps", "--into", audit, "--item", "CM1")
    assert run.code == 0, run.err
    text = audit.read_text(encoding="utf-8")
    assert text.startswith("# Audit of the Leeds branch, visit 3\n# (this block is kept on every save)\n\n")
    assert "x-custom: keep me" in text and "Warm welcome." in text and "From the Q4 survey." in text
    import hashlib

    from cx_audit.files.audit import load_audit

    loaded = load_audit(audit)
    assert loaded.warnings == []
    answer = loaded.audit.answers["CM1"]
    assert answer.value == 30.0 and answer.note == "From the Q4 survey."
    m = answer.metric
    assert m is not None and (m.n, m.ci95, m.parts) == (100, (14.05, 44.2), {"promoters": 50, "passives": 30, "detractors": 20})
    assert m.source is not None
    assert (m.source.path, m.source.column) == ("surveys/q4.csv", "Likely to recommend")
    assert m.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not (tmp_path / "audit.yaml.lock").exists()


def test_a_metric_answer_survives_load_and_save_unchanged(cli: Cli, tmp_path: Path, audit: Path) -> None:
    from cx_audit.files.audit import dump_audit, load_audit
    from cx_audit.interview.saving import AuditWriter

    path = survey(tmp_path / "c.csv", "CES\n7\n5\n3\n")
    assert cli("metrics", path, "--column", "CES", "--kind", "ces", "--into", audit, "--item", "CM3").code == 0
    text = audit.read_text(encoding="utf-8")
    assert "      agree: 66.67\n      ci95: [2.74, 7.0]\n" in text
    loaded = load_audit(audit)
    body = dump_audit(loaded.audit, loaded.checklist)
    assert text.endswith(body), "what the interview would save is what --into wrote"
    assert AuditWriter(loaded.audit, loaded.checklist, print).text() == body
    loaded.audit.answers["CM3"].value = 6.0  # changed by hand: the counts no longer give it
    assert "metric:" not in dump_audit(loaded.audit, loaded.checklist).split("CM3:")[1].split("\n  R1:")[0]


def test_into_refuses_an_item_without_that_metric(cli: Cli, tmp_path: Path, audit: Path) -> None:
    path = nps_csv(tmp_path / "q.csv", 5, 0, 0)
    before = audit.read_bytes()
    for item, message in (
        ("N1", "item N1 is not a number item with a 'metric' in checklist survey-fixture"),
        ("R1", "item R1 is not a number item with a 'metric'"),
        ("CM2", "item CM2 holds csat, not nps"),
        ("ZZ", "checklist survey-fixture has no item 'ZZ'"),
    ):
        run = cli("metrics", path, "--column", "1", "--kind", "nps", "--into", audit, "--item", item)
        assert run.code == 2 and message in run.err, (item, run.err)
        assert audit.read_bytes() == before
    alone = cli("metrics", path, "--column", "1", "--kind", "nps", "--into", audit)
    assert alone.code == 2 and "--into and --item go together" in alone.err


def test_into_waits_for_no_one_when_the_interview_has_the_audit(cli: Cli, tmp_path: Path, audit: Path) -> None:
    from cx_audit.files.lock import AuditLock

    path = nps_csv(tmp_path / "q.csv", 5, 0, 0)
    before = audit.read_bytes()
    with AuditLock(audit):
        run = cli("metrics", path, "--column", "1", "--kind", "nps", "--into", audit, "--item", "CM1")
    assert run.code == 2 and "is open in another interview" in run.err
    assert audit.read_bytes() == before


def test_into_refuses_comments_it_would_drop(cli: Cli, tmp_path: Path, audit: Path) -> None:
    audit.write_text(AUDIT.replace("x-custom: keep me", "x-custom: keep me  # mine"), encoding="utf-8")
    before = audit.read_bytes()
    run = cli("metrics", nps_csv(tmp_path / "q.csv", 5, 0, 0), "--column", "1", "--kind", "nps", "--into", audit, "--item", "CM1")
    assert run.code == 2 and "has comments on line 9" in run.err
    assert audit.read_bytes() == before


# --- the stored answer ----------------------------------------------------------------

STORED = """\
  CM1:
    value: {value}
    metric:
      kind: nps
      n: 100
      promoters: 50
      passives: 30
      detractors: 20
      ci95: [14.05, 44.2]
      source: {{path: q4.csv, sha256: {sha}, column: Likely to recommend}}
"""


def with_answer(audit: Path, answer: str) -> None:
    audit.write_text(AUDIT.replace("  CM1: {note: From the Q4 survey.}\n", answer), encoding="utf-8")


def test_a_value_that_its_counts_do_not_give_is_an_input_error(cli: Cli, audit: Path) -> None:
    with_answer(audit, STORED.format(value=35.0, sha="ab" * 32))
    run = cli("score", audit)
    assert run.code == 2
    assert run.err.strip() == f"{audit}:13:12: CM1: value 35 does not match its counts, which give 30"
    with_answer(audit, STORED.format(value=30.004, sha="ab" * 32))
    assert cli("score", audit).code == 0, "equal to 0.01"


def test_a_changed_survey_file_is_a_warning(cli: Cli, tmp_path: Path, audit: Path) -> None:
    nps_csv(tmp_path / "q4.csv", 50, 30, 20)
    with_answer(audit, STORED.format(value=30.0, sha="ab" * 32))
    run = cli("score", audit)
    assert run.code == 0
    assert f"{audit}:21:38: warning: CM1: survey file q4.csv has changed since the metric was read" in run.err


def test_metric_answers_are_checked(cli: Cli, audit: Path) -> None:
    bad = STORED.format(value=30.0, sha="ab" * 32).replace("n: 100", "n: 99").replace("kind: nps", "kind: nps\n      extra: 1")
    with_answer(audit, bad)
    run = cli("score", audit)
    assert run.code == 2
    assert "CM1: unknown key 'extra' in a nps metric" in run.err
    assert "CM1: the counts add up to 100, not n = 99" in run.err
    with_answer(
        audit, "  N1:\n    value: 3\n    metric: {kind: nps, n: 1, promoters: 1, passives: 0, detractors: 0, ci95: [0, 1]}\n"
    )
    run = cli("score", audit)
    assert run.code == 2 and "N1: the checklist item has no 'metric'" in run.err


def test_every_broken_part_of_a_metric_is_reported(cli: Cli, audit: Path) -> None:
    with_answer(
        audit,
        "  CM2:\n    value: 50\n    metric: {kind: csat, n: zero, counts: {1: 1, 6: 2, 2: -1}, ci95: [90, 10], source: here}\n"
        "  CM3:\n    value: 5\n    metric: {kind: ces}\n",
    )
    run = cli("score", audit)
    assert run.code == 2
    lines = run.err.splitlines()
    for expected in (
        "CM2: metric n must be a whole number ≥ 1, not 'zero'",
        "CM2: counts are for the answers 1 to 5, not 6",
        "CM2: count of 2 must be a whole number ≥ 0, not -1",
        "CM2: ci95 must be [low, high] within 0 to 100, not a list",
        "CM2: source must be {path, sha256, column} (text), not 'here'",
        "CM3: metric n must be a whole number ≥ 1, not nothing",
        "CM3: counts must map each answer 1-7 to a count, not nothing",
        "CM3: ci95 must be [low, high] within 1 to 7, not nothing",
    ):
        assert any(line.endswith(expected) for line in lines), (expected, lines)


def test_the_checklist_metric_key(cli: Cli, tmp_path: Path, audit: Path) -> None:
    bad = CHECKLIST.replace(
        "      - id: R1\n        text: Greeting\n", "      - id: R1\n        text: Greeting\n        metric: nps\n"
    )
    bad = bad.replace("metric: share", "metric: loyalty")
    (tmp_path / "checklist.yaml").write_text(bad, encoding="utf-8")
    run = cli("checklists", "validate", tmp_path / "checklist.yaml")
    assert run.code == 2
    assert "metric must be one of nps, csat, ces, share, not 'loyalty'" in run.err
    assert "'metric' applies only to number items, not rating" in run.err


# --- reports ------------------------------------------------------------------------


@pytest.fixture
def measured(cli: Cli, tmp_path: Path, audit: Path) -> Path:
    nps_csv(tmp_path / "q4.csv", 50, 30, 20)
    assert cli("metrics", tmp_path / "q4.csv", "--column", "2", "--kind", "nps", "--into", audit, "--item", "CM1").code == 0
    small = survey(tmp_path / "buy.csv", "Buy again\n" + "yes\n" * 9 + "no\n" * 3)
    assert cli("metrics", small, "--column", "Buy again", "--kind", "share", "--into", audit, "--item", "CM4").code == 0
    return audit


NPS_LINE = "NPS 30.0 (n = 100, 95% CI 14.1 to 44.2)"
# 9 of 12: p = 0.75, Wilson 46.77 to 91.11
SHARE_LINE = "Share 75.0 (n = 12, 95% CI 46.8 to 91.1) · small sample (n = 12)"


def test_table_and_markdown_show_the_metric(cli: Cli, measured: Path) -> None:
    table = cli("score", measured)
    assert table.code == 0, table.err
    assert "Customer metrics" in table.out and NPS_LINE in table.out
    md = cli("score", measured, "--format", "markdown")
    assert f"- `CM1` Net Promoter Score among customers served in the last 90 days: {NPS_LINE}" in md.out
    assert f"- `CM4` Would buy again now: {SHARE_LINE}" in md.out


def test_html_and_excel_show_the_metric(cli: Cli, tmp_path: Path, measured: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    assert cli("report", measured, "--html", html, "--xlsx", xlsx).code == 0
    page = html.read_text(encoding="utf-8")
    assert NPS_LINE in page and SHARE_LINE in page
    ws = openpyxl.load_workbook(xlsx)["Items"]
    header = [c.value for c in ws[1]]
    assert header[-4:] == ["Metric value", "n", "95% CI low", "95% CI high"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["CM1"][4] == NPS_LINE
    assert rows["CM1"][-4:] == (30.0, 100, 14.05, 44.2)
    assert rows["CM4"][-4:] == (75.0, 12, 46.77, 91.11)
    assert rows["R1"][-4:] == (None, None, None, None)
    assert (rows["CM1"][3], rows["N1"][3]) == ("Number (NPS)", "Number"), "the Type column names the metric"


def test_an_audit_without_metrics_keeps_its_items_sheet(cli: Cli, tmp_path: Path, audit: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    assert cli("report", audit, "--xlsx", tmp_path / "r.xlsx").code == 0
    header = [c.value for c in openpyxl.load_workbook(tmp_path / "r.xlsx")["Items"][1]]
    assert header[-1] == "Note"
    assert "Customer metrics" not in cli("score", audit).out


# --- the demo -----------------------------------------------------------------------


def test_the_demo_survey_exports_read_as_written() -> None:
    from cx_audit.demo import surveys

    nps_text = surveys.nps_export()
    assert nps_text.startswith(b"\xef\xbb\xbf") and b'";"' in nps_text.splitlines()[0]
    assert sum(surveys.NPS_TALLY.values()) == 260 and sum(surveys.CSAT_TALLY.values()) == 214


def test_the_demo_says_when_its_checklist_has_no_metric_items(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import yaml

    from cx_audit.demo.run import demo_checklist, run_demo
    from cx_audit.files.registry import resolve

    essentials = resolve(demo_checklist())  # the edition the demo's visits were made against
    assert essentials.path is not None
    doc = yaml.safe_load(essentials.path.read_text(encoding="utf-8"))
    for section in doc["sections"]:
        for item in section["items"]:
            item.pop("metric", None)
    path = tmp_path / "essentials-without-metrics.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # no PDF: it is not what this test reads, and half the time
    lines = run_demo(tmp_path / "demo", checklist_ref=str(path))
    nps_line = "survey-recommend-2026-11.csv: NPS 26.2 (n = 260, 95% CI 16.1 to 35.6)"
    csat_line = "survey-satisfaction-2026-11.csv: CSAT 74.8 (n = 214, 95% CI 68.6 to 80.1)"
    assert f"{nps_line} (not stored: cx-essentials has no nps item CV5)" in lines
    assert f"{csat_line} (not stored: cx-essentials has no csat item CV1)" in lines


def test_the_demo_stores_nps_and_csat_in_the_flagships_metric_items(shared_demo: Path) -> None:
    from cx_audit.demo.run import demo_files
    from cx_audit.files.audit import load_audit

    lines = (shared_demo.parent / "stdout.txt").read_text(encoding="utf-8").splitlines()  # its messages
    assert "survey-recommend-2026-11.csv: NPS 26.2 (n = 260, 95% CI 16.1 to 35.6), stored as the answer to CV5" in lines
    assert "survey-satisfaction-2026-11.csv: CSAT 74.8 (n = 214, 95% CI 68.6 to 80.1), stored as the answer to CV1" in lines
    files = demo_files(shared_demo)
    answers = load_audit(files.current).audit.answers
    assert answers["CV5"].value == 26.15 and answers["CV1"].value == 74.77
    assert "NPS 26.2 (n = 260, 95% CI 16.1 to 35.6)" in files.html.read_text(encoding="utf-8")
