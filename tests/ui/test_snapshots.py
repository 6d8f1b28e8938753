"""How the screens look, at a small and a large terminal, with a fixed clock."""

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.app import EditPlan, WorkshopApp
from tests.conftest import plan_named
from tests.ui.live_helpers import advance, live_app
from tests.ui.snap_compare import SnapCompare
from tests.ui.whole_words import RunBefore, read_whole, settled_and_whole

SIZES = [(80, 24), (160, 48)]


@pytest.fixture(autouse=True)
def in_the_course_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run where the sessions folder is, as a facilitator does: the home screen names it 'sessions',
    the same on every machine, not the test's own temporary path."""
    monkeypatch.chdir(tmp_path)


async def plans_loaded(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def plans_loaded_and_read(pilot: Pilot[Any]) -> None:
    await plans_loaded(pilot)
    await settled_and_whole(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_home_screen(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=plans_loaded_and_read)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_help_screen(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=read_whole("f1", first=plans_loaded))


def live_at(seconds: float, keys: tuple[str, ...] = ()) -> RunBefore:
    """A run_before that presses keys, then moves the fake clock on and draws that moment."""

    async def run_before(pilot: Pilot[Any]) -> None:
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press(*keys)
        assert isinstance(pilot.app, WorkshopApp) and isinstance(pilot.app.clock, FakeClock)
        await advance(pilot, pilot.app.clock, seconds)
        await settled_and_whole(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_live_screen_with_the_timer_running(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = live_app(sessions_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=live_at(4 * 60 + 30, ("space",)))


@pytest.mark.parametrize("size", [*SIZES, (200, 60)], ids=["80x24", "160x48", "200x60"])
def test_projector_view(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = live_app(sessions_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=live_at(4 * 60 + 30, ("space", "f")))


def test_projector_view_during_a_break(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=live_at(60, ("n", "space", "f")))


def test_live_screen_running_over(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=live_at(12 * 60 + 13, ("space",)))


async def _with_people_and_notes(pilot: Pilot[Any]) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.press("r", "n", *"Ann", "enter", "n", *"Bob", "enter", "escape")
    await pilot.press("space", "t", *"+ @Ann Meet somewhere with a hearing loop", "enter")
    await pilot.press(*"? Is there parking", "enter", *"> Bus times", "enter", "escape")
    assert isinstance(pilot.app, WorkshopApp) and isinstance(pilot.app.clock, FakeClock)
    await advance(pilot, pilot.app.clock, 125)
    await settled_and_whole(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_live_screen_with_notes(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = live_app(sessions_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=_with_people_and_notes)


def test_decision_form(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _with_people_and_notes(pilot)
        await pilot.press("d", *"Meet monthly at the library?")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
        await settled_and_whole(pilot)

    app = live_app(sessions_dir, clock)
    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)


def test_sessions_browser(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock) -> None:
    from tests.ui.test_sessions_browser import folder_with_examples, open_browser

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_browser(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
        await settled_and_whole(pilot)

    folder_with_examples(sessions_dir)
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    assert snap_compare(app, terminal_size=(120, 30), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_review_summary(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    from tests.ui.test_review import review_app

    app, _ = review_app(sessions_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=read_whole())


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_replay_at_a_fixed_moment(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    from tests.ui.test_review import review_app

    app, _ = review_app(sessions_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=read_whole("j", "type:11:05", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_start_form_of_a_part_2_offers_the_part_1_to_follow(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    from tests.test_follow_on import WEEK, make_part_1

    make_part_1(sessions_dir, clock)
    clock.advance(minutes=WEEK)
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)

    async def run_before(pilot: Pilot[Any]) -> None:
        await plans_loaded(pilot)
        await pilot.press("down", "enter")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
        await settled_and_whole(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
@pytest.mark.parametrize("role", ["note-taker", "audience"])
def test_the_note_takers_and_the_audience_windows(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int], role: str
) -> None:
    from workshop_tui.store.open_session import Command, OpenSession
    from workshop_tui.ui.app import OpenedSession
    from tests.conftest import small_plan

    owner = OpenSession.create(sessions_dir, small_plan(), "Windows", clock, "Ann", gather_seconds=0)
    owner.apply(Command("add_note", {"typed": "+ Meet at the library"}, window="note-taker: Bob"))
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock, quiet=True, opening=OpenedSession(owner, role))

    async def run_before(pilot: Pilot[Any]) -> None:
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press(*"so we")
        await pilot.pause()
        await settled_and_whole(pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        owner.close()


def a_scored_round(revealed: bool, keys: tuple[str, ...]) -> RunBefore:
    """A run_before: a round of six applications, four members' sheets filled in, then the keys pressed."""

    async def run_before(pilot: Pilot[Any]) -> None:
        from tests.panel_helpers import MEMBERS
        from tests.ui.live_helpers import live

        screen = live(pilot.app)
        run = screen.run_command
        for name, role in [*MEMBERS, ("Tom", "staff")]:
            run("add_person", name=name, role=role)
        run("open_round", pot_pence=100_000_00)
        asked = [30_000, 20_000, 40_000, 15_000, 25_000, 35_000]
        names = [
            "Hillside Lunch Club",
            "Riverside Walkers",
            "Oak Street Men's Shed",
            "Canal Side Singers",
            "Green Lane Befrienders",
            "Market Town Dementia Café",
        ]
        for name, amount in zip(names, asked, strict=True):
            run("add_application", organisation=name, project="A project", amount_pence=amount * 100)
        for number in range(1, len(MEMBERS) + 1):  # declarations come first
            run("declare_no_interests", member=f"p{number}")
        run("declare_interest", member="p2", application="app3", interest="My son runs it")
        for m, member in enumerate(["p1", "p2", "p3", "p4"]):
            for a in range(1, 7):
                for c, criterion in enumerate(["need", "voice", "reach", "delivery", "value"]):
                    if member == "p2" and a == 3:
                        continue
                    run(
                        "enter_score",
                        member=member,
                        application=f"app{a}",
                        criterion=criterion,
                        level=None if (m, a, c) == (3, 5, 4) else 1 + (a * 2 + m + c) % 5,
                    )
        if revealed:
            run("reveal_scores")
            for a in range(1, 7):
                for criterion in ["need", "voice", "reach", "delivery", "value"]:
                    run(
                        "agree_score",
                        application=f"app{a}",
                        criterion=criterion,
                        level=1 + (a * 3) % 5,
                        reason="Agreed.",
                    )
            run("make_award", application="app4", outcome="fund in full", reason="A clear need.")
        await pilot.press("c", *keys)
        await pilot.pause()
        await settled_and_whole(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_the_score_grid(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]) -> None:

    app = live_app(sessions_dir, clock, plan=plan_named("commissioning-shortlisting"))
    assert snap_compare(app, terminal_size=size, run_before=a_scored_round(False, ("down", "right")))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_the_ranking_against_the_pot(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:

    app = live_app(sessions_dir, clock, plan=plan_named("commissioning-shortlisting"))
    assert snap_compare(app, terminal_size=size, run_before=a_scored_round(True, ("tab", "tab")))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_moderation_side_by_side(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:

    app = live_app(sessions_dir, clock, plan=plan_named("commissioning-shortlisting"))
    assert snap_compare(app, terminal_size=size, run_before=a_scored_round(True, ("tab",)))


# Writing a plan: the editor with a finding, the method library, and a plan's timings.


def editor_with_a_finding() -> EditPlan:
    from workshop_tui.core.plan_draft import PlanDraft

    draft = PlanDraft.of(plan_named("co-production-part-1"))
    draft.remove(4)  # the comfort break: a stretch now runs too long
    return EditPlan(draft, builtin=True)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_plan_editor(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock, opening=editor_with_a_finding())
    assert snap_compare(app, terminal_size=size, run_before=read_whole("down", "down"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_method_library(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock, opening=editor_with_a_finding())
    assert snap_compare(app, terminal_size=size, run_before=read_whole("i", "down", "down", "down"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_plan_timings(snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    from workshop_tui.ui.screens.plan_timings import PlanTimingsScreen
    from tests.example_sessions import EARLIER_RUNS, save_examples

    save_examples(sessions_dir, EARLIER_RUNS)

    async def run_before(pilot: Pilot[Any]) -> None:
        await plans_loaded(pilot)
        await pilot.app.push_screen(PlanTimingsScreen(plan_named("co-production-part-1"), sessions_dir))
        await plans_loaded(pilot)
        await settled_and_whole(pilot)

    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
