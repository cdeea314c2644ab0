"""Several voices on one item: the pooled score, the spread, role scores and perception gaps.

The SPEC's "Several respondents per item": an item's answers are the auditor's own (if
any) and each respondent's; its ``s`` is the plain mean of the ``s`` of its scored
answers. Roles are scored per item (mean 100·s of the role's scored answers) and per
section (the Part 1 section formula over the role's item means); a section's perception
gap is the highest minus the lowest shown role score. Privacy: a role is shown only when
at least ``min_group`` of its respondents answered something, and its score for an item
or section only when at least ``min_group`` of them have a scored answer there. The
auditor counts as one respondent and is always shown.

Nothing here knows a respondent's id once the figures are made: the results hold roles,
counts and numbers only, so no renderer can print an id or a name by mistake.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cx_audit.model import AUDITOR_ROLE, Answer, Audit, Checklist, Item, ItemType, Section
from cx_audit.scoring.rounding import EPS

DIVIDED_RANGE = 50.0  # max − min of 100·s at or above which an item is "divided"


@dataclass(eq=False)
class Spread:
    """An item's answers (100·s each): how many were scored, and how far apart they are."""

    n: int
    mean: float | None
    min: float | None
    max: float | None
    stdev: float | None
    divided: bool


@dataclass(eq=False)
class RoleScores:
    """One shown role: how many of its respondents answered, and its shown scores."""

    role: str
    respondents: int
    sections: dict[str, float | None]  # section id -> score (None: hidden or no scored answer)
    items: dict[str, float | None]  # item id -> score (None: hidden or no scored answer)


@dataclass(eq=False)
class PerceptionGap:
    section: Section
    gap: float
    highest_role: str
    highest: float
    lowest_role: str
    lowest: float


@dataclass(eq=False)
class RoleNote:
    role: str | None  # None: the role is under min_group, so the note is shown without it
    note: str


@dataclass(eq=False)
class Voices:
    min_group: int
    respondents: int  # declared respondents who answered something (the auditor not counted)
    roles: tuple[RoleScores, ...]  # shown roles only, the auditor first
    hidden_roles: int  # roles not shown on their own (their answers still count)
    spreads: dict[str, Spread]  # only items with responses
    gaps: tuple[PerceptionGap, ...]  # largest first; equal gaps in checklist order
    notes: dict[str, tuple[RoleNote, ...]]  # item id -> respondents' notes and text answers, by role then text
    hidden: tuple[tuple[str, int], ...] = ()  # (role, respondents who answered) of each role not shown on its own

    def surveyed(self, sections: tuple[Section, ...]) -> tuple[Section, ...]:
        """The sections some shown role besides the auditor has a score for (else all):
        the rows of the reports' sections × roles tables."""
        voiced = tuple(s for s in sections if any(r.sections.get(s.id) is not None for r in self.roles if r.role != AUDITOR_ROLE))
        return voiced or sections

    @property
    def divided(self) -> tuple[str, ...]:
        return tuple(i for i, sp in self.spreads.items() if sp.divided)


# --- one item -------------------------------------------------------------------------


def answers_of(answer: Answer) -> list[Answer]:
    """The auditor's own answer (if there is one) and every response."""
    own = [answer] if answer.answered else []
    return own + list(answer.responses.values())


def pooled(item: Item, answer: Answer) -> tuple[str, float | None]:
    """The status name (a :class:`~cx_audit.scoring.audit.Status` value) and ``s`` of an
    applicable item that has responses."""
    scored: list[float] = []
    any_answer = any_value = False
    for a in answers_of(answer):
        if a.na:
            any_answer = True
        elif a.value is not None:
            any_answer = any_value = True
            s = item.normalise(a.value)
            if s is not None:
                scored.append(s)
    if not any_answer:
        return "unanswered", None
    if not any_value:
        return "na", None
    if item.type is ItemType.text:
        return "unscored", None
    return "scored", sum(scored) / len(scored)


def spread(values: list[float]) -> Spread:
    """The spread of 100·s values (population standard deviation)."""
    n = len(values)
    if not n:
        return Spread(0, None, None, None, None, False)
    mean = sum(values) / n
    stdev = math.sqrt(sum((v - mean) ** 2 for v in values) / n)
    lo, hi = min(values), max(values)
    return Spread(n, mean, lo, hi, stdev, n >= 2 and hi - lo >= DIVIDED_RANGE - EPS)


# --- the audit ------------------------------------------------------------------------


