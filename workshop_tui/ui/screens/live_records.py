"""Recording from the live screen: notes, decisions, actions, people and the parking lot.

A part of LiveScreen, kept in its own file; it uses the screen's engine and run_command.
"""

from workshop_tui.core.session_engine import NotNow
from workshop_tui.store.open_session import Command
from workshop_tui.ui.screens.action_form import ActionForm
from workshop_tui.ui.screens.decision_form import DecisionForm
from workshop_tui.ui.screens.records import RecordsScreen
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.notes_list import NotesList


class RecordKeeping:
    def notes_in_use(self) -> str | None:
        """The chosen note's id when the notes list has the focus."""
        notes = self.query_one("#notes", NotesList)
        return notes.chosen_note if self.focused is notes else None

    def try_command(self, command: str, /, **args) -> str:
        """Do `command` for a form: "" when done, else the sentence saying why not, for the form to show."""
        try:
            self.owner.carry_out(Command(command, args))
        except NotNow as reason:
            return str(reason)
        self.show_saved()
        return ""

    def edit_note(self, note_id: str) -> None:
        note = self.engine.note_by_id(note_id)
        question = "Change this note. Its earlier wording is kept in the file. @name says who said it."
        self.app.push_screen(
            TextPrompt(
                question, note.text, attempt=lambda text: self.try_command("edit_note", note_id=note_id, text=text)
            )
        )

    def action_undo_remove(self) -> None:
        self.run_command("undo_remove")

    def action_all_notes(self) -> None:
        self.all_notes = not self.all_notes

    def action_decision(self) -> None:
        present = [p.id for p in self.engine.present_people()]

        def recorded(fields: dict | None) -> None:
            if fields:  # the form has recorded it already
                self.notify(f"Decision recorded: {fields['outcome']}.", title="Decision")

        form = DecisionForm(
            self.session.participants,
            present,
            self.session.plan.quorum,
            self.engine.current.title,
            self.engine.clock.now(),
            attempt=lambda fields: self.try_command("record_decision", **fields),
            method=self.engine.current.decides_by or "consensus",
        )
        self.app.push_screen(form, recorded)

    def action_action(self) -> None:
        self.ask_for_action(from_note=self.notes_in_use() or "")

    def ask_for_action(self, from_note: str = "", done=None) -> None:
        """Open the action form; from a note, its words are the starting point."""
        text = self.engine.note_by_id(from_note).text if from_note else ""

        def added(fields: dict | None) -> None:
            if fields and done:  # the form has added it already
                done()

        names = [p.name for p in self.session.participants if p.name]
        heading = "Turn this note into an action" if from_note else "Add an action"
        form = ActionForm(
            names,
            text,
            heading,
            today=self.engine.clock.now().date(),
            attempt=lambda fields: self.try_command("add_action", from_note=from_note, **fields),
        )
        self.app.push_screen(form, added)

    def action_records(self, tab: str = "people") -> None:
        self.app.push_screen(RecordsScreen(self, tab), lambda _: self.show_session())

    def action_parking_lot(self) -> None:
        self.action_records("parking")
