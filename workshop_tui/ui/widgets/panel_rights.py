"""What a window may do on the commissioning panel: the keys a member's own window leaves to the chair,
and the chair's keys that each ask for a command of core/roles.py. The panel screen reads it for its own
keys and the tabs' keys alike (`PanelScreen.check_action`, asked by `PanelTable.check_action`)."""

from typing import Any

from textual.app import App

from workshop_tui.ui.widgets.applications_list import may_import
from workshop_tui.ui.window_rights import window_may

# What a member's own window leaves to the chair (the session refuses them from it as well).
CHAIR_ACTIONS = {
    "open_round",
    "add_application",
    "import_applications",
    "reveal",
    "agree_close",
    "award",
    "member",
    "edit_application",
    "withdraw_application",
    "remove_application",
    "undo_import",
    "order_tie",
    "change_pot",
    "undo_declaration",
}

# The keys that ask for a chair's command: offered only where the window may do it (core/roles.py).
CHAIR_COMMANDS = {
    "open_round": "open_round",
    "add_application": "add_application",
    "reveal": "reveal_scores",
    "agree_close": "agree_score",
    "award": "make_award",
    "edit_application": "edit_application",
    "withdraw_application": "withdraw_application",
    "remove_application": "remove_application",
    "undo_import": "undo_import",
    "order_tie": "order_tie",
    "change_pot": "change_pot",
    "undo_declaration": "undo_declaration",
}


def member_leaves_to_the_chair(action: str) -> bool:
    """Whether a member's own window leaves the key for `action` to the chair."""
    return action in CHAIR_ACTIONS


def window_allows(app: App[Any], action: str) -> bool:
    """Whether this window's role (core/roles.py) lets it use the panel's key for `action`."""
    if action in CHAIR_COMMANDS and not window_may(app, CHAIR_COMMANDS[action]):
        return False  # a note-taker's window types the sheets; the chair runs the round
    # An import's key says why it is refused instead (ApplicationsTable.on_key).
    return action != "import_applications" or may_import(app)
