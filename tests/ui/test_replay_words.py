"""The trainer's replay names who said each note and who joined, and a time outside the session is said
to be so, with the session's span, and moves nothing."""

from datetime import timedelta
from pathlib import Path

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.widgets.replay_panel import ReplayPanel
from tests.example_sessions import training_part_1
from tests.ui.test_review import replay_text, review_app


async def test_the_replay_says_who_said_each_note_and_who_joined_the_roster(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")  # set up, then the first person added
        assert "Event 2 of" in replay_text(app) and "Margaret joined the roster." in replay_text(app)
        assert "someone" not in replay_text(app)
        await pilot.press("j", *"10:22", "enter")
        shown = replay_text(app)
        # As the live screen's notes list showed them: the kind, the words, and who said it.
        assert "  10:16 Hopes to learn how to get her group listened to - Margaret" in shown
        assert "  10:21 Arriving tired but glad to be here - Dennis" in shown


async def test_a_jump_to_a_time_before_the_start_says_so_and_stays_where_it_was(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", *"10:20", "enter")
        assert "Replay at 10:20:00" in replay_text(app)
        await pilot.press("j", *"9:30", "enter")
        await pilot.pause()
        assert "Replay at 10:20:00" in replay_text(app)  # not moved to the start
        messages = [str(note.message) for note in app._notifications]
        assert (
            "09:30 is before the session started. This session ran from 10:00 to 13:14. The replay stays at 10:20:00."
        ) in messages


async def test_a_jump_to_a_time_after_the_end_says_so_and_stays_where_it_was(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", *"10:20", "enter", "j", *"14:00", "enter")
        await pilot.pause()
        moment = app.screen.query_one(ReplayPanel).moment
        assert moment is not None and moment.strftime("%H:%M:%S") == "10:20:00"
        messages = [str(note.message) for note in app._notifications]
        assert (
            "14:00 is after the session ended. This session ran from 10:00 to 13:14. The replay stays at 10:20:00."
        ) in messages
        await pilot.press("j", *"13:14", "enter")  # the last minute is in the session
        assert "Replay at 13:14:00" in replay_text(app)


def test_keys_pressed_before_the_replay_is_first_shown_replay_from_the_start() -> None:
    # The moment is None until the panel is first shown: playing or stepping then starts from the start,
    # where before it failed on the missing moment.
    session = training_part_1()
    playing = ReplayPanel(session)
    playing.advance(90)
    assert playing.moment == session.started_at + timedelta(seconds=90)
    stepping = ReplayPanel(session)
    stepping.next_event()
    assert (stepping.upto, stepping.moment) == (1, session.events[0].at)
