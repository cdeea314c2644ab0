"""The interview logic, driven by a scripted asker (no terminal)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cx_audit.files.audit import dump_audit, load_audit, new_audit
from cx_audit.files.checklist import load_checklist
from cx_audit.interview.asker import (
    Accepted,
    Guidance,
    ItemScreen,
    Prompt,
    ScriptedAsker,
    SectionIntro,
    SectionScore,
    UnansweredList,
)
from cx_audit.interview.flow import Interview, Outcome, Refused, next_commands, parse_line, summary
from cx_audit.interview.session import Session
from cx_audit.model import Answer, Audit, Checklist
from tests.conftest import MINI_CHECKLIST, write


class Rig:
    """A checklist, an audit saved in tmp_path, and a session over them."""

    def __init__(self, tmp_path: Path, answers: dict[str, Answer] | None = None) -> None:
        self.path = tmp_path / "audit.yaml"
        self.checklist: Checklist = load_checklist(write(tmp_path / "mini.yaml", MINI_CHECKLIST))
        self.audit: Audit = new_audit(
            self.checklist, self.path, client="Acme Ltd", auditor="J. Smith", date=dt.date(2026, 11, 22)
        )
        self.audit.answers.update(answers or {})
        self.save()
        self.session = Session(self.checklist, self.audit, self.save)

    def save(self) -> None:
        self.path.write_text(dump_audit(self.audit, self.checklist), encoding="utf-8")

    def run(self, *lines: str, review: bool = False, interactive: bool = True) -> tuple[ScriptedAsker, Outcome]:
        asker = ScriptedAsker(lines, interactive=interactive)
        return asker, Interview(self.session, asker, review).run()

    def applies(self, item_id: str) -> bool:
        item = self.checklist.item(item_id)
        assert item is not None
        return self.session.applicable(item)

    def status(self, item_id: str) -> str:
        result = self.session.result().item(item_id)
        assert result is not None
        return result.status

    def on_disk(self) -> dict[str, Answer]:
        return load_audit(self.path).audit.answers


def values(answers: dict[str, Answer]) -> dict[str, object]:
    return {k: ("na" if a.na else a.value) for k, a in answers.items()}


@pytest.fixture
def rig(tmp_path: Path) -> Rig:
    return Rig(tmp_path)


def full(**overrides: Answer) -> dict[str, Answer]:
    answers = {
        "A1": Answer(3, note="Two of three staff"),
        "A2": Answer(True),
        "A3": Answer(2),
        "B1": Answer("sometimes"),
        "B2": Answer(12),
        "B3": Answer("All good", note="asked the manager"),
        "C1": Answer(4),
    }
    answers.update(overrides)
    return answers


# --- straight through ---------------------------------------------------------------


def test_every_item_in_order_with_notes_saved(rig: Rig) -> None:
    asker, outcome = rig.run("3", "Two of three", "y", "", "2", "", "always", "", "4", "", "ok", "", "1", "weak")
    assert outcome is Outcome.finished
    assert asker.asked() == ["A1", "A2", "A3", "B1", "B2", "B3", "C1"]
    assert values(rig.on_disk()) == {"A1": 3, "A2": True, "A3": 2, "B1": "always", "B2": 4, "B3": "ok", "C1": 1}
    assert rig.on_disk()["A1"].note == "Two of three"
    assert rig.on_disk()["C1"].note == "weak"
    assert rig.on_disk()["A2"].note == ""


def test_value_is_saved_before_the_note_is_typed(rig: Rig) -> None:
    class Peeking(ScriptedAsker):
        def ask(self, prompt: Prompt) -> str:
            if prompt.kind == "note":
                on_disk = load_audit(rig.path).audit.answers
                assert on_disk[prompt.label].value is not None or on_disk[prompt.label].na
            return super().ask(prompt)

    asker = Peeking(["3", "a note", "n", ""])
    assert Interview(rig.session, asker).run() is Outcome.end_of_input
    assert values(rig.on_disk()) == {"A1": 3, "A2": False}


def test_end_of_input_at_the_note_keeps_the_value(rig: Rig) -> None:
    _, outcome = rig.run("3")
    assert outcome is Outcome.end_of_input
    assert values(rig.on_disk()) == {"A1": 3}


def test_quit_saves_and_stops(rig: Rig) -> None:
    asker, outcome = rig.run("3", "", "q", "never asked")
    assert outcome is Outcome.quit
    assert values(rig.on_disk()) == {"A1": 3}
    assert asker.lines == ["never asked"]


def test_typed_forms_of_values(rig: Rig) -> None:
    rig.run("4", "", "YES", "", "0", "", "2", "", "1,500", "", "\\q", "", "3", "")
    assert values(rig.on_disk()) == {"A1": 4, "A2": True, "A3": 0, "B1": "sometimes", "B2": 1500, "B3": "q", "C1": 3}


def test_choice_by_id_in_any_case_and_yes_no_words(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.run("1", "", "No", "", "ALWAYS", "")
    assert values(rig.on_disk()) == {"A1": 1, "A2": False, "B1": "always"}


def test_parse_line_commands() -> None:
    assert parse_line("  Q ").kind == "quit"
    assert parse_line("NA").kind == "na"
    assert parse_line("g  OC3 ").arg == "OC3"
    assert parse_line("\\g OC3").kind == "value"
    assert parse_line("\\s").arg == "s"
    assert parse_line("").kind == "keep"
    assert parse_line("good").kind == "value"


# --- refusals -----------------------------------------------------------------------


def test_wrong_value_is_refused_and_asked_again(rig: Rig) -> None:
    asker, _ = rig.run("7", "three", "3", "")
    assert asker.asked()[:3] == ["A1", "A1", "A1"]
    refused = asker.notices(refused=True)
    assert "out of range" in refused[0] and "0 to 4" in refused[0]
    assert "'three' is not" in refused[1]
    assert values(rig.on_disk()) == {"A1": 3}


def test_na_refused_where_not_allowed(rig: Rig) -> None:
    asker, _ = rig.run("na", "2", "", "na", "")
    assert "N/A is not allowed for a critical item" in asker.notices(refused=True)[0]
    assert values(rig.on_disk()) == {"A1": 2, "A2": "na"}


def test_piped_refusal_stops_with_earlier_answers_saved(rig: Rig) -> None:
    asker = ScriptedAsker(["3", "", "maybe", "", "2", ""], interactive=False)
    with pytest.raises(Refused) as caught:
        Interview(rig.session, asker).run()
    assert caught.value.item.id == "A2"
    assert "type y or n" in caught.value.reason
    assert values(rig.on_disk()) == {"A1": 3}


def test_empty_line_on_an_unanswered_item_is_refused(rig: Rig) -> None:
    asker, _ = rig.run("", "3", "")
    assert asker.notices(refused=True) == ["type an answer, or s to skip"]


# --- back ---------------------------------------------------------------------------


def test_back_across_a_section_boundary(rig: Rig) -> None:
    # A1, A2 (yes), A3, then at B1 go back: A3 is shown with its answer, Enter keeps it.
    asker, _ = rig.run("3", "", "y", "", "2", "a note", "b", "", "1", "")
    assert asker.asked() == ["A1", "A2", "A3", "B1", "A3", "B1", "B2"]
    intros = [m.section.id for m in asker.of(SectionIntro)]
    assert intros == ["offer", "delivery", "offer", "delivery"]
    back_screen = [m for m in asker.of(ItemScreen) if m.item.id == "A3"][-1]
    assert back_screen.answer is not None and back_screen.answer.value == 2
    assert values(rig.on_disk()) == {"A1": 3, "A2": True, "A3": 2, "B1": "never"}
    assert rig.on_disk()["A3"].note == "a note"
    # Re-entering a section does not repeat its description.
    assert [m.first_time for m in asker.of(SectionIntro)] == [True, True, False, False]


def test_back_onto_a_skipped_item(rig: Rig) -> None:
    asker, _ = rig.run("3", "", "y", "", "s", "b", "4", "", "q")
    assert asker.asked() == ["A1", "A2", "A3", "B1", "A3", "B1"]
    assert values(rig.on_disk()) == {"A1": 3, "A2": True, "A3": 4}


def test_back_past_a_conditional_item_that_does_not_apply(rig: Rig) -> None:
    # A2 = no hides A3: back from B1 lands on A2; changing it to yes brings A3 back.
    asker, _ = rig.run("3", "", "n", "", "b", "y", "", "1", "", "q")
    assert asker.asked() == ["A1", "A2", "B1", "A2", "A3", "B1"]
    assert values(rig.on_disk()) == {"A1": 3, "A2": True, "A3": 1}


def test_back_at_the_first_item_says_so(rig: Rig) -> None:
    asker, _ = rig.run("b", "q")
    assert asker.asked() == ["A1", "A1"]
    assert "first item" in asker.notices()[0]


# --- conditions live ----------------------------------------------------------------


def test_changing_a_gate_hides_and_brings_back_dependants(rig: Rig) -> None:
    asker, _ = rig.run("3", "", "y", "", "4", "", "b", "b", "n", "", "q")
    assert asker.asked() == ["A1", "A2", "A3", "B1", "A3", "A2", "B1"]
    assert not rig.applies("A3")
    # The hidden item's answer stays in the file (and is ignored by scoring).
    assert values(rig.on_disk()) == {"A1": 3, "A2": False, "A3": 4}
    assert rig.status("A3") == "not_applicable"
    asker, _ = rig.run("g A2", "y", "", "q")
    assert asker.asked() == ["B1", "A2", "B1"]  # A3 applies again, with the answer it kept
    assert rig.applies("A3")
    assert rig.status("A3") == "scored"


def test_na_on_a_gate_hides_its_dependants(rig: Rig) -> None:
    asker, _ = rig.run("3", "", "na", "not relevant", "q")
    assert asker.asked() == ["A1", "A2", "B1"]
    assert rig.on_disk()["A2"].na and rig.on_disk()["A2"].note == "not relevant"


# --- go to, clear, list, guidance ---------------------------------------------------


def test_go_to_an_item_and_a_section(rig: Rig) -> None:
    asker, _ = rig.run("g c1", "2", "", "g delivery", "s", "g nowhere", "q")
    assert asker.asked() == ["A1", "C1", "A1", "B1", "B2", "B2"]
    assert "no item or section 'nowhere'" in asker.notices(refused=True)[0]
    assert values(rig.on_disk()) == {"C1": 2}


def test_go_to_an_item_that_does_not_apply_is_refused(rig: Rig) -> None:
    asker, _ = rig.run("3", "", "n", "", "g A3", "q")
    assert "A3 does not apply" in asker.notices(refused=True)[0]


def test_after_a_jump_the_interview_comes_back_for_what_it_passed(rig: Rig) -> None:
    asker, outcome = rig.run("g B3", "text", "", "1", "", "3", "", "n", "", "2", "", "5", "")
    assert asker.asked() == ["A1", "B3", "C1", "A1", "A2", "B1", "B2"]
    assert outcome is Outcome.finished


def test_clear_removes_the_answer_and_note(tmp_path: Path) -> None:
    rig = Rig(tmp_path, full())
    asker, _ = rig.run("x", "x", "q", review=True)
    assert asker.notices() == ["Cleared the answer to A1.", "A1 has no answer to clear."]
    assert "A1" not in rig.on_disk()


def test_clearing_a_gate_hides_its_dependants(tmp_path: Path) -> None:
    rig = Rig(tmp_path, full())
    asker, _ = rig.run("g A2", "x", "s", review=True)
    assert asker.asked() == ["A1", "A2", "A2", "B1"]
    assert not rig.applies("A3")


def test_list_unanswered(rig: Rig) -> None:
    asker, _ = rig.run("3", "", "s", "l", "q")
    (listing,) = asker.of(UnansweredList)
    assert isinstance(listing, UnansweredList)
    groups = {section.id: [i.id for i in items] for section, items in listing.groups}
    assert groups == {"offer": ["A2"], "delivery": ["B1", "B2", "B3"], "extra": ["C1"]}
    assert listing.skipped == frozenset({"A2"})


def test_guidance(rig: Rig) -> None:
    asker, _ = rig.run("?", "q")
    (shown,) = asker.of(Guidance)
    assert isinstance(shown, Guidance) and shown.item.guidance == "g"
    assert asker.asked() == ["A1", "A1"]


def test_skipped_items_are_not_asked_again_in_the_session(rig: Rig) -> None:
    asker, outcome = rig.run("s", "n", "", "s", "s", "s", "s")
    assert outcome is Outcome.finished
    assert asker.asked() == ["A1", "A2", "B1", "B2", "B3", "C1"]
    assert [i.id for i in rig.session.unanswered()] == ["A1", "B1", "B2", "B3", "C1"]


# --- notes ----------------------------------------------------------------------------


def test_note_enter_keeps_it_and_dash_removes_it(tmp_path: Path) -> None:
    rig = Rig(tmp_path, full())
    rig.run("4", "", "g B3", "changed", "-", "3", "\\-", review=True)
    on_disk = rig.on_disk()
    assert (on_disk["A1"].value, on_disk["A1"].note) == (4, "Two of three staff")
    assert (on_disk["B3"].value, on_disk["B3"].note) == ("changed", "")
    assert on_disk["C1"].note == "-"


# --- review ---------------------------------------------------------------------------


def test_review_enter_keeps_answers_and_notes(tmp_path: Path) -> None:
    rig = Rig(tmp_path, full())
    before = rig.path.read_bytes()
    asker, outcome = rig.run(*[""] * 7, review=True)
    assert outcome is Outcome.finished
    assert asker.asked() == ["A1", "A2", "A3", "B1", "B2", "B3", "C1"]
    assert rig.path.read_bytes() == before
    assert all(m.answer is not None for m in asker.of(ItemScreen))
    assert [p.current for p in asker.prompts][:2] == ["3 · Managed", "Yes"]


def test_review_changes_one_answer_and_keeps_the_rest(tmp_path: Path) -> None:
    rig = Rig(tmp_path, full())
    asker, _ = rig.run("", "", "", "3", "", "", "", "", review=True)
    on_disk = rig.on_disk()
    assert values(on_disk) == values(full(B1=Answer("always")))
    assert on_disk["A1"].note == "Two of three staff"
    assert asker.asked() == ["A1", "A2", "A3", "B1", "B2", "B3", "C1"]


def test_review_shows_unanswered_items_too(tmp_path: Path) -> None:
    answers = full()
    del answers["B2"]
    rig = Rig(tmp_path, answers)
    asker, _ = rig.run(*[""] * 4, "s", "", "", review=True)
    assert asker.asked() == ["A1", "A2", "A3", "B1", "B2", "B3", "C1"]
    asker, _ = rig.run(*[""] * 7, review=True)  # reviewing, Enter passes an unanswered item
    assert asker.asked() == ["A1", "A2", "A3", "B1", "B2", "B3", "C1"]
    assert not asker.notices(refused=True) and "B2" not in rig.on_disk()


def test_resume_starts_at_the_first_unanswered_item(tmp_path: Path) -> None:
    answers = full()
    del answers["B1"], answers["C1"]
    rig = Rig(tmp_path, answers)
    asker, _ = rig.run("2", "", "q")
    assert asker.asked() == ["B1", "C1"]


# --- section scores and the summary -----------------------------------------------------


def test_section_running_score_at_boundaries(rig: Rig) -> None:
    asker, _ = rig.run("4", "", "n", "", "q")
    (score,) = asker.of(SectionScore)
    assert isinstance(score, SectionScore)
    assert score.section.id == "offer" and score.answered == 2 and score.applicable == 2
    assert score.score == pytest.approx(66.7)  # (2·1 + 1·0) / 3


def test_accepted_answers_are_confirmed(rig: Rig) -> None:
    asker, _ = rig.run("3", "n", "q")
    (accepted,) = asker.of(Accepted)
    assert isinstance(accepted, Accepted) and accepted.answer.note == "n"


def test_summary_and_next_commands(tmp_path: Path) -> None:
    rig = Rig(tmp_path, full(A1=Answer(0), B1=Answer("never")))
    s = summary(rig.session, "audits/acme q3.yaml")
    assert s.finished and s.completeness == 100.0
    assert [i.id for i in s.critical_failures] == ["A1"]
    assert [a.item.id for a in s.actions][:1] == ["A1"] and len(s.actions) == 3
    assert s.next_commands == (
        "cx-audit report 'audits/acme q3.yaml' --html 'audits/acme q3-report.html' --xlsx 'audits/acme q3-actions.xlsx'",
    )
    assert next_commands("a.yaml", complete=False)[1] == "cx-audit run a.yaml"


def test_unknown_keys_are_kept(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.audit.extra["visit"] = {"weather": "rain"}
    rig.audit.answers["A1"] = Answer(2, extra={"x-photo": "p1.jpg"})
    rig.run("g A1", "3", "", "q")
    text = rig.path.read_text()
    assert "weather: rain" in text and "x-photo: p1.jpg" in text
    assert rig.on_disk()["A1"].value == 3
