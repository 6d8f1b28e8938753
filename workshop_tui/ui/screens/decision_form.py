"""Record a decision as the room made it: keyboard only, quick to fill, nothing decided for the group."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from workshop_tui.core.decision_methods import DOTS, FINGERS, OBJECTIONS, VOTES, way_of_deciding
from workshop_tui.core.decision_tally import check_decision, tally
from workshop_tui.model import Decision, Participant
from workshop_tui.model.command_arguments import LARGEST_COUNT
from workshop_tui.model.decision import DECISION_METHODS, DECISION_OUTCOMES
from workshop_tui.model.participant import person_labels
from workshop_tui.ui.screens.form_dialog import FormProblem, clear_problems, say_problem, whole_number
from workshop_tui.ui.widgets.presence_list import PresenceList, presence_label

# One box of inputs for each thing a way of deciding counts; its entry says which it takes.
COUNT_BOXES = {
    VOTES: "#counts-vote",
    FINGERS: "#counts-fingers",
    DOTS: "#counts-dots",
    OBJECTIONS: "#counts-consent",
}


__all__ = ["DecisionForm", "FormProblem", "PresenceList", "parse_dots", "whole_number"]


def parse_dots(text: str) -> dict[str, int]:
    """'Library 7, Cafe 3' -> {'Library': 7, 'Cafe': 3}. Only the digits 0 to 9 make a count."""
    dots: dict[str, int] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, _, count = part.rpartition(" ")
        name = name.strip()
        if not name or not (count.isascii() and count.isdigit()):
            raise FormProblem(
                f"'{part[:40]}' should be an option and its number of dots, such as 'Library 7'.", "#dots"
            )
        if int(count) > LARGEST_COUNT:
            raise FormProblem(f"{name[:40]} has {count} dots; a count can be at most {LARGEST_COUNT:,}.", "#dots")
        if name.casefold() in (known.casefold() for known in dots):
            raise FormProblem(f"{name[:40]} is named twice. Give each option once, with all its dots.", "#dots")
        dots[name] = int(count)
    return dots


# The decision's fields, as the form read them: Decision (pydantic) checks and converts them.
Fields = dict[str, Any]


class DecisionForm(ModalScreen[Fields | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close the form without saving"),
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the decision"),
    ]

    DEFAULT_CSS = """
    .field-problem, #warnings {
        color: $text-error;
        height: auto;
    }
    #how-and-what, #how-and-what Vertical {
        height: auto;
    }
    #how-and-what Vertical {
        width: 1fr;
    }
    """

    def __init__(
        self,
        people: list[Participant],
        present: list[str],
        quorum: int | None,
        step_title: str,
        now: datetime,
        attempt: Callable[[Fields], str] | None = None,
        method: str = "consensus",
    ):
        """`attempt`, if given, records the decision and returns "" when done, or a sentence saying why
        it could not be: then the form stays open with what was typed and says why."""
        super().__init__()
        self.people, self.present, self.quorum = people, present, quorum
        self.step_title, self.now = step_title, now
        self.attempt = attempt
        # How the group decides, as the plan's step says (consensus when it does not say).
        self.method = method if method in DECISION_METHODS else "consensus"
        # The warnings the group has seen and chosen to record anyway (by saving a second time).
        self.warnings_seen: list[str] = []

    def compose(self) -> ComposeResult:
        named = [p for p in self.people]
        labels = person_labels(self.people)
        # The fields scroll; what the form says back and its buttons stay in sight below them.
        with Vertical(classes="dialog wide-dialog", id="decision-box"):
            with VerticalScroll(id="decision-fields"):
                yield Static(f"Record a decision during '{self.step_title}'", markup=False, classes="question")
                yield Label("The question or proposal")
                yield Input(id="question")
                # How and what side by side: the outcome is in sight at 80x24 without scrolling.
                with Horizontal(id="how-and-what"):
                    with Vertical():
                        yield Label("How the group decided")
                        yield Select(
                            [(m, m) for m in DECISION_METHODS], value=self.method, allow_blank=False, id="method"
                        )
                    with Vertical():
                        yield Label("Outcome")
                        yield Select([(o, o) for o in DECISION_OUTCOMES], prompt="Choose the outcome", id="outcome")
                with Horizontal(id="counts-vote", classes="counts"):
                    for field, words in [
                        ("votes-for", "For"),
                        ("votes-against", "Against"),
                        ("abstentions", "Abstained"),
                    ]:
                        with Vertical(classes="count"):
                            yield Label(words)
                            yield Input(id=field)
                with Vertical(id="counts-fingers", classes="counts"):
                    yield Label("How many people showed each number of fingers")
                    with Horizontal():
                        for fingers in range(6):
                            with Vertical(classes="count"):
                                yield Label(f"{fingers}")
                                yield Input(id=f"fingers-{fingers}")
                with Vertical(id="counts-dots", classes="counts"):
                    yield Label("Dots for each option, such as: Library 7, Cafe 3")
                    yield Input(id="dots")
                with Vertical(id="counts-consent", classes="counts"):
                    yield Label("How many objections were raised")
                    yield Input(id="objections")
                # The counts said back in words right under them, as they are typed.
                yield Static("", id="tally", markup=False)
                if named:
                    yield Label("Who was present (space ticks or unticks)")
                    yield PresenceList(
                        *[(presence_label(p, labels[p.id]), p.id, p.id in self.present) for p in named], id="present"
                    )
                else:
                    yield Label("How many people were present")
                    yield Input(id="present-count")
                yield Label("The outcome in words")
                yield Input(id="statement")
                yield Label("Reasons")
                yield Input(id="reasons")
                yield Label("Any dissent or concern")
                yield Input(id="dissent")
                yield Label("Whose dissent")
                yield Select(
                    [("Anonymous", "")] + [(labels[p.id], p.id) for p in named],
                    value="",
                    allow_blank=False,
                    id="dissent-by",
                )
                yield Label("Who made the decision")
                yield Select(
                    [("The group", "group"), ("Staff alone", "staff")], value="group", allow_blank=False, id="made-by"
                )
            with Vertical(id="decision-box-end"):
                yield Static("", id="warnings", markup=False)
                yield Static("", id="form-problem", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button("Save (ctrl+s)", id="save", variant="primary")
                    yield Button("Cancel (escape)", id="cancel")

    def on_mount(self) -> None:
        self.show_counts_for(self.method)
        self.query_one("#question", Input).focus()
        self.update_tally()

    def show_counts_for(self, method: str) -> None:
        counts = way_of_deciding(method).counts
        for box in COUNT_BOXES.values():
            self.query_one(box).display = False
        if counts in COUNT_BOXES:
            self.query_one(COUNT_BOXES[counts]).display = True

    @on(Select.Changed, "#method")
    def method_changed(self, event: Select.Changed) -> None:
        self.show_counts_for(str(event.value))
        self.update_tally()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def update_tally(self) -> None:
        """The counts in words, and what does not add up, as they are typed."""
        problem = self.query_one("#form-problem", Static)
        try:
            decision = self.decision()
        except FormProblem as reason:
            problem.update(str(reason))
            return
        except ValidationError:
            return
        problem.update("")
        result = tally(decision, self.quorum)
        checks = check_decision(decision, self.quorum)
        advice = [warning for warning in result.warnings if warning not in checks]
        self.query_one("#tally", Static).update("\n".join([result.summary, *advice]))
        self.query_one("#warnings", Static).update("\n".join(f"Please check: {warning}" for warning in checks))

    def decision(self) -> Decision:
        fields = self.fields()
        return Decision(id="d", at=self.now, step="s", **{**fields, "question": fields["question"] or "?"})

    def on_input_submitted(self) -> None:
        self.focus_next()

    def fields(self) -> Fields:
        def value(selector: str) -> str:
            return self.query_one(selector, Input).value

        method = str(self.query_one("#method", Select).value)
        fields: Fields = {"question": value("#question").strip(), "method": method}
        counts = way_of_deciding(method).counts
        if counts == VOTES:
            fields["votes_for"] = whole_number(value("#votes-for"), "For", "#votes-for")
            fields["votes_against"] = whole_number(value("#votes-against"), "Against", "#votes-against")
            fields["abstentions"] = whole_number(value("#abstentions"), "Abstained", "#abstentions")
        elif counts == FINGERS:
            fields["fingers"] = [
                whole_number(value(f"#fingers-{k}"), f"The count for {k} fingers", f"#fingers-{k}") or 0
                for k in range(6)
            ]
        elif counts == DOTS:
            fields["dots"] = parse_dots(value("#dots"))
        elif counts == OBJECTIONS:
            fields["objections"] = whole_number(value("#objections"), "Objections", "#objections")
        if self.people:
            fields["present"] = list(self.query_one("#present", PresenceList).selected)
        else:
            fields["present_count"] = whole_number(value("#present-count"), "The number present", "#present-count")
        outcome = self.query_one("#outcome", Select).value
        if outcome is not Select.NULL:
            fields["outcome"] = str(outcome)
        for name in ["statement", "reasons", "dissent"]:
            fields[name] = value(f"#{name}").strip()
        fields["dissent_by"] = str(self.query_one("#dissent-by", Select).value)
        fields["made_by"] = str(self.query_one("#made-by", Select).value)
        return {key: item for key, item in fields.items() if item is not None}

    def action_save(self) -> None:
        try:
            fields = self.fields()
        except FormProblem as reason:
            say_problem(self, str(reason), reason.field)
            return
        if not fields["question"]:
            say_problem(self, "Please write the question or proposal.", "#question")
            return
        if "outcome" not in fields:
            say_problem(
                self, "Please choose the outcome the group reached: agreed, not agreed or deferred.", "#outcome"
            )
            return
        try:
            warnings = check_decision(self.decision(), self.quorum)
        except ValidationError:
            warnings = []
        if warnings and warnings != self.warnings_seen:
            # Said once, in words; the group can still record what it decided, and the warning is kept.
            self.warnings_seen = warnings
            say_problem(
                self,
                "Some things do not add up (see 'Please check' above). Correct them, or press Save again to"
                " record the decision as the group made it; the warning is kept with it.",
            )
            self.query_one("#warnings", Static).scroll_visible()
            return
        if self.attempt is not None:
            problem = self.attempt(fields)
            if problem:
                say_problem(self, problem)
                return
        clear_problems(self)
        self.dismiss(fields)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
