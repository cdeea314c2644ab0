"""`cx-audit demo`: three quarterly audits of one client, the latest one's evidence, and
the reports of the latest against the one before (HTML, Excel, PDF and the readout deck).

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
from cx_audit.demo import peers as demo_peers
from cx_audit.demo import visits
from cx_audit.demo.surveys import METRICS, read_surveys_into, survey_paths, write_surveys
from cx_audit.errors import InputError, OutputError
from cx_audit.model import Action, ActionStatus, Answer, Checklist, Evidence
from cx_audit.wording import band_words

if TYPE_CHECKING:
    from cx_audit.files.branding import Branding
    from cx_audit.options import Options
    from cx_audit.portfolio.benchmark import Benchmark
    from cx_audit.report.input import ReportInput
    from cx_audit.scoring.audit import AuditResult

CHECKLIST = "cx-essentials"
# The demo's last two visits were made against the flagship's second edition (the first
# visit against its first): the audits record {id: cx-essentials, version: 2.0.0} and are
# scored against the released 2.0.0 with no warning (checklists/released/).
DEMO_VERSION = "2.0.0"


def demo_checklist() -> str:
    """The reference of the edition the demo's visits were made against."""
    return f"{CHECKLIST}@{DEMO_VERSION}"


@dataclass(frozen=True)
class DemoFiles:
    first: Path
    baseline: Path
    current: Path
    html: Path
    xlsx: Path
    pdf: Path
    pptx: Path  # the readout deck
    evidence: tuple[Path, ...]  # attached to the current audit
    surveys: tuple[Path, ...] = ()  # the sample survey exports (see demo.surveys)
    peers: tuple[Path, ...] = ()  # the fictional peer businesses' audits (see demo.peers)
    store: Path | None = None  # the demo's own portfolio store

    def all(self) -> tuple[Path, ...]:
        extra = (*self.peers, self.store) if self.store else self.peers
        return (
            self.first,
            self.baseline,
            self.current,
            self.html,
            self.xlsx,
            self.pdf,
            self.pptx,
            *self.evidence,
            *self.surveys,
            *extra,
        )


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
        pptx=folder / f"{current.stem}-readout.pptx",
        evidence=tuple(folder / demo_evidence.FOLDER / e.name for e in demo_evidence.EVIDENCE),
        surveys=tuple(survey_paths(folder)),
        peers=demo_peers.peer_paths(folder),
        store=folder / demo_peers.STORE,
    )


def run_demo(folder: Path, force: bool = False, branding: Branding | None = None, checklist_ref: str = CHECKLIST) -> list[str]:
    """Write the demo into ``folder``; return the lines to show the user.

    Earlier demo files are only replaced with ``force``; other files in the folder are
    never touched. ``checklist_ref`` (a built-in id or a path) lets the tests run the
    demo on a checklist that has the metric items of :data:`cx_audit.demo.surveys.METRICS`.
    """
    from cx_audit.files import registry
    from cx_audit.files.audit import dump_audit, load_audit, new_audit
    from cx_audit.files.output import Output, Replace, write_output
    from cx_audit.options import Options
    from cx_audit.report.deliverables import Deliverable, render
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

    checklist = registry.resolve(demo_checklist() if checklist_ref == CHECKLIST else checklist_ref)
    first_edition = registry.builtin_version(checklist, visits.FIRST_VERSION) or checklist
    attached = write_evidence(files)
    for path, when, answers, tracking, used in (
        (files.first, visits.FIRST_DATE, first_answers(checklist, first_edition), visits.FIRST_ACTIONS, first_edition),
        (files.baseline, demo_data.BASELINE_DATE, demo_data.BASELINE, visits.BASELINE_ACTIONS, checklist),
        (files.current, demo_data.CURRENT_DATE, demo_data.CURRENT, {}, checklist),
    ):
        audit = new_audit(
            used,
            path,
            client=demo_data.CLIENT,
            site=demo_data.SITE,
            auditor=demo_data.AUDITOR,
            date=when,
            profile=demo_data.PROFILE if demo_data.PROFILE in used.profiles else None,
        )
        audit.answers = build_answers(used, answers)
        audit.actions = build_actions(tracking)
        if path == files.current:
            for item_id, ev in attached:
                audit.answers[item_id].evidence.append(ev)
            from cx_audit.demo.survey import add_survey

            add_survey(audit, checklist)  # twelve staff answered the Staff Pulse in November
        written.append(write_output(Output(path, "audit", Replace.user_data), dump_audit(audit, used), force=True))
    write_peers(files, checklist, build_answers(checklist, demo_data.CURRENT))
    # The customers' own numbers, from the sample survey exports, as `cx-audit metrics --into` reads them.
    write_surveys(folder)
    survey_lines = read_surveys_into(files.current, checklist)

    # Load the files back, exactly as `cx-audit report` would.
    results = []
    for path in (files.current, files.baseline):
        loaded = load_audit(path)
        results.append(score_audit(loaded.checklist, loaded.audit))
    current, baseline = results
    inp = build_input([current], baseline, benchmark_peers(files, current))
    options = Options(branding=branding)
    written.append(write_output(Output(files.html, "HTML report"), lambda: render(Deliverable.html, inp, options)))
    written.append(write_output(Output(files.xlsx, "Excel workbook", text=False), lambda: render(Deliverable.xlsx, inp, options)))
    pdf_line = write_pdf(files, inp, options)
    deck_line = write_output(Output(files.pptx, "readout deck", text=False), lambda: render(Deliverable.pptx, inp, options))

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
        deck_line or "",
        f"Wrote {len(files.evidence)} evidence files for {', '.join(i for i, _ in attached)} to {files.evidence[0].parent}",
        f"Wrote {len(files.surveys)} sample survey exports: {', '.join(p.name for p in files.surveys)}",
        f"Wrote {len(files.peers)} audits of fictional peer businesses to {files.peers[0].parent} "
        f"and indexed them with {demo_data.CLIENT}'s in the demo's portfolio store {files.store}",
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
        f"  cx-audit portfolio benchmark {q(str(files.current))} --store {q(str(files.store))}",
        f"  cx-audit metrics {q(str(files.surveys[0]))} --column {q(METRICS[0].column)} --kind {METRICS[0].kind}",
    ]


