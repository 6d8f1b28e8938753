"""The live screen's right-hand column: the current step's title, its timer, what comes next and the
step itself in readable type."""

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll

from workshop_tui.core.wording import plural
from workshop_tui.model import SessionStep
from workshop_tui.ui.widgets.line import Line
from workshop_tui.ui.widgets.step_card import StepCard
from workshop_tui.ui.widgets.timer_panel import TimerPanel


def next_step_words(upcoming: SessionStep | None, finished: bool) -> str:
    if finished:
        return ""  # nothing comes next
    if upcoming is None:
        return "Next: this is the last step."
    return f"Next: {upcoming.title} ({plural(upcoming.allowed_minutes, 'minute')})"


class StepColumn(Vertical):
    DEFAULT_CSS = """
    StepColumn {
        width: 1fr;
        padding: 0 1;
    }
    StepColumn #step-title {
        text-style: bold;
        height: auto;
    }
    StepColumn #next-step {
        height: auto;
        margin-top: 1;
        text-style: italic;
    }
    StepColumn #step-details {
        height: 1fr;
        margin-top: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Line(id="step-title")
        yield TimerPanel(id="timer")
        yield Line(id="next-step")
        with VerticalScroll(id="step-details"):
            yield StepCard(id="step-card")

    def show(self, step: SessionStep, upcoming: SessionStep | None, finished: bool) -> None:
        """The step and what comes after it; the timer is drawn each second on its own."""
        self.query_one("#step-title", Line).say(f"{step.title}  ({step.kind})")
        self.query_one("#step-card", StepCard).show(step)
        self.query_one("#next-step", Line).say(next_step_words(upcoming, finished))
