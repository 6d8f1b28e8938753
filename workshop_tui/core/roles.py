"""Who may do what: one table, read by the owner of a session to refuse and by every screen to offer
only what its window may do.

A window has one role. The facilitator's window (the chair's, in a panel) runs the session. A
note-taker's window types the record. The audience's window (the projector, `show`) changes nothing.
A window in a web browser (`serve`) is a guest on this computer: whatever its role, it never reads or
writes this computer's files (no import, no export, no opening a file by its path).

    may("note-taker", "finish")          -> False
    refusal("note-taker", "finish")      -> "Only the facilitator can finish the session."
"""

from typing import Final, Literal

Role = Literal["facilitator", "note-taker", "audience"]
ROLES: Final[tuple[Role, ...]] = ("facilitator", "note-taker", "audience")

FACILITATOR: Final[frozenset[Role]] = frozenset({"facilitator"})
WRITERS: Final[frozenset[Role]] = frozenset({"facilitator", "note-taker"})
NOBODY: Final[frozenset[Role]] = frozenset()

# What each role may do: every command a session takes, and the things a window does on this computer.
# A name missing here is refused to everyone (a new command must be given its row).
MAY: Final[dict[str, frozenset[Role]]] = {
    # The agenda and the timer. The note-taker keeps them going when the facilitator is busy.
    "toggle_timer": WRITERS, "start_timer": WRITERS, "pause_timer": WRITERS,
    "next_step": WRITERS, "previous_step": WRITERS, "add_minutes": WRITERS,
    "insert_step": WRITERS, "change_step": WRITERS, "skip_step": WRITERS, "remove_step": WRITERS, "move_step": WRITERS,
    # Ending the session is the facilitator's alone: it cannot be taken back after a minute.
    "finish": FACILITATOR, "reopen": FACILITATOR,
    # The roster.
    "add_person": WRITERS, "person_arrived": WRITERS, "person_left": WRITERS,
    # The record.
    "add_note": WRITERS, "edit_note": WRITERS, "remove_note": WRITERS, "undo_remove": WRITERS, "note_dealt_with": WRITERS,
    "record_decision": WRITERS, "add_action": WRITERS, "toggle_action": WRITERS,
    # A panel's round: the chair runs it; a note-taker types members' paper sheets and declarations.
    "open_round": FACILITATOR, "change_pot": FACILITATOR, "add_application": FACILITATOR, "add_applications": FACILITATOR,
    "reveal_scores": FACILITATOR, "change_score": FACILITATOR, "agree_score": FACILITATOR, "make_award": FACILITATOR,
    "declare_interest": WRITERS, "declare_no_interests": WRITERS, "enter_score": WRITERS,
    # Things a window does on this computer, not to the session.
    "import": WRITERS,  # read a file of applications
    "export": WRITERS,  # write the minutes or a report to a file
}

# Never from a window in a web browser: they read or write this computer's files.
ON_THIS_COMPUTER: Final[frozenset[str]] = frozenset({"import", "export"})

WHO: Final[dict[frozenset[Role], str]] = {
    FACILITATOR: "Only the facilitator",
    WRITERS: "Only the facilitator and the note-taker",
}

WHAT: Final[dict[str, str]] = {
    "finish": "finish the session", "reopen": "take back the finish",
    "open_round": "open the round", "change_pot": "change the pot", "add_application": "add an application",
    "add_applications": "add applications", "reveal_scores": "reveal the scores", "change_score": "change a score after the reveal",
    "agree_score": "agree a score", "make_award": "decide an award",
    "import": "import a file", "export": "export to a file",
}


def may(role: str, what: str, in_browser: bool = False) -> bool:
    """True when a window of `role` may do `what` (a command's name, or "import" or "export")."""
    if in_browser and what in ON_THIS_COMPUTER:
        return False
    return role in MAY.get(what, NOBODY)


def refusal(role: str, what: str, in_browser: bool = False) -> str:
    """The sentence a window hears when it may not do `what`."""
    if in_browser and what in ON_THIS_COMPUTER:
        return "A window in a web browser cannot read or write this computer's files. Do this on the facilitator's computer."
    if role == "audience":
        return "This window only shows the session. It cannot change it."
    allowed = MAY.get(what, NOBODY)
    who = WHO.get(allowed)
    if who is None:
        return "No window can do that."
    return f"{who} can {WHAT.get(what, 'do that')}."
