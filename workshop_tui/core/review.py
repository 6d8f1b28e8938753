"""What a trainer looks at afterwards: planned against actual time, step by step."""

from dataclasses import dataclass

from workshop_tui.core.session_engine import countdown_of
from workshop_tui.core.wording import minutes_in_words
from workshop_tui.model import Session


@dataclass(frozen=True)
class StepTiming:
    title: str
    planned_minutes: int
    used_minutes: int  # the time the step's timer ran, rounded to whole minutes
    skipped: bool

    @property
    def over(self) -> int:
        return self.used_minutes - self.planned_minutes if not self.skipped else 0


def step_timings(session: Session) -> list[StepTiming]:
    """Each step on the agenda, planned against used, measured up to the session's last moment."""
    end = session.last_moment
    return [
        StepTiming(step.title, step.planned_minutes, round(countdown_of(step).used(end) / 60), step.skipped_at is not None)
        for step in session.steps
        if step.removed_at is None
    ]


def time_in_all(timings: list[StepTiming]) -> str:
    """'In all: 185 minutes planned, 194 minutes used (9 minutes over).' Skipped steps use no time."""
    planned_total = sum(t.planned_minutes for t in timings)
    used_total = sum(t.used_minutes for t in timings if not t.skipped)
    difference = used_total - planned_total
    summary = "on time" if not difference else f"{minutes_in_words(difference)} {'over' if difference > 0 else 'under'}"
    return f"In all: {planned_total} minutes planned, {used_total} minutes used ({summary})."


def timing_chart(session: Session, width: int = 30) -> list[str]:
    """A bar chart in text: each step's planned and actual minutes, overruns said in words."""
    timings = step_timings(session)
    longest = max([t.planned_minutes for t in timings] + [t.used_minutes for t in timings] + [1])
    lines = []
    for t in timings:
        planned = "░" * max(1, round(t.planned_minutes / longest * width))
        used = "█" * round(t.used_minutes / longest * width)
        if t.skipped:
            verdict = "skipped"
        elif t.over > 0:
            verdict = f"{minutes_in_words(t.over)} over"
        elif t.over < 0:
            verdict = f"{minutes_in_words(t.over)} under"
        else:
            verdict = "on time"
        lines.append(f"{t.title}: {verdict}")
        lines.append(f"planned {t.planned_minutes:>3} {planned}")
        lines.append(f"actual  {t.used_minutes:>3} {used}")
    lines.append("")
    lines.append(time_in_all(timings))
    return lines
