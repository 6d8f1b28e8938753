"""Building the app on a live session, with a fake clock and a temporary sessions folder."""

from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.model import Plan
from workshop_tui.ui.app import StartPlan, WorkshopApp
from workshop_tui.ui.screens.live import LiveScreen
from workshop_tui.ui.screens.start_session import SessionDetails
from tests.conftest import small_plan


def live_app(sessions_dir: Path, clock: FakeClock, plan: Plan | None = None, quiet: bool = True) -> WorkshopApp:
    details = SessionDetails("Test session", "Ann", "Bob")
    return WorkshopApp(
        sessions_dir=sessions_dir,
        clock=clock,
        quiet=quiet,
        opening=StartPlan(plan or small_plan(), details),
        autosave_gather_seconds=0,
    )


def live(app: App[Any]) -> LiveScreen:
    """The live screen, even while a dialog or the records screen is on top of it."""
    screens = [screen for screen in app.screen_stack if isinstance(screen, LiveScreen)]
    assert screens, "no live screen is open"
    return screens[-1]


def text_of(app: WorkshopApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def advance(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on and let the screen draw the new time."""
    clock.advance(seconds=seconds)
    live(pilot.app).tick()
    await pilot.pause()
