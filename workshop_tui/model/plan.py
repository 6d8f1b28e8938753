"""A plan: a reusable agenda of steps."""

from typing import Literal, get_args

from pydantic import Field

from workshop_tui.model.panel import PanelPlan
from workshop_tui.model.schema import PLAN_FORMAT, Record

StepKind = Literal["activity", "discussion", "break", "decision", "scoring", "presentation"]
STEP_KINDS: tuple[str, ...] = get_args(StepKind)


class Step(Record):
    """One agenda item as planned."""

    title: str = Field(min_length=1, max_length=200)
    kind: StepKind = "activity"
    planned_minutes: int = Field(ge=1, le=600)
    instructions: str = ""
    prompts: list[str] = []


class Plan(Record):
    """A reusable agenda. `name` is the short name used on the command line."""

    schema_version: int = PLAN_FORMAT
    name: str = Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
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
