"""Progress for long work: a rich bar on stderr when it is a terminal, else nothing."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Below this many steps the work is too quick for a bar to be worth drawing.
MIN_STEPS = 50


def track(seq: Sequence[T], what: str) -> Iterator[T]:
    if len(seq) < MIN_STEPS or not sys.stderr.isatty():
        yield from seq
        return
    from rich.console import Console
    from rich.progress import track as rich_track

    yield from rich_track(seq, description=what, console=Console(stderr=True), transient=True)
