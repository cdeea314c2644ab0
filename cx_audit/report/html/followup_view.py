"""The HTML report's "Since the last visit": the baseline's actions, followed up."""

from __future__ import annotations

from dataclasses import dataclass

from cx_audit.scoring.compare import Comparison
from cx_audit.wording import num


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    anchor: str
    text: str
    status: str  # Open | In progress | Done
    status_css: str  # open | in-progress | done
    owner: str
    due: str
    then: str  # the item's score at the baseline
    now: str  # its score now, or ""
    change: str  # improved | unchanged | worse | not scored | not comparable
    change_css: str
    flagged: bool
    note: str


_TONES = {"improved": "up", "worse": "down", "unchanged": "flat", "not scored": "flat", "not comparable": "flat"}


def followup_rows(c: Comparison) -> tuple[FollowUpRow, ...]:
    """Rows only when the baseline tracks its actions: an audit without `actions` renders as before."""
    from cx_audit.files.actions import STATUS_LABELS

    if not c.tracks_actions:
        return ()
    return tuple(
        FollowUpRow(
            id=f.item.id,
            anchor=f"item-{f.item.id}",
            text=f.item.text,
            status=STATUS_LABELS[f.status],
            status_css=f.status.value,
            owner=f.owner,
            due=f"{f.due.day}\u00a0{f.due:%b}\u00a0{f.due.year}" if f.due else "",  # kept on one line
            then=num(100.0 * f.baseline),
            now=num(100.0 * f.current) if f.current is not None else "",
            change=f.change,
            change_css=_TONES[f.change],
            flagged=f.flagged,
            note=f.action.note,
        )
        for f in c.followup
    )
