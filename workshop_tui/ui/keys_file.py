"""keys.toml in the sessions folder: the keys a person chooses instead of the usual ones."""

from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

from workshop_tui.store.problems import FileProblem
from workshop_tui.store.toml_files import read_toml
from workshop_tui.ui.keys import KEYS_ANYWHERE, binding_ids

KEYS_FILE = "keys.toml"


def every_binding_holder() -> list[type[DOMNode]]:
    """The help and every screen in it: with the keys that work anywhere, the ids a keys.toml may name."""
    # The help imports every screen: it is loaded only when there is a keys.toml to check.
    from workshop_tui.ui.screens.help import HELP_SECTIONS, HelpScreen

    holders: list[type[DOMNode]] = [HelpScreen]
    for section in HELP_SECTIONS:
        holders.extend(holder for holder in section.holders if holder not in holders)
    return holders


def known_ids() -> set[str]:
    """Every name a keys.toml may give a key."""
    anywhere = {binding.id for binding in KEYS_ANYWHERE if isinstance(binding, Binding) and binding.id}
    return anywhere | binding_ids(every_binding_holder())


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
    known = known_ids()
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
