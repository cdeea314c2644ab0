"""`cx-audit demo`: three quarterly audits of one client, the latest one's evidence, and
the reports of the latest against the one before.

The PDF report is written when WeasyPrint (the extra ``pdf``) is installed; otherwise
the lines shown say how to get it.

The answers live in :mod:`cx_audit.demo.data`; the first visit and the actions tracked
between visits in :mod:`cx_audit.demo.visits`. They are written as real audit files
through :mod:`cx_audit.files.audit` and loaded back like any user's audit, so the demo
exercises the same path as `cx-audit report`. The same version writes the same bytes.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cx_audit.demo import data as demo_data
from cx_audit.demo import evidence as demo_evidence
from cx_audit.demo import visits
from cx_audit.demo.surveys import METRICS, read_surveys_into, survey_paths, write_surveys
from cx_audit.errors import InputError, OutputError
from cx_audit.model import Action, ActionStatus, Answer, Checklist, Evidence
from cx_audit.wording import band_words

if TYPE_CHECKING:
    from cx_audit.outputs.options import Options
    from cx_audit.report.branding import Branding
    from cx_audit.report.input import ReportInput


# The demo's three visits were made against the second edition of the flagship and are
# scored against it: its audits name the released 2.0.0 file (checklists/released/). When
# the checklist format's `editions` lands, the reference can become {id, version: 2.0.0}.
def demo_checklist() -> str:
    """The released second edition of the flagship, which the demo's visits were made against."""
    from cx_audit.files import registry

    return str(registry.builtin_dir() / "released" / "cx-essentials" / "2.0.0.yaml")


@dataclass(frozen=True)
class DemoFiles:
    first: Path
    baseline: Path
    current: Path
    html: Path
    xlsx: Path
    pdf: Path
    evidence: tuple[Path, ...]  # attached to the current audit
    surveys: tuple[Path, ...] = ()  # the sample survey exports (see demo.surveys)

    def all(self) -> tuple[Path, ...]:
        return (self.first, self.baseline, self.current, self.html, self.xlsx, self.pdf, *self.evidence, *self.surveys)


def demo_files(folder: Path) -> DemoFiles:
    stem = "harrogate"
    b, c = demo_data.BASELINE_DATE, demo_data.CURRENT_DATE
    current = folder / f"{stem}-{c:%Y-%m}.yaml"
    return DemoFiles(
        first=folder / f"{stem}-{visits.FIRST_DATE:%Y-%m}.yaml",
        baseline=folder / f"{stem}-{b:%Y-%m}.yaml",
        current=current,
        html=folder / f"{current.stem}-report.html",
        xlsx=folder / f"{current.stem}-report.xlsx",
        pdf=folder / f"{current.stem}-report.pdf",
        evidence=tuple(folder / demo_evidence.FOLDER / e.name for e in demo_evidence.EVIDENCE),
        surveys=tuple(survey_paths(folder)),
    )


