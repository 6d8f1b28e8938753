"""The plan editor's steps: a table of them with their clock times, and the keys that add, change,
remove and move a step. The editor (ui/screens/plan_editor.py) hands it the draft (core/plan_draft.py)
and what to do once the draft has changed: draw it all again, the cursor on the step given.
"""

from collections.abc import Callable
from datetime import time

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from workshop_tui.core.plan_checks import Finding
from workshop_tui.core.plan_draft import PlanDraft
from workshop_tui.core.timetable import clock_time, timetable
from workshop_tui.core.wording import plural
from workshop_tui.model import Step
from workshop_tui.model.method import LibraryMethod
from workshop_tui.ui.screens.method_chooser import MethodChooser
from workshop_tui.ui.screens.step_form import StepDetails, StepForm


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

    DEFAULT_CSS = """
    StepsTable {
        height: 1fr;
        min-height: 5;
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
    ]

    OTHER_COLUMNS = 6 + 4 + 13 + 10 + 5 * 2 + 2  # starts, minutes, kind, "to look at", padding and a scroll bar

    def __init__(self, draft: PlanDraft, changed: Callable[[int | None], None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draft = draft
        self.changed = changed  # the draft changed: draw it again, the cursor on this step (or where it is)

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

    def draw(self, start: time, findings: list[Finding], cursor: int | None = None) -> None:
        """The draft's steps, timed from `start`, each with how many of `findings` are about it."""
        per_step: dict[int, int] = {}
        for finding in findings:
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
            for timed in timetable(self.draft.steps, start)
        ]
        self.show(rows, cursor)

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

    def chosen(self) -> int:
        return self.cursor_row if self.row_count else -1

    def on_data_table_row_selected(self) -> None:
        self.action_change_step()  # Enter on a step changes it, as E does

    # Changes.

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
