"""The notes list after the session under it is replaced (issue [11], found: a note-taker's window
crashed with DuplicateID after a takeover and a resume, and showed a note the file never held)."""

from typing import Any

from textual.app import App, ComposeResult

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import SessionEngine
from workshop_tui.ui.widgets.notes_list import NotesList
from tests.conftest import small_session


class ListApp(App[Any]):
    def compose(self) -> ComposeResult:
        yield NotesList(id="notes")


def shown(app: App[Any]) -> list[str]:
    notes = app.query_one(NotesList)
    return [str(notes.get_option_at_index(i).prompt).split(" ", 1)[1] for i in range(notes.option_count)]


async def test_a_replaced_session_is_drawn_whole_never_with_a_note_it_does_not_hold(clock: FakeClock) -> None:
    async with ListApp().run_test() as pilot:
        notes = pilot.app.query_one(NotesList)
        before = SessionEngine(small_session(), clock)
        before.add_note("A1 facilitator note")  # shown, then lost with the owner that never saved it
        notes.show(before.session, all_steps=False)
        assert shown(pilot.app) == ["A1 facilitator note"]
        # The window that took over loaded the file, which never held A1: its first note is n1 too.
        after = SessionEngine(small_session(), clock)
        after.add_note("B1 note-taker after crash")
        notes.show(after.session, all_steps=False)
        assert shown(pilot.app) == ["B1 note-taker after crash"]
        after.add_note("A2 after resume")
        notes.show(after.session, all_steps=False)  # before the fix: DuplicateID, or A1 still on show
        assert shown(pilot.app) == ["B1 note-taker after crash", "A2 after resume"]
        assert [o.id for o in (notes.get_option_at_index(i) for i in range(notes.option_count))] == ["n1", "n2"]
