"""Every panel table at 80 columns, over generated rounds with long names, big amounts and long links:
nothing is cut without a "…" to say so, and every table fits the screen without scrolling sideways."""

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn
from rich.text import Text
from textual.widgets import DataTable, TabbedContent

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.widgets.applications_list import ApplicationsTable
from workshop_tui.ui.widgets.declarations_list import DeclarationsTable
from workshop_tui.ui.widgets.moderation import ModerationTable
from workshop_tui.ui.widgets.ranking import RankingTable
from workshop_tui.ui.widgets.score_sheet import ScoreSheet
from tests.panel_helpers import CRITERIA
from tests.ui.live_helpers import live
from tests.ui.test_panel_screen import panel_app

words = st.text(alphabet=st.sampled_from("abcdefghij klmnop'-ÉÖ"), min_size=1, max_size=60).map(
    lambda t: t.strip() or "x"
)


# The people; each bid's organisation, project and pence; an interest's words; whether scores are revealed.
DrawnRound = tuple[list[str], list[tuple[str, str, int]], str, bool]


@st.composite
def rounds(draw: DrawFn) -> DrawnRound:
    people = draw(st.lists(words.map(lambda w: w[:40]), min_size=1, max_size=5, unique_by=str.casefold))
    bids = draw(st.lists(st.tuples(words, words, st.integers(1, 99_999_999_99)), min_size=1, max_size=6))
    interest = draw(words)
    revealed = draw(st.booleans())
    return people, bids, interest, revealed


def cut_without_saying(table: DataTable[Any]) -> list[str]:
    """Cells wider than their column (cut silently by the table), or a table wider than the screen."""
    problems = []
    for column in table.ordered_columns:
        for row in range(table.row_count):
            cell = table.get_row_at(row)[table.ordered_columns.index(column)]
            shown = cell.plain if isinstance(cell, Text) else str(cell)
            if len(shown) > column.content_width and not column.auto_width:
                problems.append(f"{table.id}: '{shown}' in {column.label} ({column.content_width} wide)")
    if table.virtual_size.width > table.size.width:
        problems.append(f"{table.id} is {table.virtual_size.width} wide in {table.size.width}: it scrolls sideways")
    return problems


# Not shrunk: each example runs the app, and the failing round is printed whole anyway.
@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rounds())
# Found by this test: an amount of £21 million pushed the applications table past 80 columns.
@example(
    case=(["Margaret", "Dennis", "Evelyn"], [("Hillside", "Lunch", 1), ("Oak", "Shed", 2_147_483_648)], "a", False)
)
# Found by this test: a member's name of 40 letters pushed the moderation table to 88 columns.
@example(
    case=(
        ["Öd-jfoe-lgll'É-lmdmfijÖpkfnelÉmÖegai'ecl", "pih'pb'omf", "ÉcÖj'Éhfoo", "e'meÖd", "dh"],
        [("cpn", "'g", 2010)],
        "hl",
        True,
    )
)
async def test_every_panel_table_fits_80_columns_and_says_where_it_cuts(
    sessions_dir: Path, clock: FakeClock, case: DrawnRound
) -> None:
    people, bids, interest, revealed = case
    async with panel_app(sessions_dir / str(abs(hash(str(case)))), clock).run_test(size=(80, 24)) as pilot:
        run = live(pilot.app).run_command
        for name in people:
            run("add_person", name=name, role="older person")
        run("add_person", name="Tom", role="staff")
        run("open_round", pot_pence=50_000_00)
        for organisation, project, amount in bids:
            run("add_application", organisation=organisation, project=project, amount_pence=amount)
        run("declare_interest", member="p1", application="app1", interest=interest)
        for number in range(2, len(people) + 1):
            run("declare_no_interests", member=f"p{number}")
        for number in range(1, len(people) + 1):
            for index in range(1, len(bids) + 1):
                if (number, index) != (1, 1):
                    for criterion in CRITERIA:
                        run("enter_score", member=f"p{number}", application=f"app{index}", criterion=criterion, level=3)
        if revealed:
            run("reveal_scores")
        await pilot.press("c")
        await pilot.pause()
        problems = []
        for tab, kind in (
            ("applications", ApplicationsTable),
            ("declarations", DeclarationsTable),
            ("scores", ScoreSheet),
            ("moderation", ModerationTable),
            ("ranking", RankingTable),
        ):
            pilot.app.screen.query_one("#panel-tabs", TabbedContent).active = tab
            await pilot.pause()
            problems += cut_without_saying(pilot.app.screen.query_one(kind))
        assert problems == []
