"""The session engine: each command, the events it records, and what the session becomes."""

from datetime import timedelta
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.schedule import agenda, plan_status
from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session
from workshop_tui.model import Plan, Step
from tests.conftest import TEN_AM, small_plan


@pytest.fixture
def engine(clock: FakeClock) -> SessionEngine:
    return SessionEngine(new_session(small_plan(), "Test run", clock), clock)


def left(engine: SessionEngine) -> float:
    return engine.countdown().left(engine.clock.now())


def test_a_new_session_waits_on_its_first_step_with_the_full_time(engine: SessionEngine) -> None:
    assert engine.current.title == "Welcome"
    assert left(engine) == 600
    assert not engine.countdown().running
    assert [event.kind for event in engine.session.events] == ["session.start"]


def test_start_and_pause_are_recorded_and_the_clock_only_runs_between(engine: SessionEngine, clock: FakeClock) -> None:
    engine.toggle_timer()
    clock.advance(minutes=3)
    engine.toggle_timer()
    clock.advance(minutes=30)
    assert left(engine) == 7 * 60
    assert [event.kind for event in engine.session.events][1:] == ["timer.start", "timer.pause"]
    assert engine.session.status == "paused"


def test_next_step_ends_this_one_and_carries_the_running_timer_on(engine: SessionEngine, clock: FakeClock) -> None:
    engine.start_timer()
    clock.advance(minutes=12)
    engine.next_step()
    clock.advance(minutes=1)
    welcome = engine.session.steps[0]
    assert welcome.ended_at == TEN_AM + timedelta(minutes=12)
    assert welcome.elapsed_seconds == 12 * 60
    assert engine.current.title == "Tea"
    assert left(engine) == 14 * 60


def test_previous_step_goes_back_and_keeps_the_time_already_used(engine: SessionEngine, clock: FakeClock) -> None:
    engine.start_timer()
    clock.advance(minutes=4)
    engine.next_step()
    engine.previous_step()
    assert engine.current.title == "Welcome"
    assert left(engine) == 6 * 60


def test_first_and_last_steps_refuse_to_go_further(engine: SessionEngine) -> None:
    with pytest.raises(NotNow, match="first step"):
        engine.previous_step()
    engine.next_step()
    engine.next_step()
    with pytest.raises(NotNow, match="last step"):
        engine.next_step()


def test_plus_and_minus_change_this_steps_time_by_a_minute(engine: SessionEngine) -> None:
    engine.add_minutes(+1)
    engine.add_minutes(+1)
    engine.add_minutes(-1)
    assert left(engine) == 11 * 60
    assert engine.session.steps[0].planned_minutes == 10  # the plan's figure is kept


def test_a_step_cannot_go_below_one_minute(engine: SessionEngine) -> None:
    for _ in range(9):
        engine.add_minutes(-1)
    with pytest.raises(NotNow, match="at least one minute"):
        engine.add_minutes(-1)


def test_finishing_marks_the_session_finished_with_its_end_time(engine: SessionEngine, clock: FakeClock) -> None:
    engine.start_timer()
    clock.advance(minutes=5)
    engine.finish()
    assert engine.session.status == "finished"
    assert engine.session.ended_at == TEN_AM + timedelta(minutes=5)
    with pytest.raises(NotNow, match="finished"):
        engine.start_timer()


def test_an_inserted_step_comes_right_after_the_current_one(engine: SessionEngine) -> None:
    engine.insert_step("Energiser", 5, "activity")
    assert [step.title for step in engine.session.steps] == ["Welcome", "Energiser", "Tea", "Talk"]
    assert [step.title for step in engine.session.plan.steps] == ["Welcome", "Tea", "Talk"]
    engine.next_step()
    assert engine.current.title == "Energiser"


