"""What a trainer looks at afterwards: planned against actual time, step by step."""

from dataclasses import dataclass

from workshop_tui.core.session_engine import countdown_of
from workshop_tui.core.wording import minutes_in_words
from workshop_tui.model import Session


@dataclass(frozen=True)
class StepTiming:
    title: str
    planned: int  # minutes
    actual: int  # minutes, rounded
    skipped: bool

    @property
    def over(self) -> int:
        return self.actual - self.planned if not self.skipped else 0


def step_timings(session: Session) -> list[StepTiming]:
    end = session.ended_at or max((e.at for e in session.events), default=session.started_at)
    return [
        StepTiming(step.title, step.planned_minutes, round(countdown_of(step).used(end) / 60), step.skipped_at is not None)
        for step in session.steps
        if step.removed_at is None
    ]


def timing_chart(session: Session, width: int = 30) -> list[str]:
    """A bar chart in text: each step's planned and actual minutes, overruns said in words."""
    timings = step_timings(session)
    longest = max([t.planned for t in timings] + [t.actual for t in timings] + [1])
    lines = []
    for t in timings:
        planned = "░" * max(1, round(t.planned / longest * width))
        actual = "█" * round(t.actual / longest * width)
        if t.skipped:
            verdict = "skipped"
        elif t.over > 0:
            verdict = f"{minutes_in_words(t.over)} over"
        elif t.over < 0:
            verdict = f"{minutes_in_words(t.over)} under"
        else:
            verdict = "on time"
        lines.append(f"{t.title}: {verdict}")
        lines.append(f"planned {t.planned:>3} {planned}")
        lines.append(f"actual  {t.actual:>3} {actual}")
    planned_total = sum(t.planned for t in timings)
    actual_total = sum(t.actual for t in timings if not t.skipped)
    difference = actual_total - planned_total
    summary = "on time" if not difference else f"{minutes_in_words(difference)} {'over' if difference > 0 else 'under'}"
    lines.append("")
    lines.append(f"In all: {planned_total} minutes planned, {actual_total} minutes used ({summary}).")
    return lines
