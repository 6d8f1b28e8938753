"""A plan: a reusable agenda of steps."""

import re
import unicodedata
from datetime import time
from typing import Literal, get_args

from pydantic import Field, model_validator

from workshop_tui.model.decision import DecisionMethod
from workshop_tui.model.panel import PanelPlan
from workshop_tui.model.schema import PLAN_FORMAT, Record

# A plan's short name, as the command line takes it and its file is named: plans/NAME.toml.
PLAN_NAME = r"^[a-z0-9][a-z0-9-]*$"
LONGEST_PLAN_NAME = 100


def name_from_title(title: str) -> str:
    """A short name made from a title: "Café morning, York" -> "cafe-morning-york" (letters without
    their accents, digits and dashes), or "plan" when nothing is left."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:LONGEST_PLAN_NAME].strip("-")
    return name or "plan"


StepKind = Literal["activity", "discussion", "break", "decision", "scoring", "presentation"]
STEP_KINDS: tuple[str, ...] = get_args(StepKind)


class Step(Record):
    """One agenda item as planned."""

    title: str = Field(min_length=1, max_length=200)
    kind: StepKind = "activity"
    planned_minutes: int = Field(ge=1, le=600)
    instructions: str = ""
    prompts: list[str] = []
    # How the group decides, for a decision step: the decision form starts with it.
    decides_by: DecisionMethod | None = None


class Plan(Record):
    """A reusable agenda. `name` is the short name used on the command line."""

    schema_version: int = PLAN_FORMAT
    name: str = Field(min_length=1, max_length=LONGEST_PLAN_NAME, pattern=PLAN_NAME)
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    # Each save of a changed plan is a new version; the earlier one is kept (store/plan_files.py).
    version: int = Field(default=1, ge=1)
    # The time slot it usually has, such as 10:00 to 13:15: clock times, agendas and the checks use it.
    starts_at: time | None = None
    ends_by: time | None = None
    # The name of the plan this one follows, such as part 1 of a two-part course.
    follows: str | None = None
    # The fewest people who must be present for a decision to count, if the group set one.
    quorum: int | None = Field(default=None, ge=1)
    # A commissioning panel's plan sets the criteria and the tie-break rule for its rounds.
    panel: PanelPlan | None = None
    steps: list[Step] = Field(min_length=1)

    @property
    def planned_minutes(self) -> int:
        return sum(step.planned_minutes for step in self.steps)

    @property
    def slot_minutes(self) -> int | None:
        """The minutes from `starts_at` to `ends_by`, when the plan has both."""
        if self.starts_at is None or self.ends_by is None:
            return None
        return (self.ends_by.hour * 60 + self.ends_by.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)

    @model_validator(mode="after")
    def _slot_ends_after_it_starts(self) -> "Plan":
        for name, value in (("starts_at", self.starts_at), ("ends_by", self.ends_by)):
            if value is not None and (value.tzinfo is not None or value.second or value.microsecond):
                raise ValueError(f"{name} must be a time of day in hours and minutes, such as 10:00")
        slot = self.slot_minutes
        if slot is not None and slot <= 0:
            raise ValueError("ends_by must be later in the day than starts_at")
        return self
