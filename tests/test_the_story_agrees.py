"""Issue [14]: the finish screen, the review, the minutes, the agenda and `stats` tell one story of a
session's time, and it is what happened.

Hypothesis runs generated sessions: the timer started and paused, steps moved past and back, skipped,
brought back, taken off, added, moved and changed, minutes added and taken off, the laptop killed and
the session resumed from its file, and sometimes finished. The test keeps its own count of what
happened (the seconds each step's timer ran, which steps were skipped or taken off, which the group was
on with its timer going), and every output must say the same for every step and in all.
"""

import re
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.plan_stats import plan_stats
from workshop_tui.core.review import timing_chart
from workshop_tui.core.schedule import agenda
from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session
from workshop_tui.core.step_times import DONE, NOT_REACHED, NOT_TIMED, REMOVED, RUNNING, SKIPPED, step_stories
from workshop_tui.core.timings_report import step_words
from workshop_tui.core.wording import length_in_words, plural, time_used_in_words
from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.model import Plan, Step
from workshop_tui.store.plan_history import plan_history
from workshop_tui.store.session_file import load_session, save_session
from workshop_tui.ui.screens.finished import finished_summary
from tests.conftest import TEN_AM

PLAN = Plan(
    name="story",
    title="A story in five steps",
    steps=[
        Step(title="Welcome", planned_minutes=10),
        Step(title="Check-in round", planned_minutes=15, kind="discussion"),
        Step(title="Tea break", planned_minutes=15, kind="break"),
        Step(title="What matters to us", planned_minutes=20),
        Step(title="Check-out", planned_minutes=5),
    ],
)

# The words for what became of a step, as the minutes' "What happened" column and the review say it.
SAID = {
    DONE: r"(on time|over|under)",
    SKIPPED: r"^(added on the day, |moved, )*skipped",
    REMOVED: r"^(added on the day, |moved, )*taken off the agenda",
    NOT_TIMED: r"passed without its timer$",
    RUNNING: r"^(added on the day, |moved, )*(running, .+ so far|on now)$",
}

operation = st.one_of(
    st.tuples(st.just("wait"), st.integers(1, 25 * 60)),
    st.tuples(st.just("timer")),
    st.tuples(st.just("next")),
    st.tuples(st.just("previous")),
    st.tuples(st.just("skip"), st.integers(1, 9)),
    st.tuples(st.just("remove"), st.integers(1, 9)),
    st.tuples(st.just("move"), st.integers(1, 9), st.sampled_from([-1, 1])),
    st.tuples(st.just("change"), st.integers(1, 9), st.integers(1, 40)),
    st.tuples(st.just("rename"), st.integers(1, 9)),
    st.tuples(st.just("insert"), st.integers(1, 30)),
    st.tuples(st.just("plus"), st.sampled_from([1, 5, -1])),
    st.tuples(st.just("kill")),
)


class WhatHappened:
    """The test's own count, kept from the outside: when each step's timer ran."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, datetime, datetime]] = []  # a step, and when its timer ran

    def waited(self, engine: SessionEngine, seconds: int) -> None:
        if engine.countdown().running and not engine.finished:
            now = engine.clock.now()
            self.spans.append((engine.current.id, now, now + timedelta(seconds=seconds)))

    def used(self, step: str, until: datetime) -> int:
        """Seconds the step's timer ran up to `until`: a session not finished is measured up to its last
        recorded moment, as its minutes say ("from 10:00 to 10:19 so far")."""
        return sum(
            max(0, int((min(end, until) - start).total_seconds())) for each, start, end in self.spans if each == step
        )

    def state(self, engine: SessionEngine, index: int) -> str:
        session, step = engine.session, engine.session.steps[index]
        if step.removed_at is not None:
            return REMOVED
        if step.skipped_at is not None:
            return SKIPPED
        finished = session.status == "finished"
        if index == session.current_step and not finished:
            return RUNNING
        if index > session.current_step and not finished:
            return NOT_REACHED  # to come again, after the group went back
        if self.used(step.id, session.last_moment):
            return DONE
        if index < session.current_step or (finished and index == session.current_step):
            return NOT_TIMED  # its timer never ran, or for less than a second
        return NOT_REACHED


def run(operations: list[tuple[Any, ...]], finish: bool, folder: Path) -> tuple[SessionEngine, WhatHappened]:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(PLAN, "Story", clock), clock)
    seen = WhatHappened()
    inserted = renamed = 0

    def coming(place: int) -> str:
        steps = engine.session.steps
        return steps[min(len(steps) - 1, engine.session.current_step + place)].id

    for name, *args in operations:
        try:
            if name == "wait":
                seen.waited(engine, args[0])
                clock.advance(seconds=args[0])
            elif name == "timer":
                engine.toggle_timer()
            elif name == "next":
                engine.next_step()
            elif name == "previous":
                engine.previous_step()
            elif name == "skip":
                engine.skip_step(step=coming(args[0]))
            elif name == "remove":
                engine.remove_step(step=coming(args[0]))
            elif name == "move":
                engine.move_step(step=coming(args[0]), direction=args[1])
            elif name == "change":
                engine.change_step(step=coming(args[0]), minutes=args[1])
            elif name == "rename":
                renamed += 1
                engine.change_step(step=coming(args[0]), title=f"Renamed {renamed}")
            elif name == "insert":
                inserted += 1
                engine.insert_step(f"Added {inserted}", args[0])
            elif name == "plus":
                engine.add_minutes(args[0])
            elif name == "kill":  # the laptop dies; the session is opened again from its file
                path = folder / "killed.toml"
                save_session(engine.session, path)
                engine = SessionEngine(load_session(path), clock)
        except NotNow:
            pass
    if finish:
        engine.finish()
    return engine, seen


def agenda_rows(minutes: str) -> list[list[str]]:
    """The minutes' agenda table, a list of cells per row."""
    part = minutes.split("## The agenda", 1)[1].split("\n\n")[1]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in part.splitlines()[2:]]


