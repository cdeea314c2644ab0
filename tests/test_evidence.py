"""Evidence attached to answers: loading, the interview's `e`, and the reports (HTML, Excel)."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from cx_audit.files.audit import dump_audit, load_audit
from cx_audit.files.evidence import split_attach
from cx_audit.files.values import ValueRefused
from cx_audit.interview.asker import ScriptedAsker
from cx_audit.interview.flow import Interview, parse_line
from cx_audit.model import Answer, Evidence
from cx_audit.report.evidence import MAX_SIDE
from tests.conftest import Run, audit_text, write
from tests.test_interview import Rig
from tests.test_report_html_tree import parse

CliFn = Callable[..., Run]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def photo(path: Path, size: tuple[int, int] = (3000, 2000), fmt: str = "JPEG", mode: str = "RGB") -> Path:
    """A picture with detail in it (a gradient and stripes), saved as ``fmt``."""
    img = Image.new(mode, size, (30, 90, 160, 255)[: len(mode)])
    for x in range(0, size[0], 50):
        img.paste((200, 60, 40, 128)[: len(mode)], (x, 0, x + 20, size[1]))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, fmt)
    return path


def evidence_audit(folder: Path, entries: str, mini: Path | None = None) -> Path:
    """The hand-scored audit of the mini checklist with ``entries`` as A1's evidence list."""
    answers = "A1:\n  value: 1\n  note: Only one person could say it\n  evidence:\n" + entries
    text = audit_text(answers + '\nA2: {value: "yes"}\nB1: {value: sometimes}\n')
    return write(folder / "acme.yaml", text)


def entry(path: str, digest: str = "", caption: str = "") -> str:
    fields = [f"path: {path}"] + ([f"sha256: {digest}"] if digest else []) + ([f"caption: '{caption}'"] if caption else [])
    return "  - {" + ", ".join(fields) + "}"


