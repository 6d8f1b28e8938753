"""Issue 9, item 16: numbers and lengths of time said in words, the same way everywhere."""

import re
from datetime import timedelta

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.decision_methods import method_explained
from workshop_tui.core.decision_tally import tally
from workshop_tui.core.review import time_in_all, timing_chart
from workshop_tui.core.schedule import plan_status
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.core.step_times import session_time, step_times
from workshop_tui.core.wording import duration_in_words, length_in_words, plural
from workshop_tui.model import Decision, Plan, Step
from workshop_tui.model.decision import DECISION_METHODS
from tests.conftest import TEN_AM, small_plan
from tests.panel_helpers import the_panel


def engine_for(plan: Plan) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock(TEN_AM)
    return SessionEngine(new_session(plan, "Words", clock), clock), clock


def one_minute_plan() -> Plan:
    return Plan(
        name="p", title="P", steps=[Step(title="Warm-up", planned_minutes=1), Step(title="Talk", planned_minutes=10)]
    )


def test_one_thing_is_said_without_an_s() -> None:
    assert plural(1, "minute") == "1 minute"
    assert plural(0, "minute") == "0 minutes"
    assert plural(2, "problem") == "2 problems"
    assert plural(1, "person", "people") == "1 person"
    assert plural(3, "person", "people") == "3 people"


def test_a_length_of_an_hour_or_more_is_said_in_hours_and_minutes() -> None:
    assert length_in_words(173) == "2 hours 53 minutes"
    assert length_in_words(61) == "1 hour 1 minute"
    assert length_in_words(1) == "1 minute"


def test_a_difference_under_a_minute_is_said_in_seconds() -> None:
    assert duration_in_words(27) == "27 seconds"
    assert duration_in_words(1) == "1 second"
    assert duration_in_words(60) == "1 minute"
    assert duration_in_words(3 * 3600 + 5 * 60) == "3 hours 5 minutes"


def test_the_status_line_says_hours_and_minutes_ahead() -> None:
    plan = Plan(
        name="p", title="P", steps=[Step(title="Long", planned_minutes=180), Step(title="End", planned_minutes=10)]
    )
    engine, clock = engine_for(plan)
    engine.start_timer()
    clock.advance(minutes=7)
    engine.next_step()
    sentence = plan_status(engine.session, clock.now()).sentence()
    assert "2 hours 53 minutes ahead of plan" in sentence
    assert "173" not in sentence


def test_the_status_line_never_says_on_time_while_the_clock_says_over() -> None:
    engine, clock = engine_for(small_plan())
    engine.start_timer()
    clock.advance(minutes=10, seconds=17)  # the countdown shows 0:17 over
    assert engine.countdown().left(clock.now()) < 0
    sentence = plan_status(engine.session, clock.now()).sentence()
    assert "on time" not in sentence
    assert "this step has run over" in sentence
    clock.set(TEN_AM + timedelta(minutes=9, seconds=50))  # 10 seconds left: on time it is
    assert "on time" in plan_status(engine.session, clock.now()).sentence()


def test_the_review_says_an_overrun_under_a_minute_in_seconds() -> None:
    engine, clock = engine_for(one_minute_plan())
    engine.start_timer()
    clock.advance(minutes=1, seconds=27)
    engine.next_step()
    chart = timing_chart(engine.session)
    assert "Warm-up: 27 seconds over" in chart
    assert not any(line == "Warm-up: on time" for line in chart)


def test_minutes_added_with_plus_are_shown_in_the_review() -> None:
    engine, clock = engine_for(small_plan())
    engine.start_timer()
    for _ in range(3):
        engine.add_minutes(1)
    clock.advance(minutes=13)
    engine.next_step()
    [welcome, *_] = step_times(engine.session)
    assert (welcome.planned, welcome.allowed) == (10, 13)
    chart = timing_chart(engine.session)
    # Over the plan, but within the time it had on the day: the countdown never said "over".
    planned = chart[chart.index("Welcome: 3 minutes over the plan, within the 13 minutes it had on the day") + 1]
    assert planned.startswith("planned  10 ░") and planned.endswith("and 13 on the day")
    assert "On the day, 3 minutes were added." in chart[-1]


def test_the_totals_say_one_minute_not_one_minutes() -> None:
    engine, clock = engine_for(one_minute_plan())
    engine.start_timer()
    clock.advance(seconds=50)
    engine.next_step()
    line = time_in_all(session_time(engine.session))
    assert "1 step ran, for 50 seconds against 1 minute planned for them (10 seconds under)" in line
    assert not re.search(r"\b1 (minutes|steps|seconds)", line)


def test_coaching_for_the_facilitator_is_kept_apart_from_the_record() -> None:
    fingers = tally(
        Decision(id="d", at=TEN_AM, step="s1", question="Q", method="fist-of-five", fingers=[0, 1, 1, 2, 3, 1])
    )
    assert fingers.coaching == ["2 people showed fewer than 3 fingers: hear what would help them."]
    assert not any("hear what" in line for line in [fingers.summary, *fingers.facts])
    consent = tally(Decision(id="d", at=TEN_AM, step="s1", question="Q", method="consent", objections=2))
    assert "hear them" not in consent.summary and consent.coaching
    consensus = tally(Decision(id="d", at=TEN_AM, step="s1", question="Q", method="consensus"))
    assert "check that" not in consensus.summary.lower()
    staff = tally(Decision(id="d", at=TEN_AM, step="s1", question="Q", made_by="staff"))
    assert "Made by staff alone, not by the group." in staff.facts


def test_every_decision_method_has_a_plain_one_sentence_explanation() -> None:
    for method in DECISION_METHODS:
        words = method_explained(method)
        assert words.startswith(method.capitalize() + ":"), words
        assert words.endswith(".") and words.count(". ") == 0
        assert len(words.split()) <= 25
    assert method_explained("fist-of-five") == (
        "Fist-of-five: each person shows 0 to 5 fingers; 3 or more means they can live with it."
    )


def test_a_count_of_one_is_never_said_as_many() -> None:
    """'1 questions', '1 applications': every count the screens and outputs say goes through plural()."""
    from workshop_tui.ui.widgets.replay_panel import round_so_far
    from tests.panel_helpers import panel_engine

    engine, _ = panel_engine(declared=False)
    for application in ("app2", "app3", "app4"):
        engine.remove_application(application)
    engine.declare_no_interests("p1")
    engine.enter_score("p1", "app1", "need", 3)
    assert engine.session.panel is not None
    assert round_so_far(engine.session.panel)[0].startswith(
        "The round: 1 application, 1 score entered, not revealed yet"
    )
    fresh, _ = panel_engine(declared=False)  # an import is undone before scoring starts
    fresh.add_applications([{"organisation": "Only one", "project": "Tea", "amount_pence": 100}], imported=True)
    fresh.undo_import()
    assert the_panel(fresh.session).corrections[-1].what == "The import of 1 application was undone"
