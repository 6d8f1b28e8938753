"""One timestamped change. The event log is what replay plays back."""

from datetime import datetime

from pydantic import AwareDatetime, Field

from workshop_tui.model.schema import Record

Detail = bool | int | float | str | datetime


class Event(Record):
    at: AwareDatetime
    kind: str = Field(min_length=1, pattern=r"^[a-z]+(\.[a-z_]+)*$")
    details: dict[str, Detail] = {}
