"""`metrics` on the exports of six survey tools, in their real header layouts (issue 23).

Each sample is made here from known answer counts, in the layout the tool exports
(extra header rows, meta columns, labels instead of numbers, best-first numbering,
unfinished responses), and must give the metric worked out from those counts by hand.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli


def write_csv(path: Path, rows: list[list[Any]], delimiter: str = ",", bom: bool = False) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def shuffled(counts: dict[Any, int], seed: int) -> list[Any]:
    values = [v for v, c in counts.items() for _ in range(c)]
    random.Random(seed).shuffle(values)
    return values


def metric(cli: Cli, path: Path, column: str, kind: str, *options: str) -> dict[str, Any]:
    r = cli("metrics", path, "--column", column, "--kind", kind, "--format", "json", *options)
    assert r.code == 0, r.err
    doc: dict[str, Any] = json.loads(r.out)
    doc["_err"] = r.err
    return doc


def nps_of(answers: list[int]) -> float:
    p = sum(1 for a in answers if a >= 9)
    d = sum(1 for a in answers if a <= 6)
    return round(100 * (p - d) / len(answers), 2)


def share_of(yes: int, n: int) -> float:
    return round(100 * yes / n, 2)


NPS_ANSWERS = {10: 14, 9: 11, 8: 9, 7: 6, 6: 4, 5: 3, 3: 2, 0: 1}  # 50 answers: P 25, D 10 -> NPS 30
CSAT_LABELS = {
    "Very satisfied": 18,
    "Satisfied": 21,
    "Neither satisfied nor dissatisfied": 6,
    "Dissatisfied": 3,
    "Very dissatisfied": 2,
}
CSAT = 100 * (18 + 21) / 50  # 78.0


# --- Google Forms ------------------------------------------------------------------------------


def test_google_forms(cli: Cli, tmp_path: Path) -> None:
    """Google Forms' CSV: a Timestamp column, the question texts as headers, multiple-choice
    answers as their labels, a linear scale as numbers."""
    nps = shuffled(NPS_ANSWERS, 1)
    sat = shuffled(CSAT_LABELS, 2)
    again = shuffled({"Yes": 31, "No": 12, "Maybe": 7}, 3)
    head = ["Timestamp", "How likely are you to recommend us to a friend?", "How satisfied were you with your visit?",
            "Would you buy from us again?", "Anything else?"]  # fmt: skip
    rows = [[f"2026/11/{1 + i % 28:02d} 10:0{i % 10}:00 AM GMT", nps[i], sat[i], again[i], ""] for i in range(50)]
    path = write_csv(tmp_path / "Customer survey (Responses) - Form responses 1.csv", [head, *rows])
    doc = metric(cli, path, "How likely are you to recommend us to a friend?", "nps")
    assert (doc["value"], doc["n"]) == (30.0, 50)
    doc = metric(cli, path, "How satisfied were you with your visit?", "csat")
    assert (doc["value"], doc["counts"]) == (CSAT, {"1": 2, "2": 3, "3": 6, "4": 21, "5": 18})
    # 'Maybe' is no answer of a yes/no scale: one summarised line, then --map.
    r = cli("metrics", path, "--column", "Would you buy from us again?", "--kind", "share")
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 1
    first = 2 + again.index("Maybe")
    assert lines[0].startswith(f"{path}:{first}: column 'Would you buy from us again?': 'Maybe' is not yes or no")
    assert "; 7 lines like it: " in lines[0] and lines[0].endswith(" and 2 more")
    doc = metric(cli, path, "Would you buy from us again?", "share", "--map", "Maybe=skip")
    assert (doc["value"], doc["n"], doc["yes"], doc["no"], doc["skipped"]) == (share_of(31, 43), 43, 31, 12, 7)
    doc = metric(cli, path, "Would you buy from us again?", "share", "--map", "maybe=no")
    assert (doc["value"], doc["n"]) == (share_of(31, 50), 50)


# --- Microsoft Forms ---------------------------------------------------------------------------


def test_microsoft_forms_xlsx(cli: Cli, tmp_path: Path) -> None:
    """Microsoft Forms' workbook: ID, Start time, Completion time, Email, Name, then the
    questions; a Net Promoter Score question as numbers, a Likert as its labels."""
    from openpyxl import Workbook

    agree = {"Strongly agree": 12, "Agree": 15, "Somewhat agree": 8, "Neither agree nor disagree": 5,
             "Somewhat disagree": 4, "Disagree": 3, "Strongly disagree": 3}  # fmt: skip
    ces_answers = shuffled(agree, 4)
    nps = shuffled(NPS_ANSWERS, 5)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
               "How likely are you to recommend Acme?", "Acme made it easy to handle my request."])  # fmt: skip
    for i in range(50):
        ws.append([i + 1, "11/20/26 10:01:02", "11/20/26 10:03:40", "anonymous", None, None, nps[i], ces_answers[i]])
    path = tmp_path / "Customer survey(1-50).xlsx"
    wb.save(path)
    assert metric(cli, path, "How likely are you to recommend Acme?", "nps")["value"] == 30.0
    doc = metric(cli, path, "Acme made it easy to handle my request.", "ces")
    mean = (7 * 12 + 6 * 15 + 5 * 8 + 4 * 5 + 3 * 4 + 2 * 3 + 1 * 3) / 50
    assert (doc["value"], doc["agree"]) == (round(mean, 2), round(100 * 35 / 50, 2))


# --- SurveyMonkey ------------------------------------------------------------------------------

SM_HEAD = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
           "Last Name", "Custom Data 1"]  # fmt: skip


def test_surveymonkey_second_header_row(cli: Cli, tmp_path: Path) -> None:
    """SurveyMonkey's CSV: a second header row of answer options ('Response',
    'Open-Ended Response', option labels) under blank respondent columns."""
    nps = shuffled(NPS_ANSWERS, 6)
    sat = shuffled(CSAT_LABELS, 7)
    head = [*SM_HEAD, "How likely is it that you would recommend Acme to a friend or colleague?",
            "Overall, how satisfied or dissatisfied are you with Acme?", "Which did you buy?", "", "Comments"]  # fmt: skip
    second = [""] * len(SM_HEAD) + ["Response", "Response", "Shoes", "Socks", "Open-Ended Response"]
    rows = [[str(11800000000 + i), "431234567", "11/20/2026 10:01:02 AM", "11/20/2026 10:03:40 AM", "", "", "", "", "",
             nps[i], sat[i], "Shoes", "", ""] for i in range(50)]  # fmt: skip
    path = write_csv(tmp_path / "Sheet_1.csv", [head, second, *rows])
    doc = metric(cli, path, "How likely is it that you would recommend Acme to a friend or colleague?", "nps")
    assert (doc["value"], doc["n"]) == (30.0, 50)
    assert f"{path}: 1 more header row skipped (SurveyMonkey: answer options)" in doc["_err"]
    assert metric(cli, path, "11", "csat")["value"] == CSAT
    # The file's checksum is of the file as exported (nothing is edited first).
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert sha  # recorded below through --into in test_into_records_the_export_as_it_is


# --- Qualtrics ---------------------------------------------------------------------------------

Q_META = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
          "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
          "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]  # fmt: skip
Q_TEXTS = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
           "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
           "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel",
           "User Language"]  # fmt: skip
Q_IDS = ['{"ImportId":"startDate","timeZone":"America/Denver"}', '{"ImportId":"endDate","timeZone":"America/Denver"}',
         '{"ImportId":"status"}', '{"ImportId":"ipAddress"}', '{"ImportId":"progress"}', '{"ImportId":"duration"}',
         '{"ImportId":"finished"}', '{"ImportId":"recordedDate","timeZone":"America/Denver"}', '{"ImportId":"_recordId"}',
         '{"ImportId":"recipientLastName"}', '{"ImportId":"recipientFirstName"}', '{"ImportId":"recipientEmail"}',
         '{"ImportId":"externalDataReference"}', '{"ImportId":"locationLatitude"}', '{"ImportId":"locationLongitude"}',
         '{"ImportId":"distributionChannel"}', '{"ImportId":"userLanguage"}']  # fmt: skip


def qualtrics(folder: Path, finished: list[tuple[int, int]], unfinished: int) -> Path:
    """A Qualtrics CSV, numeric values: Q1 NPS (0-10), Q2 satisfaction numbered best-first
    (1 = Extremely satisfied ... 5 = Extremely dissatisfied), as Qualtrics numbers a
    scale written top-down; unfinished responses have Finished False and blanks or junk."""
    head = [*Q_META, "Q1", "Q2", "Q1_NPS_GROUP"]
    texts = [*Q_TEXTS, "How likely are you to recommend us?", "How satisfied are you with your last order?",
             "How likely are you to recommend us? - Group"]  # fmt: skip
    ids = [*Q_IDS, '{"ImportId":"QID1_NPS_GROUP"}', '{"ImportId":"QID2"}', '{"ImportId":"QID1_NPS_GROUP"}']
    rows = []
    for i, (q1, q2) in enumerate(finished):
        group = "3" if q1 >= 9 else ("2" if q1 >= 7 else "1")
        rows.append(["2026-11-20 10:01:02", "2026-11-20 10:03:40", "0", "", "100", "158", "True", "2026-11-20 10:03:41",
                     f"R_{i:015d}", "", "", "", "", "", "", "anonymous", "EN", str(q1), str(q2), group])  # fmt: skip
    for i in range(unfinished):
        rows.append(["2026-11-21 09:00:00", "2026-11-21 09:00:30", "0", "", "33", "30", "False", "2026-11-28 09:00:31",
                     f"R_U{i:014d}", "", "", "", "", "", "", "anonymous", "EN", "", "-99" if i % 2 else "", ""])  # fmt: skip
    return write_csv(folder / "Customer+pulse_November+20,+2026_10.05.csv", [head, texts, ids, *rows], bom=True)


def test_qualtrics_header_rows_finished_and_best_first(cli: Cli, tmp_path: Path) -> None:
    q1 = shuffled(NPS_ANSWERS, 8)
    # Satisfaction the customers gave (5 best): 18 × 5, 21 × 4, 6 × 3, 3 × 2, 2 × 1; Qualtrics stores 6 − that.
    truth = shuffled({5: 18, 4: 21, 3: 6, 2: 3, 1: 2}, 9)
    path = qualtrics(tmp_path, [(a, 6 - b) for a, b in zip(q1, truth, strict=True)], unfinished=9)
    doc = metric(cli, path, "Q1", "nps", "--where", "Finished=True")
    assert (doc["value"], doc["n"], doc["left_out"]) == (30.0, 50, 9)
    assert "2 more header rows skipped (Qualtrics: question texts and ImportIds)" in doc["_err"]
    # Read as numbered, the CSAT is the share of 4-5 among stored numbers: 1 and 2 → 11 of 50.
    wrong = metric(cli, path, "Q2", "csat", "--where", "Finished=True")
    assert wrong["value"] == round(100 * (3 + 2) / 50, 2)
    right = metric(cli, path, "Q2", "csat", "--where", "Finished=True", "--reverse")
    assert (right["value"], right["counts"]) == (CSAT, {"1": 2, "2": 3, "3": 6, "4": 21, "5": 18})
    # Without --where the unfinished rows' junk (-99) is refused; with it they are never read.
    r = cli("metrics", path, "--column", "Q2", "--kind", "csat")
    assert r.code == 2 and "'-99' is not a whole number from 1 to 5" in r.err
    # The question-text header works too (the Qualtrics row 2 is not a header for us; the ids are).
    r = cli("metrics", path, "--column", "Q1", "--kind", "nps", "--header-rows", "1")
    assert r.code == 2 and "'How likely are you to recommend us?' is not a whole number from 0 to 10" in r.err


def test_labels_that_run_best_first_are_warned_about(cli: Cli, tmp_path: Path) -> None:
    cells = ["1 - Very satisfied"] * 20 + ["2 - Satisfied"] * 10 + ["5 - Very dissatisfied"] * 5
    path = write_csv(tmp_path / "recoded.csv", [["Satisfaction"], *[[c] for c in cells]])
    doc = metric(cli, path, "Satisfaction", "csat")
    assert doc["value"] == round(100 * 5 / 35, 2)
    assert (
        f"{path}: warning: column 'Satisfaction': the export numbers the best answer first "
        "(1 is 'very satisfied', 5 is 'very dissatisfied'); give --reverse to read 1 as 5"
    ) in doc["_err"]
    doc = metric(cli, path, "Satisfaction", "csat", "--reverse")
    assert doc["value"] == round(100 * 30 / 35, 2) and "warning" not in doc["_err"]


# --- Typeform and Delighted --------------------------------------------------------------------


def test_typeform(cli: Cli, tmp_path: Path) -> None:
    """Typeform's CSV: '#' (the response token) first, question titles, yes/no as 1/0,
    then Start Date (UTC), Submit Date (UTC) and Network ID."""
    nps = shuffled(NPS_ANSWERS, 10)
    ease = shuffled({7: 10, 6: 14, 5: 9, 4: 7, 3: 5, 2: 3, 1: 2}, 11)
    again = shuffled({"1": 38, "0": 12}, 12)
    head = ["#", "How likely are you to recommend Acme to a friend?", "How easy was it to place your order?",
            "Would you order from us again?", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]  # fmt: skip
    rows = [
        [f"{i:032x}", nps[i], ease[i], again[i], "2026-11-20 10:01:02", "2026-11-20 10:03:40", "a1b2c3d4e5"] for i in range(50)
    ]
    path = write_csv(tmp_path / "responses.csv", [head, *rows])
    assert metric(cli, path, "How likely are you to recommend Acme to a friend?", "nps")["value"] == 30.0
    doc = metric(cli, path, "How easy was it to place your order?", "ces")
    mean = (7 * 10 + 6 * 14 + 5 * 9 + 4 * 7 + 3 * 5 + 2 * 3 + 1 * 2) / 50
    assert (doc["value"], doc["agree"]) == (round(mean, 2), round(100 * 33 / 50, 2))
    assert metric(cli, path, "Would you order from us again?", "share")["value"] == share_of(38, 50)


def test_delighted(cli: Cli, tmp_path: Path) -> None:
    """Delighted's CSV: Response ID, Score, Comment, Created At... and 'Properties: ...' columns."""
    nps = shuffled(NPS_ANSWERS, 13)
    head = ["Response ID", "Score", "Comment", "Created At", "Updated At", "Person ID", "Person Name", "Email",
            "Delighted Source", "Properties: Plan"]  # fmt: skip
    rows = [[str(90000 + i), nps[i], "" if i % 3 else "Great service", "2026-11-20 10:01:02 UTC", "", str(7000 + i), "",
             f"c{i}@example.com", "email", "Pro"] for i in range(50)]  # fmt: skip
    rows.append(["90050", "", "No score given", "2026-11-21 08:00:00 UTC", "", "7050", "", "x@example.com", "email", "Pro"])
    path = write_csv(tmp_path / "delighted-responses.csv", [head, *rows])
    doc = metric(cli, path, "Score", "nps")
    assert (doc["value"], doc["n"], doc["blank"]) == (nps_of(nps), 50, 1)
    r = cli("metrics", path, "--column", "Score", "--kind", "nps")
    assert "blank answers skipped: 1" in r.out


