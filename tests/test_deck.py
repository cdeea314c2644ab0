"""The readout deck (`report --pptx`, `trend --pptx`), read back with python-pptx.

The demo (three visits of Brookfield Kitchens, the latest with its baseline, a staff
survey, customer metrics and tracked actions) is made once for the module; smaller
audits of the mini checklist show what is left out, the program, the trend and the
escaping. The LibreOffice tests convert decks to PDF as a client's Impress would.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from cx_audit.cli.app import main
from cx_audit.demo.run import demo_files
from cx_audit.report.pptx import fit
from cx_audit.report.pptx.slides import BASELINE, TONES
from tests.clients import libreoffice, poppler
from tests.conftest import FULL, MINI_CHECKLIST, Cli, audit_text, write
from tests.voices_data import PERSONAL, voices_audit

DEMO_TITLES = [
    "Brookfield Kitchens Ltd",
    "Executive summary",
    "Scores by section",
    "Critical failures",
    "Voices: how each role sees it",
    "What customers say",
    "Since the last visit",
    "Since the last visit: the actions",
    "Since the last visit: the actions (continued)",
    "Priority actions",
]


def cx(*args: str | Path) -> None:
    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        assert exc.code in (0, None), args


@pytest.fixture(autouse=True)
def _no_branding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def demo(shared_demo: Path) -> Path:
    return shared_demo


def titles(prs: Any) -> list[str]:
    out = []
    for slide in prs.slides:
        named = [s for s in slide.shapes if s.name == "Title"]
        assert len(named) == 1, [s.name for s in slide.shapes]
        out.append(named[0].text_frame.text)
    return out


def titled(prs: Any, title: str) -> Any:
    """The slide with this title (slides are looked up by title: a benchmark adds one)."""
    found = [s for s, t in zip(prs.slides, titles(prs), strict=True) if t == title]
    assert len(found) == 1, (title, titles(prs))
    return found[0]


def demo_titles() -> list[str]:
    """The demo deck's slides; with the portfolio (issue 19) the demo also benchmarks its audit."""
    from importlib.util import find_spec

    if find_spec("cx_audit.portfolio") is None:
        return DEMO_TITLES
    k = DEMO_TITLES.index("What customers say") + 1
    return DEMO_TITLES[:k] + ["How you compare"] + DEMO_TITLES[k:]


def charts(slide: Any) -> list[Any]:
    return [s.chart for s in slide.shapes if s.has_chart]


def texts(slide: Any) -> list[str]:
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text)


def shown(value: float) -> set[float]:
    """What a JSON score (two decimals) displays as at one decimal, half-up; both
    neighbours when the hundredths are a 5, where the unrounded score decides."""
    d = Decimal(str(value))
    if (d * 100) % 10 == 5:
        return {float(d.quantize(Decimal("0.1"), rounding=r)) for r in (ROUND_HALF_UP, ROUND_DOWN)}
    return {float(d.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))}


def score_json(*args: str | Path) -> dict[str, Any]:
    buf = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(buf):
        cx("score", *args, "--format", "json")
    data: dict[str, Any] = json.loads(buf.getvalue())
    return data


# --- one audit: the demo ----------------------------------------------------------------


def test_demo_deck_slides_in_order(demo: Path) -> None:
    prs = Presentation(str(demo_files(demo).pptx))
    assert titles(prs) == demo_titles()
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9, 13.333 × 7.5 in
    title = prs.slides[0]
    words = " ".join(texts(title))
    for expected in ("Harrogate · 20 November 2026", "Customer Experience Essentials, version 2.0.0", "72.0", "Developing"):
        assert expected in words
    assert "Capped by 1 critical failure; the score alone earns Established." in words


