"""Evidence attached to answers: the `evidence` list, checked on load and written back.

```yaml
answers:
  OC2:
    value: 2
    evidence:                      # paths relative to the audit file
      - {path: evidence/brochure.jpg, sha256: <hex>, caption: Brochure, page 2}
```

A file attached from outside the audit's folder is copied into its `evidence/` folder
(:func:`copy_in`, :func:`collect`); older audits may still refer to files outside it.
On load, a missing file is an input error at its line; a file whose sha256 no longer
matches the one recorded is a warning, and so is a path that leaves the audit's folder
(``..`` or absolute). :func:`read_evidence` works on any answer mapping (an item's
answer or a respondent's response) so that every kind of answer reads its evidence the
same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cx_audit.errors import Problem
from cx_audit.files.checks import Checker, Path_, describe
from cx_audit.files.userfile import file_sha256
from cx_audit.files.values import ValueRefused
from cx_audit.model import Evidence

EVIDENCE_KEYS = ("path", "sha256", "caption")
SHA256_RE = re.compile(r"[0-9a-fA-F]{64}\Z")


def leaves_folder(path: str) -> bool:
    """True when a stored evidence path is absolute or climbs out of the audit's folder."""
    p = Path(path)
    if p.is_absolute() or Path(os.path.normpath(path)).is_absolute():
        return True
    parts = Path(os.path.normpath(path)).parts
    return bool(parts) and parts[0] == ".."


def links_out(file: Path, folder: Path) -> Path | None:
    """The real file when a path inside ``folder`` is, or passes through, a symbolic link that leads out of it."""
    try:
        real, home = file.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a link loop: reading it failed before this
        return None
    return None if real.is_relative_to(home) else real


def read_evidence(checker: Checker, answer: dict[Any, Any], where: Path_, owner: str, warnings: list[Problem]) -> list[Evidence]:
    """The ``evidence`` list of one answer mapping, checked; problems go to ``checker``.

    ``where`` is the YAML path of the answer mapping, ``owner`` names it in messages
    (an item id such as ``OC2``). Warnings (changed file, path outside the audit's
    folder) are appended to ``warnings`` as positioned Problems.
    """
    raw = answer.get("evidence")
    if raw is None:
        return []
    at: Path_ = (*where, "evidence")
    if not isinstance(raw, list):
        checker.error(at, f"{owner}: evidence must be a list of {{path, sha256, caption}}, not {describe(raw)}")
        return []
    base = checker.source.path.parent
    found: list[Evidence] = []
    for k, entry in enumerate(raw):
        here: Path_ = (*at, k)
        if isinstance(entry, str):
            entry = {"path": entry}  # shorthand: `- evidence/photo.jpg`
        m = checker.mapping(entry, here, f"{owner}: an evidence entry")
        if m is None:
            continue
        checker.keys(m, here, EVIDENCE_KEYS, ("path",), "evidence")
        path = checker.string(m, "path", here, required=True)
        sha = checker.string(m, "sha256", here)
        caption = checker.string(m, "caption", here)
        if sha and not SHA256_RE.match(sha):
            checker.error((*here, "sha256"), f"{owner}: sha256 must be 64 hex digits, not {describe(sha)}")
            sha = ""
        if not path.strip():
            continue
        ev = Evidence(path=path, sha256=sha.lower(), caption=caption)
        file = Path(path) if Path(path).is_absolute() else base / path
        if not file.is_file():
            what = "is a folder, not a file" if file.is_dir() else "not found"
            checker.error((*here, "path"), f"{owner}: evidence file {path} {what} (looked for {file})")
            continue
        try:
            ev.digest = file_sha256(file)
        except OSError as exc:
            checker.error((*here, "path"), f"{owner}: cannot read evidence file {path}: {exc.strerror or exc}")
            continue
        ev.file = file
        if leaves_folder(path):
            warnings.append(checker.source.problem((*here, "path"), f"{owner}: evidence {path} is outside the audit's folder"))
        else:
            real = links_out(file, base)
            if real is not None:
                message = f"{owner}: evidence {path} is outside the audit's folder (it links to {real})"
                warnings.append(checker.source.problem((*here, "path"), message))
        if ev.sha256 and ev.sha256 != ev.digest:
            warnings.append(
                checker.source.problem(
                    (*here, "sha256"),
                    f"{owner}: evidence {path} has changed since it was attached (sha256 differs)",
                )
            )
        found.append(ev)
    return found


def evidence_data(evidence: list[Evidence]) -> list[dict[str, str]]:
    """The ``evidence`` list as written to the audit file."""
    out = []
    for ev in evidence:
        entry = {"path": ev.path}
        if ev.sha256:
            entry["sha256"] = ev.sha256
        if ev.caption:
            entry["caption"] = ev.caption
        out.append(entry)
    return out


# --- attaching (the interview's `e PATH [caption]`) ---------------------------------------


