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

## During a session

| Key | What it does |
|---|---|
| Space | Start or pause the timer |
| N | Go to the next step (on the last step: finish the session) |
| P | Go back to the previous step |
| + and - | Add a minute to this step, or take one off |
| T | Type a note. Enter saves it. Escape leaves the note line |
| F | Projector view on or off: the timer as large as it goes |
| F5, F7, F8 | Start or pause, back, next: these work while you type a note |
| I | Add a step after the current one |
| E | Change the step chosen in the agenda (title and minutes) |
| S | Skip the chosen step, or bring it back |
| X or Delete | Take the chosen step off the agenda |
| Ctrl+Up, Ctrl+Down | Move the chosen step up or down |
| Ctrl+F | Finish the session |

Start a note with + for an idea, ? for a question, ! for a concern, or > for the parking lot.

In the agenda, ✓ marks a step that is done, ▶ the current step, and – a skipped step.
Past zero the timer keeps counting and says how far over it is, such as "2:13 over".

The session is saved to its file within a second of every change.
The line at the bottom says when it was last saved, or warns you if it could not save.

## Anywhere

| Key | What it does |
|---|---|
| Ctrl+P | Open the command list: every action is there |
| Ctrl+Q | Save and quit |
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
