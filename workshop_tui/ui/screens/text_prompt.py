"""Ask for one line of text, such as a note's new wording or a person's name."""

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from workshop_tui.export.anonymise import names_in
from workshop_tui.ui.screens.form_dialog import say_problem


class TextPrompt(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close the form without saving")]

    def __init__(
        self,
        question: str,
        value: str = "",
        hint: str = "Enter saves. Escape cancels.",
        attempt: Callable[[str], str] | None = None,
        names: list[str] | None = None,
    ) -> None:
        """`attempt`, if given, carries out the answer and returns "" when done, or a sentence saying
        why it could not be: then the prompt stays open with what was typed and says why. `names`: the
        roster's, for words an applicant may read: one named is flagged as it is typed."""
        super().__init__()
        self.question, self.value, self.hint, self.attempt = question, value, hint, attempt
        self.names = names or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False, classes="question")
            yield Input(self.value, id="prompt-text")
            if self.names:
                yield Static("", id="prompt-names", markup=False)
            yield Static("", id="form-problem", markup=False)
            yield Static(self.hint, markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.names:
            return
        named = names_in(event.value, self.names)
        self.query_one("#prompt-names", Static).update(
            f"Warning: this names {' and '.join(named)}. If the panel uses it in a reason, the applicant will read it: "
            'say "a panel member" instead.'
            if named
            else ""
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.attempt is not None:
            problem = self.attempt(event.value)
            if problem:
                say_problem(self, problem)
                return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
