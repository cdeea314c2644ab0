"""The interview loop: show an item, read a line, act on it, move on.

Keys at the answer prompt (the SPEC's contract): a value, ``na``, ``s`` skip, ``b``
back, ``?`` guidance, ``x`` clear, ``l`` list unanswered, ``g ID`` go to, ``e PATH
[caption]`` attach evidence (``e`` lists it), ``q`` save and quit; Enter keeps the
current answer. A text answer that starts with a backslash
is taken literally without it. After a value or ``na`` comes one note line: Enter keeps
the note there is (none for a new answer), ``-`` removes it.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from cx_audit.files.values import ValueRefused, parse_typed
from cx_audit.model import Answer, Item, ItemType, Section
from cx_audit.scoring.rounding import shown
from cx_audit.wording import band_words, critical_failure_words

from .asker import (
    Accepted,
    Action,
    Asker,
    Guidance,
    Notice,
    SectionIntro,
    Summary,
    UnansweredList,
    note_prompt,
    value_prompt,
)
from .session import Session

COMMANDS = {"na": "na", "s": "skip", "b": "back", "?": "help", "x": "clear", "l": "list", "q": "quit"}


class Outcome(str, Enum):
    finished = "finished"  # no applicable item left to ask
    quit = "quit"  # `q`
    end_of_input = "end_of_input"


#: The longest note or text answer taken (an audit file over 10 MB could not be read back).
MAX_TEXT = 10_000


def _too_long(what: str, text: str) -> str | None:
    if len(text) <= MAX_TEXT:
        return None
    return f"{what} is at most {MAX_TEXT:,} characters; this one has {len(text):,}"


class Refused(Exception):
    """A refused value with piped input: the interview stops (exit 2)."""

    def __init__(self, item: Item, reason: str) -> None:
        super().__init__(f"{item.id}: {reason}")
        self.item = item
        self.reason = reason


@dataclass(frozen=True)
class Command:
    kind: str  # value | keep | na | skip | back | help | clear | list | goto | evidence | recommend | quit
    arg: str = ""


def parse_line(line: str) -> Command:
    """What a line typed at the answer prompt asks for."""
    text = line.strip()
    if text.startswith("\\"):
        return Command("value", text[1:])
    if not text:
        return Command("keep")
    low = text.lower()
    if low in COMMANDS:
        return Command(COMMANDS[low])
    if low == "g" or low.startswith(("g ", "g\t")):
        return Command("goto", text[1:].strip())
    if low == "e" or low.startswith(("e ", "e\t")):
        return Command("evidence", text[1:].strip())
    if low == "r" or low.startswith(("r ", "r\t")):
        return Command("recommend", text[1:].strip())
    return Command("value", text)


class _Quit(Exception):
    pass


class Interview:
    def __init__(self, session: Session, asker: Asker, review: bool = False, start: Path | None = None) -> None:
        self.session = session
        self.asker = asker
        self.review = review
        self.start = start or Path.cwd()  # evidence paths are typed relative to this folder
        self._section: Section | None = None
        self._seen_sections: set[str] = set()

    def run(self) -> Outcome:
        """Ask until every item is done, `q`, or the end of input; raises Refused (piped)."""
        item = self.session.first(self.review)
        try:
            while item is not None:
                self._enter(item)
                item = self._ask(item)
        except _Quit:
            self._leave()
            return Outcome.quit
        except EOFError:
            self._leave()
            return Outcome.end_of_input
        self._leave()
        return Outcome.finished

    # --- screens --------------------------------------------------------------------

    def _enter(self, item: Item) -> None:
        section = self.session.section_of(item)
        if self._section is None or section.id != self._section.id:
            self._leave()
            self.asker.show(
                SectionIntro(
                    section,
                    self.session.section_number(section),
                    len(self.session.sections),
                    section.id not in self._seen_sections,
                )
            )
            self._seen_sections.add(section.id)
            self._section = section
        self.asker.show(self.session.screen(item))

    def _leave(self) -> None:
        """Leaving a section: show its running score, if anything in it is answered."""
        if self._section is not None:
            score = self.session.section_score(self._section)
            if score.answered:
                self.asker.show(score)
        self._section = None

    # --- one item -------------------------------------------------------------------

    def _ask(self, item: Item) -> Item | None:
        """Read lines for ``item`` until one moves on; return the next item (None: done)."""
        while True:
            answer = self.session.answer(item)
            current = item.describe_value(answer.value) if answer and answer.value is not None else ""
            if answer and answer.na:
                current = "N/A"
            command = parse_line(self.asker.ask(value_prompt(item, current)))
            try:
                moved, target = self._do(item, command)
            except ValueRefused as exc:
                self.asker.show(Notice(str(exc), refused=True))
                if not self.asker.interactive:
                    raise Refused(item, str(exc)) from None
                continue
            if moved:
                return target

    def _do(self, item: Item, command: Command) -> tuple[bool, Item | None]:
        s = self.session
        kind = command.kind
        if kind == "value":
            if not command.arg.strip() and item.type is not ItemType.text:
                raise ValueRefused("type an answer, or s to skip")
            value = command.arg.strip() if item.type is ItemType.text else parse_typed(item, command.arg)
            if item.type is ItemType.text and not value:
                raise ValueRefused("type an answer, or s to skip")
            too_long = _too_long("a text answer", value) if item.type is ItemType.text else None
            if too_long:
                raise ValueRefused(too_long)
            s.set_value(item, value)
            self._note(item)
            return True, s.next_after(item, self.review)
        if kind == "na":
            s.set_na(item)
            self._note(item)
            return True, s.next_after(item, self.review)
        if kind == "keep":
            if not s.is_answered(item) and not self.review:  # reviewing, Enter passes an unanswered item
                raise ValueRefused("type an answer, or s to skip")
            if s.confirm(item):  # an answer carried from the previous visit, kept: confirmed
                self.asker.show(Notice(f"Confirmed {item.id} as at the previous visit."))
            return True, s.next_after(item, self.review)
        if kind == "skip":
            s.skip(item)
            return True, s.next_after(item, self.review)
        if kind == "back":
            previous = s.previous(item)
            if previous is None:
                self.asker.show(Notice("This is the first item; there is nothing before it."))
                return False, None
            return True, previous
        if kind == "help":
            self.asker.show(Guidance(item))
            return False, None
        if kind == "clear":
            cleared = s.clear(item)
            self.asker.show(Notice(f"Cleared the answer to {item.id}." if cleared else f"{item.id} has no answer to clear."))
            return False, None
        if kind == "list":
            self.asker.show(self._unanswered())
            return False, None
        if kind == "goto":
            if not command.arg:
                raise ValueRefused("g needs an item or section id, for example g " + item.id)
            try:
                return True, s.find(command.arg)
            except ValueRefused as exc:
                if item.type is ItemType.text:
                    raise ValueRefused(f"{exc} (to answer text that starts with 'g ', type \\ first)") from None
                raise
        if kind == "evidence":
            if not command.arg and item.type is ItemType.choice and item.option("e") is not None:
                return self._do(item, Command("value", "e"))  # an option whose id is e
            self._evidence(item, command.arg)
            return False, None
        if kind == "recommend":
            if not command.arg and item.type is ItemType.choice and item.option("r") is not None:
                return self._do(item, Command("value", "r"))  # an option whose id is r
            self._recommend(item, command.arg)
            return False, None
        if kind == "quit":
            raise _Quit
        raise AssertionError(f"unknown command {kind}")  # pragma: no cover

    def _evidence(self, item: Item, arg: str) -> None:
        from .evidence import attach_file, list_evidence

        if not arg:
            self.asker.show(list_evidence(self.session, item))
            return
        try:
            notices = attach_file(self.session, item, arg, self.start)
        except ValueRefused as exc:
            if item.type is ItemType.text:
                raise ValueRefused(f"{exc} (to answer text that starts with 'e ', type \\ first)") from None
            raise
        for notice in notices:
            self.asker.show(notice)

    def _recommend(self, item: Item, arg: str) -> None:
        """`r TEXT`: the consultant's own recommendation for this client, replacing the
        checklist's in every report; `r` shows the one in force, `r -` removes it."""
        s = self.session
        if s.respondent is not None:
            raise ValueRefused("a recommendation is the auditor's: it cannot be set for a respondent")
        answer = s.audit.answers.get(item.id)
        own = answer.recommendation if answer is not None else ""
        if not arg:
            if own:
                self.asker.show(Notice(f"{item.id}: your recommendation (replaces the checklist's): {own}"))
            else:
                self.asker.show(Notice(f"{item.id}: the checklist's recommendation is used. Write your own with: r TEXT"))
            return
        if arg == "-":
            if own:
                s.set_recommendation(item, "")
            self.asker.show(
                Notice(
                    f"{item.id}: the checklist's recommendation is used again."
                    if own
                    else f"{item.id} has no recommendation of your own."
                )
            )
            return
        too_long = _too_long("a recommendation", arg)
        if too_long is not None:
            raise ValueRefused(too_long)
        s.set_recommendation(item, arg)
        self.asker.show(Notice(f"{item.id}: saved your recommendation; it replaces the checklist's in every report."))

    def _note(self, item: Item) -> None:
        """The note line after a value or N/A; the value itself is already saved."""
        answer = self.session.answer(item)
        assert answer is not None
        old = answer.note
        while True:
            try:
                line = self.asker.ask(note_prompt(item, old)).strip()
            except EOFError:
                self.asker.show(self._accepted(item, answer))
                raise
            too_long = _too_long("a note", line)
            if too_long is None:
                break
            if not self.asker.interactive:
                raise ValueRefused(too_long)
            self.asker.show(Notice(too_long, refused=True))
        if line == "-":
            note = ""
        elif line == "\\-":
            note = "-"
        else:
            note = line or old
        self.session.set_note(item, note)
        self.asker.show(self._accepted(item, answer))

    def _accepted(self, item: Item, answer: Answer) -> Accepted:
        """The saved answer, saying so when it fails a critical item (s < 0.5)."""
        if item.critical and not answer.na and answer.value is not None:
            s = item.normalise(answer.value)
            if s is not None and s < 0.5:
                return Accepted(item, answer, critical_failure_words(item, self.session.checklist))
        return Accepted(item, answer)

    def _unanswered(self) -> UnansweredList:
        groups: list[tuple[Section, tuple[Item, ...]]] = []
        for section in self.session.sections:
            items = tuple(i for i in section.items if self.session.applicable(i) and not self.session.is_answered(i))
            if items:
                groups.append((section, items))
        return UnansweredList(tuple(groups), frozenset(self.session.skipped))