def split_attach(arg: str) -> tuple[str, str]:
    """``PATH [caption]`` as typed: PATH in quotes if it has spaces; the rest is the caption."""
    text = arg.strip()
    if text[:1] in ("'", '"'):
        end = text.find(text[0], 1)
        if end < 0:
            raise ValueRefused(f"the path has no closing {text[0]}")
        return text[1:end], text[end + 1 :].strip()
    path, _, caption = text.partition(" ")
    if "\t" in path:
        path, _, more = path.partition("\t")
        caption = (more + " " + caption).strip()
    return path, caption.strip()


def attach(typed: str, caption: str, start: Path, audit_path: Path) -> tuple[Evidence, list[str]]:
    """Evidence for a file named as typed (relative to ``start``), stored relative to the audit.

    A file inside the audit's folder is referenced where it is (it travels with the
    folder); a file outside it is copied into the audit's ``evidence/`` folder under a
    content-addressed name, its original name the caption unless one is given (SPEC
    Part 3: evidence travels with the audit). Raises :class:`ValueRefused` when the file
    does not exist; returns the notes to show.
    """
    if not typed:
        raise ValueRefused("e needs a file: e PATH [caption]; e alone lists this item's evidence")
    file = Path(os.path.expanduser(typed))
    if not file.is_absolute():
        file = start / file
    if file.is_dir():
        raise ValueRefused(f"{typed} is a folder, not a file")
    if not file.is_file():
        raise ValueRefused(f"no such file: {typed}")
    try:
        digest = file_sha256(file)
    except OSError as exc:
        raise ValueRefused(f"cannot read {typed}: {exc.strerror or exc}") from None
    folder = audit_path.resolve().parent
    try:
        stored = Path(os.path.relpath(file.resolve(), folder)).as_posix()
    except ValueError:  # another drive (Windows)
        stored = file.resolve().as_posix()
    if leaves_folder(stored):  # it would not travel with the audit: a copy goes into its evidence/ folder
        from cx_audit.errors import CxAuditError

        try:
            copied = copy_in(file, audit_path, typed, caption)
        except CxAuditError as exc:
            raise ValueRefused(str(exc)) from None
        return copied, [f"{stored} is outside the audit's folder: copied in as {copied.path}"]
    return Evidence(path=stored, sha256=digest, caption=caption, file=file, digest=digest), []


# --- copying into the audit's folder (evidence travels with the audit) --------------------

EVIDENCE_FOLDER = "evidence"
MAX_EVIDENCE_BYTES = 200_000_000  # a phone video is the largest a consultant attaches
_SAFE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}\Z")


def stored_name(digest: str, original: str) -> str:
    """The content-addressed name of a copied file: the first 16 hex digits of its sha256
    and the original's suffix (`evidence/3f9a0c1be24d7a55.jpg`): the same file attached
    twice is stored once, and two files of one name never overwrite each other."""
    m = _SAFE_SUFFIX.search(original)
    return f"{EVIDENCE_FOLDER}/{digest[:16]}{m.group(0).lower() if m else ''}"


def copy_in(file: Path, audit_path: Path, shown: str, caption: str = "") -> Evidence:
    """Copy ``file`` into the audit's ``evidence/`` folder; the evidence entry referring to the copy.

    The copy is written atomically (a temporary file renamed into place); a file of that
    content already there is kept. The caption defaults to the original file name.
    Raises InputError (regular files only, at most :data:`MAX_EVIDENCE_BYTES`).
    """
    from cx_audit.errors import InputError
    from cx_audit.files.userfile import open_regular

    os.close(open_regular(file, shown))
    size = file.stat().st_size
    if size > MAX_EVIDENCE_BYTES:
        raise InputError.single(
            shown, f"file is {size / 1e6:.0f} MB; evidence files over {MAX_EVIDENCE_BYTES // 1_000_000} MB are refused"
        )
    digest = file_sha256(file)
    name = stored_name(digest, file.name)
    target = audit_path.resolve().parent / name
    if not (target.is_file() and file_sha256(target) == digest):
        _copy_atomically(file, target)
    return Evidence(path=name, sha256=digest, caption=caption or file.name, file=target, digest=digest)


def _copy_atomically(source: Path, target: Path) -> None:
    import contextlib
    import shutil
    import tempfile

    from cx_audit.errors import OutputError

    try:
        target.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cx-audit-copy.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot copy evidence: {exc.strerror or exc}") from None


def collect(answers: Iterable[Any], audit_path: Path) -> list[tuple[str, str]]:
    """Copy every evidence file outside the audit's folder into its ``evidence/`` folder and
    point the entry at the copy (``answers``: the audit's Answers). Returns (old path, new path) pairs.

    The recorded sha256 is kept (a file changed since it was attached still says so); an
    entry without a caption gets the original file name.
    """
    moved: list[tuple[str, str]] = []
    for answer in answers:
        for entry in [answer, *answer.responses.values()]:
            for k, ev in enumerate(entry.evidence):
                if not leaves_folder(ev.path) or ev.file is None:
                    continue
                copied = copy_in(ev.file, audit_path, ev.path, ev.caption)
                copied.sha256 = ev.sha256 or copied.sha256
                entry.evidence[k] = copied
                moved.append((ev.path, copied.path))
    return moved