def test_summary_is_the_reports_own_sentences(demo: Path) -> None:
    from cx_audit.report.html.render import build_page
    from cx_audit.report.input import build_input

    current, baseline = _demo_results(demo)
    lead = build_page(build_input([current], baseline)).summary.lead
    slide = titled(Presentation(str(demo_files(demo).pptx)), "Executive summary")
    body = [t for t in texts(slide) if t.startswith("Brookfield Kitchens Ltd scores")][0]
    assert body.split("\n") == list(lead)
    html = demo_files(demo).html.read_text(encoding="utf-8")
    for sentence in lead:
        assert f"<p>{sentence}</p>" in html


def _demo_results(folder: Path) -> tuple[Any, Any]:
    from cx_audit.files.audit import load_audit
    from cx_audit.scoring.audit import score_audit

    files = demo_files(folder)
    out = []
    for path in (files.current, files.baseline):
        loaded = load_audit(path)
        out.append(score_audit(loaded.checklist, loaded.audit))
    return out[0], out[1]


def test_section_chart_values_baseline_and_band_colours(demo: Path) -> None:
    files = demo_files(demo)
    now, before = score_json(files.current), score_json(files.baseline)
    slide = titled(Presentation(str(files.pptx)), "Scores by section")
    (chart,) = charts(slide)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    plot = chart.plots[0]
    assert list(plot.categories) == [s["title"] for s in now["sections"]]
    current, base = plot.series
    assert current.name == "This audit (2026-11-20)" and base.name == "Baseline (2026-08-13)"
    for value, section in zip(current.values, now["sections"], strict=True):
        assert value in shown(section["score"]), section
    for value, section in zip(base.values, before["sections"], strict=True):
        assert value in shown(section["score"]), section
    from cx_audit.files.registry import resolve
    from cx_audit.wording import Tones

    tones = Tones(resolve("cx-essentials").bands)
    for k, section in enumerate(now["sections"]):
        colour = str(current.points[k].format.fill.fore_color.rgb).lower()
        assert colour == TONES[tones(section["band"])][0], section
    assert str(base.format.fill.fore_color.rgb).lower() == BASELINE
    # An editable chart: its data is a workbook inside the deck, not a picture.
    assert chart.part.chart_workbook.xlsx_part is not None
    assert not [s for s in slide.shapes if s.shape_type == 13]  # no pictures


def test_critical_failures_show_the_answer_and_what_to_do(demo: Path) -> None:
    files = demo_files(demo)
    data = score_json(files.current)
    slide = titled(Presentation(str(files.pptx)), "Critical failures")
    shown_text = " ".join(texts(slide))
    assert data["critical_failures"] == ["CX5"]
    assert "Answer: 3 contacts of ten" in shown_text
    todo = next(a["recommendation"] for a in data["actions"] if a["item"] == "CX5")
    assert todo in notes(slide)
    heading = next(t for t in texts(slide) if t.startswith("Team leaders"))
    assert heading.endswith("…") and todo.startswith(heading[:-1]) and len(heading) < len(todo)


def test_priority_actions_cut_to_fit_with_the_full_text_in_the_notes(demo: Path) -> None:
    files = demo_files(demo)
    data = score_json(files.current)
    slide = titled(Presentation(str(files.pptx)), "Priority actions")
    visible = texts(slide)
    for action in data["actions"][:5]:
        full = action["recommendation"]
        assert full in notes(slide)
        head = next(t for t in visible if t[:40] == full[:40])
        assert head == full or (head.endswith("…") and full.startswith(head[:-1].rstrip(" ,;:")))
        assert f"{action['points_lost']:.1f}" in visible or any(t.startswith(f"{action['points_lost']:.1f}") for t in visible)
    assert "Together these five actions are worth" in " ".join(visible)


