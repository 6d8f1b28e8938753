"""The person's settings file: which theme each kind of window opens in.

It lives where their system keeps an app's settings (platformdirs: ~/.config/workshop-tui/settings.toml
on Linux), is written whole through a temporary file and a rename, and is readable by its owner only:

    [themes]
    facilitator = "light"      # the laptop's window (run, resume, review, the home screen)
    audience = "projector"     # the projector's window (show)

A damaged file is one sentence and the defaults; it is never written over until the person chooses a
theme again. No Textual here: the command line checks a theme's name before any screen loads.
"""

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w
from platformdirs import user_config_dir

from workshop_tui.store.atomic import PRIVATE, open_own_file, write_atomically

# The themes' names, as a person types them; ui/themes.py has the colours of each.
THEME_NAMES = ("default", "projector", "light")
DEFAULT_THEME = "default"
_LARGEST = 64 * 1024  # a settings file is a few lines: anything larger is not one


def settings_path() -> Path:
    """The person's settings file (it need not exist)."""
    return Path(user_config_dir("workshop-tui", appauthor=False)) / "settings.toml"


def theme_problem(name: str) -> str | None:
    """Why `name` is not a theme, in one sentence that lists them, or None if it is one."""
    if name in THEME_NAMES:
        return None
    return f"there is no theme called '{name}'; the themes are {', '.join(THEME_NAMES[:-1])} and {THEME_NAMES[-1]}"


@dataclass(frozen=True)
class Settings:
    """What the settings file says, and, if it could not be read, why (then the defaults are used)."""

    themes: dict[str, str] = field(default_factory=dict)  # kind of window ("facilitator", "audience", ...) -> theme
    problem: str = ""

    def theme_for(self, window: str) -> str:
        return self.themes.get(window, DEFAULT_THEME)


def read_settings(path: Path) -> Settings:
    """The settings in `path`; a missing file is the defaults, a damaged one the defaults and a sentence."""
    try:
        fd = open_own_file(path, os.O_RDONLY)
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        return Settings(problem=_said(path, f"it could not be read ({error.strerror or error})"))
    with os.fdopen(fd, "rb") as file:
        data = file.read(_LARGEST + 1)
    if len(data) > _LARGEST:
        return Settings(problem=_said(path, "it is far too large to be a settings file"))
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(problem=_said(path, f"it is not TOML a settings file can be read from ({error})"))
    themes = table.get("themes", {})
    if not isinstance(themes, dict):
        return Settings(
            problem=_said(path, "'themes' should be a table, such as [themes] then facilitator = \"light\"")
        )
    for window, name in themes.items():
        if not isinstance(name, str) or theme_problem(name):
            return Settings(
                problem=_said(path, f"the theme for {window} windows, {name!r}, is not one of {', '.join(THEME_NAMES)}")
            )
    return Settings(themes=dict(themes))


def _said(path: Path, what: str) -> str:
    return f"The settings file {path} was not used: {what}. The default theme is shown; choosing a theme writes the file again."


def remember_theme(path: Path, window: str, name: str) -> Settings:
    """Write `name` as the theme for this kind of window, keeping what the file says of the others
    (a damaged file is replaced: the person chose). Raises OSError if it cannot be written."""
    before = read_settings(path)
    themes = {} if before.problem else dict(before.themes)
    themes[window] = name
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = "# workshop-tui's settings: the theme each kind of window opens in (default, projector or light).\n"
    write_atomically(path, (text + tomli_w.dumps({"themes": themes})).encode("utf-8"), PRIVATE)
    return Settings(themes=themes)
