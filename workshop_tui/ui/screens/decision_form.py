"""Record a decision as the room made it: keyboard only, quick to fill, nothing decided for the group."""

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from workshop_tui.core.decision_tally import tally
from workshop_tui.model import Decision, Participant
from workshop_tui.model.decision import METHODS, OUTCOMES
from workshop_tui.model.participant import person_labels

COUNT_BOXES = {
    "majority vote": "#counts-vote",
    "fist-of-five": "#counts-fingers",
    "dot vote": "#counts-dots",
    "consent": "#counts-consent",
}


class FormProblem(Exception):
    """Something typed in the form that cannot be used; the message says what to fix."""


def whole_number(text: str, what: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise FormProblem(f"{what} must be a whole number, such as 4.")
    return int(text)


def parse_dots(text: str) -> dict[str, int]:
    """'Library 7, Cafe 3' -> {'Library': 7, 'Cafe': 3}."""
    dots: dict[str, int] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, _, count = part.rpartition(" ")
        if not name or not count.isdigit():
            raise FormProblem(f"'{part}' should be an option and its number of dots, such as 'Library 7'.")
        dots[name.strip()] = int(count)
    return dots


class DecisionForm(ModalScreen[dict | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close the form without saving"),
        Binding("ctrl+s", "save", "Save", id="save", priority=True, tooltip="Save the decision"),
    ]

    def __init__(self, people: list[Participant], present: list[str], quorum: int | None, step_title: str, now: datetime):
        super().__init__()
        self.people, self.present, self.quorum = people, present, quorum
        self.step_title, self.now = step_title, now

    def compose(self) -> ComposeResult:
        named = [p for p in self.people]
        labels = person_labels(self.people)
        with VerticalScroll(classes="dialog wide-dialog"):
            yield Static(f"Record a decision during '{self.step_title}'", markup=False, classes="question")
            yield Label("The question or proposal")
            yield Input(id="question")
            yield Label("How the group decided")
            yield Select([(m, m) for m in METHODS], value="consensus", allow_blank=False, id="method")
            with Horizontal(id="counts-vote", classes="counts"):
                for field, words in [("votes-for", "For"), ("votes-against", "Against"), ("abstentions", "Abstained")]:
                    with Vertical(classes="count"):
                        yield Label(words)
                        yield Input(id=field, type="integer")
            with Vertical(id="counts-fingers", classes="counts"):
                yield Label("How many people showed each number of fingers")
                with Horizontal():
                    for fingers in range(6):
                        with Vertical(classes="count"):
                            yield Label(f"{fingers}")
                            yield Input(id=f"fingers-{fingers}", type="integer")
            with Vertical(id="counts-dots", classes="counts"):
                yield Label("Dots for each option, such as: Library 7, Cafe 3")
                yield Input(id="dots")
            with Vertical(id="counts-consent", classes="counts"):
                yield Label("How many objections were raised")
                yield Input(id="objections", type="integer")
            if named:
                yield Label("Who was present (space ticks or unticks)")
                yield SelectionList(
                    *[(labels[p.id], p.id, p.id in self.present) for p in named], id="present"
                )
            else:
                yield Label("How many people were present")
                yield Input(id="present-count", type="integer")
            yield Label("Outcome")
            yield Select([(o, o) for o in OUTCOMES], prompt="Choose the outcome", id="outcome")
            yield Label("The outcome in words")
            yield Input(id="statement")
            yield Label("Reasons")
            yield Input(id="reasons")
            yield Label("Any dissent or concern")
            yield Input(id="dissent")
            yield Label("Whose dissent")
            yield Select(
                [("Anonymous", "")] + [(labels[p.id], p.id) for p in named],
                value="", allow_blank=False, id="dissent-by",
            )
            yield Label("Who made the decision")
            yield Select([("The group", "group"), ("Staff alone", "staff")], value="group", allow_blank=False, id="made-by")
            yield Static("", id="tally", markup=False)
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_mount(self) -> None:
        self.show_counts_for("consensus")
        self.query_one("#question", Input).focus()
        self.update_tally()

    def show_counts_for(self, method: str) -> None:
        for box in COUNT_BOXES.values():
            self.query_one(box).display = False
        if method in COUNT_BOXES:
            self.query_one(COUNT_BOXES[method]).display = True

    @on(Select.Changed, "#method")
    def method_changed(self, event: Select.Changed) -> None:
        self.show_counts_for(str(event.value))
        self.update_tally()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def update_tally(self) -> None:
        problem = self.query_one("#form-problem", Static)
        try:
            fields = self.fields()
            decision = Decision(id="d", at=self.now, step="s", **{**fields, "question": fields["question"] or "?"})
        except FormProblem as reason:
            problem.update(str(reason))
            return
        except Exception:
            return
        problem.update("")
        result = tally(decision, self.quorum)
        self.query_one("#tally", Static).update("\n".join([result.summary, *result.warnings]))

    def on_input_submitted(self) -> None:
        self.focus_next()

    def fields(self) -> dict:
        value = lambda selector: self.query_one(selector, Input).value  # noqa: E731
        method = str(self.query_one("#method", Select).value)
        fields: dict = {"question": value("#question").strip(), "method": method}
        if method == "majority vote":
            fields["votes_for"] = whole_number(value("#votes-for"), "For")
            fields["votes_against"] = whole_number(value("#votes-against"), "Against")
            fields["abstentions"] = whole_number(value("#abstentions"), "Abstained")
        elif method == "fist-of-five":
            fields["fingers"] = [whole_number(value(f"#fingers-{k}"), f"The count for {k}") or 0 for k in range(6)]
        elif method == "dot vote":
            fields["dots"] = parse_dots(value("#dots"))
        elif method == "consent":
            fields["objections"] = whole_number(value("#objections"), "Objections")
        if self.people:
            fields["present"] = list(self.query_one("#present", SelectionList).selected)
        else:
            fields["present_count"] = whole_number(value("#present-count"), "The number present")
        outcome = self.query_one("#outcome", Select).value
        if outcome is not Select.NULL:
            fields["outcome"] = str(outcome)
        for name in ["statement", "reasons", "dissent"]:
            fields[name] = value(f"#{name}").strip()
        fields["dissent_by"] = str(self.query_one("#dissent-by", Select).value)
        fields["made_by"] = str(self.query_one("#made-by", Select).value)
        return {key: item for key, item in fields.items() if item is not None}

    def action_save(self) -> None:
        problem = self.query_one("#form-problem", Static)
        try:
            fields = self.fields()
        except FormProblem as reason:
            problem.update(str(reason))
            return
        if not fields["question"]:
            problem.update("Please write the question or proposal.")
            self.query_one("#question", Input).focus()
            return
        if "outcome" not in fields:
            problem.update("Please choose the outcome the group reached: agreed, not agreed or deferred.")
            self.query_one("#outcome", Select).focus()
            return
        self.dismiss(fields)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
