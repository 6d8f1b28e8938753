"""With colours removed (NO_COLOR), every state still reads in words or shapes: a step running over,
paused, a break, who is present, done actions, and scores hidden until the reveal."""

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.app import WorkshopApp
from tests.conftest import plan_named
from tests.ui.contrast import inks
from tests.ui.live_helpers import advance, live, live_app
from tests.ui.whole_words import screen_text


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def _words(app: WorkshopApp) -> str:
    return " ".join(screen_text(app).split())


async def _seen(app: WorkshopApp, run_before: Callable[[Pilot[Any]], Awaitable[None]]) -> str:
    """What the screen says in words once `run_before` has run, with every colour checked to be grey."""
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.no_color
        await run_before(pilot)
        await pilot.pause()
        coloured = [ink for ink in inks(app) if len({*ink.foreground}) > 1 or len({*ink.background}) > 1]
        assert not coloured, f"a colour is left: {coloured[0]}"
        return _words(app)


def _at(seconds: float, *keys: str, then: tuple[str, ...] = ()) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        assert isinstance(pilot.app, WorkshopApp) and isinstance(pilot.app.clock, FakeClock)
        await advance(pilot, pilot.app.clock, seconds)
        await pilot.press(*then)

    return run_before


async def test_a_step_running_over_says_so_on_the_live_screen_and_the_projector(
    tmp_path: Path, clock: FakeClock
) -> None:
    said = await _seen(live_app(tmp_path, clock), _at(12 * 60 + 13, "space"))
    assert "2:13 over" in said
    said = await _seen(live_app(tmp_path / "projector", clock), _at(12 * 60 + 13, "space", "f"))
    assert "Welcome 2 minutes over" in said  # the projector says whole minutes, as the room reads them


async def test_a_paused_timer_says_paused(tmp_path: Path, clock: FakeClock) -> None:
    said = await _seen(live_app(tmp_path, clock), _at(90, "space", then=("space",)))
    assert "Paused with 8:30 left" in said


async def test_a_break_says_break_and_when_to_come_back(tmp_path: Path, clock: FakeClock) -> None:
    said = await _seen(live_app(tmp_path, clock), _at(60, "n", "space"))
    assert "Break - back at 10:15" in said
    said = await _seen(live_app(tmp_path / "2", clock), _at(60, "n", "space", "f"))
    assert "back at" in said


def _a_room(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        run = live(pilot.app).run_command
        run("add_person", name="Ann Smith", role="older person")
        run("add_person", name="Tom Bell", role="staff", arrived=False)
        run("add_person", name="Joy Okafor", role="older person")
        run("person_left", person_id="p3")
        run("start_timer")
        run("add_action", text="Book the library room", owner="Ann Smith", due=date(2026, 7, 15))
        run("add_action", text="Ask about the bus", owner="Tom Bell", due=date(2026, 7, 15))
        run("toggle_action", action_id="a1")
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


async def test_who_is_present_reads_in_words(tmp_path: Path, clock: FakeClock) -> None:
    said = await _seen(live_app(tmp_path, clock, plan=plan_named("co-production-part-1")), _a_room("r"))
    assert "Name Role Arrived Left" in said
    assert "Ann Smith older person 10:00 here" in said
    assert "Tom Bell staff not yet" in said
    assert "Joy Okafor older person 10:00 10:00" in said  # came and left


async def test_done_actions_read_done(tmp_path: Path, clock: FakeClock) -> None:
    said = await _seen(
        live_app(tmp_path, clock, plan=plan_named("co-production-part-1")), _a_room("r", "right", "right")
    )
    assert "Book the library room Ann Smith 15 Jul 2026 ✓ done" in said
    assert "Ask about the bus Tom Bell 15 Jul 2026 open" in said


async def test_scores_hidden_until_the_reveal_say_so(tmp_path: Path, clock: FakeClock) -> None:
    from tests.ui.test_snapshots import a_scored_round

    app = live_app(tmp_path, clock, plan=plan_named("commissioning-shortlisting"))
    said = await _seen(app, a_scored_round(False, ("down", "right")))
    assert "Hidden from the room until the chair reveals them" in said
