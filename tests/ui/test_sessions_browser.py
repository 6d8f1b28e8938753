"""The sessions browser: every session listed, sorted, searched, and a damaged file shown with its error."""

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.store.session_file import save_session
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.sessions_browser import SessionsBrowser
from tests.example_sessions import EXAMPLES


def titles(app: WorkshopApp) -> list[str]:
    table = app.screen.query_one("#sessions", DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def open_browser(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.press("b")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def folder_with_examples(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    for make in EXAMPLES:
        session = make()
        save_session(session, sessions_dir / f"{session.started_at:%Y-%m-%d}.toml")
    (sessions_dir / "2026-01-01-broken.toml").write_text("title = ")


async def test_b_lists_every_session_newest_first_with_a_damaged_file_and_its_error(
    sessions_dir: Path, clock: FakeClock
) -> None:
    folder_with_examples(sessions_dir)
    app = WorkshopApp(sessions_dir, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_browser(pilot)
        assert isinstance(app.screen, SessionsBrowser)
        assert titles(app) == [
            "Shortlisting panel, healthy ageing fund",
            "Co-production training, part 1 (Leeds)",
            "2026-01-01-broken.toml",
        ]
        row = app.screen.query_one("#sessions", DataTable).get_row_at(2)
        assert str(row[5]) == "cannot be read"
        await pilot.press("down", "down", "enter")  # why: longer than any column, so said on Enter
        assert any("not valid TOML" in str(n.message) for n in app._notifications)


async def test_s_sorts_by_the_next_column_and_search_finds_words_in_notes(sessions_dir: Path, clock: FakeClock) -> None:
    folder_with_examples(sessions_dir)
    app = WorkshopApp(sessions_dir, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_browser(pilot)
        await pilot.press("s")  # by title, A to Z
        assert titles(app)[:2] == ["2026-01-01-broken.toml", "Co-production training, part 1 (Leeds)"]
        assert "sorted by title" in str(app.screen.query_one("#browser-status", Static).content)
        await pilot.press("slash", *"buses")
        await pilot.app.workers.wait_for_complete()  # the notes are read for the first search
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "buses"
        assert titles(app) == ["Co-production training, part 1 (Leeds)"]


async def test_enter_on_a_session_opens_its_review(sessions_dir: Path, clock: FakeClock) -> None:
    from workshop_tui.ui.screens.review import ReviewScreen

    folder_with_examples(sessions_dir)
    app = WorkshopApp(sessions_dir, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_browser(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.title == "Shortlisting panel, healthy ageing fund"
        await pilot.press("escape")
        assert isinstance(app.screen, SessionsBrowser)


async def test_a_long_list_shows_the_first_rows_and_says_how_to_find_the_rest(
    sessions_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_tui.ui.screens import sessions_browser

    monkeypatch.setattr(sessions_browser, "MOST_ROWS", 2)
    folder_with_examples(sessions_dir)
    app = WorkshopApp(sessions_dir, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_browser(pilot)
        assert len(titles(app)) == 2
        status = str(app.screen.query_one("#browser-status", Static).content)
        assert status.startswith("3 of 3 sessions") and "Showing the first 2; search or sort to find others." in status


async def test_at_80x24_length_status_and_the_counts_come_after_the_title_and_plan_is_reached_by_scrolling(
    sessions_dir: Path, clock: FakeClock
) -> None:
    folder_with_examples(sessions_dir)
    app = WorkshopApp(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        width, seen, at = table.scrollable_content_region.width, [], 0
        for column in table.ordered_columns:
            at += column.get_render_width(table)
            if at <= width:
                seen.append(str(column.label))
        assert {"Title", "Length", "Status", "Notes"} <= set(seen), seen
        # Cut in the middle, so its end still shows.
        assert titles(app)[0].startswith("Shortli") and titles(app)[0].endswith("… healthy ageing fund")
        labels = [str(column.label) for column in table.ordered_columns]
        assert "Plan" in labels and "Facilitator" in labels
        assert table.max_scroll_x > 0  # the rest is to the right
        row = dict(zip([column.key.value for column in table.ordered_columns], table.get_row_at(2), strict=True))
        assert "cannot be read" in str(row["status"])
