"""What a trainer looks at afterwards: planned against actual time, step by step."""

from dataclasses import dataclass

from workshop_tui.core.session_engine import countdown_of
from workshop_tui.core.wording import added_in_words, duration_in_words, exact_length_in_words, length_in_words, plural
from workshop_tui.model import Session


@dataclass(frozen=True)
class StepTiming:
    title: str
    planned_minutes: int
    used_seconds: float  # the time the step's timer ran
    skipped: bool
    added_minutes: int = 0  # added with + (or taken off with -) while it ran

    @property
    def used_minutes(self) -> int:
        """The time used, rounded to whole minutes."""
        return round(self.used_seconds / 60)

    @property
    def over_seconds(self) -> int:
        """Whole seconds over the plan (negative when under), as the countdown counts them: 0:27 over is 27."""
        return int(self.used_seconds - 60 * self.planned_minutes) if not self.skipped else 0

    @property
    def over(self) -> int:
        return self.used_minutes - self.planned_minutes if not self.skipped else 0


def step_timings(session: Session) -> list[StepTiming]:
    """Each step on the agenda, planned against used, measured up to the session's last moment."""
    end = session.last_moment
    return [
        StepTiming(step.title, step.planned_minutes, countdown_of(step).used(end), step.skipped_at is not None, step.added_minutes)
        for step in session.steps
        if step.removed_at is None
    ]


def difference_in_words(seconds: int) -> str:
    """'on time', '27 seconds over', '3 minutes under': said the same way in the review and the minutes."""
    if not seconds:
        return "on time"
    return f"{duration_in_words(seconds)} {'over' if seconds > 0 else 'under'}"


def verdict(timing: StepTiming) -> str:
    """How one step went against its plan: 'skipped', 'on time', '27 seconds over', '3 minutes under'."""
    return "skipped" if timing.skipped else difference_in_words(timing.over_seconds)


def used_in_words(timing: StepTiming) -> str:
    """The time a step used: to the second when it differs from the plan by less than a minute, so the
    overrun the review reports can be seen; otherwise in whole minutes. '-' when it did not run."""
    if timing.skipped:
        return "-"
    if 0 < abs(timing.over_seconds) < 60:
        return exact_length_in_words(timing.used_seconds)
    return length_in_words(timing.used_minutes) if timing.used_minutes else "-"


def planned_in_words(timing: StepTiming) -> str:
    """'15 minutes', or '15 minutes, 3 added' when minutes were added with +."""
    added = added_in_words(timing.added_minutes)
    return length_in_words(timing.planned_minutes) + (f", {added}" if added else "")


def time_in_all(timings: list[StepTiming]) -> str:
    """'In all: 185 minutes planned, 194 minutes used (9 minutes over).' Skipped steps use no time.
    Minutes added with + or taken off with - are said after it."""
    planned_total = sum(t.planned_minutes for t in timings)
    used_seconds = sum(t.used_seconds for t in timings if not t.skipped)
    used_total = round(used_seconds / 60)
    difference = int(used_seconds - 60 * planned_total)
    if abs(difference) >= 60:
        difference = 60 * (used_total - planned_total)  # the same minutes as the two totals say
    line = f"In all: {plural(planned_total, 'minute')} planned, {plural(used_total, 'minute')} used ({difference_in_words(difference)})."
    added = sum(t.added_minutes for t in timings if not t.skipped)
    if added:
        line += f" {plural(abs(added), 'minute')} {'was' if abs(added) == 1 else 'were'} {'added' if added > 0 else 'taken off'} during the session."
    return line


def timing_chart(session: Session, width: int = 30) -> list[str]:
    """A bar chart in text: each step's planned and actual minutes, overruns said in words."""
    timings = step_timings(session)
    longest = max([t.planned_minutes for t in timings] + [t.used_minutes for t in timings] + [1])
    lines = []
    for t in timings:
        planned = "░" * max(1, round(t.planned_minutes / longest * width))
        used = "█" * round(t.used_minutes / longest * width)
        added = added_in_words(t.added_minutes)
        lines.append(f"{t.title}: {verdict(t)}")
        lines.append(f"planned {t.planned_minutes:>3} {planned}" + (f" and {added}" if added else ""))
        lines.append(f"actual  {t.used_minutes:>3} {used}")
    lines.append("")
    lines.append(time_in_all(timings))
    return lines
