"""The live screen's keys: every binding, and which of them this window offers now.

Which window may send which command is decided in one table (core/roles.py); here each key is tied to
the command it sends, and `offered()` reads that table with the screen's state, given explicitly.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from workshop_tui.ui.widgets.agenda import Agenda

LIVE_BINDINGS: list[BindingType] = [
    Binding("space", "toggle_timer", "Timer", id="timer", tooltip="Start or pause the timer"),
    Binding("n", "next_step", "Next", id="next", tooltip="Go to the next step"),
    Binding("p", "previous_step", "Back", id="previous", tooltip="Go back to the previous step"),
    Binding(
        "plus,equals_sign", "add_minute", "Minute", id="add_minute", show=False, tooltip="Add a minute to this step"
    ),
    Binding("minus", "remove_minute", "Minute", id="remove_minute", show=False, tooltip="Take a minute off this step"),
    Binding("t", "note_line", "Note", id="note", tooltip="Type a note under this step (Enter saves it)"),
    Binding(
        "d",
        "decision",
        "Decision",
        id="decision",
        tooltip="Record a decision: the question, how it was decided, the counts and the outcome",
    ),
    Binding(
        "a",
        "action",
        "Action",
        id="action",
        tooltip="Add an action: what, who and by when (from the chosen note, if the notes list is in use)",
    ),
    Binding("r", "records", "Records", id="records", show=False, tooltip="People, parking lot, actions and decisions"),
    Binding(
        "c",
        "panel",
        "Panel",
        id="panel",
        tooltip="The commissioning panel: applications, declarations, scores, moderation and ranking",
    ),
    Binding("l", "parking_lot", "Parking lot", id="parking_lot", show=False, tooltip="Show the parking lot"),
    Binding(
        "v",
        "all_notes",
        "All notes",
        id="all_notes",
        show=False,
        tooltip="Show every step's notes, or only this step's",
    ),
    Binding("ctrl+z", "undo_remove", "Undo", id="undo", show=False, tooltip="Bring back the note removed last"),
    Binding("f", "projector", "Projector", id="projector", tooltip="Projector view on or off"),
    # The group's record on the projector: the facilitator's (core/roles.py); each of a pair is offered only
    # when it would change something.
    Binding(
        "g",
        "show_room_record",
        "Show record",
        id="show_room_record",
        show=False,
        tooltip="Show the group's record on the projector",
    ),
    Binding(
        "g", "hide_room_record", "Hide record", id="hide_room_record", show=False, tooltip="Hide the group's record"
    ),
    Binding(
        "ctrl+n",
        "show_room_names",
        "Show names",
        id="show_room_names",
        show=False,
        tooltip="Show names in the group's record",
    ),
    Binding("ctrl+n", "hide_room_names", "Hide names", id="hide_room_names", show=False, tooltip="Hide names"),
    Binding(
        "i",
        "insert_step",
        "Add step",
        id="insert_step",
        show=False,
        tooltip="Add a step after this one: your own, or a method from the library",
    ),
    # The agenda's own keys, in the help's order; they work here too, wherever the focus is.
    *Agenda.BINDINGS,
    Binding("ctrl+f", "finish", "Finish", id="finish", show=False, tooltip="Finish the session"),
    Binding(
        "ctrl+t",
        "share_agenda",
        "Share agenda",
        id="share_agenda",
        show=False,
        tooltip="Let the note-taker's window move the agenda, run the timer and change the roster too, or stop it",
    ),
    Binding(
        "ctrl+g",
        "who_may_join",
        "Who may join",
        id="who_may_join",
        show=False,
        tooltip="The codes for a co-chair and each panel member, and whether guests may join",
    ),
    Binding(
        "escape",
        "leave_note_line",
        "Leave note line",
        id="leave_note_line",
        show=False,
        tooltip="Leave the note line (or the projector view)",
    ),
    # These reach the timer even while a note is being typed, and show in the footer then.
    Binding(
        "f5",
        "typing_timer",
        "Timer",
        id="timer_while_typing",
        priority=True,
        tooltip="Start or pause the timer, even while typing a note",
    ),
    Binding(
        "f7",
        "typing_previous",
        "Back",
        id="previous_while_typing",
        priority=True,
        tooltip="Go back a step, even while typing a note",
    ),
    Binding(
        "f8",
        "typing_next",
        "Next",
        id="next_while_typing",
        priority=True,
        tooltip="Go to the next step, even while typing a note",
    ),
    Binding(
        "f3",
        "typing_decision",
        "Decision",
        id="decision_while_typing",
        priority=True,
        tooltip="Record a decision, even while typing a note",
    ),
    Binding(
        "f4",
        "typing_action",
        "Action",
        id="action_while_typing",
        priority=True,
        tooltip="Add an action, even while typing a note",
    ),
    Binding(
        "f9",
        "typing_panel",
        "Panel",
        id="panel_while_typing",
        priority=True,
        tooltip="The commissioning panel, even while typing a note",
    ),
    Binding(
        "f6",
        "typing_records",
        "Records",
        id="records_while_typing",
        priority=True,
        tooltip="People, parking lot, actions and decisions, even while typing a note",
    ),
    # Type-first: every printable key goes into the note line, and commands live on F-keys only.
    Binding(
        "f2",
        "type_first",
        "Type first",
        id="type_first",
        priority=True,
        show=False,
        tooltip="Type first on or off: every letter goes into the note line, commands are on F-keys (for a note-taker)",
    ),
]

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
