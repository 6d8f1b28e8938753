"""Changing the plan on the fly, from the live screen: add, change, skip, remove and move steps.

A part of LiveScreen, kept in its own file; it uses the screen's engine and run_command.
"""

from dataclasses import replace

from workshop_tui.core.session_engine import NotNow
from workshop_tui.model.method import LibraryMethod
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.method_chooser import MethodChooser
from workshop_tui.ui.screens.step_form import StepDetails, StepForm
from workshop_tui.ui.widgets.agenda import Agenda


class AgendaEdits:
    def chosen_index(self) -> int:
        """The step under the agenda's cursor, as an index into the session's steps."""
        table = self.query_one("#agenda", Agenda)
        if table.row_count == 0:
            return -1
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next(i for i, step in enumerate(self.session.steps) if step.id == key)

    def action_insert_step(self) -> None:
        """Add a step after the current one: one of your own, or a method from the library."""

        def attempt(details: StepDetails) -> str:
            return self.try_command(
                "insert_step",
                title=details.title,
                minutes=details.minutes,
                kind=details.kind,
                instructions=details.instructions,
                prompts=list(details.prompts),
                decides_by=details.decides_by,
                method=details.method,
            )

        def chosen(choice: LibraryMethod | str | None) -> None:
            if choice is None:
                return
            if isinstance(choice, LibraryMethod):
                # A round grows with the group: planned for the people here, within the method's usual range.
                people = len(self.engine.present_people())
                minutes = choice.minutes_for(people) if people else choice.step.planned_minutes
                start = replace(StepDetails.of(choice.step, choice.name), minutes=minutes)
                heading = f"Add '{choice.step.title}' after the current step"
            else:
                start, heading = None, "Add a step after the current one"
            self.app.push_screen(StepForm(heading, start=start, attempt=attempt))

        self.app.push_screen(MethodChooser("Add a step after the current one: your own, or a method"), chosen)

    def action_edit_step(self) -> None:
        note_id = self.notes_in_use()
        if note_id:
            self.edit_note(note_id)
            return
        index = self.chosen_index()
        try:
            step = self.engine.coming(index)
        except NotNow as reason:
            self.notify(f"{reason} Choose one in the agenda first.", title="Not now", severity="warning")
            return

        def attempt(details: StepDetails) -> str:
            return self.try_command("change_step", step=step.id, title=details.title, minutes=details.minutes)

        self.app.push_screen(
            StepForm(
                f"Change '{step.title}'", step.title, step.allowed_minutes, step.kind, kind_fixed=True, attempt=attempt
            )
        )

    def action_skip_step(self) -> None:
        # By the step's id, and saying which the person asked for: skip it, or bring it back.
        index = self.chosen_index()
        steps = self.session.steps
        if not 0 <= index < len(steps):
            return
        self.run_command("skip_step", step=steps[index].id, skip=steps[index].skipped_at is None)

    def action_remove_step(self) -> None:
        note_id = self.notes_in_use()
        if note_id:
            if self.run_command("remove_note", note_id=note_id):
                self.notify("Note removed. Ctrl+Z brings it back.", title="Removed")
            return
        index = self.chosen_index()
        try:
            step = self.engine.coming(index)
        except NotNow as reason:
            self.notify(str(reason), title="Not now", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_command("remove_step", step=step.id)  # the step the question named, wherever it is now

        self.app.push_screen(
            ConfirmScreen(
                f"Take '{step.title}' off the agenda? It stays in the session file, marked removed.",
                "Remove",
                "Keep it",
            ),
            answered,
        )

    def action_move_step(self, direction: int) -> None:
        index = self.chosen_index()
        steps = self.session.steps
        if not 0 <= index < len(steps):
            return
        # The highlight stays on the moved step by itself (Agenda.show finds it by the step, not the row):
        # moving it a row as well put it on the next step, so a second press moved another one.
        self.run_command("move_step", step=steps[index].id, direction=direction)
