"""How the timer, step and agenda events change a session. Each is registered as a rule, beside the
shape of its kind's details (core/event_details.py)."""

from dataclasses import field
from datetime import datetime

from workshop_tui.core.event_details import LEFT_OUT_WHEN_EMPTY, Details, ListOfWords, Minutes, MinutesIfSaid
from workshop_tui.core.event_rule import Area, Kind, rule
from workshop_tui.model import Event, Session, SessionStep


def step_index(session: Session, step_id: str) -> int:
    for index, step in enumerate(session.steps):
        if step.id == step_id:
            return index
    raise KeyError(f"no step with id {step_id!r}")


def _bank(step: SessionStep, at: datetime) -> None:
    """Fold the running time into elapsed_seconds and stop the step's clock."""
    if step.running_since is not None:
        step.elapsed_seconds += max(0.0, (at - step.running_since).total_seconds())
        step.running_since = None


def _run(step: SessionStep, at: datetime) -> None:
    step.running_since = at
    if step.started_at is None:
        step.started_at = at


class SessionSetUp(Details):
    plan: str = ""  # the plan's name


class StepOnShow(Details):
    """The step on show when the timer started or paused, or the session finished or was reopened."""

    step: str = ""


class StepChanged(Details):
    """On to the next step, or back to the previous one."""

    from_: str = ""
    to: str


class StepExtended(Details):
    step: str
    minutes: Minutes  # more, or fewer when less than nothing


class SharingChanged(Details):
    agenda: bool  # the note-taker may run the agenda and the roster


class GuestsChanged(Details):
    allowed: bool


class RoomRecordChanged(Details):
    on: bool
    names: bool  # people's names shown with what they said


class CodeMade(Details):
    # A person's id, or the co-chair's. Needed only with a code: an event with neither is passed over,
    # as it always was (an exported copy keeps the event without its code).
    holder: str = ""
    code: str = ""


class StepAdded(Details):
    after: str  # the step it comes after
    step: str
    title: str
    kind: str = "activity"
    minutes: Minutes
    # Only what the step has, so an ordinary added step's event stays short.
    instructions: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)
    prompts: ListOfWords = field(default_factory=list, metadata=LEFT_OUT_WHEN_EMPTY)
    decides_by: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)
    method: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)  # the method from the library it was added from


class StepEdited(Details):
    step: str
    title: str | None = None  # None: the title stays
    minutes: MinutesIfSaid = None  # None: the minutes stay


class AboutStep(Details):
    """A step skipped, brought back or removed."""

    step: str


class StepMoved(Details):
    step: str
    past: str  # the neighbouring step this one moves over, up or down


@rule(Kind.TIMER_START, "the timer started", Area.CLOCK | Area.AGENDA, StepOnShow)
def _timer_start(session: Session, event: Event, _on: StepOnShow) -> None:
    _run(session.steps[session.current_step], event.at)
    session.status = "running"


@rule(Kind.TIMER_PAUSE, "the timer paused", Area.CLOCK | Area.AGENDA, StepOnShow, settles=True)
def _timer_pause(session: Session, event: Event, _on: StepOnShow) -> None:
    _bank(session.steps[session.current_step], event.at)
    session.status = "paused"


@rule(Kind.STEP_NEXT, "on to the next step", Area.ALL, StepChanged, settles=True)
@rule(Kind.STEP_PREVIOUS, "back to the previous step", Area.ALL, StepChanged, settles=True)
def _go_to_step(session: Session, event: Event, change: StepChanged) -> None:
    leaving = session.steps[session.current_step]
    was_running = leaving.running_since is not None
    _bank(leaving, event.at)
    if leaving.started_at is not None:
        leaving.ended_at = event.at
    session.current_step = step_index(session, change.to)
    if was_running:
        _run(session.steps[session.current_step], event.at)


@rule(Kind.STEP_EXTEND, "time changed on this step", Area.CLOCK | Area.AGENDA, StepExtended)
def _extend(session: Session, event: Event, extended: StepExtended) -> None:
    step = session.steps[step_index(session, extended.step)]
    step.added_minutes += extended.minutes


@rule(Kind.SESSION_FINISH, "the session finished", Area.ALL, StepOnShow, settles=True)
def _finish(session: Session, event: Event, _on: StepOnShow) -> None:
    step = session.steps[session.current_step]
    _bank(step, event.at)
    if step.started_at is not None:
        step.ended_at = event.at
    session.status = "finished"
    session.ended_at = event.at