def score_voices(checklist: Checklist, audit: Audit, applies: Mapping[str, bool]) -> Voices:
    """Spreads, role scores and perception gaps of an audit that declares respondents."""
    min_group = max(1, audit.min_group)
    role_of = {r.id: r.role for r in audit.respondents}
    order = [AUDITOR_ROLE]
    for r in audit.respondents:
        if r.role not in order:
            order.append(r.role)
    answered_by: dict[str, set[str]] = {role: set() for role in order}  # role -> who answered something
    # role -> item id -> [(who, s)] over the role's scored answers
    scored: dict[str, dict[str, list[tuple[str, float]]]] = {role: {} for role in order}
    spreads: dict[str, Spread] = {}
    raw_notes: dict[str, list[tuple[str, str]]] = {}
    for item in checklist.items:
        answer = audit.answers.get(item.id)
        if answer is None or not applies.get(item.id, False):
            continue
        voices: Iterable[tuple[str, str, Answer]] = [(AUDITOR_ROLE, "", answer)] if answer.answered else []
        voices = [*voices, *((role_of.get(rid, ""), rid, a) for rid, a in answer.responses.items())]
        values: list[float] = []
        for role, person, a in voices:
            if not role:
                continue
            if person and item.type is ItemType.text and isinstance(a.value, str) and a.value:
                raw_notes.setdefault(item.id, []).append((role, a.value))  # a text answer is what they said
            if person and a.note:
                raw_notes.setdefault(item.id, []).append((role, a.note))
            if not a.answered:
                continue
            answered_by[role].add(person)
            if a.na or a.value is None:
                continue
            s = item.normalise(a.value)
            if s is None:
                continue
            values.append(100.0 * s)
            scored[role].setdefault(item.id, []).append((person, s))
        if answer.responses and item.type is not ItemType.text:
            spreads[item.id] = spread(values)

    def enough(role: str, who: set[str]) -> bool:
        return bool(who) if role == AUDITOR_ROLE else len(who) >= min_group

    shown_roles = [role for role in order if role == AUDITOR_ROLE or len(answered_by[role]) >= min_group]
    roles: list[RoleScores] = []
    for role in shown_roles:
        by_item = scored[role]
        items: dict[str, float | None] = {}
        sections: dict[str, float | None] = {}
        for section in checklist.sections:
            num = den = 0.0
            who: set[str] = set()
            for item in section.items:
                rows = by_item.get(item.id)
                if not rows:
                    continue
                mean_s = sum(s for _, s in rows) / len(rows)
                people = {w for w, _ in rows}
                who |= people
                items[item.id] = 100.0 * mean_s if enough(role, people) else None
                num += item.weight * mean_s
                den += item.weight
            sections[section.id] = 100.0 * num / den if den and enough(role, who) else None
        respondents = 1 if role == AUDITOR_ROLE else len(answered_by[role])
        roles.append(RoleScores(role, respondents, sections, items))

    rank = {role: k for k, role in enumerate(order)}
    notes = {
        item_id: tuple(
            RoleNote(role if role in shown_roles else None, note)
            for role, note in sorted(rows, key=lambda r: (r[0] not in shown_roles, rank[r[0]], r[1]))
        )
        for item_id, rows in raw_notes.items()
    }
    return Voices(
        min_group=min_group,
        respondents=sum(len(who) for role, who in answered_by.items() if role != AUDITOR_ROLE),
        roles=tuple(roles),
        hidden_roles=len(order) - len(shown_roles),
        spreads=spreads,
        gaps=perception_gaps(checklist, roles),
        notes=notes,
        hidden=tuple((role, len(answered_by[role])) for role in order if role not in shown_roles),
    )


def perception_gaps(checklist: Checklist, roles: list[RoleScores]) -> tuple[PerceptionGap, ...]:
    """Per section over the shown roles with a score: highest − lowest (ties: the role listed first)."""
    gaps: list[PerceptionGap] = []
    for section in checklist.sections:
        scored = [(r.role, r.sections[section.id]) for r in roles if r.sections.get(section.id) is not None]
        if len(scored) < 2:
            continue
        high = low = scored[0]
        for role, score in scored[1:]:
            assert score is not None and high[1] is not None and low[1] is not None
            if score > high[1] + EPS:
                high = (role, score)
            if score < low[1] - EPS:
                low = (role, score)
        assert high[1] is not None and low[1] is not None
        gaps.append(PerceptionGap(section, high[1] - low[1], high[0], high[1], low[0], low[1]))
    index = {s.id: k for k, s in enumerate(checklist.sections)}
    ranked = sorted(gaps, key=lambda g: (-round(g.gap, 9), index[g.section.id]))
    return tuple(ranked)