def test_voices_chart_by_role_and_the_largest_gaps(demo: Path) -> None:
    files = demo_files(demo)
    data = score_json(files.current)
    slide = titled(Presentation(str(files.pptx)), "Voices: how each role sees it")
    (chart,) = charts(slide)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    names = [s.name for s in chart.plots[0].series]
    assert names == ["Auditor", "Fitters", "Showroom", "Management"]
    titles_by_id = {s["id"]: s["title"] for s in data["sections"]}
    categories = list(chart.plots[0].categories)
    for role, series in zip(data["roles"], chart.plots[0].series, strict=True):
        scores = {titles_by_id[s["id"]]: s["score"] for s in role["sections"]}
        for cat, value in zip(categories, series.values, strict=True):
            assert value in shown(scores[cat]), (role["role"], cat)
    words = " ".join(texts(slide))
    assert "Largest gaps" in words and "51.7" in words and "91.7 from management, 40.0 from fitters" in words


def test_metrics_with_n_and_interval(demo: Path) -> None:
    slide = titled(Presentation(str(demo_files(demo).pptx)), "What customers say")
    cells = texts(slide)
    for expected in ("CSAT", "74.8", "214", "68.6 to 80.1", "NPS", "26.2", "260", "16.1 to 35.6"):
        assert expected in cells


def test_since_the_last_visit(demo: Path) -> None:
    prs = Presentation(str(demo_files(demo).pptx))
    changes = texts(titled(prs, "Since the last visit"))
    assert changes[changes.index("Overall") : changes.index("Overall") + 4] == ["Overall", "59.4", "72.0", "+12.6"]
    actions = texts(titled(prs, "Since the last visit: the actions"))
    actions += texts(titled(prs, "Since the last visit: the actions (continued)"))
    tracked = sum(1 for t in actions if re.match(r"[A-Z]{2}\d · ", t))
    assert tracked == 9  # the August audit tracks nine of its actions
    assert "unchanged, flagged" in actions  # CP6: done, yet not improved
    assert "Tom Baines" in actions and "31 Oct 2026" in actions


def test_report_writes_the_demos_deck_byte_for_byte_twice(demo: Path, tmp_path: Path) -> None:
    files = demo_files(demo)
    one, two = tmp_path / "one.pptx", tmp_path / "two.pptx"
    cx("report", files.current, "--baseline", files.baseline, "--pptx", one)
    time.sleep(2.1)  # zip times have a two-second resolution: a clock stamp would differ
    cx("report", files.current, "--baseline", files.baseline, "--pptx", two)
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 20, 12, 0, 0)}
        for name in z.namelist():
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(z.read(name))) as inner:
                    assert {i.date_time for i in inner.infolist()} == {(2026, 11, 20, 12, 0, 0)}
                    assert b"2026-11-20T12:00:00Z" in inner.read("docProps/core.xml")
    props = Presentation(str(one)).core_properties
    assert props.created.isoformat() == props.modified.isoformat() == "2026-11-20T12:00:00"
    assert props.title == "Brookfield Kitchens Ltd — Harrogate — Customer Experience Essentials readout"


def test_how_you_compare_with_the_portfolios_benchmark(demo: Path) -> None:
    """With the portfolio (issue 19) the demo indexes peers and benchmarks its audit."""
    files = demo_files(demo)
    store = next(demo.glob("*.sqlite"))
    buf = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(buf):
        cx("portfolio", "benchmark", files.current, "--store", store, "--format", "json")
    bench = json.loads(buf.getvalue())
    cells = texts(titled(Presentation(str(files.pptx)), "How you compare"))
    overall = cells.index("Overall")
    o = bench["overall"]
    assert cells[overall + 1] == f"{o['score']:.1f}"
    assert cells[overall + 3 : overall + 6] == [f"{o[k]:.1f}" for k in ("p25", "p50", "p75")]
    for s in bench["sections"]:
        row = cells.index(s["title"])
        assert cells[row + 4] == (f"{s['p50']:.1f}" if s["p50"] is not None else "—"), s


# --- what is left out, escaping, respondents -------------------------------------------


