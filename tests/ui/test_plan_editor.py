"""The plan editor, driven by keyboard as a facilitator preparing a workshop would."""

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.plan_draft import PlanDraft
from workshop_tui.store.toml_files import load_plan
from workshop_tui.ui.app import EditPlan, WorkshopApp
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.method_chooser import MethodChooser
from workshop_tui.ui.screens.plan_details_form import PlanDetailsForm
from workshop_tui.ui.screens.plan_editor import PlanEditor, StepsTable
from workshop_tui.ui.screens.step_form import StepForm
from tests.conftest import plan_named
from tests.ui.test_home import plans_shown


def editor_app(
    sessions_dir: Path, clock: FakeClock, draft: PlanDraft | None = None, builtin: bool = False
) -> WorkshopApp:
    return WorkshopApp(sessions_dir=sessions_dir, clock=clock, opening=EditPlan(draft or PlanDraft.new(), builtin))


def editor(app: WorkshopApp) -> PlanEditor:
    return next(screen for screen in app.screen_stack if isinstance(screen, PlanEditor))


def rows(app: WorkshopApp) -> list[tuple[str, ...]]:
    table = editor(app).query_one("#plan-steps", StepsTable)
    return [tuple(str(cell) for cell in table.get_row_at(row)) for row in range(table.row_count)]


def text(app: WorkshopApp, selector: str) -> str:
    return str(editor(app).query_one(selector, Static).content)


CLEAR = ("end", *["backspace"] * 5)  # empties a short field, wherever its cursor is


