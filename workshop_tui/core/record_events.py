"""How note, decision, action, people and comment events change a session. Each is registered as a
rule, beside the shape of its kind's details (core/event_details.py)."""

from collections.abc import Mapping
from dataclasses import field
from typing import Protocol, Self, TypeVar

from workshop_tui.core.event_details import LEFT_OUT_WHEN_EMPTY, AsIs, Day, Details, Names, NamesIfSaid
from workshop_tui.core.event_rule import Area, Kind, rule
from workshop_tui.model import Action, Comment, Decision, EarlierSession, Event, Note, NoteEdit, Participant, Session
from workshop_tui.model.event import Detail


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


def _find(items: list[_Item], item_id: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"nothing with id {item_id!r}")


class PersonAdded(Details):
    person: str  # their id
    name: str = ""
    role: str = "older person"
    arrived: bool = True  # False for someone carried over from an earlier session, not yet here


class AboutPerson(Details):
    """Someone arrived or left."""

    person: str


class NoteTaken(Details):
    note: str
    step: str
    kind: str  # idea, question, concern, parking lot ...
    text: str
    by: str = ""  # who said it (@name), a person's id
    also_by: Names = field(default_factory=list, metadata=LEFT_OUT_WHEN_EMPTY)


class NoteChanged(Details):
    note: str
    text: str
    by: str | None = None  # None: the edit did not say who said it, and the note keeps its names
    also_by: NamesIfSaid = None  # said with `by`


class AboutNote(Details):
    """A note removed, brought back, or (a parking-lot point) dealt with."""

    note: str


class DecisionRecorded(Details):
    decision: str  # its id
    # The rest is the decision as it was recorded (step, question, method, counts, outcome ...),
    # checked by model/decision.py's Decision, which has many fields and keeps each key as it is.
    recorded: dict[str, Detail]

    @classmethod
    def read(cls, details: Mapping[str, Detail]) -> Self:
        return cls(
            decision=str(details["decision"]),
            recorded={key: value for key, value in details.items() if key != "decision"},
        )

    def plain(self) -> dict[str, Detail]:
        return {"decision": self.decision, **self.recorded}


class ActionAdded(Details):
    action: str
    step: str = ""
    text: str
    owner: str = ""
    due: Day = None
    from_note: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)


class ActionCarried(Details):
    """An open action carried over from the earlier session this one follows on from."""

    action: str
    from_: str  # its id in the earlier session
    text: str
    owner: str = ""
    due: Day = None


class SessionFollowed(Details):
    file: str  # the earlier session's file
    title: str
    started_at: AsIs  # checked by model/follow_on.py's EarlierSession
    plan: str = ""


class AboutAction(Details):
    """An action done, or opened again."""

    action: str


class CommentAdded(Details):
    comment: str
    on: str  # what it is about
    text: str
    by: str = ""


@rule(Kind.PERSON_ADD, "someone joined the roster", Area.PEOPLE | Area.NOTES, PersonAdded)
def _person_add(session: Session, event: Event, added: PersonAdded) -> None:
    session.participants.append(
        Participant(
            id=added.person,
            name=added.name,
            role=added.role,
            arrived_at=event.at if added.arrived else None,
        )
    )


@rule(Kind.PERSON_ARRIVE, "someone arrived", Area.PEOPLE | Area.NOTES, AboutPerson)
def _person_arrive(session: Session, event: Event, arrived: AboutPerson) -> None:
    person = _find(session.participants, arrived.person)
    if person.arrived_at is None:  # back after leaving keeps the first arrival
        person.arrived_at = event.at
    person.left_at = None


@rule(Kind.PERSON_LEAVE, "someone left", Area.PEOPLE | Area.NOTES, AboutPerson)
def _person_leave(session: Session, event: Event, left: AboutPerson) -> None:
    _find(session.participants, left.person).left_at = event.at


