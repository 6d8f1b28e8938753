"""What the note-taker records: people, notes, decisions and actions, each as events.

A mixin of SessionEngine: it uses the engine's session, current step and _emit.
"""

import re
from datetime import date
from typing import TYPE_CHECKING

from pydantic import ValidationError

from workshop_tui.core.clock import Clock
from workshop_tui.core.event_kinds import Kind
from workshop_tui.model import Decision, Event, Note, Participant, Session, SessionStep
from workshop_tui.model.event import Detail
from workshop_tui.model.note import NOTE_MARKS
from workshop_tui.model.participant import ROLES

_MENTION = re.compile(r"(?:^|\s)@(\S+)")


class NotNow(Exception):
    """A command that cannot be done at the moment; the message says why, plainly."""


def squashed(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def find_person(people: list[Participant], wanted: str) -> Participant:
    """The one person whose name starts with `wanted` (spaces and case ignored), or NotNow."""
    key = squashed(wanted)
    exact = [p for p in people if p.name and squashed(p.name) == key]
    found = exact or [p for p in people if p.name and key and squashed(p.name).startswith(key)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotNow(f"There is nobody called '{wanted}' on the roster. Add them first, or leave out the @.")
    names = ", ".join(p.name for p in found)
    raise NotNow(f"'@{wanted}' could mean {names}. Type more of the name.")


def parse_note(typed: str, people: list[Participant]) -> tuple[str, str, str]:
    """'+ @ann Meet at the library' -> ('idea', 'Meet at the library', ann's id)."""
    text = typed.strip()
    kind = "note"
    if text[:1] in NOTE_MARKS:
        kind, text = NOTE_MARKS[text[0]], text[1:].strip()
    by = ""
    mention = _MENTION.search(text)
    if mention:
        by = find_person(people, mention.group(1)).id
        text = (text[: mention.start()] + " " + text[mention.end():]).strip()
        text = re.sub(r"\s{2,}", " ", text)
    return kind, text, by


class RecordCommands:
    if TYPE_CHECKING:
        # What SessionEngine provides; declared here only so the type checker knows them.
        session: Session
        clock: Clock

        @property
        def current(self) -> SessionStep: ...

        def _emit(self, event_kind: Kind, **details: Detail) -> list[Event]: ...

    # People.

    def add_person(self, name: str, role: str = "older person", arrived: bool = True) -> list[Event]:
        if role not in ROLES:
            raise NotNow(f"'{role}' is not a role. Choose one of: {', '.join(ROLES)}.")
        name = name.strip()
        if name and any(squashed(p.name) == squashed(name) for p in self.session.participants):
            raise NotNow(f"{name} is already on the roster.")
        person_id = f"p{len(self.session.participants) + 1}"
        return self._emit(Kind.PERSON_ADD, person=person_id, name=name, role=role, arrived=arrived)

    def person_arrived(self, person_id: str) -> list[Event]:
        return self._emit(Kind.PERSON_ARRIVE, person=self._person(person_id).id)

    def person_left(self, person_id: str) -> list[Event]:
        person = self._person(person_id)
        if person.left_at is not None:
            raise NotNow(f"{person.name or 'This person'} has already left.")
        if person.arrived_at is None:
            raise NotNow(f"{person.name or 'This person'} has not arrived yet.")
        return self._emit(Kind.PERSON_LEAVE, person=person.id)

    def _person(self, person_id: str) -> Participant:
        for person in self.session.participants:
            if person.id == person_id:
                return person
        raise NotNow("That person is not on the roster.")

    def present_people(self) -> list[Participant]:
        now = self.clock.now()
        return [p for p in self.session.participants if p.is_present(now)]

    # Notes.

    def add_note(self, typed: str) -> list[Event]:
        """A note under the current step. + ? ! > set its kind; @name says who said it."""
        kind, text, by = parse_note(typed, self.session.participants)
        if not text:
            raise NotNow("The note is empty, so there is nothing to save.")
        note_id = f"n{len(self.session.notes) + 1}"
        return self._emit(Kind.NOTE_ADD, note=note_id, step=self.current.id, kind=kind, text=text, by=by)

    def note_by_id(self, note_id: str) -> Note:
        for note in self.session.notes:
            if note.id == note_id:
                return note
        raise NotNow("That note cannot be found.")

    def edit_note(self, note_id: str, text: str) -> list[Event]:
        note = self.note_by_id(note_id)
        text = text.strip()
        if not text:
            raise NotNow("A note cannot be empty. To take it away, remove it instead.")
        if text == note.text:
            return []
        return self._emit(Kind.NOTE_EDIT, note=note.id, text=text)

    def remove_note(self, note_id: str) -> list[Event]:
        note = self.note_by_id(note_id)
        if note.removed_at is not None:
            raise NotNow("That note is already removed.")
        return self._emit(Kind.NOTE_REMOVE, note=note.id)

    def undo_remove(self) -> list[Event]:
        """Bring back the note removed most recently."""
        for event in reversed(self.session.events):
            if event.kind == Kind.NOTE_REMOVE:
                note = self.note_by_id(str(event.details["note"]))
                if note.removed_at is not None:
                    return self._emit(Kind.NOTE_RESTORE, note=note.id)
        raise NotNow("There is no removed note to bring back.")

    def note_dealt_with(self, note_id: str) -> list[Event]:
        note = self.note_by_id(note_id)
        if note.dealt_with_at is not None:
            raise NotNow("That point is already marked dealt with.")
        return self._emit(Kind.NOTE_DEALT_WITH, note=note.id)

    # Decisions.

    def record_decision(self, **fields: Detail | None) -> list[Event]:
        """Record a decision as the room made it. The counts are as typed in; nothing is decided here."""
        decision_id = f"d{len(self.session.decisions) + 1}"
        fields.setdefault("step", self.current.id)
        try:
            Decision(id=decision_id, at=self.clock.now(), **fields)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "the decision"
            raise NotNow(f"The decision's {where} is not right: {first['msg'].lower()}.") from None
        details = {key: value for key, value in fields.items() if value is not None}
        return self._emit(Kind.DECISION_ADD, decision=decision_id, **details)

    # Actions.

    def add_action(self, text: str, owner: str = "", due: date | None = None, from_note: str = "") -> list[Event]:
        text = text.strip()
        if not text:
            raise NotNow("An action needs to say what will be done.")
        action_id = f"a{len(self.session.actions) + 1}"
        details: dict[str, Detail] = {"action": action_id, "step": self.current.id, "text": text, "owner": owner.strip()}
        if due is not None:
            details["due"] = due
        if from_note:
            details["from_note"] = self.note_by_id(from_note).id
        return self._emit(Kind.ACTION_ADD, **details)

    def toggle_action(self, action_id: str) -> list[Event]:
        for action in self.session.actions:
            if action.id == action_id:
                kind = Kind.ACTION_REOPEN if action.done_at is not None else Kind.ACTION_DONE
                return self._emit(kind, action=action.id)
        raise NotNow("That action cannot be found.")
