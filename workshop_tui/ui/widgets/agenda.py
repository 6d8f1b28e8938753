"""The agenda: every step, whether done, current or to come, with its times, and the keys that change
the chosen coming step."""

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from workshop_tui.core.schedule import AgendaLine
from workshop_tui.core.wording import whole_minutes
from workshop_tui.ui.widgets.chosen_keys import CHANGE_CHOSEN, REMOVE_CHOSEN

# Symbols, not colour, tell the states apart; the help screen names them.
MARKS = {"done": "✓", "current": "▶", "to come": " ", "skipped": "–", "passed": "·", "not reached": "×"}
# And words, for a step the group did not do: a mark alone is not enough to read.
SAID = {"skipped": "skipped", "passed": "passed without its timer", "not reached": "not reached"}


def minutes_cell(line: AgendaLine) -> str:
    allowed = line.step.allowed_minutes
    if line.state == "done" and line.used_minutes is not None:
        return f"{whole_minutes(60 * line.used_minutes)} of {allowed}"
    return str(allowed)


class Agenda(DataTable[str | Text]):
    """A table of steps; the row cursor picks a coming step to change. A title too long for the
    width it is given goes on over two lines (or more): a step's name is never cut.

    Its keys ask for a change to the chosen step with a message; the column it is in (AgendaColumn)
    carries it out. The screen offers the same keys (and says which this window may press)."""

    DEFAULT_CSS = """
    /* The agenda has twice the notes list's height: at 24 lines that is ten of its lines, the step under
       way and most of what comes after it. The notes list still shows its last few notes. */
    Agenda {
        height: 2fr;
        min-height: 5;
        overflow-x: hidden;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        CHANGE_CHOSEN,
        Binding(
            "s",
            "skip_step",
            "Skip step",
            id="skip_step",
            show=False,
            tooltip="Skip the chosen coming step, or bring it back",
        ),
        REMOVE_CHOSEN,
        Binding(
            "ctrl+up",
            "move_step(-1)",
            "Move step up",
            id="move_up",
            show=False,
            tooltip="Move the chosen coming step up",
        ),
        Binding(
            "ctrl+down",
            "move_step(1)",
            "Move step down",
            id="move_down",
            show=False,
            tooltip="Move the chosen coming step down",
        ),
    ]
    OWN_ACTIONS = frozenset({"change_chosen", "skip_step", "remove_chosen", "move_step"})

    @dataclass
    class ChangeStep(Message):
        step: str | None  # the chosen step's id; None when the agenda is empty

    @dataclass
    class SkipStep(Message):
        step: str | None

    @dataclass
    class RemoveStep(Message):
        step: str | None

    @dataclass
    class MoveStep(Message):
        step: str | None
        direction: int  # -1 up, 1 down

    # The mark, Starts and Minutes columns, the padding of four columns and a scroll bar.
    OTHER_COLUMNS = 1 + 6 + 8 + 4 * 2 + 2

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[AgendaLine] = []
        self.step_width = 0
        self._current: str | None = None

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = False
        self.add_columns_to_fit()
        self.call_after_refresh(self.refit)

    @property
    def chosen_step(self) -> str | None:
        """The id of the step under the cursor; None when there are no steps."""
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Whether this window may press a key now is the screen's to say, for its keys and these alike.
        if action in self.OWN_ACTIONS:
            return self.screen.check_action(action, parameters)
        return super().check_action(action, parameters)

    def action_change_chosen(self) -> None:
        self.post_message(self.ChangeStep(self.chosen_step))

    def action_skip_step(self) -> None:
        self.post_message(self.SkipStep(self.chosen_step))

    def action_remove_chosen(self) -> None:
        self.post_message(self.RemoveStep(self.chosen_step))

    def action_move_step(self, direction: int) -> None:
        self.post_message(self.MoveStep(self.chosen_step, direction))

    def add_columns_to_fit(self) -> None:
        self.step_width = max(8, self.size.width - self.OTHER_COLUMNS)
        self.add_column("", key="mark", width=1)
        self.add_column("Starts", key="starts", width=6)
        self.add_column("Step", key="step", width=self.step_width)
        self.add_column("Minutes", key="minutes", width=8)

    def on_resize(self) -> None:
        self.refit()

    def refit(self) -> None:
        """Lay the columns out again if the width has changed since they were (in a real terminal the
        first layout can come after the table was filled, and a resize is not always sent)."""
        if max(8, self.size.width - self.OTHER_COLUMNS) != self.step_width:
            self.clear(columns=True)
            self.add_columns_to_fit()
            self.show(self.lines)

    def show(self, lines: list[AgendaLine]) -> None:
        """Redraw the rows. The cursor follows the current step when the session moves on (so S, X, E and
        Ctrl+Up/Down act on the step the facilitator is on); otherwise it stays on the step it was on,
        found by the step, not the row, as steps are added, moved or taken off."""
        current = next((line.step.id for line in lines if line.state == "current"), None)
        moved_on = current != self._current
        self._current = current
        was_on = self.lines[self.cursor_row].step.id if self.lines and 0 <= self.cursor_row < len(self.lines) else None
        keep = self.cursor_row
        self.lines = lines
        if self.size.width and max(8, self.size.width - self.OTHER_COLUMNS) != self.step_width:
            self.clear(columns=True)
            self.add_columns_to_fit()
        ids = [line.step.id for line in lines]
        if moved_on and current in ids:
            keep = ids.index(current)
        elif was_on in ids:
            keep = ids.index(was_on)
        self.clear()
        for line in lines:
            starts = f"{line.starts_at:%H:%M}" if line.starts_at else ""
            title = f"{line.step.title} ({SAID[line.state]})" if line.state in SAID else line.step.title
            # Text, not str: a DataTable would read square brackets in a title as markup.
            self.add_row(
                MARKS[line.state],
                starts,
                Text(title),
                minutes_cell(line),
                key=line.step.id,
                height=None if len(title) > self.step_width else 1,
            )
        if lines:
            self.move_cursor(row=min(keep, len(lines) - 1), animate=False)
