"""The live screen's left-hand column: the agenda, this step's notes (or every step's), and who has not
been heard from yet."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from workshop_tui.model import Session
from workshop_tui.ui.widgets.agenda import Agenda
from workshop_tui.ui.widgets.line import Line
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
