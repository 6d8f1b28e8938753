"""What the note-taker records on the live screen, by keyboard only."""

from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TabbedContent

from workshop_tui.core.clock import FakeClock
from workshop_tui.model import Plan, Step
from workshop_tui.store.session_file import load_session
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.action_form import ActionForm
from workshop_tui.ui.screens.decision_form import DecisionForm
from workshop_tui.ui.screens.live import LiveScreen
from workshop_tui.ui.screens.records import RecordsScreen
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.notes_list import NotesList
from tests.ui.live_helpers import live, live_app, text_of


async def add_people(pilot: Pilot[Any], *names: str) -> None:
    await pilot.press("r")
    for name in names:
        await pilot.press("n", *name, "enter")
    await pilot.press("escape")


def shown_notes(app: WorkshopApp) -> list[str]:
    notes = app.screen.query_one("#notes", NotesList)
    return [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]


async def test_people_are_added_from_the_records_screen_and_marked_as_left(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RecordsScreen)
        await pilot.press("n", *"Ann", "enter", "n", "shift+tab", "enter", "down", "enter", "tab", *"Bob", "enter")
        assert live(app).session.participants[1].arrived_at is None  # added before arriving
        await pilot.press("down", "x")
        assert live(app).session.participants[1].arrived_at == clock.now()
        await pilot.press("up")
        clock.advance(minutes=30)
        await pilot.press("down", "x")
        people = live(app).session.participants
        assert [(p.name, p.role) for p in people] == [("Ann", "older person"), ("Bob", "older person")]
        assert people[1].left_at == clock.now()


