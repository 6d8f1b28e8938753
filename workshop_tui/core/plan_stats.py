"""What past sessions of a plan say about its timings: step by step, planned against actual.

For each step of the plan as it is now: how long it really took (the median and the range), how
often it ran over and by how much, how often it was skipped; how late sessions started, and which
breaks ran long. From that, suggested timings: the median actual, rounded to 5 minutes.

A step of a past session is matched to the plan by its title as planned (the second "Break" with
the second "Break"), so sessions of earlier versions of the plan count where their steps still fit.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property
from statistics import median

from workshop_tui.core.step_times import DONE, NOT_REACHED, NOT_TIMED, REMOVED, RUNNING, SKIPPED, StepTime
from workshop_tui.model import Plan

ROUND_TO = 5  # minutes: suggestions are rounded to this
FEWEST_RUNS = 3  # runs of a step before its timing is suggested
OVER_BY = 60  # seconds: a step over by less than a minute is on time


@dataclass(frozen=True)
class PastSession:
    """One past session of the plan, as its file's head tells it."""

    name: str  # its file name
    title: str
    status: str
    started_at: datetime  # when it was opened
    plan_version: int
    steps: list[StepTime]
    planned_start: datetime | None = None  # when the plan said it starts, that day
    timer_started_at: datetime | None = None  # when the group got going
    facilitator: str = ""  # who ran it, as its summary says


def run_by(sessions: list[PastSession], name: str) -> list[PastSession]:
    """The sessions a facilitator ran: their whole name or their first name, in any case."""
    wanted = " ".join(name.split()).casefold()
    return [
        s
        for s in sessions
        if wanted
        and wanted in (" ".join(s.facilitator.split()).casefold(), (s.facilitator.split() or [""])[0].casefold())
    ]


@dataclass(frozen=True)
class StepStats:
    number: int
    title: str
    kind: str
    planned: int  # minutes in the plan now
    sessions: int  # sessions that had this step
    used: tuple[float, ...]  # minutes it ran, in each session where it ran
    over: tuple[float, ...]  # minutes over the plan as run, in each session where it ran over
    skipped: int  # skipped
    moved: int
    planned_then: tuple[int, ...] = ()  # minutes the plan gave it, in each session where it ran
    dropped: int = 0  # finished before it was reached: the steps a group runs out of time for
    removed: int = 0  # taken off the agenda (apart from `skipped`, as the minutes say them apart)
    passed: int = 0  # moved past without its timer running

    @cached_property  # asked for many times by the report, each a pass over thousands
    def plan_changed(self) -> bool:
        """The plan gave this step other minutes when it ran than it does now."""
        return any(minutes != self.planned for minutes in self.planned_then)

    @property
    def ran(self) -> int:
        return len(self.used)

    @cached_property
    def median(self) -> float | None:
        return median(self.used) if self.used else None

    @cached_property
    def shortest(self) -> float | None:
        return min(self.used) if self.used else None

    @cached_property
    def longest(self) -> float | None:
        return max(self.used) if self.used else None

    @property
    def suggested(self) -> int:
        """The median actual, rounded to 5 minutes, halves up (12½ is 15: a step that runs long keeps
        its time); at least 5. The planned minutes with too few runs."""
        if self.ran < FEWEST_RUNS or self.median is None or abs(self.median - self.planned) < ROUND_TO / 2:
            return self.planned  # too few runs, or it takes about what it has: leave it be
        return max(ROUND_TO, ROUND_TO * math.floor(self.median / ROUND_TO + 0.5))


@dataclass(frozen=True)
class AddedStep:
    """A step that was not in the plan but added on the day, in one or more sessions."""

    title: str
    sessions: int
    used: tuple[float, ...]


@dataclass(frozen=True)
class PlanStats:
    plan: Plan
    sessions: int  # sessions of the plan counted
    unfinished: int  # of those, not finished: only their finished steps count
    steps: list[StepStats]
    late: tuple[float, ...]  # minutes each session started after its planned start (negative: early)
    late_from_opening: bool  # the plan has no start time: lateness is from when each session was opened
    long_breaks: tuple[float, ...]  # minutes over, for each break that ran long
    breaks_run: int
    added: list[AddedStep]
    unmatched: int  # sessions' planned steps that are not in this version of the plan
    # Sessions whose timer ran, but at another time of day than the plan's start (a practice run, a
    # moved day): counted as run, not as late or early.
    off_slot: int = 0

    @property
    def suggested(self) -> list[int]:
        return [step.suggested for step in self.steps]

    @property
    def suggestion_changes(self) -> bool:
        return any(step.suggested != step.planned for step in self.steps)

    def suggested_plan(self) -> Plan:
        """The plan with the suggested timings: the next version, once it is saved."""
        steps = [
            step.model_copy(update={"planned_minutes": minutes})
            for step, minutes in zip(self.plan.steps, self.suggested, strict=True)
        ]
        return self.plan.model_copy(update={"steps": steps})


