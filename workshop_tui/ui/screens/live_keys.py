"""The live screen's keys: every binding, in the help's order.

A plain table. Which of them a window offers now, and which command each sends, is in
live_key_rules.py.
"""

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
