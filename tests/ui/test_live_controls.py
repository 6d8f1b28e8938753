"""The live screen's controls, pressed as a facilitator would, with a fake clock."""

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Digits, Input

from workshop_tui.core.clock import FakeClock
from workshop_tui.store.session_file import load_session
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.confirm import ConfirmScreen, GuardedConfirmScreen
from workshop_tui.ui.screens.live import LiveScreen
from workshop_tui.ui.screens.step_form import StepForm
from workshop_tui.ui.widgets.agenda import Agenda
from tests.ui.live_helpers import advance, live, live_app, text_of


def countdown(app: WorkshopApp) -> str:
    return app.screen.query_one("#countdown", Digits).value


async def test_space_starts_and_pauses_the_timer(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        assert countdown(app) == "10:00"
        assert "Paused" in text_of(app, "#timer-words")
        await pilot.press("space")
        await advance(pilot, clock, 61)
        assert countdown(app) == "8:59"
        assert text_of(app, "#timer-words") == "8:59 left."
        await pilot.press("space")
        await advance(pilot, clock, 300)
        assert countdown(app) == "8:59"


async def test_n_and_p_move_between_steps(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("n")
        assert text_of(app, "#step-title").startswith("Tea")
        assert "Break - back at" in text_of(app, "#timer-words")
        await pilot.press("p")
        assert text_of(app, "#step-title").startswith("Welcome")
        assert text_of(app, "#next-step") == "Next: Tea (15 minutes)"


async def test_plus_and_minus_change_the_time_on_this_step(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("plus", "plus", "minus")
        assert countdown(app) == "11:00"
        assert live(app).engine.current.added_minutes == 1


async def test_past_zero_the_timer_says_how_far_over_in_words(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 10 * 60 + 133)
        assert text_of(app, "#timer-words") == "2:13 over. Time's up for this step."
        assert countdown(app) == "+2:13"
        assert app.screen.query_one("#timer").has_class("-over")


async def test_one_minute_left_and_time_up_are_announced(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 9 * 60 + 5)
        await advance(pilot, clock, 60)
        messages = [str(note.message) for note in app._notifications]
        assert "One minute left." in messages
        assert "Time's up for Welcome." in messages


async def test_a_break_shows_when_to_be_back(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("n", "space")
        await pilot.pause()
        assert text_of(app, "#timer-words").startswith("Break - back at 10:15.")
        assert app.screen.query_one("#back-at-time", Digits).value == "10:15"


async def test_f_shows_the_projector_view_and_hides_the_rest(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("f")
        assert app.screen.has_class("-projector")
        assert not app.screen.query_one("#agenda").display or not app.screen.query_one("#live").display
        assert app.screen.query_one("#projector-view").display
        await pilot.press("f")
        assert not app.screen.has_class("-projector")


async def test_a_typed_note_is_saved_under_the_current_step(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("n", "t")
        await pilot.press(*"? Is there a lift")
        await pilot.press("enter")
        note = live(app).session.notes[0]
        assert (note.step, note.kind, note.text) == ("s2", "question", "Is there a lift")
        assert app.screen.query_one("#note-line", Input).value == ""


async def test_timer_keys_reach_the_timer_while_a_note_is_typed(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("t", "n", "o")
        await pilot.press("f5")
        assert live(app).engine.countdown().running
        await pilot.press("f8")
        assert live(app).engine.current.title == "Tea"
        await pilot.press("f7")
        assert live(app).engine.current.title == "Welcome"
        assert app.screen.query_one("#note-line", Input).value == "no"
        await pilot.press("escape")
        assert app.screen.focused is not None
        assert app.screen.focused.id == "agenda"


async def test_n_on_the_last_step_offers_to_finish(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("space", "n", "n")
        await advance(pilot, clock, 120)
        await pilot.press("n")
        assert isinstance(app.screen, GuardedConfirmScreen)
        await pilot.press("y", "enter")  # neither a letter nor Enter finishes a session
        assert live(app).session.status != "finished"
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("n", "ctrl+f")
        session = live(app).session
        assert session.status == "finished"
        assert session.ended_at == clock.now()
        assert "Finished at" in text_of(app, "#status-line")


async def test_ctrl_f_then_no_keeps_the_session_going(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+f", "n")
        assert live(app).session.status != "finished"


async def test_f8_on_the_last_step_while_typing_never_asks_so_the_note_goes_on(
    sessions_dir: Path, clock: FakeClock
) -> None:
    # Found by an attacker: F8 on the last step asked "Finish the session now?" and the next "y" typed in
    # the note answered it, finishing the session for good and losing the note.
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("n", "n", "t")
        await pilot.press("f8", *"yes we can", "enter")
        session = live(app).session
        assert session.status != "finished"
        assert [note.text for note in session.notes] == ["yes we can"]
        assert any("This is the last step" in str(n.message) for n in app._notifications)


async def test_enter_typed_into_the_finish_question_keeps_the_session_going(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+f")
        assert app.screen.focused is not None and app.screen.focused.id == "no"
        await pilot.press("enter")
        assert live(app).session.status != "finished"


async def test_i_adds_a_step_after_the_current_one(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("i", "enter")  # a step of my own, not a method from the library
        assert isinstance(app.screen, StepForm)
        await pilot.press(*"Energiser")
        await pilot.press("tab", "end", "backspace", "backspace", "5")
        await pilot.click("#save")
        titles = [step.title for step in live(app).session.steps]
        assert titles == ["Welcome", "Energiser", "Tea", "Talk"]
        assert live(app).session.steps[1].planned_minutes == 5


async def test_e_changes_the_chosen_coming_step(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("down", "down", "e")
        assert isinstance(app.screen, StepForm)
        await pilot.press("tab", "backspace", "backspace", *"45", "enter")
        talk = live(app).session.steps[2]
        assert (talk.title, talk.planned_minutes) == ("Talk", 45)


async def test_e_on_the_current_step_explains_why_not(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("e")
        assert not isinstance(app.screen, StepForm)
        assert any("still to come" in str(n.message) for n in app._notifications)


async def test_s_skips_the_chosen_step_and_n_passes_over_it(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("down", "s", "n")
        assert live(app).engine.current.title == "Talk"
        assert "Step 2 of 2" in text_of(app, "#status-line")


async def test_x_removes_the_chosen_step_after_asking(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("down", "x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert live(app).session.steps[1].removed_at is not None
        assert live(app).query_one("#agenda", Agenda).row_count == 2


async def test_ctrl_down_and_up_move_the_chosen_step(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("down", "ctrl+down")
        assert [s.title for s in live(app).session.steps] == ["Welcome", "Talk", "Tea"]
        await pilot.press("ctrl+up")
        assert [s.title for s in live(app).session.steps] == ["Welcome", "Tea", "Talk"]


async def test_the_highlight_stays_on_the_step_it_moved_so_a_second_press_moves_it_again(
    sessions_dir: Path, clock: FakeClock
) -> None:
    """As found at 80x24: after Ctrl+Down the highlight landed on the next step, so the next press moved that one."""
    from workshop_tui.model import Plan, Step

    plan = Plan(name="five", title="Five", steps=[Step(title=t, planned_minutes=10) for t in ("A", "B", "C", "D", "E")])
    app = live_app(sessions_dir, clock, plan=plan)
    async with app.run_test() as pilot:
        await pilot.press("down", "ctrl+down", "ctrl+down")
        assert [s.title for s in live(app).session.steps] == ["A", "C", "D", "B", "E"]
        await pilot.press("ctrl+up")
        assert [s.title for s in live(app).session.steps] == ["A", "C", "B", "D", "E"]


async def test_every_agenda_change_is_an_event_and_the_plan_is_kept(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("down", "s", "ctrl+down")
        screen = live(app)
        screen.save_before_quitting()
        saved = load_session(screen.path)
        kinds = [event.kind for event in saved.events]
        assert "agenda.skip" in kinds and "agenda.move" in kinds
        assert [step.title for step in saved.plan.steps] == ["Welcome", "Tea", "Talk"]


async def test_the_command_palette_lists_the_session_actions(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test():
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for wanted in [
            "Start or pause the timer",
            "Go to the next step",
            "Projector view on or off",
            "Finish the session",
            "Save and quit",
        ]:
            assert wanted in titles


async def test_ctrl_q_saves_and_quits(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("space", "n")
        path = live(app).path
        await pilot.press("ctrl+q")
    saved = load_session(path)
    assert saved.current_step == 1
    assert saved.steps[1].running_since is not None


@pytest.mark.parametrize("size", [(80, 24), (160, 48), (200, 60)])
async def test_the_big_clock_repaints_only_the_characters_that_change_and_draws_each_right(
    size: tuple[int, int],
) -> None:
    """Each character is its own widget, so a tick sends the terminal one or two small characters."""
    from textual.app import App, ComposeResult

    from workshop_tui.ui.widgets.big_clock import GLYPHS, BigClock, Glyph

    class OneClock(App[Any]):
        CSS = "BigClock { width: 1fr; height: 1fr; }"

        def compose(self) -> ComposeResult:
            yield BigClock()

    def ink(glyph: Glyph) -> list[str]:
        # Ink is drawn as coloured spaces: '#' where a cell's background is the text colour.
        rows = []
        for y in range(glyph.size.height):
            strip = glyph.render_line(y)
            rows.append(
                "".join(
                    ("#" if segment.style and segment.style.bgcolor == segment.style.color else " ") * len(segment.text)
                    for segment in strip
                )
            )
        return rows

    def seen_repainting(glyph: Glyph, seen: list[Glyph]) -> Callable[..., Glyph]:
        """The glyph's own refresh, which notes in `seen` that the glyph repainted."""

        def refresh(*a: Any, **k: Any) -> Glyph:
            seen.append(glyph)
            return Glyph.refresh(glyph, *a, **k)

        return refresh

    app = OneClock()
    async with app.run_test(size=size) as pilot:
        clock = app.query_one(BigClock)
        for before, after in [("15:00", "14:59"), ("14:59", "14:58"), ("+0:09", "+0:10"), ("1:00:00", "0:59:59")]:
            clock.text = before
            await pilot.pause()
            glyphs = list(clock.query_children(Glyph))
            repainted: list[Glyph] = []
            for glyph in glyphs:
                glyph.refresh = seen_repainting(glyph, repainted)  # type: ignore[method-assign]  # to see which repaint
            clock.text = after
            await pilot.pause()
            assert [glyphs.index(g) for g in repainted] == [
                i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b
            ]
            for glyph, char in zip(clock.query_children(Glyph), after, strict=True):
                across, down = glyph.scale
                expected = ["".join(c * across for c in row) for row in GLYPHS[char] for _ in range(down)]
                assert ink(glyph)[: len(expected)] == expected, (after, char)
            # Left to right, in the clock, none overlapping.
            regions = [g.region for g in clock.query_children(Glyph)]
            assert all(r.right <= n.x for r, n in pairwise(regions))
            assert all(clock.region.contains_region(r) for r in regions)


# Issue 9, item 19: Ctrl+C says how to quit, except in a text field, where it copies.


async def test_ctrl_c_says_how_to_quit_on_the_session_and_on_the_records_screen(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Press Ctrl+Q to save and quit."]
        await pilot.press("r", "ctrl+c")
        await pilot.pause()
        assert len(app._notifications) == 2
        assert app.is_running


async def test_ctrl_c_in_the_note_line_says_nothing_about_quitting(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("t", *"hi", "ctrl+c")
        await pilot.pause()
        assert not [n for n in app._notifications if "quit" in n.message]
        assert app.screen.query_one("#note-line", Input).value == "hi"


async def test_at_80x24_a_long_agenda_title_goes_on_over_lines_whole_and_the_minutes_are_in_sight(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from tests.conftest import small_plan
    from tests.ui.whole_words import assert_table_shows_whole

    plan = small_plan()
    plan.steps[0].title = "What co-production means to each of us here today"
    app = live_app(sessions_dir, clock, plan=plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", Agenda)
        assert_table_shows_whole(app, agenda, "Step", [step.title for step in plan.steps])
        assert_table_shows_whole(app, agenda, "Minutes", [str(step.planned_minutes) for step in plan.steps])


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
async def test_the_note_lines_hint_fits_its_width_and_names_every_mark(
    sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    from workshop_tui.model.note import NOTE_KIND_WORDS, NOTE_MARKS

    app = live_app(sessions_dir, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#note-line", Input)
        hint = str(line.placeholder)
        # One cell is left for the cursor, which sits on the hint's first letter.
        assert len(hint) < line.content_region.width, hint
        for mark, kind in NOTE_MARKS.items():
            assert f"{mark} {NOTE_KIND_WORDS[kind]}" in hint
        assert "@name" in hint and "t" in hint.split()[:2]
        if size[0] >= 160:
            assert hint.startswith("Press t to type a note. Start with ")


async def test_the_agenda_highlight_follows_the_current_step_so_its_keys_act_on_it(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.ui.widgets.agenda import Agenda
    from tests.ui.live_helpers import live, live_app

    async with live_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        screen = live(pilot.app)
        agenda = screen.query_one("#agenda", Agenda)
        assert agenda.cursor_row == 0
        agenda.move_cursor(row=2, animate=False)  # looking ahead at a later step
        screen.run_command("next_step")
        await pilot.pause()
        assert agenda.cursor_row == 1 and agenda.lines[1].state == "current"  # on the step the group is on
        agenda.move_cursor(row=2, animate=False)
        screen.run_command("add_minutes", minutes=5)  # a change that does not move on keeps where the cursor was
        await pilot.pause()
        assert agenda.cursor_row == 2
