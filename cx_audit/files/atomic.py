"""Writing files safely: atomic replacement, and never overwriting a user's data by accident.

Every write is flushed to the disk (``fsync`` of the file, then of its folder) before it
counts as done. ``CX_AUDIT_NO_FSYNC=1`` skips those two calls and nothing else: the test
suite sets it (tests/conftest.py), since waiting on the disk was most of its time; the
tests of durability unset it. Never set it for real work.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cx_audit.errors import OutputError


def _explain(path: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if not path.parent.exists():
        return f"{path}: cannot write: folder {path.parent} does not exist"
    if path.is_dir():
        return f"{path}: cannot write: it is a folder"
    return f"{path}: cannot write: {reason}"


def atomic_write_bytes(path: Path, data: bytes, replace: bool = True) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new, never half.

    Write to a temporary file in the same folder, flush, fsync, then rename over the
    target; the target's permissions are kept. On any failure the temporary file is
    removed and the old file is left untouched.

    ``replace=False`` creates the file exclusively instead: the finished temporary file
    is hard-linked to the name, which fails if the name exists, so of two processes
    writing the same new path at once exactly one succeeds; the other gets
    :class:`FileExistsError` and changes nothing.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: cannot write: it is a folder")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: cannot write: folder {path.parent} does not exist")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{temp_prefix(path)}{os.getpid()}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _fsync(fh.fileno())
        if mode is not None and replace:
            os.chmod(tmp_name, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        if replace:
            os.replace(tmp_name, path)
            tmp_name = None
        else:
            _create(tmp_name, path, data)
        _fsync_dir(path.parent)
    except FileExistsError:
        raise
    except OSError as exc:
        raise OutputError(_explain(path, exc)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _create(tmp_name: str, path: Path, data: bytes) -> None:
    """Give the finished temporary file its name, failing (FileExistsError) if the name is taken."""
    try:
        os.link(tmp_name, path)
        return
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: create the name exclusively and write it
        pass
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def temp_prefix(path: Path) -> str:
    """Temporary files are ``.NAME.PID.RANDOM.tmp``: the process id tells a stale one."""
    return f".{path.name}."


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove temporary files of ``path`` left by processes that are gone (kill -9, a power cut).

    Only names of the form ``.NAME.PID.RANDOM.tmp`` whose process no longer runs are
    removed; anything else is left alone. Returns what was removed.
    """
    removed: list[Path] = []
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid, _, rest = name[len(prefix) : -len(".tmp")].partition(".")
        if not (pid.isdigit() and rest) or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(path.parent / name)
            removed.append(path.parent / name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # pragma: no cover - no cheap check: keep the file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


NO_FSYNC = "CX_AUDIT_NO_FSYNC"


def durable() -> bool:
    """False only when ``CX_AUDIT_NO_FSYNC=1`` (the test suite); read at every write."""
    return os.environ.get(NO_FSYNC) != "1"


def _fsync(fd: int) -> None:
    if durable():
        os.fsync(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix" or not durable():
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
