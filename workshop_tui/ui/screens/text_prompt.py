"""Ask for one line of text, such as a note's new wording or a person's name."""

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from workshop_tui.ui.screens.form_dialog import say_problem


class TextPrompt(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close the form without saving")]

    def __init__(
        self, question: str, value: str = "", hint: str = "Enter saves. Escape cancels.",
        attempt: Callable[[str], str] | None = None,
    ) -> None:
        """`attempt`, if given, carries out the answer and returns "" when done, or a sentence saying
        why it could not be: then the prompt stays open with what was typed and says why."""
        super().__init__()
        self.question, self.value, self.hint, self.attempt = question, value, hint, attempt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False, classes="question")
            yield Input(self.value, id="prompt-text")
            yield Static("", id="form-problem", markup=False)
            yield Static(self.hint, markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.attempt is not None:
            problem = self.attempt(event.value)
            if problem:
                say_problem(self, problem)
                return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
