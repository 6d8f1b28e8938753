"""A yes-or-no question, answered with y or n (or the buttons); and a guarded one, for what cannot be taken
back, answered only with a key nobody types in a note.

Either way the "no" button has the focus, so an Enter typed at the end of a note answers no.
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    AUTO_FOCUS = "#no"  # Enter or Space typed by a person still writing a note must never answer yes
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes", tooltip="Answer yes"),
        Binding("n,escape", "answer(False)", "No", id="no", tooltip="Answer no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class GuardedConfirmScreen(ConfirmScreen, inherit_bindings=False):
    """A question whose yes cannot be typed by accident: only Ctrl+F (or a click) answers yes.

    It is asked when the answer ends the session. Letters and Enter are what a person typing a note
    sends, so none of them says yes; Escape and n say no.
    """

    BINDINGS = [
        Binding("ctrl+f", "answer(True)", "Yes", id="guarded_yes", tooltip="Answer yes"),
        Binding("n,escape", "answer(False)", "No", id="guarded_no", tooltip="Answer no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                f"{self.question}\n\nPress Ctrl+F to {self.yes.lower()}, or Escape to {self.no.lower()}.",
                markup=False,
                classes="question",
            )
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (Ctrl+F)", id="yes", variant="primary")
                yield Button(f"{self.no} (Esc)", id="no")
