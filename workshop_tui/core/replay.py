"""Replay: the session as it stood at any moment, rebuilt from its events by the same rules."""

from datetime import datetime

from workshop_tui.core.event_kinds import apply_event
from workshop_tui.core.session_engine import first_state, start_of
from workshop_tui.model import Session


def starting_state(session: Session) -> Session:
    """The session as it was created: the plan's steps, nobody on the roster, nothing recorded."""
    return first_state(start_of(session))


def state_at(session: Session, moment: datetime, events_upto: int | None = None) -> Session:
    """The session after every event up to `moment` (or the first `events_upto` events)."""
    state = starting_state(session)
    for number, event in enumerate(session.events):
        if events_upto is not None and number >= events_upto:
            break
        if events_upto is None and event.at > moment:
            break
        apply_event(state, event)
        state.events.append(event)
    return state
