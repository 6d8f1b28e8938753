"""Before a session starts: its title, and who is facilitating and taking notes."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from workshop_tui.model import Plan
from workshop_tui.ui.screens.form_dialog import FormDialog

LONGEST_TITLE = 200  # as a session's title allows
LONGEST_NAME = 100


@dataclass(frozen=True)
class SessionDetails:
    title: str
    facilitator: str
    note_taker: str


class StartSessionScreen(FormDialog):
    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Start a session of '{self.plan.title}'", markup=False, classes="question")
            yield Label("Title of this session")
            yield Input(self.plan.title, id="session-title")
            yield Label("Facilitator's name (you can leave it empty)")
            yield Input(id="facilitator")
            yield Label("Note-taker's name (you can leave it empty)")
            yield Input(id="note-taker")
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Start (enter)", id="start", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_input_submitted(self) -> None:
        # The button says "Start (enter)": Enter starts from any field; Tab moves between them.
        self.save()

    def save(self) -> None:
        title = self.query_one("#session-title", Input).value.strip()
        if not title:
            self.show_problem("Please give the session a title.", "#session-title")
            return
        if len(title) > LONGEST_TITLE:
            self.show_problem(
                f"The title is {len(title)} characters long; it can be at most {LONGEST_TITLE}. Please shorten it.", "#session-title"
            )
            return
        names = {}
        for field in ("facilitator", "note-taker"):
            names[field] = self.query_one(f"#{field}", Input).value.strip()
            if len(names[field]) > LONGEST_NAME:
                self.show_problem(f"A name can be at most {LONGEST_NAME} characters long; initials are fine.", f"#{field}")
                return
        self.finish(SessionDetails(title, names["facilitator"], names["note-taker"]))