@rule(Kind.SESSION_REOPEN, "the finish was taken back", Area.ALL, StepOnShow, settles=True)
def _reopen(session: Session, event: Event, _on: StepOnShow) -> None:
    # Finished by mistake: the session goes on where it was, with its timer paused.
    step = session.steps[session.current_step]
    if step.ended_at == session.ended_at:
        step.ended_at = None
    session.status = "paused"
    session.ended_at = None


@rule(Kind.SESSION_SHARE, "the facilitator changed what the note-taker may do", Area.ALL, SharingChanged)
def _share(session: Session, event: Event, sharing: SharingChanged) -> None:
    session.note_taker_runs_agenda = sharing.agenda


@rule(Kind.SESSION_GUESTS, "the facilitator changed whether guests may join", Area.PEOPLE, GuestsChanged)
def _guests(session: Session, event: Event, guests: GuestsChanged) -> None:
    session.guests_allowed = guests.allowed


@rule(
    Kind.SESSION_ROOM_RECORD,
    "the facilitator changed what the projector shows of the group's record",
    Area.NOTES | Area.RECORDS,
    RoomRecordChanged,
)
def _room_record(session: Session, event: Event, room: RoomRecordChanged) -> None:
    session.room_record_on = room.on
    session.room_names_shown = room.names


@rule(Kind.SESSION_CODE, "a code to join with was made", Area.PEOPLE, CodeMade)
def _code(session: Session, event: Event, made: CodeMade) -> None:
    if made.code:  # an exported copy keeps the event without its code
        if not made.holder:
            raise KeyError("holder")  # a code for nobody: the event is refused, naming what it lacks
        session.codes = {**session.codes, made.holder: made.code}


@rule(Kind.AGENDA_INSERT, "a step was added", Area.CLOCK | Area.AGENDA, StepAdded)
def _insert(session: Session, event: Event, added: StepAdded) -> None:
    after = step_index(session, added.after)
    session.steps.insert(
        after + 1,
        SessionStep(
            id=added.step,
            title=added.title,
            kind=added.kind,
            planned_minutes=added.minutes,
            instructions=added.instructions,
            prompts=added.prompts,
            decides_by=added.decides_by or None,
        ),
    )
    if after < session.current_step:
        session.current_step += 1


@rule(Kind.AGENDA_CHANGE, "a step was changed", Area.CLOCK | Area.AGENDA, StepEdited)
def _change(session: Session, event: Event, edited: StepEdited) -> None:
    step = session.steps[step_index(session, edited.step)]
    if edited.title is not None:
        step.title = edited.title
    if edited.minutes is not None:
        step.planned_minutes = edited.minutes
        step.added_minutes = 0


@rule(Kind.AGENDA_SKIP, "a step was skipped", Area.CLOCK | Area.AGENDA, AboutStep)
def _skip(session: Session, event: Event, skipped: AboutStep) -> None:
    session.steps[step_index(session, skipped.step)].skipped_at = event.at


@rule(Kind.AGENDA_UNSKIP, "a skipped step came back", Area.CLOCK | Area.AGENDA, AboutStep)
def _unskip(session: Session, event: Event, back: AboutStep) -> None:
    session.steps[step_index(session, back.step)].skipped_at = None


@rule(Kind.AGENDA_REMOVE, "a step was removed", Area.CLOCK | Area.AGENDA, AboutStep)
def _remove(session: Session, event: Event, removed: AboutStep) -> None:
    session.steps[step_index(session, removed.step)].removed_at = event.at


@rule(Kind.AGENDA_MOVE, "a step was moved", Area.CLOCK | Area.AGENDA, StepMoved)
def _move(session: Session, event: Event, moved: StepMoved) -> None:
    moving = step_index(session, moved.step)
    going_down = moving < step_index(session, moved.past)
    current_id = session.steps[session.current_step].id
    step = session.steps.pop(moving)
    other = step_index(session, moved.past)
    session.steps.insert(other + 1 if going_down else other, step)
    session.current_step = step_index(session, current_id)


@rule(Kind.SESSION_START, "the session was set up", Area.ALL, SessionSetUp)
def _start(session: Session, event: Event, _set_up: SessionSetUp) -> None:
    pass  # the session's first state comes from its plan
