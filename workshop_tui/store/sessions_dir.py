"""Which folder holds the sessions, and which of its files may be sessions.

The folder is --sessions-dir, then $WORKSHOP_TUI_SESSIONS, then a sessions/ folder where the command
runs if there is one (the repository's examples), and otherwise the person's own data folder
(platformdirs: ~/.local/share/workshop-tui/sessions on Linux). So running it from another folder opens
the same archive, never an empty new one.

Apart from store/sessions_folder.py, so the command line knows it without loading the session engine.
"""

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "WORKSHOP_TUI_SESSIONS"
DEFAULT_DIR = "sessions"


def own_sessions_dir() -> Path:
    """The person's own sessions folder, where their system keeps an app's data."""
    from platformdirs import user_data_dir  # only when no folder was given (a share of one names its folder)

    return Path(user_data_dir("workshop-tui", appauthor=False)) / DEFAULT_DIR


def choose_sessions_dir(
    given: str | None = None, environ: Mapping[str, str] | None = None, here: Path | None = None
) -> Path:
    """--sessions-dir wins, then WORKSHOP_TUI_SESSIONS, then ./sessions if it is there, then their own."""
    environ = os.environ if environ is None else environ
    chosen = given or environ.get(ENV_VAR)
    if chosen:
        return Path(chosen)
    local = (here or Path()) / DEFAULT_DIR
    return local if local.is_dir() else own_sessions_dir()


def where_from(given: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Why that folder, in words: 'from --sessions-dir', 'from $WORKSHOP_TUI_SESSIONS', ..."""
    environ = os.environ if environ is None else environ
    if given:
        return "given with --sessions-dir"
    if environ.get(ENV_VAR):
        return f"from ${ENV_VAR}"
    return "the sessions folder here" if Path(DEFAULT_DIR).is_dir() else "your own sessions folder"


def session_paths(folder: Path) -> list[Path]:
    """Every name ending in .toml in `folder`, newest name first (damaged or odd ones too)."""
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".toml")]
    except OSError:
        return []
    return [Path(folder) / name for name in sorted(names, reverse=True)]