def line_of(path: Path, needle: str) -> int:
    return next(k for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- loading ----------------------------------------------------------------------


def test_evidence_loads_and_is_written_back_as_read(mini: Path, tmp_path: Path) -> None:
    pic = photo(tmp_path / "evidence" / "brochure.jpg")
    quote = write(tmp_path / "evidence" / "quote 1043.pdf", "%PDF-1.4 not really\n")
    audit = evidence_audit(
        tmp_path,
        entry("evidence/brochure.jpg", sha(pic), "Brochure, page 2") + "\n" + entry("'evidence/quote 1043.pdf'", sha(quote)),
    )
    loaded = load_audit(audit)
    assert loaded.warnings == []
    files = loaded.audit.answers["A1"].evidence
    assert [(e.path, e.caption, e.sha256) for e in files] == [
        ("evidence/brochure.jpg", "Brochure, page 2", sha(pic)),
        ("evidence/quote 1043.pdf", "", sha(quote)),
    ]
    assert files[0].file == tmp_path / "evidence" / "brochure.jpg" and files[0].short_hash == sha(pic)[:12]
    dumped = dump_audit(loaded.audit, loaded.checklist)
    assert "    evidence:\n    - path: evidence/brochure.jpg\n      sha256: " + sha(pic) in dumped
    # What is written loads back to the same evidence.
    write(tmp_path / "again.yaml", dumped)
    again = load_audit(tmp_path / "again.yaml").audit.answers["A1"].evidence
    assert [(e.path, e.sha256, e.caption) for e in again] == [(e.path, e.sha256, e.caption) for e in files]


def test_a_missing_evidence_file_is_an_input_error_at_its_line(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    audit = evidence_audit(tmp_path, entry("evidence/gone.jpg", "ab" * 32))
    run = cli("score", audit)
    assert run.code == 2
    line = line_of(audit, "gone.jpg")
    column = audit.read_text(encoding="utf-8").splitlines()[line - 1].index("evidence/gone.jpg") + 1
    assert run.err.splitlines() == [
        f"{audit}:{line}:{column}: A1: evidence file evidence/gone.jpg not found "
        f"(looked for {tmp_path / 'evidence' / 'gone.jpg'})"
    ]


def test_a_changed_file_and_a_path_outside_the_folder_are_warnings(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    inside = photo(tmp_path / "audits" / "p.png", (40, 30), "PNG")
    outside = photo(tmp_path / "elsewhere.png", (40, 30), "PNG")
    write(tmp_path / "audits" / "mini.yaml", mini.read_text(encoding="utf-8"))
    audit = evidence_audit(tmp_path / "audits", entry("p.png", "f" * 64) + "\n" + entry("../elsewhere.png", sha(outside)))
    run = cli("score", audit)
    assert run.code == 0, run.err
    changed, leaves = line_of(audit, "p.png, sha256"), line_of(audit, "elsewhere.png")
    assert run.err.splitlines() == [
        f"{audit}:{changed}:29: warning: A1: evidence p.png has changed since it was attached (sha256 differs)",
        f"{audit}:{leaves}:14: warning: A1: evidence ../elsewhere.png is outside the audit's folder",
    ]
    assert inside.exists()


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ("  - {path: p.png, sha256: xyz}", "A1: sha256 must be 64 hex digits, not 'xyz'"),
        ("  - {path: p.png, by: me}", "unknown key 'by' in evidence (expected: caption, path, sha256)"),
        ("  - {caption: no path}", "missing required key 'path' in evidence"),
    ],
)
def test_a_malformed_evidence_entry_is_refused(cli: CliFn, mini: Path, tmp_path: Path, evidence: str, message: str) -> None:
    photo(tmp_path / "p.png", (10, 10), "PNG")
    audit = evidence_audit(tmp_path, evidence)
    run = cli("score", audit)
    assert run.code == 2 and message in run.err, run.err
    assert len(run.err.splitlines()) == 1


def test_evidence_that_is_not_a_list_is_refused(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    audit = write(tmp_path / "a.yaml", audit_text("A1: {value: 1, evidence: photo.jpg}"))
    run = cli("score", audit)
    assert run.code == 2
    assert "A1: evidence must be a list of {path, sha256, caption}, not 'photo.jpg'" in run.err


# --- the interview ----------------------------------------------------------------


def test_parse_line_reads_e_as_evidence() -> None:
    assert parse_line("e") == parse_line(" E ")
    assert parse_line("e").kind == "evidence" and parse_line("e").arg == ""
    assert parse_line('e "my photo.jpg" Brochure, page 2').arg == '"my photo.jpg" Brochure, page 2'
    assert parse_line("\\e photo.jpg").kind == "value"
    assert split_attach('"my photo.jpg" Brochure, page 2') == ("my photo.jpg", "Brochure, page 2")
    assert split_attach("photo.jpg  Brochure") == ("photo.jpg", "Brochure")
    assert split_attach("photo.jpg") == ("photo.jpg", "")
    with pytest.raises(ValueRefused):
        split_attach('"no end.jpg caption')


def test_the_interview_attaches_and_lists_evidence(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    start = tmp_path / "visit"  # the folder `cx-audit run` was started in
    pic = photo(start / "my photo.jpg", (60, 40))
    asker = ScriptedAsker(
        ['e "my photo.jpg" Brochure, page 2', "e", "e my-missing.jpg", "e 'my photo.jpg' Brochure, page two", "3", "", "q"]
    )
    Interview(rig.session, asker, start=start).run()
    notices = asker.notices()
    assert f"Attached visit/my photo.jpg (sha256 {sha(pic)[:12]}) to A1: Brochure, page 2" in notices
    assert f"Evidence for A1:\n  1. visit/my photo.jpg  sha256 {sha(pic)[:12]}  Brochure, page 2" in notices
    assert "no such file: my-missing.jpg" in asker.notices(refused=True)
    assert f"Updated visit/my photo.jpg (sha256 {sha(pic)[:12]}) to A1: Brochure, page two" in notices
    saved = rig.on_disk()["A1"]
    assert saved.value == 3
    assert [(e.path, e.sha256, e.caption) for e in saved.evidence] == [("visit/my photo.jpg", sha(pic), "Brochure, page two")]


def test_evidence_outside_the_audit_folder_is_copied_into_it(tmp_path: Path) -> None:
    """SPEC Part 3 (evidence travels with the audit): the file outside the audit's folder,
    which Part 2 referenced with a warning, is copied into its evidence/ folder."""
    (tmp_path / "audits").mkdir()
    rig = Rig(tmp_path / "audits")
    pic = photo(tmp_path / "shared" / "board.png", (20, 20), "PNG")
    asker = ScriptedAsker(["e shared/board.png", "q"])
    Interview(rig.session, asker, start=tmp_path).run()
    stored = f"evidence/{sha(pic)[:16]}.png"
    assert f"../shared/board.png is outside the audit's folder: copied in as {stored}" in asker.notices()
    saved = rig.on_disk()["A1"].evidence[0]
    assert (saved.path, saved.sha256, saved.caption) == (stored, sha(pic), "board.png")
    assert (tmp_path / "audits" / stored).read_bytes() == pic.read_bytes()
    assert pic.exists()


def test_clearing_an_answer_keeps_its_evidence(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    pic = photo(tmp_path / "p.png", (20, 20), "PNG")
    Interview(rig.session, ScriptedAsker(["e p.png", "3", "", "b", "x", "q"]), start=tmp_path).run()
    saved = rig.on_disk()["A1"]
    assert saved.value is None and [e.path for e in saved.evidence] == ["p.png"]
    assert sha(pic) == saved.evidence[0].sha256


def test_piped_interview_stops_on_a_missing_evidence_file(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    from tests.conftest import run_subprocess

    write(tmp_path / "a.yaml", audit_text(""))
    run = run_subprocess("run", "a.yaml", cwd=tmp_path, input="e nothing-here.jpg\n")
    assert run.code == 2, run.err
    assert "no such file: nothing-here.jpg" in run.err


# --- the reports --------------------------------------------------------------------


def report_html(cli: CliFn, audit: Path, tmp_path: Path) -> tuple[str, Run]:
    out = tmp_path / "r.html"
    run = cli("report", audit, "--html", out)
    assert run.code == 0, run.err
    return out.read_text(encoding="utf-8"), run


def test_images_are_embedded_downscaled_and_other_files_listed(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    big = photo(tmp_path / "big.jpg", (3000, 2000))
    photo(tmp_path / "tall.png", (900, 2400), "PNG", "RGBA")
    photo(tmp_path / "small.webp", (300, 200), "WEBP")
    photo(tmp_path / "chart.gif", (500, 300), "GIF")
    doc = write(tmp_path / "quote.pdf", "%PDF-1.4\n")
    entries = [
        entry("big.jpg", sha(big), "Brochure"),
        entry("tall.png"),
        entry("small.webp"),
        entry("chart.gif"),
        entry("quote.pdf", sha(doc), "Quote"),
    ]
    audit = evidence_audit(tmp_path, "\n".join(entries))
    html, run = report_html(cli, audit, tmp_path)
    assert "warning" not in run.err
    card = parse(html).find("article", id="item-A1")
    images = card.find_all("img")
    sizes = []
    for img in images:
        kind, data = re.match(r"data:image/(\w+);base64,(.*)", img.attrs["src"] or "").groups()  # type: ignore[union-attr]
        decoded = Image.open(io.BytesIO(base64.b64decode(data)))
        assert decoded.format.lower() == kind  # type: ignore[union-attr]
        assert (decoded.width, decoded.height) == (int(img.attrs["width"] or 0), int(img.attrs["height"] or 0))
        sizes.append((kind, decoded.size, img.attrs["alt"]))
    assert sizes == [
        ("jpeg", (MAX_SIDE, 800), "Brochure"),  # 3000 x 2000 → 1,200 px on the long side
        ("png", (450, MAX_SIDE), "tall.png"),  # transparency stays PNG
        ("jpeg", (300, 200), "small.webp"),  # never enlarged
        ("png", (500, 300), "chart.gif"),  # a drawing stays sharp
    ]
    listed = card.find("p", cls="ev-file").text()
    assert listed == f"quote.pdf sha256 {sha(doc)[:12]} · Quote"
    assert "Evidence" in card.text()


def test_a_corrupt_or_unsupported_image_is_a_warning_and_is_listed(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.jpg", "not a jpeg at all")
    bmp = photo(tmp_path / "scan.bmp", (20, 20), "BMP")
    audit = evidence_audit(tmp_path, entry("broken.jpg") + "\n" + entry("scan.bmp"))
    html, run = report_html(cli, audit, tmp_path)
    lines = run.err.splitlines()
    assert lines[0].startswith(f"{audit}: warning: A1: evidence broken.jpg cannot be read as an image (")
    assert lines[0].endswith("); listed, not embedded")
    assert (
        lines[1]
        == f"{audit}: warning: A1: evidence scan.bmp only PNG, JPEG, GIF and WebP images are embedded; listed, not embedded"
    )
    assert "Traceback" not in run.err
    card = parse(html).find("article", id="item-A1")
    assert not card.find_all("img")
    assert [p.text() for p in card.find_all("p", cls="ev-file")] == [
        f"broken.jpg sha256 {sha(broken)[:12]}",
        f"scan.bmp sha256 {sha(bmp)[:12]}",
    ]


def test_a_report_with_evidence_is_byte_identical_from_run_to_run(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    big = photo(tmp_path / "big.jpg", (2000, 1500))
    audit = evidence_audit(tmp_path, entry("big.jpg", sha(big)))
    first, _ = report_html(cli, audit, tmp_path)
    from cx_audit.report.evidence import _prepare_file

    _prepare_file.cache_clear()  # encode the image again, not from the cache
    second, _ = report_html(cli, audit, tmp_path)
    assert first == second


def test_exif_orientation_is_applied(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    img = Image.new("RGB", (400, 200), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    img.save(tmp_path / "phone.jpg", "JPEG", exif=exif)
    audit = evidence_audit(tmp_path, entry("phone.jpg"))
    html, _ = report_html(cli, audit, tmp_path)
    img_tag = parse(html).find("article", id="item-A1").find("img")
    assert (img_tag.attrs["width"], img_tag.attrs["height"]) == ("200", "400")


def test_the_excel_items_sheet_lists_evidence_names(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    import openpyxl

    pic = photo(tmp_path / "evidence" / "board.png", (20, 20), "PNG")
    write(tmp_path / "q.pdf", "%PDF\n")
    audit = evidence_audit(tmp_path, entry("evidence/board.png", sha(pic)) + "\n" + entry("q.pdf"))
    assert cli("report", audit, "--xlsx", tmp_path / "r.xlsx").code == 0
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["Items"]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["Note", "Evidence"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["A1"][-1] == "board.png\nq.pdf"
    assert rows["A2"][-1] in (None, "")
    # Without evidence the sheet is as it was: no Evidence column.
    plain = write(tmp_path / "plain.yaml", audit_text("A1: {value: 2}"))
    assert cli("report", plain, "--xlsx", tmp_path / "p.xlsx").code == 0
    assert "Evidence" not in [c.value for c in openpyxl.load_workbook(tmp_path / "p.xlsx")["Items"][1]]


def test_answer_evidence_defaults_to_none() -> None:
    assert Answer().evidence == []
    assert Evidence("a/b/c.jpg").name == "c.jpg" and Evidence("x", sha256="f" * 64).short_hash == "f" * 12


def test_an_image_too_large_to_decode_is_listed_and_a_large_one_is_embedded(cli: CliFn, mini: Path, tmp_path: Path) -> None:
    Image.new("1", (20000, 10000)).save(tmp_path / "bomb.png")  # 200 megapixels in 24 KB
    Image.new("1", (11000, 9000)).save(tmp_path / "large.png")  # 99 megapixels: big, but a photo can be
    audit = evidence_audit(tmp_path, entry("bomb.png") + "\n" + entry("large.png"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        html, run = report_html(cli, audit, tmp_path)
    assert not [w for w in caught if w.category is Image.DecompressionBombWarning]
    lines = run.err.splitlines()
    assert lines[0].startswith(f"{audit}: warning: A1: evidence bomb.png cannot be read as an image (Image size")
    assert len(lines) == 2 and lines[1].startswith("Wrote HTML report"), run.err
    card = parse(html).find("article", id="item-A1")
    assert [img.attrs["alt"] for img in card.find_all("img")] == ["large.png"]
