"""Files written by the first version of the app (schema 1: the whole state plus the events) still
open, are never changed by reading them, and are upgraded only when a change is saved."""

import shutil
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.replay import state_at
from workshop_tui.store.open_session import OpenSession
from workshop_tui.store.session_file import load_session, load_session_file
from workshop_tui.store.sessions_index import SessionsIndex
from workshop_tui.ui.app import ReviewSession, WorkshopApp
from tests.example_sessions import EXAMPLES

FORMAT_1 = Path(__file__).resolve().parent / "fixtures" / "format-1"
FILES = sorted(FORMAT_1.glob("*.toml"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for path in FILES:
        shutil.copy2(path, tmp_path / path.name)
        (tmp_path / path.name).chmod(0o600)
    return tmp_path


def test_the_shipped_examples_as_first_written_load_and_are_what_their_own_events_make() -> None:
    # So their upgrade, which keeps only the events, loses nothing.
    for path in FILES:
        loaded = load_session(path)
        replayed = state_at(loaded, loaded.events[-1].at, events_upto=len(loaded.events))
        # One rule was mended on purpose since: someone who leaves and comes back keeps their first arrival time.
        for person in replayed.participants + loaded.participants:
            person.arrived_at = None
        assert replayed.model_dump(exclude={"events", "schema_version"}) == loaded.model_dump(
            exclude={"events", "schema_version"}
        )
    assert {load_session(path).title for path in FILES} == {make().title for make in EXAMPLES}


def test_listing_and_reviewing_leave_a_format_1_file_untouched(folder: Path) -> None:
    before = {path.name: path.read_bytes() for path in folder.glob("*.toml")}
    lines = SessionsIndex(folder).lines()
    assert {line.title for line in lines} == {load_session(path).title for path in FILES}
    assert all(not line.problem for line in lines)
    assert {path.name: path.read_bytes() for path in folder.glob("*.toml")} == before


async def test_the_review_screen_opens_a_format_1_file_without_writing_it(folder: Path) -> None:
    path = sorted(folder.glob("*.toml"))[0]
    before = path.read_bytes()
    app = WorkshopApp(folder, FakeClock(), opening=ReviewSession(load_session(path), path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.title is not None
        assert "Co-production training" in app.screen.title
    assert path.read_bytes() == before


def test_resuming_without_a_change_writes_nothing_and_a_change_upgrades_the_file(folder: Path) -> None:
    path = sorted(folder.glob("*.toml"))[0]
    before = path.read_bytes()
    clock = FakeClock()
    owner = OpenSession.resume(path, clock, allow_finished=True, gather_seconds=60)
    owner.close()
    assert path.read_bytes() == before
    session = load_session(path)

    owner = OpenSession.resume(path, clock, allow_finished=True, gather_seconds=60)
    owner.add_comment("s2", "A good check-in: everyone spoke.")
    assert owner.close().ok
    upgraded = load_session_file(path)
    assert upgraded.version == 2
    assert upgraded.session.model_dump(exclude={"events", "comments", "schema_version"}) == session.model_dump(
        exclude={"events", "comments", "schema_version"}
    )
    assert upgraded.session.events[: len(session.events)] == session.events
    assert [c.text for c in upgraded.session.comments] == ["A good check-in: everyone spoke."]
    assert not list(folder.glob("*.bak"))


def test_a_format_1_file_whose_state_disagrees_with_its_events_is_kept_as_a_copy(folder: Path) -> None:
    path = sorted(folder.glob("*.toml"))[0]
    text = path.read_text()
    # A note changed by hand in the state but not in the events.
    path.write_text(text.replace('text = "Enjoyed it"', 'text = "Enjoyed it a lot"', 1))
    owner = OpenSession.resume(path, FakeClock(), allow_finished=True, gather_seconds=60)
    owner.add_comment("s2", "Upgrade me.")
    owner.close()
    [backup] = folder.glob("*.bak")
    assert "Enjoyed it a lot" in backup.read_text()
    assert backup.stat().st_mode & 0o777 == 0o600
