"""The current step in readable type: its title, kind, instructions and prompts."""

from typing import Any

from textual.widgets import Static

from workshop_tui.model import SessionStep


def step_text(step: SessionStep) -> str:
    lines = [step.instructions] if step.instructions else []
    if step.prompts:
        lines += ["", "Prompts:"] + [f"  • {prompt}" for prompt in step.prompts]
    return "\n".join(lines) or "No instructions for this step."


class StepCard(Static):
    """Plain text only: nothing typed into a plan is read as markup."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)

    def show(self, step: SessionStep) -> None:
        self.update(step_text(step))
