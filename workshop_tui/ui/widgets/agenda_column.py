"""The live screen's left-hand column: the agenda, this step's notes (or every step's), and who has not
been heard from yet; and what the agenda's and the notes list's keys ask for, carried out."""

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from workshop_tui.model import Session
from workshop_tui.ui.screens.live_agenda_edits import change_coming_step, index_of, remove_coming_step
from workshop_tui.ui.screens.live_records import ask_to_change_note
from workshop_tui.ui.widgets.agenda import Agenda
from workshop_tui.ui.widgets.line import Line
from workshop_tui.ui.widgets.live_window import LiveWindow
from workshop_tui.ui.widgets.notes_list import NotesList


def notes_heading(all_notes: bool, type_first: bool, shown: int, total: int, on_projector: bool) -> str:
    if type_first:  # a letter here would go into the note line, so no letter is offered
        heading = "Notes for every step" if all_notes else "Notes for this step"
    else:
        heading = "Notes for every step (v: this step only)" if all_notes else "Notes for this step (v: all steps)"
    if total > shown:
        heading += f" - the newest {shown} of {total}"
    if on_projector:
        heading += " - on the projector"  # what is typed here, the room reads as it is typed
    return heading


def heard_words(session: Session, quiet: list[str], may_mark_arrivals: bool, records_key: str) -> str:
    """Who has not been heard from yet (`quiet`), or what to do when no one is here to hear."""
    if quiet:
        return f"Not heard from yet: {', '.join(quiet)}"
    if any(person.here for person in session.participants):
        return "Everyone here has been heard."
    if not may_mark_arrivals:
        return "No one on the roster has arrived yet." if session.participants else "No one on the roster yet."
    if session.participants:
        return f"No one on the roster has arrived yet: press {records_key} to mark people arrived."
    return f"No one on the roster yet: press {records_key} to add people."


class AgendaColumn(Vertical):
    """The agenda and the notes list post what their keys ask for (`Agenda.SkipStep`, `NotesList.ChangeNote`,
    ...); the column carries it out through `window`, the live screen (ui/widgets/live_window.py). The screen
    holds the same keys, so they work wherever the focus is, and hands them on."""

    DEFAULT_CSS = """
    /* At 80 columns the agenda has room for most step names on one line, the rest on two. */
    AgendaColumn {
        width: 45%;
        min-width: 46;
        max-width: 70;
    }
    AgendaColumn #notes-heading {
        margin-top: 1;
    }
    AgendaColumn #heard {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, window: LiveWindow, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window = window

    def compose(self) -> ComposeResult:
        yield Static("Agenda", classes="heading")
        yield Agenda(id="agenda")
        yield Line("Notes for this step", classes="heading", id="notes-heading")
        yield NotesList(id="notes")
        yield Line(id="heard")

    def show_notes(self, session: Session, all_notes: bool, type_first: bool, on_projector: bool) -> None:
        notes = self.query_one("#notes", NotesList)
        notes.show(session, all_notes)
        heading = notes_heading(all_notes, type_first, notes.option_count, notes.total, on_projector)
        self.query_one("#notes-heading", Line).say(heading)

    def show_heard(self, words: str) -> None:
        self.query_one("#heard", Line).say(words)

    # What is chosen in the agenda or the notes list, changed or taken off.

    def note_in_use(self) -> str | None:
        """The chosen note's id when the notes list has the focus."""
        notes = self.query_one("#notes", NotesList)
        return notes.chosen_note if self.screen.focused is notes else None

    def change_chosen(self) -> None:
        """E: the chosen note while the notes list is in use, else the agenda's chosen step."""
        if self.note_in_use():
            self.query_one("#notes", NotesList).action_change_chosen()
        else:
            self.query_one("#agenda", Agenda).action_change_chosen()

    def remove_chosen(self) -> None:
        if self.note_in_use():
            self.query_one("#notes", NotesList).action_remove_chosen()
        else:
            self.query_one("#agenda", Agenda).action_remove_chosen()

    def on_notes_list_change_note(self, message: NotesList.ChangeNote) -> None:
        ask_to_change_note(self.app, self.window.engine.note_by_id(message.note), self.window.try_command)

    def on_notes_list_remove_note(self, message: NotesList.RemoveNote) -> None:
        if self.window.run_command("remove_note", note_id=message.note):
            self.notify("Note removed. Ctrl+Z brings it back.", title="Removed")

    def on_agenda_change_step(self, message: Agenda.ChangeStep) -> None:
        self._not_now(change_coming_step(self.app, self.window.engine, message.step, self.window.try_command))

    def on_agenda_remove_step(self, message: Agenda.RemoveStep) -> None:
        self._not_now(remove_coming_step(self.app, self.window.engine, message.step, self.window.run_command))

    def _not_now(self, why: str) -> None:
        if why:
            self.notify(why, title="Not now", severity="warning")

    def on_agenda_skip_step(self, message: Agenda.SkipStep) -> None:
        # By the step's id, and saying which the person asked for: skip it, or bring it back.
        session = self.window.engine.session
        index = index_of(session, message.step)
        if index >= 0:
            step = session.steps[index]
            self.window.run_command("skip_step", step=step.id, skip=step.skipped_at is None)

    def on_agenda_move_step(self, message: Agenda.MoveStep) -> None:
        # The highlight stays on the moved step by itself (Agenda.show finds it by the step, not the row):
        # moving it a row as well put it on the next step, so a second press moved another one.
        if index_of(self.window.engine.session, message.step) >= 0:
            self.window.run_command("move_step", step=message.step, direction=message.direction)