# --- other languages, options and errors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "no", "sat"),
    [
        ("Ja", "Nein", ["Sehr zufrieden", "Zufrieden", "Weder zufrieden noch unzufrieden", "Unzufrieden", "Sehr unzufrieden"]),
        ("Oui", "Non", ["Très satisfait", "Satisfait", "Ni satisfait ni insatisfait", "Insatisfait", "Très insatisfait"]),
        ("Sí", "No", ["Muy satisfecho", "Satisfecho", "Ni satisfecho ni insatisfecho", "Insatisfecho", "Muy insatisfecho"]),
    ],
)
def test_german_french_spanish_labels(cli: Cli, tmp_path: Path, yes: str, no: str, sat: list[str]) -> None:
    rows = [[yes, sat[0]]] * 6 + [[no, sat[1]]] * 4 + [[yes, sat[2]]] * 3 + [[yes, sat[3]]] * 2 + [[no, sat[4]]]
    path = write_csv(tmp_path / "umfrage.csv", [["Wieder", "Zufriedenheit"], *rows], delimiter=";")
    assert metric(cli, path, "Wieder", "share")["value"] == share_of(11, 16)
    doc = metric(cli, path, "Zufriedenheit", "csat")
    assert doc["counts"] == {"1": 1, "2": 2, "3": 3, "4": 4, "5": 6}


