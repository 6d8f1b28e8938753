"""Something someone will do, with an owner and a due date."""

from datetime import date

from pydantic import AwareDatetime, Field

from workshop_tui.model.schema import Record


class Action(Record):
    id: str = Field(min_length=1)
    at: AwareDatetime
    step: str = ""
    text: str = Field(min_length=1)
    owner: str = ""
    due: date | None = None
    done_at: AwareDatetime | None = None
    from_note: str = ""
    # The id this action had in the earlier session it was carried over from (part 1), if any.
    carried_from: str = ""
    # The window it was typed in ("note-taker: Bob"), when several windows work on one session.
    window: str = ""
