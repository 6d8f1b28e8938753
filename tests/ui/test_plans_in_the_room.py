"""What plans give the room: a method from the library added live, a decision form that starts with
the step's way of deciding, and a plan's timings from past sessions on screen."""

from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.event_kinds import Kind
from workshop_tui.model import Plan, Step
from workshop_tui.store.method_library import find_method
from workshop_tui.store.toml_files import load_plan
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.decision_form import DecisionForm
from workshop_tui.ui.screens.method_chooser import MethodChooser
from workshop_tui.ui.screens.plan_timings import PlanTimingsScreen
from workshop_tui.ui.screens.step_form import StepForm
from tests.test_plan_stats import PLAN, run_session
from tests.ui.live_helpers import live, live_app
from tests.ui.test_home import plans_shown


def choose(app: WorkshopApp, name: str) -> None:
    chooser = app.screen.query_one("#methods", OptionList)
    chooser.highlighted = next(i for i in range(chooser.option_count) if chooser.get_option_at_index(i).id == name)


async def test_i_adds_a_method_from_the_library_after_the_current_step_with_its_words(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        for name in ("Ann", "Bob", "Cy", "Di", "Ed", "Flo"):
            live(app).run_command("add_person", name=name, role="older person")
        await pilot.press("i")
        assert isinstance(app.screen, MethodChooser)
        choose(app, "check-in")
        await pilot.pause()
        words = str(app.screen.query_one("#method-words", Static).content)
        assert "Check-in round" in words and "5 to 20 minutes" in words and "How are you arriving today?" in words
        await pilot.press("enter")
        assert isinstance(app.screen, StepForm)
        # About a minute for each of the six people here, and a little to start and close.
        assert app.screen.query_one("#step-minutes", Input).value == "8"
        await pilot.press("enter")
        await pilot.pause()
        added = live(app).session.steps[1]
        check_in = find_method("check-in").step
        assert (added.title, added.planned_minutes, added.kind) == ("Check-in round", 8, "activity")
        assert (added.instructions, added.prompts) == (check_in.instructions, check_in.prompts)
        event = live(app).session.events[-1]
        assert event.kind == Kind.AGENDA_INSERT and event.details["method"] == "check-in"


async def test_the_decision_form_starts_with_how_the_plan_says_the_group_decides(
    sessions_dir: Path, clock: FakeClock
) -> None:
    plan = Plan(
        name="vote",
        title="Vote",
        steps=[Step(title="Choose a venue", kind="decision", planned_minutes=10, decides_by="dot vote")],
    )
    app = live_app(sessions_dir, clock, plan=plan)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, DecisionForm)
        assert app.screen.query_one("#method", Select).value == "dot vote"
        assert app.screen.query_one("#counts-dots").display


async def test_t_shows_the_chosen_plans_timings_and_u_saves_the_suggested_ones(
    sessions_dir: Path, clock: FakeClock
) -> None:
    sessions_dir.mkdir()
    for number, minutes in enumerate([[12, 20, 11, 30, 10, 10], [14, 18, 14, 32, 10, 9], [11, 17, 10, 28, 12, 11]]):
        run_session(sessions_dir, number, minutes)
    (sessions_dir / "damaged.toml").write_text("title = ")
    (sessions_dir / "plans").mkdir()
    from workshop_tui.store.plan_files import save_plan_version

    save_plan_version(sessions_dir / "plans", PLAN, started_from=None)
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test(size=(100, 36)) as pilot:
        shown = await plans_shown(pilot)
        index = next(i for i, label in enumerate(shown) if label.startswith("A morning together"))
        app.screen.query_one("#plans", OptionList).highlighted = index
        await pilot.press("t")
        assert isinstance(app.screen, PlanTimingsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one("#timings-summary", Static).content)
        chart = str(app.screen.query_one("#timings-chart", Static).content)
        assert "3 past sessions" in summary
        assert (
            "2. Check-in round (activity)" in chart
            and "Usually took 18 minutes (17 to 20 minutes), against 15 planned." in chart
        )
        assert "damaged.toml" in chart and "could not be read" in chart
        assert "2. Check-in round: 20 (was 15)" in chart
        await pilot.press("u")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("as version 2," in str(n.message) for n in app._notifications)
    saved = load_plan(sessions_dir / "plans" / "morning.toml")
    assert saved.version == 2 and saved.steps[1].planned_minutes == 20
    assert (sessions_dir / "plans" / "earlier" / "morning-v1.toml").exists()


async def test_a_form_opened_on_fist_of_five_has_its_outcome_in_sight(sessions_dir: Path, clock: FakeClock) -> None:
    # The row of finger counts was a screen high, pushing the outcome out of sight at 160x48.
    plan = Plan(
        name="agree",
        title="Agree",
        steps=[Step(title="Agree the plan", kind="decision", planned_minutes=10, decides_by="fist-of-five")],
    )
    app = live_app(sessions_dir, clock, plan=plan)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one("#method", Select).value == "fist-of-five"
        assert app.screen.query_one("#counts-fingers").region.height <= 6
        outcome = app.screen.query_one("#outcome").region
        assert outcome.height and outcome.bottom <= 48
