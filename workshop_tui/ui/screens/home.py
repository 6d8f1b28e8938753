"""The home screen: the plans a session can start from."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.core.wording import length_in_words, plural
from workshop_tui.model import Session
from workshop_tui.store.plan_library import PlanEntry, all_plans
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.sessions_folder import SessionsFolder
from workshop_tui.ui.screens.start_session import SessionDetails, StartSessionScreen
from workshop_tui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual import getters

    from workshop_tui.core.plan_draft import PlanDraft  # loaded only when the editor opens
    from workshop_tui.ui.screen_app import ScreenApp

HINT = "Enter starts a session of the chosen plan. E changes it, C copies it, N writes a new one, T shows its timings. B: past sessions."


def folder_words(folder: Path) -> str:
    """Which sessions folder is in use, as short as it can be said: from here, from home, or in full."""
    from workshop_tui.store.team_archive import archive_of, connected
    from workshop_tui.ui.middle_cut import middle_cut

    where = Path(folder).absolute()
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            shown = prefix + str(where.relative_to(base))
            break
        except ValueError:
            continue
    else:
        shown = str(where)
    address = archive_of(folder)
    if address:
        team = f" It shares with your team's archive at {middle_cut(address, 48)}."
    else:
        team = " It shares with your team's archive." if connected(folder) else ""
    return f"Sessions folder: {shown}.{team}"


def plan_label(entry: PlanEntry) -> str:
    if entry.plan is None:
        return f"{entry.path.name} - cannot be used"
    where = (
        "" if entry.builtin else f" (your version {entry.plan.version})" if entry.replaces_builtin else " (your plan)"
    )
    return f"{entry.plan.title}{where}\n  {length_in_words(entry.plan.planned_minutes)}"


def unfinished_label(session: Session) -> str:
    return f"{session.title}\n  started {session.started_at:%d %B %Y at %H:%M}, {session.status}"


def unfinished_details(path: Path, session: Session) -> str:
    step = session.steps[session.current_step]
    return (
        f"# {session.title}\n\nA session of '{session.plan.title}', started "
        f"{session.started_at:%A %d %B %Y at %H:%M}.\n\nIt was on step {session.current_step + 1}: "
        f"{step.title}.\n\nPress enter to carry on. The file is {path}."
    )


def plan_details(entry: PlanEntry) -> str:
    if entry.plan is None:
        return f"# {entry.path.name}\n\nThis file cannot be used.\n\n{entry.problem}"
    plan = entry.plan
    lines = [
        f"# {plan.title}",
        "",
        plan.description,
        "",
        f"{plural(len(plan.steps), 'step')}, {length_in_words(plan.planned_minutes)} in all:",
        "",
    ]
    for number, step in enumerate(plan.steps, start=1):
        lines.append(f"{number}. **{step.title}** - {plural(step.planned_minutes, 'minute')}, {step.kind}")
    return "\n".join(lines)


class HomeScreen(Screen[None]):
    """Lists the built-in plans and any plan files in the sessions folder's plans/."""

    if TYPE_CHECKING:
        app = getters.app(ScreenApp)  # the app's own attributes, typed (see ui/screen_app.py)

    BINDINGS = [
        Binding("b", "past_sessions", "Past sessions", id="past_sessions", tooltip="Look back at past sessions"),
        Binding("e", "edit_plan", "Change", id="edit_plan", tooltip="Change the chosen plan in the plan editor"),
        # C and N are in the hint line above the footer, which keeps Quit and Help in sight at 80 columns.
        Binding(
            "c",
            "copy_plan",
            "Copy",
            id="copy_plan",
            show=False,
            tooltip="Write a new plan, starting from a copy of the chosen one",
        ),
        Binding("n", "new_plan", "New", id="new_plan", show=False, tooltip="Write a new plan, starting from nothing"),
        Binding(
            "t",
            "plan_timings",
            "Timings",
            id="plan_timings",
            tooltip="How the chosen plan's steps went in past sessions",
        ),
    ]

    def action_past_sessions(self) -> None:
        from workshop_tui.ui.screens.sessions_browser import SessionsBrowser

        self.app.push_screen(SessionsBrowser())

    def chosen_plan(self) -> PlanEntry | None:
        """The plan highlighted in the plans list, if it can be used; otherwise says why and gives None."""
        highlighted = self.query_one("#plans", OptionList).highlighted
        if highlighted is None:
            self.notify("Choose a plan in the list first.", title="No plan chosen", severity="warning")
            return None
        entry = self.entries[highlighted]
        if entry.plan is None:
            self.notify(str(entry.problem), title="This plan cannot be used", severity="error")
            return None
        return entry

    def open_editor(self, draft: "PlanDraft", builtin: bool = False) -> None:
        from workshop_tui.ui.screens.plan_editor import PlanEditor

        self.app.push_screen(PlanEditor(draft, self.app.sessions_dir / "plans", builtin))

    def action_edit_plan(self) -> None:
        from workshop_tui.core.plan_draft import PlanDraft

        entry = self.chosen_plan()
        if entry and entry.plan:
            self.open_editor(PlanDraft.of(entry.plan), builtin=entry.builtin)

    def action_copy_plan(self) -> None:
        from workshop_tui.core.plan_draft import PlanDraft

        entry = self.chosen_plan()
        if entry and entry.plan:
            self.open_editor(PlanDraft.of(entry.plan, editing=False))

    def action_new_plan(self) -> None:
        from workshop_tui.core.plan_draft import PlanDraft

        self.open_editor(PlanDraft.new())

    def action_plan_timings(self) -> None:
        from workshop_tui.ui.screens.plan_timings import PlanTimingsScreen

        entry = self.chosen_plan()
        if entry and entry.plan:
            self.app.push_screen(PlanTimingsScreen(entry.plan, self.app.sessions_dir))

    @dataclass
    class PlansFound(Message):
        entries: list[PlanEntry]
        unfinished: list[tuple[Path, Session]]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[PlanEntry] = []
        self.unfinished: list[tuple[Path, Session]] = []
        self.chosen_name = ""  # the plan highlighted, kept when the list is read again

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="plan-column"):
                yield Static("Start from a plan", classes="heading")
                yield OptionList(id="plans", markup=False)
                yield Static("Carry on a session", classes="heading", id="unfinished-heading")
                yield OptionList(id="unfinished", markup=False)
            with VerticalScroll(id="plan-details"):
                yield Markdown("Looking for plans...", id="plan-text")
        yield Static(HINT, id="home-message")
        yield Static(folder_words(self.app.sessions_dir), id="home-folder", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#plans", OptionList).loading = True
        self.find_plans()

    def on_screen_resume(self) -> None:
        # Back from a session: what can be carried on may have changed.
        if self.entries:
            self.find_plans()

    @work(thread=True, exclusive=True, group="plans")
    def find_plans(self) -> None:
        # Reading files off the UI thread keeps the screen responsive on a slow disk.
        entries = all_plans(self.app.sessions_dir / "plans")
        unfinished = SessionsFolder(self.app.sessions_dir).unfinished()
        self.post_message(self.PlansFound(entries, unfinished))

    def on_home_screen_plans_found(self, message: PlansFound) -> None:
        self.entries = message.entries
        self.unfinished = message.unfinished
        plans = self.query_one("#plans", OptionList)
        plans.loading = False
        plans.clear_options()
        plans.add_options(Option(plan_label(entry), id=str(index)) for index, entry in enumerate(self.entries))
        unfinished = self.query_one("#unfinished", OptionList)
        unfinished.clear_options()
        unfinished.add_options(
            Option(unfinished_label(session), id=str(index)) for index, (_, session) in enumerate(self.unfinished)
        )
        unfinished.display = bool(self.unfinished)
        if self.unfinished:
            unfinished.highlighted = 0
        self.query_one("#unfinished-heading").display = bool(self.unfinished)
        if self.entries:
            # Back from the editor or a session, the plan chosen before is still the one chosen.
            names = [entry.name for entry in self.entries]
            plans.highlighted = names.index(self.chosen_name) if self.chosen_name in names else 0
        plans.focus()

    def show_details(self, option_list: OptionList) -> None:
        """The right-hand side describes the highlighted line of the list in use."""
        highlighted = option_list.highlighted
        if highlighted is None:
            return
        if option_list.id == "plans":
            self.chosen_name = self.entries[highlighted].name
            text = plan_details(self.entries[highlighted])
        else:
            text = unfinished_details(*self.unfinished[highlighted])
        self.query_one("#plan-text", Markdown).update(text)

    @on(OptionList.OptionHighlighted)
    def follow_highlight(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus or (event.option_list.id == "plans" and self.focused is None):
            self.show_details(event.option_list)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, OptionList):
            self.show_details(event.widget)

    @on(OptionList.OptionSelected, "#plans")
    def choose_plan(self, event: OptionList.OptionSelected) -> None:
        entry = self.entries[event.option_index]
        if entry.plan is None:
            self.notify(str(entry.problem), title="This plan cannot be used", severity="error")
            return
        plan = entry.plan

        def start(details: SessionDetails | None) -> None:
            if not details:
                return
            try:
                self.app.start_session(plan, details, show=True)
            except FileProblem as problem:  # a sessions folder that cannot hold a session: said, not a crash
                self.notify(str(problem), title="The session could not be started", severity="error", timeout=15)

        # A part 2 follows its part 1; a panel's next sitting continues a round of the same plan.
        earlier_plan = plan.follows or (plan.name if plan.panel is not None else None)
        earlier = (
            SessionsFolder(self.app.sessions_dir).earlier_sessions(earlier_plan, plan.title) if earlier_plan else []
        )
        self.app.push_screen(StartSessionScreen(plan, earlier), start)

    @on(OptionList.OptionSelected, "#unfinished")
    def carry_on(self, event: OptionList.OptionSelected) -> None:
        path, _ = self.unfinished[event.option_index]
        try:
            self.app.resume_session(path, show=True)
        except FileProblem as problem:
            self.notify(str(problem), title="This session cannot be opened", severity="error", timeout=10)
