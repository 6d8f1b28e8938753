"""A finish made by mistake is taken back within a minute (issue [10]): the session carries on where it
was, the file and its listing agree, and after the minute it stays finished."""

from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import UNDO_FINISH_SECONDS, NotNow
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.session_file import load_session
from workshop_tui.store.sessions_folder import SessionsFolder
from tests.conftest import small_plan


def finished_owner(sessions_dir: Path, clock: FakeClock) -> OpenSession:
    owner = OpenSession.create(sessions_dir, small_plan(), "Part 1", clock, "Ann", gather_seconds=0)
    owner.apply(Command("start_timer"))
    clock.advance(minutes=5)
    owner.apply(Command("add_note", {"typed": "Meet at the library"}))
    owner.apply(Command("finish"))
    return owner


def test_taking_back_a_finish_carries_on_where_it_was_and_the_file_agrees(sessions_dir: Path, clock: FakeClock) -> None:
    owner = finished_owner(sessions_dir, clock)
    clock.advance(UNDO_FINISH_SECONDS - 1)
    owner.apply(Command("reopen"))
    owner.apply(Command("add_note", {"typed": "One more thing"}))
    owner.close()
    session = load_session(owner.path)
    assert session.status == "paused" and session.ended_at is None
    assert session.steps[session.current_step].ended_at is None
    assert [note.text for note in session.notes] == ["Meet at the library", "One more thing"]
    assert [path for path, _ in SessionsFolder(sessions_dir).unfinished()] == [owner.path]  # resume offers it again


def test_after_a_minute_a_finish_stays(sessions_dir: Path, clock: FakeClock) -> None:
    owner = finished_owner(sessions_dir, clock)
    clock.advance(UNDO_FINISH_SECONDS + 1)
    with pytest.raises(NotNow, match="more than a minute ago"):
        owner.apply(Command("reopen"))
    owner.close()
    assert load_session(owner.path).status == "finished"


def test_only_a_finished_session_can_be_taken_back(sessions_dir: Path, clock: FakeClock) -> None:
    owner = OpenSession.create(sessions_dir, small_plan(), "Part 1", clock, "Ann", gather_seconds=0)
    with pytest.raises(NotNow, match="has not finished"):
        owner.apply(Command("reopen"))
    owner.close()