@cache  # a team's archive says the same few titles a hundred thousand times
def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _places(plan: Plan) -> dict[tuple[str, int], int]:
    """Each step of the plan by its title and which of that title it is (the second "Break" is 1)."""
    places: dict[tuple[str, int], int] = {}
    seen: Counter[str] = Counter()
    for index, planned in enumerate(plan.steps):
        key = _key(planned.title)
        places[(key, seen[key])] = index
        seen[key] += 1
    return places


def _matches(places: dict[tuple[str, int], int], session: PastSession) -> dict[int, StepTime]:
    """The session's steps of the plan, by the index of the plan step each is (the k-th "Break" with the k-th)."""
    found: dict[int, StepTime] = {}
    seen: Counter[str] = Counter()
    for ran in session.steps:
        if ran.added:
            continue
        key = _key(ran.title)
        at = places.get((key, seen[key]))
        seen[key] += 1
        if at is not None:
            found[at] = ran
    return found


def _minutes(seconds: float) -> float:
    # Exact: rounded once, when said (core.wording.whole_minutes), as the review rounds one session's steps.
    return seconds / 60


def plan_stats(plan: Plan, sessions: list[PastSession]) -> PlanStats:
    used: dict[int, list[float]] = defaultdict(list)
    planned_then: dict[int, list[int]] = defaultdict(list)
    over: dict[int, list[float]] = defaultdict(list)
    had, skipped, moved, dropped = Counter[int](), Counter[int](), Counter[int](), Counter[int]()
    removed, passed = Counter[int](), Counter[int]()
    added: dict[str, list[float]] = defaultdict(list)
    added_in: Counter[str] = Counter()
    added_titles: dict[str, str] = {}
    late, long_breaks = [], []
    breaks_run = unmatched = off_slot = 0
    places = _places(plan)
    for session in sessions:
        matched = _matches(places, session)
        unmatched += sum(1 for step in session.steps if not step.added) - len(matched)
        for index, step in matched.items():
            if step.state == RUNNING or (step.state == NOT_REACHED and session.status != "finished"):
                continue  # an unfinished session had not got to it yet
            had[index] += 1
            dropped[index] += step.state == NOT_REACHED
            moved[index] += step.moved
            if step.state == SKIPPED:
                skipped[index] += 1
            elif step.state == REMOVED:
                removed[index] += 1
            elif step.state == NOT_TIMED:
                passed[index] += 1
            elif step.state == DONE:
                used[index].append(_minutes(step.used_seconds))
                planned_then[index].append(step.planned)
                if step.over_seconds >= OVER_BY:
                    over[index].append(_minutes(step.over_seconds))
        for step in session.steps:
            if step.kind == "break" and step.state == DONE:
                breaks_run += 1
                if step.used_seconds - 60 * step.allowed >= OVER_BY:
                    long_breaks.append(_minutes(step.used_seconds - 60 * step.allowed))
            if step.added and step.state == DONE:
                key = _key(step.title)
                added_titles.setdefault(key, step.title)
                added[key].append(_minutes(step.used_seconds))
        for key in {_key(step.title) for step in session.steps if step.added}:  # sessions, not times added
            added_in[key] += 1
        late_start = _late(session, plan)
        if late_start is not None:
            late.append(late_start)
        elif session.timer_started_at is not None:
            off_slot += 1
    steps = [
        StepStats(
            number,
            step.title,
            step.kind,
            step.planned_minutes,
            had[number - 1],
            tuple(used[number - 1]),
            tuple(over[number - 1]),
            skipped[number - 1],
            moved[number - 1],
            tuple(planned_then[number - 1]),
            dropped[number - 1],
            removed[number - 1],
            passed[number - 1],
        )
        for number, step in enumerate(plan.steps, start=1)
    ]
    extra = [AddedStep(added_titles.get(key, key), count, tuple(added[key])) for key, count in added_in.most_common()]
    return PlanStats(
        plan,
        len(sessions),
        sum(1 for s in sessions if s.status != "finished"),
        steps,
        tuple(late),
        plan.starts_at is None,
        tuple(long_breaks),
        breaks_run,
        extra,
        unmatched,
        off_slot,
    )


def _late(session: PastSession, plan: Plan) -> float | None:
    """Minutes from the planned start (or, with none, from opening the session) to the group getting going.
    None for a session run at another time of day than its plan says (a practice run)."""
    if session.timer_started_at is None or (session.planned_start is None and plan.starts_at is not None):
        return None
    # One measure for all: from the planned start when the plan has a start time, else from opening.
    since = session.planned_start if plan.starts_at is not None and session.planned_start else session.started_at
    return _minutes((session.timer_started_at - since).total_seconds())
