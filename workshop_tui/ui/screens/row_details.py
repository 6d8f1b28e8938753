"""One row of a table, every field whole: what a narrow table had no room for."""

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class RowDetails(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "close", "Close", id="close_details", tooltip="Close the details")]

    DEFAULT_CSS = """
    RowDetails {
        align: center middle;
    }
    RowDetails #details-box {
        width: 70;
        max-width: 95%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    RowDetails #details-fields {
        height: auto;
    }
    RowDetails .question {
        text-style: bold;
        margin-bottom: 1;
    }
    RowDetails .field {
        height: auto;
    }
    RowDetails #details-end {
        margin-top: 1;
        color: $text-muted;
    }
    """

    def __init__(self, heading: str, fields: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.heading, self.fields = heading, list(fields)

    def compose(self) -> ComposeResult:
        with Vertical(id="details-box"):
            yield Static(self.heading, classes="question", markup=False)
            # Each field on a line of its own, its name first; a long one goes on over the next lines.
            with VerticalScroll(id="details-fields"):
                for name, value in self.fields:
                    yield Static(Text.assemble((f"{name}: ", "bold"), value or "-"), classes="field")
            yield Static("Escape or Enter closes this.", id="details-end")

    def on_click(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