async def test_a_note_with_a_mark_and_an_at_name_is_saved_and_shown_with_who_said_it(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await add_people(pilot, "Ann Jones", "Bob")
        await pilot.press("t", *"+ @an")
        await pilot.pause()
        await pilot.press("right")  # takes the suggested name from the roster
        assert app.screen.query_one("#note-line", Input).value == "+ @AnnJones"
        await pilot.press(*" Meet somewhere with a hearing loop", "enter")
        note = live(app).session.notes[0]
        assert (note.kind, note.text, note.by, note.step) == ("idea", "Meet somewhere with a hearing loop", "p1", "s1")
        assert shown_notes(app) == ["10:00 Idea: Meet somewhere with a hearing loop - Ann Jones"]
        assert text_of(app, "#heard") == "Not heard from yet: Bob"


async def test_an_unknown_name_keeps_the_typed_note_and_says_why(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("t", *"@zed said hello", "enter")
        assert app.screen.query_one("#note-line", Input).value == "@zed said hello"
        assert live(app).session.notes == []
        assert any("nobody called 'zed'" in str(n.message) for n in app._notifications)


async def test_the_notes_list_shows_this_step_and_v_shows_every_step(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("t", *"first", "enter", "f8", *"second", "enter", "escape")
        assert shown_notes(app) == ["10:00 second"]
        await pilot.press("v")
        assert shown_notes(app) == ["10:00 [Welcome] first", "10:00 [Tea] second"]


async def test_a_note_is_edited_removed_and_brought_back_with_ctrl_z(
    sessions_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("t", *"Meet at the libary", "enter", "escape", "tab")
        assert app.screen.focused is not None
        assert app.screen.focused.id == "notes"
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("end", *["backspace"] * 6, *"library", "enter")
        assert shown_notes(app) == ["10:00 Meet at the library (edited)"]
        await pilot.press("x")
        assert shown_notes(app) == []
        await pilot.press("ctrl+z")
        assert shown_notes(app) == ["10:00 Meet at the library (edited)"]
        screen = live(app)
        screen.save_before_quitting()
        saved = load_session(screen.path).notes[0]
        assert [e.text for e in saved.earlier] == ["Meet at the libary"]


async def test_a_parking_lot_point_becomes_an_action_with_an_owner_and_a_date(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await add_people(pilot, "Bob")
        await pilot.press("t", *"> Ring the bus company", "enter", "escape", "l")
        assert isinstance(app.screen, RecordsScreen) and app.screen.tab == "parking"
        await pilot.press("a")
        assert isinstance(app.screen, ActionForm)
        assert app.screen.query_one("#action-text", Input).value == "Ring the bus company"
        await pilot.press("enter", *"Bob", "enter", *"15/07/2026", "enter")
        action = live(app).session.actions[0]
        assert (action.text, action.owner, action.due, action.from_note) == (
            "Ring the bus company",
            "Bob",
            date(2026, 7, 15),
            "n1",
        )
        await pilot.press("d")
        assert live(app).session.notes[0].dealt_with_at == clock.now()


async def test_a_bad_due_date_is_explained_and_nothing_is_lost(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("a", *"Book the hall", "enter", "enter", *"next blursday", "enter")
        assert isinstance(app.screen, ActionForm)
        said = " ".join(str(s.content) for s in app.screen.query(".field-problem").results(Static))
        assert "'next blursday' is not a date I can read" in said and "15/07/2026" in said
        assert app.screen.focused is not None
        assert app.screen.focused.id == "action-due"
        assert app.screen.query_one("#action-text", Input).value == "Book the hall"


async def test_actions_are_marked_done_on_the_actions_tab(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("a", *"Book the hall", "enter", "enter", "enter")
        await pilot.press("r")
        app.screen.query_one(TabbedContent).active = "actions"
        await pilot.pause()
        await pilot.press("space")
        assert live(app).session.actions[0].done_at == clock.now()


async def test_a_fist_of_five_decision_is_recorded_with_its_counts_and_warnings(
    sessions_dir: Path, clock: FakeClock
) -> None:
    plan = Plan(name="vote", title="Vote", quorum=3, steps=[Step(title="Decide", kind="decision", planned_minutes=10)])
    app = live_app(sessions_dir, clock, plan)
    async with app.run_test(size=(100, 50)) as pilot:
        await add_people(pilot, "Ann", "Bob")
        await pilot.press("d")
        assert isinstance(app.screen, DecisionForm)
        await pilot.press(*"Meet monthly at the library?")
        await pilot.press("tab", "enter", "down", "down", "down", "enter")  # the method: fist-of-five
        await pilot.press("tab", "enter", "down", "down", "down", "enter")  # beside it, the outcome: deferred
        await pilot.press("tab", "tab", "tab", "1", "tab", "tab", "1")  # one person showed 2, one showed 4
        tally = str(app.screen.query_one("#tally", Static).content)
        assert "Not everyone is at 3 or more" in tally
        assert "1 person showed fewer than 3 fingers" in tally
        warnings = str(app.screen.query_one("#warnings", Static).content)
        assert "Please check: Only 2 people present, but the quorum is 3" in warnings
        await pilot.press("tab", "tab", "tab", "tab", *"Ann needs to hear more")  # past who was there and the statement
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DecisionForm)  # the warning is said first
        await pilot.press("ctrl+s")
        decision = live(app).session.decisions[0]
        assert (decision.method, decision.fingers, decision.outcome) == ("fist-of-five", [0, 0, 1, 0, 1, 0], "deferred")
        assert decision.warnings == ["Only 2 people present, but the quorum is 3. The decision may not count."]
        assert decision.present == ["p1", "p2"] and decision.reasons == "Ann needs to hear more"
        assert decision.made_by == "group"


async def test_notes_typed_faster_than_they_are_saved_stay_apart(sessions_dir: Path, clock: FakeClock) -> None:
    # Keys that arrive before the last note was saved (a fast typist, a paste, a window that waits
    # for its owner) belong to the next note: never added to the last one, never lost.
    from textual import events

    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("t")
        for key in [*"first", "enter", *"second", "enter", *"third"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert [n.text for n in live(app).session.notes] == ["first", "second"]
        assert app.screen.query_one("#note-line", Input).value == "third"


async def test_a_decision_needs_its_question_and_outcome_before_it_saves(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(100, 50)) as pilot:

        def said() -> str:
            return " ".join(str(s.content) for s in app.screen.query(".field-problem").results(Static))

        await pilot.press("d", "ctrl+s")
        assert app.screen.focused is not None
        assert "question" in said() and app.screen.focused.id == "question"
        await pilot.press(*"Keep the group agreement?", "ctrl+s")
        assert app.screen.focused is not None
        assert "outcome" in said() and app.screen.focused.id == "outcome"
        await pilot.press("escape")
        assert live(app).session.decisions == []


async def test_a_part_2_follows_the_part_1_chosen_in_the_start_form_and_ticks_its_actions(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from textual.widgets import Select

    from workshop_tui.ui.app import WorkshopApp
    from workshop_tui.ui.screens.live import LiveScreen
    from workshop_tui.ui.screens.start_session import StartSessionScreen
    from tests.test_follow_on import WEEK, make_part_1

    leeds = make_part_1(sessions_dir, clock, "Co-production training, part 1 (Leeds)")
    clock.advance(minutes=60)
    york = make_part_1(sessions_dir, clock, "Co-production training, part 1 (York)")
    clock.advance(minutes=WEEK)
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock, quiet=True, autosave_gather_seconds=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "enter")  # the part 2 plan
        assert isinstance(app.screen, StartSessionScreen)
        follows = app.screen.query_one("#follows", Select)
        assert follows.value == str(york)  # the newest, until the title says which group
        await pilot.press("end", *" (Leeds)")
        await pilot.pause()
        assert follows.value == str(leeds)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        session = app.screen.session
        assert session.follows is not None and session.follows.file == leeds.name
        assert [p.name for p in session.participants if p.arrived_at is None] == ["Ann Smith", "Bob", "Cath"]
        assert text_of(app, "#heard") == "No one on the roster has arrived yet: press r to mark people arrived."
        said = " ".join(str(n.message) for n in app._notifications)
        assert (
            "3 people (not arrived yet) and 2 open actions came over from 'Co-production training, part 1 (Leeds)'"
            in said
        )
        await pilot.press("r", "right", "right")  # the records, on the Actions tab
        assert isinstance(app.screen, RecordsScreen)
        table = app.screen.query_one("#actions-table", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == [
            "Visit the day centre",
            "Ann Smith",
            "14 Jul 2026",
            "open",
            "carried over",
        ]
        await pilot.press("space")
        assert live(app).session.actions[0].done_at == clock.now()
        assert str(table.get_row_at(0)[3]) == "✓ done"
        path = live(app).path
    assert load_session(path).actions[0].done_at == clock.now()


async def test_a_part_2_can_start_without_following_on(sessions_dir: Path, clock: FakeClock) -> None:
    from textual.widgets import Select

    from workshop_tui.ui.app import WorkshopApp
    from tests.test_follow_on import make_part_1

    make_part_1(sessions_dir, clock)
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock, quiet=True, autosave_gather_seconds=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "enter")
        app.screen.query_one("#follows", Select).value = ""  # "None: start without an earlier session"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.session.follows is None and app.screen.session.actions == []


async def test_past_fifty_notes_the_newest_is_still_brought_into_sight_and_counted(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = live(app)
        for number in range(60):
            screen.run_command("add_note", typed=f"note {number}")
        await pilot.pause()
        notes = screen.query_one("#notes", NotesList)
        assert shown_notes(app)[-1].endswith("note 59") and notes.highlighted == notes.option_count - 1
        await scrolled_to_the_end(pilot, notes)  # the newest note is in view
        for number in range(60, 180):  # a burst, as a window hears many notes at once
            screen.engine.add_note(f"note {number}")
        screen.show_notes()
        await pilot.pause()
        assert "the newest 50 of 180" in text_of(app, "#notes-heading")
        await scrolled_to_the_end(pilot, notes)


async def scrolled_to_the_end(pilot: Pilot[Any], notes: NotesList) -> None:
    """The list scrolls after its next layout, a frame later: wait for the app (a few frames at most)."""
    for _ in range(50):
        if notes.max_scroll_y > 0 and notes.scroll_offset.y == notes.max_scroll_y:
            return
        await pilot.pause(0.02)
    assert notes.scroll_offset.y == notes.max_scroll_y > 0


async def test_a_note_credited_to_someone_who_has_left_is_saved_and_the_note_taker_is_told(
    sessions_dir: Path, clock: FakeClock
) -> None:
    """As found: '! @Ken is not here to say it' was saved as Ken's after Ken had left, with no word."""
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await add_people(pilot, "Ken Ward")
        screen = live(app)
        assert screen.session.participants[0].here  # added as here
        clock.advance(minutes=10)
        assert screen.run_command("person_left", person_id="p1")
        await pilot.press("t", *"@Ken said it before going", "enter")
        await pilot.pause()
        assert screen.session.notes[-1].speakers == ["p1"]  # saved, as typed
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Ken Ward left at 10:10. The note is saved as theirs") for m in said), said
