"""The state of an interview: which items apply, where it goes next, and saving every change.

Pure logic over a loaded checklist and audit: no terminal, no printing. Every change to
an answer goes through this class and is saved at once through the ``save`` callback.
"""

from __future__ import annotations

from collections.abc import Callable

from cx_audit.files.values import ValueRefused
from cx_audit.model import Answer, Audit, Checklist, Evidence, Item, Section
from cx_audit.scoring.applicability import applicability
from cx_audit.scoring.audit import AuditResult, score_audit, tally_section
from cx_audit.scoring.rounding import band_for, shown
from cx_audit.wording import accepts

from .asker import ItemScreen, SectionScore


class Session:
    """One voice's walk through the checklist.

    ``respondent`` set: the answers are that respondent's (``responses.ID`` under each
    answer) and items that decide a condition are left out (they take the auditor's
    answer only). ``only`` set: the walk is limited to those section ids.
    """

    def __init__(
        self,
        checklist: Checklist,
        audit: Audit,
        save: Callable[[], None],
        respondent: str | None = None,
        only: tuple[str, ...] = (),
    ) -> None:
        self.checklist = checklist
        self.audit = audit
        self._save = save
        self.respondent = respondent
        self.only = only
        skip: set[str] = set()
        if respondent is not None:
            from cx_audit.files.voices import deciding_items

            skip = deciding_items(checklist)
        self.sections: tuple[Section, ...] = tuple(s for s in checklist.sections if not only or s.id in only)
        self.items: tuple[Item, ...] = tuple(i for s in self.sections for i in s.items if i.id not in skip)
        self._pos = {item.id: k for k, item in enumerate(self.items)}
        self._section_no = {s.id: k for k, s in enumerate(self.sections)}
        self.skipped: set[str] = set()  # skipped with `s` in this session
        self.saves = 0
        self.applies: dict[str, bool] = {}
        self._refresh()

    # --- state ------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.applies = applicability(self.checklist, self.audit.answers)

    def applicable(self, item: Item) -> bool:
        return self.applies.get(item.id, False)

    def answer(self, item: Item) -> Answer | None:
        """This voice's answer: the auditor's own, or the respondent's response."""
        a = self.audit.answers.get(item.id)
        if self.respondent is None or a is None:
            return a
        return a.responses.get(self.respondent)

    def is_answered(self, item: Item) -> bool:
        a = self.answer(item)
        return a is not None and a.answered

    def applicable_items(self) -> list[Item]:
        return [i for i in self.items if self.applies[i.id]]

    def unanswered(self) -> list[Item]:
        return [i for i in self.items if self.applies[i.id] and not self.is_answered(i)]

    def section_of(self, item: Item) -> Section:
        return self.sections[self._section_no[item.section]]

    def section_number(self, section: Section) -> int:
        return self._section_no[section.id] + 1

    # --- where to go --------------------------------------------------------------------

    def first(self, review: bool = False) -> Item | None:
        """Where a session starts: the first applicable (review) or unanswered item."""
        for item in self.items:
            if self.applies[item.id] and (review or not self.is_answered(item)):
                return item
        return None

    def next_after(self, item: Item, review: bool = False) -> Item | None:
        """The next item to ask after ``item``.

        Reviewing: the next applicable item in checklist order. Otherwise: the next
        applicable item that is unanswered and was not skipped in this session, looking
        past the end back to the start (an item a `g` jump passed over is not forgotten).
        """
        start = self._pos[item.id] + 1
        if review:
            for other in self.items[start:]:
                if self.applies[other.id]:
                    return other
            return None
        order = self.items[start:] + self.items[:start]
        for other in order:
            if self.applies[other.id] and not self.is_answered(other) and other.id not in self.skipped:
                return other
        return None

    def previous(self, item: Item) -> Item | None:
        """The applicable item before ``item`` in checklist order, or None at the start."""
        for other in reversed(self.items[: self._pos[item.id]]):
            if self.applies[other.id]:
                return other
        return None

    def find(self, ref: str) -> Item:
        """The item to go to for `g REF`: an item id, or a section id (its first applicable item)."""
        ref = ref.strip()
        item = self.checklist.item(ref) or next((i for i in self.items if i.id.lower() == ref.lower()), None)
        if item is not None and item.id not in self._pos:
            why = "it decides which items apply, so it takes the auditor's answer only" if self.respondent else ""
            raise ValueRefused(f"{item.id} is not part of this interview" + (f": {why}" if why else " (see --section)"))
        if item is not None:
            profile = self.checklist.profile
            if item.id in self.checklist.excluded and profile is not None:
                raise ValueRefused(f"{item.id} is left out by the {profile.title} profile")
            if not self.applies[item.id]:
                raise ValueRefused(f"{item.id} does not apply: its condition is not met by the answers so far")
            return item
        section = next((s for s in self.sections if s.id == ref), None) or next(
            (s for s in self.sections if s.id.lower() == ref.lower()), None
        )
        if section is None and self.checklist.section(ref) is not None:
            raise ValueRefused(f"section '{ref}' is not part of this interview (see --section)")
        if section is not None:
            for candidate in section.items:
                if candidate.id in self._pos and self.applies[candidate.id]:
                    return candidate
            raise ValueRefused(f"no item of section '{section.id}' applies, given the answers so far")
        raise ValueRefused(f"no item or section '{ref}' in checklist {self.checklist.id}")

    # --- changes (each one saved at once) ---------------------------------------------

    def _entry(self, item: Item) -> Answer:
        answer = self.audit.answers.get(item.id)
        if answer is None:
            answer = self.audit.answers[item.id] = Answer()
        if self.respondent is not None:
            return answer.responses.setdefault(self.respondent, Answer())
        return answer

    def save(self) -> None:
        self._save()
        self.saves += 1

    def set_value(self, item: Item, value: object) -> None:
        answer = self._entry(item)
        answer.value, answer.na = value, False
        answer.extra.pop("carried", None)  # given now: confirmed
        self._changed(item)

    def carried(self, item: Item) -> object:
        """The date of the visit an unconfirmed answer came from (`run --from`); None when confirmed."""
        answer = self.answer(item)
        return answer.extra.get("carried") if answer is not None else None

    def confirm(self, item: Item) -> bool:
        """Enter on an answer carried from the previous visit confirms it; saves and returns True if it was."""
        answer = self.answer(item)
        if answer is None or "carried" not in answer.extra or not answer.answered:
            return False
        del answer.extra["carried"]
        self.save()
        return True

    def set_na(self, item: Item) -> None:
        if not item.allow_na:
            reason = "a critical item" if item.critical else "this item"
            raise ValueRefused(f"N/A is not allowed for {reason}: give {accepts(item)}")
        answer = self._entry(item)
        answer.value, answer.na = None, True
        answer.extra.pop("carried", None)
        self._changed(item)

    def set_note(self, item: Item, note: str) -> bool:
        """Change the note; saves and returns True only if it changed."""
        answer = self._entry(item)
        if answer.note == note:
            return False
        answer.note = note
        self.save()
        return True

    def set_recommendation(self, item: Item, text: str) -> None:
        """The auditor's own recommendation for the item ('' removes it); saved at once."""
        answer = self.audit.answers.get(item.id)
        if answer is None:
            answer = self.audit.answers[item.id] = Answer()
        answer.recommendation = text
        if not (answer.answered or answer.note or answer.recommendation or answer.extra or answer.evidence or answer.responses):
            del self.audit.answers[item.id]
        self.save()

    def clear(self, item: Item) -> bool:
        """Remove the answer and its note (unknown keys of the entry are kept)."""
        answer = self.answer(item)
        if answer is None or not (answer.answered or answer.note):
            return False
        if self.respondent is not None:
            parent = self.audit.answers[item.id]
            if answer.extra:
                answer.value, answer.na, answer.note = None, False, ""
            else:
                del parent.responses[self.respondent]
            if not (parent.answered or parent.note or parent.extra or parent.evidence or parent.responses):
                del self.audit.answers[item.id]
        elif answer.responses or answer.extra or answer.evidence:  # evidence is attached to the item, not to the value
            answer.value, answer.na, answer.note = None, False, ""
        else:
            del self.audit.answers[item.id]
        self._changed(item)
        return True

    def attach(self, item: Item, evidence: Evidence) -> bool:
        """Attach a file to the item's answer and save; True when it replaced the same path."""
        if self.respondent is not None:  # responses carry no evidence: it belongs to the item
            raise ValueRefused("evidence is attached by the auditor: run without --respondent to attach it")
        files = self._entry(item).evidence
        for k, ev in enumerate(files):
            if ev.path == evidence.path:
                files[k] = evidence
                self.save()
                return True
        files.append(evidence)
        self.save()
        return False

    def skip(self, item: Item) -> None:
        if not self.is_answered(item):
            self.skipped.add(item.id)

    def _changed(self, item: Item) -> None:
        self.skipped.discard(item.id)
        self._refresh()
        self.save()

    # --- figures ------------------------------------------------------------------------

    def screen(self, item: Item) -> ItemScreen:
        applicable = self.applicable_items()
        number = next((k for k, i in enumerate(applicable, 1) if i.id == item.id), 0)
        answered = sum(1 for i in applicable if self.is_answered(i))
        section = self.section_of(item)
        return ItemScreen(
            item=item,
            number=number,
            total=len(applicable),
            answered=answered,
            section_number=self.section_number(section),
            section_total=len(self.sections),
            answer=self.answer(item) if self.is_answered(item) else None,
        )

    def section_score(self, section: Section) -> SectionScore:
        """The section's running score from this voice's applicable answered items (the scoring code's own)."""
        answers: dict[str, Answer] = {}
        for item in section.items:
            mine = self.answer(item)
            if mine is not None and item.id in self._pos:
                answers[item.id] = Answer(mine.value, mine.na, mine.note) if self.respondent is None else mine
        applies = {i.id: self.applies[i.id] and i.id in self._pos for i in section.items}
        t = tally_section(section, answers, applies)
        score = shown(t.score) if t.score is not None else None
        return SectionScore(section, score, band_for(score, self.checklist.bands), t.answered, t.applicable)

    def result(self) -> AuditResult:
        return score_audit(self.checklist, self.audit)
