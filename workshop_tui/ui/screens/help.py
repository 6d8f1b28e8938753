"""The help screen: every key, in plain words."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP_TEXT = """\
# Help

workshop-tui runs a workshop from a plan: an agenda of steps, each with its own time.

## On the home screen

| Key | What it does |
|---|---|
| Up and Down | Move through the plans |
| Enter | Choose the plan |
| F1 or ? | Open this help |
| Ctrl+Q | Quit |

## Anywhere

| Key | What it does |
|---|---|
| Ctrl+P | Open the command list: every action is there |
| Escape | Close this help |
"""


class HelpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape", "dismiss", "Close help"),
        Binding("f1", "dismiss", "Close help", show=False),
        Binding("question_mark", "dismiss", "Close help", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP_TEXT)
