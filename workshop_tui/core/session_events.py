"""How each event changes a session. The live screen and replay both go through here."""

from collections.abc import Callable

from workshop_tui.core.record_events import RECORD_EVENTS
from workshop_tui.model import Event, Note, Session, SessionStep


def step_index(session: Session, step_id: str) -> int:
    for index, step in enumerate(session.steps):
        if step.id == step_id:
            return index
    raise KeyError(f"no step with id {step_id!r}")


def _bank(step: SessionStep, at) -> None:
    """Fold the running time into elapsed_seconds and stop the step's clock."""
    if step.running_since is not None:
        step.elapsed_seconds += max(0.0, (at - step.running_since).total_seconds())
        step.running_since = None


def _run(step: SessionStep, at) -> None:
    step.running_since = at
    if step.started_at is None:
        step.started_at = at


def _timer_start(session: Session, event: Event) -> None:
    _run(session.steps[session.current_step], event.at)
    session.status = "running"


def _timer_pause(session: Session, event: Event) -> None:
    _bank(session.steps[session.current_step], event.at)
    session.status = "paused"


def _go_to_step(session: Session, event: Event) -> None:
    leaving = session.steps[session.current_step]
    was_running = leaving.running_since is not None
    _bank(leaving, event.at)
    if leaving.started_at is not None:
        leaving.ended_at = event.at
    session.current_step = step_index(session, str(event.details["to"]))
    if was_running:
        _run(session.steps[session.current_step], event.at)


def _extend(session: Session, event: Event) -> None:
    step = session.steps[step_index(session, str(event.details["step"]))]
    step.added_minutes += int(event.details["minutes"])


def _finish(session: Session, event: Event) -> None:
    step = session.steps[session.current_step]
    _bank(step, event.at)
    if step.started_at is not None:
        step.ended_at = event.at
    session.status = "finished"
    session.ended_at = event.at


def _insert(session: Session, event: Event) -> None:
    details = event.details
    after = step_index(session, str(details["after"]))
    session.steps.insert(
        after + 1,
        SessionStep(
            id=str(details["step"]),
            title=str(details["title"]),
            kind=str(details.get("kind", "activity")),
            planned_minutes=int(details["minutes"]),
        ),
    )
    if after < session.current_step:
        session.current_step += 1


def _change(session: Session, event: Event) -> None:
    step = session.steps[step_index(session, str(event.details["step"]))]
    if "title" in event.details:
        step.title = str(event.details["title"])
    if "minutes" in event.details:
        step.planned_minutes = int(event.details["minutes"])
        step.added_minutes = 0


def _skip(session: Session, event: Event) -> None:
    session.steps[step_index(session, str(event.details["step"]))].skipped_at = event.at


def _unskip(session: Session, event: Event) -> None:
    session.steps[step_index(session, str(event.details["step"]))].skipped_at = None


def _remove(session: Session, event: Event) -> None:
    session.steps[step_index(session, str(event.details["step"]))].removed_at = event.at


def _move(session: Session, event: Event) -> None:
    # "past" is the neighbouring step this one moves over, up or down.
    moving = step_index(session, str(event.details["step"]))
    going_down = moving < step_index(session, str(event.details["past"]))
    current_id = session.steps[session.current_step].id
    step = session.steps.pop(moving)
    other = step_index(session, str(event.details["past"]))
    session.steps.insert(other + 1 if going_down else other, step)
    session.current_step = step_index(session, current_id)


def _add_note(session: Session, event: Event) -> None:
    details = event.details
    session.notes.append(
        Note(
            id=str(details["note"]),
            at=event.at,
            step=str(details["step"]),
            kind=str(details["kind"]),
            text=str(details["text"]),
            by=str(details.get("by", "")),
        )
    )


APPLY: dict[str, Callable[[Session, Event], None]] = {
    "session.start": lambda session, event: None,
    "timer.start": _timer_start,
    "timer.pause": _timer_pause,
    "step.next": _go_to_step,
    "step.previous": _go_to_step,
    "step.extend": _extend,
    "session.finish": _finish,
    "agenda.insert": _insert,
    "agenda.change": _change,
    "agenda.skip": _skip,
    "agenda.unskip": _unskip,
    "agenda.remove": _remove,
    "agenda.move": _move,
    "note.add": _add_note,
}


APPLY.update(RECORD_EVENTS)


def apply_event(session: Session, event: Event) -> None:
    """Change `session` as `event` says. Events this version does not know are kept, not applied."""
    handler = APPLY.get(event.kind)
    if handler is not None:
        handler(session, event)