def test_slides_with_nothing_to_show_are_left_out(mini: Path, tmp_path: Path) -> None:
    clean = "A1: 4\nA2: 'yes'\nA3: 3\nB1: always\nB2: 30\nC1: 2"
    audit = write(tmp_path / "a.yaml", audit_text(clean))
    cx("report", audit, "--pptx", tmp_path / "a.pptx")
    prs = Presentation(str(tmp_path / "a.pptx"))
    assert titles(prs) == ["Acme Ltd", "Executive summary", "Scores by section", "Priority actions"]
    perfect = write(tmp_path / "p.yaml", audit_text("A1: 4\nA2: 'yes'\nA3: 4\nB1: always\nB2: 2\nC1: 4"))
    cx("report", perfect, "--pptx", tmp_path / "p.pptx")
    assert titles(Presentation(str(tmp_path / "p.pptx"))) == ["Acme Ltd", "Executive summary", "Scores by section"]
    critical = write(tmp_path / "c.yaml", audit_text(FULL))
    cx("report", critical, "--pptx", tmp_path / "c.pptx")
    assert "Critical failures" in titles(Presentation(str(tmp_path / "c.pptx")))


def test_text_with_markup_quotes_and_other_scripts_reads_back_intact(tmp_path: Path) -> None:
    client = "Spokes & Sprockets <Ltd> \"Rapid\" 'Rides' Ωμέγα Москва 東京"
    site = "Kraków & Zürich <Mitte>"
    todo = 'Call back within 2h & log it <in the CRM>; say "sorry" — ελληνικά, 中文'
    write(tmp_path / "mini.yaml", MINI_CHECKLIST.replace("recommendation: Fix A1", f"recommendation: {json.dumps(todo)}"))
    text = audit_text(FULL).replace("client: Acme Ltd", f"client: {json.dumps(client)}")
    base = write(
        tmp_path / "b.yaml", text.replace("site: Crowthorne", f"site: {json.dumps(site)}").replace("2026-11-22", "2026-08-01")
    )
    base.write_text(
        base.read_text(encoding="utf-8")
        + f"actions:\n  A1: {{owner: {json.dumps(client)}, status: done, note: {json.dumps(todo + ' (note)')}}}\n",
        encoding="utf-8",
    )
    cur = write(tmp_path / "c.yaml", text.replace("site: Crowthorne", f"site: {json.dumps(site)}"))
    cx("report", cur, "--baseline", base, "--pptx", tmp_path / "e.pptx")
    prs = Presentation(str(tmp_path / "e.pptx"))
    assert titles(prs)[0] == client
    assert f"{site} · 22 November 2026" in texts(prs.slides[0])
    every_note = "\n".join(notes(s) for s in prs.slides)
    assert client in every_note and site in every_note and todo in every_note and todo + " (note)" in every_note
    assert any(todo in t or t.startswith(todo[:20]) for s in prs.slides for t in texts(s))
    assert prs.core_properties.title.startswith(client)
    with zipfile.ZipFile(tmp_path / "e.pptx") as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "&amp;amp;" not in xml and "&lt;Ltd&gt;" in xml  # escaped once, as XML must


def test_no_respondent_id_or_name_in_any_part_of_the_deck(tmp_path: Path) -> None:
    path = voices_audit(tmp_path, min_group=2)
    cx("report", path, "--pptx", tmp_path / "v.pptx")
    prs = Presentation(str(tmp_path / "v.pptx"))
    assert "Voices: how each role sees it" in titles(prs)
    parts = []
    with zipfile.ZipFile(tmp_path / "v.pptx") as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    parts += [inner.read(n).decode("utf-8", "replace") for n in inner.namelist()]
            else:
                parts.append(data.decode("utf-8", "replace"))
    everything = "\n".join(parts)
    for secret in PERSONAL:
        assert not re.search(rf"(?<![\w-]){re.escape(secret)}(?![\w-])", everything), secret
    assert "Quill" not in everything and "Mara" not in everything