def in_all_line(minutes: str) -> str:
    return next(line for line in minutes.splitlines() if line.startswith("In all: "))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, max_size=40), st.booleans())
# A step never reached, one skipped and one passed without its timer: none of them is time saved.
@example([("timer",), ("wait", 600), ("next",), ("timer",), ("next",), ("skip", 1), ("wait", 60)], True)
# Minutes added with + and the step still over them; a killed laptop with the timer running.
@example([("timer",), ("plus", 5), ("wait", 17 * 60), ("kill",), ("wait", 90), ("next",), ("wait", 150)], False)
def test_every_output_tells_the_same_story_and_it_is_what_happened(
    operations: list[tuple[Any, ...]], finish: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine, seen = run(operations, finish, Path(folder))
        session = engine.session
        archive = Path(folder) / "sessions"
        archive.mkdir()
        save_session(session, archive / "story.toml")
        [past] = plan_history(archive, PLAN.name).sessions
    stories = step_stories(session)
    finished = session.status == "finished"
    used = {story.step_id: seen.used(story.step_id, session.last_moment) for story in stories}

    # What the engine's story says is what happened, step by step.
    for index, story in enumerate(stories):
        assert story.time.state == seen.state(engine, index), story
        assert story.time.used_seconds == used[story.step_id], story

    # The minutes' agenda: every step, its time as counted, what became of it in words.
    minutes = markdown_minutes(session)
    rows = agenda_rows(minutes)
    assert [row[0] for row in rows] == [story.title for story in stories]
    for row, story in zip(rows, stories, strict=True):
        assert row[2] == (time_used_in_words(used[story.step_id]) if used[story.step_id] else "-"), row
        state = story.time.state
        if state == NOT_REACHED:
            assert row[3].endswith("not reached" if finished else "not reached yet"), row
        elif story.ended_on and state == DONE and used[story.step_id] < 60 * story.time.allowed:
            assert row[3].endswith(f"the session finished during it, after {row[2]}"), row
        else:
            assert re.search(SAID[state], row[3]), row
        assert ("added on the day" in row[3]) == story.time.added

    # The review's chart says the same of each step, and the same in all.
    chart = timing_chart(session)
    for row in rows:
        assert f"{row[0]}: {row[3]}" in chart
    assert chart[-1] == in_all_line(minutes)

    # In all: the plan as run, and only the steps that ran measured against it.
    plan_minutes = sum(step.planned_minutes for step in session.plan.steps)
    assert in_all_line(minutes).startswith(f"In all: the plan was {length_in_words(plan_minutes)}.")
    ran = [s for s in stories if s.time.state == DONE or (s.time.state in (SKIPPED, REMOVED) and s.time.used_seconds)]
    if ran:
        total = sum(used[s.step_id] for s in ran)
        planned = sum(s.time.planned for s in ran)
        assert (
            f" {plural(len(ran), 'step')} ran, for {time_used_in_words(total)} against {length_in_words(planned)} "
            "planned for them ("
        ) in in_all_line(minutes)
    else:
        assert " ran, for " not in in_all_line(minutes)
    for label, state in (
        ("Skipped", SKIPPED),
        ("Taken off the agenda", REMOVED),
        ("Passed without their timer", NOT_TIMED),
        ("Not reached" if finished else "Not reached yet", NOT_REACHED),
    ):
        # A skipped or taken-off step whose timer ran counts among the steps that ran; one to come again
        # after going back is still not reached, whatever it used.
        count = sum(1 for s in stories if s.time.state == state and (state == NOT_REACHED or not s.time.used_seconds))
        assert (f" {label}: {count} step" in in_all_line(minutes)) == bool(count), (label, in_all_line(minutes))

    # The finish screen: the same plan, and the same steps not reached.
    if finished:
        summary = finished_summary(session)
        assert summary[0].endswith(f"the plan was {length_in_words(plan_minutes)}.")
        unreached = [row[0] for row in rows if row[3].endswith("not reached")]
        assert (f"Not reached: {', '.join(unreached)}." in summary) == bool(unreached)

    # The agenda (live, and in the replay) marks each step as the story does.
    marks = {
        DONE: "done",
        SKIPPED: "skipped",
        NOT_TIMED: "passed",
        RUNNING: "current",
        NOT_REACHED: "not reached" if finished else "to come",
    }
    lines = {line.step.id: line.state for line in agenda(session, session.last_moment)}
    for story in stories:
        if story.time.state != REMOVED:
            expected = (
                "current"
                if story.step_id == session.steps[session.current_step].id and not finished
                else marks[story.time.state]
            )
            assert lines[story.step_id] == expected, story

    # `stats`, from the file's head: the same states, and each step's time in the same words.
    assert past.steps == [story.time for story in stories]
    stats = plan_stats(session.plan, [past])
    for step in stats.steps:
        story = next(s for s in stories if s.time.title == step.title and not s.time.added)
        row = rows[stories.index(story)]
        if story.time.state == DONE:
            assert step_words(step).startswith(f"Took {row[2]}, against"), (step_words(step), row)
        assert step.skipped == (story.time.state == SKIPPED)
        assert step.removed == (story.time.state == REMOVED)
        assert step.passed == (story.time.state == NOT_TIMED)
        assert step.dropped == (story.time.state == NOT_REACHED and finished)


def test_a_step_left_by_going_back_is_still_to_come_and_counts_in_the_expected_finish() -> None:
    """As found: 'p' marked the step left as done ('✓ 0 of 20') and took it off the expected finish."""
    from workshop_tui.core.schedule import plan_status

    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(PLAN, "Story", clock), clock)
    engine.start_timer()
    clock.advance(minutes=10)
    before = plan_status(engine.session, clock.now()).expected_finish
    engine.next_step()
    clock.advance(seconds=30)
    engine.previous_step()
    lines = {line.step.title: line.state for line in agenda(engine.session, clock.now())}
    assert lines["Check-in round"] == "to come"
    later = plan_status(engine.session, clock.now()).expected_finish
    assert later - before == timedelta(seconds=30)  # only the half minute spent, not the step's 15 minutes
    row = next(r for r in agenda_rows(markdown_minutes(engine.session)) if r[0] == "Check-in round")
    assert row[2:] == ["30 seconds", "not reached yet"]


def test_a_session_running_in_a_window_is_read_as_of_now(tmp_path: Path) -> None:
    """As found: an export of a running session said the step on now had run 27 seconds, while its
    window said 43; it is measured up to the moment it is read, while a window has it open."""
    from workshop_tui.store.open_session import Command, OpenSession
    from workshop_tui.store.session_file import load_session_now

    clock = FakeClock(TEN_AM)
    with OpenSession.create(tmp_path, PLAN, "Running", clock) as owner:
        owner.apply(Command("toggle_timer"))
        clock.advance(minutes=2)
        owner.apply(Command("add_note", {"typed": "A thought"}))
        owner.flush()
        later = clock.now() + timedelta(minutes=3)
        row = next(r for r in agenda_rows(markdown_minutes(load_session_now(owner.path, later))) if r[0] == "Welcome")
        assert row[2:] == ["5 minutes", "running, 5 minutes so far"]
    # Closed (the laptop was shut): measured to its last saved change, never to a later moment.
    row = next(r for r in agenda_rows(markdown_minutes(load_session_now(owner.path, later))) if r[0] == "Welcome")
    assert row[2:] == ["2 minutes", "running, 2 minutes so far"]
