"""Add an action: what will be done, who will do it, and by when."""

import re
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from workshop_tui.ui.screens.form_dialog import FormDialog

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_due(text: str) -> date | None:
    """'2026-07-15' or '15/07/2026' -> a date; empty -> None; anything else -> ValueError."""
    text = text.strip()
    if not text:
        return None
    found = _UK_DATE.match(text)
    if found:
        day, month, year = map(int, found.groups())
        return date(year, month, day)
    return date.fromisoformat(text)


class ActionForm(FormDialog):
    def __init__(self, names: list[str], text: str = "", heading: str = "Add an action"):
        super().__init__()
        self.names, self.text, self.heading = names, text, heading

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, markup=False, classes="question")
            yield Label("What will be done")
            yield Input(self.text, id="action-text")
            yield Label("Who will do it")
            yield Input(id="action-owner", suggester=SuggestFromList(self.names, case_sensitive=False))
            yield Label("By when (such as 15/07/2026), or leave empty")
            yield Input(id="action-due")
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "action-due":
            self.save()
        else:
            self.focus_next()

    def save(self) -> None:
        problem = self.query_one("#form-problem", Static)
        text = self.query_one("#action-text", Input).value.strip()
        if not text:
            problem.update("Please say what will be done.")
            self.query_one("#action-text", Input).focus()
            return
        try:
            due = parse_due(self.query_one("#action-due", Input).value)
        except ValueError:
            problem.update("That date is not one I can read. Write it like 15/07/2026.")
            self.query_one("#action-due", Input).focus()
            return
        self.dismiss({"text": text, "owner": self.query_one("#action-owner", Input).value.strip(), "due": due})
