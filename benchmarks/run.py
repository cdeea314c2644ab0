"""Benchmarks you can rerun: each figure beside its floor measured in the same run.

    .venv/bin/python benchmarks/run.py [--quick] [--keep DIR]

It generates its inputs (a 60-item and a 200-item checklist of every item type, and
programs of 100, 1,000 and 2,000 site audits of the 60-item one) in a temporary folder,
then times real `cx-audit` processes (median of several runs) and their peak memory
(the child's maximum resident set size). Goals, from the issues:

- `--help`: at most 0.5x a trivial Typer command in the same venv, and `score --format
  json` on one 60-item audit at most 1.0x it (issue 18);
- `score --format json` on the 1,000-site program: at most 1.5x loading the same files
  with the libyaml loader alone (issue 18);
- `report --html` under 5 s and `report --xlsx` under 6 s on the 1,000-site program,
  each under 300 MB; from 1,000 to 2,000 sites at most 2.1x (linear);
- the interview, Enter to the next prompt with the atomic save, on a 200-item audit:
  under 50 ms;
- `trend --html --xlsx` over 2,000 audits (50 sites × 40 visits): at most 1.5x
  `report --html --xlsx` over the same files, under 300 MB (`--only trend` runs just this);
- several voices: `score --format json` on an audit with 500 respondents answering 20
  items each, at most 1.5x loading that file with the libyaml loader alone (issue 18);
  200 filled respondent forms imported with `import --into` in under 30 s.
- `score --format json` on the 1,000-site program with a sector profile: at most 1.1x
  the same program without one;
- the demo audit's PDF (`report --baseline --pdf`) under 15 s, and at most 8x the same
  report as HTML (issue 18);
- an audit with 50 photos of 4 MB each as evidence: `report --html` under 20 s, and
  the file under 15 MB;
- `metrics` on a survey export of 1,000,000 responses (CSV, BOM, `;`, label cells):
  under 5 s and under 100 MB, start-up included.

- the portfolio (`--only portfolio`): `portfolio index` of 10,000 audits (60 items each)
  into a new SQLite store at most 1.5x `score` of the same files; re-indexing the
  unchanged tree at most 0.2x that; `portfolio benchmark` of one audit against that
  store at most 2x `score` of the one audit; the same index into PostgreSQL (a
  throwaway server, when installed) within 2x SQLite; and the peak memory of `index`
  not growing with the number of files (1,000 against 10,000).

`--quick` runs fewer repetitions and skips the 2,000-site program; `--only startup` runs
the figures against the trivial Typer command and libyaml (issue 18's), alternating the
commands run by run so that a busy machine weighs on floor and figure alike;
`--only voices` runs the several-voices figures alone, `--only deliverables` only the PDF and evidence figures,
`--only metrics` only the survey figure, `--only portfolio` only the portfolio figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PY = sys.executable
TYPES = ("rating", "rating", "yesno", "choice", "number", "rating", "yesno", "text")

# Runs a command as its only child and reports the child's peak RSS, so each figure is
# that command's own (RUSAGE_CHILDREN keeps the largest child seen).
_MEASURE = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    t = time.perf_counter()
    code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
    elapsed = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    print(json.dumps({"seconds": elapsed, "rss": rss * scale, "code": code}))
    """
)


@dataclass
class Figure:
    seconds: float
    peak_mb: float


def measure(cmd: list[str], runs: int, cwd: Path) -> Figure:
    times, peaks = [], []
    for _ in range(runs):
        out = subprocess.run([PY, "-c", _MEASURE, *cmd], cwd=cwd, capture_output=True, text=True, check=True)
        data = json.loads(out.stdout)
        if data["code"] != 0:
            raise SystemExit(f"benchmark command failed ({data['code']}): {' '.join(cmd)}")
        times.append(data["seconds"])
        peaks.append(data["rss"] / 1e6)
    return Figure(statistics.median(times), max(peaks))


