"""Commands say what the person saw (issue [11]): a step by its id, start or pause rather than a toggle,
time added to the step on show. A command made from a view a moment old that no longer fits what is
there is refused in words, never done to another step."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import NotNow
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.session_file import load_session
from tests.conftest import small_plan


@pytest.fixture
def owner(sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    made = OpenSession.create(sessions_dir, small_plan(), "Seen", clock, "Ann", gather_seconds=0)
    made.apply(Command("share_agenda", {"agenda": True}))  # the note-taker's window moves the agenda too
    yield made
    made.close()


def refused(owner: OpenSession, name: str, **args: object) -> str:
    with pytest.raises(NotNow) as caught:
        owner.apply(Command(name, args, role="note-taker"))
    return str(caught.value)


def test_two_windows_pressing_next_on_the_same_step_move_the_agenda_once(owner: OpenSession) -> None:
    first = owner.engine.current.id
    owner.apply(Command("next_step", {"from_step": first}))
    assert (
        refused(owner, "next_step", from_step=first)
        == "The session has moved on to 'Tea' already, so that was not done."
    )
    assert owner.engine.current.title == "Tea"


def test_a_minute_is_added_only_to_the_step_the_person_saw(owner: OpenSession) -> None:
    first = owner.engine.current.id
    owner.apply(Command("next_step"))
    assert refused(owner, "add_minutes", minutes=5, step=first).startswith("The session has moved on to 'Tea' already")
    assert owner.engine.current.allowed_minutes == owner.engine.current.planned_minutes


def test_a_step_is_named_by_its_id_so_a_move_meanwhile_never_changes_another(owner: OpenSession) -> None:
    talk = owner.session.steps[2]
    owner.apply(Command("move_step", {"step": talk.id, "direction": -1}))  # Talk is now where Tea was
    owner.apply(Command("skip_step", {"step": talk.id, "skip": True}))
    assert [s.title for s in owner.session.steps if s.skipped_at is not None] == ["Talk"]
    assert refused(owner, "skip_step", step=talk.id, skip=True) == "'Talk' is skipped already."
    assert (
        refused(owner, "skip_step", index=2, step=talk.id)
        == "The agenda changed while that step was chosen, so nothing was done. Choose it again."
    )
    assert refused(owner, "remove_step", step="s99") == "That step is not in this session's agenda."
    owner.apply(Command("remove_step", {"step": talk.id}))
    owner.flush()
    assert [(s.title, s.removed_at is not None) for s in load_session(owner.path).steps][1:] == [
        ("Talk", True),
        ("Tea", False),
    ]


def test_start_and_pause_say_which_so_a_stale_press_never_undoes_what_was_meant(owner: OpenSession) -> None:
    owner.apply(Command("start_timer"))
    assert refused(owner, "start_timer") == "The timer is already running."
    assert owner.engine.countdown().running
