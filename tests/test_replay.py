"""Replay gives, at every event, exactly the state the engine had at that moment."""

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.countdown import countdown_text
from workshop_tui.core.replay import state_at
from workshop_tui.core.session_engine import NotNow, SessionEngine, countdown_of, new_session
from tests.conftest import TEN_AM, small_plan

COMMANDS = st.sampled_from(
    [
        "toggle",
        "next",
        "previous",
        "plus",
        "minus",
        "note",
        "idea",
        "person",
        "decision",
        "action",
        "insert",
        "skip",
        "move",
        "remove",
        "edit",
        "remove_note",
        "undo",
        "done",
    ]
)


def drive(engine: SessionEngine, clock: FakeClock, command: str, data: st.DataObject) -> None:
    steps = len(engine.session.steps)
    runs: dict[str, Callable[[], object]] = {
        "toggle": engine.toggle_timer,
        "next": engine.next_step,
        "previous": engine.previous_step,
        "plus": lambda: engine.add_minutes(1),
        "minus": lambda: engine.add_minutes(-1),
        "note": lambda: engine.add_note(data.draw(st.text(min_size=1, max_size=20))),
        "idea": lambda: engine.add_note("+ an idea"),
        "person": lambda: engine.add_person(f"Person {len(engine.session.participants) + 1}"),
        "decision": lambda: engine.record_decision(
            question="Q?", method="majority vote", votes_for=2, votes_against=1, outcome="agreed"
        ),
        "action": lambda: engine.add_action("Do a thing", owner="Ann"),
        "insert": lambda: engine.insert_step("Extra", 5),
        "skip": lambda: engine.skip_step(data.draw(st.integers(0, steps - 1))),
        "move": lambda: engine.move_step(data.draw(st.integers(0, steps - 1)), data.draw(st.sampled_from([-1, 1]))),
        "remove": lambda: engine.remove_step(data.draw(st.integers(0, steps - 1))),
        "edit": lambda: engine.edit_note(f"n{data.draw(st.integers(1, 3))}", "edited"),
        "remove_note": lambda: engine.remove_note(f"n{data.draw(st.integers(1, 3))}"),
        "undo": engine.undo_remove,
        "done": lambda: engine.toggle_action("a1"),
    }
    run = runs[command]
    try:
        run()
    except NotNow:
        pass  # refused commands record nothing, as on the live screen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), commands=st.lists(st.tuples(COMMANDS, st.integers(0, 600)), min_size=1, max_size=40))
def test_replay_at_every_event_matches_the_engine(data: st.DataObject, commands: list[tuple[str, int]]) -> None:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(small_plan(), "Replay", clock), clock)
    seen = []  # (number of events, the engine's state then)
    for command, seconds in commands:
        clock.advance(seconds=seconds)
        before = len(engine.session.events)
        drive(engine, clock, command, data)
        if len(engine.session.events) > before:
            seen.append((len(engine.session.events), engine.session.model_copy(deep=True), clock.now()))
    for count, expected, moment in seen:
        replayed = state_at(engine.session, moment, events_upto=count)
        assert replayed == expected
        # What the live screen showed then: the same step and the same time left.
        step = replayed.steps[replayed.current_step]
        assert countdown_text(countdown_of(step).left(moment)) == countdown_text(
            countdown_of(expected.steps[expected.current_step]).left(moment)
        )


def test_replay_by_time_stops_before_later_events() -> None:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(small_plan(), "Replay", clock), clock)
    engine.start_timer()
    clock.advance(minutes=5)
    engine.add_note("first")
    clock.advance(minutes=5)
    engine.add_note("second")
    halfway = state_at(engine.session, TEN_AM.replace(minute=7))
    assert [n.text for n in halfway.notes] == ["first"]
    assert countdown_text(countdown_of(halfway.steps[0]).left(TEN_AM.replace(minute=7))) == "3:00"