def measure_alternating(cmds: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, Figure]:
    """Each command once per round, ``runs`` rounds: a busy machine slows floor and figure alike."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    peaks: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            fig = measure(cmd, 1, cwd)
            times[name].append(fig.seconds)
            peaks[name].append(fig.peak_mb)
    return {k: Figure(statistics.median(times[k]), max(peaks[k])) for k in cmds}


# --- inputs -----------------------------------------------------------------------


def checklist_yaml(n_items: int, n_sections: int) -> str:
    lines = ["format: cx-audit/checklist@1", f"id: bench-{n_items}", f"title: Benchmark {n_items}", "version: 1.0.0", "sections:"]
    for k in range(n_sections):
        lines += [f"  - id: s{k}", f"    title: Section {k + 1}", "    weight: 1", "    items:"]
        for i in range(k, n_items, n_sections):
            t = TYPES[i % len(TYPES)]
            lines += [
                f"      - id: I{i}",
                f"        text: Question {i}, about one observable part of the customer experience?",
                f"        type: {t}",
                "        guidance: What evidence earns which score, in a sentence or two.",
                f"        recommendation: Who does what about item {i}, and how you would know it worked.",
            ]
            if t == "choice":
                lines.append(
                    "        options: [{id: always, label: Always, score: 1}, {id: often, label: Often, score: 0.6}, "
                    "{id: never, label: Never, score: 0}]"
                )
            elif t == "number":
                lines += [
                    "        unit: hours",
                    "        thresholds: [{max: 4, score: 1}, {max: 24, score: 0.5}, {max: 1000000, score: 0}]",
                ]
            if i % 10 == 9 and TYPES[(i - n_sections) % len(TYPES)] == "rating" and i - n_sections >= 0:
                lines.append(f"        when: {{item: I{i - n_sections}, min: 1}}")
    return "\n".join(lines) + "\n"


def answers(checklist_items: list[tuple[str, str]], rng: random.Random) -> str:
    out = []
    for item_id, t in checklist_items:
        roll = rng.random()
        if roll < 0.05:
            continue
        note = f'"Seen at the visit; evidence {rng.randint(1, 999)}."'
        if t == "rating":
            value = str(rng.randint(0, 4))
        elif t == "yesno":
            value = rng.choice(['"yes"', '"no"'])
        elif t == "choice":
            value = rng.choice(["always", "often", "never"])
        elif t == "number":
            value = str(rng.choice([1, 3, 12, 30, 80]))
        else:
            value = '"A sentence in the client\'s own words."'
        out.append(f"  {item_id}: {{value: {value}, note: {note}}}")
    return "\n".join(out)


def write_inputs(base: Path, sizes: list[int]) -> None:
    from cx_audit.files.checklist import load_checklist

    for n, sections in ((60, 8), (200, 10)):
        (base / f"bench-{n}.yaml").write_text(checklist_yaml(n, sections), encoding="utf-8")
    c60 = load_checklist(base / "bench-60.yaml")
    c200 = load_checklist(base / "bench-200.yaml")
    items = [(i.id, i.type.value) for i in c60.items]
    rng = random.Random(20261122)

    def audit(site: str, path_to_checklist: str) -> str:
        return (
            "format: cx-audit/audit@1\n"
            f"checklist: {{id: bench-60, version: 1.0.0, sha256: {c60.sha256}, path: {path_to_checklist}}}\n"
            f"client: Benchmark Retail\nsite: {site}\nauditor: B. Mark\ndate: 2026-11-22\nanswers:\n" + answers(items, rng) + "\n"
        )

    (base / "one.yaml").write_text(audit("Head office", "bench-60.yaml"), encoding="utf-8")
    for n in sizes:
        folder = base / f"program-{n}"
        folder.mkdir()
        for k in range(n):
            (folder / f"site-{k:04d}.yaml").write_text(audit(f"Site {k + 1:04d}", "../bench-60.yaml"), encoding="utf-8")
    del c200


PROFILE = """profiles:
  sector:
    title: A sector profile
    weights: {s0: 2, I1: 3}
    thresholds: {I4: [{max: 8, score: 1}, {max: 48, score: 0.5}, {max: 1000000, score: 0}]}
    exclude: [I2, I10]
"""


def write_profiled(base: Path, n: int) -> list[str]:
    """The n-site program again, each audit using a sector profile of the same checklist."""
    import re

    from cx_audit.files.checklist import load_checklist

    path = base / "bench-60p.yaml"
    path.write_text(checklist_yaml(60, 8) + PROFILE, encoding="utf-8")
    sha = load_checklist(path).sha256
    folder = base / f"profiled-{n}"
    folder.mkdir()
    ref = f"checklist: {{id: bench-60, version: 1.0.0, sha256: {sha}, path: ../bench-60p.yaml}}"
    for src in sorted((base / f"program-{n}").glob("*.yaml")):
        text = re.sub(r"checklist: \{.*\}", ref, src.read_text(encoding="utf-8"), count=1)
        text = text.replace("date: 2026-11-22\n", "date: 2026-11-22\nprofile: sector\n")
        (folder / src.name).write_text(text, encoding="utf-8")
    return sorted(str(p.relative_to(base)) for p in folder.glob("*.yaml"))


TRIVIAL = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""

LIBYAML_ONLY = """
import sys, yaml
for path in sys.argv[1:]:
    with open(path, "rb") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)
