"""The one writer for every file a command produces.

Every report, export, questionnaire and imported audit goes through :func:`write_output`:

- ``-`` means stdout, for text formats only;
- the folder must exist (one clear line otherwise; nothing is created behind the user's back);
- an output that is the same file as one of the command's inputs is refused, whatever
  the path looks like (resolved paths and inodes are compared);
- files that hold a user's work (:attr:`Replace.user_data`) are never replaced without
  ``--force``, and are created exclusively (of two commands writing one new path at
  once, one succeeds and the other is refused); generated reports (:attr:`Replace.report`) are replaced atomically;
- the caller is told what to show the user: ``Wrote <what> to <path>``.

:func:`check_output` runs the same checks before anything is rendered, so a command
with several outputs fails before it writes the first one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from cx_audit.errors import OutputError
from cx_audit.files.atomic import atomic_write_bytes

STDOUT = "-"


class Replace(Enum):
    """What may happen to an existing file at the output path."""

    report = "report"  # regenerated output: replaced atomically
    user_data = "user_data"  # a user's work: replaced only with --force


@dataclass(frozen=True)
class Output:
    path: Path
    what: str  # "HTML report", "JSON", "questionnaire for cx-essentials 2.0.0"
    replace: Replace = Replace.report
    text: bool = True  # may go to stdout as `-`
    shown: str = ""  # the name in messages when not the path (an audit written through its link's target)

    @property
    def to_stdout(self) -> bool:
        return str(self.path) == STDOUT


def check_output(out: Output, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Raise :class:`OutputError` if ``out`` cannot or must not be written."""
    if out.to_stdout:
        if not out.text:
            raise OutputError(f"-: cannot write the {out.what} to standard output; give a file name")
        return
    path = Path(out.path)
    name = out.shown or str(path)
    if path.is_dir():
        raise OutputError(f"{name}: cannot write: it is a folder")
    if not path.parent.is_dir():
        raise OutputError(f"{name}: cannot write: folder {path.parent} does not exist")
    for source in inputs:
        if same_file(path, Path(source)):
            raise OutputError(f"{name}: is also an input of this command ({source}); choose another output path")
    if out.replace is Replace.user_data and (path.exists() or path.is_symlink()) and not force:
        raise OutputError(f"{name}: already exists; use --force to replace it")


def same_file(a: Path, b: Path) -> bool:
    """True when two paths name one file: equal once resolved, or the same inode."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):
        pass
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_output(
    out: Output,
    content: str | bytes | Callable[[], str | bytes],
    force: bool = False,
    inputs: Iterable[Path] = (),
) -> str | None:
    """Check, then write ``content`` (or what the callable renders); return the line to tell the user.

    Rendering happens after the checks, so a refused output costs nothing. Nothing is
    returned for stdout (the output speaks for itself).
    """
    check_output(out, force, inputs)
    data = content() if callable(content) else content
    if out.to_stdout:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        sys.stdout.flush()
        return None
    exclusive = out.replace is Replace.user_data and not force
    try:
        atomic_write_bytes(Path(out.path), data.encode("utf-8") if isinstance(data, str) else data, replace=not exclusive)
    except FileExistsError:  # created by someone else since the check: theirs stays
        raise OutputError(f"{out.path}: already exists; use --force to replace it") from None
    return f"Wrote {out.what} to {out.shown or out.path}"
