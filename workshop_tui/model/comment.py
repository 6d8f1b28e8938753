"""A trainer's comment on a step or a decision, added while reviewing. It never changes the record."""

from pydantic import AwareDatetime, Field

from workshop_tui.model.schema import Record


class Comment(Record):
    id: str = Field(min_length=1)
    at: AwareDatetime
    on: str = Field(min_length=1, description="the id of a step (s3) or a decision (d1)")
    text: str = Field(min_length=1)
    by: str = ""