"""


def write_trend_inputs(base: Path, sites: int, visits: int) -> list[str]:
    """`sites` × `visits` audits of the 60-item checklist, one a quarter from 2017 (needs bench-60.yaml)."""
    import datetime as dt

    from cx_audit.files.checklist import load_checklist

    c60 = load_checklist(base / "bench-60.yaml")
    items = [(i.id, i.type.value) for i in c60.items]
    rng = random.Random(20261201)
    folder = base / f"trend-{sites}x{visits}"
    folder.mkdir(exist_ok=True)
    names = []
    for k in range(sites):
        for v in range(visits):
            day = dt.date(2017 + (v * 3) // 12, 1 + (v * 3) % 12, 1 + k % 28)
            path = folder / f"site-{k:02d}-{day.isoformat()}.yaml"
            path.write_text(
                "format: cx-audit/audit@1\n"
                f"checklist: {{id: bench-60, version: 1.0.0, sha256: {c60.sha256}, path: ../bench-60.yaml}}\n"
                f"client: Benchmark Retail\nsite: Site {k + 1:02d}\nauditor: B. Mark\ndate: {day.isoformat()}\nanswers:\n"
                + answers(items, rng)
                + "\n",
                encoding="utf-8",
            )
            names.append(str(path.relative_to(base)))
    return sorted(names)


def trend_figures(base: Path, runs: int, cx: str, sites: int = 50, visits: int = 40) -> list[tuple[str, str, str, str]]:
    """`trend --html --xlsx` over sites × visits audits against `report --html --xlsx` over the same files."""
    names = write_trend_inputs(base, sites, visits)
    n = len(names)
    report = measure([cx, "report", *names, "--html", "r.html", "--xlsx", "r.xlsx"], runs, base)
    trend = measure([cx, "trend", *names, "--html", "t.html", "--xlsx", "t.xlsx"], runs, base)
    ratio = trend.seconds / report.seconds
    ok = ratio <= 1.5 and trend.peak_mb < 300
    print(
        f"  trend over {n:,} audits: {trend.seconds * 1000:,.0f} ms, {trend.peak_mb:.0f} MB, {ratio:.2f}x of report", flush=True
    )
    return [
        (f"report --html --xlsx, {n:,} audits (floor)", f"{report.seconds * 1000:,.0f} ms", f"{report.peak_mb:.0f} MB", ""),
        (
            f"trend --html --xlsx, {sites} sites × {visits} visits",
            f"{trend.seconds * 1000:,.0f} ms",
            f"{trend.peak_mb:.0f} MB",
            f"{ratio:.2f}x of report  goal <= 1.5x, < 300 MB: {'ok' if ok else 'MISSED'}",
        ),
    ]


# --- several voices -----------------------------------------------------------------

SURVEY_RESPONDENTS = 500
SURVEY_ITEMS = 20
SURVEY_FORMS = 200


def survey_items(base: Path) -> list[tuple[str, str]]:
    """The first 20 items of the 60-item checklist that take responses (scored, deciding no condition)."""
    from cx_audit.files.checklist import load_checklist
    from cx_audit.files.voices import deciding_items

    c60 = load_checklist(base / "bench-60.yaml")
    deciders = deciding_items(c60)
    return [(i.id, i.type.value) for i in c60.items if i.id not in deciders and i.scored][:SURVEY_ITEMS]


def survey_audit(base: Path, respondents: int, with_responses: bool = True) -> str:
    """An audit of the 60-item checklist with ``respondents`` staff answering 20 items each."""
    from cx_audit.files.checklist import load_checklist

    c60 = load_checklist(base / "bench-60.yaml")
    rng = random.Random(20261201)
    roles = ("frontline", "office", "management")
    lines = [
        "format: cx-audit/audit@1",
        f"checklist: {{id: bench-60, version: 1.0.0, sha256: {c60.sha256}, path: bench-60.yaml}}",
        "client: Benchmark Retail",
        "auditor: B. Mark",
        "date: 2026-11-22",
    ]
    if with_responses:
        lines.append("respondents:")
        lines += [f"- {{id: r{k:04d}, role: {roles[k % 3]}}}" for k in range(respondents)]
    lines.append("answers:")
    for item_id, t in survey_items(base):
        lines += [f"  {item_id}:", "    value: " + _value(t, rng)]
        if with_responses:
            lines.append("    responses:")
            for k in range(respondents):
                note = ', note: "Said at the team meeting."' if k % 25 == 0 else ""
                lines.append(f"      r{k:04d}: {{value: {_value(t, rng)}{note}}}")
    return "\n".join(lines) + "\n"


def _value(t: str, rng: random.Random) -> str:
    if t == "rating":
        return str(rng.randint(0, 4))
    if t == "yesno":
        return rng.choice(['"yes"', '"no"'])
    if t == "choice":
        return rng.choice(["always", "often", "never"])
    return str(rng.choice([1, 3, 12, 30, 80]))


def survey_forms(base: Path, n: int) -> list[str]:
    """``n`` filled respondent forms of the 60-item checklist (their making is not timed)."""
    import io

    from openpyxl import load_workbook

    from cx_audit.files.checklist import load_checklist
    from cx_audit.form.layout import choices
    from cx_audit.form.write import render_form

    c60 = load_checklist(base / "bench-60.yaml")
    blank = render_form(c60, base / "form.xlsx", respondent=True)
    rng = random.Random(7)
    names = []
    for k in range(n):
        wb = load_workbook(io.BytesIO(blank))
        ws = wb["Questionnaire"]
        ws["B4"], ws["B5"] = f"f{k:03d}", ("frontline", "office", "management")[k % 3]
        for row in ws.iter_rows(min_row=8):
            item = c60.item(row[0].value) if isinstance(row[0].value, str) else None
            if item is None or not item.scored:
                continue
            entries = [e for e in choices(item) if e != "N/A"]
            row[2].value = rng.choice(entries) if entries else rng.choice([1, 3, 12, 30, 80])
        name = f"forms/form-{k:03d}.xlsx"
        (base / "forms").mkdir(exist_ok=True)
        wb.save(base / name)
        names.append(name)
    return names


def voices_figures(base: Path, cx: str, runs: int, row: Row, rows: list[tuple[str, str, str, str]]) -> None:
    """`score --format json` on a 500-respondent survey against libyaml alone; 200 forms imported."""
    (base / "survey.yaml").write_text(survey_audit(base, SURVEY_RESPONDENTS), encoding="utf-8")
    floor = measure([PY, "libyaml_only.py", "survey.yaml"], runs, base)
    rows.append(
        (
            f"libyaml load of a {SURVEY_RESPONDENTS}-respondent survey (floor)",
            f"{floor.seconds * 1000:,.0f} ms",
            f"{floor.peak_mb:.0f} MB",
            "",
        )
    )
    fig = measure([cx, "score", "survey.yaml", "--format", "json"], runs, base)
    row(f"score --format json, {SURVEY_RESPONDENTS} respondents x {SURVEY_ITEMS} items", fig, floor, "<= 1.5x",
        fig.seconds <= 1.5 * floor.seconds)  # fmt: skip
    forms = survey_forms(base, SURVEY_FORMS)
    target = base / "survey-forms.yaml"
    blank = survey_audit(base, 0, with_responses=False)
    times = []
    for _ in range(max(1, runs // 5)):
        target.write_text(blank, encoding="utf-8")
        times.append(measure([cx, "import", *forms, "--into", target.name], 1, base))
    imp = Figure(statistics.median(t.seconds for t in times), max(t.peak_mb for t in times))
    row(f"import --into, {SURVEY_FORMS} respondent forms", imp, None, "< 30 s", imp.seconds < 30)


# --- deliverables: the PDF and evidence ------------------------------------------------


def write_photo(path: Path, k: int) -> None:
    """A 4000 x 3000 JPEG of about 4 MB: gradients and grain, as a phone photo compresses."""
    from PIL import Image, ImageDraw

    w, h = 4000, 3000
    noise = Image.effect_noise((w, h), 30)
    ramp = Image.linear_gradient("L").resize((w, h))
    img = Image.merge(
        "RGB",
        (Image.blend(ramp, noise, 0.5), Image.blend(ramp.rotate(180), noise, 0.4), Image.blend(ramp.rotate(90), noise, 0.3)),
    )
    ImageDraw.Draw(img).rectangle((200 + 60 * k, 300, 1400 + 60 * k, 1500), fill=(40 + 4 * k, 120, 200 - 3 * k))
    img.save(path, "JPEG", quality=88)


def photo_audit(base: Path, photos: int = 50) -> tuple[Path, float]:
    """The 60-item audit with ``photos`` photos attached (spread over the items); their mean size in MB."""
    import hashlib

    from cx_audit.files.checklist import load_checklist

    folder = base / "photos"
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    c60 = load_checklist(base / "bench-60.yaml")
    items = [i for i in c60.items if i.type.value == "rating"]
    by_item: dict[str, list[str]] = {}
    sizes = []
    for k in range(photos):
        path = folder / "evidence" / f"photo-{k:02d}.jpg"
        write_photo(path, k)
        sizes.append(path.stat().st_size / 1e6)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        entry = f"      - {{path: evidence/{path.name}, sha256: {digest}, caption: Photo {k + 1}}}"
        by_item.setdefault(items[k % len(items)].id, []).append(entry)
    lines = [
        "format: cx-audit/audit@1",
        f"checklist: {{id: bench-60, version: 1.0.0, sha256: {c60.sha256}, path: ../bench-60.yaml}}",
        "client: Benchmark Retail",
        "site: Photo walk",
        "auditor: B. Mark",
        "date: 2026-11-22",
        "answers:",
    ]
    for item in c60.items:
        if item.type.value in ("rating", "number"):
            lines.append(f"  {item.id}:\n    value: {3 if item.type.value == 'rating' else 12}")
            if item.id in by_item:
                lines.append("    evidence:\n" + "\n".join(by_item[item.id]))
    audit = folder / "walk.yaml"
    audit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return audit, statistics.mean(sizes)


def deliverables(base: Path, cx: str, runs: int) -> list[tuple[str, str, str, str]]:
    """The demo audit's PDF, and the HTML of an audit with 50 photos of 4 MB as evidence."""
    rows = []
    demo = subprocess.run([cx, "demo", "demo"], cwd=base, capture_output=True, text=True)
    if demo.returncode != 0:
        raise SystemExit("cx-audit demo failed: " + demo.stderr)
    current, baseline, *_ = sorted((base / "demo").glob("harrogate-*.yaml"), reverse=True)
    as_html = measure([cx, "report", str(current), "--baseline", str(baseline), "--html", "demo.html"], runs, base)
    rows.append(
        ("report --html, the demo audit with a baseline (floor)", f"{as_html.seconds * 1000:,.0f} ms",
         f"{as_html.peak_mb:.0f} MB", "")
    )  # fmt: skip
    pdf = measure([cx, "report", str(current), "--baseline", str(baseline), "--pdf", "demo.pdf"], runs, base)
    ratio = pdf.seconds / as_html.seconds
    ok = pdf.seconds < 15 and ratio <= 8
    pages = "?"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "demo.pdf"], cwd=base, capture_output=True, text=True).stdout
        pages = next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")
    rows.append(
        ("report --pdf, the demo audit with a baseline", f"{pdf.seconds * 1000:,.0f} ms", f"{pdf.peak_mb:.0f} MB",
         f"{pages} pages, {ratio:.1f}x of the HTML  goal < 15 s and <= 8x: {'ok' if ok else 'MISSED'}")
    )  # fmt: skip
    print(f"  report --pdf (demo): {pdf.seconds * 1000:,.0f} ms, {pdf.peak_mb:.0f} MB, {ratio:.1f}x of the HTML", flush=True)
    started = time.perf_counter()
    audit, mean_mb = photo_audit(base)
    print(f"  50 photos of {mean_mb:.1f} MB on average generated in {time.perf_counter() - started:.0f} s", flush=True)
    html = measure([cx, "report", str(audit), "--html", "photos.html"], runs, base)
    size = (base / "photos.html").stat().st_size / 1e6
    ok = html.seconds < 20 and size < 15
    rows.append(
        (f"report --html, 50 photos of {mean_mb:.1f} MB as evidence", f"{html.seconds * 1000:,.0f} ms",
         f"{html.peak_mb:.0f} MB", f"file {size:.1f} MB  goal < 20 s and < 15 MB: {'ok' if ok else 'MISSED'}")
    )  # fmt: skip
    print(f"  report --html (50 photos): {html.seconds * 1000:,.0f} ms, {html.peak_mb:.0f} MB, {size:.1f} MB", flush=True)
    return rows


