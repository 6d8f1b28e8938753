"""A window offers only what its role may do (core/roles.py): only the facilitator finishes, and a
window in a web browser (`serve`) never imports a file or exports to one, whatever its role."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from workshop_tui.core.clock import FakeClock
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.ui.app import OpenedSession, WorkshopApp
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.export_form import ExportForm
from workshop_tui.ui.screens.finished import FinishedScreen
from workshop_tui.ui.screens.panel import PanelScreen
from workshop_tui.ui.screens.review import ReviewScreen
from workshop_tui.ui.screens.text_prompt import TextPrompt
from tests.conftest import plan_named, small_plan
from tests.panel_helpers import the_panel
from tests.ui.live_helpers import live, text_of

IN_A_BROWSER = (
    "A window in a web browser cannot read or write this computer's files. Do this on the facilitator's computer."
)


@pytest.fixture
def owner(sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    made = OpenSession.create(sessions_dir, small_plan(), "Rights", clock, "Ann", gather_seconds=0)
    yield made
    made.close()


@pytest.fixture
def panel_owner(sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    made = OpenSession.create(
        sessions_dir, plan_named("commissioning-shortlisting"), "Fund", clock, "Ann", gather_seconds=0
    )
    made.apply(Command("open_round", {"pot_pence": 50_000_00}))
    made.apply(Command("add_application", {"organisation": "Hillside", "project": "Lunch", "amount_pence": 30_000_00}))
    yield made
    made.close()


def window_app(owner: OpenSession, clock: FakeClock, role: str, in_browser: bool = False) -> WorkshopApp:
    return WorkshopApp(
        sessions_dir=owner.path.parent, clock=clock, quiet=True, opening=OpenedSession(owner, role, in_browser)
    )


def notices(app: WorkshopApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def offered(app: WorkshopApp) -> list[str]:
    """What the command list (Ctrl+P) offers on the screen on show."""
    return [command.title for command in app.get_system_commands(app.screen)]


@pytest.mark.parametrize("in_browser", [False, True], ids=["terminal", "browser"])
async def test_a_note_takers_window_cannot_finish_the_session(
    owner: OpenSession, clock: FakeClock, in_browser: bool
) -> None:
    app = window_app(owner, clock, "note-taker", in_browser)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "ctrl+f")  # out of the note line, then the facilitator's key to finish
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Finish the session" not in offered(app)
        live(app).action_finish()  # however it is reached
        await pilot.pause()
        assert "Only the facilitator can finish the session." in notices(app)
    assert owner.session.status != "finished"


async def test_the_facilitators_window_still_finishes(owner: OpenSession, clock: FakeClock) -> None:
    app = window_app(owner, clock, "facilitator")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Finish the session" in offered(app)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, ConfirmScreen)


async def panel_applications(pilot: Pilot[Any]) -> None:
    await pilot.press("f9")  # the note-taker's window types first: the panel is on F9
    assert isinstance(pilot.app.screen, PanelScreen)
    await pilot.press("shift+tab", "shift+tab")  # it opens on the scores: back to the applications


async def test_a_browser_window_cannot_import_applications_and_says_why(
    panel_owner: OpenSession, clock: FakeClock
) -> None:
    app = window_app(panel_owner, clock, "note-taker", in_browser=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await panel_applications(pilot)
        assert "Import applications from a CSV file" not in offered(app)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen) and not isinstance(app.screen, TextPrompt)  # no question for a path
        assert IN_A_BROWSER in notices(app)
    assert [a.organisation for a in the_panel(panel_owner.session).round.applications] == ["Hillside"]


async def test_a_note_takers_window_in_a_terminal_leaves_importing_to_the_facilitator(
    panel_owner: OpenSession, clock: FakeClock
) -> None:
    app = window_app(panel_owner, clock, "note-taker")
    async with app.run_test(size=(110, 32)) as pilot:
        await panel_applications(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        assert "Only the chair can add applications." in notices(app)


async def test_the_facilitators_panel_still_imports(panel_owner: OpenSession, clock: FakeClock) -> None:
    app = window_app(panel_owner, clock, "facilitator")
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("c", "shift+tab", "shift+tab", "i")
        assert isinstance(app.screen, TextPrompt)


async def test_a_browser_window_offers_no_export_once_the_session_has_finished(
    owner: OpenSession, clock: FakeClock, sessions_dir: Path
) -> None:
    app = window_app(owner, clock, "note-taker", in_browser=True)
    async with app.run_test(size=(100, 30)) as pilot:
        owner.apply(Command("finish"))  # by the facilitator, elsewhere
        await pilot.pause()
        assert isinstance(app.screen, FinishedScreen)
        assert text_of(app, "#finished-keys") == "Press Enter to review the session, q to quit."
        assert "Export the minutes or the data" not in offered(app)
        await pilot.press("x")
        assert isinstance(app.screen, FinishedScreen)
        app.screen.action_export()
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and not isinstance(app.screen, ExportForm)
        app.screen.action_export()
        await pilot.pause()
        assert notices(app).count(IN_A_BROWSER) == 2
    assert sorted(p.name for p in sessions_dir.iterdir() if "minutes" in p.name) == []


async def test_a_facilitators_finished_session_still_exports(owner: OpenSession, clock: FakeClock) -> None:
    app = window_app(owner, clock, "facilitator")
    async with app.run_test(size=(100, 30)) as pilot:
        owner.apply(Command("finish"))
        await pilot.pause()
        assert text_of(app, "#finished-keys") == "Press Enter to review the session, x to export it, q to quit."
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportForm)


async def test_a_note_takers_panel_offers_the_sheets_but_not_the_chairs_keys(
    panel_owner: OpenSession, clock: FakeClock
) -> None:
    app = window_app(panel_owner, clock, "note-taker")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        screen = app.screen
        assert [screen.check_action(a, ()) for a in ("reveal", "award", "agree_close", "add_application")] == [
            False
        ] * 4


async def test_a_browsers_command_list_offers_no_screenshot_to_save(owner: OpenSession, clock: FakeClock) -> None:
    # Found by a tester: Ctrl+P in a browser's window offered Textual's screenshot, which saves a file.
    app = window_app(owner, clock, "note-taker", in_browser=True)
    async with app.run_test(size=(100, 30)):
        assert not any("screenshot" in title.lower() for title in offered(app))
    terminal = window_app(owner, clock, "note-taker")
    async with terminal.run_test(size=(100, 30)):
        assert any("screenshot" in title.lower() for title in offered(terminal))
