"""Which folder holds the sessions (--sessions-dir, then $WORKSHOP_TUI_SESSIONS, then ./sessions), and
which of its files may be sessions.

Apart from store/sessions_folder.py, so the command line knows it without loading the session engine.
"""

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "WORKSHOP_TUI_SESSIONS"
DEFAULT_DIR = "sessions"


def choose_sessions_dir(given: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """--sessions-dir wins, then WORKSHOP_TUI_SESSIONS, then ./sessions."""
    environ = os.environ if environ is None else environ
    return Path(given or environ.get(ENV_VAR) or DEFAULT_DIR)


def session_paths(folder: Path) -> list[Path]:
    """Every name ending in .toml in `folder`, newest name first (damaged or odd ones too)."""
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".toml")]
    except OSError:
        return []
    return [Path(folder) / name for name in sorted(names, reverse=True)]