# --- the run ----------------------------------------------------------------------


SURVEY_ROWS = 1_000_000
SURVEY_COLUMN = "How likely are you to recommend us to a friend or colleague?"


def write_survey(path: Path, rows: int) -> None:
    """A survey tool's export: BOM, `;`, quoted headers, label cells at the scale's ends, blanks."""
    rng = random.Random(12)
    labels = {0: '"0 - Not at all likely"', 10: '"10 - Extremely likely"'}
    weights = [2, 1, 1, 2, 2, 4, 6, 9, 14, 24, 35]
    answers = rng.choices(range(11), weights=weights, k=rows)
    comments = ('"Quick; friendly"', '""', '"Slow reply to my email"', '"Fine"')
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(f'"Response ID";"Submitted";"{SURVEY_COLUMN}";"Comment"\r\n')
        for i, a in enumerate(answers):
            cell = "" if i % 97 == 0 else labels.get(a, str(a))
            f.write(f"R{i:07d};2026-10-{1 + i % 28:02d};{cell};{comments[i % 4]}\r\n")


def bench_metrics(base: Path, cx: str, runs: int) -> tuple[str, str, str, str]:
    path = base / "survey-1m.csv"
    write_survey(path, SURVEY_ROWS)
    fig = measure([cx, "metrics", path.name, "--column", SURVEY_COLUMN, "--kind", "nps"], runs, base)
    ok = fig.seconds < 5 and fig.peak_mb < 100
    size = path.stat().st_size / 1e6
    print(f"  metrics, {SURVEY_ROWS:,} responses ({size:.0f} MB CSV): {fig.seconds * 1000:,.0f} ms, {fig.peak_mb:.0f} MB")
    return (
        f"metrics --kind nps, {SURVEY_ROWS:,}-response CSV ({size:.0f} MB)",
        f"{fig.seconds * 1000:,.0f} ms",
        f"{fig.peak_mb:.0f} MB",
        f"goal < 5 s, < 100 MB: {'ok' if ok else 'MISSED'}",
    )