def first_answers(checklist: Checklist, first_edition: Checklist) -> demo_data.Answers:
    """The first visit's answers for the edition it was made with: the baseline's (with the
    first visit's changes) for the items that stayed comparable, and the first edition's own
    answers for the items the later edition removed or changed."""
    answers = {**demo_data.BASELINE, **visits.FIRST_CHANGES}
    if first_edition is checklist:
        return answers
    edition = checklist.edition(first_edition.version)
    apart = set(edition.removed) | set(edition.changed) if edition is not None else set()
    kept = {k: v for k, v in answers.items() if first_edition.item(k) is not None and k not in apart}
    own = {k: v for k, v in visits.FIRST_EDITION_ONLY.items() if v[0] is not None}
    return {**kept, **own} | {k: (demo_data.NA, v[1]) for k, v in visits.FIRST_EDITION_ONLY.items() if v[0] is None}


def write_peers(files: DemoFiles, checklist: Checklist, base: dict[str, Answer]) -> None:
    """The peer businesses' audits (demo/peers.py), written as ordinary audit files."""
    from cx_audit.files.audit import dump_audit, new_audit
    from cx_audit.files.output import Output, Replace, write_output

    folder = files.peers[0].parent
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    for peer, path in zip(demo_peers.PEERS, files.peers, strict=True):
        audit = new_audit(
            checklist,
            path,
            client=peer.client,
            site=peer.site,
            auditor=demo_peers.AUDITOR,
            date=peer.date,
            profile=demo_data.PROFILE,
        )
        audit.answers = demo_peers.peer_answers(peer, checklist, base)
        write_output(Output(path, "audit", Replace.user_data), dump_audit(audit, checklist), force=True)


def benchmark_peers(files: DemoFiles, current: AuditResult) -> Benchmark:
    """Index the demo's audits and its peers into the demo's own store (made anew) and
    set the current audit against them."""
    from cx_audit.portfolio.benchmark import benchmark
    from cx_audit.portfolio.index import index_paths
    from cx_audit.portfolio.store import StoreUrl, open_store

    assert files.store is not None
    for stale in (
        files.store,
        files.store.with_name(files.store.name + "-wal"),
        files.store.with_name(files.store.name + "-shm"),
    ):
        stale.unlink(missing_ok=True)  # an earlier demo's store (only reached with --force)
    store = open_store(StoreUrl("sqlite", str(files.store)))
    try:
        summary = index_paths(store, [files.first, files.baseline, files.current, *files.peers])
        if summary.problems:  # pragma: no cover - the demo's files are checked by the tests
            raise InputError(summary.problems)
        return benchmark(store, current)
    finally:
        store.close()


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
    from cx_audit.report.deliverables import Deliverable, render
    from cx_audit.report.pdf import INSTALL, require_weasyprint

    try:
        require_weasyprint()
    except InputError as exc:
        reason = exc.problems[0].message
        if "not installed" in reason:
            return f"No PDF report: WeasyPrint is not installed. For one, {INSTALL} and run the demo again with --force."
        return f"No PDF report: {reason}"
    line = write_output(Output(files.pdf, "PDF report", text=False), lambda: render(Deliverable.pdf, inp, options))
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
