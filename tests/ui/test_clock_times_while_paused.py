"""A paused break's "back at" time, and every clock time worked out from the time left, moves on with
the clock: now plus the time left, on every window that shows it, without waiting for the timer to restart."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.roles import Role
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.widgets.agenda import Agenda
from workshop_tui.ui.widgets.big_clock import BigClock
from tests.conftest import small_plan
from tests.test_windows import until
from tests.ui.live_helpers import advance, live, live_app, text_of
from tests.ui.test_windows_ui import joined_window_app, window_app


def agenda_start(app: WorkshopApp, title: str) -> str:
    """The Starts cell of the agenda row for the step called `title`."""
    table = live(app).query_one("#agenda", Agenda)
    row = next(index for index, line in enumerate(table.lines) if line.step.title == title)
    return str(table.get_row_at(row)[1])


async def pause_the_break_with_14_30_left(pilot: Pilot[Any], clock: FakeClock) -> None:
    """The small plan's Tea break (15 minutes), run for 30 seconds and paused (at 10:00:30 on a clock at 10:00)."""
    await pilot.press("n", "space")
    await advance(pilot, clock, 30)
    await pilot.press("space")
    await pilot.pause()


async def test_a_paused_breaks_back_at_time_moves_on_with_the_clock_on_the_facilitators_screen(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pause_the_break_with_14_30_left(pilot, clock)
        assert text_of(app, "#timer-words") == "Break - back at 10:15. Paused with 14:30 left. Press space to start."
        await advance(pilot, clock, 30)  # 10:01:00 now, 14:30 still left: back at 10:15:30, said as 10:16 (never early)
        assert text_of(app, "#timer-words").startswith("Break - back at 10:16.")
        await advance(pilot, clock, 30)  # 10:01:30: back at 10:16:00
        assert text_of(app, "#timer-words").startswith("Break - back at 10:16. Paused with 14:30 left.")
        assert app.screen.query_one("#back-at-time", Digits).value == "10:16"
        # The times worked out from it move on with it: when the next step starts, and the finish.
        assert agenda_start(app, "Talk") == "10:16"
        assert "expected finish 10:46" in text_of(app, "#status-line")
        await advance(pilot, clock, 59)  # 10:02:29: back at 10:16:59, said as 10:17
        assert app.screen.query_one("#back-at-time", Digits).value == "10:17"
        await advance(pilot, clock, 1)  # 10:02:30: back at 10:17:00
        assert app.screen.query_one("#back-at-time", Digits).value == "10:17"
        assert agenda_start(app, "Talk") == "10:17"
        assert "expected finish 10:47" in text_of(app, "#status-line")
        # Started again, it keeps the time it showed: no jump.
        await pilot.press("space")
        await advance(pilot, clock, 1)
        assert app.screen.query_one("#back-at-time", Digits).value == "10:17"


async def test_how_far_ahead_of_plan_goes_down_while_the_timer_is_paused(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await advance(pilot, clock, 15)
        # The timer first runs at 10:00:15, so the plan (55 minutes) is to finish at 10:55:15.
        await pause_the_break_with_14_30_left(pilot, clock)  # paused at 10:00:45
        assert "10 minutes ahead of plan" in text_of(app, "#status-line")
        await advance(pilot, clock, 15)  # 10:01:00: the finish would be 10:45:30, 9 minutes 45 seconds early
        assert "10 minutes ahead of plan" in text_of(app, "#status-line")
        await advance(pilot, clock, 20)  # 10:01:20: the finish would be 10:45:50, 9 minutes 25 seconds early
        assert "9 minutes ahead of plan" in text_of(app, "#status-line")


async def test_a_paused_breaks_back_at_time_moves_on_with_the_clock_in_the_projector_view(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pause_the_break_with_14_30_left(pilot, clock)
        await pilot.press("f")
        assert text_of(app, "#projector-title") == "Tea - back at 10:15"
        await advance(pilot, clock, 30)
        assert text_of(app, "#projector-title") == "Tea - back at 10:16"
        await advance(pilot, clock, 30)
        assert text_of(app, "#projector-title") == "Tea - back at 10:16"
        assert app.screen.query_one("#big-clock", BigClock).text == "10:16"
        assert text_of(app, "#projector-words") == "Paused: 14 minutes left"  # 14:30 on the clock, no key


@pytest.fixture
def owner(sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    made = OpenSession.create(sessions_dir, small_plan(), "Windows", clock, "Ann", "Bob", gather_seconds=0)
    yield made
    made.close()


def pause_the_break_in_the_owner(owner: OpenSession, clock: FakeClock) -> None:
    owner.apply(Command("next_step"))
    owner.apply(Command("toggle_timer"))
    clock.advance(seconds=30)
    owner.apply(Command("toggle_timer"))


@pytest.mark.parametrize("role", ["audience", "note-taker"])
async def test_a_paused_breaks_back_at_time_moves_on_with_the_clock_in_a_joined_window(
    owner: OpenSession, clock: FakeClock, role: Role
) -> None:
    """The audience's window (`show`) and a note-taker's (`join`) are on a session run elsewhere."""
    pause_the_break_in_the_owner(owner, clock)
    window, app = joined_window_app(owner, clock, role, name="Bob" if role == "note-taker" else "")
    async with app.run_test(size=(120, 40)) as pilot:
        until(
            lambda: window.engine.session.status == "paused" and window.engine.current.title == "Tea",
            "the window hearing the pause",
        )
        await advance(pilot, clock, 0)
        shown = "#projector-title" if role == "audience" else "#timer-words"
        assert "back at 10:15" in text_of(app, shown)
        await advance(pilot, clock, 30)
        assert "back at 10:16" in text_of(app, shown)
        await advance(pilot, clock, 30)
        assert "back at 10:16" in text_of(app, shown)
    window.close()


async def test_a_paused_breaks_back_at_time_moves_on_with_the_clock_in_a_second_window_of_the_owner(
    owner: OpenSession, clock: FakeClock
) -> None:
    """A window opened on the owner itself, such as the facilitator's own with another role."""
    pause_the_break_in_the_owner(owner, clock)
    app = window_app(owner, clock, "facilitator")
    async with app.run_test(size=(120, 40)) as pilot:
        await advance(pilot, clock, 0)
        assert text_of(app, "#timer-words").startswith("Break - back at 10:15.")
        await advance(pilot, clock, 30)
        assert text_of(app, "#timer-words").startswith("Break - back at 10:16.")
