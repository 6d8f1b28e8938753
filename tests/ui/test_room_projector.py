"""The group's record on the projector: the facilitator turns it on and off (G, or the command list),
chooses whether names show (Ctrl+N), every window hears it at once, and the note-taker's window is told
it is the facilitator's to do. The projector never shows a key or a technical word."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.model import Plan
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.ui.app import WorkshopApp
from tests.conftest import small_plan
from tests.test_windows import until
from tests.ui.live_helpers import advance, live, live_app, text_of
from tests.ui.snap_compare import SnapCompare
from tests.ui.test_snapshots import SIZES
from tests.ui.test_windows_ui import joined_window_app, window_app
from tests.ui.whole_words import RunBefore, settled_and_whole

REFUSED = "Only the facilitator can choose what the projector shows of the group's record."
# Words the room should never be shown: keys, and the app's own technical states.
TECHNICAL = re.compile(
    r"\b(ctrl|alt|shift|space|escape|enter|press|key|keys|f\d{1,2}|event|none|true|false|"
    r"session\.\w+|room_record)\b",
    re.IGNORECASE,
)


def record_lines(app: WorkshopApp) -> list[str]:
    return [str(line.content) for line in app.screen.query(".record-line").results(Static)]


def projector_text(app: WorkshopApp) -> str:
    view = app.screen.query_one("#projector-view")
    return "\n".join(str(s.content) for s in view.query(Static).results(Static) if s.display)


def notices(app: WorkshopApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_the_facilitator_shows_the_groups_record_without_names_then_with_them_then_hides_it(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = live(app)
        assert isinstance(screen.owner, OpenSession)
        screen.owner.apply(Command("add_person", {"name": "Margaret Ellis", "role": "older person"}))
        await pilot.press("t", *"+ @margaret meet at the library", "enter", "escape")
        await pilot.press("g")
        assert screen.owner.session.room_record_on and not screen.owner.session.room_names_shown
        assert "without people's names" in notices(app)
        assert text_of(app, "#notes-heading").endswith(" - on the projector")  # what is typed here, the room reads
        await pilot.press("f")
        await pilot.pause()
        assert record_lines(app) == ["• Idea: meet at the library"]
        assert "margaret" not in projector_text(app).lower()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.owner.session.room_names_shown
        assert record_lines(app) == ["• Idea: meet at the library (Margaret Ellis)"]
        await pilot.press("ctrl+n", "g")
        await pilot.pause()
        assert not screen.owner.session.room_record_on
        assert record_lines(app) == [] and not screen.query_one("#projector-record").display
        assert not TECHNICAL.search(projector_text(app)), projector_text(app)


async def test_the_command_list_offers_show_or_hide_whichever_would_change_something(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Show the group's record on the projector", "Show names in the group's record"} <= titles
        assert not {"Hide the group's record", "Hide names"} & titles
        await pilot.press("g", "ctrl+n")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Hide the group's record", "Hide names"} <= titles
        assert not {"Show the group's record on the projector", "Show names in the group's record"} & titles


@pytest.fixture
def owner(sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    made = OpenSession.create(sessions_dir, small_plan(), "Windows", clock, "Ann", "Bob", gather_seconds=0)
    made.apply(Command("add_person", {"name": "Bob Hale", "role": "volunteer"}))
    yield made
    made.close()


async def test_the_note_takers_window_is_told_the_record_on_the_projector_is_the_facilitators(
    owner: OpenSession, clock: FakeClock
) -> None:
    app = window_app(owner, clock, "note-taker")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")  # typing first: a letter would be typed, but this is no letter
        await pilot.pause()
        assert REFUSED in notices(app)
        await pilot.press("f2")  # single letters are commands again
        live(app).query_one("#agenda").focus()
        await pilot.press("g")
        await pilot.pause()
        assert notices(app).count(REFUSED) == 2
        assert not owner.session.room_record_on and not owner.session.room_names_shown
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Show the group's record on the projector" not in titles


async def test_the_audience_window_shows_a_note_as_it_is_typed_and_drops_the_record_at_once(
    owner: OpenSession, clock: FakeClock
) -> None:
    window, app = joined_window_app(owner, clock, "audience")
    async with app.run_test(size=(80, 24)) as pilot:
        owner.apply(Command("room_record", {"on": True, "names": False}))
        owner.apply(Command("add_note", {"typed": "@bob the bus is too early"}, window="note-taker: Bob Hale"))
        until(lambda: len(window.engine.session.notes) == 1, "the audience window hearing the note")
        await pilot.pause()
        await pilot.pause()
        assert record_lines(app) == ["• the bus is too early"]
        assert "bob" not in projector_text(app).lower()
        owner.apply(Command("room_record", {"on": False, "names": False}))
        until(lambda: not window.engine.session.room_record_on, "the audience window hearing it turned off")
        await pilot.pause()
        await pilot.pause()
        assert record_lines(app) == [] and not app.screen.query_one("#projector-record").display
        assert not TECHNICAL.search(projector_text(app)), projector_text(app)
    window.close()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
async def test_a_long_record_keeps_the_newest_in_sight(
    sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=size) as pilot:
        screen = live(app)
        assert isinstance(screen.owner, OpenSession)
        for number in range(1, 41):
            screen.owner.apply(Command("add_note", {"typed": f"point number {number} from the group"}))
        await pilot.press("g", "f")
        await pilot.pause()
        await pilot.pause()
        lines = list(app.screen.query(".record-line").results(Static))
        shown = app.screen.query_one("#record-lines").region
        assert len(lines) == 40
        assert shown.contains_region(lines[-1].region), "the newest is in sight"
        assert not shown.overlaps(lines[0].region), "the oldest has gone up out of sight"
        assert app.screen.query_one("#projector-next").region.bottom <= size[1]  # the next step still shows


async def test_a_projector_plugged_in_mid_session_shows_the_newest_after_the_resize(
    sessions_dir: Path, clock: FakeClock
) -> None:
    """Found by a new user: made smaller (a projector plugged in), the projector showed the oldest notes."""
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = live(app)
        assert isinstance(screen.owner, OpenSession)
        for number in range(1, 16):
            screen.owner.apply(
                Command("add_note", {"typed": f"point number {number} from the group, said at some length"})
            )
        await pilot.press("g", "f")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        lines = list(app.screen.query(".record-line").results(Static))
        assert app.screen.query_one("#record-lines").region.contains_region(lines[-1].region), "the newest is in sight"


async def test_the_facilitators_projector_view_never_names_a_key(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert text_of(app, "#projector-words") == "Not started yet: 10 minutes"  # not "press space"
        assert not TECHNICAL.search(projector_text(app)), projector_text(app)


def with_questions() -> Plan:
    """The small plan with questions for the group on its first step."""
    plan = small_plan()
    first = plan.steps[0].model_copy(
        update={
            "title": "Where we meet",
            "kind": "discussion",
            "prompts": ["Where is easy to get to?", "What would make it welcoming?"],
        }
    )
    return plan.model_copy(update={"steps": [first, *plan.steps[1:]]})


def with_the_record(keys: tuple[str, ...]) -> RunBefore:
    """A run_before: a roster, the timer running, notes, a decision and an action in this step, the keys."""

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = live(pilot.app)
        assert isinstance(screen.owner, OpenSession)
        for field in screen.query(Input):
            field.cursor_blink = False
        for name in ("Margaret Ellis", "Dennis Holt"):
            screen.owner.apply(Command("add_person", {"name": name, "role": "older person"}))
        await pilot.press("space")
        for typed in (
            "+ @margaret meet at the library on Tuesdays",
            "? can Dennis get there by bus",
            "! the room upstairs has no lift",
            "@dennis the number 12 stops outside",
        ):
            screen.owner.apply(Command("add_note", {"typed": typed}, window="note-taker: Bob"))
        screen.owner.apply(
            Command(
                "record_decision",
                {
                    "question": "Where do we meet?",
                    "method": "consensus",
                    "outcome": "agreed",
                    "statement": "The library, downstairs",
                },
            )
        )
        screen.owner.apply(Command("add_action", {"text": "Book the downstairs room", "owner": "Margaret Ellis"}))
        await pilot.press(*keys)
        assert isinstance(pilot.app, WorkshopApp) and isinstance(pilot.app.clock, FakeClock)
        await advance(pilot, pilot.app.clock, 4 * 60 + 30)
        pilot.app.clear_notifications()  # what was said to the facilitator as each key was pressed
        await settled_and_whole(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_projector_with_the_groups_record(
    snap_compare: SnapCompare,
    sessions_dir: Path,
    clock: FakeClock,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    app = live_app(sessions_dir, clock, plan=with_questions())
    assert snap_compare(app, terminal_size=size, run_before=with_the_record(("g", "f")))


def test_projector_with_the_groups_record_and_names(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    app = live_app(sessions_dir, clock, plan=with_questions())
    assert snap_compare(app, terminal_size=(80, 24), run_before=with_the_record(("g", "ctrl+n", "f")))
