"""A facilitation method: a well-known way of running a step, ready to put into a plan."""

from pydantic import Field, model_validator

from workshop_tui.model.plan import Step
from workshop_tui.model.schema import Record


class LibraryMethod(Record):
    """`step` is what goes into the plan; the minutes say the usual range for a group."""

    name: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")
    purpose: str = Field(min_length=1, max_length=300)  # what it is for, in a few words
    shortest_minutes: int = Field(ge=1, le=600)
    longest_minutes: int = Field(ge=1, le=600)
    # Minutes for each person, where the time grows with the group (a check-in round).
    minutes_per_person: float = Field(default=0, ge=0, le=10)
    step: Step

    @model_validator(mode="after")
    def _step_within_its_range(self) -> "LibraryMethod":
        if self.shortest_minutes > self.longest_minutes:
            raise ValueError("the shortest time is longer than the longest")
        if not self.shortest_minutes <= self.step.planned_minutes <= self.longest_minutes:
            raise ValueError(
                f"the step's {self.step.planned_minutes} minutes are outside {self.shortest_minutes} to {self.longest_minutes}"
            )
        return self

    def minutes_for(self, people: int) -> int:
        """The minutes to plan for a group of this size: per person where it grows, else the step's own."""
        if not self.minutes_per_person:
            return self.step.planned_minutes
        wanted = round(self.minutes_per_person * people) + 2  # and a little to start and close
        return max(self.shortest_minutes, min(self.longest_minutes, wanted))
