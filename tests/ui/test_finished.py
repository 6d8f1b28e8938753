"""After finishing (issue 9, item 17): a finished screen with how it went, where the file is, and review,
export and quit; the live screen's timer and step keys are not offered any more."""

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.store.session_file import load_session
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.export_form import ExportForm
from workshop_tui.ui.screens.finished import FinishedScreen, finished_summary
from workshop_tui.ui.screens.review import ReviewScreen
from workshop_tui.ui.widgets.note_line import NoteLine
from tests.conftest import finished_session
from tests.ui.live_helpers import advance, live, live_app


def shown(app: WorkshopApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def finish_after_the_first_step(pilot: Pilot[Any], clock: FakeClock) -> None:
    screen = live(pilot.app)
    for typed in ("+ Meet at the library", "? Who brings the tea", "> Bus times"):
        assert screen.run_command("add_note", typed=typed)
    assert screen.run_command("add_action", text="Ring the council", owner="")
    assert screen.run_command("record_decision", question="Meet monthly?", method="consensus", outcome="agreed")
    await pilot.press("space")
    await advance(pilot, clock, 12 * 60)
    await pilot.press("ctrl+f", "ctrl+f")
    await pilot.pause()


async def test_finishing_shows_how_it_went_where_it_is_saved_and_what_next(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_after_the_first_step(pilot, clock)
        assert isinstance(app.screen, FinishedScreen)
        assert (
            shown(app, "#status-line")
            == "Finished at 10:12. It ran for 12 minutes from 10:00; the plan was 55 minutes."
        )
        counts = shown(app, "#finished-counts")
        assert "Recorded: 3 notes, 1 decision, 1 action." in counts
        assert "Not reached: Tea, Talk." in counts  # never ran, so never shown as done
        path = live(app).path
        assert shown(app, "#finished-file") == f"Saved in {path}"
        assert "Welcome: 2 minutes over" in shown(app, "#finished-timings")
        assert load_session(path).status == "finished"
        keys = {binding.binding.action for binding in app.screen.active_bindings.values()}
        assert {"review", "export", "quit"} <= keys


async def test_after_finishing_the_timer_and_step_keys_are_not_offered(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await finish_after_the_first_step(pilot, clock)
        screen = live(app)
        for action in ("toggle_timer", "next_step", "previous_step", "typing_next", "add_minute", "note_line"):
            assert screen.check_action(action, ()) is False, action
        steps = [s.started_at for s in screen.session.steps]
        await pilot.press("space", "n", "p")  # on the finished screen these do nothing to the session
        assert [s.started_at for s in screen.session.steps] == steps
        assert screen.session.status == "finished"


async def test_enter_opens_the_review_and_a_comment_there_is_saved(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await finish_after_the_first_step(pilot, clock)
        path = live(app).path
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.path == path
        await pilot.press("c", *"Keep the welcome short", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, FinishedScreen)
    assert [c.text for c in load_session(path).comments] == ["Keep the welcome short"]


async def test_x_exports_from_the_finished_screen(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await finish_after_the_first_step(pilot, clock)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportForm)


async def test_q_quits_after_finishing(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await finish_after_the_first_step(pilot, clock)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


def test_the_summary_says_the_length_against_the_plan_and_the_counts() -> None:
    session = finished_session()
    assert finished_summary(session) == [
        "Finished at 10:20. It ran for 20 minutes from 10:00; the plan was 55 minutes.",
        "Recorded: 0 notes, 0 decisions, 0 actions.",
        "Not reached: Tea, Talk.",
    ]


async def test_f1_after_finishing_opens_the_help_at_the_finished_keys(sessions_dir: Path, clock: FakeClock) -> None:

    from workshop_tui.ui.screens.help import HelpScreen
    from tests.ui.test_key_help import first_section, help_shown

    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_after_the_first_step(pilot, clock)
        await pilot.press("f1")
        await help_shown(pilot)
        assert isinstance(app.screen, HelpScreen) and app.screen.section == "after-finishing"
        assert first_section(app) == "## After finishing"


def test_a_step_moved_past_without_its_timer_was_reached() -> None:
    from workshop_tui.core.clock import FakeClock
    from workshop_tui.core.session_engine import SessionEngine, new_session
    from tests.conftest import TEN_AM, small_plan

    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(small_plan(), "Quick", clock), clock)
    engine.next_step()  # Welcome was talked through without the timer
    engine.next_step()
    engine.finish()  # finished while on Talk, its timer never started either
    assert not any(line.startswith("Not reached") for line in finished_summary(engine.session))


async def test_a_finish_made_by_mistake_is_taken_back_with_ctrl_z_within_a_minute(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_after_the_first_step(pilot, clock)
        assert "Press Ctrl+Z before" in shown(app, "#finished-undo")
        path = live(app).path
        assert load_session(path).status == "finished"
        clock.advance(30)
        await pilot.press("ctrl+z")
        await pilot.pause()
        screen = live(app)
        assert screen is app.screen and screen.session.status == "paused"
        assert screen.session.ended_at is None
        # One clock wakes the screen each second again, not two (each a redraw, twice a second).
        waking = [t for t in screen._timers if t._task and getattr(t._callback, "__name__", "") in ("_start", "tick")]
        assert len(waking) == 1
        assert screen.run_command("add_note", typed="One more thing")
        screen.owner.flush()
        on_disk = load_session(path)
        assert on_disk.status == "paused" and on_disk.notes[-1].text == "One more thing"


async def test_after_a_minute_the_finish_stays(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_after_the_first_step(pilot, clock)
        screen = live(app)
        clock.advance(61)
        assert not screen.run_command("reopen")
        await pilot.pause()
        assert any("more than a minute ago" in str(n.message) for n in app._notifications)
        screen.close_finished()  # what the minute's timer does
        await pilot.pause()
        assert "#finished-undo" not in [f"#{w.id}" for w in app.screen.query(Static)]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_session(screen.path).status == "finished"
        assert screen.owner.closed  # the lock is let go, so the review can add comments
        # Ctrl+Z is not offered now, and pressing it says why rather than doing nothing.
        assert any("Too late to carry on" in str(n.title) for n in app._notifications)
        assert "Carry on" not in " ".join(str(key) for key in app.screen.query("FooterKey"))


async def test_finishing_while_a_note_is_half_typed_never_says_another_window_finished(
    sessions_dir: Path, clock: FakeClock
) -> None:
    # Found by a tester: with "y" in the note line, this window's own finish was called "finished in
    # another window, so what you are typing cannot be added", beside "Carrying on" after Ctrl+Z.
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t", "y", "ctrl+f", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FinishedScreen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert not any("another window" in words for words in said), said
        assert live(app).query_one("#note-line", NoteLine).value == "y"  # the half-typed note is still there
