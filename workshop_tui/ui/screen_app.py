"""The app as its screens know it: what a screen may ask of the app it runs in, beyond Textual's own.

`WorkshopApp` (ui/app.py) is the one app, and is built on this. It is declared apart so that a screen
can name the app's own attributes without importing ui/app.py, which imports the screens: no import
circle, not even one only the type checker sees. A screen that reads them says, as Textual types its
own `app`:

    if TYPE_CHECKING:
        app = getters.app(ScreenApp)
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from workshop_tui.core.clock import Clock
from workshop_tui.model import Plan

if TYPE_CHECKING:
    from workshop_tui.ui.screens.start_session import SessionDetails


class ScreenApp(App[None]):
    sessions_dir: Path  # where this window's sessions, plans and settings are
    clock: Clock

    def start_session(self, plan: Plan, details: "SessionDetails", show: bool = False) -> Screen[Any]:
        """Make a new session of `plan` and a live screen on it; `show` puts the screen up."""
        raise NotImplementedError

    def resume_session(self, path: Path, show: bool = False) -> Screen[Any]:
        """Carry on the session in `path` on a live screen; `show` puts the screen up."""
        raise NotImplementedError

    def share_with_the_team(self) -> None:
        """Share the sessions folder with the team's archive in the background, if it has one."""
        raise NotImplementedError
