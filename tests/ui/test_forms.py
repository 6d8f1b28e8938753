"""Every form checks what is typed, says what is wrong next to the field, and stays open with it.
Nothing typed into a form can raise out of the live screen (issue 9, items 4, 14 and 15)."""

from pathlib import Path
from typing import Any

from textual.app import App
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.model.command_arguments import LARGEST_COUNT
from workshop_tui.ui.screens.action_form import ActionForm
from workshop_tui.ui.screens.decision_form import DecisionForm, PresenceList
from workshop_tui.ui.screens.form_dialog import say_problem
from workshop_tui.ui.screens.person_form import PersonForm
from workshop_tui.ui.screens.start_session import StartSessionScreen
from workshop_tui.ui.screens.step_form import StepForm
from workshop_tui.ui.screens.text_prompt import TextPrompt
from tests.conftest import small_plan
from tests.ui.live_helpers import live, live_app
from tests.ui.test_recording import add_people, shown_notes


def problems(app: App[Any]) -> str:
    """Every problem the form on top says: next to a field or on its problem line."""
    lines = [str(s.content) for s in app.screen.query(".field-problem").results(Static)]
    lines += [str(s.content) for s in app.screen.query("#form-problem").results(Static)]
    return " ".join(line for line in lines if line)


async def test_a_step_title_over_200_characters_is_said_in_the_form_not_a_crash(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("i", "enter")  # a step of my own, not a method from the library
        assert isinstance(app.screen, StepForm)
        app.screen.query_one("#step-title", Input).value = "x" * 201
        await pilot.press("enter")
        assert isinstance(app.screen, StepForm)
        assert "201 characters long; it can be at most 200" in problems(app)
        assert app.screen.query_one("#step-title", Input).value == "x" * 201
        assert app.screen.focused is not None
        assert app.screen.focused.id == "step-title"
        app.screen.query_one("#step-title", Input).value = "Tea and a chat"
        app.screen.query_one("#step-minutes", Input).value = "0"
        await pilot.press("enter")
        assert "Minutes must be from 1 to 600" in problems(app)
        app.screen.query_one("#step-minutes", Input).value = "15"
        await pilot.press("enter")
        assert not isinstance(app.screen, StepForm)
        assert [s.title for s in live(app).session.steps][1] == "Tea and a chat"


async def test_a_changed_step_title_over_200_characters_is_said_in_the_form(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("tab")  # to the agenda
        while app.screen.focused is None or app.screen.focused.id != "agenda":
            await pilot.press("tab")
        await pilot.press("down", "e")
        assert isinstance(app.screen, StepForm)
        app.screen.query_one("#step-title", Input).value = "y" * 250
        await pilot.press("enter")
        assert isinstance(app.screen, StepForm) and "at most 200" in problems(app)


async def test_a_dot_count_written_as_a_superscript_is_said_in_the_form(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("d", *"Where shall we meet?")
        form = app.screen
        assert isinstance(form, DecisionForm)
        form.query_one("#method", Select).value = "dot vote"
        await pilot.pause()
        form.query_one("#dots", Input).value = "Library ², Cafe 3"
        form.query_one("#outcome", Select).value = "agreed"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "'Library ²' should be an option and its number of dots" in problems(app)
        assert form.query_one("#dots", Input).value == "Library ², Cafe 3"
        form.query_one("#dots", Input).value = "Library 2, library 3"
        await pilot.press("ctrl+s")
        assert app.screen is form and "named twice" in problems(app)
        assert live(app).session.decisions == []


async def test_a_decision_the_engine_refuses_keeps_the_form_open_and_says_why(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("d", *"Where shall we meet?")
        form = app.screen
        form.query_one("#method", Select).value = "majority vote"
        form.query_one("#votes-for", Input).value = str(LARGEST_COUNT + 1)
        form.query_one("#outcome", Select).value = "agreed"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.screen is form and f"For must be from 0 to {LARGEST_COUNT:,}" in problems(app)
        assert app.screen.focused is not None
        assert app.screen.focused.id == "votes-for"


async def test_an_impossible_count_and_a_contradiction_are_warned_about_and_kept_with_the_decision(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(100, 50)) as pilot:
        await add_people(pilot, "Ann", "Bob")
        await pilot.press("d", *"Open on Sundays?")
        form = app.screen
        form.query_one("#method", Select).value = "consent"
        await pilot.pause()
        form.query_one("#objections", Input).value = "3"
        form.query_one("#outcome", Select).value = "agreed"
        await pilot.pause()
        warnings = str(form.query_one("#warnings", Static).content)
        assert "Please check: 3 objections were counted, but only 2 people were present." in warnings
        assert "Recorded as agreed by consent, but 3 objections were raised." in warnings
        await pilot.press("ctrl+s")
        assert app.screen is form and "press Save again" in problems(app)
        assert live(app).session.decisions == []
        await pilot.press("ctrl+s")  # the group decided: record it as it was made
        assert app.screen is not form
        decision = live(app).session.decisions[0]
        assert decision.outcome == "agreed" and len(decision.warnings) == 2


async def test_the_action_owner_is_completed_by_tab_or_right(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await add_people(pilot, "Bob Smith")
        for key in ["tab", "right"]:
            await pilot.press("a", *"Book the hall", "enter", *"bo")
            await pilot.pause()
            await pilot.pause()
            await pilot.press(key)
            owner = app.screen.query_one("#action-owner", Input)
            assert (key, owner.value) == (key, "Bob Smith")
            await pilot.press("tab")  # nothing more to complete: on to the date
            assert app.screen.focused is not None
            assert app.screen.focused.id == "action-due"
            await pilot.press("escape")


async def test_a_due_date_in_words_is_said_back_before_saving(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)  # the fake clock says Wednesday 8 July 2026
    async with app.run_test() as pilot:
        await pilot.press("a", *"Book the hall", "enter", "enter", *"next Tuesday")
        assert str(app.screen.query_one("#due-understood", Static).content) == "That is Tuesday 14 July 2026."
        app.screen.query_one("#action-due", Input).value = "1/12/26"
        await pilot.pause()
        assert str(app.screen.query_one("#due-understood", Static).content) == "That is Tuesday 1 December 2026."
        app.screen.query_one("#action-due", Input).value = "a week on Friday"
        await pilot.pause()
        assert str(app.screen.query_one("#due-understood", Static).content) == "That is Friday 17 July 2026."
        app.screen.query_one("#action-due", Input).value = "blursday"  # said as it is typed, not only on Save
        await pilot.pause()
        assert str(app.screen.query_one("#due-understood", Static).content).startswith("Not a date yet.")
        app.screen.query_one("#action-due", Input).value = "31/2"
        await pilot.press("enter")
        assert isinstance(app.screen, ActionForm) and "February has no day 31" in problems(app)
        app.screen.query_one("#action-due", Input).value = "tomorrow"
        await pilot.press("enter")
        assert str(live(app).session.actions[0].due) == "2026-07-09"


async def test_editing_a_note_with_an_at_name_changes_who_said_it(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await add_people(pilot, "Ann", "Bob")
        await pilot.press("t", *"@ann Meet at the libary", "enter", "escape", "tab")
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one("#prompt-text", Input).value = "@zed Meet at the library"
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt) and "nobody called 'zed'" in problems(app)
        assert app.screen.query_one("#prompt-text", Input).value == "@zed Meet at the library"
        app.screen.query_one("#prompt-text", Input).value = "@bob Meet at the library"
        await pilot.press("enter")
        assert not isinstance(app.screen, TextPrompt)
        note = live(app).session.notes[0]
        assert (note.text, note.by, [e.text for e in note.earlier]) == (
            "Meet at the library",
            "p2",
            ["Meet at the libary"],
        )
        assert shown_notes(app) == ["10:00 Meet at the library - Bob (edited)"]


class OneForm(App[Any]):
    """A bare app with one form on it, to try the form on its own."""

    def __init__(self, form: Screen[Any]) -> None:
        super().__init__()
        self.form = form
        self.answers: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.answers.append)


async def test_a_form_whose_answer_is_refused_stays_open_with_what_was_typed() -> None:
    refusals = ["Ann is already on the roster.", ""]
    form = PersonForm(attempt=lambda answer: refusals.pop(0))
    app = OneForm(form)
    async with app.run_test() as pilot:
        await pilot.press(*"Ann", "enter")
        assert app.screen is form and problems(app) == "Ann is already on the roster."
        assert form.query_one("#person-name", Input).value == "Ann"
        await pilot.press("enter")
        assert app.answers == [("Ann", "older person", True)]


async def test_a_name_over_100_characters_is_said_in_the_form() -> None:
    form = PersonForm()
    app = OneForm(form)
    async with app.run_test() as pilot:
        form.query_one("#person-name", Input).value = "z" * 101
        await pilot.press("enter")
        assert app.screen is form and "at most 100 characters" in problems(app)


async def test_a_session_title_over_200_characters_is_said_in_the_form() -> None:
    form = StartSessionScreen(small_plan())
    app = OneForm(form)
    async with app.run_test() as pilot:
        form.query_one("#session-title", Input).value = "t" * 201
        form.query_one("#note-taker", Input).focus()
        await pilot.press("enter")
        assert app.screen is form and "at most 200" in problems(app)
        assert app.screen.focused is not None
        assert app.screen.focused.id == "session-title"
        assert app.answers == []


async def test_the_action_forms_save_button_names_a_key_that_saves_from_its_first_field(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("a", *"Book the hall")
        label = str(app.screen.query_one("#save", Button).label)
        key = label[label.index("(") + 1 : label.index(")")]
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, ActionForm)
        assert [action.text for action in live(app).session.actions] == ["Book the hall"]


def within(inner: Region, outer: Region) -> bool:
    return outer.contains_region(inner)


async def test_the_decision_forms_save_button_and_its_problem_are_in_sight_at_80x24(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecisionForm)
        box = screen.query_one(".dialog").region
        assert within(box, screen.region)
        assert within(screen.query_one("#save", Button).region, box)
        say_problem(screen, "The session could not record it.")  # as when the session refuses the decision
        await pilot.pause()
        problem = screen.query_one("#form-problem", Static)
        assert problem.region.height >= 1 and within(problem.region, box)


async def test_who_was_present_shows_ticked_and_unticked_in_characters_and_who_has_not_arrived(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_people(pilot, "Ann", "Bob")
        live(app).run_command("add_person", name="Cy", arrived=False)
        await pilot.press("d")
        await pilot.pause()
        present = app.screen.query_one("#present", PresenceList)
        present.deselect(present.get_option_at_index(1).value)  # Bob
        await pilot.pause()
        rows = [present.render_line(y).text for y in range(present.option_count)]
        ann, bob, cy = rows
        assert "X" in ann and "Ann" in ann
        assert "X" not in bob.replace("Bob", "")
        assert "Cy (not arrived yet)" in cy and "X" not in cy.replace("Cy", "")
