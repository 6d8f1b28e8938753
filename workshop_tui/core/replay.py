"""Replay: the session as it stood at any moment, rebuilt from its events by the same rules."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from workshop_tui.core.event_kinds import apply_event
from workshop_tui.core.event_words import what_happened
from workshop_tui.core.session_engine import first_state, start_of
from workshop_tui.model import Session


def starting_state(session: Session) -> Session:
    """The session as it was created: the plan's steps, nobody on the roster, nothing recorded."""
    return first_state(start_of(session))


def _count_upto(session: Session, moment: datetime, events_upto: int | None) -> int:
    """How many events the replay applies: the first `events_upto`, else those up to `moment`."""
    if events_upto is not None:
        return max(0, min(events_upto, len(session.events)))
    return next((number for number, event in enumerate(session.events) if event.at > moment), len(session.events))


def state_at(session: Session, moment: datetime, events_upto: int | None = None) -> Session:
    """The session after every event up to `moment` (or the first `events_upto` events)."""
    return replayed_at(session, moment, events_upto).state


@dataclass(frozen=True)
class Replayed:
    state: Session  # the session after the events replayed
    last_event: str  # the last of them in words, naming who or what it was about; "" before any


def replayed_at(session: Session, moment: datetime, events_upto: int | None = None) -> Replayed:
    """The session at `moment` (or after the first `events_upto` events), and its last event in words,
    said from the session as it was just before that event (a step removed is still there to be named)."""
    state = starting_state(session)
    count = _count_upto(session, moment, events_upto)
    last = ""
    for number, event in enumerate(session.events[:count]):
        if number == count - 1:
            last = what_happened(state, event)
        apply_event(state, event)
        state.events.append(event)
    return Replayed(state, last)


def outside_the_session(session: Session, minute: datetime) -> str:
    """'' if the session was under way at some time in `minute` (a time typed as 10:45); else a sentence
    saying it is before the start or after the end, with the session's span."""
    start, end = session.started_at, session.last_moment
    finished = session.status == "finished"
    span = f"This session ran from {start:%H:%M} to {end:%H:%M}" + ("." if finished else " so far.")
    if minute + timedelta(minutes=1) <= start:
        return f"{minute:%H:%M} is before the session started. {span}"
    if minute > end:
        return f"{minute:%H:%M} is after the session {'ended' if finished else 'was last changed'}. {span}"
    return ""
