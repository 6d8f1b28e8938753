"""Add an action: what will be done, who will do it, and by when."""

from datetime import date
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from workshop_tui.core.dates import DateProblem, due_words, read_date
from workshop_tui.model.command_arguments import EARLIEST_DUE, LATEST_DUE, LONGEST_NAME
from workshop_tui.ui.screens.form_dialog import Attempt, EnterMovesOn


class NameInput(Input):
    """An input that takes the suggested name with Right (as every input does) or Tab.
    Tab with nothing to complete moves on, as usual."""

    async def _on_key(self, event: events.Key) -> None:
        suggestion = self._suggestion
        if event.key == "tab" and suggestion and self.cursor_at_end and suggestion != self.value:
            event.stop()
            event.prevent_default()
            self.value = suggestion
            self.cursor_position = len(self.value)
            return
        await super()._on_key(event)


class ActionForm(EnterMovesOn[dict[str, Any]]):
    # Enter moves on to who and when, and saves from the last field; so the button names the key
    # that saves from anywhere.
    # Not a priority binding: a priority key is read before the letters typed just ahead of it reach
    # their field, so a quick "words, Ctrl+S" would save the field without its last words.
    BINDINGS = [Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the action")]

    def __init__(
        self,
        names: list[str],
        text: str = "",
        heading: str = "Add an action",
        today: date | None = None,
        attempt: Attempt[dict[str, Any]] | None = None,
    ):
        super().__init__(attempt)
        self.names, self.text, self.heading = names, text, heading
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, markup=False, classes="question")
            yield Label("What will be done")
            yield Input(self.text, id="action-text")
            yield Label("Who will do it (Tab or Right takes the name offered)")
            yield NameInput(id="action-owner", suggester=SuggestFromList(self.names, case_sensitive=False))
            yield Label("By when, such as 15/07/2026, 15 July or next Tuesday; or leave it empty")
            yield Input(id="action-due")
            yield Static("", id="due-understood", markup=False)
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    @on(Input.Changed, "#action-due")
    def say_the_date(self, event: Input.Changed) -> None:
        """Say back the date as it is read, while it is typed."""
        understood = self.query_one("#due-understood", Static)
        try:
            due = read_date(event.value, self.today)
        except DateProblem:
            # Said as it is typed, not only on Save; quietly, as the words may still be on their way.
            understood.update(
                "Not a date yet. Such as 15/07/2026, 15 July, next Friday or end of the month."
                if len(event.value.strip()) >= 3
                else ""
            )
            return
        understood.update(f"That is {due_words(due, self.today)}." if due else "")

    def last_field(self) -> str:
        return "action-due"

    def save(self) -> None:
        text = self.query_one("#action-text", Input).value.strip()
        if not text:
            self.show_problem("Please say what will be done.", "#action-text")
            return
        owner = self.query_one("#action-owner", Input).value.strip()
        if len(owner) > LONGEST_NAME:
            self.show_problem(f"The name can be at most {LONGEST_NAME} characters long.", "#action-owner")
            return
        try:
            due = read_date(self.query_one("#action-due", Input).value, self.today)
        except DateProblem as problem:
            self.show_problem(str(problem), "#action-due")
            return
        if due is not None and not EARLIEST_DUE <= due <= LATEST_DUE:  # as the session takes it
            self.show_problem(f"Please give a date from {EARLIEST_DUE.year} to {LATEST_DUE.year}.", "#action-due")
            return
        self.finish({"text": text, "owner": owner, "due": due})
