"""The home screen: the plans a session can start from."""

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.core.wording import length_in_words
from workshop_tui.store.plan_library import PlanEntry, builtin_plans, folder_plans

NOT_YET = (
    "Running a live session is not ready yet: it comes in the next version. "
    "For now you can read each plan here."
)


def plan_label(entry: PlanEntry) -> str:
    if entry.plan is None:
        return f"{entry.path.name} - cannot be used"
    where = "" if entry.builtin else " (your plan)"
    return f"{entry.plan.title}{where}\n  {length_in_words(entry.plan.planned_minutes)}"


def plan_details(entry: PlanEntry) -> str:
    if entry.plan is None:
        return f"# {entry.path.name}\n\nThis file cannot be used.\n\n{entry.problem}"
    plan = entry.plan
    lines = [
        f"# {plan.title}",
        "",
        plan.description,
        "",
        f"{len(plan.steps)} steps, {length_in_words(plan.planned_minutes)} in all.",
        "",
        "| Step | Kind | Minutes |",
        "|---|---|---|",
    ]
    for number, step in enumerate(plan.steps, start=1):
        lines.append(f"| {number}. {step.title} | {step.kind} | {step.planned_minutes} |")
    return "\n".join(lines)


class HomeScreen(Screen):
    """Lists the built-in plans and any plan files in the sessions folder's plans/."""

    @dataclass
    class PlansFound(Message):
        entries: list[PlanEntry]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[PlanEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="plan-column"):
                yield Static("Plans", classes="heading")
                yield OptionList(id="plans")
            with VerticalScroll(id="plan-details"):
                yield Markdown("Looking for plans...", id="plan-text")
        yield Static(NOT_YET, id="home-message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plans", OptionList).loading = True
        self.find_plans()

    @work(thread=True, exclusive=True, group="plans")
    def find_plans(self) -> None:
        # Reading files off the UI thread keeps the screen responsive on a slow disk.
        entries = builtin_plans() + folder_plans(self.app.sessions_dir / "plans")
        self.post_message(self.PlansFound(entries))

    def on_home_screen_plans_found(self, message: PlansFound) -> None:
        self.entries = message.entries
        plans = self.query_one("#plans", OptionList)
        plans.loading = False
        plans.clear_options()
        plans.add_options(Option(plan_label(entry), id=str(index)) for index, entry in enumerate(self.entries))
        if self.entries:
            plans.highlighted = 0
        plans.focus()

    @on(OptionList.OptionHighlighted, "#plans")
    def show_plan(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.entries[int(event.option.id)]
        self.query_one("#plan-text", Markdown).update(plan_details(entry))

    @on(OptionList.OptionSelected, "#plans")
    def choose_plan(self, event: OptionList.OptionSelected) -> None:
        self.notify(NOT_YET, title="Not ready yet")
