"""A small form for a step's title, minutes and kind: used to add or change a step."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.model.plan import STEP_KINDS
from workshop_tui.ui.screens.form_dialog import FormDialog


@dataclass(frozen=True)
class StepDetails:
    title: str
    minutes: int
    kind: str


class StepForm(FormDialog):
    def __init__(self, heading: str, title: str = "", minutes: int = 10, kind: str = "activity", kind_fixed: bool = False):
        super().__init__()
        self.heading = heading
        self.start = StepDetails(title, minutes, kind)
        self.kind_fixed = kind_fixed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, classes="question")
            yield Label("Title")
            yield Input(self.start.title, id="step-title")
            yield Label("Minutes")
            yield Input(str(self.start.minutes), id="step-minutes", type="integer")
            if not self.kind_fixed:
                yield Label("Kind of step")
                yield Select([(kind, kind) for kind in STEP_KINDS], value=self.start.kind, allow_blank=False, id="step-kind")
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#step-title", Input).focus()

    def on_input_submitted(self) -> None:
        self.save()

    def save(self) -> None:
        title = self.query_one("#step-title", Input).value.strip()
        minutes_text = self.query_one("#step-minutes", Input).value.strip()
        problem = self.query_one("#form-problem", Static)
        if not title:
            problem.update("Please give the step a title.")
            return
        if not minutes_text.isdigit() or not 1 <= int(minutes_text) <= 600:
            problem.update("Minutes must be a whole number from 1 to 600.")
            return
        kind = self.start.kind if self.kind_fixed else str(self.query_one("#step-kind", Select).value)
        self.dismiss(StepDetails(title, int(minutes_text), kind))
