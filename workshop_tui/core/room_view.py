"""What the room sees on the projector: the step, its questions, the time in words and, when the
facilitator turns it on, the group's record of this step as it is typed.

Everything here is said for people at the back of a room: whole minutes in plain English, never a
key or a technical word. While names are not shown (the default) no one's name appears in any form
(whole, first or last name alone, any case): names in the text become the person's role ("Older
person 2"), and who said or does something is left out.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from workshop_tui.core.countdown import Countdown
from workshop_tui.core.name_forms import NameFinder, name_parts, names_to_roles
from workshop_tui.core.session_engine import countdown_of, is_on_agenda
from workshop_tui.core.wording import plural, whole_minutes
from workshop_tui.model import Session
from workshop_tui.model.note import NOTE_KIND_WORDS
from workshop_tui.model.participant import person_labels


@dataclass(frozen=True)
class RoomRecord:
    kind: str  # "note", "decision" or "action"
    text: str  # as the room may see it (names replaced by roles when names are not shown)
    by: str = ""  # who said it / who does it: "" when names are not shown


@dataclass(frozen=True)
class RoomView:
    session_title: str
    step_title: str
    step_number: int  # 1-based among the steps still on the agenda
    steps: int
    questions: tuple[str, ...]  # the step's prompts
    time_words: str  # "12 minutes left", "Paused: 12 minutes left", "3 minutes over", "Finished" ...
    seconds_left: int | None  # for a big clock (negative when over); None when no timer applies
    paused: bool
    is_break: bool
    back_at: str | None  # "back at 10:45" clock time in a break (moves on while paused), else None
    next_step: str | None
    finished: bool
    record_on: bool
    names_shown: bool
    record: tuple[RoomRecord, ...]  # this step's notes, decisions, actions when record_on, else ()


_OUTCOME_WORDS = {"agreed": "Agreed", "not agreed": "Not agreed", "deferred": "Put off for now"}


def room_view(session: Session, now: datetime) -> RoomView:
    """The projector's view of `session` at `now`."""
    names = session.room_names_shown
    hide, record = _hidden_and_record(session)
    index = session.current_step
    step = session.steps[index]
    on_agenda = [i for i, s in enumerate(session.steps) if is_on_agenda(s)]
    number = sum(1 for i in on_agenda if i <= index) or 1
    upcoming = next((session.steps[i] for i in on_agenda if i > index), None)
    finished = session.status == "finished"
    countdown = countdown_of(step)
    left = countdown.left(now)
    is_break = step.kind == "break" and not finished
    back_at = f"back at {countdown.back_at(now)}" if is_break and left >= 0 else None
    return RoomView(
        session_title=hide(session.title),
        step_title=hide(step.title),
        step_number=number,
        steps=max(len(on_agenda), number),
        questions=tuple(hide(prompt) for prompt in step.prompts if prompt.strip()),
        time_words="Finished" if finished else time_words(countdown, now),
        seconds_left=None if finished else _whole_seconds(left),
        paused=not finished and not countdown.running,
        is_break=is_break,
        back_at=back_at,
        next_step=None if finished or upcoming is None else hide(upcoming.title),
        finished=finished,
        record_on=session.room_record_on,
        names_shown=names,
        record=record,
    )


def time_words(countdown: Countdown, now: datetime) -> str:
    """The time left in whole minutes, as the room is told it: "12 minutes left", "3 minutes over",
    "Paused: 12 minutes left"; "Under a minute left" and "Time is up" where whole minutes say nothing.
    Whole minutes gone by, as the big clock beside them counts: 5:30 left is "5 minutes left", never 6."""
    left = countdown.left(now)
    minutes = int(left / 60)  # towards zero: 5:30 left -> 5, 2:13 over -> -2
    if left >= 0:
        said = f"{plural(minutes, 'minute')} left" if minutes else "Under a minute left"
    else:
        said = f"{plural(-minutes, 'minute')} over" if minutes else "Time is up"
    if countdown.running:
        return said
    if countdown.used(now) <= 0:
        return f"Not started yet: {plural(whole_minutes(countdown.allowed_seconds), 'minute')}"
    return f"Paused: {said[0].lower()}{said[1:]}"


# The projector asks for its view every second; the names and the record change only with an event.
# So the last session's name hider and record are kept, and made again only when an event is added.
_kept: list[tuple[tuple[object, ...], Callable[[str], str], tuple[RoomRecord, ...]]] = []


def _hidden_and_record(session: Session) -> tuple[Callable[[str], str], tuple[RoomRecord, ...]]:
    """The session's name hider (none while names are shown) and this step's record (an ended session
    shows none), as of its last event."""
    last = session.events[-1] if session.events else None
    key: tuple[object, ...] = (id(session), len(session.events), id(last), session.room_names_shown)
    key += (session.room_record_on, session.current_step, session.status)
    if _kept and _kept[0][0] == key:
        return _kept[0][1], _kept[0][2]
    names = session.room_names_shown
    hide = _no_names if names else name_hider(session)
    record = _record(session, hide, names) if session.room_record_on and session.status != "finished" else ()
    _kept[:] = [(key, hide, record)]
    return hide, record


def name_hider(session: Session) -> Callable[[str], str]:
    """Text -> the same text with every form of every roster name (and the facilitator's and the
    note-taker's) replaced by the person's role, as an anonymised export does."""
    names = names_to_roles(session)
    forms = dict(names)
    for part, label in name_parts(names).items():
        forms.setdefault(part, label)
    finder = NameFinder(forms)
    if finder.pattern is None:
        return _no_names

    def hide(text: str) -> str:
        return finder.sub(text, lambda label, _typed: label or "someone")

    return hide


def _no_names(text: str) -> str:
    return text


def _whole_seconds(left: float) -> int:
    # As the big clock shows it: whole seconds round up, so a fresh 10-minute timer shows 10:00.
    whole = int(left)
    return whole + 1 if left > whole else whole


def _record(session: Session, hide: Callable[[str], str], names: bool) -> tuple[RoomRecord, ...]:
    """This step's notes (not removed), decisions and actions, oldest first."""
    step = session.steps[session.current_step].id
    labels = person_labels(session.participants, panel=session.panel is not None)
    found: list[tuple[datetime, RoomRecord]] = []
    for note in session.notes:
        if note.step == step and note.removed_at is None and note.text.strip():
            kind = "" if note.kind == "note" else NOTE_KIND_WORDS[note.kind].capitalize() + ": "
            by = ", ".join(labels.get(p, "") for p in note.speakers if labels.get(p)) if names else ""
            found.append((note.at, RoomRecord("note", hide(kind + note.text), by)))
    for decision in session.decisions:
        if decision.step == step:
            said = decision.statement.strip() or decision.question
            text = f"{_OUTCOME_WORDS.get(decision.outcome, 'Decided')}: {said}"
            found.append((decision.at, RoomRecord("decision", hide(text))))
    for action in session.actions:
        if action.step == step:
            found.append((action.at, RoomRecord("action", hide(action.text), action.owner if names else "")))
    return tuple(record for _, record in sorted(found, key=lambda pair: pair[0]))
