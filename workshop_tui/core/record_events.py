"""How note, decision, action and people events change a session."""

from collections.abc import Callable
from datetime import date

from workshop_tui.model import Action, Decision, Event, NoteEdit, Participant, Session


def _find(items: list, item_id: str):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"nothing with id {item_id!r}")


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


def _person_arrive(session: Session, event: Event) -> None:
    person = _find(session.participants, str(event.details["person"]))
    person.arrived_at, person.left_at = event.at, None


def _person_leave(session: Session, event: Event) -> None:
    _find(session.participants, str(event.details["person"])).left_at = event.at


def _note_edit(session: Session, event: Event) -> None:
    note = _find(session.notes, str(event.details["note"]))
    note.earlier = [*note.earlier, NoteEdit(at=event.at, text=note.text)]
    note.text = str(event.details["text"])


def _note_remove(session: Session, event: Event) -> None:
    _find(session.notes, str(event.details["note"])).removed_at = event.at


def _note_restore(session: Session, event: Event) -> None:
    _find(session.notes, str(event.details["note"])).removed_at = None


def _note_dealt_with(session: Session, event: Event) -> None:
    _find(session.notes, str(event.details["note"])).dealt_with_at = event.at


def _decision_add(session: Session, event: Event) -> None:
    fields = {key: value for key, value in event.details.items() if key != "decision"}
    session.decisions.append(Decision(id=str(event.details["decision"]), at=event.at, **fields))


def _action_add(session: Session, event: Event) -> None:
    d = event.details
    due = d.get("due")
    session.actions.append(
        Action(
            id=str(d["action"]),
            at=event.at,
            step=str(d.get("step", "")),
            text=str(d["text"]),
            owner=str(d.get("owner", "")),
            due=due if isinstance(due, date) else None,
            from_note=str(d.get("from_note", "")),
        )
    )


def _action_done(session: Session, event: Event) -> None:
    _find(session.actions, str(event.details["action"])).done_at = event.at


def _action_reopen(session: Session, event: Event) -> None:
    _find(session.actions, str(event.details["action"])).done_at = None


RECORD_EVENTS: dict[str, Callable[[Session, Event], None]] = {
    "person.add": _person_add,
    "person.arrive": _person_arrive,
    "person.leave": _person_leave,
    "note.edit": _note_edit,
    "note.remove": _note_remove,
    "note.restore": _note_restore,
    "note.dealt_with": _note_dealt_with,
    "decision.add": _decision_add,
    "action.add": _action_add,
    "action.done": _action_done,
    "action.reopen": _action_reopen,
}
