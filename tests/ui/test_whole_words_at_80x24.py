"""Issue 14, findings 13 to 16: at 80x24, the size of a laptop's terminal in many rooms, no word a user
needs is cut: step names, who and by when, outcomes, titles, form labels and messages."""

from pathlib import Path

from textual.widgets import DataTable

from workshop_tui.store.plan_library import find_plan
from tests.ui.live_helpers import live_app
from tests.ui.whole_words import assert_no_cut_words, assert_table_shows_whole

PART_1 = find_plan("co-production-part-1").plan


async def test_the_live_agenda_shows_whole_step_names_and_most_of_part_1(sessions_dir: Path, clock):
    """Finding 13: step names were cut to about 10 characters ("What co-pr…") and about 6 rows showed."""
    app = live_app(sessions_dir, clock, plan=PART_1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", DataTable)
        in_sight = [step.title for step in PART_1.steps[:7]]
        assert_table_shows_whole(app, agenda, "Step", in_sight)
        assert_no_cut_words(app)
