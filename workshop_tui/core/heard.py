"""Who has been heard: counts of attributed notes and dissent, per person. Counts only, no judgement."""

from dataclasses import dataclass

from workshop_tui.model import Participant, Session
from workshop_tui.model.participant import person_labels


@dataclass(frozen=True)
class Heard:
    person: Participant
    notes: int
    dissent: int
    label: str  # their name, or their role and a number


def who_has_been_heard(session: Session) -> list[Heard]:
    """Everyone on the roster, in roster order, with their counts."""
    notes: dict[str, int] = {}
    for note in session.notes:
        if note.by and note.removed_at is None:
            notes[note.by] = notes.get(note.by, 0) + 1
    dissent: dict[str, int] = {}
    for decision in session.decisions:
        if decision.dissent_by:
            dissent[decision.dissent_by] = dissent.get(decision.dissent_by, 0) + 1
    labels = person_labels(session.participants)
    return [Heard(p, notes.get(p.id, 0), dissent.get(p.id, 0), labels[p.id]) for p in session.participants]
