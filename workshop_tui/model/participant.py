"""A person in the room. Names are optional: a session can be fully anonymous."""

from datetime import datetime
from typing import Literal, get_args

from pydantic import AwareDatetime, Field

from workshop_tui.model.schema import Record

Role = Literal["older person", "volunteer", "staff", "facilitator", "guest"]
ROLES: tuple[str, ...] = get_args(Role)


class Participant(Record):
    id: str = Field(min_length=1)
    name: str = ""
    role: Role = "older person"
    arrived_at: AwareDatetime | None = None
    left_at: AwareDatetime | None = None

    def is_present(self, at: datetime) -> bool:
        arrived = self.arrived_at is None or self.arrived_at <= at
        gone = self.left_at is not None and self.left_at <= at
        return arrived and not gone
