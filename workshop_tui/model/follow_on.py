"""The earlier session a session follows on from, such as part 1 of a two-part course."""

from pydantic import AwareDatetime, Field

from workshop_tui.model.schema import Record


class EarlierSession(Record):
    # The earlier session's file: its name when it is in the same folder, else its path.
    file: str = Field(min_length=1)
    title: str = Field(min_length=1)
    started_at: AwareDatetime
    plan: str = ""  # the earlier session's plan name
