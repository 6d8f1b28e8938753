"""One timestamped change. The event log is what replay plays back."""

from datetime import date, datetime

from pydantic import AwareDatetime, Field

from workshop_tui.model.schema import Record

# Scalars, plus the lists and counts a decision carries (who was present, fingers, dots).
Detail = bool | int | float | str | datetime | date | list[int] | list[str] | dict[str, int]


class Event(Record):
    at: AwareDatetime
    kind: str = Field(min_length=1, pattern=r"^[a-z]+(\.[a-z_]+)*$")
    details: dict[str, Detail] = {}
    # The window it was typed in, as a role and a name ("note-taker: Bob"); empty in older files.
    window: str = ""
    # The id of the command that made it, so a command sent twice (after a lost reply) is applied once.
    command: str = ""
