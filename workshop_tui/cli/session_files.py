"""The session engine, for the commands that open a session. It is loaded only when one of them
runs: plans, check and stats never load it, so they answer quickly."""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop_tui.model import Session
    from workshop_tui.store.sessions_folder import SessionsFolder


def sessions_folder(path: Path) -> "SessionsFolder":
    from workshop_tui.store.sessions_folder import SessionsFolder

    return SessionsFolder(path)


def load_session(path: Path) -> "Session":
    from workshop_tui.store.session_file import load_session

    return load_session(path)


def read_session(path: Path) -> "Session":
    """For looking at (review, export): a session running in a window is measured up to now."""
    from datetime import datetime

    from workshop_tui.store.session_file import load_session_now

    return load_session_now(path, datetime.now().astimezone())