@rule(Kind.NOTE_EDIT, "a note was changed", Area.NOTES, NoteChanged)
def _note_edit(session: Session, event: Event, changed: NoteChanged) -> None:
    note = _find(session.notes, changed.note)
    if changed.text != note.text:
        note.earlier = [*note.earlier, NoteEdit(at=event.at, text=note.text)]
        note.text = changed.text
    if changed.by is not None:  # the edit named who said it (@name)
        note.by = changed.by
        note.also_by = changed.also_by or []


@rule(Kind.NOTE_REMOVE, "a note was removed", Area.NOTES, AboutNote)
def _note_remove(session: Session, event: Event, removed: AboutNote) -> None:
    _find(session.notes, removed.note).removed_at = event.at


@rule(Kind.NOTE_RESTORE, "a note came back", Area.NOTES, AboutNote)
def _note_restore(session: Session, event: Event, back: AboutNote) -> None:
    _find(session.notes, back.note).removed_at = None


@rule(Kind.NOTE_DEALT_WITH, "a parking-lot point was dealt with", Area.NOTES | Area.RECORDS, AboutNote)
def _note_dealt_with(session: Session, event: Event, dealt_with: AboutNote) -> None:
    _find(session.notes, dealt_with.note).dealt_with_at = event.at


@rule(Kind.DECISION_ADD, "a decision was recorded", Area.RECORDS, DecisionRecorded)
def _decision_add(session: Session, event: Event, decided: DecisionRecorded) -> None:
    session.decisions.append(Decision(id=decided.decision, at=event.at, window=event.window, **decided.recorded))


@rule(Kind.ACTION_ADD, "an action was added", Area.RECORDS, ActionAdded)
def _action_add(session: Session, event: Event, added: ActionAdded) -> None:
    session.actions.append(
        Action(
            id=added.action,
            at=event.at,
            text=added.text,
            owner=added.owner,
            due=added.due,
            window=event.window,
            step=added.step,
            from_note=added.from_note,
        )
    )


@rule(Kind.ACTION_CARRY, "an open action was carried over from the earlier session", Area.RECORDS, ActionCarried)
def _action_carry(session: Session, event: Event, carried: ActionCarried) -> None:
    session.actions.append(
        Action(
            id=carried.action,
            at=event.at,
            text=carried.text,
            owner=carried.owner,
            due=carried.due,
            window=event.window,
            carried_from=carried.from_,
        )
    )


@rule(Kind.SESSION_FOLLOW, "this session follows on from an earlier one", Area.ALL, SessionFollowed)
def _session_follow(session: Session, event: Event, follows: SessionFollowed) -> None:
    session.follows = EarlierSession(
        file=follows.file, title=follows.title, started_at=follows.started_at, plan=follows.plan
    )


@rule(Kind.ACTION_DONE, "an action was done", Area.RECORDS, AboutAction)
def _action_done(session: Session, event: Event, done: AboutAction) -> None:
    _find(session.actions, done.action).done_at = event.at


@rule(Kind.ACTION_REOPEN, "an action was opened again", Area.RECORDS, AboutAction)
def _action_reopen(session: Session, event: Event, reopened: AboutAction) -> None:
    _find(session.actions, reopened.action).done_at = None


@rule(Kind.NOTE_ADD, "a note was taken", Area.NOTES | Area.PEOPLE, NoteTaken)
def _note_add(session: Session, event: Event, taken: NoteTaken) -> None:
    session.notes.append(
        Note(
            id=taken.note,
            at=event.at,
            step=taken.step,
            kind=taken.kind,
            text=taken.text,
            by=taken.by,
            also_by=taken.also_by,
            window=event.window,
        )
    )


@rule(Kind.COMMENT_ADD, "a trainer added a comment", Area.COMMENTS, CommentAdded)
def _comment_add(session: Session, event: Event, comment: CommentAdded) -> None:
    session.comments.append(Comment(id=comment.comment, at=event.at, on=comment.on, text=comment.text, by=comment.by))
