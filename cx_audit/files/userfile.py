"""Reading a file a user named: regular files only, never more than the limit plus one byte.

Every reader of a user's file goes through :func:`read_user_file`: audits and checklists
(via :mod:`cx_audit.files.yamlio`), the branding file and its logo, the questionnaire.
``/dev/zero``, ``/dev/urandom``, a FIFO or ``<(yes)`` is refused at once (exit 2) rather
than read until memory runs out or waited on forever: the file is opened without
blocking, checked with ``fstat`` on the descriptor that is then read (so it cannot be
swapped between the check and the read), and at most ``limit + 1`` bytes are read, so a
file that grows meanwhile is refused too.

Messages name the file and say what is wrong with it; they never quote its contents.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from cx_audit.errors import InputError

NOT_REGULAR = "is not a regular file (a device, pipe or socket)"


def open_regular(path: Path, shown: str) -> int:
    """A descriptor open for reading on a regular file, or an :class:`InputError`.

    Opened without blocking (a FIFO with no writer would wait forever otherwise), then
    checked with ``fstat`` on that descriptor.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError.single(shown, "no such file") from None
    except IsADirectoryError:
        raise InputError.single(shown, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError.single(shown, f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
    except OSError as exc:  # pragma: no cover - fstat on an open descriptor does not fail
        os.close(fd)
        raise InputError.single(shown, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        os.close(fd)
        raise InputError.single(shown, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise InputError.single(shown, NOT_REGULAR + "; give a file")
    return fd


def read_user_file(path: Path, shown: str | None = None, limit: int = 10 * 1024 * 1024) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is an :class:`InputError`."""
    shown = shown or str(path)
    fd = open_regular(Path(path), shown)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise InputError.single(shown, _too_big(size, limit))
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(limit + 1 - got, max(size + 1 - got, 1 << 16)))  # usually one read
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise InputError.single(shown, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if got > limit:
        raise InputError.single(shown, _too_big(got, limit))
    return b"".join(chunks)


def _too_big(size: int, limit: int) -> str:
    if limit >= 1_000_000:
        return f"file is {size / 1e6:.1f} MB; files over {limit // 1_000_000} MB are refused"
    return f"file is over the limit of {limit:,} bytes"


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file, read in 1 MiB chunks (evidence files and survey exports can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
