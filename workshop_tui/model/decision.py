"""A question the group settled: how, with what counts, the outcome, reasons and dissent."""

from typing import Literal, get_args

from pydantic import AwareDatetime, Field

from workshop_tui.model.schema import Record

DecisionMethod = Literal["consensus", "consent", "majority vote", "fist-of-five", "dot vote"]
DECISION_METHODS: tuple[str, ...] = get_args(DecisionMethod)
DecisionOutcome = Literal["agreed", "not agreed", "deferred"]
DECISION_OUTCOMES: tuple[str, ...] = get_args(DecisionOutcome)


class Decision(Record):
    id: str = Field(min_length=1)
    at: AwareDatetime
    step: str = Field(min_length=1)
    question: str = Field(min_length=1)
    method: DecisionMethod = "consensus"
    votes_for: int | None = Field(default=None, ge=0)
    votes_against: int | None = Field(default=None, ge=0)
    abstentions: int | None = Field(default=None, ge=0)
    objections: int | None = Field(default=None, ge=0)
    # fingers[k] is how many people showed k fingers, k from 0 to 5.
    fingers: list[int] = Field(default=[], max_length=6)
    dots: dict[str, int] = {}
    present: list[str] = Field(default=[], description="participant ids")
    # How many were present, for a session with no names on its roster.
    present_count: int | None = Field(default=None, ge=0)
    outcome: DecisionOutcome = "deferred"
    statement: str = ""
    reasons: str = ""
    dissent: str = ""
    dissent_by: str = Field(default="", description="a participant id; empty means anonymous")
    made_by: Literal["group", "staff"] = "group"
    # What did not add up when it was recorded (counts larger than the room, an outcome its counts
    # do not support), in words. The group decides; the warning is kept with what it decided.
    warnings: list[str] = []
    # The window it was typed in ("note-taker: Bob"), when several windows work on one session.
    window: str = ""
