"""The countdown for one step, computed from stored wall-clock anchors.

Nothing here counts ticks. The time used is the time banked by earlier runs plus,
while the timer runs, the time since it was last started. So the shown time cannot
drift, and it is right again after a crash, a quit or a laptop sleeping.
"""

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Countdown:
    allowed_seconds: float
    used_before_seconds: float = 0.0  # used before the timer last started
    running_since: datetime | None = None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def used(self, now: datetime) -> float:
        """Seconds used so far on this step."""
        if self.running_since is None:
            return self.used_before_seconds
        return self.used_before_seconds + max(0.0, (now - self.running_since).total_seconds())

    def left(self, now: datetime) -> float:
        """Seconds left; negative once the step runs over."""
        return self.allowed_seconds - self.used(now)

    def start(self, now: datetime) -> "Countdown":
        return self if self.running else replace(self, running_since=now)

    def pause(self, now: datetime) -> "Countdown":
        if not self.running:
            return self
        return replace(self, used_before_seconds=self.used(now), running_since=None)

    def ends_at(self, now: datetime) -> datetime:
        """When the time runs out if the timer keeps running (now, if it has run out)."""
        return now + timedelta(seconds=max(0.0, self.left(now)))

    def back_at(self, now: datetime) -> str:
        """The clock time a break ends, as the room is told it: the minute it ends in, rounded up, so
        "back at 16:58" is never before the break is over (it ends at 16:57:50)."""
        end = self.ends_at(now)
        if end.second or end.microsecond:
            end = end.replace(second=0, microsecond=0) + timedelta(minutes=1)
        return f"{end:%H:%M}"


def clock_text(seconds: int) -> str:
    """125 -> '2:05'; 3725 -> '1:02:05'."""
    hours, rest = divmod(abs(int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def countdown_text(left: float) -> str:
    """'9:58' while there is time left, '2:13 over' once it has run out.

    Whole seconds round up, so a fresh 10-minute timer shows 10:00 until a second has gone.
    """
    whole = math.ceil(left - 1e-9)
    if whole >= 0:
        return clock_text(whole)
    return f"{clock_text(-whole)} over"
