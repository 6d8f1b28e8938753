"""Recording from the live screen: notes, decisions, actions, people and the parking lot.

A part of LiveScreen, kept in its own file; it uses the screen's engine and run_command.
"""

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

    def edit_note(self, note_id: str) -> None:
        note = self.engine.note_by_id(note_id)

        def edited(text: str | None) -> None:
            if text is not None:
                self.run_command("edit_note", note_id=note_id, text=text)

        self.app.push_screen(TextPrompt("Change this note. Its earlier wording is kept in the file.", note.text), edited)

    def action_undo_remove(self) -> None:
        self.run_command("undo_remove")

    def action_all_notes(self) -> None:
        self.all_notes = not self.all_notes

    def action_decision(self) -> None:
        present = [p.id for p in self.engine.present_people()]

        def recorded(fields: dict | None) -> None:
            if fields and self.run_command("record_decision", **fields):
                self.notify(f"Decision recorded: {fields['outcome']}.", title="Decision")

        form = DecisionForm(self.session.participants, present, self.session.plan.quorum, self.engine.current.title, self.engine.clock.now())
        self.app.push_screen(form, recorded)

    def action_action(self) -> None:
        self.ask_for_action(from_note=self.notes_in_use() or "")

    def ask_for_action(self, from_note: str = "", done=None) -> None:
        """Open the action form; from a note, its words are the starting point."""
        text = self.engine.note_by_id(from_note).text if from_note else ""

        def added(fields: dict | None) -> None:
            if fields and self.run_command("add_action", from_note=from_note, **fields) and done:
                done()

        names = [p.name for p in self.session.participants if p.name]
        heading = "Turn this note into an action" if from_note else "Add an action"
        self.app.push_screen(ActionForm(names, text, heading), added)

    def action_records(self, tab: str = "people") -> None:
        self.app.push_screen(RecordsScreen(self, tab), lambda _: self.show_session())

    def action_parking_lot(self) -> None:
        self.action_records("parking")
