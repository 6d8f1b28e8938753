"""How a session began: what a version 2 file keeps besides its events."""

from pydantic import AwareDatetime, Field

from workshop_tui.model.plan import Plan
from workshop_tui.model.schema import Record


class SessionStart(Record):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1, max_length=200)
    started_at: AwareDatetime
    facilitator: str = ""
    note_taker: str = ""
    plan: Plan
