"""The one door between a screen and its open session, the same whether this process owns the session
(store/open_session.py OpenSession) or another process does and this window has joined it
(store/joined_session.py JoinedSession): what a window asks (a Command), what it hears (a Change),
where the session stands against its file (a SaveState) and with its owner (a Link).

Its own module so the owner, the joined window and the owner's socket (store/session_server.py) all
import it, and none of them has to import another to speak of a command or a change.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from workshop_tui.core.clock import Clock
from workshop_tui.core.roles import Role
from workshop_tui.core.shown_session import Shown
from workshop_tui.model import Event, Session


class Link(StrEnum):
    """Where a window stands with its session, as one named value."""

    OWNER = "owner"  # this window runs the session: it holds the lock and writes the file
    JOINING = "joining"  # looking for the window that runs it
    JOINED = "joined"  # another window runs it, and this one follows it
    GONE = "owner gone"  # the window that ran it has gone; this one waits, or takes over
    TAKING_OVER = "taking over"  # this window is opening the session to run it itself
    FINISHED = "finished"  # the session has finished: nothing more will change


@dataclass(frozen=True)
class Command:
    """One thing a window asks the session to do: an engine command's name and its arguments."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    id: str = ""  # a window that sends it again (after a lost reply) has it applied once
    window: str = ""  # who sent it, as a role and a name ("note-taker: Bob"); empty: this owner's own screen
    # What the owner knows of the window that sent it, never what the window said of itself: its role
    # (this owner's own screen is the facilitator's), whether it is in a web browser, and its id (the
    # socket window's hello, or its outbox), which `id` is unique within. "": this owner's own screen.
    role: Role = "facilitator"
    in_browser: bool = False
    window_id: str = ""


@dataclass(frozen=True)
class SaveState:
    """Where the session stands against its file."""

    saved_at: datetime | None = None
    problem: str = ""  # in plain words, when the last save failed
    unsaved: int = 0  # events not on disk yet
    # In plain words, what the person should know although saving works: where the work went after the
    # file could not be written, what a file had lost before it was opened, a file passed over.
    warning: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class Change:
    """What a listener hears: the events just applied (none for a save report) and the save state."""

    events: tuple[Event, ...]
    save: SaveState
    notice: str | None = None  # words for the facilitator's screen, such as a served window's join code
    reset: bool = False  # the whole session was replaced (a window joined again or took over): draw it all
    first: int = 0  # where `events` start in the session's log, so a window that has some never applies them twice


Listener = Callable[[Change], None]


class SessionLink(Protocol):
    """What a screen needs of an open session, whether this process owns it (OpenSession) or another
    process does and this window has joined it (JoinedSession): one door, the same for both.

    A screen draws only what `shown()` gives it, which is on disk: it keeps its own copy
    (core/shown_session.py) and catches up on its own thread."""

    path: Path
    window: str  # who this window is, as a role and a name ("note-taker: Bob")
    role: Role
    in_browser: bool
    notice: str  # words for the facilitator's screen (the browsers' address), or ""

    @property
    def link(self) -> Link: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def session(self) -> Session: ...  # the newest state, for a command line; a screen draws `shown()`

    @property
    def save_state(self) -> SaveState: ...

    @property
    def closed(self) -> bool: ...

    @property
    def kept_everything(self) -> bool: ...  # after taking over: each change typed here is in the file

    def shown(self, count: int, generation: int) -> Shown: ...

    def carry_out(self, command: Command) -> list[Event]: ...  # apply, then wait a moment for the disk

    def listen(self, listener: Listener) -> None: ...

    def forget(self, listener: Listener) -> None: ...

    def flush(self) -> SaveState: ...

    def close(self) -> SaveState: ...
