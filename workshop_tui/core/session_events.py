"""How the timer, step and agenda events change a session. Each is registered as a rule."""

from datetime import datetime

from workshop_tui.core.event_rule import Area, Kind, rule
from workshop_tui.model import Event, Session, SessionStep
from workshop_tui.model.event import Detail


def step_index(session: Session, step_id: str) -> int:
    for index, step in enumerate(session.steps):
        if step.id == step_id:
            return index
    raise KeyError(f"no step with id {step_id!r}")


def _whole_number(value: Detail) -> int:
    """A count of minutes from an event's details, as int() reads it (a number or its digits)."""
    if isinstance(value, int | float | str):
        return int(value)
    raise TypeError(f"{value!r} is not a number")


def _words(value: Detail) -> list[str]:
    """A list of words from an event's details: the prompts of a step added from the method library."""
    if isinstance(value, list):
        return [str(item) for item in value]
    raise TypeError(f"{value!r} is not a list of words")


def _bank(step: SessionStep, at: datetime) -> None:
    """Fold the running time into elapsed_seconds and stop the step's clock."""
    if step.running_since is not None:
        step.elapsed_seconds += max(0.0, (at - step.running_since).total_seconds())
        step.running_since = None


def _run(step: SessionStep, at: datetime) -> None:
    step.running_since = at
    if step.started_at is None:
        step.started_at = at


@rule(Kind.TIMER_START, "the timer started", Area.CLOCK | Area.AGENDA)
def _timer_start(session: Session, event: Event) -> None:
    _run(session.steps[session.current_step], event.at)
    session.status = "running"


@rule(Kind.TIMER_PAUSE, "the timer paused", Area.CLOCK | Area.AGENDA, settles=True)
def _timer_pause(session: Session, event: Event) -> None:
    _bank(session.steps[session.current_step], event.at)
    session.status = "paused"


@rule(Kind.STEP_NEXT, "on to the next step", Area.ALL, settles=True)
@rule(Kind.STEP_PREVIOUS, "back to the previous step", Area.ALL, settles=True)
def _go_to_step(session: Session, event: Event) -> None:
    leaving = session.steps[session.current_step]
    was_running = leaving.running_since is not None
    _bank(leaving, event.at)
    if leaving.started_at is not None:
        leaving.ended_at = event.at
    session.current_step = step_index(session, str(event.details["to"]))
    if was_running:
        _run(session.steps[session.current_step], event.at)


@rule(Kind.STEP_EXTEND, "time changed on this step", Area.CLOCK | Area.AGENDA)
def _extend(session: Session, event: Event) -> None:
    step = session.steps[step_index(session, str(event.details["step"]))]
    step.added_minutes += _whole_number(event.details["minutes"])


@rule(Kind.SESSION_FINISH, "the session finished", Area.ALL, settles=True)
def _finish(session: Session, event: Event) -> None:
    step = session.steps[session.current_step]
    _bank(step, event.at)
    if step.started_at is not None:
        step.ended_at = event.at
    session.status = "finished"
    session.ended_at = event.at


@rule(Kind.SESSION_REOPEN, "the finish was taken back", Area.ALL, settles=True)
def _reopen(session: Session, event: Event) -> None:
    # Finished by mistake: the session goes on where it was, with its timer paused.
    step = session.steps[session.current_step]
    if step.ended_at == session.ended_at:
        step.ended_at = None
    session.status = "paused"
    session.ended_at = None


@rule(Kind.SESSION_SHARE, "the facilitator changed what the note-taker may do", Area.ALL)
def _share(session: Session, event: Event) -> None:
    session.note_taker_runs_agenda = bool(event.details["agenda"])


@rule(Kind.SESSION_GUESTS, "the facilitator changed whether guests may join", Area.PEOPLE)
def _guests(session: Session, event: Event) -> None:
    session.guests_allowed = bool(event.details["allowed"])


@rule(
    Kind.SESSION_ROOM_RECORD,
    "the facilitator changed what the projector shows of the group's record",
    Area.NOTES | Area.RECORDS,
)
def _room_record(session: Session, event: Event) -> None:
    session.room_record_on = bool(event.details["on"])
    session.room_names_shown = bool(event.details["names"])


@rule(Kind.SESSION_CODE, "a code to join with was made", Area.PEOPLE)
def _code(session: Session, event: Event) -> None:
    code = event.details.get("code")
    if code:  # an exported copy keeps the event without its code
        session.codes = {**session.codes, str(event.details["holder"]): str(code)}


@rule(Kind.AGENDA_INSERT, "a step was added", Area.CLOCK | Area.AGENDA)
def _insert(session: Session, event: Event) -> None:
    details = event.details
    after = step_index(session, str(details["after"]))
    session.steps.insert(
        after + 1,
        SessionStep(
            id=str(details["step"]),
            title=str(details["title"]),
            kind=str(details.get("kind", "activity")),
            planned_minutes=_whole_number(details["minutes"]),
            instructions=str(details.get("instructions", "")),
            prompts=_words(details.get("prompts", [])),
            decides_by=details.get("decides_by") or None,
        ),
    )
    if after < session.current_step:
        session.current_step += 1


@rule(Kind.AGENDA_CHANGE, "a step was changed", Area.CLOCK | Area.AGENDA)
def _change(session: Session, event: Event) -> None:
    step = session.steps[step_index(session, str(event.details["step"]))]
    if "title" in event.details:
        step.title = str(event.details["title"])
    if "minutes" in event.details:
        step.planned_minutes = _whole_number(event.details["minutes"])
        step.added_minutes = 0


@rule(Kind.AGENDA_SKIP, "a step was skipped", Area.CLOCK | Area.AGENDA)
def _skip(session: Session, event: Event) -> None:
    session.steps[step_index(session, str(event.details["step"]))].skipped_at = event.at


@rule(Kind.AGENDA_UNSKIP, "a skipped step came back", Area.CLOCK | Area.AGENDA)
def _unskip(session: Session, event: Event) -> None:
    session.steps[step_index(session, str(event.details["step"]))].skipped_at = None


@rule(Kind.AGENDA_REMOVE, "a step was removed", Area.CLOCK | Area.AGENDA)
def _remove(session: Session, event: Event) -> None:
    session.steps[step_index(session, str(event.details["step"]))].removed_at = event.at


@rule(Kind.AGENDA_MOVE, "a step was moved", Area.CLOCK | Area.AGENDA)
def _move(session: Session, event: Event) -> None:
    # "past" is the neighbouring step this one moves over, up or down.
    moving = step_index(session, str(event.details["step"]))
    going_down = moving < step_index(session, str(event.details["past"]))
    current_id = session.steps[session.current_step].id
    step = session.steps.pop(moving)
    other = step_index(session, str(event.details["past"]))
    session.steps.insert(other + 1 if going_down else other, step)
    session.current_step = step_index(session, current_id)


@rule(Kind.SESSION_START, "the session was set up", Area.ALL)
def _start(session: Session, event: Event) -> None:
    pass  # the session's first state comes from its plan
