"""What the interview shows and asks, as plain data, and the small interface that does it.

The interview logic (:mod:`cx_audit.interview.flow`) never prints: it hands messages to
an :class:`Asker` and asks it for lines. :class:`cx_audit.interview.terminal.ConsoleAsker`
draws them with rich; :class:`ScriptedAsker` replays prepared lines for tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar, Union

from cx_audit.model import Answer, Item, Section

# --- what is shown ------------------------------------------------------------------


@dataclass(frozen=True)
class Welcome:
    """The first lines of a session: what is being audited, and where it is saved."""

    checklist_title: str
    client: str
    site: str
    path: str
    new: bool
    review: bool
    answered: int
    applicable: int
    description: str = ""  # the checklist's description, shown under its title


class UnreadableLine(Exception):
    """A line of piped input that is not UTF-8 text (the interview stops, exit 2)."""


@dataclass(frozen=True)
class SectionIntro:
    section: Section
    number: int  # 1-based, among all sections
    total: int
    first_time: bool  # the description is shown only the first time


@dataclass(frozen=True)
class ItemScreen:
    item: Item
    number: int  # 1-based position among the applicable items
    total: int  # applicable items
    answered: int  # applicable items answered or N/A
    section_number: int
    section_total: int
    answer: Answer | None  # the current answer, if any

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


@dataclass(frozen=True)
class Guidance:
    item: Item


@dataclass(frozen=True)
class UnansweredList:
    groups: tuple[tuple[Section, tuple[Item, ...]], ...]  # in checklist order
    skipped: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SectionScore:
    """A section's running score, shown when the interview leaves it."""

    section: Section
    score: float | None  # as displayed (1 decimal); None when not assessed yet
    band: str | None
    answered: int
    applicable: int


@dataclass(frozen=True)
class Accepted:
    """An answer was saved."""

    item: Item
    answer: Answer
    critical: str = ""  # what the answer does to the band when it fails a critical item; '' otherwise


@dataclass(frozen=True)
class Notice:
    text: str
    refused: bool = False  # a value or command that was not accepted


@dataclass(frozen=True)
class Action:
    item: Item
    points_lost: float
    critical: bool
    recommendation: str = ""  # what to do: the answer's own recommendation, else the checklist's


@dataclass(frozen=True)
class Summary:
    overall: float | None  # as displayed
    band: str | None
    completeness: float  # as displayed
    answered: int
    applicable: int
    critical_failures: tuple[Item, ...]
    actions: tuple[Action, ...]  # the top three
    unanswered: tuple[Item, ...]
    path: str
    next_commands: tuple[str, ...] = ()
    finished: bool = False  # every applicable item is answered


Message = Union[Welcome, SectionIntro, ItemScreen, Guidance, UnansweredList, SectionScore, Accepted, Notice, Summary]
M = TypeVar("M", Welcome, SectionIntro, ItemScreen, Guidance, UnansweredList, SectionScore, Accepted, Notice, Summary)


# --- what is asked ------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    kind: str  # "value" | "note" | "fact" | "confirm"
    label: str  # item id for value/note, the fact's name, or the question
    item: Item | None = None
    current: str = ""  # the current note, or the current answer described
    required: bool = False


def value_prompt(item: Item, current: str = "") -> Prompt:
    return Prompt("value", item.id, item, current)


def note_prompt(item: Item, current: str) -> Prompt:
    return Prompt("note", item.id, item, current)


class Asker(Protocol):
    """Shows messages and reads one line per prompt.

    ``interactive`` is true when a person types the answers: a refused value is then
    asked again. With piped input it is false, and a refusal ends the interview.
    ``ask`` raises EOFError at the end of the input.
    """

    @property
    def interactive(self) -> bool: ...

    def show(self, message: Message) -> None: ...

    def ask(self, prompt: Prompt) -> str: ...


class ScriptedAsker:
    """Replays prepared lines and records everything shown and asked (for tests)."""

    def __init__(self, lines: Iterable[str], interactive: bool = True) -> None:
        self.lines = list(lines)
        self.interactive = interactive
        self.shown: list[Message] = []
        self.prompts: list[Prompt] = []

    def show(self, message: Message) -> None:
        self.shown.append(message)

    def ask(self, prompt: Prompt) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    # --- helpers for assertions ---

    def screens(self) -> list[str]:
        """Item ids in the order their screens were shown."""
        return [m.item.id for m in self.shown if isinstance(m, ItemScreen)]

    def asked(self) -> list[str]:
        """Item ids in the order a value was asked for."""
        return [p.label for p in self.prompts if p.kind == "value"]

    def notices(self, refused: bool | None = None) -> list[str]:
        return [m.text for m in self.shown if isinstance(m, Notice) and (refused is None or m.refused == refused)]

    def of(self, kind: type[M]) -> list[M]:
        return [m for m in self.shown if isinstance(m, kind)]
