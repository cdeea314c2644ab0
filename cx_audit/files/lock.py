"""An OS lock on ``AUDIT.yaml.lock`` while a command (an interview, an `--into`) has the audit open.

The lock is an advisory ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) on a small
file next to the audit, taken without waiting. The kernel drops it when the process
ends, even after ``kill -9``; a lock file left behind by a killed process is simply
locked again by the next interview. Where neither mechanism exists the interview
runs unlocked rather than not at all.

The lock file is opened without following a symbolic link (``O_NOFOLLOW``) and must be
a regular file with one name holding nothing but a process id: a link or a FIFO planted
as ``AUDIT.yaml.lock`` (a shared folder, a commit) is refused (exit 2) rather than
emptied. The caller locks the audit's real path (links resolved), so two names of one
file share one lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path
from types import TracebackType

from cx_audit.errors import InputError, LockedError, OutputError


def lock_path(audit_path: Path) -> Path:
    return audit_path.with_name(audit_path.name + ".lock")


class AuditLock:
    """``with AuditLock(path):`` holds the lock, or raises LockedError at once."""

    def __init__(self, audit_path: Path, shown: str | None = None) -> None:
        self.audit_path = audit_path
        self.path = lock_path(audit_path)
        self.shown = shown or str(audit_path)
        same = os.path.realpath(self.shown) == os.path.realpath(audit_path)
        self.shown_lock = str(lock_path(Path(self.shown))) if same and not Path(self.shown).is_symlink() else str(self.path)
        self._fd: int | None = None

    def acquire(self) -> None:
        for _ in range(10):  # retried only if another process removed the file meanwhile
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            try:
                fd = os.open(self.path, flags, 0o644)
            except OSError as exc:
                if exc.errno == errno.ELOOP or self.path.is_symlink():
                    raise InputError.single(
                        self.shown_lock, "the lock file is a symbolic link, not a regular file; remove it and try again"
                    ) from None
                raise OutputError(f"{self.path}: cannot create the lock file: {exc.strerror or exc}") from None
            self._check(fd)
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

    def _check(self, fd: int) -> None:
        """A regular file with one name, holding at most a process id; else refused, untouched."""
        st = os.fstat(fd)
        problem = ""
        if not stat.S_ISREG(st.st_mode):
            problem = "the lock file is not a regular file (a device, pipe or socket)"
        elif st.st_nlink > 1:
            problem = "the lock file has other names (hard links)"
        elif st.st_size > 32 or not _read_all(fd).strip().isdigit() and st.st_size:
            problem = "the lock file holds other data than a process id"
        if problem:
            os.close(fd)
            raise InputError.single(self.shown_lock, f"{problem}; remove it and try again")

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
        a, b = os.fstat(fd), os.lstat(path)
    except OSError:
        return False
    if sys.platform == "win32":  # pragma: no cover - inode numbers are not reliable there
        return True
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _read_all(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 64).decode("ascii", "replace")
    except OSError:
        return ""


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