def run_demo(folder: Path, force: bool = False, branding: Branding | None = None, checklist_ref: str | None = None) -> list[str]:
    """Write the demo into ``folder``; return the lines to show the user.

    Earlier demo files are only replaced with ``force``; other files in the folder are
    never touched. ``checklist_ref`` (a built-in id or a path) lets the tests run the
    demo on a checklist that has the metric items of :data:`cx_audit.demo.surveys.METRICS`.
    """
    from cx_audit.files import registry
    from cx_audit.files.audit import dump_audit, load_audit, new_audit
    from cx_audit.files.output import Output, Replace, write_output
    from cx_audit.outputs import Format, render
    from cx_audit.outputs.options import Options
    from cx_audit.report.input import build_input
    from cx_audit.scoring.audit import score_audit
    from cx_audit.wording import long_date, num

    files = demo_files(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder")
    if not force:
        for path in files.all():
            if path.exists():
                raise OutputError(f"{path}: already exists (an earlier demo?); use --force to replace the demo files")
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None

    checklist = registry.resolve(checklist_ref or demo_checklist())
    attached = write_evidence(files)
    first_answers = {**demo_data.BASELINE, **visits.FIRST_CHANGES}
    for path, when, answers, tracking in (
        (files.first, visits.FIRST_DATE, first_answers, visits.FIRST_ACTIONS),
        (files.baseline, demo_data.BASELINE_DATE, demo_data.BASELINE, visits.BASELINE_ACTIONS),
        (files.current, demo_data.CURRENT_DATE, demo_data.CURRENT, {}),
    ):
        audit = new_audit(
            checklist,
            path,
            client=demo_data.CLIENT,
            site=demo_data.SITE,
            auditor=demo_data.AUDITOR,
            date=when,
            profile=demo_data.PROFILE,
        )
        audit.answers = build_answers(checklist, answers)
        audit.actions = build_actions(tracking)
        if path == files.current:
            for item_id, ev in attached:
                audit.answers[item_id].evidence.append(ev)
            from cx_audit.demo.survey import add_survey

            add_survey(audit, checklist)  # twelve staff answered the Staff Pulse in November
        written.append(write_output(Output(path, "audit", Replace.user_data), dump_audit(audit, checklist), force=True))
    # The customers' own numbers, from the sample survey exports, as `cx-audit metrics --into` reads them.
    write_surveys(folder)
    survey_lines = read_surveys_into(files.current, checklist)

    # Load the files back, exactly as `cx-audit report` would.
    results = []
    for path in (files.current, files.baseline):
        loaded = load_audit(path)
        results.append(score_audit(loaded.checklist, loaded.audit))
    current, baseline = results
    inp = build_input([current], baseline)
    options = Options(branding=branding)
    written.append(write_output(Output(files.html, "HTML report"), lambda: render(Format.html, inp, options)))
    written.append(write_output(Output(files.xlsx, "Excel workbook", text=False), lambda: render(Format.xlsx, inp, options)))
    pdf_line = write_pdf(files, inp, options)

    q = shlex.quote
    crit = [r.item.id for r in current.critical_failures]
    left = f"critical failures left: {', '.join(crit)}" if crit else "no critical failures left"
    return [
        f"Wrote the first audit ({long_date(visits.FIRST_DATE)}) to {files.first}",
        f"Wrote the baseline audit ({long_date(demo_data.BASELINE_DATE)}) to {files.baseline}",
        f"Wrote the current audit ({long_date(demo_data.CURRENT_DATE)}) to {files.current}",
        f"Wrote HTML report to {files.html}",
        f"Wrote Excel workbook to {files.xlsx}",
        pdf_line,
        f"Wrote {len(files.evidence)} evidence files for {', '.join(i for i, _ in attached)} to {files.evidence[0].parent}",
        f"Wrote {len(files.surveys)} sample survey exports: {', '.join(p.name for p in files.surveys)}",
        *survey_lines,
        "",
        f"{demo_data.CLIENT} scores {num(current.overall)} ({band_words(current)}), up from {num(baseline.overall)} "
        f"a quarter earlier; {left}.",
        "",
        "Next: open the HTML report in a browser" + ("" if pdf_line.startswith("No PDF") else ", or the PDF") + ", then try",
        f"  cx-audit score {q(str(files.current))}",
        f"  cx-audit compare {q(str(files.baseline))} {q(str(files.current))}",
        f"  cx-audit report {q(str(files.current))} --baseline {q(str(files.baseline))} --html report.html",
        f"  cx-audit trend {q(str(files.first))} {q(str(files.baseline))} {q(str(files.current))} --html trend.html",
        f"  cx-audit actions list {q(str(files.baseline))} --today {demo_data.CURRENT_DATE.isoformat()}",
        f"  cx-audit run {q(str(files.current))} --review",
        f"  cx-audit metrics {q(str(files.surveys[0]))} --column {q(METRICS[0].column)} --kind {METRICS[0].kind}",
    ]


def build_actions(tracking: visits.Tracking) -> dict[str, Action]:
    """The `actions` of a demo audit from its table (item id -> owner, due, status, note)."""
    return {
        item_id: Action(
            owner=t.get("owner", ""), due=t.get("due"), status=ActionStatus(t.get("status", "open")), note=t.get("note", "")
        )
        for item_id, t in tracking.items()
    }


def write_evidence(files: DemoFiles) -> list[tuple[str, Evidence]]:
    """Draw the demo's evidence into its folder; the entries to attach, by item id."""
    import hashlib

    from cx_audit.files.output import Output, Replace, write_output

    folder = files.evidence[0].parent
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    attached = []
    for spec, path in zip(demo_evidence.EVIDENCE, files.evidence, strict=True):
        data = spec.draw()
        write_output(Output(path, "evidence", Replace.user_data, text=False), data, force=True)
        digest = hashlib.sha256(data).hexdigest()
        rel = f"{demo_evidence.FOLDER}/{spec.name}"
        attached.append((spec.item, Evidence(rel, digest, spec.caption, file=path, digest=digest)))
    return attached


def write_pdf(files: DemoFiles, inp: ReportInput, options: Options) -> str:
    """The PDF report when WeasyPrint is installed; else the line that says how to get it."""
    from cx_audit.files.output import Output, write_output
    from cx_audit.outputs import Format, render
    from cx_audit.report.pdf import INSTALL, require_weasyprint

    try:
        require_weasyprint()
    except InputError as exc:
        reason = exc.problems[0].message
        if "not installed" in reason:
            return f"No PDF report: WeasyPrint is not installed. For one, {INSTALL} and run the demo again with --force."
        return f"No PDF report: {reason}"
    line = write_output(Output(files.pdf, "PDF report", text=False), lambda: render(Format.pdf, inp, options))
    return line or ""


def build_answers(checklist: Checklist, answers: demo_data.Answers) -> dict[str, Answer]:
    """Answers from the demo's table, each value checked as if read from a file."""
    from cx_audit.files.values import check_value

    out: dict[str, Answer] = {}
    for item_id, (value, note) in answers.items():
        item = checklist.item(item_id)
        if item is None:  # pragma: no cover - the demo data is checked by the tests
            raise KeyError(f"demo answer for unknown item {item_id}")
        if value is demo_data.NA:
            out[item_id] = Answer(na=True, note=note)
        elif value is demo_data.NOTE_ONLY:
            out[item_id] = Answer(note=note)
        else:
            out[item_id] = Answer(value=check_value(item, value), note=note)
    return out
