"""The one way to change an audit file that exists: lock, comment check, load, change, validate, write.

Every command that rewrites an audit does it in :func:`edit_audit`::

    from cx_audit.files.edit import edit_audit

    with edit_audit(path, what="action tracking", inputs=[workbook]) as edit:
        # locked (a symlinked audit is locked and written as its target); refused (InputError,
        # nothing written) if comments below the top comment block would be lost; loaded
        for w in edit.warnings:  # the audit's loading warnings (Problem.as_warning())
            ...
        edit.audit.actions = new_actions  # change edit.audit in memory; edit.checklist is its checklist
        edit.what = "..."  # optional: the words of the "Wrote ... to ..." line, once known
    err(edit.wrote)  # "Wrote action tracking to PATH"; None when nothing was written

Leaving the block normally dumps the audit, checks that the new text loads as an audit again,
and writes it (the top comment block above it) atomically through the one output writer
(:func:`cx_audit.files.output.write_output`); then the lock is released. An exception in the
block writes nothing; so does ``edit.cancel()``. Options: ``shown`` (the name in messages;
default the path as given), ``checklist`` (a checklist override, as ``load_audit``),
``drops`` (how the comment refusal ends, after "has comments on line N "), ``missing``
(the message when there is no such file), ``inputs`` (files of the command that must not be
the audit).

The interview, which may create the audit, asks before dropping comments and saves after
every answer, uses the level below: ``with open_audit(path) as f:`` (locked, stale temporary
files removed), ``f.exists()``, ``f.load()`` (sets ``f.comments`` and ``f.header``),
``f.save(text)`` (writes ``f.header + text``). No other module locks or writes an audit
(``tests/test_edit_audit.py`` checks it).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cx_audit.errors import InputError, OutputError, Problem
from cx_audit.files.atomic import remove_stale_temps
from cx_audit.files.audit import LoadedAudit, dump_audit, read_audit
from cx_audit.files.comments import REWRITE_DROPS, Comments, find_comments
from cx_audit.files.lock import AuditLock
from cx_audit.files.output import Output, Replace, write_output
from cx_audit.files.yamlio import load, parse
from cx_audit.model import Audit, Checklist

__all__ = ["REWRITE_DROPS", "AuditEdit", "AuditFile", "edit_audit", "open_audit"]


class AuditFile:
    """An audit file held under its lock: what :func:`open_audit` yields."""

    def __init__(self, path: Path, shown: str | None = None) -> None:
        self.path = Path(path)  # as given: loaded through it, so relative checklist paths resolve as always
        self.shown = shown or str(path)
        # Saved to (and locked as) the file a symbolic link points to: the link stays a
        # link and two names of one audit share one lock.
        self.target = Path(os.path.realpath(self.path))
        self.comments = Comments("", ())
        self.header = ""  # the top comment block, written back above every save

    def exists(self) -> bool:
        return self.path.exists()

    def load(self, checklist: str | None = None) -> LoadedAudit:
        """Load the audit (an InputError when it is broken) and find its comments, from one read."""
        source = load(self.path, self.shown)
        loaded = read_audit(source, checklist)
        self.comments = find_comments(source.text)
        self.header = self.comments.header
        return loaded

    def save(self, text: str, what: str = "audit", inputs: Iterable[Path] = ()) -> str | None:
        """Write ``header + text`` atomically over the audit; return the line to tell the user."""
        out = Output(self.target, what, Replace.report, shown=self.shown)
        return write_output(out, self.header + text, force=True, inputs=inputs)


@contextlib.contextmanager
def open_audit(path: Path, shown: str | None = None) -> Iterator[AuditFile]:
    """The audit at ``path`` locked (LockedError at once if another command has it), for loading and saving."""
    file = AuditFile(path, shown)
    with AuditLock(file.target, file.shown):
        remove_stale_temps(file.target)
        yield file


@dataclass
class AuditEdit:
    """The audit being changed in :func:`edit_audit`, and afterwards what was written."""

    file: AuditFile
    audit: Audit
    checklist: Checklist
    warnings: list[Problem]
    what: str = "audit"
    inputs: list[Path] = field(default_factory=list)
    wrote: str | None = None  # "Wrote WHAT to PATH" once written
    cancelled: bool = False

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def shown(self) -> str:
        return self.file.shown

    def cancel(self) -> None:
        """Write nothing when the block ends."""
        self.cancelled = True

    def text(self) -> str:
        """The audit's new text, below the top comment block."""
        return dump_audit(self.audit, self.checklist)


@contextlib.contextmanager
def edit_audit(
    path: Path,
    *,
    shown: str | None = None,
    checklist: str | None = None,
    what: str = "audit",
    inputs: Iterable[Path] = (),
    drops: str = REWRITE_DROPS,
    missing: str = "no such audit file",
) -> Iterator[AuditEdit]:
    """Change the audit at ``path`` in memory and write it back as one transaction (see the module)."""
    shown = shown or str(path)
    if not Path(path).is_file():
        raise InputError.single(shown, missing)
    with open_audit(path, shown) as file:
        loaded = file.load(checklist)
        if file.comments.lines:
            raise InputError.single(shown, f"has comments on {file.comments.describe()} {drops}")
        edit = AuditEdit(file, loaded.audit, loaded.checklist, list(loaded.warnings), what, list(inputs))
        yield edit
        if edit.cancelled:
            return
        text = edit.text()
        _validate(text, file, checklist)
        edit.wrote = file.save(text, edit.what, edit.inputs)


def _validate(text: str, file: AuditFile, checklist: str | None) -> None:
    """The new text must load as an audit again; if not, that is a bug and nothing is written."""
    try:
        read_audit(parse(text, file.path, file.shown), checklist)
    except InputError as exc:
        raise OutputError(
            f"{file.shown}: not written: the changed audit would not load again ({exc.problems[0].message}); "
            "this is a bug, the file is unchanged"
        ) from None
