"""How note, decision, action, people and comment events change a session. Each is registered as a rule."""

from datetime import date
from typing import Protocol, TypeVar

from workshop_tui.core.event_rule import Area, Kind, rule
from workshop_tui.model import Action, Comment, Decision, EarlierSession, Event, Note, NoteEdit, Participant, Session


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


def _find(items: list[_Item], item_id: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"nothing with id {item_id!r}")


@rule(Kind.PERSON_ADD, "someone joined the roster", Area.PEOPLE | Area.NOTES)
def _person_add(session: Session, event: Event) -> None:
    d = event.details
    session.participants.append(
        Participant(
            id=str(d["person"]),
            name=str(d.get("name", "")),
            role=str(d.get("role", "older person")),
            arrived_at=event.at if d.get("arrived", True) else None,
        )
    )


@rule(Kind.PERSON_ARRIVE, "someone arrived", Area.PEOPLE | Area.NOTES)
def _person_arrive(session: Session, event: Event) -> None:
    person = _find(session.participants, str(event.details["person"]))
    if person.arrived_at is None:  # back after leaving keeps the first arrival
        person.arrived_at = event.at
    person.left_at = None


@rule(Kind.PERSON_LEAVE, "someone left", Area.PEOPLE | Area.NOTES)
def _person_leave(session: Session, event: Event) -> None:
    _find(session.participants, str(event.details["person"])).left_at = event.at


@rule(Kind.NOTE_EDIT, "a note was changed", Area.NOTES)
def _note_edit(session: Session, event: Event) -> None:
    note = _find(session.notes, str(event.details["note"]))
    text = str(event.details["text"])
    if text != note.text:
        note.earlier = [*note.earlier, NoteEdit(at=event.at, text=note.text)]
        note.text = text
    if "by" in event.details:  # the edit named who said it (@name)
        note.by = str(event.details["by"])
        also = event.details.get("also_by", [])
        note.also_by = [str(p) for p in also] if isinstance(also, list) else []


@rule(Kind.NOTE_REMOVE, "a note was removed", Area.NOTES)
def _note_remove(session: Session, event: Event) -> None:
    _find(session.notes, str(event.details["note"])).removed_at = event.at


@rule(Kind.NOTE_RESTORE, "a note came back", Area.NOTES)
def _note_restore(session: Session, event: Event) -> None:
    _find(session.notes, str(event.details["note"])).removed_at = None


@rule(Kind.NOTE_DEALT_WITH, "a parking-lot point was dealt with", Area.NOTES | Area.RECORDS)
def _note_dealt_with(session: Session, event: Event) -> None:
    _find(session.notes, str(event.details["note"])).dealt_with_at = event.at


@rule(Kind.DECISION_ADD, "a decision was recorded", Area.RECORDS)
def _decision_add(session: Session, event: Event) -> None:
    fields = {key: value for key, value in event.details.items() if key != "decision"}
    session.decisions.append(Decision(id=str(event.details["decision"]), at=event.at, window=event.window, **fields))


def _action_of(event: Event, **more: str) -> Action:
    """The action an add or a carry event makes: what, who, by when, and the window it came from."""
    d = event.details
    due = d.get("due")
    return Action(
        id=str(d["action"]),
        at=event.at,
        text=str(d["text"]),
        owner=str(d.get("owner", "")),
        due=due if isinstance(due, date) else None,
        window=event.window,
        **more,
    )


@rule(Kind.ACTION_ADD, "an action was added", Area.RECORDS)
def _action_add(session: Session, event: Event) -> None:
    d = event.details
    session.actions.append(_action_of(event, step=str(d.get("step", "")), from_note=str(d.get("from_note", ""))))


@rule(Kind.ACTION_CARRY, "an open action was carried over from the earlier session", Area.RECORDS)
def _action_carry(session: Session, event: Event) -> None:
    session.actions.append(_action_of(event, carried_from=str(event.details["from"])))


@rule(Kind.SESSION_FOLLOW, "this session follows on from an earlier one", Area.ALL)
def _session_follow(session: Session, event: Event) -> None:
    d = event.details
    session.follows = EarlierSession(
        file=str(d["file"]), title=str(d["title"]), started_at=d["started_at"], plan=str(d.get("plan", ""))
    )


@rule(Kind.ACTION_DONE, "an action was done", Area.RECORDS)
def _action_done(session: Session, event: Event) -> None:
    _find(session.actions, str(event.details["action"])).done_at = event.at


@rule(Kind.ACTION_REOPEN, "an action was opened again", Area.RECORDS)
def _action_reopen(session: Session, event: Event) -> None:
    _find(session.actions, str(event.details["action"])).done_at = None


@rule(Kind.NOTE_ADD, "a note was taken", Area.NOTES | Area.PEOPLE)
def _note_add(session: Session, event: Event) -> None:
    d = event.details
    session.notes.append(
        Note(
            id=str(d["note"]),
            at=event.at,
            step=str(d["step"]),
            kind=str(d["kind"]),
            text=str(d["text"]),
            by=str(d.get("by", "")),
            also_by=[str(p) for p in also] if isinstance(also := d.get("also_by", []), list) else [],
            window=event.window,
        )
    )


@rule(Kind.COMMENT_ADD, "a trainer added a comment", Area.COMMENTS)
def _comment_add(session: Session, event: Event) -> None:
    d = event.details
    session.comments.append(
        Comment(id=str(d["comment"]), at=event.at, on=str(d["on"]), text=str(d["text"]), by=str(d.get("by", "")))
    )