# --- a program and a trend ----------------------------------------------------------------


def test_program_deck_shows_the_sections_table_and_spread(mini: Path, tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", audit_text(FULL))
    b = write(tmp_path / "b.yaml", audit_text("A1: 4\nA2: 'yes'\nA3: 2\nB1: sometimes\nB2: 3\nC1: 1", site="Bracknell"))
    cx("report", a, b, "--pptx", tmp_path / "p.pptx")
    prs = Presentation(str(tmp_path / "p.pptx"))
    assert titles(prs) == [
        "Acme Ltd",
        "Executive summary",
        "Scores by section",
        "Consistency between audits",
        "Audits by section",
        "Priority actions",
    ]
    data = score_json(a, b)
    (chart,) = charts(titled(prs, "Scores by section"))
    (series,) = chart.plots[0].series
    assert series.name == "Mean of the audits"
    for value, section in zip(series.values, data["sections"], strict=True):
        assert value in shown(section["mean"]), section
    table = texts(titled(prs, "Consistency between audits"))
    overall = table.index("Overall")
    assert table[overall + 1] == f"{data['overall']['mean']:.1f}"
    assert table[overall + 3 : overall + 6] == [f"{data['overall'][k]:.1f}" for k in ("stdev", "min", "max")]
    sites = texts(titled(prs, "Audits by section"))
    assert "Crowthorne" in sites and "Bracknell" in sites


def test_trend_deck_is_one_slide_with_a_line_chart(tmp_path: Path) -> None:
    from tests.test_trend import visit

    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    paths = [
        visit(tmp_path, "c1.yaml", "2026-03-31", 3),
        visit(tmp_path, "c2.yaml", "2026-06-30", 2),
        visit(tmp_path, "b1.yaml", "2026-06-15", 4, site="Bracknell"),
    ]
    cx("trend", *paths, "--pptx", tmp_path / "t.pptx", "--json", tmp_path / "t.json")
    prs = Presentation(str(tmp_path / "t.pptx"))
    assert len(prs.slides) == 1 and titles(prs) == ["The overall score over time"]
    (chart,) = charts(prs.slides[0])
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    trend = json.loads((tmp_path / "t.json").read_text())
    dates = sorted({v["date"] for s in trend["series"] for v in s["visits"]})
    for s, series in zip(trend["series"], chart.plots[0].series, strict=True):
        by_date = {v["date"]: v["overall"] for v in s["visits"]}
        assert series.name == (s["site"] or s["client"])
        for day, value in zip(dates, series.values, strict=True):
            assert (value is None) == (day not in by_date)
            if value is not None:
                assert value in shown(by_date[day])
    again = tmp_path / "again.pptx"
    cx("trend", *paths, "--pptx", again)
    assert again.read_bytes() == (tmp_path / "t.pptx").read_bytes()


# --- the command line -----------------------------------------------------------------------


def test_pptx_is_never_written_to_stdout_or_into_a_missing_folder(cli: Cli, mini: Path, tmp_path: Path) -> None:
    audit = write(tmp_path / "a.yaml", audit_text(FULL))
    run = cli("report", audit, "--pptx", "-")
    assert run.code == 2 and "cannot write the readout deck to standard output" in run.err
    run = cli("report", audit, "--pptx", tmp_path / "no" / "d.pptx")
    assert run.code == 2 and "does not exist" in run.err and "Traceback" not in run.err
    run = cli("report", audit, "--pptx", audit)
    assert run.code == 2 and "is also an input" in run.err


def test_branding_puts_the_firm_accent_and_logo_on_the_deck(cli: Cli, mini: Path, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (300, 100), (122, 31, 92)).save(tmp_path / "logo.png")
    write(tmp_path / "cx-audit.toml", '[branding]\nfirm = "Northgate & Co"\naccent = "#7a1f5c"\nlogo = "logo.png"\n')
    audit = write(tmp_path / "a.yaml", audit_text(FULL))
    assert cli("report", audit, "--pptx", tmp_path / "b.pptx", cwd=tmp_path).code == 0
    prs = Presentation(str(tmp_path / "b.pptx"))
    first = prs.slides[0]
    assert [s for s in first.shapes if s.shape_type == 13]  # the logo, a picture
    assert "Northgate & Co" in texts(first) and "Prepared by J. Smith, Northgate & Co" in texts(first)
    bar = prs.slides[1].shapes[0]
    assert str(bar.fill.fore_color.rgb).lower() == "7a1f5c"
    assert all("Prepared by J. Smith" not in t or "Northgate" in t for s in prs.slides for t in texts(s))


def test_score_and_help_do_not_import_python_pptx(mini: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    audit = write(tmp_path / "a.yaml", audit_text(FULL))
    code = (
        "import sys\n"
        "from cx_audit.cli.app import main\n"
        "for args in (['--help'], ['score', sys.argv[1]]):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('pptx', 'xlsxwriter', 'lxml') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(audit)], capture_output=True, text=True, timeout=60).stdout
    assert out.strip().splitlines()[-1] == "[]"


# --- fitting text ---------------------------------------------------------------------------


def test_cut_keeps_whole_words_and_fits() -> None:
    text = "Team leaders agree three visible habits with their teams and coach them daily for two weeks"
    cut = fit.cut(text, 3.0, 16, 1)
    assert cut.endswith("…") and text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert fit.fits(cut, 3.0, 16, 1)
    assert fit.cut(text, 30.0, 16, 1) == text
    assert fit.cut("Ωμέγα " * 40, 2.0, 12, 2).endswith("…")
    assert fit.text_width("東京", 12) > fit.text_width("ab", 12)  # wide characters count as wide


# --- LibreOffice Impress ----------------------------------------------------------------------


@pytest.mark.clients
def test_impress_opens_every_deck_with_one_page_per_slide(demo: Path, mini: Path, tmp_path: Path) -> None:
    work = tmp_path / "lo"
    work.mkdir()
    files = demo_files(demo)
    (work / "demo.pptx").write_bytes(files.pptx.read_bytes())
    cx("report", files.first, files.baseline, files.current, "--pptx", work / "program.pptx")
    cx("trend", files.first, files.baseline, files.current, "--pptx", work / "trend.pptx")
    libreoffice(work, "--convert-to", "pdf", "--outdir", work, "demo.pptx", "program.pptx", "trend.pptx")
    for name in ("demo", "program", "trend"):
        slides = len(Presentation(str(work / f"{name}.pptx")).slides)
        info = poppler("pdfinfo", work / f"{name}.pdf")
        assert re.search(rf"^Pages:\s+{slides}$", info, re.M), (name, info)
        text = poppler("pdftotext", "-layout", work / f"{name}.pdf", "-")
        assert "Brookfield Kitchens Ltd" in text
    text = poppler("pdftotext", work / "demo.pdf", "-")
    assert "Scores by section" in text and "Priority actions" in text and "Largest gaps" in text


def test_a_draft_says_so_on_the_title_slide(tmp_path: Path, shared_demo: Path) -> None:
    # Two of the mini checklist's five applicable items answered: provisional, as the report's cover says.
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    partial = write(tmp_path / "partial.yaml", audit_text("A1: {value: 4}\nA2: {value: 'yes'}"))
    cx("report", partial, "--pptx", tmp_path / "draft.pptx")
    title = " ".join(texts(Presentation(str(tmp_path / "draft.pptx")).slides[0]))
    assert re.search(r"Draft: 2 of \d+ items answered: the scores and the band are provisional\.", title), title
    complete = " ".join(texts(Presentation(str(demo_files(shared_demo).pptx)).slides[0]))
    assert "Draft" not in complete and "provisional" not in complete
