"""Issue [15], item 4: a folder connected to a team's archive shares by itself, in the background, when
the app starts and when a session finishes; the screen never waits on the network."""

import asyncio
import shutil
import subprocess
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.store.team_archive import connect
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.finished import FinishedScreen
from tests.ui.live_helpers import advance, live_app

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.usefixtures("git_of_nobody"),
]


def archived(url: str) -> list[str]:
    done = subprocess.run(["git", "-C", url, "ls-tree", "-r", "--name-only", "main"], capture_output=True, text=True)
    return done.stdout.split()


async def shared(app: WorkshopApp) -> list[str]:
    """Wait for the shares under way to end (not a guess at how long they take); what they said."""
    for thread in list(app.sharing):
        await asyncio.to_thread(thread.join, 60)
    return [n.message for n in app._notifications if n.title == "Team archive"]


async def test_a_finished_session_goes_to_the_team_by_itself(tmp_path: Path, clock: FakeClock) -> None:
    url = str(tmp_path / "archive.git")
    subprocess.run(["git", "init", "-q", "--bare", url], check=True)
    folder = tmp_path / "sessions"
    connect(folder, url)
    app = live_app(folder, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        # At the start: the new session, as it is saved so far.
        assert await shared(app) == ["1 file went out: 'Test session'."]
        await pilot.press("space")
        await advance(pilot, clock, 60)
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FinishedScreen)
        said = await shared(app)
        path = app.screen.path
    assert said[-1] == "1 file went out: 'Test session'."  # again: now finished
    assert [name for name in archived(url) if name.endswith(".toml")] == [path.name]
    there = subprocess.run(["git", "-C", url, "show", f"main:{path.name}"], capture_output=True, check=True).stdout
    assert b'\nstatus = "finished"\n' in there


async def test_a_folder_with_no_archive_starts_no_share(tmp_path: Path, clock: FakeClock) -> None:
    app = live_app(tmp_path / "sessions", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert app.sharing == [] and not list((tmp_path / "sessions").glob(".git"))


async def test_the_sessions_list_says_which_sessions_came_from_the_team(tmp_path: Path, clock: FakeClock) -> None:
    """Item 6: who ran each session (the Facilitator column) and whether it came from the team's archive."""
    from textual.widgets import DataTable

    from workshop_tui.core.clock import FakeClock
    from workshop_tui.store.open_session import Command, OpenSession
    from workshop_tui.store.team_archive import share, start_from
    from workshop_tui.ui.app import WorkshopApp
    from tests.conftest import TEN_AM, small_plan

    url = str(tmp_path / "archive.git")
    subprocess.run(["git", "init", "-q", "--bare", url], check=True)
    a, b = tmp_path / "a", tmp_path / "b"
    with OpenSession.create(a, small_plan(), "Run on laptop A", FakeClock(TEN_AM), "Fatima") as owner:
        owner.apply(Command("finish"))
    connect(a, url)
    start_from(b, url)
    with OpenSession.create(b, small_plan(), "Run on laptop B", FakeClock(TEN_AM.replace(day=9)), "Bob") as owner:
        owner.apply(Command("finish"))
    share(b)
    app = WorkshopApp(b, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await shared(app)  # the share at start: nothing new
        await pilot.app.workers.wait_for_complete()
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        columns = [str(column.label) for column in table.columns.values()]
        rows = {str(table.get_row_at(i)[1]): table.get_row_at(i) for i in range(table.row_count)}
        status, facilitator = columns.index("Status"), columns.index("Facilitator")
        assert (str(rows["Run on laptop A"][facilitator]), rows["Run on laptop A"][status]) == (
            "Fatima",
            "finished (team)",
        )
        assert (str(rows["Run on laptop B"][facilitator]), rows["Run on laptop B"][status]) == ("Bob", "finished")


def test_the_home_screen_says_which_archive_the_folder_shares_with(tmp_path: Path) -> None:
    """A new user asked where the folder shares to: the home screen's line names the archive."""
    from workshop_tui.ui.screens.home import folder_words

    url = tmp_path / "drive" / "team.git"
    subprocess.run(["git", "init", "-q", "--bare", str(url)], check=True)
    folder = tmp_path / "sessions"
    assert "shares" not in folder_words(folder)
    connect(folder, str(url))
    said = folder_words(folder)
    assert "It shares with your team's archive at " in said and said.endswith("/drive/team.git.")
    long_one = tmp_path / ("a-very-long-folder-name-for-the-shared-drive-" * 3) / "team.git"
    subprocess.run(["git", "init", "-q", "--bare", str(long_one)], check=True)
    connect(folder, str(long_one))
    said = folder_words(folder)
    assert "…" in said and said.endswith("/team.git.")  # cut in the middle: its end still shows
