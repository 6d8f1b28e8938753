"""Keys as people read them, and the optional keys.toml that lets them choose their own."""

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from textual.binding import Binding

from workshop_tui.store.problems import FileProblem
from workshop_tui.store.toml_files import read_toml

KEYS_FILE = "keys.toml"

# Keys whose character is the clearest way to show them.
_CHARACTERS = {"plus": "+", "minus": "-", "equals_sign": "=", "question_mark": "?", "slash": "/"}


def key_words(key: str) -> str:
    """'ctrl+q' -> 'Ctrl+Q', 'space' -> 'Space', 'plus' -> '+', 'f1' -> 'F1'."""
    *modifiers, name = key.strip().split("+")
    if name in _CHARACTERS or (len(name) == 1 and not name.isalnum()):
        shown = _CHARACTERS.get(name) or name
    elif len(name) == 1 or re.fullmatch(r"f\d+", name):
        shown = name.upper()
    else:
        shown = name.replace("_", " ").title()
    return "+".join([*(modifier.title() for modifier in modifiers), shown])


def keys_in_words(keys: str) -> list[str]:
    """A binding's comma-separated keys, each as people read it."""
    return [key_words(key) for key in keys.split(",")]


def current_keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The binding's keys after the user's own keys (if any) are applied."""
    return keymap.get(binding.id or "", binding.key)


def bindings_of(*holders: type) -> list[Binding]:
    """The Binding objects in the BINDINGS of screens, widgets or the app, in order."""
    found: list[Binding] = []
    for holder in holders:
        found.extend(binding for binding in holder.BINDINGS if isinstance(binding, Binding))
    return found


def every_binding_holder() -> list[type]:
    """The app and every screen in the help: the ids a keys.toml may name."""
    from workshop_tui.ui.app import WorkshopApp
    from workshop_tui.ui.screens.help import HELP_SECTIONS, HelpScreen

    holders: list[type] = [WorkshopApp, HelpScreen]
    for section in HELP_SECTIONS:
        holders.extend(holder for holder in section.holders if holder not in holders)
    return holders


def binding_ids(holders: Iterable[type]) -> set[str]:
    return {binding.id for binding in bindings_of(*holders) if binding.id}


def load_keymap(sessions_dir: Path) -> dict[str, str]:
    """The user's own keys from keys.toml in the sessions folder; none if there is no such file."""
    path = Path(sessions_dir) / KEYS_FILE
    if not path.is_file():
        return {}
    todo = "Fix the file, or remove it to use the usual keys."
    data = read_toml(path, "keys")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or set(data) - {"keys"}:
        raise FileProblem(path, "", 'it should hold only a [keys] table, such as: next = "right"', todo)
    known = binding_ids(every_binding_holder())
    for name, value in keys.items():
        if name not in known:
            raise FileProblem(
                path,
                f"keys.{name}",
                f"there is no key called '{name}'",
                f"Use one of: {', '.join(sorted(known))}.",
            )
        if not isinstance(value, str) or not value.strip():
            raise FileProblem(
                path, f"keys.{name}", 'the key should be text in quotes, such as "right" or "ctrl+n"', todo
            )
    return dict(keys)
