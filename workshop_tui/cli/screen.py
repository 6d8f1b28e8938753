"""Opening the app on a screen. Textual is imported only here, as a screen opens, so the commands
that open none (plans, check, stats, export, share) start fast."""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_tui.cli.usage_problem import UsageProblem
from workshop_tui.store.settings import settings_path

if TYPE_CHECKING:
    from workshop_tui.ui.app import BrowseSessions, EditPlan, OpenedSession, ReviewSession

    Opening = OpenedSession | ReviewSession | BrowseSessions | EditPlan


def check_terminal() -> None:
    """Refuse to start a screen with no terminal to show it in: it would wait for ever, using a core."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return  # a browser window of `serve`: textual-serve gives it its own way to draw
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageProblem(
            "its screens need a terminal, and its input or output is not one (redirected, or run from a script); "
            "run it in a terminal window, or use 'workshop-tui serve' for a web browser"
        )


def open_app(
    sessions_dir: Path, opening: "Opening | None" = None, quiet: bool = False, theme: str | None = None
) -> int:
    """Run the app until it is closed (on the home screen, or on `opening`); its exit status."""
    check_terminal()
    from workshop_tui.ui.app import WorkshopApp

    app = WorkshopApp(
        sessions_dir=sessions_dir, quiet=quiet, opening=opening, theme=theme, settings_file=settings_path()
    )
    app.run()
    # Not zero after a crash (see WorkshopApp._handle_exception), so scripts and people can tell.
    return app.return_code or 0
