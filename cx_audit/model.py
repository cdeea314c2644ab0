"""Plain data: checklists, their items and conditions, audits and their answers.

Everything here is immutable once loaded, except an :class:`Audit`'s answers, which the
interview edits. No I/O and no printing.

The dataclasses are neither frozen nor compared by value (``eq=False``): generating those
methods costs about half a millisecond per class at import, and `cx-audit score` has to
start almost as fast as Typer itself. Treat them as read-only all the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Union

from cx_audit.enums import MetricKind as MetricKind
from cx_audit.enums import TextEnum as TextEnum

CHECKLIST_FORMAT = "cx-audit/checklist@1"
AUDIT_FORMAT = "cx-audit/audit@1"


class ThresholdKind(TextEnum):
    """Which way a number item's thresholds run."""

    min = "min"  # higher is better: the first threshold whose min ≤ the value
    max = "max"  # lower is better: the first threshold whose max ≥ the value


class ConditionOp(TextEnum):
    """The comparison of a leaf condition (`when: {item: ID, is: ...}`)."""

    is_ = "is"
    in_ = "in"
    min = "min"
    max = "max"


class ItemType(str, Enum):
    rating = "rating"
    yesno = "yesno"
    choice = "choice"
    number = "number"
    text = "text"


@dataclass(eq=False)
class Scale:
    min: int
    max: int
    labels: dict[int, str] = field(default_factory=dict)

    def label(self, value: int) -> str:
        return self.labels.get(value, "")


@dataclass(eq=False)
class Option:
    id: str
    label: str
    score: float


@dataclass(eq=False)
class Threshold:
    bound: float
    score: float


@dataclass(eq=False)
class Band:
    min: float
    label: str


DEFAULT_SCALE = Scale(0, 4, {0: "Absent", 1: "Ad hoc", 2: "Defined", 3: "Managed", 4: "Exceeds expectations"})
DEFAULT_BANDS = (Band(85, "Leading"), Band(70, "Established"), Band(50, "Developing"), Band(0, "At risk"))


# --- conditions -------------------------------------------------------------------


@dataclass(eq=False)
class Leaf:
    item: str
    op: ConditionOp
    value: Any


@dataclass(eq=False)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(eq=False)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(eq=False)
class Not:
    condition: Condition


Condition = Union[Leaf, AllOf, AnyOf, Not]


def condition_items(cond: Condition) -> list[str]:
    """Every item id a condition refers to."""
    if isinstance(cond, Leaf):
        return [cond.item]
    if isinstance(cond, Not):
        return condition_items(cond.condition)
    return [i for c in cond.conditions for i in condition_items(c)]


# --- checklist --------------------------------------------------------------------


@dataclass(eq=False)
class Item:
    id: str
    text: str
    type: ItemType
    section: str
    index: int  # position in the whole checklist, 0-based
    weight: float = 1.0
    critical: bool = False
    allow_na: bool = True
    guidance: str = ""
    recommendation: str = ""
    scale: Scale | None = None  # rating items only
    options: tuple[Option, ...] = ()  # choice items only
    thresholds: tuple[Threshold, ...] = ()  # number items only
    threshold_kind: ThresholdKind = ThresholdKind.min
    unit: str = ""
    when: Condition | None = None
    metric: MetricKind | None = None  # number items only: the customer metric it holds

    @property
    def scored(self) -> bool:
        return self.type is not ItemType.text

    def option(self, option_id: str) -> Option | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None

    def normalise(self, value: Any) -> float | None:
        """The score ``s`` in [0, 1] of a valid answer value (None for text items)."""
        if self.type is ItemType.rating:
            assert self.scale is not None
            return float(value - self.scale.min) / (self.scale.max - self.scale.min)
        if self.type is ItemType.yesno:
            return 1.0 if value else 0.0
        if self.type is ItemType.choice:
            opt = self.option(value)
            return opt.score if opt else 0.0
        if self.type is ItemType.number:
            for t in self.thresholds:
                if (value >= t.bound) if self.threshold_kind is ThresholdKind.min else (value <= t.bound):
                    return t.score
            return 0.0
        return None

    def describe_value(self, value: Any) -> str:
        """An answer value as a person reads it: '3 · Managed', 'Yes', an option's label."""
        if value is None:
            return ""
        if self.type is ItemType.rating and self.scale is not None:
            label = self.scale.label(value)
            return f"{value} · {label}" if label else str(value)
        if self.type is ItemType.yesno:
            return "Yes" if value else "No"
        if self.type is ItemType.choice:
            opt = self.option(value)
            return opt.label if opt else str(value)
        if self.type is ItemType.number:
            shown = format_number(value)
            return f"{shown} {self.unit}".strip()
        return str(value)


def format_number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


@dataclass(eq=False)
class Section:
    id: str
    title: str
    weight: float
    description: str
    items: tuple[Item, ...]


