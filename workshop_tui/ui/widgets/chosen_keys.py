"""The keys that act on what is chosen: the coming step in the agenda, or the note in the notes list.

One binding each, shared by both widgets and the live screen, so one line of keys.toml moves the key in
every place, and the help and the command list name it once.
"""

from textual.binding import Binding

CHANGE_CHOSEN = Binding(
    "e",
    "change_chosen",
    "Change",
    id="edit_step",
    show=False,
    tooltip="Change the chosen coming step, or the chosen note",
)

REMOVE_CHOSEN = Binding(
    "x,delete",
    "remove_chosen",
    "Remove",
    id="remove_step",
    show=False,
    tooltip="Remove the chosen coming step, or the chosen note",
)
