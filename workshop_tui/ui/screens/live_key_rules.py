"""Which of the live screen's keys (live_keys.py) this window offers now, and why one pressed anyway is refused.

Which window may send which command is decided in one table (core/roles.py); here each key is tied to
the command it sends, and `offered()` reads that table with the screen's state, given explicitly.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.binding import Binding

TYPING_KEYS = {
    "typing_timer",
    "typing_previous",
    "typing_next",
    "typing_decision",
    "typing_action",
    "typing_records",
    "typing_panel",
}
HIDDEN_WHILE_TYPING = {"add_minute", "remove_minute"}

# Once finished, a session cannot change: these keys are not offered then.
CHANGING_KEYS = {
    "toggle_timer",
    "next_step",
    "previous_step",
    "add_minute",
    "remove_minute",
    "note_line",
    "decision",
    "action",
    "undo_remove",
    "insert_step",
    "change_chosen",
    "skip_step",
    "remove_chosen",
    "move_step",
    *TYPING_KEYS,
}

# Keys that a person typing a note could press by accident: off in type-first mode.
LETTER_KEYS = {
    "toggle_timer",
    "next_step",
    "previous_step",
    "add_minute",
    "remove_minute",
    "note_line",
    "decision",
    "action",
    "records",
    "panel",
    "parking_lot",
    "all_notes",
    "projector",
    "show_room_record",
    "hide_room_record",
    "insert_step",
    "change_chosen",
    "skip_step",
    "remove_chosen",
    "leave_note_line",
}

# The keys that move the agenda or run the timer, and the command each sends (core/roles.py decides who).
AGENDA_KEYS = {
    "toggle_timer": "start_timer",
    "typing_timer": "start_timer",
    "next_step": "next_step",
    "typing_next": "next_step",
    "previous_step": "previous_step",
    "typing_previous": "previous_step",
    "add_minute": "add_minutes",
    "remove_minute": "add_minutes",
    "insert_step": "insert_step",
    "skip_step": "skip_step",
    "move_step": "move_step",
    "share_agenda": "share_agenda",
}

# The keys that add to the record, and the command each sends.
RECORD_KEYS = {
    "note_line": "add_note",
    "decision": "record_decision",
    "typing_decision": "record_decision",
    "action": "add_action",
    "typing_action": "add_action",
    "undo_remove": "undo_remove",
}

# The keys that show or hide the group's record on the projector, and its names (the "room_record" command).
ROOM_KEYS = {"show_room_record", "hide_room_record", "show_room_names", "hide_room_names"}


def room_key_changes(action: str, on: bool, names: bool) -> bool:
    """Each of the pair is offered only when it would change what the projector shows."""
    return {
        "show_room_record": not on,
        "hide_room_record": on,
        "show_room_names": not names,
        "hide_room_names": names,
    }[action]


@dataclass(frozen=True)
class KeyState:
    """What the live screen is doing now, as far as it decides which keys are offered."""

    audience: bool  # the projector's window for the room: it changes nothing
    finished: bool
    type_first: bool
    from_palette: bool  # the command list (Ctrl+P) is asking
    typing: bool  # the focus is in a text field
    has_panel: bool
    room_record_on: bool
    room_names_shown: bool


def offered(action: str, now: KeyState, allowed: Callable[[str], bool]) -> bool:
    """Whether the key for `action` is offered now; `allowed` says whether this window may send a command.
    While a note is typed the footer shows F5, F7 and F8; otherwise space, n and p."""
    if now.audience:
        return False  # the audience window shows the session; it changes nothing
    if action in AGENDA_KEYS and not allowed(AGENDA_KEYS[action]):
        return False  # not offered; pressed anyway, it says why (refused_key)
    if action in RECORD_KEYS and not allowed(RECORD_KEYS[action]):
        return False  # a panel member's window: their sheet, not the record
    if action == "who_may_join" and not allowed("make_codes"):
        return False  # the facilitator's alone
    if action in ROOM_KEYS:
        return (
            allowed("room_record")
            and not now.finished
            and room_key_changes(action, now.room_record_on, now.room_names_shown)
        )
    if action == "finish" and not allowed("finish"):
        return False  # the facilitator's alone (core/roles.py)
    if action in CHANGING_KEYS and now.finished:
        return False
    if now.type_first and action in LETTER_KEYS and not now.from_palette:
        return False  # a letter would be typed by accident; the command list (Ctrl+P) still offers it
    if action in ("panel", "typing_panel") and not now.has_panel:
        return False  # only a panel plan scores applications
    if action in TYPING_KEYS:
        return now.typing
    return not (action in HIDDEN_WHILE_TYPING and now.typing and not now.from_palette)


def refused_key(key: str, bindings: Iterable[Binding], allowed: Callable[[str], bool], type_first: bool) -> str:
    """The command an agenda key (with these `bindings`) would send, when this window may not send it.
    The audience window is never asked: its keys do nothing."""
    bindings = list(bindings)
    room_key = any(binding.action in ROOM_KEYS for binding in bindings)
    if room_key and not allowed("room_record") and not (type_first and len(key) == 1):
        return "room_record"
    if type_first and key not in ("f5", "f7", "f8"):
        return ""  # a letter typed first is a letter
    for binding in bindings:
        command = AGENDA_KEYS.get(binding.action.split("(")[0])
        if command and not allowed(command):
            return command
    return ""


def type_first_words(on: bool) -> str:
    """Said as F2 turns type first on or off."""
    if on:
        return "Type first: every letter goes into the note line. Commands are on F-keys; F1 lists them."
    return "Type first is off: single letters are commands again; t starts a note."


def sharing_words(shared: bool) -> str:
    """Said in the facilitator's window as it shares the agenda keys with the note-taker's, or takes them back."""
    if shared:
        return "The note-taker's window can now move the agenda, run the timer and change the roster too."
    return "Only this window moves the agenda, runs the timer and changes the roster now."
