"""The plan as a whole: its title, its short name, what it is for, and its usual time slot."""

import re
from datetime import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from workshop_tui.core.plan_draft import PlanDetails
from workshop_tui.model.plan import LONGEST_PLAN_NAME, PLAN_NAME, name_from_title
from workshop_tui.ui.screens.form_dialog import EnterMovesOn, FormProblem

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})\s*(am|pm)?$|^(\d{1,2})\s*(am|pm)$", re.IGNORECASE)
_NAME = re.compile(PLAN_NAME)


def clock_time(text: str, what: str, field: str) -> time | None:
    """'10:00', '9.30', '2pm' or '2:30 pm' as a time of day; None when empty; FormProblem otherwise."""
    text = text.strip()
    if not text:
        return None
    found = _CLOCK.match(text)
    if found is None:
        raise FormProblem(f"{what} must be a time of day, such as 10:00 or 2pm.", field)
    hours = int(found.group(1) or found.group(4))
    minutes = int(found.group(2) or 0)
    half = (found.group(3) or found.group(5) or "").lower()
    if half and not 1 <= hours <= 12:
        raise FormProblem(f"{what}: with am or pm, the hour is from 1 to 12.", field)
    if half == "pm" and hours != 12:
        hours += 12
    if half == "am" and hours == 12:
        hours = 0
    if hours > 23 or minutes > 59:
        raise FormProblem(f"{what} must be a time of day, such as 10:00 or 2pm.", field)
    return time(hours, minutes)


def shown(moment: time | None) -> str:
    return f"{moment:%H:%M}" if moment else ""


class PlanDetailsForm(EnterMovesOn[PlanDetails]):
    DEFAULT_CSS = """
    PlanDetailsForm {
        align: center middle;
    }
    PlanDetailsForm #details-fields {
        height: auto;
    }
    PlanDetailsForm .row, PlanDetailsForm .row > Vertical {
        height: auto;
    }
    PlanDetailsForm .row > Vertical {
        width: 1fr;
    }
    PlanDetailsForm TextArea {
        height: 3;
    }
    PlanDetailsForm .time {
        width: 19;
    }
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="save_details", tooltip="Keep these details")]

    def __init__(self, details: PlanDetails, name_follows_title: bool) -> None:
        super().__init__()
        self.start = details
        # A new plan's name follows its title, until a name of one's own is typed (or was given).
        self.follows_title = name_follows_title
        self.names_set: set[str] = set()  # the names this form put in the box, as the title changed

    def compose(self) -> ComposeResult:
        with Vertical(classes="tall-dialog"):
            yield Static("The plan's details", classes="question")
            with VerticalScroll(id="details-fields"):
                yield Label("Title")
                yield Input(self.start.title, id="plan-title")
                with Horizontal(classes="row"):
                    with Vertical():
                        yield Label("Short name")
                        yield Input(self.start.name, id="plan-name")
                    with Vertical(classes="time"):
                        yield Label("Starts at")
                        yield Input(shown(self.start.starts_at), placeholder="such as 10:00", id="plan-starts-at")
                    with Vertical(classes="time"):
                        yield Label("Ends by")
                        yield Input(shown(self.start.ends_by), placeholder="such as 13:15", id="plan-ends-by")
                yield Label("What it is for")
                yield TextArea(self.start.description, id="plan-description", soft_wrap=True)
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Keep (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#plan-title", Input).focus()

    def last_field(self) -> str:
        return "plan-ends-by"

    @on(Input.Changed, "#plan-title")
    def title_changed(self, event: Input.Changed) -> None:
        if self.follows_title:
            name = name_from_title(event.value)
            self.names_set.add(name)
            self.query_one("#plan-name", Input).value = name

    @on(Input.Changed, "#plan-name")
    def name_changed(self, event: Input.Changed) -> None:
        # Changes arrive after the title's next letters may have changed the name again: a name this
        # form put there is not a name someone typed.
        if event.value not in self.names_set and event.value != self.start.name:
            self.follows_title = False

    def save(self) -> None:
        try:
            details = self.details()
        except FormProblem as problem:
            self.show_problem(str(problem), problem.field)
            return
        self.finish(details)

    def details(self) -> PlanDetails:
        title = self.query_one("#plan-title", Input).value.strip()
        if not title:
            raise FormProblem("Please give the plan a title.", "#plan-title")
        if len(title) > 200:
            raise FormProblem(f"The title is {len(title)} characters long; it can be at most 200.", "#plan-title")
        name = self.query_one("#plan-name", Input).value.strip()
        if len(name) > LONGEST_PLAN_NAME:
            raise FormProblem(
                f"The short name is {len(name)} characters long; it can be at most {LONGEST_PLAN_NAME}.", "#plan-name"
            )
        if not _NAME.match(name):
            raise FormProblem(
                "The short name may only hold small letters, digits and dashes, such as 'my-workshop'.", "#plan-name"
            )
        starts = clock_time(self.query_one("#plan-starts-at", Input).value, "Starts at", "#plan-starts-at")
        ends = clock_time(self.query_one("#plan-ends-by", Input).value, "Ends by", "#plan-ends-by")
        if starts and ends and ends <= starts:
            raise FormProblem("The end must be later in the day than the start.", "#plan-ends-by")
        description = self.query_one("#plan-description", TextArea).text.strip()
        return PlanDetails(name, title, description, starts, ends)
