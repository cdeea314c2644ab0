"""An OS lock on ``AUDIT.yaml.lock`` while an interview has the audit open.

The lock is an advisory ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) on a small
file next to the audit, taken without waiting. The kernel drops it when the process
ends, even after ``kill -9``; a lock file left behind by a killed process is simply
locked again by the next interview. Where neither mechanism exists the interview
runs unlocked rather than not at all.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from cx_audit.errors import LockedError, OutputError


def lock_path(audit_path: Path) -> Path:
    return audit_path.with_name(audit_path.name + ".lock")


class AuditLock:
    """``with AuditLock(path):`` holds the lock, or raises LockedError at once."""

    def __init__(self, audit_path: Path, shown: str | None = None) -> None:
        self.audit_path = audit_path
        self.path = lock_path(audit_path)
        self.shown = shown or str(audit_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        for _ in range(10):  # retried only if another process removed the file meanwhile
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise OutputError(f"{self.path}: cannot create the lock file: {exc.strerror or exc}") from None
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                who = f" (process {holder})" if holder else ""
                raise LockedError(
                    f"{self.shown}: is open in another interview{who}; finish or quit that one first (q saves and quits)"
                )
            if _same_file(fd, self.path):
                self._fd = fd
                _write_holder(fd)
                return
            os.close(fd)  # locked a file that was unlinked by its previous holder: try again
        raise LockedError(f"{self.shown}: could not lock {self.path}; try again")  # pragma: no cover

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)  # while still holding it, so no one can lock the old file
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> AuditLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    if sys.platform == "win32":  # pragma: no cover - inode numbers are not reliable there
        return True
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def _write_holder(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only

    def _try_lock(fd: int) -> bool:
        try:
            import msvcrt
        except ImportError:
            return True  # no locking available: run unlocked
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:

    def _try_lock(fd: int) -> bool:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - every POSIX Python has it
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:  # e.g. a file system without locks: run unlocked
            return True
        return True

    def _unlock(fd: int) -> None:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
