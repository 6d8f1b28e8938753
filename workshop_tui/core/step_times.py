"""How long each step of a session took, as a few plain fields: what `stats` learns plans from.

They are written with the [summary] at the head of a session file (the [[timings]] tables), so the
timings of a thousand sessions are read without reading their events. A step is known by its title
in the plan as run, so it is found again in a later version of the plan.
"""

from datetime import datetime, timedelta
from typing import Any, NamedTuple

from workshop_tui.core.countdown import Countdown
from workshop_tui.core.event_kinds import Kind
from workshop_tui.model import Session, SessionStep

# What became of a step: it ran; it was skipped or taken off; the session passed it by without its
# timer running; the session never reached it; it is running now.
DONE, SKIPPED, REMOVED, NOT_TIMED, NOT_REACHED, RUNNING = "done", "skipped", "removed", "not timed", "not reached", "running"
STATES = (DONE, SKIPPED, REMOVED, NOT_TIMED, NOT_REACHED, RUNNING)


class StepTime(NamedTuple):
    """One step of one session. A tuple: a thousand sessions make twelve thousand of them."""

    title: str  # as planned, for a step of the plan; as added, for a step added on the day
    kind: str
    planned: int  # minutes in the plan as run
    allowed: int  # minutes it had in the end: planned, with any added or taken off
    used_seconds: int  # the time its timer ran
    state: str
    added: bool = False  # added on the day, not in the plan
    moved: bool = False  # moved to another place on the day
    # When each step started and ended is in the events; stats needs only the lengths, and a
    # thousand heads read faster without them.

    @property
    def over_seconds(self) -> int:
        """Seconds over the plan as run (negative when under)."""
        return self.used_seconds - 60 * self.planned

    def as_toml(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title, "kind": self.kind, "planned": self.planned, "allowed": self.allowed,
            "used_seconds": self.used_seconds, "state": self.state,
        }
        for name in ("added", "moved"):
            if getattr(self, name):
                data[name] = True
        return data

    @classmethod
    def from_toml(cls, data: dict[str, Any]) -> "StepTime":
        """One [[timings]] table; ValueError if it is not the shape one has."""
        kinds = {"title": str, "kind": str, "planned": int, "allowed": int, "used_seconds": int, "state": str}
        for name, kind in kinds.items():
            if type(data.get(name)) is not kind:  # not isinstance: True is an int, and is not a number of minutes
                raise ValueError(f"a step's {name} is missing or of the wrong kind")
        return cls.checked(data["title"], data["kind"], data["planned"], data["allowed"], data["used_seconds"],
                           data["state"], data.get("added") is True, data.get("moved") is True)

    @classmethod
    def checked(cls, title: str, kind: str, planned: int, allowed: int, used_seconds: int, state: str,
                added: bool = False, moved: bool = False) -> "StepTime":
        """A step's timings as read from a file; ValueError for a state this app does not write."""
        if state not in STATES:
            raise ValueError(f"a step's state '{state}' is not one this app writes")
        return cls(title, kind, planned, allowed, used_seconds, state, added, moved)


def _state(session: Session, index: int, step: SessionStep) -> str:
    if step.removed_at is not None:
        return REMOVED
    if step.skipped_at is not None:
        return SKIPPED
    finished = session.status == "finished"
    if step.started_at is None:
        # Passed by without its timer (or finished on it), or after where the session got to: finished
        # there, such a step was dropped at the end; not finished, it may yet come.
        if index < session.current_step or (finished and index == session.current_step):
            return NOT_TIMED
        return NOT_REACHED
    if index == session.current_step and not finished:
        return RUNNING
    return DONE


def step_times(session: Session) -> list[StepTime]:
    """Every step of the session, in the order it ran, with what became of it."""
    moved = {str(event.details.get("step")) for event in session.events if event.kind == Kind.AGENDA_MOVE}
    planned = session.plan.steps
    times = []
    for index, step in enumerate(session.steps):
        number = int(step.id[1:]) if step.id[1:].isdigit() else 0
        in_plan = 1 <= number <= len(planned)
        as_planned = planned[number - 1] if in_plan else step
        used = Countdown(60 * step.allowed_minutes, step.elapsed_seconds, step.running_since).used(session.last_moment)
        times.append(StepTime(
            title=as_planned.title, kind=step.kind, planned=as_planned.planned_minutes, allowed=step.allowed_minutes,
            used_seconds=int(used), state=_state(session, index, step), added=not in_plan, moved=step.id in moved,
        ))
    return times


def first_timer_start(session: Session) -> datetime | None:
    """When the group got going: the first time any step's timer ran."""
    starts = [step.started_at for step in session.steps if step.started_at is not None]
    return min(starts) if starts else None


# A session opened further than this from its plan's start time ran at another time of day (a
# practice run, a change of room): how late it started is not measured against the plan.
NEAR_THE_START = timedelta(hours=3)


def planned_start(session: Session) -> datetime | None:
    """When the plan as run said the session starts, on the day it was opened, in its own time zone;
    None when the plan has no start time, or the session was opened at another time of day."""
    start = session.plan.starts_at
    if start is None:
        return None
    opened = session.started_at
    moment = opened.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
    nearest = min((moment + timedelta(days=days) for days in (-1, 0, 1)), key=lambda when: abs(when - opened))
    return nearest if abs(nearest - opened) <= NEAR_THE_START else None
