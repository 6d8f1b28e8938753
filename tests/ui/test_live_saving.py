"""Autosave on the live screen: the status line says when it saved, or warns when it cannot."""

import errno
import os
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.store.open_session import OpenSession
from workshop_tui.store.session_file import load_session
from workshop_tui.ui.app import OpenedSession, WorkshopApp
from tests.ui.live_helpers import advance, live, live_app, text_of


def break_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a read-only folder does, even for root (who may write anywhere)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("workshop_tui.store.atomic.tempfile.mkstemp", refuse)


async def test_the_status_line_says_when_the_session_was_saved(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        assert text_of(app, "#save-state") == "Saved 10:00:00"
        await advance(pilot, clock, 5)
        await pilot.press("space")
        live(app).save_before_quitting()
        await pilot.pause()
        assert text_of(app, "#save-state") == "Saved 10:00:05"


async def test_a_read_only_sessions_folder_warns_and_keeps_the_session(
    sessions_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions_dir.mkdir()
    if os.geteuid() != 0:
        sessions_dir.chmod(0o500)  # a real read-only folder, where permissions apply
    else:
        break_the_disk(monkeypatch)
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("space", "t", *"Still here", "enter")
        await pilot.pause()
        screen = live(app)
        assert "Could not save" in text_of(app, "#save-state")
        assert "kept in memory" in text_of(app, "#save-state")
        assert screen.has_class("-not-saved")
        # Kept in memory, and not drawn as recorded until it is on disk: the line says it is waiting.
        assert screen.owner.session.notes[0].text == "Still here"
        assert screen.session.notes == [] and not screen.engine.countdown().running
        assert "3 changes waiting to be saved" in text_of(app, "#save-state")  # its start too: no file yet
        # Quitting warns first, so nothing is lost without the user knowing.
        await pilot.press("ctrl+q")
        assert app.is_running
        assert any("quit without saving" in str(n.message) for n in app._notifications)
        sessions_dir.chmod(0o700)
        monkeypatch.undo()
        assert screen.save_before_quitting().ok
        await pilot.pause()
        assert text_of(app, "#save-state").startswith("Saved")
        assert screen.session.notes[0].text == "Still here"  # on disk now, so drawn
    assert load_session(screen.path).notes[0].text == "Still here"


async def test_resume_shows_a_running_timer_still_running(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 90)
        path = live(app).path
        live(app).save_before_quitting()
    # The laptop was closed for ten minutes; the timer kept running all along.
    clock.advance(minutes=10)
    resumed = WorkshopApp(sessions_dir, clock, quiet=True, opening=OpenedSession(OpenSession.resume(path, clock)))
    async with resumed.run_test() as pilot:
        await pilot.pause()
        assert text_of(resumed, "#timer-words") == "1:30 over. Time's up for this step."


def test_work_saved_under_a_new_name_reads_as_saved_with_where_it_went() -> None:
    from datetime import datetime

    from workshop_tui.store.open_session import SaveState
    from workshop_tui.ui.widgets.status_row import save_words

    moved = SaveState(
        saved_at=datetime(2026, 12, 7, 10, 4, 5), warning="Your work is kept in /x/part-1 (saved 10-04-05).toml."
    )
    assert moved.ok
    assert save_words(moved) == "Saved 10:04:05. Your work is kept in /x/part-1 (saved 10-04-05).toml."
    assert save_words(SaveState(saved_at=None, problem="Could not save.")) == "Could not save."
