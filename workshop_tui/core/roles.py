"""Who may do what: one table, read by the owner of a session to refuse and by every screen to offer
only what its window may do.

A window has one role and one person (core/joining.py decides them as the window joins). The
facilitator's window (the chair's, in a panel) runs the session; a co-chair's window, opened with the
facilitator's code, is a facilitator's too. A note-taker's window (a person on the roster) types the
record; it moves the agenda, runs the timer and changes the roster only while the facilitator lets it
(`share_agenda`, recorded in the session). A guest's window (a name not on the roster, while the
facilitator lets guests in) types notes, decisions and actions, and nothing else. A panel member's
window, opened with that member's own code, makes that member's declarations and fills in that
member's sheet, and nothing else of the round. The audience's window (the projector, `show`, and the
one window `serve` keeps for every phone on its follow-along page, /follow) changes nothing.
A window in a web browser (`serve`) is a guest on this computer: whatever its role, it never reads or
writes this computer's files (no import, no export, no opening a file by its path), and never changes
what the projector in the room shows (the group's record and its names).

    may("note-taker", "finish")                            -> False
    refusal("note-taker", "finish")                        -> "Only the facilitator can finish the session."
    may("note-taker", "next_step")                         -> False
    may("note-taker", "next_step", agenda_shared=True)     -> True
"""

from typing import Final, Literal

Role = Literal["facilitator", "note-taker", "guest", "member", "audience"]
ROLES: Final[tuple[Role, ...]] = ("facilitator", "note-taker", "guest", "member", "audience")

# What each role is called on screen and in the record ("Grace Obi (chair)").
CALLED: Final[dict[str, str]] = {
    "facilitator": "facilitator",
    "note-taker": "note-taker",
    "guest": "guest",
    "member": "panel member",
    "audience": "audience",
}

FACILITATOR: Final[frozenset[Role]] = frozenset({"facilitator"})
WRITERS: Final[frozenset[Role]] = frozenset({"facilitator", "note-taker"})
RECORDERS: Final[frozenset[Role]] = frozenset({"facilitator", "note-taker", "guest"})
MEMBERS: Final[frozenset[Role]] = frozenset({"facilitator", "note-taker", "member"})
NOBODY: Final[frozenset[Role]] = frozenset()

# The agenda, the timer and the roster: the facilitator's, and the note-taker's too while the facilitator
# shares them (`share_agenda`, Session.note_taker_runs_agenda). `may()` asks the setting for these.
SHARED_WITH_NOTE_TAKER: Final[frozenset[str]] = frozenset(
    {
        "toggle_timer",
        "start_timer",
        "pause_timer",
        "next_step",
        "previous_step",
        "add_minutes",
        "insert_step",
        "change_step",
        "skip_step",
        "remove_step",
        "move_step",
        "add_person",
        "person_arrived",
        "person_left",
    }
)

# What each role may do: every command a session takes, and the things a window does on this computer.
# A name missing here is refused to everyone (a new command must be given its row).
MAY: Final[dict[str, frozenset[Role]]] = {
    # The agenda, the timer and the roster (the note-taker's only while shared: see SHARED_WITH_NOTE_TAKER).
    **dict.fromkeys(SHARED_WITH_NOTE_TAKER, WRITERS),
    # Ending the session, and who may run the agenda, are the facilitator's alone.
    "finish": FACILITATOR,
    "reopen": FACILITATOR,
    "share_agenda": FACILITATOR,
    # Who may join: guests let in or not, and the codes for a co-chair and for each panel member.
    "allow_guests": FACILITATOR,
    "make_codes": FACILITATOR,
    # What the projector shows of the group's record: the facilitator's (a co-chair's window is one too).
    "room_record": FACILITATOR,
    # The record: a guest types it too.
    "add_note": RECORDERS,
    "edit_note": RECORDERS,
    "remove_note": RECORDERS,
    "undo_remove": RECORDERS,
    "note_dealt_with": RECORDERS,
    "record_decision": RECORDERS,
    "add_action": RECORDERS,
    "toggle_action": RECORDERS,
    # A panel's round: the chair runs it; a note-taker types members' paper sheets and declarations; a
    # member's own window does that member's (the engine refuses another member's: PanelCommands._for_oneself).
    "open_round": FACILITATOR,
    "change_pot": FACILITATOR,
    "add_application": FACILITATOR,
    "add_applications": FACILITATOR,
    "reveal_scores": FACILITATOR,
    "change_score": FACILITATOR,
    "agree_score": FACILITATOR,
    "make_award": FACILITATOR,
    "declare_interest": MEMBERS,
    "declare_no_interests": MEMBERS,
    "enter_score": MEMBERS,
    "add_comment": MEMBERS,
    # Undoing a declaration would let a member reverse their own stepping out: the chair or the note-taker does it.
    "undo_declaration": WRITERS,
    # Correcting the round: the chair's.
    "edit_application": FACILITATOR,
    "withdraw_application": FACILITATOR,
    "remove_application": FACILITATOR,
    "undo_import": FACILITATOR,
    "order_tie": FACILITATOR,
    # Things a window does on this computer, not to the session.
    "import": WRITERS,  # read a file of applications
    "export": WRITERS,  # write the minutes or a report to a file
}

