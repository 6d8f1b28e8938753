"""Every command's arguments are checked by type and range (model/command_arguments.py) before the
engine sees them, whichever window sent them: a wrong one is refused in a sentence, and the session,
in memory and in its file, stays as it was."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.commands import ARGUMENTS, checked_arguments
from workshop_tui.core.roles import MAY
from workshop_tui.core.session_engine import NotNow
from workshop_tui.model.command_arguments import LATEST_DUE, ArgumentProblem
from workshop_tui.store.open_session import COMMANDS, Command, OpenSession
from workshop_tui.store.session_file import load_session
from tests.conftest import small_plan


@pytest.fixture
def owner(sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    made = OpenSession.create(sessions_dir, small_plan(), "Arguments", clock, "Ann", gather_seconds=0)
    yield made
    made.close()


def refused(owner: OpenSession, command: str, /, **args: object) -> str:
    with pytest.raises(NotNow) as caught:
        owner.apply(Command(command, args))
    return str(caught.value)


def the_file_is_the_session(owner: OpenSession, clock: FakeClock) -> None:
    """What a user would find: the file holds what the screen shows, and the session opens again."""
    owner.flush()
    assert load_session(owner.path) == owner.session
    owner.close()
    again = OpenSession.resume(owner.path, clock, gather_seconds=0)
    assert again.session == load_session(owner.path)
    again.close()


def test_every_command_has_its_arguments_model_and_its_row_of_who_may() -> None:
    assert set(ARGUMENTS) == set(COMMANDS) and set(COMMANDS) <= set(MAY)


def test_minutes_far_out_of_range_are_refused_and_the_session_opens_again(owner: OpenSession, clock: FakeClock) -> None:
    assert refused(owner, "add_minutes", minutes=1e308) == "The minutes must be a whole number."
    assert refused(owner, "add_minutes", minutes=10**30) == "The minutes must be at most 600."
    assert refused(owner, "add_minutes", minutes=-601) == "The minutes must be at least -600."
    assert refused(owner, "add_minutes", minutes=True) == "The minutes must be a whole number."
    owner.apply(Command("add_minutes", {"minutes": 5}))
    assert owner.engine.current.allowed_minutes == 15
    # Found by an attacker: 600 at a time, again and again, grew a step past the longest a step can be.
    owner.apply(Command("add_minutes", {"minutes": 585}))
    assert (
        refused(owner, "add_minutes", minutes=1)
        == "A step can be at most 600 minutes long, so no more time can be added."
    )
    the_file_is_the_session(owner, clock)


def test_a_step_moves_one_place_up_or_down_and_no_other_way(owner: OpenSession, clock: FakeClock) -> None:
    for direction in (0, 11, 2, True, "1"):
        assert refused(owner, "move_step", index=1, direction=direction).startswith("The direction ")
    assert [step.title for step in owner.session.steps] == ["Welcome", "Tea", "Talk"]
    owner.apply(Command("move_step", {"index": 1, "direction": 1}))
    assert [step.title for step in owner.session.steps] == ["Welcome", "Talk", "Tea"]
    the_file_is_the_session(owner, clock)


def test_a_due_date_is_from_2000_to_2100(owner: OpenSession, clock: FakeClock) -> None:
    assert (
        refused(owner, "add_action", text="Ring", due=date(1, 1, 1))
        == "The date it is due must be at least 2000-01-01."
    )
    assert (
        refused(owner, "add_action", text="Ring", due=date(2101, 1, 1))
        == "The date it is due must be at most 2100-12-31."
    )
    assert refused(owner, "add_action", text="Ring", due="2026-07-09") == "The date it is due must be a date."
    owner.apply(Command("add_action", {"text": "Ring", "due": LATEST_DUE}))
    assert [action.due for action in owner.session.actions] == [LATEST_DUE]
    the_file_is_the_session(owner, clock)


def test_yes_or_no_is_a_bool_and_a_number_is_a_number(owner: OpenSession) -> None:
    assert (
        refused(owner, "add_person", name="Ann", arrived="no")
        == "The answer to 'arrived' must be yes or no (true or false)."
    )
    assert refused(owner, "skip_step", index="1") == "The step must be a whole number."
    assert refused(owner, "skip_step", index=1.0) == "The step must be a whole number."
    assert refused(owner, "open_round", pot_pence=1e308) == "The pot must be a whole number."
    assert refused(owner, "add_note", typed=["a list"]) == "The note must be text."
    assert owner.session.participants == [] and owner.session.notes == []


def test_names_and_words_have_no_control_characters_and_a_longest(owner: OpenSession, clock: FakeClock) -> None:
    assert (
        refused(owner, "add_note", typed="Clear the screen \x1b[2J")
        == "The note cannot be used: it has a control character in it."
    )
    assert (
        refused(owner, "add_person", name="Ann\nBob")
        == "The name cannot be used: it has a control character or a character that cannot be seen in it."
    )
    assert refused(owner, "add_note", typed="x" * 10_001) == "The note is too long: at most 10,000 characters."
    assert refused(owner, "add_note", typed="Half a character \ud800") == "The note must be text that can be saved."
    # Found by an attacker: a name that turns text backwards, or holds a character no one can see.
    assert (
        refused(owner, "add_person", name="\u202eevil")
        == "The name cannot be used: it has a control character or a character that cannot be seen in it."
    )
    assert (
        refused(owner, "add_person", name="Ann\u200b")
        == "The name cannot be used: it has a control character or a character that cannot be seen in it."
    )
    assert (
        refused(owner, "add_note", typed="Read this \u202ebackwards")
        == "The note cannot be used: it has a control character in it."
    )
    owner.apply(
        Command("add_note", {"typed": "A family 👨\u200d👩\u200d👧 in a note"})
    )  # emoji joined by zero-width joiners: fine in words
    owner.apply(Command("add_note", {"typed": "Two lines\nand a\ttab, and ünïcödé 🎉"}))
    assert owner.session.notes[1].text == "Two lines\nand a\ttab, and ünïcödé 🎉"
    the_file_is_the_session(owner, clock)


def test_a_misspelt_or_missing_argument_is_named(owner: OpenSession) -> None:
    assert refused(owner, "add_note", typd="Hello") == "That command takes no 'typd'."
    assert refused(owner, "add_note") == "The note is missing."
    assert refused(owner, "next_step", step=2) == "That command takes no 'step'."


def test_a_decision_names_only_a_step_and_people_the_session_has(owner: OpenSession, clock: FakeClock) -> None:
    assert (
        refused(owner, "record_decision", question="Tea?", step="s99") == "That step is not on this session's agenda."
    )
    assert (
        refused(owner, "record_decision", question="Tea?", present=["p7"])
        == "Someone named in the decision is not on the roster."
    )
    assert (
        refused(owner, "record_decision", question="Tea?", dissent_by="p7")
        == "Someone named in the decision is not on the roster."
    )
    assert (
        refused(owner, "record_decision", question="Tea?", votes_for=10**30) == "The votes for must be at most 100000."
    )
    assert refused(owner, "record_decision", question="Tea?", fingers=[1] * 7) == "The fingers can have at most 6."
    owner.apply(Command("add_person", {"name": "Ann"}))
    owner.apply(Command("record_decision", {"question": "Tea?", "step": "s2", "present": ["p1"], "outcome": "agreed"}))
    assert [(d.step, d.present) for d in owner.session.decisions] == [("s2", ["p1"])]
    the_file_is_the_session(owner, clock)


def test_the_model_alone_gives_back_only_what_was_given() -> None:
    assert checked_arguments("add_person", {"name": "Ann"}) == {"name": "Ann"}  # the engine's defaults stand
    assert checked_arguments(
        "add_applications", {"applications": [{"organisation": "A", "project": "B", "amount_pence": 5}]}
    ) == {"applications": [{"organisation": "A", "project": "B", "amount_pence": 5}]}
    with pytest.raises(ArgumentProblem, match="not something a session can do"):
        checked_arguments("os.system", {})