# --- the end ------------------------------------------------------------------------


def next_commands(path: Path | str, complete: bool, resume: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The commands to run next, with the audit path as the user gave it (``resume``: options of `run`)."""
    p = Path(path)
    base = p.with_name(p.stem)
    html = f"{base}-report.html"
    xlsx = f"{base}-actions.xlsx"
    q = shlex.quote
    commands = [f"cx-audit report {q(str(path))} --html {q(html)} --xlsx {q(xlsx)}"]
    if not complete:
        commands.append(" ".join([f"cx-audit run {q(str(path))}", *map(q, resume)]))
    return tuple(commands)


def summary(session: Session, path: Path | str, top: int = 3) -> Summary:
    result = session.result()
    unanswered = tuple(session.unanswered())  # this voice's, in the sections walked
    applicable = len(session.applicable_items())
    resume: list[str] = ["--respondent", session.respondent] if session.respondent else []
    for section_id in session.only:
        resume += ["--section", section_id]
    actions = tuple(
        Action(r.item, shown(r.points_lost or 0.0), r.critical_failure, r.recommendation) for r in result.actions[:top]
    )
    return Summary(
        overall=None if result.overall is None else shown(result.overall),
        band=band_words(result) if result.band else None,  # with the reason when critical failures capped it
        completeness=shown(result.completeness),
        answered=applicable - len(unanswered),
        applicable=applicable,
        critical_failures=tuple(r.item for r in result.critical_failures),
        actions=actions,
        unanswered=unanswered,
        path=str(path),
        next_commands=next_commands(path, not unanswered, tuple(resume)),
        finished=not unanswered,
    )
