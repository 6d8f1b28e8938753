"""The story of a session's time, worked out once: for each step, what was planned, what it had on
the day, the time it used, and what became of it (ran, skipped, taken off, passed by without its
timer, not reached, running now; added on the day, moved). The finish screen, the review, the replay's
agenda, the minutes and `stats` all read it from here, so they cannot tell it two ways.

The plain fields (`StepTime`) are written with the [summary] at the head of a session file (the [[timings]] tables), so the
timings of a thousand sessions are read without reading their events. A step is known by its title
in the plan as run, so it is found again in a later version of the plan.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from workshop_tui.core.countdown import Countdown
from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.session_events import StepMoved
from workshop_tui.model import Session, SessionStep

# What became of a step: it ran; it was skipped or taken off; the session passed it by without its
# timer running; the session never reached it; it is running now.
DONE, SKIPPED, REMOVED, NOT_TIMED, NOT_REACHED, RUNNING = (
    "done",
    "skipped",
    "removed",
    "not timed",
    "not reached",
    "running",
)
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

    @property
    def over_allowed_seconds(self) -> int:
        """Seconds over the time it had on the day (negative when under): what its countdown showed."""
        return self.used_seconds - 60 * self.allowed

    @property
    def timed(self) -> bool:
        """Its timer ran: the group spent time on it, even if it was skipped part way."""
        return self.used_seconds > 0

    @property
    def changed(self) -> bool:
        """It had other minutes on the day than the plan gave it (added with +, taken off, or changed)."""
        return self.allowed != self.planned

    def as_toml(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "kind": self.kind,
            "planned": self.planned,
            "allowed": self.allowed,
            "used_seconds": self.used_seconds,
            "state": self.state,
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
        return cls.checked(
            data["title"],
            data["kind"],
            data["planned"],
            data["allowed"],
            data["used_seconds"],
            data["state"],
            data.get("added") is True,
            data.get("moved") is True,
        )

    @classmethod
    def checked(
        cls,
        title: str,
        kind: str,
        planned: int,
        allowed: int,
        used_seconds: int,
        state: str,
        added: bool = False,
        moved: bool = False,
    ) -> "StepTime":
        """A step's timings as read from a file; ValueError for a state this app does not write."""
        if state not in STATES:
            raise ValueError(f"a step's state '{state}' is not one this app writes")
        return cls(title, kind, planned, allowed, used_seconds, state, added, moved)


def _state(session: Session, index: int, step: SessionStep, used: int) -> str:
    if step.removed_at is not None:
        return REMOVED
    if step.skipped_at is not None:
        return SKIPPED
    finished = session.status == "finished"
    if index == session.current_step and not finished:
        return RUNNING  # the step the group is on, its timer going or not
    if index > session.current_step and not finished:
        return NOT_REACHED  # to come, even if it ran a while before the group went back a step
    if step.started_at is None or not used:
        # Passed by without its timer (or with it for less than a second, or finished on it), or after
        # where the session got to: finished there, such a step was dropped at the end; not finished,
        # it may yet come.
        if index < session.current_step or (finished and index == session.current_step):
            return NOT_TIMED
        return NOT_REACHED
    return DONE


def step_times(session: Session) -> list[StepTime]:
    """Every step of the session, in the order it ran, with what became of it."""
    return [story.time for story in step_stories(session)]


class StepStory(NamedTuple):
    """One step as the record tells it: its name on the day, and its time."""

    title: str  # as it was run: a step renamed on the day has its new name
    time: StepTime
    step_id: str
    ended_on: bool = False  # the session finished while on it, with steps after it not reached: cut short


def step_stories(session: Session) -> list[StepStory]:
    """Every step of the session, in the order it ran, with its name on the day and its time."""
    moved = {StepMoved.of(event).step for event in session.events if event.kind == Kind.AGENDA_MOVE}
    planned = session.plan.steps
    stories = []
    for index, step in enumerate(session.steps):
        number = int(step.id[1:]) if step.id[1:].isdigit() else 0
        in_plan = 1 <= number <= len(planned)
        as_planned = planned[number - 1] if in_plan else step
        used = int(
            Countdown(60 * step.allowed_minutes, step.elapsed_seconds, step.running_since).used(session.last_moment)
        )
        # Cut short: the session finished on it while steps after it were still to come.
        ended_on = (
            session.status == "finished"
            and index == session.current_step
            and any(later.removed_at is None and later.skipped_at is None for later in session.steps[index + 1 :])
        )
        stories.append(
            StepStory(
                step.title,
                StepTime(
                    title=as_planned.title,
                    kind=step.kind,
                    planned=as_planned.planned_minutes,
                    allowed=step.allowed_minutes,
                    used_seconds=used,
                    state=_state(session, index, step, used),
                    added=not in_plan,
                    moved=step.id in moved,
                ),
                step.id,
                ended_on,
            )
        )
    return stories


@dataclass(frozen=True)
class SessionTime:
    """The session's time in all, added up from its steps' stories."""

    plan_minutes: int  # the plan as run: every step that was in it, whatever became of it
    ran: tuple[StepTime, ...]  # steps whose timer ran and are over (a step skipped part way included)
    running: tuple[StepTime, ...]  # the step on now, in a session not finished: not yet measured against its plan
    skipped: tuple[StepTime, ...]  # skipped before their timer ran
    removed: tuple[StepTime, ...]  # taken off the agenda before their timer ran
    passed: tuple[StepTime, ...]  # moved past without their timer running
    not_reached: tuple[StepTime, ...]  # after where the session got to
    added: tuple[StepTime, ...]  # added on the day, whatever became of them
    finished: bool

    @property
    def ran_planned(self) -> int:
        """Minutes planned for the steps that ran; a step added on the day counts the minutes it was given."""
        return sum(time.planned for time in self.ran)

    @property
    def used_seconds(self) -> int:
        """Every second a step's timer ran."""
        return sum(time.used_seconds for time in self.ran)

    @property
    def minutes_gained(self) -> int:
        """Minutes the steps that ran were given on the day, over the plan (added with +, or changed)."""
        return sum(max(0, time.allowed - time.planned) for time in self.ran)

    @property
    def minutes_lost(self) -> int:
        """Minutes the steps that ran had taken off on the day."""
        return sum(max(0, time.planned - time.allowed) for time in self.ran)


def session_time(session: Session, times: list[StepTime] | None = None) -> SessionTime:
    times = step_times(session) if times is None else times
    return SessionTime(
        plan_minutes=sum(time.planned for time in times if not time.added),
        ran=tuple(time for time in times if time.state == DONE or (time.timed and time.state in (SKIPPED, REMOVED))),
        running=tuple(time for time in times if time.state == RUNNING),
        skipped=tuple(time for time in times if not time.timed and time.state == SKIPPED),
        removed=tuple(time for time in times if not time.timed and time.state == REMOVED),
        passed=tuple(time for time in times if time.state == NOT_TIMED),
        not_reached=tuple(time for time in times if time.state == NOT_REACHED),
        added=tuple(time for time in times if time.added),
        finished=session.status == "finished",
    )


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