def test_duplicated_header_names_both_columns(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dup.csv", [["id", "NPS", "note", "NPS"], ["1", "10", "", "0"]])
    r = cli("metrics", path, "--column", "NPS", "--kind", "nps")
    assert r.code == 2
    assert r.err.strip() == (
        f"{path}: column 'NPS' is the header of both column 2 (B) and column 4 (D): rename one in the export, "
        "or give the column number"
    )
    assert metric(cli, path, "4", "nps")["value"] == -100.0


def test_many_bad_cells_of_one_kind_are_one_line(cli: Cli, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["id", "Would come back"])
    for i in range(60):
        ws.append([i, "Maybe" if i % 3 == 0 else ("Yes" if i % 2 else "No")])
    ws.append([99, "perhaps"])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    r = cli("metrics", path, "--column", "Would come back", "--kind", "share")
    assert r.code == 2
    lines = r.err.strip().splitlines()
    words = "is not yes or no (y, yes, true, 1 / n, no, false, 0)"
    assert lines == [
        f"{path}: sheet 'Data' cell B2: column 'Would come back': 'Maybe' {words}; "
        "20 cells like it: B2, B5, B8, B11, B14 and 15 more",
        f"{path}: sheet 'Data' cell B62: column 'Would come back': 'perhaps' {words}",
    ]


def test_header_rows_option_and_bad_options(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["Score"], ["Exported 2026-11-20"], ["(0-10)"], *[[v] for v in (10, 9, 3, 8)]])
    r = cli("metrics", path, "--column", "Score", "--kind", "nps")
    assert r.code == 2 and f"{path}:2: column 'Score': 'Exported 2026-11-20'" in r.err
    doc = metric(cli, path, "Score", "nps", "--header-rows", "3")
    assert (doc["n"], doc["value"]) == (4, 25.0)
    for args, message in [
        (["--header-rows", "0"], "--header-rows 0: give 1 or more"),
        (["--map", "Maybe"], "--map Maybe: give LABEL=VALUE"),
        (["--map", "Maybe=11"], "--map Maybe=11: the value must be a whole number from 0 to 10, or skip"),
        (["--where", "Finished"], "--where Finished: give COLUMN=VALUE"),
        (["--where", "Nope=1"], "no column 'Nope'"),
    ]:
        r = cli("metrics", path, "--column", "Score", "--kind", "nps", *args)
        assert r.code == 2 and message in r.err and "Traceback" not in r.err, (args, r.err)
    r = cli("metrics", path, "--column", "Score", "--kind", "share", "--reverse")
    assert r.code == 2 and "--reverse turns a numbered scale round" in r.err


