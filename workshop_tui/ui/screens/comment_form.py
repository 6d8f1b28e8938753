"""A trainer's comment on a step or a decision."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.model import Session
from workshop_tui.ui.screens.form_dialog import FormDialog


class CommentForm(FormDialog[tuple[str, str]]):
    def __init__(self, session: Session, on: str = "") -> None:
        super().__init__()
        self.targets = [(f"Step: {s.title}", s.id) for s in session.steps if s.removed_at is None]
        self.targets += [(f"Decision: {d.question}", d.id) for d in session.decisions]
        self.first = on if on in {value for _, value in self.targets} else self.targets[0][1]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "Add a trainer's comment. It is kept apart from the record of the session.", classes="question"
            )
            yield Label("On")
            yield Select(self.targets, value=self.first, allow_blank=False, id="comment-on")
            yield Label("Comment (enter saves)")
            yield Input(id="comment-text")
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#comment-text", Input).focus()

    def on_input_submitted(self) -> None:
        self.save()

    def save(self) -> None:
        text = self.query_one("#comment-text", Input).value.strip()
        if not text:
            self.show_problem("Please write the comment.")
            return
        self.dismiss((str(self.query_one("#comment-on", Select).value), text))
