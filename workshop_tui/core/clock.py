"""Clocks. Core code takes a clock so tests can set the time instead of waiting for it."""

from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, with its UTC offset."""


class SystemClock:
    """The computer's clock, in its local time zone."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


class FakeClock:
    """A clock that only moves when told to: for tests, replay and benchmarks."""

    def __init__(self, start: datetime | None = None):
        self._now = start or datetime(2026, 7, 8, 10, 0, tzinfo=timezone(timedelta(hours=1)))

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float = 0, minutes: float = 0) -> datetime:
        self._now += timedelta(seconds=seconds, minutes=minutes)
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment
