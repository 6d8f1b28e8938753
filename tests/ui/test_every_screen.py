"""Every screen and form at 80x24 (a laptop's terminal in many rooms) and at 160x48, with a fixed clock:
a snapshot of each, and each read for a word the user needs that is cut (tests/ui/whole_words.py).

The screens with snapshots of their own in test_snapshots.py are read there; this file has the rest.
"""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.app import WorkshopApp
from tests.conftest import plan_named
from tests.ui.live_helpers import live, live_app
from tests.ui.snap_compare import SnapCompare
from tests.ui.whole_words import read_whole

SIZES = [(80, 24), (160, 48)]
SIZE_IDS = ["80x24", "160x48"]
PART_1 = plan_named("co-production-part-1")


async def a_room(pilot: Pilot[Any]) -> None:
    """Part 1 under way: three people, notes, a parking-lot point, an action and a decision."""
    run = live(pilot.app).run_command
    for name, role in [("Ann Smith", "older person"), ("Margaret Okonkwo-Williams", "older person"), ("Tom", "staff")]:
        run("add_person", name=name, role=role)
    run("start_timer")
    run("add_note", typed="+ @Ann Meet somewhere with a hearing loop")
    run("add_note", typed="> Bus times to the community hall on Sundays")
    run(
        "add_action",
        text="Ask the council how they involve older people in planning the new day centre",
        owner="Margaret Okonkwo-Williams",
        due=date(2026, 7, 15),
    )
    run(
        "record_decision",
        question="Should we meet once a month at the library, in the room with the hearing loop?",
        method="fist-of-five",
        outcome="not agreed",
        fingers=[0, 0, 1, 0, 1, 1],
        present=["p1", "p2", "p3"],
        reasons="Two people cannot get there by bus.",
    )
    await pilot.pause()


@pytest.fixture(autouse=True)
def in_the_course_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run where the sessions folder is, as a facilitator does: the home screen names it 'sessions',
    the same on every machine, not the test's own temporary path."""
    monkeypatch.chdir(tmp_path)


LIVE_SCREENS = {
    "action form": ("a", "type:Book the library room"),
    "decision form": ("d", "type:Should we meet monthly at the library?"),
    "person form": ("r", "n"),
    "records, people": ("r",),
    "records, parking lot": ("l",),
    "records, actions": ("r", "right", "right"),
    "records, decisions": ("r", "left"),
    "a decision in full": ("r", "left", "enter"),
    "step form": ("i", "enter"),
    "finish, are you sure": ("ctrl+f",),
    "finished": ("ctrl+f", "ctrl+f"),
    "who may join": ("ctrl+g",),
}


def same_codes(taken: set[str]) -> str:
    """Codes to join by, the same every time (they are made at random)."""
    return next(code for code in ("KVZBTR", "MX4PQ7", "HW9RC3", "TJ2NDF") if code not in taken)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", list(LIVE_SCREENS))
def test_a_screen_of_a_session_under_way(
    snap_compare: SnapCompare,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clock: FakeClock,
    screen: str,
    size: tuple[int, int],
) -> None:
    monkeypatch.chdir(tmp_path)  # the finished screen says where the file is: the same words every time
    monkeypatch.setattr("workshop_tui.core.session_engine.new_code", same_codes)
    app = live_app(Path("sessions"), clock, plan=PART_1)
    assert snap_compare(app, terminal_size=size, run_before=read_whole(*LIVE_SCREENS[screen], first=a_room))


REVIEW_SCREENS = {
    "notes": ("right",),
    "decisions": ("right", "right"),
    "actions": ("right", "right", "right"),
    "who was heard": ("right", "right", "right", "right"),
    "comments": ("left",),
    "comment form": ("c",),
    "export form": ("x",),
    "jump to a time": ("j",),
}


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", list(REVIEW_SCREENS))
def test_a_screen_of_the_review(
    snap_compare: SnapCompare,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clock: FakeClock,
    screen: str,
    size: tuple[int, int],
) -> None:
    from tests.ui.test_review import review_app

    monkeypatch.chdir(tmp_path)  # the export form says where the file goes: the same words every time
    app, _ = review_app(Path("sessions"), clock)
    assert snap_compare(app, terminal_size=size, run_before=read_whole(*REVIEW_SCREENS[screen]))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_sessions_list(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    from tests.ui.test_sessions_browser import folder_with_examples

    folder_with_examples(sessions_dir)
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=read_whole("b"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_home_screen_with_a_session_to_carry_on(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    from workshop_tui.store.sessions_folder import SessionsFolder
    from tests.conftest import small_session

    SessionsFolder(sessions_dir).create(small_session("Co-production training, part 2 (Leeds), the Tuesday group"))
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=read_whole())


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_plans_details_form(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    from tests.ui.test_snapshots import editor_with_a_finding

    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock, opening=editor_with_a_finding())
    assert snap_compare(app, terminal_size=size, run_before=read_whole("d"))


PANEL_SCREENS = {
    "applications": ("shift+tab", "shift+tab"),
    "an application in full": ("shift+tab", "shift+tab", "enter"),
    "application form": ("shift+tab", "shift+tab", "n"),
    "declarations": ("shift+tab",),
    "declaration form": ("shift+tab", "i"),
    "award form": ("tab", "tab", "s"),
}


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", list(PANEL_SCREENS))
def test_a_screen_of_the_panel(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, screen: str, size: tuple[int, int]
) -> None:
    from tests.ui.test_snapshots import a_scored_round

    app = live_app(sessions_dir, clock, plan=plan_named("commissioning-shortlisting"))
    assert snap_compare(
        app, terminal_size=size, run_before=read_whole(first=a_scored_round(True, PANEL_SCREENS[screen]))
    )
