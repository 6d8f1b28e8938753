"""What every small form shares: escape cancels, the first button saves, the other cancels."""

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class FormDialog(ModalScreen):
    """Subclasses write save(), which checks the fields and calls dismiss() with the result."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close the form without saving")]

    def save(self) -> None:
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        self.query_one("#form-problem", Static).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.save() if event.button.id != "cancel" else self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
