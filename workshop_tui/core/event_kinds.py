"""Every kind of event, named once: how it changes a session, its words, and what it redraws.

A kind is a member of `Kind`. The rule for each kind is registered beside the code that applies
it (session_events.py, record_events.py, panel_events.py) with `@rule(...)`. Applying and the live
screen's redraws are read from `RULES`; the replay names who or what each event was about with
core/event_words.py, which keeps a rule's words for a kind with nothing to name.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Flag, StrEnum, auto

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


@dataclass(frozen=True)
class EventRule:
    kind: Kind
    apply: Apply
    words: str  # the kind with nothing named: "a note was taken" (the replay's words: core/event_words.py)
    redraws: Area
    # A natural moment to rewrite the whole file (see store/session_file.py).
    settles: bool = False


RULES: dict[str, EventRule] = {}


def rule(kind: Kind, words: str, redraws: Area, settles: bool = False) -> Callable[[Apply], Apply]:
    """Register how `kind` changes a session; used as a decorator on the function that does it."""

    def register(apply: Apply) -> Apply:
        if kind in RULES:
            raise RuntimeError(f"two rules for the event kind {kind}")
        RULES[kind] = EventRule(kind, apply, words, redraws, settles)
        return apply

    return register


def rule_of(kind: str) -> EventRule | None:
    """The rule for `kind`, or None for a kind this version does not know (it is kept, not applied)."""
    _load_rules()
    return RULES.get(kind)


def apply_event(session: Session, event: Event) -> None:
    """Change `session` as `event` says. Events this version does not know are kept, not applied."""
    found = rule_of(event.kind)
    if found is not None:
        found.apply(session, event)


def event_words(kind: str) -> str:
    found = rule_of(kind)
    return found.words if found else kind


def redraws(events: Iterable[Event]) -> Area:
    """Everything that `events` may have changed on screen."""
    area = Area.NOTHING
    for event in events:
        found = rule_of(event.kind)
        area |= found.redraws if found else Area.ALL
    return area


def settles(events: Iterable[Event]) -> bool:
    return any((found := rule_of(event.kind)) is not None and found.settles for event in events)


def _load_rules() -> None:
    # The rules live beside the code that applies them; importing those modules registers them.
    if len(RULES) < len(Kind):
        from workshop_tui.core import panel_events, record_events, session_events  # noqa: F401