async def saved(pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_new_plan_is_written_by_keyboard_with_a_method_from_the_library_and_saved(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = editor_app(sessions_dir, clock)
    async with app.run_test(size=(100, 36)) as pilot:
        assert "No steps yet" in text(app, "#plan-total")
        await pilot.press("d")
        assert isinstance(app.screen, PlanDetailsForm)
        await pilot.press(*"Coffee morning")
        assert app.screen.query_one("#plan-name", Input).value == "coffee-morning"  # the name follows the title
        await pilot.press("tab", "tab", *"10:00", "tab", *"11:30", "ctrl+s")  # past the short name to the times
        assert isinstance(app.screen, PlanEditor)
        await pilot.press("a")
        assert isinstance(app.screen, StepForm)
        await pilot.press(*"Welcome and coffee", "tab", *CLEAR, *"15")
        app.screen.query_one("#step-instructions", TextArea).text = "Greet people as they arrive. Show the toilets."
        await pilot.press("ctrl+s")
        await pilot.press("i")
        assert isinstance(app.screen, MethodChooser)
        chooser = app.screen.query_one("#methods", OptionList)
        chooser.highlighted = next(
            i for i in range(chooser.option_count) if chooser.get_option_at_index(i).id == "dot-voting"
        )
        await pilot.press("enter")
        assert isinstance(app.screen, StepForm)
        assert app.screen.query_one("#step-title", Input).value == "Dot voting"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rows(app) == [
            ("10:00", "15", "activity", "Welcome and coffee", ""),
            ("10:15", "15", "decision", "Dot voting", ""),
        ]
        assert text(app, "#plan-total") == "2 steps · 30 minutes · 10:00 to 10:30, 1 hour to spare before 11:30"
        assert "not saved yet" in text(app, "#editor-heading")
        await saved(pilot)
    plan = load_plan(sessions_dir / "plans" / "coffee-morning.toml")
    assert (plan.title, plan.version, f"{plan.starts_at:%H:%M}", f"{plan.ends_by:%H:%M}") == (
        "Coffee morning",
        1,
        "10:00",
        "11:30",
    )
    assert [step.title for step in plan.steps] == ["Welcome and coffee", "Dot voting"]
    assert plan.steps[1].decides_by == "dot vote" and plan.steps[1].prompts  # the method's words came with it
    assert plan.steps[0].instructions == "Greet people as they arrive. Show the toilets."


async def test_steps_move_and_go_and_come_back_with_undo(sessions_dir: Path, clock: FakeClock) -> None:
    app = editor_app(sessions_dir, clock, PlanDraft.of(plan_named("co-production-part-1")), builtin=True)
    async with app.run_test(size=(100, 36)) as pilot:
        assert rows(app)[1][3] == "Check-in round"
        await pilot.press("down", "ctrl+down")
        assert [row[3] for row in rows(app)[:3]] == ["Arrival and welcome", "Group agreement", "Check-in round"]
        assert rows(app)[2][0] == "10:25"  # the clock times follow the new order
        await pilot.press("x")
        assert "Check-in round" not in [row[3] for row in rows(app)]
        await pilot.press("ctrl+z", "ctrl+z")
        assert [row[3] for row in rows(app)[:3]] == ["Arrival and welcome", "Check-in round", "Group agreement"]


async def test_the_checks_follow_the_plan_and_enter_on_one_opens_its_step(sessions_dir: Path, clock: FakeClock) -> None:
    app = editor_app(sessions_dir, clock, PlanDraft.of(plan_named("co-production-part-1")), builtin=True)
    async with app.run_test(size=(100, 36)) as pilot:
        assert "Nothing to look at" in text(app, "#findings-heading")
        await pilot.press("down", "down", "down", "down", "x")  # the comfort break goes
        await pilot.pause()
        assert "1 thing to look at" in text(app, "#findings-heading")
        findings = editor(app).query_one("#plan-findings", OptionList)
        assert "minutes without a break" in str(findings.get_option_at_index(0).prompt)
        assert rows(app)[0][4] == "1"  # the step it starts at says so in its own column, not by colour
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, StepForm)
        assert app.screen.query_one("#step-title", Input).value == "Arrival and welcome"
        assert app.screen.focused is not None
        assert app.screen.focused.id == "step-minutes"  # the field the check is about


async def test_leaving_with_changes_asks_first_and_staying_keeps_them(sessions_dir: Path, clock: FakeClock) -> None:
    app = editor_app(sessions_dir, clock, PlanDraft.of(plan_named("co-production-part-2")), builtin=True)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("x", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert (
            isinstance(app.screen, PlanEditor) and len(rows(app)) == len(plan_named("co-production-part-2").steps) - 1
        )
        await pilot.press("escape", "y")
        await pilot.pause()
    assert not (sessions_dir / "plans").exists()  # nothing was saved


async def test_a_save_after_another_window_saved_is_refused_in_words_and_the_changes_stay(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.store.plan_files import save_plan_version

    own = plan_named("co-production-part-1").model_copy(update={"name": "our-course"})
    first = save_plan_version(sessions_dir / "plans", own, started_from=None)
    app = editor_app(sessions_dir, clock, PlanDraft.of(first.plan))
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("x")
        save_plan_version(sessions_dir / "plans", first.plan, started_from=1)  # another window saved version 2
        await saved(pilot)
        assert any(
            "saved in another window meanwhile" in str(n.message) and "another short name" in str(n.message)
            for n in app._notifications
        )
        assert editor(app).draft.unsaved
    assert load_plan(sessions_dir / "plans" / "our-course.toml").version == 2


async def test_changing_a_built_in_plan_from_the_home_screen_makes_your_own_version(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test(size=(100, 36)) as pilot:
        await plans_shown(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, PlanEditor)
        assert "built in: saving makes it yours" in text(app, "#editor-heading")
        await pilot.press("e")  # the first step
        await pilot.press("tab", *CLEAR, *"20", "ctrl+s")
        await saved(pilot)
        assert "version 2" in text(app, "#editor-heading")
        await pilot.press("escape")
        shown = await plans_shown(pilot)
        assert "Co-production training, part 1 (your version 2)" in shown[0]
    assert load_plan(sessions_dir / "plans" / "co-production-part-1.toml").steps[0].planned_minutes == 20


async def test_c_copies_the_chosen_plan_and_n_starts_from_nothing(sessions_dir: Path, clock: FakeClock) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test(size=(100, 36)) as pilot:
        await plans_shown(pilot)
        await pilot.press("down", "c")
        assert editor(app).draft.details.name == "co-production-part-2-copy"
        assert len(rows(app)) == len(plan_named("co-production-part-2").steps)
        await saved(pilot)
        await pilot.press("escape")
        assert len(await plans_shown(pilot)) == 4
        await pilot.press("n")
        assert rows(app) == [] and "new, not saved yet" in text(app, "#editor-heading")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("at least one step" in str(n.message) for n in app._notifications)


async def test_every_field_of_a_step_is_changed_by_keyboard(sessions_dir: Path, clock: FakeClock) -> None:
    app = editor_app(sessions_dir, clock, PlanDraft.of(plan_named("co-production-part-2")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")  # Enter on a step changes it, as E does
        assert isinstance(app.screen, StepForm)
        await pilot.press(*CLEAR, *CLEAR, *CLEAR, *CLEAR, *"Choosing together", "tab", *"25", "tab")
        await pilot.press("enter", "down", "down", "down", "enter")  # activity, discussion, break, decision
        await pilot.pause()
        assert app.screen.query_one("#decides-by-box").display  # a decision step asks how the group decides
        await pilot.press("tab", "enter", "down", "down", "enter")  # not said yet, consensus, consent
        # In the words' boxes the cursor starts after the words; F7 chooses them all, so typing replaces them.
        await pilot.press(
            "tab", *" Ask each person in turn.", "tab", "f7", *"What matters most?", "enter", *"Who is missing?"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        step = editor(app).draft.steps[1]
        assert (step.title, step.planned_minutes, step.kind, step.decides_by) == (
            "Choosing together",
            25,
            "decision",
            "consent",
        )
        assert step.instructions.startswith("Go round the room") and step.instructions.endswith(
            " Ask each person in turn."
        )
        assert step.prompts == ["What matters most?", "Who is missing?"]
        assert rows(app)[1][1:4] == ("25", "decision", "Choosing together")


async def test_ctrl_q_with_changes_not_saved_asks_before_they_are_lost(sessions_dir: Path, clock: FakeClock) -> None:
    app = editor_app(sessions_dir, clock, PlanDraft.of(plan_named("co-production-part-1")), builtin=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "not saved" in str(app.screen.question)
        await pilot.press("n")  # stay
        assert isinstance(app.screen, PlanEditor) and app.is_running
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+q")  # saved: nothing to ask
        await pilot.pause()
        assert not app.is_running
    assert (sessions_dir / "plans" / "co-production-part-1.toml").exists()


async def test_a_new_plans_short_name_follows_its_title_until_one_is_typed(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = editor_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d", *"Garden club", "backspace")
        await pilot.pause()
        assert app.screen.query_one("#plan-name", Input).value == "garden-clu"  # deleting follows too
        await pilot.press("tab", *CLEAR, *CLEAR, *CLEAR, *"our-garden", "shift+tab", *" x")
        await pilot.pause()
        assert app.screen.query_one("#plan-name", Input).value == "our-garden"  # typed: it stays
    given = PlanDraft.new()
    given.details.name, given.name_given = "attack-test", True
    app = editor_app(sessions_dir, clock, given)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d", *"Something else")
        await pilot.pause()
        assert app.screen.query_one("#plan-name", Input).value == "attack-test"  # given on the command line


async def test_minutes_that_are_not_a_whole_number_are_said_not_changed(sessions_dir: Path, clock: FakeClock) -> None:
    # The minutes box once dropped the "." as it was typed, so 2.5 became 25 without a word.
    app = editor_app(sessions_dir, clock, PlanDraft.of(plan_named("co-production-part-1")), builtin=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "tab", *CLEAR, *"2.5", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StepForm)
        assert app.screen.query_one("#step-minutes", Input).value == "2.5"
        assert "Minutes must be a whole number" in str(app.screen.query_one("#form-problem", Static).content)
        assert app.screen.query_one("#save").region.bottom <= 24  # the buttons stay in sight
        assert editor(app).draft.steps[0].planned_minutes == 10


async def test_back_from_the_editor_the_same_plan_is_still_chosen(sessions_dir: Path, clock: FakeClock) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    async with app.run_test(size=(100, 36)) as pilot:
        await plans_shown(pilot)
        await pilot.press("down", "down", "e")
        assert editor(app).draft.details.name == "commissioning-shortlisting"
        await pilot.press("escape")
        await plans_shown(pilot)
        assert app.screen.query_one("#plans", OptionList).highlighted == 2


async def test_the_steps_keys_work_while_the_findings_have_the_focus(sessions_dir: Path, clock: FakeClock) -> None:
    # The keys belong to the steps' table, and work wherever the focus is, as they always have.
    app = editor_app(sessions_dir, clock, PlanDraft.of(plan_named("co-production-part-1")), builtin=True)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("down", "down", "down", "down", "x")  # the comfort break goes: a finding appears
        await pilot.pause()
        editor(app).query_one("#plan-findings", OptionList).focus()
        await pilot.pause()
        before = [row[3] for row in rows(app)]
        await pilot.press("x")
        after = [row[3] for row in rows(app)]
        assert len(after) == len(before) - 1
        await pilot.press("ctrl+z")
        assert [row[3] for row in rows(app)] == before
