"""The workshop-tui Textual app. Settings and the clock are handed in, so tests build it freely."""

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from workshop_tui.core.clock import Clock, SystemClock
from workshop_tui.ui.screens.help import HelpScreen
from workshop_tui.ui.screens.home import HomeScreen


class WorkshopApp(App):
    CSS_PATH = "workshop.tcss"
    TITLE = "workshop-tui"
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, sessions_dir: Path, clock: Clock | None = None):
        super().__init__()
        self.sessions_dir = Path(sessions_dir)
        self.clock = clock or SystemClock()

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
