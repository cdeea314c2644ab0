"""Issue 10: defects found by trying to break cx-audit as a hostile or careless user would.

Each test names the item of the issue it pins. The rule for every one: bad input is one
clear line naming the file and line (or cell), exit 2, nothing lost, no traceback.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cx_audit.errors import InputError, OutputError
from cx_audit.files.audit import load_audit
from cx_audit.files.lock import AuditLock
from cx_audit.files.output import Output, Replace, write_output
from cx_audit.interview.asker import ScriptedAsker, Welcome
from cx_audit.interview.start import RunRequest, run_interview
from cx_audit.interview.terminal import ConsoleAsker
from tests.conftest import FULL, MINI_CHECKLIST, Cli, audit_text, write

ESC = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b31m\x00"  # clipboard write, clear screen, C1 CSI, NUL
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x00")


def piped(folder: Path, *args: str, data: bytes, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "cx_audit", *args], cwd=folder, input=data, capture_output=True, env=env, timeout=timeout
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "mini.yaml", MINI_CHECKLIST)
    return tmp_path


# --- 1. a symlinked lock file ------------------------------------------------------------


def test_1_a_symlinked_lock_file_is_refused_and_its_target_kept(folder: Path) -> None:
    audit = write(folder / "acme.yaml", audit_text(""))
    victim = folder / "precious.txt"
    victim.write_text("do not touch\n")
    os.symlink(victim, folder / "acme.yaml.lock")
    r = piped(folder, "run", "acme.yaml", data=b"3\n\n")
    assert r.returncode == 2, r.stderr
    err = r.stderr.decode()
    assert err.strip() == "acme.yaml.lock: the lock file is a symbolic link, not a regular file; remove it and try again"
    assert victim.read_text() == "do not touch\n"
    assert (folder / "acme.yaml.lock").is_symlink()
    assert "A1" not in load_audit(audit).audit.answers


def test_1_a_lock_file_that_is_a_fifo_is_refused(folder: Path) -> None:
    write(folder / "acme.yaml", audit_text(""))
    os.mkfifo(folder / "acme.yaml.lock")
    r = piped(folder, "run", "acme.yaml", data=b"3\n\n", timeout=10)
    assert r.returncode == 2
    assert "acme.yaml.lock: the lock file is not a regular file" in r.stderr.decode()


@pytest.mark.parametrize("kind", ["hard link", "other data"])
def test_1_a_lock_file_that_is_not_ours_is_left_untouched(folder: Path, kind: str) -> None:
    audit = write(folder / "acme.yaml", audit_text(""))
    victim = folder / "precious.txt"
    victim.write_text("do not touch\n")
    if kind == "hard link":
        os.link(victim, folder / "acme.yaml.lock")
    else:
        (folder / "acme.yaml.lock").write_text("do not touch either\n")
    with pytest.raises(InputError, match="remove it and try again"):
        run_interview(RunRequest(audit), ScriptedAsker(["3", ""]), lambda _: None)
    assert victim.read_text() == "do not touch\n"
    assert (folder / "acme.yaml.lock").exists()


def test_1_a_lock_file_left_by_a_killed_interview_is_reused(folder: Path) -> None:
    audit = write(folder / "acme.yaml", audit_text(""))
    (folder / "acme.yaml.lock").write_text("999999\n")
    assert run_interview(RunRequest(audit), ScriptedAsker(["3", "", "q"]), lambda _: None) == 0
    assert load_audit(audit).audit.answers["A1"].value == 3
    assert not (folder / "acme.yaml.lock").exists()


# --- 2. non-UTF-8 piped input -------------------------------------------------------------


def test_2_a_latin1_line_is_refused_with_its_line_number(folder: Path) -> None:
    audit = write(folder / "acme.yaml", audit_text(""))
    r = piped(folder, "run", "acme.yaml", data=b"3\nfirst\ny\ncaf\xe9 note\n")
    assert r.returncode == 2
    assert r.stderr.decode().strip() == (
        "acme.yaml: input line 4 is not UTF-8 text (byte 0xe9 at position 4); "
        "the answers before it are saved (save the input as UTF-8)"
    )
    answers = load_audit(audit).audit.answers  # the file still reads back
    assert answers["A1"].value == 3 and answers["A1"].note == "first"
    assert answers["A2"].value is True and answers["A2"].note == ""


def test_2_a_latin1_client_name_saves_nothing(folder: Path) -> None:
    r = piped(folder, "run", "new.yaml", "-c", "mini.yaml", data=b"Caf\xe9 Ltd\nJo\n")
    assert r.returncode == 2
    assert "new.yaml: input line 1 is not UTF-8 text" in r.stderr.decode()
    assert not (folder / "new.yaml").exists()


def test_2_on_a_terminal_an_undecodable_line_is_refused_not_dropped(folder: Path) -> None:
    out = io.StringIO()
    asker = ConsoleAsker(stdin=io.StringIO("caf\udce9\n3\n"), stdout=out, interactive=True, color=False, width=80)
    from cx_audit.interview.asker import Prompt

    assert asker.ask(Prompt("value", "A1")) == "3"
    assert "not UTF-8 text" in out.getvalue()


# --- 3. an output that is also an input -------------------------------------------------


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["score", "a.yaml", "--json", "mini.yaml"], "mini.yaml"),
        (["score", "a.yaml", "--markdown", "./a.yaml"], "a.yaml"),
        (["score", "a.yaml", "--junit", "mini.yaml"], "mini.yaml"),
        (["report", "a.yaml", "--html", "a.yaml"], "a.yaml"),
        (["report", "a.yaml", "--xlsx", "a.yaml"], "a.yaml"),
        (["report", "a.yaml", "--xlsx", "mini.yaml"], "mini.yaml"),
        (["report", "a.yaml", "--html", "link.yaml"], "a.yaml"),
    ],
)
def test_3_no_output_replaces_an_input(cli: Cli, folder: Path, args: list[str], target: str) -> None:
    write(folder / "a.yaml", audit_text(FULL))
    os.symlink("a.yaml", folder / "link.yaml")
    before = (folder / target).read_bytes()
    r = cli(*args, cwd=folder)
    assert r.code == 2
    assert "is also an input of this command" in r.err
    assert (folder / target).read_bytes() == before


def test_3_a_report_never_replaces_the_branding_file_or_the_logo(cli: Cli, folder: Path) -> None:
    write(folder / "a.yaml", audit_text(FULL))
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b8d3a50000000049454e44ae426082"
    )
    (folder / "logo.png").write_bytes(png)
    (folder / "cx-audit.toml").write_text('[branding]\nlogo = "logo.png"\n', encoding="utf-8")
    for target in ("logo.png", "cx-audit.toml"):
        before = (folder / target).read_bytes()
        r = cli("report", "a.yaml", "--html", target, cwd=folder)
        assert r.code == 2, r.err
        assert f"{target}: is also an input of this command" in r.err
        assert (folder / target).read_bytes() == before


# --- 4. special files -----------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_4_a_device_as_the_audit_is_refused_at_once(cli: Cli, device: str) -> None:
    r = cli("score", device)
    assert r.code == 2
    assert r.err.strip() == f"{device}: is not a regular file (a device, pipe or socket); give a file"


def test_4_a_fifo_as_the_audit_does_not_hang(folder: Path) -> None:
    os.mkfifo(folder / "pipe.yaml")
    r = piped(folder, "score", "pipe.yaml", data=b"", timeout=10)
    assert r.returncode == 2
    assert r.stderr.decode().strip() == "pipe.yaml: is not a regular file (a device, pipe or socket); give a file"


def test_4_a_device_as_the_checklist_is_refused(cli: Cli, folder: Path) -> None:
    write(folder / "a.yaml", audit_text(FULL, checklist="/dev/zero"))
    r = cli("score", "a.yaml", cwd=folder)
    assert r.code == 2
    assert (
        r.err.strip() == "a.yaml:2:12: cannot load the checklist: is not a regular file (a device, pipe or socket); give a file"
    )
    r = cli("checklists", "validate", "/dev/zero", cwd=folder)
    assert r.code == 2 and "is not a regular file" in r.err


def test_4_a_device_as_the_logo_is_refused(cli: Cli, folder: Path) -> None:
    write(folder / "a.yaml", audit_text(FULL))
    os.symlink("/dev/zero", folder / "logo.png")
    (folder / "cx-audit.toml").write_text('[branding]\nlogo = "logo.png"\n', encoding="utf-8")
    r = cli("report", "a.yaml", "--html", "r.html", cwd=folder)
    assert r.code == 2
    assert r.err.strip() == "cx-audit.toml: branding.logo: logo.png is not a regular file (a device, pipe or socket)"
    assert not (folder / "r.html").exists()


def test_4_the_reader_reads_at_most_the_limit_plus_one_byte(tmp_path: Path) -> None:
    from cx_audit.files.userfile import read_user_file

    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match="over the limit of 100 bytes"):
        read_user_file(big, limit=100)
    assert read_user_file(big, limit=101) == b"x" * 101


# --- 5. a large rating scale ----------------------------------------------------------------


def test_5_a_scale_of_millions_of_points_is_refused_in_validation(cli: Cli, folder: Path) -> None:
    text = MINI_CHECKLIST.replace("description: Small enough", "scale: {min: 0, max: 10000000}\ndescription: Small enough")
    write(folder / "big.yaml", text)
    started = time.monotonic()
    r = cli("checklists", "validate", "big.yaml", cwd=folder)
    assert r.code == 2
    assert r.err.strip() == "big.yaml:5:8: a scale has at most 101 points (0 to 100, say); this one has 10,000,001"
    r = cli("form", "big.yaml", "-o", "f.xlsx", cwd=folder)
    assert r.code == 2 and not (folder / "f.xlsx").exists()
    assert time.monotonic() - started < 5


# --- 6. an audit opened through a symlink -------------------------------------------------------


def test_6_a_symlinked_audit_keeps_its_link_and_saves_the_target(folder: Path) -> None:
    real = write(folder / "real.yaml", audit_text(""))
    os.symlink("real.yaml", folder / "link.yaml")
    r = piped(folder, "run", "link.yaml", data=b"3\nnote\n")
    assert r.returncode == 0, r.stderr
    assert (folder / "link.yaml").is_symlink()
    assert load_audit(real).audit.answers["A1"].value == 3
    assert not (folder / "link.yaml.lock").exists() and not (folder / "real.yaml.lock").exists()


def test_6_two_names_of_one_audit_share_one_lock(folder: Path) -> None:
    real = write(folder / "real.yaml", audit_text(""))
    os.symlink("real.yaml", folder / "link.yaml")
    with AuditLock(real):
        r = piped(folder, "run", "link.yaml", data=b"3\n\n")
    assert r.returncode == 2
    assert "link.yaml: is open in another interview" in r.stderr.decode()
    assert "A1" not in load_audit(real).audit.answers


# --- 7. control characters to the terminal ---------------------------------------------------


def hostile_checklist(folder: Path) -> Path:
    text = MINI_CHECKLIST.replace("text: Rating item", f"text: Rating {ESC!r} item".replace("'", '"'))
    text = text.replace("title: Offer", "title: Offer \\e[2J".replace("\\e", "\\x1b"))
    text = text.replace("guidance: g", 'guidance: "g \\x1b]0;title\\x07"')
    text = text.replace("title: Mini checklist", 'title: "Mini \\x9b31m checklist"')
    return write(folder / "mini.yaml", text)


def hostile_audit(folder: Path, name: str = "a.yaml") -> Path:
    text = audit_text(FULL).replace("client: Acme Ltd", 'client: "Acme \\x1b]0;owned\\x07 Ltd"')
    text = text.replace("Only one person could say it", "one \\x1b[2J person")
    return write(folder / name, text)


def test_7_score_table_and_compare_escape_control_characters(cli: Cli, folder: Path) -> None:
    hostile_checklist(folder)
    hostile_audit(folder)
    hostile_audit(folder, "b.yaml")
    for args in (("score", "a.yaml"), ("score", "a.yaml", "b.yaml"), ("compare", "a.yaml", "b.yaml")):
        r = cli(*args, cwd=folder)
        assert r.code in (0, 1), r.err
        assert not any(c in r.out + r.err for c in RAW_CONTROLS), args
    r = cli("score", "a.yaml", cwd=folder)
    assert "Acme \\x1b]0;owned\\x07 Ltd" in r.out


def test_7_checklists_show_escapes_control_characters(cli: Cli, folder: Path) -> None:
    hostile_checklist(folder)
    r = cli("checklists", "show", "mini.yaml", "--guidance", cwd=folder)
    assert r.code == 0, r.err
    assert not any(c in r.out for c in RAW_CONTROLS)
    assert "Mini \\x9b31m checklist" in r.out


def test_7_the_interview_escapes_control_characters(folder: Path) -> None:
    hostile_checklist(folder)
    audit = hostile_audit(folder)
    r = piped(folder, "run", "a.yaml", "--review", data=b"\n\n?\nq\n")
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode() + r.stderr.decode()
    assert not any(c in out for c in RAW_CONTROLS)
    assert "Acme \\x1b]0;owned\\x07 Ltd" in out
    # a refused line is echoed escaped too
    write(audit.parent / "b.yaml", audit_text(""))
    r = piped(folder, "run", "b.yaml", data=b"\x1b[2J9\n")
    assert r.returncode == 2
    assert not any(c in r.stdout.decode() + r.stderr.decode() for c in RAW_CONTROLS)
    assert "\\x1b[2J9" in r.stderr.decode()


# --- 8. integers too large for a float --------------------------------------------------------

HUGE = "1" + "0" * 400


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("weight: 2\n    items", f"weight: {HUGE}\n    items", 9),
        ("{max: 4, score: 1}", f"{{max: {HUGE}, score: 1}}", 41),
        ("label: Sometimes, score: 0.5}", f"label: Sometimes, score: {HUGE}}}", 34),
        ('is: "yes"}', f"is: {HUGE}}}", 24),
        ("text: Another rating", f"text: Another rating\n        when: {{item: B2, is: {HUGE}}}", 51),
        ("text: Another rating", f"text: Another rating\n        when: {{item: A1, is: {HUGE}}}", 51),
        ("description: Small", f"scale: {{min: 0, max: {HUGE}}}\ndescription: Small", 5),
    ],
)
def test_8_a_huge_integer_in_a_checklist_is_a_positioned_input_error(
    cli: Cli, folder: Path, old: str, new: str, line: int
) -> None:
    assert old in MINI_CHECKLIST
    write(folder / "mini.yaml", MINI_CHECKLIST.replace(old, new))
    r = cli("checklists", "validate", "mini.yaml", cwd=folder)
    assert r.code == 2, r.err
    assert r.err.startswith(f"mini.yaml:{line}:"), r.err
    assert "a number too large to compute with (401 digits)" in r.err and len(r.err.splitlines()) == 1


def test_8_a_huge_integer_answer_is_a_positioned_input_error(cli: Cli, folder: Path) -> None:
    write(folder / "a.yaml", audit_text(f"B2: {{value: {HUGE}}}\nA1: {{value: {HUGE}}}"))
    r = cli("score", "a.yaml", cwd=folder)
    assert r.code == 2, r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("a.yaml:") for line in lines)
    assert "internal error" not in r.err and HUGE not in r.err


def test_8_band_min_too_large(cli: Cli, folder: Path) -> None:
    text = MINI_CHECKLIST.replace("description: Small", f"bands: [{{min: {HUGE}, label: Top}}]\ndescription: Small")
    write(folder / "mini.yaml", text)
    r = cli("checklists", "validate", "mini.yaml", cwd=folder)
    assert r.code == 2 and r.err.startswith("mini.yaml:5:"), r.err


# --- 9. notes over the size the loader refuses ----------------------------------------------


def test_9_a_huge_piped_note_is_refused_before_saving(folder: Path) -> None:
    audit = write(folder / "acme.yaml", audit_text(""))
    r = piped(folder, "run", "acme.yaml", data=b"3\nok\ny\n" + b"x" * 11_000_000 + b"\n")
    assert r.returncode == 2
    assert r.stderr.decode().strip() == (
        "acme.yaml: A2: a note is at most 10,000 characters; this one has 11,000,000 (input line 4); "
        "the answers before it are saved"
    )
    assert load_audit(audit).audit.answers["A1"].note == "ok"


def test_9_a_huge_text_answer_is_refused_on_a_terminal_and_asked_again(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text("A1: {value: 3}\nA2: {value: no}\nB1: {value: never}\nB2: {value: 3}"))
    asker = ScriptedAsker(["x" * 10_001, "short", "", "q"])
    run_interview(RunRequest(path), asker, lambda _: None)
    assert "a text answer is at most 10,000 characters; this one has 10,001" in asker.notices(refused=True)
    assert load_audit(path).audit.answers["B3"].value == "short"


# --- 10. error lines never quote a file the user did not name ---------------------------------


def test_10_a_checklist_path_naming_a_secret_is_not_quoted(cli: Cli, folder: Path) -> None:
    secret = folder / "secret"
    secret.write_text("root:x:0:0:TOPSECRET:/root:/bin/bash\ndaemon:x:1:1:TOPSECRET\n")
    write(folder / "a.yaml", audit_text(FULL, checklist=str(secret)))
    r = cli("score", "a.yaml", cwd=folder)
    assert r.code == 2
    assert "TOPSECRET" not in r.err and "root" not in r.err
    assert r.err.strip() == (
        "a.yaml:2:12: cannot load the checklist: is not a cx-audit checklist (it has no 'format: cx-audit/checklist@1' line)"
    )


def test_10_a_broken_checklist_named_by_the_audit_still_explains_itself(cli: Cli, folder: Path) -> None:
    write(folder / "mini.yaml", MINI_CHECKLIST.replace("weight: 2\n    items", "weight: heavy\n    items"))
    write(folder / "a.yaml", audit_text(FULL))
    r = cli("score", "a.yaml", cwd=folder)
    assert r.code == 2
    assert "mini.yaml:9:13: weight must be a number greater than 0, not 'heavy'" in r.err


def test_10_a_checklist_named_on_the_command_line_is_quoted(cli: Cli, folder: Path) -> None:
    secret = folder / "notes.yaml"
    secret.write_text("just: some notes\n")
    r = cli("checklists", "validate", "notes.yaml", cwd=folder)
    assert r.code == 2 and "unknown key 'just'" in r.err


# --- 11. the branding logo ----------------------------------------------------------------------


def test_11_a_logo_that_is_not_an_image_is_refused(cli: Cli, folder: Path) -> None:
    write(folder / "a.yaml", audit_text(FULL))
    secret = folder / "id_rsa"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    os.symlink(secret, folder / "logo.png")
    (folder / "cx-audit.toml").write_text('[branding]\nlogo = "logo.png"\n', encoding="utf-8")
    r = cli("report", "a.yaml", "--html", "r.html", cwd=folder)
    assert r.code == 2
    assert r.err.strip() == "cx-audit.toml: branding.logo: logo.png is not a PNG image (its first bytes say otherwise)"
    assert "OPENSSH" not in r.err and not (folder / "r.html").exists()


def test_11_a_large_logo_is_refused_without_reading_it_all(cli: Cli, folder: Path) -> None:
    write(folder / "a.yaml", audit_text(FULL))
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 2_000_000)
    (folder / "cx-audit.toml").write_text('[branding]\nlogo = "logo.png"\n', encoding="utf-8")
    r = cli("report", "a.yaml", "--html", "r.html", cwd=folder)
    assert r.code == 2
    assert r.err.strip() == "cx-audit.toml: branding.logo: logo.png is over 1 MB; use a smaller image"


# --- 4 and 10: a questionnaire cannot make import open a local path ---------------------------


@pytest.fixture
def form(cli: Cli, folder: Path) -> Path:
    r = cli("form", "mini.yaml", "-o", "form.xlsx", cwd=folder)
    assert r.code == 0, r.err
    return folder / "form.xlsx"


def set_meta(form: Path, key: str, value: str) -> Path:
    wb = load_workbook(form)
    ws = wb["Meta"]
    for row in ws.iter_rows(max_col=2):
        if row[0].value == key:
            row[1].value = value
            break
    else:
        raise AssertionError(f"no {key} in Meta")
    out = form.with_name("hostile.xlsx")
    wb.save(out)
    return out


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("path", "/dev/zero"),
        ("path", "../outside/secret"),
        ("path", "../outside/secret.yaml"),
        ("checklist", "/dev/zero"),
        ("checklist", "../outside/secret"),
    ],
)
def test_4_10_a_questionnaire_cannot_name_a_local_path(cli: Cli, form: Path, key: str, value: str) -> None:
    outside = form.parent.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret").write_text("TOPSECRET: 1\n")
    (outside / "secret.yaml").write_text("TOPSECRET: 1\n")
    hostile = set_meta(form, key, value)
    started = time.monotonic()
    r = cli("import", hostile.name, "-o", "a.yaml", cwd=form.parent)
    assert time.monotonic() - started < 10
    assert r.code == 2
    assert r.err.startswith("hostile.xlsx: sheet 'Meta' cell B"), r.err
    assert "TOPSECRET" not in r.err and len(r.err.strip().splitlines()) == 1
    assert not (form.parent / "a.yaml").exists()


# --- 12. smaller ones -----------------------------------------------------------------------


def test_12_stale_temporary_files_of_dead_processes_are_removed(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text(""))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = folder / f".acme.yaml.{dead.stdout.strip()}.abc123.tmp"
    stale.write_text("half")
    alive = folder / f".acme.yaml.{os.getpid()}.def456.tmp"
    alive.write_text("being written")
    other = folder / ".acme.yaml.notes.tmp"  # not ours: no process id
    other.write_text("keep")
    asker = ScriptedAsker(["q"])
    run_interview(RunRequest(path), asker, lambda _: None)
    assert not stale.exists()
    assert alive.exists() and other.exists()


def test_12_atomic_writes_name_their_temporary_file_after_the_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from cx_audit.files import atomic

    seen: list[str] = []
    real = tempfile.mkstemp

    def spy(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real(*args, **kwargs)  # type: ignore[call-overload]
        seen.append(os.path.basename(name))
        return fd, name  # type: ignore[no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    atomic.atomic_write_text(tmp_path / "a.yaml", "x: 1\n")
    assert seen and seen[0].startswith(f".a.yaml.{os.getpid()}.") and seen[0].endswith(".tmp")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_12_sigterm_and_sighup_save_like_ctrl_c(folder: Path, sig: signal.Signals) -> None:
    path = write(folder / "acme.yaml", audit_text(""))
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cx_audit", "run", "acme.yaml"],
        cwd=folder,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"3\nfirst\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 20
    seen = b""
    while b"A2" not in seen and time.monotonic() < deadline:
        seen += os.read(proc.stdout.fileno(), 4096)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert b"Interrupted; every answer is saved" in seen + out
    assert load_audit(path).audit.answers["A1"].note == "first"
    assert not list(folder.glob(".acme.yaml.*.tmp")) and not (folder / "acme.yaml.lock").exists()


def test_12_user_data_is_created_exclusively(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"

    def render() -> str:  # another process creates the file between the check and the write
        target.write_text("theirs\n")
        return "mine\n"

    with pytest.raises(OutputError, match="already exists; use --force to replace it"):
        write_output(Output(target, "audit", Replace.user_data), render)
    assert target.read_text() == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_12_two_imports_at_once_onto_one_new_path(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    results: list[str] = []
    barrier = threading.Barrier(2)

    def one(text: str) -> None:
        def render() -> str:
            barrier.wait()
            return text

        try:
            write_output(Output(target, "audit", Replace.user_data), render)
            results.append("ok")
        except OutputError:
            results.append("refused")

    threads = [threading.Thread(target=one, args=(t,)) for t in ("one\n", "two\n")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert target.read_text() in ("one\n", "two\n")


def test_12_force_still_replaces_user_data(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    write_output(Output(target, "audit", Replace.user_data), "new\n", force=True)
    assert target.read_text() == "new\n"


def test_12_an_import_error_does_not_echo_a_whole_cell(cli: Cli, form: Path) -> None:
    wb = load_workbook(form)
    ws = wb["Questionnaire"]
    row = next(r[0].row for r in ws.iter_rows(min_row=9, max_col=1) if r[0].value == "A1")
    ws[f"C{row}"] = "z" * 32_767
    wb.save(form.with_name("filled.xlsx"))
    r = cli("import", "filled.xlsx", "-o", "a.yaml", cwd=form.parent)
    assert r.code == 2
    assert len(r.err.strip()) < 300, r.err[:300]
    assert r.err.startswith(f"filled.xlsx: sheet 'Questionnaire' cell C{row}: A1: 'zzzz")


def test_12_excel_escapes_in_cells_are_kept_as_text(cli: Cli, folder: Path) -> None:
    write(folder / "a.yaml", audit_text(FULL.replace("Only one person could say it", "_x0041_ and _X263A_")))
    r = cli("report", "a.yaml", "--xlsx", "a.xlsx", cwd=folder)
    assert r.code == 0, r.err
    with zipfile.ZipFile(folder / "a.xlsx") as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml"))
    assert "_x005F_x0041_ and _X263A_" in xml  # only a lowercase x is Excel's escape
    from cx_audit.excel.cells import excel_value

    assert excel_value("_x0041_") == "_x005F_x0041_"
    assert excel_value("a_x00_b") == "a_x00_b"


def test_12_a_base_60_number_is_refused(cli: Cli, folder: Path) -> None:
    write(folder / "a.yaml", audit_text(FULL.replace("B2: {value: 10}", "B2: {value: 12:30}")))
    r = cli("score", "a.yaml", cwd=folder)
    assert r.code == 2
    assert r.err.strip() == (
        "a.yaml:12:15: '12:30' is a base-60 number in YAML 1.1 (read as 750); "
        "write the number in decimal, or put it in quotes if it is text"
    )


# --- 13. seen in review -----------------------------------------------------------------------


def test_13_the_interview_shows_the_checklist_description(folder: Path) -> None:
    path = write(folder / "acme.yaml", audit_text(""))
    asker = ScriptedAsker(["q"])
    run_interview(RunRequest(path), asker, lambda _: None)
    assert asker.of(Welcome)[0].description == "Small enough to score by hand."
    r = piped(folder, "run", "acme.yaml", data=b"q\n")
    assert "Small enough to score by hand." in r.stdout.decode()


def test_13_next_commands_are_not_wrapped(folder: Path) -> None:
    name = "a-rather-long-audit-file-name-for-the-northgate-branch-2026.yaml"
    write(folder / name, audit_text(""))
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    r = subprocess.run(
        [sys.executable, "-m", "cx_audit", "run", name],
        cwd=folder,
        input=b"q\n",
        capture_output=True,
        env=env,
        timeout=30,
    )
    out = r.stdout.decode()
    html = name.replace(".yaml", "-report.html")
    assert any(line.strip().startswith("cx-audit report") and html in line for line in out.splitlines()), out
