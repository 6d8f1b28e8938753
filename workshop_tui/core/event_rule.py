"""How a kind of event is named (`Kind`), what it redraws (`Area`), and how its rule is written:

    @rule(Kind.NOTE_ADD, "a note was taken", Area.NOTES, NoteTaken)
    def _note_add(session: Session, event: Event, note: NoteTaken) -> None: ...

`NoteTaken` is the shape of the kind's details (core/event_details.py), declared beside the rule;
the rule is given them read into that shape, so it never reads the event's plain dict itself.

The rules are written beside the code that applies them (session_events.py, record_events.py,
panel_events.py), which import this file; core/event_kinds.py imports those three and reads `RULES`."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Flag, StrEnum, auto
from typing import TypeVar, overload

from workshop_tui.core.event_details import Details, NoDetails
from workshop_tui.model import Event, Session


class Kind(StrEnum):
    SESSION_START = "session.start"
    SESSION_FOLLOW = "session.follow"
    TIMER_START = "timer.start"
    TIMER_PAUSE = "timer.pause"
    STEP_NEXT = "step.next"
    STEP_PREVIOUS = "step.previous"
    STEP_EXTEND = "step.extend"
    SESSION_FINISH = "session.finish"
    SESSION_REOPEN = "session.reopen"
    SESSION_SHARE = "session.share"  # the facilitator lets the note-taker run the agenda and roster, or stops
    SESSION_GUESTS = "session.guests"  # the facilitator lets windows join under names not on the roster, or stops
    SESSION_ROOM_RECORD = "session.room_record"  # the group's record on the projector on or off, names shown or not
    SESSION_CODE = "session.code"  # a code that opens a co-chair's or one panel member's window was made
    AGENDA_INSERT = "agenda.insert"
    AGENDA_CHANGE = "agenda.change"
    AGENDA_SKIP = "agenda.skip"
    AGENDA_UNSKIP = "agenda.unskip"
    AGENDA_REMOVE = "agenda.remove"
    AGENDA_MOVE = "agenda.move"
    NOTE_ADD = "note.add"
    NOTE_EDIT = "note.edit"
    NOTE_REMOVE = "note.remove"
    NOTE_RESTORE = "note.restore"
    NOTE_DEALT_WITH = "note.dealt_with"
    DECISION_ADD = "decision.add"
    ACTION_ADD = "action.add"
    ACTION_CARRY = "action.carry"
    ACTION_DONE = "action.done"
    ACTION_REOPEN = "action.reopen"
    PERSON_ADD = "person.add"
    PERSON_ARRIVE = "person.arrive"
    PERSON_LEAVE = "person.leave"
    COMMENT_ADD = "comment.add"
    ROUND_OPEN = "round.open"
    ROUND_POT = "round.pot"
    APPLICATION_ADD = "application.add"
    DECLARATION_ADD = "declaration.add"
    SCORE_ENTER = "score.enter"
    SCORES_REVEAL = "scores.reveal"
    SCORE_CHANGE = "score.change"
    SCORE_AGREE = "score.agree"
    AWARD_MAKE = "award.make"
    ROUND_CARRY = "round.carry"  # the round continues from an earlier sitting: what came over follows it
    APPLICATION_EDIT = "application.edit"
    APPLICATION_WITHDRAW = "application.withdraw"
    APPLICATION_REMOVE = "application.remove"  # added by mistake: gone before anyone scored it
    IMPORT_UNDO = "import.undo"  # every application one import added, before any is scored
    DECLARATION_UNDO = "declaration.undo"  # made in error
    MEMBER_COMMENT = "panel.comment"  # a member's comment on an application (not a trainer's comment.add)
    TIE_ORDER = "tie.order"  # the chair's order for applications the tie-break rule leaves tied


class Area(Flag):
    """The parts of a screen an event can change."""

    NOTHING = 0
    CLOCK = auto()  # the countdown, the status line
    AGENDA = auto()  # the list of steps and the step on show
    NOTES = auto()
    PEOPLE = auto()  # the roster and who has been heard
    RECORDS = auto()  # decisions and actions
    COMMENTS = auto()
    PANEL = auto()  # a commissioning round: applications, declarations, scores, awards
    ALL = CLOCK | AGENDA | NOTES | PEOPLE | RECORDS | COMMENTS | PANEL


Apply = Callable[[Session, Event], None]
_Shape = TypeVar("_Shape", bound=Details)
# A rule as it is written: given its event's details in the kind's shape.
ApplyWith = Callable[[Session, Event, _Shape], None]


@dataclass(frozen=True)
class EventRule:
    kind: Kind
    apply: Apply  # the rule, reading the event's details into `shape` first
    words: str  # the kind with nothing named: "a note was taken" (the replay's words: core/event_words.py)
    redraws: Area
    shape: type[Details] = NoDetails
    # A natural moment to rewrite the whole file (see store/session_file.py).
    settles: bool = False


RULES: dict[str, EventRule] = {}


@overload
def rule(kind: Kind, words: str, redraws: Area, *, settles: bool = False) -> Callable[[Apply], Apply]: ...


@overload
def rule(
    kind: Kind, words: str, redraws: Area, shape: type[_Shape], settles: bool = False
) -> Callable[[ApplyWith[_Shape]], ApplyWith[_Shape]]: ...


def rule(
    kind: Kind, words: str, redraws: Area, shape: type[_Shape] | None = None, settles: bool = False
) -> Callable[[Apply], Apply] | Callable[[ApplyWith[_Shape]], ApplyWith[_Shape]]:
    """Register how `kind` changes a session; used as a decorator on the function that does it.
    The function is given the event's details read into `shape`, the kind's details typed. Every kind
    of this app names one (tests/test_event_details.py); without it, the function is given the
    session and the event only."""

    def register_plain(apply: Apply) -> Apply:
        _register(EventRule(kind, apply, words, redraws, NoDetails, settles))
        return apply

    if shape is None:
        return register_plain
    declared = shape  # not None, for the functions below too

    def register(apply: ApplyWith[_Shape]) -> ApplyWith[_Shape]:
        def apply_with_details(session: Session, event: Event) -> None:
            apply(session, event, declared.read(event.details))

        _register(EventRule(kind, apply_with_details, words, redraws, declared, settles))
        return apply

    return register


def _register(found: EventRule) -> None:
    if found.kind in RULES:
        raise RuntimeError(f"two rules for the event kind {found.kind}")
    RULES[found.kind] = found
