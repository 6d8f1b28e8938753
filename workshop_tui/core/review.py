"""The story of a session's time in words: planned against used, step by step and in all.

The finish screen, the review and the minutes say it with these functions, from the one story in
core/step_times.py, so a step is never "skipped" in one and "50 minutes under" in another.
"""

from workshop_tui.core.step_times import (
    DONE,
    NOT_TIMED,
    REMOVED,
    RUNNING,
    SKIPPED,
    SessionTime,
    StepTime,
    session_time,
    step_stories,
)
from workshop_tui.core.wording import (
    duration_in_words,
    length_in_words,
    minutes_column,
    plural,
    time_used_in_words,
    whole_minutes,
)
from workshop_tui.model import Session


def difference_in_words(seconds: int) -> str:
    """'on time', '27 seconds over', '3 minutes under': said the same way in the review and the minutes."""
    if not seconds:
        return "on time"
    return f"{duration_in_words(seconds)} {'over' if seconds > 0 else 'under'}"


def used_in_words(time: StepTime) -> str:
    """The time a step's timer ran (core/wording.py `time_used_in_words`); '-' for none."""
    if not time.used_seconds:
        return "-"
    return time_used_in_words(time.used_seconds)


def planned_in_words(time: StepTime) -> str:
    """'15 minutes'; '15 minutes, 20 on the day' when it had other minutes on the day; for a step added
    on the day, the minutes it was given."""
    planned = length_in_words(time.planned)
    return f"{planned}, {time.allowed} on the day" if time.changed else planned


def _against_its_time(time: StepTime) -> str:
    """How a step that ran went against its time: the plan's, and the day's where that differs."""
    if time.added or not time.changed:
        return difference_in_words(time.over_allowed_seconds if time.added else time.over_seconds)
    plan = "on time by the plan" if not time.over_seconds else f"{difference_in_words(time.over_seconds)} the plan"
    had = f"the {length_in_words(time.allowed)} it had on the day"
    if time.over_allowed_seconds > 0:
        return f"{plan}, {duration_in_words(time.over_allowed_seconds)} over {had}"
    return f"{plan}, within {had}"


def step_verdict(time: StepTime, finished: bool = True, ended_on: bool = False) -> str:
    """What became of one step, in a few words: 'skipped', 'not reached', '3 minutes over', 'added on
    the day, 2 minutes under', 'moved, on time'. `ended_on`: the session finished while on it, so a step
    cut short says so rather than 'under'."""
    if time.state == DONE and ended_on and time.over_allowed_seconds < 0:
        what = f"the session finished during it, after {used_in_words(time)}"
    elif time.state == DONE:
        what = _against_its_time(time)
    elif time.state == RUNNING:
        what = f"running, {used_in_words(time)} so far" if time.timed else "on now"
    elif time.state in (SKIPPED, REMOVED):
        what = "skipped" if time.state == SKIPPED else "taken off the agenda"
        if time.timed:
            what += f" after {used_in_words(time)}"
    elif time.state == NOT_TIMED:
        what = "passed without its timer"
    else:
        what = "not reached" if finished else "not reached yet"
    marks = (["added on the day"] if time.added else []) + (["moved"] if time.moved else [])
    return ", ".join([*marks, what])


def _steps(times: tuple[StepTime, ...]) -> str:
    return f"{plural(len(times), 'step')}, {length_in_words(sum(time.planned for time in times))} planned"


def time_in_all(total: SessionTime) -> str:
    """'In all: the plan was 3 hours 10 minutes. 11 steps ran, for 2 hours 55 minutes against 2 hours 50
    minutes planned for them (5 minutes over). Not reached: 1 step, 20 minutes planned.'

    Only steps that ran are measured against their plan: a skipped step or one never reached is said
    apart, never counted as time saved."""
    line = f"In all: the plan was {length_in_words(total.plan_minutes)}."
    if total.ran:
        used = whole_minutes(total.used_seconds)
        difference = total.used_seconds - 60 * total.ran_planned
        if abs(difference) >= 60 and total.used_seconds >= 600:
            difference = 60 * (used - total.ran_planned)  # the same minutes as the two totals say
        line += (
            f" {plural(len(total.ran), 'step')} ran, for {time_used_in_words(total.used_seconds)} against "
            f"{length_in_words(total.ran_planned)} planned for them ({difference_in_words(difference)})."
        )
        gained, lost = total.minutes_gained, total.minutes_lost
        if gained or lost:
            said = [
                f"{plural(gained, 'minute')} {'was' if gained == 1 else 'were'} added" if gained else "",
                f"{plural(lost, 'minute')} {'was' if lost == 1 else 'were'} taken off" if lost else "",
            ]
            line += f" On the day, {' and '.join(part for part in said if part)}."
    elif not total.running:
        line += " No step's timer ran."
    for now in total.running:
        line += f" The step on now has run for {used_in_words(now)} so far." if now.timed else ""
    for label, times in (
        ("Skipped", total.skipped),
        ("Taken off the agenda", total.removed),
        ("Passed without their timer", total.passed),
        ("Not reached" if total.finished else "Not reached yet", total.not_reached),
    ):
        if times:
            line += f" {label}: {_steps(times)}."
    if total.added:
        line += f" Added on the day: {plural(len(total.added), 'step')}."
    return line


def timing_chart(session: Session, width: int = 30) -> list[str]:
    """A bar chart in text: each step's planned and actual minutes, what became of it said in words."""
    stories = step_stories(session)
    finished = session.status == "finished"
    longest = max([s.time.planned for s in stories] + [whole_minutes(s.time.used_seconds) for s in stories] + [1])
    lines = []
    for story in stories:
        time = story.time
        used = whole_minutes(time.used_seconds)
        lines.append(f"{story.title}: {step_verdict(time, finished, story.ended_on)}")
        planned = "░" * max(1, round(time.planned / longest * width))
        on_the_day = f" and {time.allowed} on the day" if time.changed else ""
        lines.append(f"planned {time.planned:>3} {planned}{on_the_day}")
        if time.timed:
            lines.append(f"actual  {minutes_column(time.used_seconds):>3} {'█' * round(used / longest * width)}")
    lines.append("")
    lines.append(time_in_all(session_time(session, [story.time for story in stories])))
    return lines
