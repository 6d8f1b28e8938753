"""A short message to read before going on, such as the actions carried over from part 1."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class MessageScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "close", "Close", id="close_message", tooltip="Close this message")]

    def __init__(self, heading: str, lines: list[str]) -> None:
        super().__init__()
        self.heading, self.lines = heading, lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Static(self.heading, markup=False, classes="question")
            with VerticalScroll(classes="message-lines"):
                for line in self.lines:
                    yield Static(line, markup=False)
            yield Button("Go on (enter)", id="close", variant="primary")

    def on_button_pressed(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
