"""A stand-in for core/room_view.py (being written on another branch), with the same interface, so the
follow-along page can be built now. Delete it once core/room_view.py is merged, and import that instead."""

import math
from dataclasses import dataclass
from datetime import datetime

from workshop_tui.core.session_engine import countdown_of
from workshop_tui.model import Session


@dataclass(frozen=True)
class RoomRecord:
    kind: str
    text: str
    by: str


@dataclass(frozen=True)
class RoomView:
    session_title: str
    step_title: str
    step_number: int
    steps: int
    questions: tuple[str, ...]
    time_words: str
    seconds_left: int | None
    paused: bool
    is_break: bool
    back_at: str | None
    next_step: str | None
    finished: bool
    record_on: bool
    names_shown: bool
    record: tuple[RoomRecord, ...]


def _minutes(count: int) -> str:
    return f"{count} minute{'s' if count != 1 else ''}"


def room_view(session: Session, now: datetime) -> RoomView:
    live = [i for i, s in enumerate(session.steps) if s.removed_at is None and s.skipped_at is None]
    step = session.steps[session.current_step]
    countdown = countdown_of(step)
    left = countdown.left(now)
    whole = math.ceil(left - 1e-9)
    words = f"{_minutes(math.ceil(whole / 60))} left" if whole >= 0 else f"{_minutes(-whole // 60)} over"
    later = [i for i in live if i > session.current_step]
    number = live.index(session.current_step) + 1 if session.current_step in live else 1
    names = {p.id: p.name for p in session.participants}
    record = tuple(RoomRecord(n.kind, n.text, names.get(n.by, "")) for n in session.notes if n.removed_at is None)
    return RoomView(session.title, step.title, number, len(live), tuple(step.prompts), words, whole,
                    not countdown.running, step.kind == "break",
                    countdown.back_at(now) if step.kind == "break" else None,
                    session.steps[later[0]].title if later else None, session.status == "finished",
                    False, False, record)
