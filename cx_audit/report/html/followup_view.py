"""The HTML report's "Since the last visit": the baseline's actions, followed up."""

from __future__ import annotations

from dataclasses import dataclass

from cx_audit.scoring.compare import Comparison
from cx_audit.scoring.followup import FollowUp
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


def followup_rows(c: Comparison, linked: bool = True, most: int = 10) -> tuple[tuple[FollowUpRow, ...], str]:
    """The compact table: the tracked actions whose items improved most and fell most (``most``
    each at most), then any action marked done whose item did not improve; and the rest
    counted ("12 more: 5 unchanged, 7 not scored"). Nothing when the baseline tracks no
    actions: an audit without `actions` renders as before."""
    from cx_audit.scoring.followup import IMPROVED, WORSE
    from cx_audit.wording import join_words, plural

    if not c.tracks_actions:
        return (), ""

    def gain(f: FollowUp) -> float:
        return (f.current or 0.0) - f.baseline

    up = sorted((f for f in c.followup if f.change == IMPROVED), key=lambda f: (-gain(f), f.item.index))[:most]
    down = sorted((f for f in c.followup if f.change == WORSE), key=lambda f: (gain(f), f.item.index))[:most]
    shown_ids = {f.item.id for f in (*up, *down)}
    flagged = [f for f in c.followup if f.flagged and f.item.id not in shown_ids]
    chosen = [*up, *down, *flagged]
    ids = {f.item.id for f in chosen}
    rest: dict[str, int] = {}
    for f in c.followup:
        if f.item.id not in ids:
            rest[f.change] = rest.get(f.change, 0) + 1
    more = ""
    if rest:
        n = sum(rest.values())
        kinds = join_words([f"{v} {k}" for k, v in sorted(rest.items(), key=lambda kv: _ORDER.index(kv[0]))])
        more = f"{plural(n, 'more action')} not listed: {kinds}."
    rows = tuple(followup_row(f, linked) for f in chosen)
    return rows, more


def followup_row(f: FollowUp, linked: bool = True) -> FollowUpRow:
    """One baseline action as the report shows it (the deck lists every tracked one)."""
    from cx_audit.files.actions import STATUS_LABELS

    return FollowUpRow(
        id=f.item.id,
        anchor=f"item-{f.item.id}" if linked else "",
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


_ORDER = ("improved", "unchanged", "worse", "not scored")
