"""The panel's small forms: the pot, an application, a declaration of interest, and an award."""

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.export.anonymise import names_in
from workshop_tui.model.round import Application, pounds
from workshop_tui.store.application_import import money_pence
from workshop_tui.ui.screens.form_dialog import Attempt, EnterMovesOn, FormDialog, FormProblem


def money(text: str, what: str, field: str = "") -> int:
    """'£12,500' or '12500' typed in a form, in pence; FormProblem when it is not an amount."""
    pence = money_pence(text) if text.strip() else None
    if pence is None or pence <= 0:
        raise FormProblem(f"{what} should be an amount of money, such as £12,500 or 12500.", field)
    return pence


# What each panel form gives: its fields by name, handed to the session command as its arguments.
Fields = dict[str, Any]


def _buttons(save: str) -> ComposeResult:
    with Horizontal(classes="buttons"):
        yield Button(save, id="save", variant="primary")
        yield Button("Cancel (escape)", id="cancel")


class ApplicationForm(EnterMovesOn[Fields]):
    """Type in one application, as it is on its paper form; or, given `editing`, correct one (with a reason)."""

    # Not a priority binding: a priority key is read before the letters typed just ahead of it reach
    # their field, so a quick "words, Ctrl+S" would save the field without its last words.
    BINDINGS = [Binding("ctrl+s", "save", "Save", id="save_application", tooltip="Add the application")]
    DEFAULT_CSS = """
    ApplicationForm {
        align: center middle;
    }
    ApplicationForm #application-fields {
        height: auto;
        max-height: 1fr;
    }
    ApplicationForm #application-fields .field-pair, ApplicationForm #application-fields .field-pair Vertical {
        height: auto;
    }
    ApplicationForm #application-fields .field-pair Vertical {
        width: 1fr;
    }
    """
    FIELDS = ("organisation", "project", "amount", "area", "summary", "link")

    def __init__(self, attempt: Attempt[Fields] | None = None, editing: Application | None = None) -> None:
        super().__init__(attempt)
        self.editing = editing

    def compose(self) -> ComposeResult:
        a = self.editing
        with Vertical(classes="dialog", id="application-box"):
            yield Static(
                f"Correct {a.organisation}'s application" if a else "Add an application",
                classes="question",
                markup=False,
            )
            labels = (
                "Organisation",
                "Project",
                "Amount asked for, such as £12,500",
                "Area or theme (optional)",
                "A short summary (optional)",
                "Where the whole application is: a link or file name (optional)",
            )
            now = (
                {
                    "organisation": a.organisation,
                    "project": a.project,
                    "amount": pounds(a.amount_pence),
                    "area": a.area,
                    "summary": a.summary,
                    "link": a.link,
                }
                if a
                else {}
            )
            fields = list(zip(self.FIELDS, labels, strict=True))
            # The fields scroll, two to a row where they are short; the buttons stay in sight below them.
            with VerticalScroll(id="application-fields"):
                for pair in (fields[0:2], fields[2:4]):
                    with Horizontal(classes="field-pair"):
                        for name, label in pair:
                            with Vertical():
                                yield Label(label)
                                yield Input(now.get(name, ""), id=f"application-{name}")
                for name, label in fields[4:]:
                    yield Label(label)
                    yield Input(now.get(name, ""), id=f"application-{name}")
                if a:
                    yield Label("Why it is corrected (kept in the record)")
                    yield Input(id="application-reason")
            yield Static("", id="form-problem", markup=False)
            yield from _buttons("Save (ctrl+s)" if a else "Add (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#application-organisation", Input).focus()

    def last_field(self) -> str:
        return "application-reason" if self.editing else "application-link"

    def save(self) -> None:
        value = {name: self.query_one(f"#application-{name}", Input).value.strip() for name in self.FIELDS}
        try:
            amount = money(value.pop("amount"), "The amount", "#application-amount")
        except FormProblem as problem:
            self.show_problem(str(problem), problem.field)
            return
        if self.editing:
            value["reason"] = self.query_one("#application-reason", Input).value
        self.finish({**value, "amount_pence": amount})


