"""How the screens look, at a small and a large terminal, with a fixed clock."""

from pathlib import Path

import pytest

from workshop_tui.ui.app import WorkshopApp

SIZES = [(80, 24), (160, 48)]


async def plans_loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_home_screen(snap_compare, sessions_dir: Path, clock, size):
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=plans_loaded)


def test_help_screen(snap_compare, sessions_dir: Path, clock):
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), press=["f1"], run_before=plans_loaded)
