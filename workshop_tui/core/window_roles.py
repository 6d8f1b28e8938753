"""The roles a window can have, what each is called, and the groups of them a command is given to.

Kept apart from `core/roles.py` (who may do what) because the engine's commands name these groups
beside their code (`@command`), and `core/roles.py` reads those commands: this file imports neither."""

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
