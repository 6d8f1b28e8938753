"""The live screen, the projector view, the panel and the review in each theme, at 80x24 and 160x48,
with a fixed clock: snapshots, each read for a cut word (tests/ui/whole_words.py)."""

from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.themes import THEMES
from tests.conftest import plan_named
from tests.ui.live_helpers import live_app
from tests.ui.snap_compare import SnapCompare
from tests.ui.test_every_screen import a_room
from tests.ui.test_snapshots import a_scored_round, live_at
from tests.ui.whole_words import read_whole

SIZES = [(80, 24), (160, 48)]
SIZE_IDS = ["80x24", "160x48"]


@pytest.fixture(autouse=True)
def in_the_course_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def _live(clock: FakeClock) -> WorkshopApp:
    return live_app(Path("sessions"), clock, plan=plan_named("co-production-part-1"))


def _panel(clock: FakeClock) -> WorkshopApp:
    return live_app(Path("sessions"), clock, plan=plan_named("commissioning-shortlisting"))


def _review(clock: FakeClock) -> WorkshopApp:
    from tests.ui.test_review import review_app

    return review_app(Path("sessions"), clock)[0]


SCREENS = {
    "live": (_live, read_whole(first=a_room)),
    "projector": (lambda clock: live_app(Path("sessions"), clock), live_at(4 * 60 + 30, ("space", "f"))),
    "panel": (_panel, a_scored_round(False, ("down", "right"))),
    "review": (_review, read_whole()),
}


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("theme", list(THEMES))
def test_each_main_screen_in_each_theme(
    snap_compare: SnapCompare, clock: FakeClock, theme: str, screen: str, size: tuple[int, int]
) -> None:
    build, run_before = SCREENS[screen]
    app = build(clock)
    app.theme = theme
    assert snap_compare(app, terminal_size=size, run_before=run_before)
