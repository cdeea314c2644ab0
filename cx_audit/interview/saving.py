"""Saving the audit after every answer, fast enough for a 200-item audit.

The file written is byte for byte what :func:`cx_audit.files.audit.dump_audit` writes, but an answer's YAML is produced
only when that answer changes: the pure-Python YAML emitter needs ~15 ms for 200
answers, about a third of the 50 ms budget from Enter to the next prompt.

Each answer's text is cut out of ``dump_audit`` of the audit holding that answer
alone, so formatting stays defined in one place. The first save checks the pieced
result against a full ``dump_audit``; if they ever differ (an alias between answers,
say), every later save uses the full dump.

The write itself is :meth:`cx_audit.files.edit.AuditFile.save`, under the audit's lock:
atomic (temporary file in the same folder, flush, fsync, rename, permissions kept), with
the comment block from the top of the file written back above the data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from cx_audit.files.audit import dump_audit
from cx_audit.model import Answer, Audit, Checklist

_EMPTY = "answers: {}\n"
_OPEN = "answers:\n"
_END = "...\n"


class AuditWriter:
    """``writer()`` hands the audit's text to ``save`` (an open audit's ``AuditFile.save``);
    keeps each answer's YAML between saves."""

    def __init__(self, audit: Audit, checklist: Checklist, save: Callable[[str], object]) -> None:
        self.audit = audit
        self.checklist = checklist
        self.save = save
        self.fast = True
        self._checked = False
        self._order = {item.id: item.index for item in checklist.items}
        self._pieces: dict[str, tuple[tuple[object, ...], str]] = {}

    def prime(self) -> None:
        """Prepare every answer's text now, before the first prompt, not after the first answer."""
        self.text()

    def __call__(self) -> None:
        self.save(self.text())

    def text(self) -> str:
        """The file's text (without the header comments)."""
        if self.fast:
            pieced = self._pieced()
            if pieced is not None and self._checked:
                return pieced
            if pieced is not None:
                self._checked = True
                full = dump_audit(self.audit, self.checklist)
                if pieced == full:
                    return pieced
            self.fast = False
        return dump_audit(self.audit, self.checklist)

    def _pieced(self) -> str | None:
        head = self._dump({})
        if not head.endswith(_EMPTY):
            return None
        head = head[: -len(_EMPTY)]
        keys = sorted(self.audit.answers, key=lambda k: self._order.get(k, len(self._order)))
        body = []
        open_ended = False
        for key in keys:
            piece = self._piece(key, self.audit.answers[key], head)
            if piece is None:
                return None
            if piece:
                # A document ending in a `|+` block scalar gets an end marker `...` on a
                # line of its own; within the file that only applies to the last answer.
                # (A note whose last line is "..." is indented, so it is not the marker.)
                open_ended = piece.endswith("\n" + _END)
                body.append(piece[: -len(_END)] if open_ended else piece)
        if not body:
            return head + _EMPTY
        return head + _OPEN + "".join(body) + (_END if open_ended else "")

    def _piece(self, key: str, answer: Answer, head: str) -> str | None:
        signature = (
            type(answer.value),
            repr(answer.value),
            answer.na,
            answer.note,
            repr(answer.extra),
            repr(answer.evidence),
            repr(answer.responses),
            repr(answer.metric),
        )
        cached = self._pieces.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        alone = self._dump({key: answer})
        if alone == head + _EMPTY:
            piece = ""
        elif alone.startswith(head + _OPEN):
            piece = alone[len(head) + len(_OPEN) :]
        else:
            return None
        self._pieces[key] = (signature, piece)
        return piece

    def _dump(self, answers: dict[str, Answer]) -> str:
        return dump_audit(dataclasses.replace(self.audit, answers=answers), self.checklist)
