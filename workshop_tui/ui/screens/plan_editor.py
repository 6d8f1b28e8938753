"""The plan editor: write a plan by keyboard, see its clock times and its checks as it changes.

The draft (core/plan_draft.py) holds the plan and its undo; this screen draws it and sends it
changes. The steps' table, with the keys that add, change, remove and move a step, is its own widget
(ui/widgets/plan_steps.py), and so are the checks' findings (ui/widgets/plan_findings.py). Saving
writes a new version into the sessions folder's plans/ (store/plan_files.py).
"""

from dataclasses import dataclass
from datetime import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static

from workshop_tui.core.plan_checks import Finding
from workshop_tui.core.plan_draft import PlanDetails, PlanDraft
from workshop_tui.core.timetable import against_the_slot
from workshop_tui.core.wording import length_in_words, plural
from workshop_tui.model import Plan
from workshop_tui.store.plan_files import PlanNotSaved, SavedPlan, save_plan_version
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.plan_details_form import PlanDetailsForm
from workshop_tui.ui.widgets.key_bar import KeyBar
from workshop_tui.ui.widgets.plan_findings import PlanFindings
from workshop_tui.ui.widgets.plan_steps import StepsTable, step_words

__all__ = ["PlanEditor", "StepsTable"]  # the steps' table, as tests know it here

DEFAULT_START = time(10, 0)  # for clock times, when the plan has no start time
WIDE = 120  # columns: from here the chosen step's words show beside the steps