def issue18_figures(base: Path, cx: str, runs: int, big_runs: int, row: Row) -> None:
    """Issue 18's five ratios, each against its floor, the commands alternating round by round."""
    files = sorted(str(p.relative_to(base)) for p in (base / "program-1000").glob("*.yaml"))
    (base / "survey.yaml").write_text(survey_audit(base, SURVEY_RESPONDENTS), encoding="utf-8")
    small = measure_alternating(
        {
            "trivial": [PY, "trivial.py"],
            "help": [cx, "--help"],
            "one": [cx, "score", "one.yaml", "--format", "json"],
            "survey floor": [PY, "libyaml_only.py", "survey.yaml"],
            "survey": [cx, "score", "survey.yaml", "--format", "json"],
        },
        runs,
        base,
    )
    trivial = small["trivial"]
    row("trivial Typer command (floor)", trivial, None, "", True)
    row("cx-audit --help", small["help"], trivial, "<= 0.5x", small["help"].seconds <= 0.5 * trivial.seconds)
    row("score --format json, 60 items", small["one"], trivial, "<= 1.0x", small["one"].seconds <= trivial.seconds)
    big = measure_alternating(
        {"floor": [PY, "libyaml_only.py", *files], "score": [cx, "score", *files, "--format", "json"]}, max(big_runs, 5), base
    )
    row("libyaml load of 1,000 audits (floor)", big["floor"], None, "", True)
    row(
        "score --format json, 1,000 sites",
        big["score"],
        big["floor"],
        "<= 1.5x",
        big["score"].seconds <= 1.5 * big["floor"].seconds,
    )
    survey, floor = small["survey"], small["survey floor"]
    row(f"libyaml load of a {SURVEY_RESPONDENTS}-respondent survey (floor)", floor, None, "", True)
    row(f"score --format json, {SURVEY_RESPONDENTS} respondents x {SURVEY_ITEMS} items", survey, floor, "<= 1.5x",
        survey.seconds <= 1.5 * floor.seconds)  # fmt: skip
    demo = subprocess.run([cx, "demo", "demo"], cwd=base, capture_output=True, text=True)
    if demo.returncode != 0:
        raise SystemExit("cx-audit demo failed: " + demo.stderr)
    current, baseline, *_ = sorted((base / "demo").glob("harrogate-*.yaml"), reverse=True)
    report = [cx, "report", str(current), "--baseline", str(baseline)]
    both = measure_alternating({"html": [*report, "--html", "demo.html"], "pdf": [*report, "--pdf", "demo.pdf"]}, big_runs, base)
    row("report --html, the demo audit with a baseline (floor)", both["html"], None, "", True)
    row(
        "report --pdf, the demo audit with a baseline",
        both["pdf"],
        both["html"],
        "<= 8x",
        both["pdf"].seconds <= 8 * both["html"].seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no 2,000-site program")
    parser.add_argument("--keep", type=Path, help="generate the inputs here and keep them")
    parser.add_argument(
        "--only",
        choices=["startup", "trend", "voices", "deliverables", "metrics", "portfolio"],
        help="run only this group: issue 18's ratios, trend, voices, the PDF and evidence figures, the survey figure, "
        "or the portfolio",
    )
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    big_runs = 1 if args.quick else 3
    sizes = [100, 1000] if args.quick else [100, 1000, 2000]
    cx = shutil.which("cx-audit", path=str(Path(PY).parent)) or "cx-audit"

    # A pip install compiles bytecode; an editable checkout under PYTHONDONTWRITEBYTECODE
    # never gets any, and would be timed compiling itself on every start.
    import compileall

    import cx_audit

    compileall.compile_dir(Path(cx_audit.__file__).parent, quiet=1)

    base = args.keep or Path(tempfile.mkdtemp(prefix="cx-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    if args.only == "metrics":
        report([bench_metrics(base, cx, 3 if args.quick else 5)], base, args.keep)
        return
    started = time.perf_counter()
    write_inputs(base, [1000] if args.only == "startup" else [] if args.only else sizes)
    (base / "trivial.py").write_text(TRIVIAL, encoding="utf-8")
    (base / "libyaml_only.py").write_text(LIBYAML_ONLY, encoding="utf-8")
    print(f"inputs generated in {time.perf_counter() - started:.1f} s in {base}")

    rows: list[tuple[str, str, str, str]] = []
    if args.only == "trend":
        rows += trend_figures(base, big_runs, cx)
        report(rows, base, args.keep)
        return
    if args.only == "deliverables":
        rows += deliverables(base, cx, big_runs)
        report(rows, base, args.keep)
        return
    if args.only == "portfolio":
        rows += portfolio_figures(base, cx, runs)
        report(rows, base, args.keep)
        return

    def row(name: str, fig: Figure, floor: Figure | None, goal: str, ok: bool) -> None:
        ratio = f"{fig.seconds / floor.seconds:.2f}x of {floor.seconds * 1000:.0f} ms" if floor else ""
        verdict = f"{ratio}  goal {goal}: {'ok' if ok else 'MISSED'}" if goal else ""
        rows.append((name, f"{fig.seconds * 1000:,.0f} ms", f"{fig.peak_mb:.0f} MB", verdict))
        print(f"  {name}: {fig.seconds * 1000:,.0f} ms, {fig.peak_mb:.0f} MB {ratio}", flush=True)

    if args.only == "voices":
        voices_figures(base, cx, runs, row, rows)
        report(rows, base, args.keep)
        return
    if args.only == "startup":
        issue18_figures(base, cx, runs, big_runs, row)
        report(rows, base, args.keep)
        return

    trivial = measure([PY, "trivial.py"], runs, base)
    rows.append(("trivial Typer command (floor)", f"{trivial.seconds * 1000:.0f} ms", f"{trivial.peak_mb:.0f} MB", ""))
    help_ = measure([cx, "--help"], runs, base)
    row("cx-audit --help", help_, trivial, "<= 0.5x", help_.seconds <= 0.5 * trivial.seconds)
    one = measure([cx, "score", "one.yaml", "--format", "json"], runs, base)
    row("score --format json, 60 items", one, trivial, "<= 1.0x", one.seconds <= 1.0 * trivial.seconds)

    files = sorted(str(p.relative_to(base)) for p in (base / "program-1000").glob("*.yaml"))
    floor = measure([PY, "libyaml_only.py", *files], big_runs, base)
    rows.append(("libyaml load of 1,000 audits (floor)", f"{floor.seconds * 1000:,.0f} ms", f"{floor.peak_mb:.0f} MB", ""))
    prog = measure([cx, "score", *files, "--format", "json"], big_runs, base)
    row("score --format json, 1,000 sites", prog, floor, "<= 1.5x", prog.seconds <= 1.5 * floor.seconds)
    profiled = measure([cx, "score", *write_profiled(base, 1000), "--format", "json"], big_runs, base)
    row("score --format json, 1,000 sites, a profile", profiled, prog, "<= 1.1x", profiled.seconds <= 1.1 * prog.seconds)

    reports: dict[tuple[int, str], Figure] = {}
    for n in sizes[1:]:
        names = sorted(str(p.relative_to(base)) for p in (base / f"program-{n}").glob("*.yaml"))
        for kind, limit in (("html", 5.0), ("xlsx", 6.0)):
            fig = measure([cx, "report", *names, f"--{kind}", f"out-{n}.{kind}"], big_runs, base)
            reports[(n, kind)] = fig
            if n == 1000:
                row(
                    f"report --{kind}, 1,000 sites",
                    fig,
                    None,
                    f"< {limit:g} s, < 300 MB",
                    fig.seconds < limit and fig.peak_mb < 300,
                )
    for kind in ("html", "xlsx"):
        if (2000, kind) in reports:
            a, b = reports[(1000, kind)], reports[(2000, kind)]
            growth = b.seconds / a.seconds
            rows.append(
                (
                    f"report --{kind}, 2,000 sites",
                    f"{b.seconds * 1000:,.0f} ms",
                    f"{b.peak_mb:.0f} MB",
                    f"{growth:.2f}x of 1,000 sites  goal <= 2.1x: {'ok' if growth <= 2.1 else 'MISSED'}",
                )
            )

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: the repository's root
    from benchmarks.interview_latency import answer_latency

    latency = answer_latency(200, folder=base)
    rows.append(
        (
            "interview, Enter to next prompt, 200 items",
            f"{latency.median:.1f} ms median",
            "",
            f"p95 {latency.p95:.1f} ms, max {latency.worst:.1f} ms  goal < 50 ms: {'ok' if latency.p95 < 50 else 'MISSED'}",
        )
    )

    voices_figures(base, cx, runs, row, rows)
    rows += trend_figures(base, big_runs, cx)
    rows += deliverables(base, cx, big_runs)
    rows.append(bench_metrics(base, cx, 3 if args.quick else 5))
    rows += portfolio_figures(base, cx, runs)
    report(rows, base, args.keep)


Row = Callable[[str, Figure, "Figure | None", str, bool], None]


# --- portfolio --------------------------------------------------------------------------

PORTFOLIO_AUDITS = 10_000
PORTFOLIO_CLIENTS = 2_000


def write_portfolio(base: Path, n: int) -> Path:
    """n audits of the 60-item checklist: PORTFOLIO_CLIENTS clients, several sites and dates each."""
    from cx_audit.files.checklist import load_checklist

    c60 = load_checklist(base / "bench-60.yaml")
    items = [(i.id, i.type.value) for i in c60.items]
    rng = random.Random(20261205)
    folder = base / f"portfolio-{n}"
    for k in range(n):
        sub = folder / f"c{k % PORTFOLIO_CLIENTS // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = (
            "format: cx-audit/audit@1\n"
            f"checklist: {{id: bench-60, version: 1.0.0, sha256: {c60.sha256}, path: ../../bench-60.yaml}}\n"
            f"client: Client {k % PORTFOLIO_CLIENTS:04d}\nsite: Site {k % 3}\nauditor: B. Mark\n"
            f"date: 2026-{1 + k % 12:02d}-{1 + k % 28:02d}\nanswers:\n" + answers(items, rng) + "\n"
        )
        (sub / f"a-{k:05d}.yaml").write_text(text, encoding="utf-8")
    return folder


def _start_postgres(base: Path) -> tuple[str, Callable[[], None]] | None:
    """A throwaway PostgreSQL server (as the tests start one), or None when not installed."""
    import glob
    import socket

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        return None
    bindir = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="cx-bench-pg-"))
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_pg:
        shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = folder / "data"
    subprocess.run(
        [*as_pg, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
        check=True,
        capture_output=True,
    )
    opts = f"-p {port} -h 127.0.0.1 -k {folder}"
    subprocess.run(
        [*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", opts, "-w", "start"],
        check=True,
        capture_output=True,
    )

    def stop() -> None:
        subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)

    return f"postgresql://postgres@127.0.0.1:{port}/postgres", stop


def portfolio_figures(base: Path, cx: str, runs: int) -> list[tuple[str, str, str, str]]:
    n = PORTFOLIO_AUDITS
    folder = write_portfolio(base, n)
    small = write_portfolio(base, 1_000)
    files = sorted(str(p.relative_to(base)) for p in folder.rglob("*.yaml"))
    out: list[tuple[str, str, str, str]] = []

    def fig_row(name: str, fig: Figure, note: str) -> None:
        out.append((name, f"{fig.seconds * 1000:,.0f} ms", f"{fig.peak_mb:.0f} MB", note))
        print(f"  {name}: {fig.seconds * 1000:,.0f} ms, {fig.peak_mb:.0f} MB {note}", flush=True)

    score = measure([cx, "score", *files, "--format", "json"], 1, base)
    fig_row(f"score --format json, {n:,} audits (floor)", score, "")
    index = measure([cx, "portfolio", "index", folder.name, "--store", "p.sqlite"], 1, base)
    ratio = index.seconds / score.seconds
    fig_row(
        f"portfolio index, {n:,} audits, new SQLite store",
        index,
        f"{ratio:.2f}x of score  goal <= 1.5x: {'ok' if ratio <= 1.5 else 'MISSED'}",
    )
    again = measure([cx, "portfolio", "index", folder.name, "--store", "p.sqlite"], 1, base)
    ratio = again.seconds / index.seconds
    fig_row(
        f"portfolio index, {n:,} unchanged audits",
        again,
        f"{ratio:.2f}x of the first index  goal <= 0.2x: {'ok' if ratio <= 0.2 else 'MISSED'}",
    )
    small_index = measure([cx, "portfolio", "index", small.name, "--store", "small.sqlite"], 1, base)
    growth = index.peak_mb / small_index.peak_mb
    fig_row(
        "portfolio index, 1,000 audits, new SQLite store",
        small_index,
        f"peak memory {n:,} / 1,000 audits: {growth:.2f}x  goal: does not grow (<= 1.2x): {'ok' if growth <= 1.2 else 'MISSED'}",
    )
    one = measure([cx, "score", "one.yaml", "--format", "json"], runs, base)
    fig_row("score --format json, one 60-item audit (floor)", one, "")
    bench = measure([cx, "portfolio", "benchmark", "one.yaml", "--store", "p.sqlite", "--format", "json"], runs, base)
    ratio = bench.seconds / one.seconds
    fig_row(
        f"portfolio benchmark, one audit against {n:,}",
        bench,
        f"{ratio:.2f}x of score  goal <= 2x: {'ok' if ratio <= 2 else 'MISSED'}",
    )
    server = _start_postgres(base)
    if server is None:
        out.append(("portfolio index into PostgreSQL", "", "", "not measured: PostgreSQL is not installed"))
        return out
    url, stop = server
    try:
        pg = measure([cx, "portfolio", "index", folder.name, "--store", url], 1, base)
        ratio = pg.seconds / index.seconds
        fig_row(
            f"portfolio index, {n:,} audits, new PostgreSQL store",
            pg,
            f"{ratio:.2f}x of SQLite  goal <= 2x: {'ok' if ratio <= 2 else 'MISSED'}",
        )
        pg_bench = measure([cx, "portfolio", "benchmark", "one.yaml", "--store", url, "--format", "json"], runs, base)
        ratio = pg_bench.seconds / bench.seconds
        fig_row(
            f"portfolio benchmark against {n:,} in PostgreSQL",
            pg_bench,
            f"{ratio:.2f}x of SQLite ({pg_bench.seconds / one.seconds:.2f}x of score; importing psycopg is most of it)  "
            f"goal <= 2x of SQLite: {'ok' if ratio <= 2 else 'MISSED'}",
        )
    finally:
        stop()
    return out


def report(rows: list[tuple[str, str, str, str]], base: Path, keep: Path | None) -> None:
    print()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}")
    print("| what | time | peak memory | against the floor and the goal |")
    print("|---|---:|---:|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if not keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
