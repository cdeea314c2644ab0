"""The demo's portfolio: nine fictional kitchen and bathroom businesses the same firm
audited in 2026 on the same checklist and profile, so that the demo's report can show
"How you compare".

Each peer's answers are Brookfield's November answers moved by the peer's own leaning
(stronger or weaker overall) and a small, fixed per-item variation taken from a hash of
the peer's and the item's names: no random numbers, so every run writes the same files.
They carry no notes, no respondents and no evidence. They are written as ordinary audit
files under ``peers/`` in the demo folder and indexed, with Brookfield's three audits,
into the demo's own store ``portfolio.sqlite`` beside them (never the user's default
store).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cx_audit.model import Answer, Checklist, Item, ItemType, ThresholdKind

FOLDER = "peers"
STORE = "portfolio.sqlite"


@dataclass(frozen=True)
class Peer:
    client: str
    site: str
    date: dt.date
    lean: int  # added to every rating: +1 a stronger business, −2 a much weaker one

    @property
    def slug(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.client.lower()).strip("-").replace("--", "-")


PEERS = (
    Peer("Dales Oak Interiors", "Skipton", dt.date(2026, 6, 4), 1),
    Peer("Nidd Valley Kitchens", "Knaresborough", dt.date(2026, 6, 18), 0),
    Peer("Minster Kitchens and Bathrooms", "York", dt.date(2026, 7, 9), -1),
    Peer("Swale Home Studio", "Richmond", dt.date(2026, 7, 23), 0),
    Peer("Wharfe Kitchen Company", "Ilkley", dt.date(2026, 9, 3), 1),
    Peer("Ripon Cabinet Makers", "Ripon", dt.date(2026, 9, 17), -1),
    Peer("Calder Fitted Furniture", "Hebden Bridge", dt.date(2026, 10, 8), 0),
    Peer("Ouse and Foss Kitchens", "Selby", dt.date(2026, 10, 22), -2),
    Peer("Wensley Joinery", "Leyburn", dt.date(2026, 11, 5), 1),
)
AUDITOR = "Helen Marsh"


def peer_paths(folder: Path) -> tuple[Path, ...]:
    return tuple(folder / FOLDER / f"{p.slug}-{p.date:%Y-%m}.yaml" for p in PEERS)


def _nudge(peer: Peer, item_id: str) -> int:
    """−1, 0 or +1, fixed for this peer and item."""
    return hashlib.sha256(f"{peer.client}/{item_id}".encode()).digest()[0] % 3 - 1


def _moved(item: Item, value: object, step: int) -> object:
    if item.type is ItemType.rating and isinstance(value, int) and item.scale is not None:
        return max(item.scale.min, min(item.scale.max, value + step))
    if item.type is ItemType.yesno and isinstance(value, bool):
        return True if step >= 2 else False if step <= -2 else value
    if item.type is ItemType.choice and isinstance(value, str):
        ids = [o.id for o in sorted(item.options, key=lambda o: o.score)]
        k = ids.index(value) if value in ids else 0
        return ids[max(0, min(len(ids) - 1, k + (1 if step > 0 else -1 if step < 0 else 0)))]
    if item.type is ItemType.number and isinstance(value, (int, float)) and not isinstance(value, bool):
        better = 1 if item.threshold_kind is ThresholdKind.min else -1
        moved = round(value * (1 + 0.08 * step * better))
        return max(0, min(100, moved)) if value <= 100 else max(0, moved)
    return value


def peer_answers(peer: Peer, checklist: Checklist, base: dict[str, Answer]) -> dict[str, Answer]:
    """The peer's answers: Brookfield's, each moved by the peer's leaning and the item's nudge."""
    out: dict[str, Answer] = {}
    for item_id, answer in base.items():
        item = checklist.item(item_id)
        if item is None or item.type is ItemType.text:
            continue
        if answer.na:
            out[item_id] = Answer(na=True)
            continue
        value = answer.value
        if value is None and item.type is ItemType.rating and item.scale is not None:
            value = (item.scale.min + item.scale.max) // 2  # a staff statement: the survey's middle answer
        if value is None:
            continue
        out[item_id] = Answer(value=_moved(item, value, peer.lean + _nudge(peer, item_id)))
    return out