class PlanEditor(Screen[None]):
    """Write or change a plan. Every change can be undone until it is saved."""

    DEFAULT_CSS = """
    PlanEditor #editor-heading {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    PlanEditor #editor-body {
        height: 1fr;
    }
    PlanEditor #editor-steps-column {
        width: 1fr;
    }
    PlanEditor #plan-total {
        height: auto;
        padding: 0 1;
    }
    PlanEditor #editor-side {
        display: none;
        width: 60;
        padding: 0 1;
    }
    PlanEditor.-wide #editor-side {
        display: block;
    }
    PlanEditor.-wide #plan-findings {
        max-height: 16;
    }
    PlanEditor #step-words-box {
        height: 1fr;
    }
    """

    # The steps' keys are the table's; the screen holds the same bindings so they work wherever the focus
    # is (on the findings, say), as they always have, and hands each to the table.
    BINDINGS = [
        *StepsTable.BINDINGS,
        Binding(
            "d",
            "details",
            "Details",
            id="plan_details",
            tooltip="The plan's title, short name, description and time slot",
        ),
        Binding("ctrl+z", "undo", "Undo", id="undo_change", show=False, tooltip="Undo the last change"),
        Binding("ctrl+s", "save", "Save", id="save_plan", tooltip="Save the plan (the version it replaces is kept)"),
        Binding(
            "escape",
            "leave",
            "Back",
            id="leave_editor",
            show=False,
            tooltip="Leave the editor (it asks first if there are changes)",
        ),
    ]

    @dataclass
    class Saved(Message):
        saved: SavedPlan | None
        problem: str = ""

    def __init__(self, draft: PlanDraft, plans_dir: Path, builtin: bool = False) -> None:
        super().__init__()
        self.draft = draft
        self.plans_dir = plans_dir  # where it is saved: the sessions folder's plans/
        self.builtin = builtin  # changing a built-in plan: the save is your own version of it
        self.findings: list[Finding] = []
        self.saving = False
        self.saved_from = ""  # the name the plan had, when it is saved under a new one
        self.saved_changes = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="editor-heading", markup=False)
        with Horizontal(id="editor-body"):
            with Vertical(id="editor-steps-column"):
                yield StepsTable(self.draft, self.redraw, id="plan-steps")
                yield Static("", id="plan-total", markup=False)
                yield PlanFindings()
            with Vertical(id="editor-side"), VerticalScroll(id="step-words-box"):
                yield Static("", id="step-words", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_class(self.app.size.width >= WIDE, "-wide")
        self.redraw(0)
        self.query_one("#plan-steps", StepsTable).focus()

    def on_resize(self) -> None:
        self.set_class(self.app.size.width >= WIDE, "-wide")
        self.redraw()

    # Drawing: everything comes from the draft.

    @property
    def start(self) -> time:
        return self.draft.details.starts_at or DEFAULT_START

    def chosen(self) -> int:
        return self.query_one("#plan-steps", StepsTable).chosen()

    def redraw(self, cursor: int | None = None) -> None:
        draft = self.draft
        self.findings = draft.findings()
        self.query_one("#plan-steps", StepsTable).draw(self.start, self.findings, cursor)
        self.query_one("#editor-heading", Static).update(self.heading())
        self.query_one("#plan-total", Static).update(self.total())
        self.query_one(PlanFindings).show(self.findings)
        self.show_step_words()

    def heading(self) -> str:
        details = self.draft.details
        if not self.draft.origin:
            state = "new, not saved yet"
        elif self.builtin:
            state = "built in: saving makes it yours"
        else:
            state = f"version {self.draft.started_from}"
        changed = " · not saved" if self.draft.unsaved and self.draft.origin else ""
        return f"{details.title} · {state}{changed}"

    def total(self) -> str:
        draft = self.draft
        if not draft.steps:
            return "No steps yet."
        said = f"{plural(len(draft.steps), 'step')} · {length_in_words(draft.total_minutes)}"
        if draft.details.starts_at is None:  # clock times from 10:00, and no slot to compare with
            return f"{said} · {against_the_slot(draft.steps, self.start, None)} (no start time yet: D sets one)"
        return f"{said} · {against_the_slot(draft.steps, self.start, draft.details.ends_by)}"

    def show_step_words(self) -> None:
        if self.has_class("-wide"):
            self.query_one("#step-words", Static).update(step_words(self.draft, self.chosen()))

    @on(DataTable.RowHighlighted, "#plan-steps")
    def step_highlighted(self) -> None:
        self.show_step_words()

    # Changes.

    def action_add_step(self) -> None:
        self.query_one("#plan-steps", StepsTable).action_add_step()

    def action_add_method(self) -> None:
        self.query_one("#plan-steps", StepsTable).action_add_method()

    def action_change_step(self) -> None:
        self.query_one("#plan-steps", StepsTable).action_change_step()

    def action_remove_step(self) -> None:
        self.query_one("#plan-steps", StepsTable).action_remove_step()

    def action_move_step(self, direction: int) -> None:
        self.query_one("#plan-steps", StepsTable).action_move_step(direction)

    def action_undo(self) -> None:
        what = self.draft.undo()
        if not what:
            self.notify("There is nothing to undo.", title="Undo")
            return
        self.redraw()
        self.notify(f"Undone: {what}.", title="Undo")

    def action_details(self) -> None:
        def done(details: PlanDetails | None) -> None:
            if details:
                self.draft.set_details(details)
                self.redraw()

        follows = not self.draft.origin and not self.draft.name_given
        self.app.push_screen(PlanDetailsForm(self.draft.details, name_follows_title=follows), done)

    @on(OptionList.OptionSelected, "#plan-findings")
    def go_to_finding(self) -> None:
        finding = self.query_one(PlanFindings).chosen()
        if finding is None:
            return
        table = self.query_one("#plan-steps", StepsTable)
        table.focus()
        if finding.step is not None:
            table.move_cursor(row=finding.step - 1)
            table.change_step(finding.step - 1, finding.field)  # with the cursor in the field it is about
        elif finding.field in ("ends_by", "description", "title"):
            self.action_details()
        else:
            self.notify(finding.todo, title="What to do")

    # Saving and leaving.

    def action_save(self) -> None:
        if self.saving:
            return
        try:
            plan = self.draft.as_plan()
        except ValueError as problem:
            self.notify(str(problem), title="Not saved", severity="error")
            return
        self.saving = True
        self.saved_from = self.draft.origin if self.draft.renamed else ""
        self.saved_changes = self.draft.changes  # what this save holds; later changes stay unsaved
        self.save_in_the_background(plan)

    @work(thread=True, exclusive=True, group="save-plan")
    def save_in_the_background(self, plan: Plan) -> None:
        # A file, however small, is written off the screen's thread.
        try:
            saved = save_plan_version(self.plans_dir, plan, self.draft.started_from, self.draft.renamed)
        except PlanNotSaved as problem:
            keep_both = (
                " To keep both, give yours another short name (D) and save again." if problem.saved_elsewhere else ""
            )
            self.post_message(self.Saved(None, str(problem) + keep_both))
            return
        self.post_message(self.Saved(saved))

    def on_plan_editor_saved(self, message: Saved) -> None:
        self.saving = False
        if message.saved is None:
            self.notify(message.problem, title="Not saved", severity="error", timeout=15)
            return
        saved = message.saved
        self.draft.origin, self.draft.started_from = saved.plan.name, saved.plan.version
        self.draft.unsaved = self.draft.changes != self.saved_changes
        self.draft.name_given = True
        self.builtin = False
        said = saved.said
        if self.saved_from:
            said = f"Saved as a new plan, '{saved.plan.name}'. The plan '{self.saved_from}' is still there, as it was."
        self.notify(said, title="Saved", timeout=8)
        self.redraw()

    @property
    def unsaved_plan(self) -> str:
        """The plan's title while it has changes not saved (the app asks before quitting), else ""."""
        return self.draft.details.title if self.draft.unsaved else ""

    def leave(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:
            self.app.exit()  # opened by `workshop-tui plan edit`: there is nothing behind it

    def action_leave(self) -> None:
        if not self.draft.unsaved:
            self.leave()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.leave()

        self.app.push_screen(
            ConfirmScreen(
                f"Leave without saving? Your changes to '{self.draft.details.title}' will be lost. (Ctrl+S saves them.)",
                "Leave",
                "Stay",
            ),
            answered,
        )