# Never from a window in a web browser: they read or write this computer's files.
ON_THIS_COMPUTER: Final[frozenset[str]] = frozenset({"import", "export"})
# Never from a window in a web browser either: what the projector in the room shows, and whether it shows
# people's names, is chosen on the facilitator's own screen, by the person who can see the room.
IN_THE_ROOM: Final[frozenset[str]] = frozenset({"room_record"})

# The round's commands, which the facilitator gives as the chair: refusals call them the chair.
CHAIRS: Final[frozenset[str]] = frozenset(
    {
        "open_round",
        "change_pot",
        "add_application",
        "add_applications",
        "reveal_scores",
        "change_score",
        "agree_score",
        "make_award",
        "edit_application",
        "withdraw_application",
        "remove_application",
        "undo_import",
        "order_tie",
    }
)

WHO: Final[dict[frozenset[Role], str]] = {
    FACILITATOR: "Only the facilitator",
    WRITERS: "Only the facilitator and the note-taker",
    RECORDERS: "Only the facilitator, the note-taker and guests",
    MEMBERS: "Only the chair, the note-taker and the member themselves",
}

WHAT: Final[dict[str, str]] = {
    "finish": "finish the session",
    "reopen": "take back the finish",
    "share_agenda": "choose who runs the agenda",
    "allow_guests": "choose whether guests may join",
    "room_record": "choose what the projector shows of the group's record",
    "make_codes": "make the codes for a co-chair and the panel",
    "add_note": "add a note",
    "edit_note": "change a note",
    "remove_note": "remove a note",
    "undo_remove": "bring back a note",
    "note_dealt_with": "mark a note as dealt with",
    "record_decision": "record a decision",
    "add_action": "add an action",
    "toggle_action": "mark an action done",
    "declare_interest": "declare an interest",
    "declare_no_interests": "declare no interests",
    "enter_score": "enter a score",
    "open_round": "open the round",
    "change_pot": "change the pot",
    "add_application": "add an application",
    "add_applications": "add applications",
    "reveal_scores": "reveal the scores",
    "change_score": "change a score after the reveal",
    "agree_score": "agree a score",
    "make_award": "decide an award",
    "undo_declaration": "undo a declaration",
    "add_comment": "write a comment on an application",
    "edit_application": "correct an application",
    "withdraw_application": "withdraw an application",
    "remove_application": "remove an application",
    "undo_import": "undo an import",
    "order_tie": "put tied applications in order",
    "import": "import a file",
    "export": "export to a file",
}


def may(role: str, what: str, in_browser: bool = False, agenda_shared: bool = False) -> bool:
    """True when a window of `role` may do `what` (a command's name, or "import" or "export").
    `agenda_shared`: the facilitator lets the note-taker run the agenda and roster (Session.note_taker_runs_agenda)."""
    if in_browser and what in ON_THIS_COMPUTER | IN_THE_ROOM:
        return False
    if what in SHARED_WITH_NOTE_TAKER and role == "note-taker":
        return agenda_shared
    return role in MAY.get(what, NOBODY)


def refusal(role: str, what: str, in_browser: bool = False) -> str:
    """The sentence a window hears when it may not do `what`: who can."""
    if in_browser and what in ON_THIS_COMPUTER:
        return "A window in a web browser cannot read or write this computer's files. Do this on the facilitator's computer."
    if in_browser and what in IN_THE_ROOM and role == "facilitator":
        return "What the projector shows is chosen on the facilitator's own screen, not in a web browser."
    if role == "audience":
        return "This window only shows the session. It cannot change it."
    who = _who_can(role, what)
    if role == "member":
        return f"This is a panel member's own window, for their declarations and their sheet. {who}"
    return who


def _who_can(role: str, what: str) -> str:
    if what in SHARED_WITH_NOTE_TAKER:
        if role in ("guest", "member"):
            return "Only the facilitator can move the agenda, run the timer and change the roster."
        return (
            "Only the facilitator can move the agenda, run the timer and change the roster, "
            "unless they let the note-taker do it too."
        )
    if what in CHAIRS:
        return f"Only the chair can {WHAT.get(what, 'do that')}."
    who = WHO.get(MAY.get(what, NOBODY))
    if who is None:
        return "No window can do that."
    return f"{who} can {WHAT.get(what, 'do that')}."
