"""A plan being written in the editor: its details and steps, changes that can be undone, the checks.

Pure: the editor screen draws a draft and sends it changes; saving is store/plan_files.py's job.
"""

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from pydantic import ValidationError

from workshop_tui.core.plan_checks import PACING, Finding, check_plan
from workshop_tui.model import Plan, Step

UNDO_DEPTH = 100


@dataclass
class PlanDetails:
    """What the plan as a whole says: its names, what it is for, and its usual time slot."""

    name: str
    title: str
    description: str = ""
    starts_at: time | None = None
    ends_by: time | None = None


@dataclass
class PlanDraft:
    """The plan as it stands in the editor. `origin` is the name it was opened under ("" for a new
    plan) and `started_from` its version then (None for a new plan), for the save."""

    details: PlanDetails
    steps: list[Step]
    origin: str = ""
    started_from: int | None = None
    # What the editor does not change, kept as it was: a panel's criteria, follows, the quorum.
    kept: dict[str, Any] = field(default_factory=dict)
    unsaved: bool = False
    name_given: bool = False  # the plan's short name was chosen (`plan edit NAME`), not made from its title
    changes: int = 0  # counts every change and undo, so a save knows whether more came while it ran
    _undo: list[tuple[str, PlanDetails, list[Step]]] = field(default_factory=list)

    @classmethod
    def new(cls) -> "PlanDraft":
        return cls(PlanDetails(name="new-plan", title="New plan"), [])

    @classmethod
    def of(cls, plan: Plan, editing: bool = True) -> "PlanDraft":
        """A draft of `plan`: to change it (`editing`), or as the start of a new plan, a copy."""
        details = PlanDetails(plan.name, plan.title, plan.description, plan.starts_at, plan.ends_by)
        kept = plan.model_dump(include={"follows", "quorum", "panel"}, exclude_none=True)
        if editing:
            return cls(details, list(plan.steps), plan.name, plan.version, kept)
        details.name, details.title = f"{plan.name}-copy"[:100], f"{plan.title} (copy)"[:200]
        return cls(details, list(plan.steps), kept=kept, unsaved=True)

    @property
    def renamed(self) -> bool:
        return bool(self.origin) and self.details.name != self.origin

    @property
    def total_minutes(self) -> int:
        return sum(step.planned_minutes for step in self.steps)

    # Changes: each can be undone.

    def _before(self, what: str) -> None:
        self._undo.append((what, PlanDetails(**vars(self.details)), list(self.steps)))
        del self._undo[:-UNDO_DEPTH]
        self.unsaved = True
        self.changes += 1

    def undo(self) -> str:
        """Undo the last change; returns what it was ("" when there is nothing to undo)."""
        if not self._undo:
            return ""
        what, self.details, self.steps = self._undo.pop()
        self.unsaved = True
        self.changes += 1
        return what

    def add(self, step: Step, after: int) -> int:
        """Add `step` after the step at `after` (-1 for the top); returns where it went."""
        self._before(f"adding '{step.title}'")
        place = max(0, min(after + 1, len(self.steps)))
        self.steps.insert(place, step)
        return place

    def change(self, index: int, step: Step) -> None:
        if step == self.steps[index]:
            return
        self._before(f"changing '{self.steps[index].title}'")
        self.steps[index] = step

    def remove(self, index: int) -> Step:
        self._before(f"removing '{self.steps[index].title}'")
        return self.steps.pop(index)

    def move(self, index: int, direction: int) -> int:
        """Move a step up (-1) or down (+1); returns where it is now (the same place at either end)."""
        other = index + direction
        if not 0 <= other < len(self.steps):
            return index
        self._before(f"moving '{self.steps[index].title}'")
        self.steps[index], self.steps[other] = self.steps[other], self.steps[index]
        return other

    def set_details(self, details: PlanDetails) -> None:
        if details == self.details:
            return
        self._before("changing the plan's details")
        self.details = details

    # What it makes.

    def as_plan(self) -> Plan:
        """The draft as a plan; ValueError saying what is missing when it is not one yet."""
        if not self.steps:
            raise ValueError("A plan needs at least one step.")
        fields = {**vars(self.details), **self.kept, "steps": [step.model_dump() for step in self.steps]}
        if self.started_from is not None:
            fields["version"] = self.started_from
        try:
            return Plan.model_validate(fields)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "the plan"
            raise ValueError(f"The plan's {where} is not right: {first['msg'].lower()}.") from None

    def findings(self) -> list[Finding]:
        """The checks, as the draft stands now."""
        try:
            return check_plan(self.as_plan())
        except ValueError as problem:
            return [
                Finding(
                    "the plan",
                    str(problem).rstrip("."),
                    "A plan needs steps before it can run.",
                    "Add a step of your own, or a method from the library.",
                    PACING,
                )
            ]
