"""A person in the room. Names are optional: a session can be fully anonymous."""

from collections.abc import Iterable
from datetime import datetime
from typing import Literal, get_args

from pydantic import AwareDatetime, Field

from workshop_tui.model.panel import SCORING_ROLES
from workshop_tui.model.schema import Record

PersonRole = Literal["older person", "volunteer", "staff", "facilitator", "guest"]
PERSON_ROLES: tuple[str, ...] = get_args(PersonRole)


class Participant(Record):
    id: str = Field(min_length=1)
    name: str = ""
    role: PersonRole = "older person"
    arrived_at: AwareDatetime | None = None
    left_at: AwareDatetime | None = None

    def is_present(self, at: datetime) -> bool:
        """In the room at `at`: arrived by then and not gone. Someone not arrived yet is not present."""
        arrived = self.arrived_at is not None and self.arrived_at <= at
        gone = self.left_at is not None and self.left_at <= at
        return arrived and not gone

    @property
    def here(self) -> bool:
        """In the room now, as the roster says: arrived and not gone since."""
        return self.arrived_at is not None and self.left_at is None


# What a commissioning panel's scoring members are called when unnamed or anonymised ("Panel member 3").
PANEL_MEMBER = "Panel member"


def person_labels(roster: Iterable[Participant], anonymise: bool = False, panel: bool = False) -> dict[str, str]:
    """Each person's id -> what they are called: their name, or, when unnamed or anonymised, their role
    and a number within that role ("Older person 2"), the same number either way.

    With `panel` (a session with a commissioning round), the people who score are numbered together,
    in roster order, as "Panel member 3"; staff and the others keep their role ("Staff 1")."""
    counts: dict[str, int] = {}
    labels = {}
    for person in roster:
        kind = PANEL_MEMBER if panel and person.role in SCORING_ROLES else person.role.capitalize()
        counts[kind] = counts.get(kind, 0) + 1
        name = person.name.strip()
        labels[person.id] = name if name and not anonymise else f"{kind} {counts[kind]}"
    return labels


def person_label(person_id: str, roster: Iterable[Participant], anonymise: bool = False, panel: bool = False) -> str:
    """What the person with this id is called: 'anonymous' if no one is named, 'someone' if not on the roster."""
    if not person_id:
        return "anonymous"
    return person_labels(roster, anonymise, panel).get(person_id, "someone")
