"""Choose a step to add: one of your own, or a well-known method from the library, ready to use."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.core.wording import plural
from workshop_tui.model.method import LibraryMethod
from workshop_tui.store.method_library import methods

OWN_STEP = "own"  # what the chooser answers for "a step of my own"


def method_timing(method: LibraryMethod) -> str:
    """'10 to 15 minutes', and 'about 1 minute for each person' where it grows with the group."""
    span = f"{method.shortest_minutes} to {method.longest_minutes} minutes"
    if method.minutes_per_person:
        each = method.minutes_per_person
        span += f", about {plural(int(each), 'minute') if each == int(each) else f'{each} minutes'} for each person"
    return span


def method_words(method: LibraryMethod) -> str:
    step = method.step
    lines = [
        step.title,
        "",
        method.purpose,
        "",
        f"Usually {method_timing(method)}. Kind: {step.kind}.",
        "",
        step.instructions,
    ]
    if step.prompts:
        lines += ["", "Questions to ask:"] + [f"- {prompt}" for prompt in step.prompts]
    return "\n".join(lines)


class MethodChooser(ModalScreen[LibraryMethod | str | None]):
    """Answers a LibraryMethod, OWN_STEP, or None when closed with escape."""

    DEFAULT_CSS = """
    MethodChooser {
        align: center middle;
    }
    MethodChooser > Vertical {
        width: 100;
        max-width: 100%;
        height: 90%;
        max-height: 30;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    MethodChooser .question {
        text-style: bold;
        height: auto;
    }
    MethodChooser Horizontal {
        height: 1fr;
    }
    #methods {
        width: 2fr;
        min-width: 24;
        height: 1fr;
    }
    #method-words-box {
        width: 3fr;
        height: 1fr;
        padding: 0 1;
    }
    #method-hint {
        color: $text-muted;
        height: auto;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without adding a step")]

    def __init__(self, heading: str = "Add a step") -> None:
        super().__init__()
        self.heading = heading
        self.methods = methods()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="question", markup=False)
            with Horizontal():
                options = [Option("A step of my own", id=OWN_STEP)]
                options += [Option(method.step.title, id=method.name) for method in self.methods]
                yield OptionList(*options, id="methods", markup=False)
                with VerticalScroll(id="method-words-box"):
                    yield Static("", id="method-words", markup=False)
            yield Static(
                "Up and down choose; Enter adds it, and you can change it first. Escape closes.", id="method-hint"
            )

    def on_mount(self) -> None:
        chooser = self.query_one("#methods", OptionList)
        chooser.highlighted = 0
        chooser.focus()

    @on(OptionList.OptionHighlighted, "#methods")
    def describe(self, event: OptionList.OptionHighlighted) -> None:
        method = self._method(event.option.id)
        words = method_words(method) if method else "A new step: you give it a title, a kind and its minutes."
        self.query_one("#method-words", Static).update(words)

    @on(OptionList.OptionSelected, "#methods")
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._method(event.option.id) or OWN_STEP)

    def _method(self, name: str | None) -> LibraryMethod | None:
        return next((method for method in self.methods if method.name == name), None)

    def action_cancel(self) -> None:
        self.dismiss(None)
