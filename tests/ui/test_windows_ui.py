"""The note-taker's window types first; the audience window only shows; the facilitator can switch."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey  # not exported by textual.widgets

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.roles import Role
from workshop_tui.store.joined_session import JoinedSession
from workshop_tui.store.open_session import Command, OpenSession, SessionLink
from workshop_tui.ui.app import OpenedSession, WorkshopApp
from tests.conftest import small_plan
from tests.test_windows import until
from tests.ui.live_helpers import live, text_of


def footer_words(app: WorkshopApp) -> str:
    return " ".join(str(key.description) for key in app.screen.query(FooterKey))


def window_app(owner: SessionLink, clock: FakeClock, role: Role) -> WorkshopApp:
    return WorkshopApp(sessions_dir=owner.path.parent, clock=clock, quiet=True, opening=OpenedSession(owner, role))


def joined_window_app(
    owner: OpenSession, clock: FakeClock, role: Role, name: str = "", code: str = ""
) -> tuple[JoinedSession, WorkshopApp]:
    """A window of `role` joined to `owner` (which serves its socket), and an app on it."""
    owner.serve()
    window = JoinedSession(owner.path, clock, role, name, code=code)
    until(lambda: window.link == "joined", "joining")
    return window, window_app(window, clock, role)


@pytest.fixture
def owner(sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    made = OpenSession.create(sessions_dir, small_plan(), "Windows", clock, "Ann", "Bob", gather_seconds=0)
    yield made
    made.close()


async def test_in_the_note_takers_window_a_sentence_goes_into_the_note_line_and_moves_nothing(
    owner: OpenSession, clock: FakeClock
) -> None:
    app = window_app(owner, clock, "note-taker")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"so we agreed now")
        assert app.screen.query_one("#note-line", Input).value == "so we agreed now"
        assert owner.session.current_step == 0 and owner.session.status == "paused"  # n, space and a did nothing
        await pilot.press("enter")
        assert [n.text for n in owner.session.notes] == ["so we agreed now"]
        # The agenda and the timer are the facilitator's until they share them: F8 says so and moves nothing.
        await pilot.press("f8")
        await pilot.pause()
        assert owner.session.current_step == 0
        assert any("unless they let the note-taker do it too" in str(n.message) for n in app._notifications)
        assert "Next" not in footer_words(app) and "Timer" not in footer_words(app)
        owner.apply(Command("share_agenda", {"agenda": True}))  # the facilitator's Ctrl+T
        await pilot.pause(0.05)
        await pilot.pause()
        assert "Next" in footer_words(app)
        assert "Press F5 to start." in text_of(app, "#timer-words")
        await pilot.press("f8", "f5")  # commands are on F-keys
        session = owner.session  # read again: the keys changed it since its status was checked above
        assert session.current_step == 1 and session.status == "running"


async def test_a_letter_typed_while_the_agenda_has_the_focus_still_goes_into_the_note_line(
    owner: OpenSession, clock: FakeClock
) -> None:
    app = window_app(owner, clock, "note-taker")
    async with app.run_test(size=(100, 30)) as pilot:
        live(app).query_one("#agenda").focus()
        await pilot.press("n", "o")
        assert app.screen.query_one("#note-line", Input).value == "no"
        assert owner.session.current_step == 0


async def test_the_facilitator_switches_to_type_first_and_back_with_f2(owner: OpenSession, clock: FakeClock) -> None:
    app = window_app(owner, clock, "facilitator")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2", *"next", "enter")
        assert [n.text for n in owner.session.notes] == ["next"] and owner.session.current_step == 0
        await pilot.press("f2")
        assert not app.screen.has_class("-type-first")
        live(app).query_one("#agenda").focus()
        await pilot.press("n")
        assert owner.session.current_step == 1  # single letters are commands again


async def test_the_audience_window_shows_the_clock_and_changes_nothing(owner: OpenSession, clock: FakeClock) -> None:
    window, app = joined_window_app(owner, clock, "audience")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.has_class("-projector")
        await pilot.press("space", "n", "f", "escape", "t", "x")
        assert owner.session.status == "paused" and owner.session.current_step == 0 and owner.session.notes == []
        assert app.screen.has_class("-projector")
        assert text_of(app, "#projector-words") == "Not started yet: 10 minutes"  # no key to press here
        owner.apply(Command("next_step"))
        until(lambda: window.engine.current.title == "Tea", "the audience window hearing the step change")
        await pilot.pause()
        await pilot.pause()
        assert text_of(app, "#projector-title").startswith("Tea - back at")
        owner.close()
        until(lambda: window.link == "owner gone", "the audience window noticing the owner has gone")
        await pilot.pause()
        await pilot.pause()
        # The room sees the last good view with a small mark, never a technical state or a key...
        assert text_of(app, "#link-state") == "·"
        assert text_of(app, "#projector-title").startswith("Tea - back at")
        # ... and is told only once it has lasted a few seconds.
        clock.advance(5)
        live(app).tick()
        assert text_of(app, "#link-state") == "Back in a moment."
    window.close()


async def test_the_audience_window_never_tells_the_room_a_key(owner: OpenSession, clock: FakeClock) -> None:
    window, app = joined_window_app(owner, clock, "audience")
    async with app.run_test(size=(80, 24)) as pilot:
        until(lambda: window.link == "joined", "joining")
        await pilot.pause()
        screen_words = " ".join(str(w.content) for w in app.screen.query(Static) if w.display)
        assert "Ctrl+Q" not in screen_words
    window.close()


async def test_resuming_a_session_another_window_runs_joins_it_as_the_facilitator(
    owner: OpenSession, clock: FakeClock
) -> None:
    owner.serve()
    app = WorkshopApp(sessions_dir=owner.path.parent, clock=clock, quiet=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.resume_session(owner.path, show=True)
        until(lambda: getattr(screen.owner, "link", "") == "joined", "joining")
        await pilot.pause()
        assert isinstance(screen.owner, JoinedSession) and screen.sub_title == "Facilitator's window (Ann)"
        await pilot.press("n")  # single letters work as on the facilitator's own screen
        until(lambda: owner.session.current_step == 1, "the step change reaching the owner")


async def test_a_finish_in_another_window_never_throws_away_a_half_typed_note_unseen(
    owner: OpenSession, clock: FakeClock
) -> None:
    window, app = joined_window_app(owner, clock, "note-taker", "Bob")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"half typed")
        owner.apply(Command("finish"))
        until(lambda: window.engine.finished, "the window hearing the finish")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is live(app)  # still here, with the words on screen
        assert app.screen.query_one("#note-line", Input).value == "half typed"
        assert any("what you are typing here cannot be added" in str(n.message) for n in app._notifications)
    window.close()


async def test_the_note_takers_command_list_still_offers_what_its_letters_do_elsewhere(
    owner: OpenSession, clock: FakeClock
) -> None:
    app = window_app(owner, clock, "note-taker")
    async with app.run_test(size=(100, 30)) as pilot:
        offered = {command.title for command in app.get_system_commands(app.screen)}
        assert "Projector view on or off" in offered
        assert "Add a minute to this step" not in offered  # the facilitator's until they share the agenda
        owner.apply(Command("share_agenda", {"agenda": True}))
        await pilot.pause()
        offered = {command.title for command in app.get_system_commands(app.screen)}
        assert "Add a minute to this step" in offered
        await app._run_from_palette("add_minute", app.screen)
        await pilot.pause()
        assert owner.session.steps[0].allowed_minutes == 11
        await pilot.press("+")  # the key itself still types
        assert owner.session.steps[0].allowed_minutes == 11
        assert app.screen.query_one("#note-line", Input).value == "+"


async def test_the_audience_window_says_when_the_session_ended_instead_of_a_stopped_clock(
    owner: OpenSession, clock: FakeClock
) -> None:
    window, app = joined_window_app(owner, clock, "audience")
    async with app.run_test(size=(80, 24)) as pilot:
        owner.apply(Command("finish"))
        until(lambda: window.engine.finished, "the audience window hearing the finish")
        await pilot.pause()
        await pilot.pause()
        assert text_of(app, "#projector-title") == "Windows - finished at 10:00"
        assert text_of(app, "#projector-next") == "" and text_of(app, "#link-state") == "The session has ended."
    window.close()


async def test_the_note_takers_command_list_never_offers_a_letter_that_would_go_into_the_note(
    owner: OpenSession, clock: FakeClock
) -> None:
    """Found by a new user: Ctrl+P in the note-taker's window said 'Key: D' for a decision, but D typed a d."""
    app = window_app(owner, clock, "note-taker")
    async with app.run_test(size=(100, 30)) as pilot:
        helps = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert helps["Record a decision, even while typing a note"] == "Key: F3"
        letter_keys = [help for help in helps.values() if re.fullmatch(r"Key: \w", help)]
        assert letter_keys == [], letter_keys
        assert any(help.startswith("Key: D, once F2 makes letters keys again") for help in helps.values())
        await pilot.press("f2")  # letters are keys again: said plainly
        helps = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert "Key: D" in helps.values()
