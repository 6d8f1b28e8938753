"""Who has been heard: counts of attributed notes and dissent, per person. Counts only, no judgement."""

from collections.abc import Iterable
from dataclasses import dataclass

from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.record_events import NoteTaken
from workshop_tui.model import Event, Participant, Session
from workshop_tui.model.participant import person_labels


@dataclass(frozen=True)
class Heard:
    person: Participant
    notes: int
    dissent: int
    label: str  # their name, or their role and a number

    @property
    def there(self) -> str:
        """Whether they were there to be heard: never came is not the same as said nothing."""
        if self.person.arrived_at is None:
            return "never came"
        if self.person.left_at is not None:
            return f"left at {self.person.left_at:%H:%M}"
        return "there"


def who_has_been_heard(session: Session) -> list[Heard]:
    """Everyone on the roster, in roster order, with their counts."""
    notes: dict[str, int] = {}
    for note in session.notes:
        if note.removed_at is None:
            for person in note.speakers:
                notes[person] = notes.get(person, 0) + 1
    dissent: dict[str, int] = {}
    for decision in session.decisions:
        if decision.dissent_by:
            dissent[decision.dissent_by] = dissent.get(decision.dissent_by, 0) + 1
    labels = person_labels(session.participants)
    return [Heard(p, notes.get(p.id, 0), dissent.get(p.id, 0), labels[p.id]) for p in session.participants]


class NotesByPerson:
    """How many notes each person has, kept as a running total as notes are taken.

    The live screen asks after every note who has not been heard yet; recounting thousands of
    notes on every key press would grow with the session. A new note adds one; anything rarer
    (a note removed or brought back, a note changed) counts again from the start.
    """

    def __init__(self, session: Session):
        self.counts: dict[str, int] = {}
        self.recount(session)

    def recount(self, session: Session) -> None:
        self.counts = {}
        for note in session.notes:
            if note.removed_at is None:
                for person in note.speakers:
                    self.counts[person] = self.counts.get(person, 0) + 1

    def update(self, session: Session, events: Iterable[Event]) -> None:
        for event in events:
            if event.kind == Kind.NOTE_ADD:
                note = NoteTaken.of(event)
                for person in [note.by, *note.also_by] if note.by else []:
                    self.counts[person] = self.counts.get(person, 0) + 1
            elif event.kind in (Kind.NOTE_EDIT, Kind.NOTE_REMOVE, Kind.NOTE_RESTORE):
                self.recount(session)
                return

    def not_heard_yet(self, session: Session) -> list[str]:
        """The labels of people in the room now (arrived, not gone) who have no note yet."""
        labels = person_labels(session.participants)
        return [labels[p.id] for p in session.participants if not self.counts.get(p.id) and p.here]