def test_a_coming_step_can_change_its_title_and_minutes_but_a_done_one_cannot(engine: SessionEngine) -> None:
    engine.change_step(2, title="Big talk", minutes=45)
    assert (engine.session.steps[2].title, engine.session.steps[2].planned_minutes) == ("Big talk", 45)
    with pytest.raises(NotNow, match="still to come"):
        engine.change_step(0, minutes=20)


def test_skipped_and_removed_steps_are_passed_over_but_kept_in_the_file(engine: SessionEngine) -> None:
    engine.skip_step(1)
    engine.next_step()
    assert engine.current.title == "Talk"
    assert engine.session.steps[1].skipped_at is not None
    assert len(engine.session.steps) == 3


def test_removing_a_step_takes_it_off_the_agenda(engine: SessionEngine, clock: FakeClock) -> None:
    engine.remove_step(1)
    titles = [line.step.title for line in agenda(engine.session, clock.now())]
    assert titles == ["Welcome", "Talk"]


def test_moving_a_coming_step_up_and_down(engine: SessionEngine) -> None:
    engine.insert_step("Energiser", 5)
    engine.move_step(1, +1)
    assert [step.title for step in engine.session.steps] == ["Welcome", "Tea", "Energiser", "Talk"]
    engine.move_step(2, +1)
    assert [step.title for step in engine.session.steps] == ["Welcome", "Tea", "Talk", "Energiser"]
    engine.move_step(3, -1)
    assert [step.title for step in engine.session.steps] == ["Welcome", "Tea", "Energiser", "Talk"]
    with pytest.raises(NotNow, match="cannot move further up"):
        engine.move_step(1, -1)
    assert [event.kind for event in engine.session.events].count("agenda.move") == 3


def test_the_agenda_shows_expected_start_times_from_the_time_left(engine: SessionEngine, clock: FakeClock) -> None:
    engine.start_timer()
    clock.advance(minutes=4)
    lines = agenda(engine.session, clock.now())
    assert [line.state for line in lines] == ["current", "to come", "to come"]
    assert [f"{line.starts_at:%H:%M}" for line in lines] == ["10:00", "10:10", "10:25"]


def test_the_status_line_says_how_late_in_plain_words(engine: SessionEngine, clock: FakeClock) -> None:
    engine.start_timer()
    clock.advance(minutes=17)  # 7 minutes over a 10-minute step
    status = plan_status(engine.session, clock.now())
    assert status.sentence() == ("Step 1 of 3 · 7 minutes behind plan · expected finish 11:02 (planned 10:55)")


def test_eleven_step_plan_counts_steps_on_the_agenda_only(clock: FakeClock) -> None:
    plan = Plan(name="p", title="P", steps=[Step(title=f"S{n}", planned_minutes=10) for n in range(11)])
    engine = SessionEngine(new_session(plan, "P", clock), clock)
    engine.skip_step(5)
    assert plan_status(engine.session, clock.now()).step_count == 10


def test_a_step_title_over_200_characters_is_refused_in_words(clock: FakeClock) -> None:
    from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session
    from tests.conftest import small_plan

    engine = SessionEngine(new_session(small_plan(), "Long titles", clock), clock)
    with pytest.raises(NotNow, match="at most 200"):
        engine.insert_step("x" * 201, 10)
    with pytest.raises(NotNow, match="at most 200"):
        engine.change_step(1, title="x" * 201)


def test_no_command_from_a_window_raises_anything_but_a_plain_sentence(tmp_path: Path, clock: FakeClock) -> None:
    from workshop_tui.core.session_engine import NotNow
    from workshop_tui.store.open_session import Command, OpenSession
    from tests.conftest import small_plan

    with OpenSession.create(tmp_path, small_plan(), "Odd values", clock) as owner:
        for command in [
            Command("add_minutes", {"minutes": "lots"}),
            Command("add_note", {"typed": None}),
            Command("skip_step", {"index": "2"}),
            Command("add_note", {"nonsense": 1}),
        ]:
            with pytest.raises(NotNow):
                owner.apply(command)
