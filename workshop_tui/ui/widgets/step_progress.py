"""A plain progress bar for the step. Textual's ProgressBar wakes every second on its own;
this one only redraws when the filled part actually grows."""

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StepProgress(Widget):
    DEFAULT_CSS = """
    StepProgress {
        height: 1;
    }
    """

    fraction: reactive[float] = reactive(0.0)

    def set_fraction(self, fraction: float) -> None:
        # Only a change a person could see (one more cell filled) triggers a redraw.
        width = max(1, self.size.width)
        if round(fraction * width) != round(self.fraction * width):
            self.fraction = fraction

    def render(self) -> Text:
        width = self.size.width
        filled = round(max(0.0, min(1.0, self.fraction)) * width)
        bar = Text("━" * filled, style="bold")
        bar.append("╌" * (width - filled))  # told apart by its shape, never dimmed (contrast)
        return bar
