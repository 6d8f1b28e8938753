"""A small form for a step's title, minutes and kind: used to add or change a step."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.model.plan import STEP_KINDS
from workshop_tui.ui.screens.form_dialog import Attempt, FormDialog, FormProblem, whole_number

LONGEST_TITLE = 200  # as a plan's step allows


@dataclass(frozen=True)
class StepDetails:
    title: str
    minutes: int
    kind: str


def step_details(title: str, minutes: str, kind: str) -> StepDetails:
    """The step as typed, or FormProblem naming the field to fix."""
    title = title.strip()
    if not title:
        raise FormProblem("Please give the step a title.", "#step-title")
    if len(title) > LONGEST_TITLE:
        raise FormProblem(
            f"The title is {len(title)} characters long; it can be at most {LONGEST_TITLE}. Please shorten it.", "#step-title"
        )
    number = whole_number(minutes, "Minutes", "#step-minutes", low=1, high=600)
    if number is None:
        raise FormProblem("Please say how many minutes the step takes, from 1 to 600.", "#step-minutes")
    return StepDetails(title, number, kind)


class StepForm(FormDialog):
    def __init__(
        self, heading: str, title: str = "", minutes: int = 10, kind: str = "activity", kind_fixed: bool = False,
        attempt: Attempt | None = None,
    ):
        super().__init__(attempt)
        self.heading = heading
        self.start = StepDetails(title, minutes, kind)
        self.kind_fixed = kind_fixed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, classes="question", markup=False)
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
        kind = self.start.kind if self.kind_fixed else str(self.query_one("#step-kind", Select).value)
        try:
            details = step_details(
                self.query_one("#step-title", Input).value, self.query_one("#step-minutes", Input).value, kind
            )
        except FormProblem as problem:
            self.show_problem(str(problem), problem.field)
            return
        self.finish(details)
