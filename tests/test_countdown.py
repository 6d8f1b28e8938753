"""The countdown shows the right time to the second, however long it runs."""

import random
from datetime import timedelta

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.countdown import Countdown, countdown_text
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.model import Plan, Step
from tests.conftest import TEN_AM


def test_a_fresh_ten_minute_timer_shows_ten_minutes_until_a_second_has_gone() -> None:
    countdown = Countdown(600).start(TEN_AM)
    assert countdown_text(countdown.left(TEN_AM)) == "10:00"
    assert countdown_text(countdown.left(TEN_AM + timedelta(seconds=0.5))) == "10:00"
    assert countdown_text(countdown.left(TEN_AM + timedelta(seconds=1))) == "9:59"


def test_past_zero_the_timer_counts_up_as_time_over() -> None:
    countdown = Countdown(60).start(TEN_AM)
    assert countdown_text(countdown.left(TEN_AM + timedelta(seconds=60))) == "0:00"
    assert countdown_text(countdown.left(TEN_AM + timedelta(seconds=193))) == "2:13 over"


def test_an_hour_or_more_shows_hours() -> None:
    assert countdown_text(Countdown(3725).left(TEN_AM)) == "1:02:05"
    assert countdown_text(-3725) == "1:02:05 over"


def test_a_paused_timer_does_not_move() -> None:
    countdown = Countdown(600).start(TEN_AM).pause(TEN_AM + timedelta(seconds=90))
    assert countdown.left(TEN_AM + timedelta(hours=5)) == 510


def test_eight_hours_of_ticks_pauses_and_extensions_do_not_drift() -> None:
    """Every tick of a simulated 8-hour day, checked against a simple stopwatch sum."""
    plan = Plan(name="day", title="Day", steps=[Step(title=f"Part {n}", planned_minutes=50) for n in range(1, 11)])
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(plan, "Day", clock), clock)
    rng = random.Random(8)
    used = {step.id: 0.0 for step in engine.session.steps}
    allowed = {step.id: 60.0 * step.planned_minutes for step in engine.session.steps}
    engine.start_timer()
    for tick in range(8 * 3600 * 4):  # a tick every quarter of a second, as a screen would
        clock.advance(seconds=0.25)
        if engine.countdown().running:
            used[engine.current.id] += 0.25
        roll = rng.random()
        if roll < 0.0005:
            engine.toggle_timer()
        elif roll < 0.0008:
            engine.add_minutes(+1)
            allowed[engine.current.id] += 60
        elif roll < 0.0009 and engine.next_index() is not None:
            engine.next_step()
        step = engine.current
        expected = countdown_text(allowed[step.id] - used[step.id])
        assert countdown_text(engine.countdown().left(clock.now())) == expected, f"tick {tick}"
    assert clock.now() - TEN_AM == timedelta(hours=8)
    assert sum(used.values()) > 3600  # the timer really ran for much of the day


def test_a_breaks_back_at_time_is_never_before_the_break_ends() -> None:
    """As found: 'back at 16:57' for a break that ended at 16:57:50; people came back 50 seconds early."""
    from workshop_tui.model import SessionStep
    from workshop_tui.ui.widgets.timer_panel import timer_words

    countdown = Countdown(10 * 60 + 50).start(TEN_AM)  # ends at 10:10:50
    assert countdown.back_at(TEN_AM) == "10:11"
    assert Countdown(10 * 60).start(TEN_AM).back_at(TEN_AM) == "10:10"  # on the minute: that minute
    tea = SessionStep(id="s2", title="Tea", kind="break", planned_minutes=10)
    assert timer_words(tea, countdown, TEN_AM, False).startswith("Break - back at 10:11. ")
    # Once over, there is no "back at" in the past: it says to come back, and by how much it is over.
    over = TEN_AM + timedelta(minutes=11, seconds=11)
    assert timer_words(tea, countdown, over, False) == "Break - time to come back. 0:21 over."
