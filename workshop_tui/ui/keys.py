"""Keys as people read them, and the keys that work anywhere in the app.

The people's own keys (keys.toml) are read in ui/keys_file.py."""

import re
from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

# Keys whose character is the clearest way to show them.
_CHARACTERS = {"plus": "+", "minus": "-", "equals_sign": "=", "question_mark": "?", "slash": "/"}


# The app's own keys (WorkshopApp.BINDINGS), here so that the help and keys.toml can name them without
# importing the app, which imports the screens.
KEYS_ANYWHERE: list[BindingType] = [
    # F1 reaches the help from any screen, a pop-up too; "?" is not a priority, so a note can hold one.
    Binding("f1", "help", "Help", id="help", priority=True, tooltip="Show every key and what it does"),
    Binding("question_mark", "help", "Help", id="help_question", show=False, tooltip="Show every key and what it does"),
    Binding("ctrl+q", "save_and_quit", "Quit", id="quit", priority=True, tooltip="Save and quit"),
    Binding(
        "ctrl+c",
        "how_to_quit",
        "Quit?",
        id="how_to_quit",
        show=False,
        priority=True,
        tooltip="Say how to quit (in a text field it copies)",
    ),
]


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


def bindings_of(*holders: type[DOMNode]) -> list[Binding]:
    """The Binding objects in the BINDINGS of screens, widgets or the app, in order."""
    found: list[Binding] = []
    for holder in holders:
        found.extend(binding for binding in holder.BINDINGS if isinstance(binding, Binding))
    return found


def binding_ids(holders: Iterable[type[DOMNode]]) -> set[str]:
    return {binding.id for binding in bindings_of(*holders) if binding.id}


# Left and Right move between the tabs of a screen of tabs (the records, the review), from a table
# too: a table's own Left and Right only scroll sideways. One pair, so one line of keys.toml moves both.
TAB_KEYS = [
    Binding(
        "left",
        "move_tab(-1)",
        "Tab left",
        id="tab_left",
        show=False,
        priority=True,
        tooltip="Go to the tab on the left",
    ),
    Binding(
        "right",
        "move_tab(1)",
        "Tab right",
        id="tab_right",
        show=False,
        priority=True,
        tooltip="Go to the tab on the right",
    ),
]