@dataclass(eq=False)
class Profile:
    """A sector profile: weights, thresholds and exclusions that recalibrate a checklist."""

    id: str
    title: str
    weights: dict[str, float] = field(default_factory=dict)  # item or section id -> weight
    thresholds: dict[str, tuple[tuple[Threshold, ...], ThresholdKind]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """A version as a sortable key: dotted numbers compare as numbers (1.10.0 > 1.9.0)."""
    import re

    return tuple((0, p.zfill(12)) if p.isdigit() else (1, p) for p in re.split(r"[.\-+]", version))


@dataclass(eq=False)
class Edition:
    """How this checklist's version maps an earlier version of the same id (files/editions.py)."""

    from_version: str
    removed: tuple[str, ...] = ()  # item ids of the earlier version that no longer exist
    changed: tuple[str, ...] = ()  # same id, answers no longer comparable
    items: dict[str, str] = field(default_factory=dict)  # earlier item id -> this version's id
    sections: dict[str, str] = field(default_factory=dict)  # earlier section id -> this version's id


@dataclass(eq=False)
class Checklist:
    id: str
    title: str
    version: str
    description: str
    scale: Scale
    bands: tuple[Band, ...]
    sections: tuple[Section, ...]
    sha256: str
    path: Path | None = None
    builtin: bool = False
    critical_cap: str | None = None  # a band label; None: the lowest band
    profiles: dict[str, Profile] = field(default_factory=dict)
    profile: Profile | None = None  # set on the view a profile makes (files/profiles.py)
    excluded: frozenset[str] = frozenset()  # item ids the profile excludes (not applicable)
    editions: tuple[Edition, ...] = ()  # mappings from earlier versions (files/editions.py)

    def edition(self, from_version: str) -> Edition | None:
        for e in self.editions:
            if e.from_version == from_version:
                return e
        return None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for s in self.sections for i in s.items)

    def item(self, item_id: str) -> Item | None:
        return self._index().get(item_id)

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None

    def _index(self) -> dict[str, Item]:
        cached: dict[str, Item] | None = self.__dict__.get("_item_index")
        if cached is None:
            cached = self.__dict__["_item_index"] = {i.id: i for s in self.sections for i in s.items}
        return cached


# --- audit ------------------------------------------------------------------------


@dataclass(eq=False)
class MetricSource:
    path: str  # relative to the audit file
    sha256: str
    column: str  # the header text


@dataclass(eq=False)
class Metric:
    """The evidence of a metric answer: its counts, interval and source (the value is the answer's)."""

    kind: MetricKind
    n: int
    ci95: tuple[float, float]
    parts: dict[str, int] = field(default_factory=dict)  # nps: promoters/passives/detractors; share: yes/no
    counts: dict[int, int] = field(default_factory=dict)  # csat 1–5, ces 1–7: answer -> how many
    agree: float | None = None  # ces only: % answering 5–7
    source: MetricSource | None = None


@dataclass(eq=False)
class Evidence:
    """A file attached to an answer: referenced by path, never copied."""

    path: str  # as stored: relative to the audit file (or absolute, with a warning)
    sha256: str = ""  # as recorded when attached ("" when the file gave none)
    caption: str = ""
    file: Path | None = None  # where it was found on load; not saved
    digest: str = ""  # the file's sha256 now (computed on load); not saved

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of the file's sha256, as reports list it."""
        return (self.digest or self.sha256)[:12]


@dataclass(eq=False)
class Answer:
    value: Any = None
    na: bool = False
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys, kept on save
    evidence: list[Evidence] = field(default_factory=list)  # files attached to this answer
    metric: Metric | None = None  # a customer metric's evidence (number items with `metric`)
    responses: dict[str, Answer] = field(default_factory=dict)  # respondent id -> their answer
    recommendation: str = ""  # the consultant's own words; replaces the checklist's for this client

    @property
    def answered(self) -> bool:
        """Answered or N/A: the item needs no more attention."""
        return self.na or self.value is not None


AUDITOR_ROLE = "auditor"
DEFAULT_ROLE = "staff"
DEFAULT_MIN_GROUP = 3


@dataclass(eq=False)
class Respondent:
    """Someone other than the auditor who answered items (see scoring/voices.py)."""

    id: str
    role: str = DEFAULT_ROLE
    name: str = ""  # personal data: never printed outside the audit file


@dataclass(eq=False)
class ChecklistRef:
    id: str
    version: str | None = None
    sha256: str | None = None
    path: str | None = None  # relative to the audit file
    plain: bool = False  # written as a plain string in the file


class ActionStatus(TextEnum):
    """Where a tracked action stands (the audit file's words)."""

    open = "open"
    in_progress = "in-progress"
    done = "done"


@dataclass(eq=False)
class Action:
    """The tracking of one action-plan item (`actions: {ID: {owner, due, status, note}}`)."""

    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.open
    note: str = ""


@dataclass(eq=False)
class Waiver:
    """An accepted exception to one item (`exceptions: {ID: {reason, approved_by, expires}}`)."""

    reason: str
    approved_by: str
    expires: dt.date

    def valid_on(self, date: dt.date | None) -> bool:
        """Valid when it expires on or after the audit's date (an undated audit: never)."""
        return date is not None and self.expires >= date


@dataclass(eq=False)
class Audit:
    checklist: ChecklistRef
    client: str = ""
    auditor: str = ""
    date: dt.date | None = None
    site: str = ""
    profile: str | None = None  # a profile id of the checklist
    answers: dict[str, Answer] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys, kept
    respondents: list[Respondent] = field(default_factory=list)
    privacy: dict[str, Any] | None = None  # the `privacy` mapping as in the file (None: absent)
    path: Path | None = None
    actions: dict[str, Action] = field(default_factory=dict)  # item id -> tracking (Part 2)
    exceptions: dict[str, Waiver] = field(default_factory=dict)  # item id -> accepted exception (Part 3)

    @property
    def min_group(self) -> int:
        value = (self.privacy or {}).get("min_group", DEFAULT_MIN_GROUP)
        return value if isinstance(value, int) else DEFAULT_MIN_GROUP

    @property
    def has_voices(self) -> bool:
        """True when the audit declares respondents (Part 2's several voices)."""
        return bool(self.respondents)

    def respondent(self, respondent_id: str) -> Respondent | None:
        for r in self.respondents:
            if r.id == respondent_id:
                return r
        return None

    @property
    def label(self) -> str:
        """How this audit is named among several: its site, else its file name."""
        if self.site:
            return self.site
        if self.path is not None:
            return self.path.stem
        return self.client or "audit"
