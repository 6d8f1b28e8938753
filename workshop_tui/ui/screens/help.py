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

## Recording what the group says and decides

| Key | What it does |
|---|---|
| T | Type a note under the current step |
| D | Record a decision: the question, how it was decided, the counts, the outcome, reasons and dissent |
| A | Add an action: what, who and by when. With a note chosen in the notes list, the note becomes the action |
| R | People, parking lot, actions and decisions. On the people tab, N adds a person and X marks them as left |
| L | The parking lot. A turns a point into an action; D marks it dealt with |
| V | Show every step's notes, or only this step's |
| Enter, E | In the notes list: change the chosen note (its earlier wording is kept) |
| X or Delete | In the notes list: remove the chosen note |
| Ctrl+Z | Bring back the note removed last |

Start a note with + for an idea, ? for a question, ! for a concern, or > for the parking lot.
Put @name in a note to say who said it; the name is completed from the roster. No @ means anonymous.
In a decision form, Tab moves between fields, Enter opens a list, and Ctrl+S saves.

In the agenda, ✓ marks a step that is done, ▶ the current step, and – a skipped step.
Past zero the timer keeps counting and says how far over it is, such as "2:13 over".

The session is saved to its file within a second of every change.
The line at the bottom says when it was last saved, or warns you if it could not save.

## Looking back

B on the home screen (or `workshop-tui review`) lists past sessions. / searches titles, notes and
decisions; S sorts by the next column; Enter opens a session's review.

| Key | What it does in a review |
|---|---|
| Left, Right | Move between the tabs: summary, notes, decisions, actions, who was heard, replay, comments |
| Space | Replay: play or pause |
| 1, 2, 3 | Replay at real speed, ten times or sixty times as fast |
| N, P | Replay: the next or previous event |
| J | Replay: jump to a time, such as 10:45 |
| C | Add a trainer's comment on a step or decision (kept apart from the record) |
| X | Export the minutes (Markdown or web page), the tables (CSV) or all the data (JSON) |

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
