"""What this window may do, for the screens: core/roles.py's table, read with the app's role and
whether the window is in a web browser (`serve` starts it with --in-browser)."""

from typing import Any

from textual.app import App

from workshop_tui.core.roles import may, refusal

# Read with getattr: a screen tried on its own in a test's bare App is a facilitator's terminal window.


def is_in_browser(app: App[Any]) -> bool:
    return bool(getattr(app, "in_browser", False))


def window_may(app: App[Any], what: str) -> bool:
    """True when this app's window may do `what` (a command's name, or "import" or "export")."""
    return may(getattr(app, "window_role", "facilitator"), what, is_in_browser(app))


def window_refusal(app: App[Any], what: str) -> str:
    """The sentence this window hears when it may not do `what`."""
    return refusal(getattr(app, "window_role", "facilitator"), what, is_in_browser(app))
