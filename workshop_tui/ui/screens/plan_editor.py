"""The plan editor: write a plan by keyboard, see its clock times and its checks as it changes.

The draft (core/plan_draft.py) holds the plan and its undo; this screen draws it and sends it
changes. Saving writes a new version into the sessions folder's plans/ (store/plan_files.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.core.plan_checks import Finding
from workshop_tui.core.plan_draft import PlanDetails, PlanDraft
from workshop_tui.core.timetable import against_the_slot, clock_time, timetable
from workshop_tui.core.wording import length_in_words, plural
from workshop_tui.model import Plan, Step
from workshop_tui.model.method import LibraryMethod
from workshop_tui.store.plan_files import PlanNotSaved, SavedPlan, save_plan_version
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.method_chooser import MethodChooser
from workshop_tui.ui.screens.plan_details_form import PlanDetailsForm
from workshop_tui.ui.screens.step_form import StepDetails, StepForm
from workshop_tui.ui.widgets.key_bar import KeyBar

DEFAULT_START = time(10, 0)  # for clock times, when the plan has no start time
WIDE = 120  # columns: from here the chosen step's words show beside the steps


def step_words(draft: PlanDraft, index: int) -> str:
    """The chosen step in full, for the side panel of a wide screen."""
    if not 0 <= index < len(draft.steps):
        return "No steps yet. Press a to add one, or i for a method from the library."
    step = draft.steps[index]
    lines = [f"{index + 1}. {step.title}", f"{step.kind}, {plural(step.planned_minutes, 'minute')}"]
    if step.kind == "decision":
        lines.append(f"The group decides by: {step.decides_by or 'not said yet'}")
    lines += ["", step.instructions or "No instructions yet."]
    if step.prompts:
        lines += ["", "Questions to ask:"] + [f"- {prompt}" for prompt in step.prompts]
    return "\n".join(lines)


# A step's row: when it starts, its minutes, its kind, its title, and how many findings are about it.
StepRow = tuple[str, str, str, str, str]


class StepsTable(DataTable[str | Text]):
    """The plan's steps with their clock times; a finding's count says which steps to look at."""

    OTHER_COLUMNS = 6 + 4 + 13 + 10 + 5 * 2 + 2  # starts, minutes, kind, "to look at", padding and a scroll bar

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = False
        self.step_width = 0
        self.rows_shown: list[StepRow] = []
        self.add_columns_to_fit()

    def add_columns_to_fit(self) -> None:
        self.step_width = max(12, self.size.width - self.OTHER_COLUMNS)
        self.add_column("Starts", key="starts", width=6)
        self.add_column("Min", key="minutes", width=4)
        self.add_column("Kind", key="kind", width=13)
        self.add_column("Step", key="step", width=self.step_width)
        self.add_column("To look at", key="checks", width=10)

    def on_resize(self) -> None:
        if max(12, self.size.width - self.OTHER_COLUMNS) != self.step_width:
            self.clear(columns=True)
            self.add_columns_to_fit()
            self.show(self.rows_shown)

    def show(self, rows: list[StepRow], cursor: int | None = None) -> None:
        self.rows_shown = rows
        keep = self.cursor_row if cursor is None else cursor
        self.clear()
        for starts, minutes, kind, title, checks in rows:
            shown = Text(title)  # Text: square brackets in a title are not markup
            shown.truncate(self.step_width, overflow="ellipsis")
            self.add_row(starts, minutes, kind, shown, checks)
        if rows:
            self.move_cursor(row=max(0, min(keep, len(rows) - 1)), animate=False)


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
    PlanEditor #plan-steps {
        height: 1fr;
        min-height: 5;
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
    PlanEditor #findings-heading {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    PlanEditor #plan-findings {
        height: auto;
        max-height: 7;
        border: none;
    }
    PlanEditor.-wide #plan-findings {
        max-height: 16;
    }
    PlanEditor #step-words-box {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("a", "add_step", "Add", id="add_step", tooltip="Add a step of your own after the chosen one"),
        Binding(
            "i", "add_method", "Method", id="add_method", tooltip="Add a method from the library after the chosen step"
        ),
        Binding(
            "e",
            "change_step",
            "Change",
            id="change_step",
            tooltip="Change the chosen step: title, kind, minutes, words",
        ),
        Binding(
            "x,delete",
            "remove_step",
            "Remove",
            id="remove_step",
            show=False,
            tooltip="Remove the chosen step (Ctrl+Z brings it back)",
        ),
        Binding("ctrl+up", "move_step(-1)", "Up", id="move_step_up", show=False, tooltip="Move the chosen step up"),
        Binding(
            "ctrl+down", "move_step(1)", "Down", id="move_step_down", show=False, tooltip="Move the chosen step down"
        ),
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
                yield StepsTable(id="plan-steps")
                yield Static("", id="plan-total", markup=False)
                yield Static("", id="findings-heading", markup=False)
                yield OptionList(id="plan-findings", markup=False)
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
        table = self.query_one("#plan-steps", StepsTable)
        return table.cursor_row if table.row_count else -1

    def redraw(self, cursor: int | None = None) -> None:
        draft = self.draft
        self.findings = draft.findings()
        per_step: dict[int, int] = {}
        for finding in self.findings:
            if finding.step is not None:
                per_step[finding.step] = per_step.get(finding.step, 0) + 1
        rows: list[StepRow] = [
            (
                clock_time(timed.starts),
                str(timed.step.planned_minutes),
                timed.step.kind,
                timed.step.title,
                str(per_step[timed.number]) if timed.number in per_step else "",
            )
            for timed in timetable(draft.steps, self.start)
        ]
        self.query_one("#plan-steps", StepsTable).show(rows, cursor)
        self.query_one("#editor-heading", Static).update(self.heading())
        self.query_one("#plan-total", Static).update(self.total())
        count = len(self.findings)
        self.query_one("#findings-heading", Static).update(
            f"{plural(count, 'thing')} to look at (Tab, then Enter goes to the step)"
            if count
            else "Nothing to look at: the checks are happy."
        )
        findings = self.query_one("#plan-findings", OptionList)
        findings.display = bool(self.findings)
        findings.clear_options()
        findings.add_options(
            Option(f"{f.where[:1].upper()}{f.where[1:]}: {f.advice}", id=str(n)) for n, f in enumerate(self.findings)
        )
        if self.findings:
            findings.highlighted = 0
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

    @on(DataTable.RowSelected, "#plan-steps")
    def step_selected(self) -> None:
        self.action_change_step()  # Enter on a step changes it, as E does

    @on(DataTable.RowHighlighted, "#plan-steps")
    def step_highlighted(self) -> None:
        self.show_step_words()

    # Changes.

    def changed(self, cursor: int | None = None) -> None:
        self.redraw(cursor)

    def _step_form(
        self, heading: str, start: StepDetails | None, done: Callable[[Step], None], field: str = ""
    ) -> None:
        def attempt(details: StepDetails) -> str:
            try:
                step = details.as_step()
            except ValueError as problem:
                return str(problem)
            done(step)
            return ""

        self.app.push_screen(StepForm(heading, start=start, attempt=attempt, full=True, field=field))

    def action_add_step(self) -> None:
        after = self.chosen()
        self._step_form("Add a step", None, lambda step: self.changed(self.draft.add(step, after)))

    def action_add_method(self) -> None:
        after = self.chosen()

        def chosen(choice: LibraryMethod | str | None) -> None:
            if choice is None:
                return
            start = StepDetails.of(choice.step, choice.name) if isinstance(choice, LibraryMethod) else None
            heading = f"Add '{choice.step.title}'" if isinstance(choice, LibraryMethod) else "Add a step"
            self._step_form(heading, start, lambda step: self.changed(self.draft.add(step, after)))

        self.app.push_screen(MethodChooser("Add a method from the library, or a step of your own"), chosen)

    def action_change_step(self) -> None:
        self.change_step(self.chosen())

    def change_step(self, index: int, field: str = "") -> None:
        if not 0 <= index < len(self.draft.steps):
            self.notify("There are no steps yet. Press a to add one.", title="Nothing to change")
            return

        def done(step: Step) -> None:
            self.draft.change(index, step)
            self.changed(index)

        self._step_form(f"Change step {index + 1}", StepDetails.of(self.draft.steps[index]), done, field)

    def action_remove_step(self) -> None:
        index = self.chosen()
        if index < 0:
            return
        removed = self.draft.remove(index)
        self.changed(index)
        self.notify(f"Removed '{removed.title}'. Ctrl+Z brings it back.", title="Removed")

    def action_move_step(self, direction: int) -> None:
        index = self.chosen()
        if index < 0:
            return
        moved = self.draft.move(index, direction)
        if moved == index:
            self.notify(f"It is the {'first' if direction < 0 else 'last'} step already.", title="Not moved")
            return
        self.changed(moved)

    def action_undo(self) -> None:
        what = self.draft.undo()
        if not what:
            self.notify("There is nothing to undo.", title="Undo")
            return
        self.changed()
        self.notify(f"Undone: {what}.", title="Undo")

    def action_details(self) -> None:
        def done(details: PlanDetails | None) -> None:
            if details:
                self.draft.set_details(details)
                self.changed()

        follows = not self.draft.origin and not self.draft.name_given
        self.app.push_screen(PlanDetailsForm(self.draft.details, name_follows_title=follows), done)

    @on(OptionList.OptionSelected, "#plan-findings")
    def go_to_finding(self) -> None:
        findings = self.query_one("#plan-findings", OptionList)
        index = findings.highlighted
        if index is None or index >= len(self.findings):
            return
        finding = self.findings[index]
        table = self.query_one("#plan-steps", StepsTable)
        table.focus()
        if finding.step is not None:
            table.move_cursor(row=finding.step - 1)
            self.change_step(finding.step - 1, finding.field)  # with the cursor in the field it is about
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
