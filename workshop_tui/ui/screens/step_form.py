"""A form for one step: its title, minutes and kind, and in the plan editor its words too.

On the live screen it is short (title, minutes, kind): the room is waiting. A step from the method
library keeps its instructions and prompts. In the plan editor (`full=True`) every field shows:
instructions, the questions to ask one to a line, and how the group decides on a decision step.
"""

from dataclasses import dataclass, field, replace

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from workshop_tui.core.wording import plural
from workshop_tui.model.command_arguments import LONGEST_STEP, LONGEST_TITLE, SHORTEST_STEP
from workshop_tui.model.decision import DECISION_METHODS
from workshop_tui.model.plan import STEP_KINDS, Step
from workshop_tui.ui.screens.form_dialog import Attempt, FormDialog, FormProblem, whole_number

NOT_SAID = ""  # "decides by": not said yet
# Where a check's field is in the form (core/plan_checks.py Finding.field).
FIELDS = {
    "title": "#step-title",
    "minutes": "#step-minutes",
    "kind": "#step-kind",
    "decides_by": "#step-decides-by",
    "instructions": "#step-instructions",
    "prompts": "#step-prompts",
}


@dataclass(frozen=True)
class StepDetails:
    title: str
    minutes: int
    kind: str
    instructions: str = ""
    prompts: tuple[str, ...] = field(default=())
    decides_by: str = NOT_SAID
    method: str = ""  # the library method it came from, if any

    @classmethod
    def of(cls, step: Step, method: str = "") -> "StepDetails":
        return cls(
            step.title,
            step.planned_minutes,
            step.kind,
            step.instructions,
            tuple(step.prompts),
            step.decides_by or NOT_SAID,
            method,
        )

    def as_step(self) -> Step:
        return Step(
            title=self.title,
            kind=self.kind,
            planned_minutes=self.minutes,
            instructions=self.instructions,
            prompts=list(self.prompts),
            decides_by=self.decides_by or None,
        )


def step_details(title: str, minutes: str, kind: str) -> StepDetails:
    """The step as typed, or FormProblem naming the field to fix."""
    title = title.strip()
    if not title:
        raise FormProblem("Please give the step a title.", "#step-title")
    if len(title) > LONGEST_TITLE:
        raise FormProblem(
            f"The title is {len(title)} characters long; it can be at most {LONGEST_TITLE}. Please shorten it.",
            "#step-title",
        )
    # The limits the session itself takes (model/command_arguments.py), so the form never offers more.
    number = whole_number(minutes, "Minutes", "#step-minutes", low=SHORTEST_STEP, high=LONGEST_STEP)
    if number is None:
        raise FormProblem(
            f"Please say how many minutes the step takes, from {SHORTEST_STEP} to {LONGEST_STEP}.", "#step-minutes"
        )
    return StepDetails(title, number, kind)


def prompts_from(text: str) -> tuple[str, ...]:
    """The questions typed one to a line, blank lines left out."""
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


