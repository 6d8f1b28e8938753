"""Who may do what: one table, read by the owner of a session to refuse and by every screen to offer
only what its window may do. Each command's row is its `@command` rule, written beside its code in
the engine (core/command_rules.py); import and export, done on this computer, are the two rows here.

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

from typing import Final

from workshop_tui.core.commands import COMMAND_RULES
from workshop_tui.core.window_roles import (
    CALLED,
    FACILITATOR,
    MEMBERS,
    NOBODY,
    RECORDERS,
    ROLES,
    WRITERS,
    Role,
)

__all__ = ["CALLED", "MAY", "ROLES", "Role", "may", "refusal"]

# The agenda, the timer and the roster: the facilitator's, and the note-taker's too while the facilitator
# shares them (`share_agenda`, Session.note_taker_runs_agenda). `may()` asks the setting for these.
SHARED_WITH_NOTE_TAKER: Final[frozenset[str]] = frozenset(name for name, rule in COMMAND_RULES.items() if rule.shared)

# Things a window does on this computer, not to the session: never from a window in a web browser.
ON_THIS_COMPUTER: Final[frozenset[str]] = frozenset({"import", "export"})

# What each role may do: every command a session takes (its `@command` says who), and the things a
# window does on this computer. A name missing here is refused to everyone.
MAY: Final[dict[str, frozenset[Role]]] = {
    **{name: rule.who for name, rule in COMMAND_RULES.items()},
    "import": WRITERS,  # read a file of applications
    "export": WRITERS,  # write the minutes or a report to a file
}

# Never from a window in a web browser either: what the projector in the room shows, and whether it shows
# people's names, is chosen on the facilitator's own screen, by the person who can see the room.
IN_THE_ROOM: Final[frozenset[str]] = frozenset(name for name, rule in COMMAND_RULES.items() if rule.in_the_room)

# The round's commands, which the facilitator gives as the chair: refusals call them the chair.
CHAIRS: Final[frozenset[str]] = frozenset(name for name, rule in COMMAND_RULES.items() if rule.chairs)

WHO: Final[dict[frozenset[Role], str]] = {
    FACILITATOR: "Only the facilitator",
    WRITERS: "Only the facilitator and the note-taker",
    RECORDERS: "Only the facilitator, the note-taker and guests",
    MEMBERS: "Only the chair, the note-taker and the member themselves",
}

# How a refusal names each thing: "Only the facilitator can finish the session."
WHAT: Final[dict[str, str]] = {
    **{name: rule.words for name, rule in COMMAND_RULES.items() if rule.words},
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
