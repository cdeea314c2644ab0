"""The demo's customer surveys: sample exports, and their metrics read into the audit.

Brookfield Kitchens started a customer survey in September (see :mod:`cx_audit.demo.data`).
The demo writes two exports as survey tools do, a few hundred rows each: the NPS survey
as UTF-8 with a byte-order mark and `;` delimiters (a European-locale export, with label
cells such as `10 - Extremely likely`), the CSAT survey as plain `,` CSV. Then it feeds
them through exactly the code behind `cx-audit metrics FILE --column ... --kind ...
--into AUDIT --item ID`.

:data:`METRICS` says which survey column goes into which checklist item: the flagship's
CV5 (NPS) and CV1 (CSAT) of its second edition. An item the checklist does not have (or
that has no matching `metric`) is skipped with a line saying so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from cx_audit.model import Checklist, ItemType, MetricKind


@dataclass(frozen=True)
class SurveyMetric:
    item: str  # the checklist item that holds the metric
    kind: MetricKind
    file: str  # the export's file name, in the demo folder
    column: str  # the header of the column to read


NPS_COLUMN = "How likely are you to recommend Brookfield Kitchens to a friend or colleague?"
CSAT_COLUMN = "Overall, how satisfied are you with your new kitchen?"

METRICS = (
    SurveyMetric("CV5", MetricKind.nps, "survey-recommend-2026-11.csv", NPS_COLUMN),
    SurveyMetric("CV1", MetricKind.csat, "survey-satisfaction-2026-11.csv", CSAT_COLUMN),
)

# How many customers gave each answer (fixed, so the demo writes the same bytes every time).
NPS_TALLY = {10: 71, 9: 57, 8: 44, 7: 28, 6: 21, 5: 14, 4: 8, 3: 7, 2: 4, 1: 2, 0: 4}  # n = 260, NPS 26.2
CSAT_TALLY = {5: 76, 4: 84, 3: 31, 2: 14, 1: 9}  # n = 214, CSAT 74.8
NPS_LABELS = {0: "0 - Not at all likely", 10: "10 - Extremely likely"}
CSAT_LABELS = {1: "1 - Very dissatisfied", 2: "2 - Dissatisfied", 3: "3 - Neutral", 4: "4 - Satisfied", 5: "5 - Very satisfied"}
REASONS = (
    "Fitters were tidy and on time",
    "Designer listened; kept the price we agreed",
    "Waited three weeks for a replacement door",
    'Showroom staff "really knew their stuff"',
    "Good kitchen; slow reply when I complained",
    "",
)


def survey_paths(folder: Path) -> list[Path]:
    return [folder / m.file for m in METRICS]


def _answers(tally: dict[int, int], seed: int) -> list[int]:
    answers = [a for a, k in sorted(tally.items()) for _ in range(k)]
    random.Random(seed).shuffle(answers)
    return answers


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def nps_export() -> bytes:
    """UTF-8 with BOM, `;`-delimited, quoted headers, label cells at the ends of the scale."""
    lines = [";".join(_quoted(h) for h in ("Response ID", "Submitted", NPS_COLUMN, "What is the main reason for your score?"))]
    for i, answer in enumerate(_answers(NPS_TALLY, 2026), 1):
        day = 1 + i % 28
        reason = REASONS[i % len(REASONS)]
        lines.append(f"R-{10000 + i};2026-10-{day:02d};{_quoted(NPS_LABELS.get(answer, str(answer)))};{_quoted(reason)}")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def csat_export() -> bytes:
    """Plain `,`-delimited UTF-8, label cells throughout, a few blank answers (skipped)."""
    lines = ["Order number," + _quoted(CSAT_COLUMN) + ",Fitted by"]
    fitters = ("Team A", "Team B", "Team C")
    for i, answer in enumerate(_answers(CSAT_TALLY, 11), 1):
        lines.append(f"BK-{4000 + i},{CSAT_LABELS[answer]},{fitters[i % 3]}")
        if i % 50 == 0:
            lines.append(f"BK-{4000 + i}b,,{fitters[i % 3]}")  # did not answer this question
    return ("\n".join(lines) + "\n").encode("utf-8")


EXPORTS = {MetricKind.nps: nps_export, MetricKind.csat: csat_export}


def write_surveys(folder: Path) -> list[Path]:
    """Write the sample exports (demo files: replaced on every run)."""
    from cx_audit.files.output import Output, write_output

    paths = []
    for m in METRICS:
        path = folder / m.file
        write_output(Output(path, "survey export", text=False), EXPORTS[m.kind]())
        paths.append(path)
    return paths


def read_surveys_into(audit_path: Path, checklist: Checklist) -> list[str]:
    """Each survey's metric written into the audit, as `metrics --into` does; lines for the user."""
    from cx_audit.files.userfile import file_sha256
    from cx_audit.metrics.compute import summarise
    from cx_audit.metrics.into import write_into
    from cx_audit.metrics.read import read_column
    from cx_audit.metrics.show import headline

    lines = []
    for m in METRICS:
        survey = audit_path.parent / m.file
        column = read_column(survey, m.column, m.kind)
        summary = summarise(m.kind, column.tally)
        item = checklist.item(m.item)
        if item is None or item.type is not ItemType.number or item.metric is not m.kind:
            lines.append(f"{m.file}: {headline(summary)} (not stored: {checklist.id} has no {m.kind.value} item {m.item})")
            continue
        write_into(audit_path, m.item, summary, survey, column.header, file_sha256(survey))
        lines.append(f"{m.file}: {headline(summary)}, stored as the answer to {m.item}")
    return lines
