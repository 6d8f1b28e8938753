"""What every small form shares: escape cancels, the first button saves, the other cancels.

A form checks its own fields and says what is wrong next to the field, in words, and stays open
with what was typed. When it is given `attempt`, it also carries out its answer before it closes:
a command the session refuses is said in the form, not after it has gone.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

# The most a count typed into a form can be is what the session takes (more is a slip of the keyboard):
# one limit, in the model, so a form never refuses what the session would take, or takes what it refuses.
from workshop_tui.model.command_arguments import LARGEST_COUNT

# What a form gives when it is saved (each form says which); None when it is cancelled.
Answer = TypeVar("Answer")

# Carries out a form's answer; returns "" when done, or a sentence saying why it could not be.
Attempt = Callable[[Answer], str]

# A field's box narrower than this has its problem said on the form's own line instead.
NARROWEST_NOTE = 30


class FormProblem(Exception):
    """Something typed in a form that cannot be used; the message says what to fix."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field  # the selector of the field to fix, such as "#step-minutes"


def whole_number(text: str, what: str, field: str = "", low: int = 0, high: int = LARGEST_COUNT) -> int | None:
    """The whole number typed, None when empty, or FormProblem. Only the digits 0 to 9 count:
    str.isdigit() also takes "²", which int() cannot read."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise FormProblem(f"{what} must be a whole number, such as 4.", field)
    number = int(text)
    if not low <= number <= high:
        raise FormProblem(f"{what} must be from {low} to {high:,}.", field)
    return number


def clear_problems(screen: Screen[Any]) -> None:
    for note in screen.query(".field-problem"):
        note.remove()
    for line in screen.query("#form-problem"):
        if isinstance(line, Static):
            line.update("")


def say_problem(screen: Screen[Any], text: str, field: str = "") -> None:
    """Say `text` next to the field (a selector) and put the cursor there; or, with no field, on the
    form's problem line. What was typed stays as it was."""
    clear_problems(screen)
    target: Widget | None = screen.query_one(field) if field else None
    # Beside the field when it has room to say it; a narrow box (such as the minutes) uses the
    # form's own line, so the words are not squeezed and the buttons stay in sight.
    roomy = target is not None and isinstance(target.parent, Widget) and target.parent.size.width >= NARROWEST_NOTE
    if target is not None and not roomy:
        target.focus()
    if target is not None and roomy and isinstance(target.parent, Widget):
        note = Static(text, classes="field-problem", markup=False)
        target.parent.mount(note, after=target)
        target.focus()
        note.call_after_refresh(note.scroll_visible)
        return
    line = screen.query_one("#form-problem", Static)
    line.update(text)
    line.call_after_refresh(line.scroll_visible)


class FormDialog(ModalScreen[Answer | None]):
    """Subclasses write save(), which checks the fields and calls finish() with the result."""

    DEFAULT_CSS = """
    .field-problem {
        color: $text-error;
        height: auto;
    }
    /* A form of many fields: no room lost above or below them, so it fits a terminal of 80 by 24. */
    .tall-dialog {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    .tall-dialog .question {
        text-style: bold;
    }
    .tall-dialog .buttons {
        height: auto;
    }
    .tall-dialog Button {
        margin-right: 2;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close the form without saving")]

    def __init__(self, attempt: Attempt[Answer] | None = None) -> None:
        super().__init__()
        self.attempt = attempt

    def save(self) -> None:
        raise NotImplementedError

    def show_problem(self, text: str, field: str = "") -> None:
        say_problem(self, text, field)

    def finish(self, result: Answer) -> None:
        """Close with `result`, once it has been carried out; if it could not be, say why and stay open."""
        if self.attempt is not None:
            problem = self.attempt(result)
            if problem:
                self.show_problem(problem)
                return
        self.dismiss(result)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.save() if event.button.id != "cancel" else self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EnterMovesOn(FormDialog[Answer]):
    """A form of several lines: Enter moves on to the next field and saves from the last one;
    Ctrl+S (bound by each form, with its own words) saves from anywhere."""

    def last_field(self) -> str:
        """The id of the field Enter saves from."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == self.last_field():
            self.save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        self.save()
