"""A plan's timings from past sessions: planned against actual, step by step, and suggested timings.

The sessions folder is read on a worker thread (only each file's head); U saves the suggested
timings as a new version of the plan, after asking.
"""

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from workshop_tui.core.plan_checks import check_plan
from workshop_tui.core.plan_stats import PlanStats, plan_stats
from workshop_tui.core.timings_report import chart_lines, damaged_lines, suggestion_lines, summary_lines
from workshop_tui.core.wording import plural
from workshop_tui.model import Plan
from workshop_tui.store.plan_files import PlanNotSaved, SavedPlan, save_plan_version
from workshop_tui.store.plan_history import PlanHistory, plan_history
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.widgets.key_bar import KeyBar


class PlanTimingsScreen(Screen[None]):
    DEFAULT_CSS = """
    PlanTimingsScreen #timings-summary {
        height: auto;
        padding: 0 1;
    }
    PlanTimingsScreen #timings-box {
        height: 1fr;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding(
            "u",
            "use_suggested",
            "Use suggested",
            id="use_suggested",
            tooltip="Save the suggested timings as a new version of the plan (it asks first)",
        ),
        Binding("escape", "back", "Back", id="back_from_timings", tooltip="Go back"),
    ]

    @dataclass
    class Read(Message):
        history: PlanHistory
        stats: PlanStats

    @dataclass
    class Saved(Message):
        saved: SavedPlan | None
        problem: str = ""

    def __init__(self, plan: Plan, sessions_dir: Path) -> None:
        super().__init__()
        self.plan = plan
        self.sessions_dir = sessions_dir
        self.stats: PlanStats | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Reading the past sessions of '{self.plan.title}'...", id="timings-summary", markup=False)
        with VerticalScroll(id="timings-box"):
            yield Static("", id="timings-chart", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#timings-box").focus()
        self.read_history()

    @work(thread=True, exclusive=True, group="timings")
    def read_history(self) -> None:
        history = plan_history(self.sessions_dir, self.plan.name)
        self.post_message(self.Read(history, plan_stats(self.plan, history.sessions)))

    def on_plan_timings_screen_read(self, message: Read) -> None:
        self.stats = stats = message.stats
        self.query_one("#timings-summary", Static).update("\n".join(summary_lines(stats)))
        width = max(40, self.query_one("#timings-box").size.width - 2)
        if stats.sessions:
            lines = [*chart_lines(stats, width), "", *suggestion_lines(stats)]
            if stats.suggestion_changes:
                lines += ["", "Press U to save the suggested timings as a new version of the plan."]
        else:
            lines = [f"There are no past sessions of this plan in {self.sessions_dir} yet."]
        lines += damaged_lines(message.history.damaged, self.sessions_dir)
        self.query_one("#timings-chart", Static).update("\n".join(lines))

    def action_use_suggested(self) -> None:
        stats = self.stats
        if stats is None or not stats.sessions:
            self.notify("There are no past sessions to learn from yet.", title="Nothing to suggest")
            return
        if not stats.suggestion_changes:
            self.notify("The suggested timings are the plan's own already.", title="Nothing to change")
            return
        changed = sum(1 for step in stats.steps if step.suggested != step.planned)
        findings = check_plan(stats.suggested_plan())
        checks = f" With them, the checks find {plural(len(findings), 'thing')} to look at." if findings else ""

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_suggested(stats)

        self.app.push_screen(
            ConfirmScreen(
                f"Save the suggested timings ({plural(changed, 'step')} changed) as a new version of '{self.plan.title}'? "
                f"The version before is kept.{checks}",
                "Save",
                "Not now",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="timings-save")
    def save_suggested(self, stats: PlanStats) -> None:
        try:
            saved = save_plan_version(self.sessions_dir / "plans", stats.suggested_plan(), self.plan.version)
        except PlanNotSaved as problem:
            self.post_message(self.Saved(None, str(problem)))
            return
        self.post_message(self.Saved(saved))

    def on_plan_timings_screen_saved(self, message: Saved) -> None:
        if message.saved is None:
            self.notify(message.problem, title="Not saved", severity="error", timeout=15)
            return
        self.plan = message.saved.plan
        self.notify(message.saved.said, title="Saved the suggested timings", timeout=10)
        self.read_history()

    def action_back(self) -> None:
        self.dismiss(None)
