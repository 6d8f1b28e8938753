"""Issue 14, findings 13 to 16: at 80x24, the size of a laptop's terminal in many rooms, no word a user
needs is cut: step names, who and by when, outcomes, titles, form labels and messages."""

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.action_form import ActionForm
from workshop_tui.ui.screens.records import RecordsScreen
from workshop_tui.ui.screens.row_details import RowDetails
from tests.conftest import plan_named
from tests.ui.live_helpers import live, live_app
from tests.ui.test_sessions_browser import open_browser
from tests.ui.whole_words import (
    assert_no_cut_words,
    assert_shows_whole,
    assert_table_shows_whole,
    assert_whole_screen,
    screen_text,
    table_cells,
)

PART_1 = plan_named("co-production-part-1")


async def test_the_live_agenda_shows_whole_step_names_and_most_of_part_1(sessions_dir: Path, clock: FakeClock) -> None:
    """Finding 13: step names were cut to about 10 characters ("What co-pr…") and about 6 rows showed."""
    app = live_app(sessions_dir, clock, plan=PART_1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", DataTable)
        in_sight = [step.title for step in PART_1.steps[:7]]
        assert_table_shows_whole(app, agenda, "Step", in_sight)
        assert_no_cut_words(app)


async def test_the_action_forms_date_label_is_whole_and_its_buttons_in_sight(
    sessions_dir: Path, clock: FakeClock
) -> None:
    """Finding 16: the date's label read "... or leave i"."""
    app = live_app(sessions_dir, clock, plan=PART_1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, ActionForm)
        assert_shows_whole(app, "By when, such as 15/07/2026, 15 July or next Tuesday; or leave it empty")
        assert_whole_screen(app)


async def test_the_decision_forms_outcome_is_in_sight_and_the_fist_of_five_tally_whole(
    sessions_dir: Path, clock: FakeClock
) -> None:
    """Finding 16: the outcome was reached only by scrolling, and the tally lost its "or more"."""
    app = live_app(sessions_dir, clock, plan=PART_1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "n", *"Ann", "enter", "n", *"Bob", "enter", "escape")
        await pilot.press("d", *"Meet monthly?", "tab", "enter", "down", "down", "down", "enter")  # fist-of-five
        await pilot.press("tab", "tab", "tab", "tab", "1", "tab", "tab", "1")  # one person showed 2, one showed 4
        await pilot.pause()
        # The tally is said whole right under the counts, as they are typed.
        assert_shows_whole(app, "Not everyone is at 3 or more.", "1 person showed fewer than 3 fingers")
        assert_whole_screen(app)
        fields = app.screen.query_one("#decision-fields")
        fields.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert fields.region.contains_region(app.screen.query_one("#outcome").region)


async def test_the_records_show_who_by_when_and_the_outcome_and_enter_shows_the_rest(
    sessions_dir: Path, clock: FakeClock
) -> None:
    """Finding 14: the Actions and Decisions tables hid who, by when and the outcome, and Left and
    Right change tabs, so there was no way to see them."""
    app = live_app(sessions_dir, clock, plan=PART_1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = live(app)
        assert screen.run_command("add_person", name="Margaret Okonkwo-Williams", role="older person")
        what = "Ask the council how they involve older people in planning the new day centre"
        assert screen.run_command("add_action", text=what, owner="Margaret Okonkwo-Williams", due=date(2026, 7, 15))
        question = "Should we meet once a month at the library, in the room with the hearing loop?"
        assert screen.run_command(
            "record_decision",
            question=question,
            method="fist-of-five",
            outcome="not agreed",
            fingers=[0, 0, 1, 0, 1, 0],
            present=["p1"],
        )
        await pilot.press("r", "right", "right")
        assert isinstance(app.screen, RecordsScreen) and app.screen.tab == "actions"
        actions = app.screen.query_one("#actions-table", DataTable)
        assert_table_shows_whole(app, actions, "What", [what])
        assert_table_shows_whole(app, actions, "Who", ["Margaret Okonkwo-Williams"])
        assert_table_shows_whole(app, actions, "By when", ["15 Jul 2026"])
        assert_whole_screen(app)
        await pilot.press("right")
        decisions = app.screen.query_one("#decisions-table", DataTable)
        assert_table_shows_whole(app, decisions, "Question", [question])
        assert_table_shows_whole(app, decisions, "Outcome", ["not agreed"])
        assert_whole_screen(app)
        await pilot.press("enter")  # the chosen decision, every field whole
        assert isinstance(app.screen, RowDetails)
        assert_shows_whole(
            app, question, "not agreed", "fist-of-five", "1 showed 2, 1 showed 4. Not everyone is at 3 or more."
        )
        assert_whole_screen(app)
        await pilot.press("escape")
        assert isinstance(app.screen, RecordsScreen)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
async def test_the_sessions_list_shows_the_end_of_each_title_so_part_1_and_part_2_differ(
    sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    """Finding 15: at 80 and at 160 columns part 1 and part 2 both read "Co-production training, pa"."""
    from tests.test_follow_on import WEEK, make_part_1, start_part_2

    part_1 = make_part_1(sessions_dir, clock)
    clock.advance(minutes=WEEK)
    start_part_2(sessions_dir, clock, part_1).close()
    app = WorkshopApp(sessions_dir, clock)
    async with app.run_test(size=size) as pilot:
        await open_browser(pilot)
        shown = table_cells(app, app.screen.query_one("#sessions", DataTable))["Title"]
        assert len(shown) == 2 and shown[0] != shown[1], shown
        assert shown[0].endswith("part 2 (Leeds)") and shown[1].endswith("part 1 (Leeds)"), shown
        assert_whole_screen(app)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
async def test_the_reviews_actions_give_what_is_to_be_done_its_room_beside_a_long_state(
    sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    """Finding 15: at 160 columns the review's Actions table squeezed "What" to 13 characters beside
    "open; carried over to 'Co-production training, part 2 (Leeds)' ..."."""
    from workshop_tui.store.open_session import Command
    from workshop_tui.store.session_file import load_session
    from workshop_tui.ui.app import ReviewSession
    from tests.test_follow_on import WEEK, make_part_1, start_part_2

    part_1 = make_part_1(sessions_dir, clock)
    clock.advance(minutes=WEEK)
    owner = start_part_2(sessions_dir, clock, part_1)
    owner.apply(Command("toggle_action", {"action_id": "a1"}))
    owner.close()
    app = WorkshopApp(sessions_dir, clock, opening=ReviewSession(load_session(part_1), part_1))
    async with app.run_test(size=size) as pilot:
        await pilot.press("right", "right", "right")  # the Actions tab
        table = app.screen.query_one(".review-actions", DataTable)
        assert_table_shows_whole(app, table, "What", ["Visit the day centre", "Ask about the minibus", "Book the room"])
        assert_table_shows_whole(app, table, "Who", ["Ann Smith", "Bob"])
        assert_whole_screen(app)
        await pilot.press("enter")  # the chosen action, every field whole
        assert isinstance(app.screen, RowDetails)
        assert_shows_whole(app, "Visit the day centre", "carried over to 'Co-production training, part 2 (Leeds)'")


async def test_a_long_session_title_in_the_header_shows_its_end(sessions_dir: Path, clock: FakeClock) -> None:
    """The header cut a long title at its end ("... the Tuesday group at …"); now its middle goes."""
    from workshop_tui.ui.app import StartPlan
    from workshop_tui.ui.screens.start_session import SessionDetails

    title = "Co-production training, part 2 (Leeds), the Tuesday group at the library"
    details = SessionDetails(title, "Ann", "Bob")
    app = WorkshopApp(
        sessions_dir=sessions_dir,
        clock=clock,
        quiet=True,
        autosave_gather_seconds=0,
        opening=StartPlan(plan_named("co-production-part-2"), details),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = screen_text(app).splitlines()[0]
        assert header.rstrip().endswith("part 2 (Leeds), the Tuesday group at the library"), header
        assert_whole_screen(app)
