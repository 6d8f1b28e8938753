"""A plan's steps on the clock: when each starts and ends for a chosen start time, and the end against the slot."""

from dataclasses import dataclass
from datetime import time

from workshop_tui.core.wording import minutes_in_words
from workshop_tui.model import Step

DAY = 24 * 60


def minute_of_day(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def clock_time(minutes: int) -> str:
    """Minutes after midnight as a 24-hour clock time: 605 -> '10:05'. Past midnight wraps round."""
    hours, rest = divmod(minutes % DAY, 60)
    return f"{hours:02d}:{rest:02d}"


@dataclass(frozen=True)
class TimedStep:
    number: int
    step: Step
    starts: int  # minutes after midnight
    ends: int

    @property
    def times(self) -> str:
        return f"{clock_time(self.starts)} to {clock_time(self.ends)}"


def timetable(steps: list[Step], start: time) -> list[TimedStep]:
    """Each step with its clock times, one after another from `start`."""
    timed, at = [], minute_of_day(start)
    for number, step in enumerate(steps, start=1):
        timed.append(TimedStep(number, step, at, at + step.planned_minutes))
        at += step.planned_minutes
    return timed


def ends_at(steps: list[Step], start: time) -> int:
    return minute_of_day(start) + sum(step.planned_minutes for step in steps)


def against_the_slot(steps: list[Step], start: time, ends_by: time | None) -> str:
    """'10:00 to 13:05, 10 minutes to spare before 13:15', or '... 5 minutes past 13:15, the end of the slot'."""
    end = ends_at(steps, start)
    said = f"{clock_time(minute_of_day(start))} to {clock_time(end)}"
    if ends_by is None:
        return said
    slot_end = minute_of_day(ends_by)
    if end == slot_end:
        return f"{said}, as the slot ends"
    spare = slot_end - end
    if spare > 0:
        return f"{said}, {minutes_in_words(spare)} to spare before {clock_time(slot_end)}"
    return f"{said}, {minutes_in_words(spare)} past {clock_time(slot_end)}, the end of the slot"