class DeclarationForm(FormDialog[Fields]):
    """A member's link to one applicant."""

    DEFAULT_CSS = """
    DeclarationForm {
        align: center middle;
    }
    """

    def __init__(self, member: str, applications: list[Application], attempt: Attempt[Fields] | None = None) -> None:
        super().__init__(attempt)
        self.member, self.applications = member, applications

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"{self.member}: declare an interest", classes="question", markup=False)
            yield Label("Which application")
            options = [(f"{n}. {a.organisation}: {a.project}", a.id) for n, a in enumerate(self.applications, start=1)]
            yield Select(options, prompt="Choose the application", id="declaration-application")
            yield Label("What the link is, in their words (Enter adds it)")
            yield Input(id="declaration-interest")
            yield Static("They step out of scoring, discussing and deciding this application.", markup=False)
            yield Static("", id="form-problem", markup=False)
            yield from _buttons("Add (enter)")

    def on_mount(self) -> None:
        self.query_one("#declaration-application", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):  # chosen: on to the words
            self.query_one("#declaration-interest", Input).focus()

    def on_input_submitted(self) -> None:
        self.save()

    def save(self) -> None:
        chosen = self.query_one("#declaration-application", Select).value
        if not isinstance(chosen, str):
            self.show_problem("Choose the application the link is with.", "#declaration-application")
            return
        self.finish({"application": chosen, "interest": self.query_one("#declaration-interest", Input).value})


class AwardForm(EnterMovesOn[Fields]):
    """The panel's decision on one application, with its reason in words fit for the applicant."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="save_award", tooltip="Record the decision")]
    DEFAULT_CSS = """
    AwardForm {
        align: center middle;
    }
    """

    def __init__(
        self,
        application: Application,
        outcome: str,
        departure: str,
        left: str,
        attempt: Attempt[Fields] | None = None,
        names: list[str] | None = None,
        comments: list[str] | None = None,
    ) -> None:
        super().__init__(attempt)
        self.application, self.outcome, self.departure, self.left = application, outcome, departure, left
        self.names = names or []  # the roster's names: a reason that names someone is flagged as it is typed
        self.comments = comments or []  # members' comments: the applicant reads one only if it is put in the reason

    def compose(self) -> ComposeResult:
        a = self.application
        with VerticalScroll(classes="dialog"):
            yield Static(
                f"{self.outcome.capitalize()}: {a.organisation}, {a.project} "
                f"(asked for {pounds(a.amount_pence)}; {self.left})",
                classes="question",
                markup=False,
            )
            if self.outcome == "fund a smaller amount":
                yield Label("How much, such as £20,000")
                yield Input(id="award-amount")
            yield Label("The reason, in words that can be read to the applicant")
            yield Input(id="award-reason")
            yield Static("", id="award-names", markup=False)
            if self.comments:
                yield Static(
                    "Members' comments, for the panel (the applicant reads only what you put in the reason): "
                    + " / ".join(self.comments),
                    markup=False,
                    id="award-comments",
                )
            if self.departure:
                yield Static(
                    f"This goes against the ranking or the pot. {self.departure}", markup=False, id="award-departure"
                )
                yield Label("Why the panel decided this all the same")
                yield Input(id="award-departure-reason")
            yield Static("", id="form-problem", markup=False)
            yield from _buttons("Record (ctrl+s)")

    def on_mount(self) -> None:
        self.query("Input").first().focus()

    def last_field(self) -> str:
        return "award-departure-reason" if self.departure else "award-reason"

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "award-reason":
            return
        named = names_in(event.value, self.names)
        self.query_one("#award-names", Static).update(
            f"Warning: this names {' and '.join(named)}. The applicant will read this reason: say "
            '"a panel member" instead.'
            if named
            else ""
        )

    def save(self) -> None:
        answer: dict[str, object] = {"outcome": self.outcome, "reason": self.query_one("#award-reason", Input).value}
        if self.outcome == "fund a smaller amount":
            try:
                answer["amount_pence"] = money(
                    self.query_one("#award-amount", Input).value, "The amount", "#award-amount"
                )
            except FormProblem as problem:
                self.show_problem(str(problem), problem.field)
                return
        if self.departure:
            answer["departure_reason"] = self.query_one("#award-departure-reason", Input).value
        self.finish(answer)
