"""Where the session stands against its plan: expected start times, lateness, finish time."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from workshop_tui.core.session_engine import countdown_of
from workshop_tui.core.step_times import DONE, NOT_TIMED, REMOVED, SKIPPED, step_times
from workshop_tui.core.wording import minutes_in_words, whole_minutes
from workshop_tui.model import Session, SessionStep


@dataclass(frozen=True)
class AgendaLine:
    """One step as the agenda shows it."""

    number: int | None  # its place among steps still on the agenda; None if skipped
    step: SessionStep
    state: str  # "done", "current", "to come", "skipped", "passed" (without its timer), "not reached"
    starts_at: datetime | None  # actual start for done steps, expected start otherwise
    used_minutes: float | None  # the time its timer has run; None if it has not started


@dataclass(frozen=True)
class PlanStatus:
    step_number: int
    step_count: int
    minutes_late: int  # negative when ahead
    expected_finish: datetime
    planned_finish: datetime
    step_over: bool = False  # the current step's countdown has run out (it shows "0:17 over")

    def sentence(self) -> str:
        """'Step 3 of 11 · 2 hours 7 minutes behind plan · expected finish 12:37 (planned 10:30)'.

        It never says "on time" while the countdown says the step is over."""
        if self.minutes_late > 0:
            pace = f"{minutes_in_words(self.minutes_late)} behind plan"
        elif self.minutes_late < 0:
            pace = f"{minutes_in_words(-self.minutes_late)} ahead of plan"
        elif self.step_over:
            pace = "this step has run over"
        else:
            pace = "on time"
        return (
            f"Step {self.step_number} of {self.step_count} · {pace} · "
            f"expected finish {self.expected_finish:%H:%M} (planned {self.planned_finish:%H:%M})"
        )


def first_start(session: Session, now: datetime) -> datetime:
    """When the first step's timer first ran; `now` if it has not run yet."""
    starts = [step.started_at for step in session.steps if step.started_at is not None]
    return min(starts) if starts else now


def agenda(session: Session, now: datetime) -> list[AgendaLine]:
    """Every step not removed, with its state and its actual or expected start time.

    What became of a step is the story's (core/step_times.py), so the agenda, the replay and the
    minutes agree: a step passed without its timer is "passed", one a finished session never got to
    is "not reached", never "done"."""
    lines = []
    current = session.current_step
    finished = session.status == "finished"
    countdown = countdown_of(session.steps[current])
    next_start = countdown.ends_at(now) if not finished else None
    number = 0
    for index, (step, time) in enumerate(zip(session.steps, step_times(session), strict=True)):
        if step.removed_at is not None:
            continue
        used = countdown_of(step).used(now) / 60 if step.started_at is not None else None
        if time.state in (SKIPPED, REMOVED):
            lines.append(AgendaLine(None, step, "skipped", step.started_at, used))
            continue
        number += 1
        if index == current and not finished:
            lines.append(AgendaLine(number, step, "current", step.started_at or now, used))
        elif time.state == DONE:
            lines.append(AgendaLine(number, step, "done", step.started_at, used))
        elif time.state == NOT_TIMED:
            lines.append(AgendaLine(number, step, "passed", None, None))
        elif finished:
            lines.append(AgendaLine(number, step, "not reached", None, None))
        else:
            lines.append(AgendaLine(number, step, "to come", next_start, None))
            next_start = next_start + timedelta(minutes=step.allowed_minutes) if next_start else None
    return lines


def plan_status(session: Session, now: datetime) -> PlanStatus:
    lines = [line for line in agenda(session, now) if line.number is not None]
    current = next((line for line in lines if line.state == "current"), lines[-1])
    countdown = countdown_of(session.steps[session.current_step])
    expected_finish = countdown.ends_at(now)
    for line in lines:
        if line.state == "to come":
            expected_finish += timedelta(minutes=line.step.allowed_minutes)
    if session.status == "finished":
        expected_finish = session.last_moment
    planned_finish = first_start(session, now) + timedelta(minutes=session.plan.planned_minutes)
    late = whole_minutes((expected_finish - planned_finish).total_seconds())
    # Over as the countdown shows it: whole seconds past zero ("0:01 over" after a full second).
    step_over = session.status != "finished" and countdown.left(now) <= -1
    return PlanStatus(current.number or 0, len(lines), late, expected_finish, planned_finish, step_over)
