"""The home screen, driven as a person would with the keyboard."""

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Markdown, OptionList

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.help import HelpScreen


async def plans_shown(pilot: Pilot[Any]) -> list[str]:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    plans = pilot.app.screen.query_one("#plans", OptionList)
    return [str(plans.get_option_at_index(i).prompt) for i in range(plans.option_count)]


async def test_home_screen_lists_the_three_built_in_plans(sessions_dir: Path, clock: FakeClock) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test() as pilot:
        shown = await plans_shown(pilot)
        assert len(shown) == 3
        assert any("Co-production training, part 1" in label for label in shown)
        assert any("Co-production training, part 2" in label for label in shown)
        assert any("Commissioning panel: shortlisting" in label for label in shown)


async def test_moving_down_the_list_shows_that_plans_steps(sessions_dir: Path, clock: FakeClock) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test() as pilot:
        await plans_shown(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        details = app.screen.query_one("#plan-text", Markdown).source
        assert details.startswith("# Commissioning panel: shortlisting")
        assert "Declarations of interest" in details or "declarations" in details.lower()


async def test_plan_files_in_the_sessions_folder_are_listed_too(sessions_dir: Path, clock: FakeClock) -> None:
    (sessions_dir / "plans").mkdir(parents=True)
    (sessions_dir / "plans" / "ours.toml").write_text(
        'name = "ours"\ntitle = "Our own plan"\n[[steps]]\ntitle = "Hello"\nplanned_minutes = 5\n'
    )
    async with WorkshopApp(sessions_dir=sessions_dir, clock=clock).run_test() as pilot:
        shown = await plans_shown(pilot)
        assert any("Our own plan (your plan)" in label for label in shown)


async def test_f1_opens_help_and_escape_closes_it(sessions_dir: Path, clock: FakeClock) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test() as pilot:
        await plans_shown(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_ctrl_q_quits(sessions_dir: Path, clock: FakeClock) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test() as pilot:
        await plans_shown(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_choosing_a_plan_asks_for_a_title_and_names_then_starts_the_session(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.store.session_file import load_session
    from workshop_tui.ui.screens.live import LiveScreen
    from workshop_tui.ui.screens.start_session import StartSessionScreen

    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test() as pilot:
        await plans_shown(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, StartSessionScreen)
        await pilot.press("end", *" (Leeds)", "tab", *"Ann", "tab", *"Bob", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        saved = load_session(app.screen.path)
        assert saved.title == "Co-production training, part 1 (Leeds)"
        assert (saved.facilitator, saved.note_taker) == ("Ann", "Bob")
        assert app.screen.path.name == "2026-07-08-1000-co-production-training-part-1-leeds.toml"


async def test_enter_in_the_first_field_of_the_start_form_starts_as_its_button_says(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.ui.screens.live import LiveScreen

    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test() as pilot:
        await plans_shown(pilot)
        await pilot.press("enter")
        assert app.screen.focused is not None and app.screen.focused.id == "session-title"
        await pilot.press("end", *" (Leeds)", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.session.title == "Co-production training, part 1 (Leeds)"


async def test_escape_on_the_start_form_goes_back_without_making_a_file(sessions_dir: Path, clock: FakeClock) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test() as pilot:
        await plans_shown(pilot)
        await pilot.press("enter", "escape")
        assert app.screen.id != "live" and not sessions_dir.exists()


async def test_unfinished_sessions_are_offered_newest_first_and_open_on_enter(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.store.sessions_folder import SessionsFolder
    from workshop_tui.ui.screens.live import LiveScreen
    from tests.conftest import small_session

    older, newer = small_session("Older session"), small_session("Newer session")
    newer.started_at = older.started_at.replace(day=9)
    finished = small_session("Finished session")
    finished.status = "finished"
    for session in (older, newer, finished):
        SessionsFolder(sessions_dir).create(session)
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test() as pilot:
        await plans_shown(pilot)
        unfinished = app.screen.query_one("#unfinished", OptionList)
        labels = [str(unfinished.get_option_at_index(i).prompt) for i in range(unfinished.option_count)]
        assert [label.split("\n")[0] for label in labels] == ["Newer session", "Older session"]
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.session.title == "Newer session"


async def test_a_sessions_folder_that_is_a_file_is_said_in_words_when_starting(
    tmp_path: Path, clock: FakeClock
) -> None:
    from workshop_tui.ui.app import WorkshopApp

    not_a_folder = tmp_path / "sessions"
    not_a_folder.write_text("I am a file")
    app = WorkshopApp(not_a_folder, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the first plan
        await pilot.pause()
        await pilot.press("enter")  # start, with the plan's title
        await pilot.pause()
        assert app.is_running
        assert any("this is a file, not a folder" in str(n.message) for n in app._notifications)
    assert not_a_folder.read_text() == "I am a file"