class StepForm(FormDialog[StepDetails]):
    # The whole form, with its buttons, fits a terminal of 80 by 24: fields side by side, short boxes.
    DEFAULT_CSS = """
    StepForm #step-fields {
        height: auto;
    }
    StepForm .row {
        height: auto;
    }
    StepForm .row > Vertical {
        width: 1fr;
        height: auto;
    }
    StepForm #step-minutes-box {
        width: 14;
    }
    StepForm TextArea {
        height: 4;
    }
    StepForm #step-prompts {
        height: 3;
    }
    StepForm #step-title {
        text-style: bold;
        height: auto;
    }
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the step")]

    def __init__(
        self,
        heading: str,
        title: str = "",
        minutes: int = 10,
        kind: str = "activity",
        kind_fixed: bool = False,
        attempt: Attempt[StepDetails] | None = None,
        start: StepDetails | None = None,
        full: bool = False,
        field: str = "",
    ):
        super().__init__(attempt)
        self.heading = heading
        self.start = start or StepDetails(title, minutes, kind)
        self.kind_fixed = kind_fixed
        self.full = full
        self.field = field  # the field to start in (a check's field, such as "instructions"), else the title

    def compose(self) -> ComposeResult:
        with Vertical(classes="tall-dialog" if self.full else "dialog"):
            yield Static(self.heading, classes="question", markup=False)
            with VerticalScroll(id="step-fields"):
                if self.full:
                    with Horizontal(classes="row"):
                        with Vertical():
                            yield from self._title()
                        with Vertical(id="step-minutes-box"):
                            yield from self._minutes()
                    with Horizontal(classes="row"):
                        with Vertical():
                            yield from self._kind()
                        with Vertical(id="decides-by-box"):
                            yield Label("How the group decides")
                            yield Select(
                                [("not said yet", NOT_SAID)] + [(m, m) for m in DECISION_METHODS],
                                value=self.start.decides_by,
                                allow_blank=False,
                                id="step-decides-by",
                            )
                else:
                    yield from self._title()
                    with Horizontal(classes="row"):
                        with Vertical(id="step-minutes-box"):
                            yield from self._minutes()
                        if not self.kind_fixed:
                            with Vertical():
                                yield from self._kind()
                if self.full:
                    yield Label("Instructions for whoever runs it")
                    yield TextArea(
                        self.start.instructions, id="step-instructions", soft_wrap=True, show_line_numbers=False
                    )
                    yield Label("Questions to ask, one to a line")
                    yield TextArea(
                        "\n".join(self.start.prompts), id="step-prompts", soft_wrap=True, show_line_numbers=False
                    )
                elif self.start.method:
                    yield Static(
                        f"Its instructions and {plural(len(self.start.prompts), 'question')} come from the method library.",
                        markup=False,
                    )
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)" if self.full else "Save (enter)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def _title(self) -> ComposeResult:
        yield Label("Title")
        yield Input(self.start.title, id="step-title")

    def _minutes(self) -> ComposeResult:
        yield Label("Minutes")
        # Plain text, checked on saving: an Input of type "integer" drops a "." as it is typed, so
        # "2.5" became 25 without a word. Now it is said: "Minutes must be a whole number".
        yield Input(str(self.start.minutes), id="step-minutes")

    def _kind(self) -> ComposeResult:
        yield Label("Kind of step")
        yield Select([(kind, kind) for kind in STEP_KINDS], value=self.start.kind, allow_blank=False, id="step-kind")

    def on_mount(self) -> None:
        self._show_decides_by(self.start.kind)
        wanted = self.query(FIELDS.get(self.field, "#step-title"))
        (wanted.first() if wanted else self.query_one("#step-title", Input)).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # People add to the words that are there: the cursor starts after them, not before.
        if isinstance(event.widget, TextArea):
            event.widget.move_cursor(event.widget.document.end)

    @on(Select.Changed, "#step-kind")
    def kind_changed(self, event: Select.Changed) -> None:
        self._show_decides_by(str(event.value))

    def _show_decides_by(self, kind: str) -> None:
        for box in self.query("#decides-by-box"):
            box.display = kind == "decision"

    def on_input_submitted(self) -> None:
        if self.full:
            self.focus_next()  # Enter moves on; the instructions take new lines, so Ctrl+S saves
        else:
            self.save()

    def action_save(self) -> None:
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
        details = replace(
            details,
            instructions=self.start.instructions,
            prompts=self.start.prompts,
            decides_by=self.start.decides_by,
            method=self.start.method,
        )
        if self.full:
            decides_by = str(self.query_one("#step-decides-by", Select).value)
            details = replace(
                details,
                instructions=self.query_one("#step-instructions", TextArea).text.strip(),
                prompts=prompts_from(self.query_one("#step-prompts", TextArea).text),
                decides_by=decides_by if kind == "decision" else NOT_SAID,
            )
        self.finish(details)
