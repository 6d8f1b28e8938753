"""Add a person to the roster: a name or initials (optional) and a role."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.model.command_arguments import LONGEST_NAME  # as the session takes it
from workshop_tui.model.participant import PERSON_ROLES
from workshop_tui.ui.screens.form_dialog import FormDialog


class PersonForm(FormDialog[tuple[str, str, bool]]):
    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Add a person to the roster", classes="question")
            yield Label("Role")
            yield Select(
                [(role, role) for role in PERSON_ROLES], value=PERSON_ROLES[0], allow_blank=False, id="person-role"
            )
            yield Label("Here now?")
            yield Select(
                [("Yes, here now", True), ("Not arrived yet", False)], value=True, allow_blank=False, id="person-here"
            )
            yield Label("Name or initials (you can leave it empty); enter adds them")
            yield Input(id="person-name")
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Add (enter)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#person-name", Input).focus()

    def on_input_submitted(self) -> None:
        self.save()

    def save(self) -> None:
        here = self.query_one("#person-here", Select).value is True
        name = self.query_one("#person-name", Input).value.strip()
        if len(name) > LONGEST_NAME:
            self.show_problem(
                f"A name can be at most {LONGEST_NAME} characters long; initials are fine.", "#person-name"
            )
            return
        self.finish((name, str(self.query_one("#person-role", Select).value), here))

    def action_cancel(self) -> None:
        self.dismiss(None)
