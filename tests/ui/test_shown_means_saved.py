"""Shown means saved: a screen draws a change only once it is on disk, and never freezes waiting for it."""

from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.store.session_file import load_session
from workshop_tui.ui.widgets.note_line import NoteLine
from workshop_tui.ui.widgets.notes_list import NotesList
from tests.stalled_disk import WAIT, StalledDisk
from tests.ui.live_helpers import live, live_app, text_of


async def test_a_note_shows_only_once_it_is_on_disk_and_the_screen_goes_on_while_the_disk_is_slow(
    sessions_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        screen = live(app)
        disk = StalledDisk(monkeypatch)
        try:
            await pilot.press("t", *"Kept on disk first", "enter")
            assert disk.stalled.wait(WAIT)
            await pilot.pause()
            # The disk has not said it holds the note, so no screen shows it as recorded: the line says why.
            assert screen.session.notes == []
            assert "Kept on disk first" not in " ".join(
                str(o.prompt) for o in screen.query_one("#notes", NotesList).options
            )
            assert text_of(app, "#save-state") == "Saving 1 change..."
            # The room goes on meanwhile: keys are taken, and each waits for nothing.
            await pilot.press(*"Typed while it writes")
            assert screen.query_one("#note-line", NoteLine).value == "Typed while it writes"
        finally:
            disk.go()
        for _ in range(200):
            await pilot.pause(0.01)
            if screen.session.notes:
                break
        assert [note.text for note in screen.session.notes] == ["Kept on disk first"]
        assert text_of(app, "#save-state").startswith("Saved")
        assert [note.text for note in load_session(screen.path).notes] == ["Kept on disk first"]