CHECKLIST = """
format: cx-audit/checklist@1
id: pulse-metrics
title: Pulse
version: 1.0.0
sections:
  - id: voice
    title: Customer voice
    items:
      - id: CM1
        text: NPS
        type: number
        metric: nps
        thresholds: [{min: 30, score: 1}, {min: -100, score: 0}]
        guidance: g
        recommendation: r
"""


def test_into_records_the_export_as_it_is(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(CHECKLIST.lstrip(), encoding="utf-8")
    audit = tmp_path / "audit.yaml"
    audit.write_text(
        "format: cx-audit/audit@1\nchecklist: c.yaml\nclient: Acme\ndate: 2026-11-22\nanswers: {}\n", encoding="utf-8"
    )
    truth = shuffled({5: 18, 4: 21, 3: 6, 2: 3, 1: 2}, 14)
    path = qualtrics(tmp_path, [(a, 6 - b) for a, b in zip(shuffled(NPS_ANSWERS, 15), truth, strict=True)], unfinished=3)
    before = path.read_bytes()
    r = cli("metrics", path, "--column", "Q1", "--kind", "nps", "--where", "Finished=True", "--into", audit, "--item", "CM1")
    assert r.code == 0, r.err
    import yaml

    answer = yaml.safe_load(audit.read_text(encoding="utf-8"))["answers"]["CM1"]
    assert answer["value"] == 30.0
    assert answer["metric"]["source"]["sha256"] == hashlib.sha256(before).hexdigest()
    assert path.read_bytes() == before


def test_surveymonkey_xlsx_with_where_on_a_column_left_of_the_answers(cli: Cli, tmp_path: Path) -> None:
    """The xlsx reader: the second header row recognised, --where on a column before the
    answer column, bad cells of left-out rows never read."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet"
    ws.append([*SM_HEAD, "Collector", "How likely is it that you would recommend Acme?"])
    ws.append([None] * len(SM_HEAD) + ["Response", "Response"])
    nps = shuffled(NPS_ANSWERS, 16)
    for i in range(50):
        ws.append([11800000000 + i, 431234567, None, None, None, None, None, None, None, "Web Link 1", nps[i]])
    for i in range(4):
        ws.append([11900000000 + i, 431234568, None, None, None, None, None, None, None, "Test link", "n/a"])
    path = tmp_path / "Data_All_261120.xlsx"
    wb.save(path)
    doc = metric(cli, path, "How likely is it that you would recommend Acme?", "nps", "--where", "Collector=web link 1")
    assert (doc["value"], doc["n"], doc["left_out"]) == (30.0, 50, 4)
    assert "1 more header row skipped (SurveyMonkey: answer options)" in doc["_err"]
    r = cli("metrics", path, "--column", "11", "--kind", "nps")
    assert r.code == 2
    assert r.err.strip().splitlines() == [
        f"{path}: sheet 'Sheet' cell K53: column 'How likely is it that you would recommend Acme?': "
        "'n/a' is not a whole number from 0 to 10; 4 cells like it: K53, K54, K55, K56"
    ]
