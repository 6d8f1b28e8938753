"""The owner's side of the session's socket: other windows join, send commands, and hear every change.

The owner stays the only writer. Each window that connects says hello (which session, its role and
name), gets the whole session first, then every event any window makes, as it is applied. A
command comes back "done" or "refused" with a reason. Anything a window sends that is not right is
refused in words and that window is let go; the owner and the other windows carry on.

What a window may do is what the owner knows of it, not what it says: its role and person are
decided from the roster and the codes (core/joining.py). It is the facilitator's only with the
facilitator's key (a secret this owner writes to a private file beside the session, read by
`resume_or_join`) or the facilitator's code (a co-chair's); a panel member's only with that member's
code. A window may say it has fewer rights than its role (a web browser's: no files), and is believed.

Each window has a reader thread and a writer thread with its own queue, so a slow or stuck window
never holds up the owner: the owner only puts messages on queues.
"""

import os
import queue
import secrets
import socket
import threading
import time
from pathlib import Path
from typing import Any, Protocol, cast

from workshop_tui.core.joining import NotWelcome, who_joins
from workshop_tui.core.record_commands import NotNow
from workshop_tui.core.roles import Role
from workshop_tui.core.session_engine import SessionEngine
from workshop_tui.core.window_roles import ROLES
from workshop_tui.model import Event, Session
from workshop_tui.model.command_arguments import LONGEST_NAME, is_plain, is_plain_name
from workshop_tui.store.session_file import START_FIELDS, event_text
from workshop_tui.store.session_link import Change, Command, Listener, SaveState
from workshop_tui.store.session_wire import (
    VERSION,
    WINDOW_ID,
    LineReader,
    WireProblem,
    arguments_from_text,
    decode,
    encode,
    events_text,
    listen_at,
    remove_key,
    same_user,
    save_fields,
    socket_path,
    start_text,
    write_key,
)


class ServedSession(Protocol):
    """What the server needs of the owner it serves (store/open_session.py OpenSession), named here so
    the owner imports its server and never the other way round."""

    path: Path  # it changes when the owner saves under a new name
    engine: SessionEngine
    save_state: SaveState

    @property
    def session(self) -> Session: ...

    @property
    def published_count(self) -> int: ...

    @property
    def saved_count(self) -> int: ...

    def apply(self, command: Command) -> list[Event]: ...

    def say(self, notice: str) -> None: ...

    def listen(self, listener: Listener) -> None: ...

    def forget(self, listener: Listener) -> None: ...


HELLO_WAIT = 5.0  # seconds a new connection has to say its whole hello, however slowly the bytes come
MOST_WINDOWS = 200  # connections at once: a room's windows and then some; the next is refused in words
BACKLOG = 10_000  # messages waiting for one window; a window further behind is let go (it joins again)


def _save(owner: ServedSession, state: SaveState) -> dict[str, Any]:
    # How many events are on disk: a window lets go of a command only once its events are there.
    return {**save_fields(state.saved_at, state.problem, state.unsaved, state.warning), "saved": owner.saved_count}


class _Window:
    """One connected window: what it said it is, and its queue of messages to send."""

    def __init__(self, server: "SessionServer", connection: socket.socket):
        self.server = server
        self.connection = connection
        self.role: Role = "audience"  # until its hello says more
        self.label = ""
        self.window_id = ""  # from the hello: the window's commands' ids are its own, not another window's
        self.in_browser = False
        self.knows_key = False  # its hello carried the facilitator's key: the facilitator's own computer (or serve)
        # While its welcome is made (outside the session's lock), the changes it must hear after it.
        self.held: list[dict[str, Any]] | None = None
        self.outgoing: queue.Queue[bytes | None] = queue.Queue()
        self.gone = threading.Event()

    def send(self, message: dict[str, Any]) -> None:
        if self.outgoing.qsize() > BACKLOG:
            self.close(now=True)
            return
        self.outgoing.put(encode(message))

    def close(self, now: bool = False) -> None:
        """Let the window go once what is queued for it is written; `now`: at once (it is too far behind)."""
        if not self.gone.is_set():
            self.gone.set()
            self.outgoing.put(None)
            if now:
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def write_loop(self) -> None:
        while True:
            data = self.outgoing.get()
            if data is None:
                break
            try:
                self.connection.sendall(data)
            except OSError:
                break
        self.gone.set()
        try:
            # Shut down first: a close alone would wait for the reader blocked on this socket, and the
            # window would never hear that the owner has gone.
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.connection.close()

    def read_loop(self) -> None:
        reader = LineReader(self.connection)
        try:
            first = reader.read(deadline=time.monotonic() + HELLO_WAIT)
            self.connection.settimeout(None)
            if first is None:
                return
            self.server.welcome(self, decode(first))
            while not self.gone.is_set():
                line = reader.read()
                if line is None:
                    return
                self.server.handle(self, decode(line))
        except WireProblem as problem:
            said = str(problem)
            self.send({"error": f"Refused: {said}{'' if said.endswith(('.', '?')) else '.'}"})
        except TimeoutError:
            self.send({"error": "Refused: no hello was said in time."})
        except Exception as error:  # nothing a window sends may end the owner: refused in words, and let go
            self.send({"error": f"Refused: a message could not be read ({type(error).__name__})."})
        finally:
            self.server.forget(self)
            self.close()
            self.server.let_go()


class SessionServer:
    """Serves one open session to other windows. `start()` it; `stop()` it before the owner closes."""

    def __init__(self, owner: ServedSession):
        self.owner = owner
        self.path = socket_path(owner.path)
        self.notice = ""  # what a served window asked the facilitator's screen to show (address, join code)
        self._windows: list[_Window] = []
        self._lock = threading.Lock()
        self._listening: socket.socket | None = None
        self._socket_file: tuple[int, int] | None = None  # the socket file this server made (device, inode)
        self._stopped = threading.Event()
        self._connected = 0  # connections with a reader running, welcomed or not
        self.key = secrets.token_urlsafe(32)  # the facilitator's key: who has it may join as the facilitator
        # Each event's TOML text, in the session's order: events never change, so a welcome joins these.
        self._texts: list[tuple[Event, str]] = []
        self._texts_lock = threading.Lock()

    def start(self) -> None:
        """Listen on the session's socket. Raises OSError if it cannot (the session works on, alone)."""
        write_key(self.owner.path, self.key)
        try:
            self._listening = listen_at(self.path)
        except OSError:
            remove_key(self.owner.path, self.key)
            raise
        self._socket_file = _identity(self.path)
        self.owner.listen(self._owner_changed)
        threading.Thread(target=self._accept_loop, args=(self._listening,), name="session-server", daemon=True).start()

    def move_to_new_file(self, old_session: Path) -> None:
        """The owner saves under a new name now (its old file's lock was lost, or the file cannot be
        written): new windows join it at that file's socket, and the old name is let go, as another
        window may own that file now. Windows joined already stay joined. Raises OSError."""
        old_path, old_listening = self.path, self._listening
        new_path = socket_path(self.owner.path)
        write_key(self.owner.path, self.key)
        listening = listen_at(new_path)
        self.path, self._listening, old_file = new_path, listening, self._socket_file
        self._socket_file = _identity(new_path)
        threading.Thread(target=self._accept_loop, args=(listening,), name="session-server", daemon=True).start()
        if old_listening is not None:
            old_listening.close()
        _unlink_if_same(old_path, old_file)
        remove_key(old_session, self.key)

    @property
    def windows(self) -> list[str]:
        """The windows joined now, as role and name."""
        with self._lock:
            return [window.label for window in self._windows if window.label]

    def _accept_loop(self, listening: socket.socket) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = listening.accept()
            except OSError:
                return  # stopped
            if not same_user(connection):
                connection.close()
                continue
            with self._lock:
                full = self._connected >= MOST_WINDOWS
                if not full:
                    self._connected += 1
            if full:
                _refuse(
                    connection,
                    f"Refused: {MOST_WINDOWS} windows are connected to this session already, which is all it takes.",
                )
                continue
            window = _Window(self, connection)
            threading.Thread(target=window.write_loop, name="window-writer", daemon=True).start()
            threading.Thread(target=window.read_loop, name="window-reader", daemon=True).start()

    def let_go(self) -> None:
        """A connection's reader has ended: room for another."""
        with self._lock:
            self._connected -= 1

    def welcome(self, window: _Window, hello: dict[str, Any]) -> None:
        """Check the hello, then send the whole session and add the window to those told of changes."""
        said = hello.get("hello")
        if not isinstance(said, dict):
            raise WireProblem("the first message must be a hello")
        if said.get("version") != VERSION:
            raise WireProblem(
                f"this window speaks another version (the owner speaks {VERSION}); use the same workshop-tui"
            )
        if said.get("session") != self.owner.path.name:
            raise WireProblem(f"this is the socket of {self.owner.path.name}, not of the session asked for")
        role, name, window_id = said.get("role"), said.get("name", ""), said.get("window")
        if role not in ROLES:
            raise WireProblem(f"the role must be one of: {', '.join(ROLES)}")
        if not isinstance(name, str) or len(name) > LONGEST_NAME or not is_plain_name(name):
            raise WireProblem("the window's name must be plain text of at most 100 characters")
        if not isinstance(window_id, str) or not WINDOW_ID.fullmatch(window_id):
            raise WireProblem("the window's id must be letters, digits, dots, dashes or underscores, at most 64")
        browser, key, code = said.get("browser", False), said.get("key", ""), said.get("code", "")
        if not isinstance(browser, bool) or not isinstance(key, str) or not isinstance(code, str) or len(code) > 32:
            raise WireProblem("a hello's browser must be true or false, its key text and its code short text")
        knows_key = secrets.compare_digest(key.encode("utf-8", "replace"), self.key.encode())
        with self._lock:
            if any(other.window_id == window_id for other in self._windows):
                raise WireProblem("a window with this id has joined already; each window has its own id")
        # Who the window is, decided here from the roster and the codes as they stand (core/joining.py).
        with self.owner.engine.lock:
            try:
                joiner = who_joins(self.owner.session, cast(Role, role), name, code, knows_key)
            except NotWelcome as refused:
                raise WireProblem(str(refused)) from None
        window.role, window.window_id, window.in_browser = joiner.role, window_id, browser
        window.knows_key = knows_key
        window.label = joiner.window
        # Only a snapshot under the session's lock (the start, and the list of events, which never change);
        # from then on the window is told every change, held until its welcome has gone.
        with self.owner.engine.lock:
            start = self.owner.session.model_dump(mode="python", exclude_none=True, include=set(START_FIELDS))
            # Only what is on disk: a window never shows what the file may not hold. Anything told from
            # now on comes with where it starts, so the window skips what its welcome had.
            events = self.owner.session.events[: self.owner.published_count]
            save = _save(self.owner, self.owner.save_state)
            with self._lock:
                window.held = []
                self._windows.append(window)
        text = start_text(start) + "".join(self._event_texts(events))
        with self._lock:
            window.send(
                {
                    "welcome": {
                        "session": text,
                        "save": save,
                        "notice": self.notice,
                        "you": {"role": joiner.role, "name": joiner.name},
                    }
                }
            )
            for message in window.held or []:
                window.send(message)
            window.held = None

    def _event_texts(self, events: list[Event]) -> list[str]:
        """Each event's TOML text, made once for each event however many windows join."""
        with self._texts_lock:
            known = min(len(self._texts), len(events))
            # The session's events are only ever added to; should the last one known differ, start again.
            if known and self._texts[known - 1][0] is not events[known - 1]:
                self._texts = []
            self._texts += [(event, event_text(event)) for event in events[len(self._texts) :]]
            return [text for _, text in self._texts[: len(events)]]

    def handle(self, window: _Window, message: dict[str, Any]) -> None:
        if "command" in message:
            self._command(window, message["command"])
        elif "notice" in message:
            # Words for the facilitator's screen (the browsers' address and join code, from `serve` on this
            # computer, which read the facilitator's key): never from any other window.
            if not window.knows_key or window.in_browser:
                raise WireProblem(
                    "only serve, on the facilitator's computer, can put words on the facilitator's screen"
                )
            if not _plain_notice(message["notice"]):
                raise WireProblem("a notice must be plain text of at most 500 characters")
            self.notice = message["notice"]
            self._tell_all({"notice": self.notice})
            self.owner.say(self.notice)
        else:
            raise WireProblem("a message was neither a command nor a notice")

    def _command(self, window: _Window, sent: object) -> None:
        if not isinstance(sent, dict) or not isinstance(sent.get("id"), str) or not 0 < len(sent["id"]) <= 100:
            raise WireProblem("a command needs an id of at most 100 characters")
        command_id = sent["id"]
        name = sent.get("name")
        if not isinstance(name, str):
            raise WireProblem("a command needs a name")
        try:
            # Who sent it is what the hello proved, never a field of the command.
            self.owner.apply(
                Command(
                    name,
                    arguments_from_text(sent.get("args", "")),
                    command_id,
                    window.label,
                    window.role,
                    window.in_browser,
                    window.window_id,
                )
            )
        except WireProblem as problem:
            window.send({"refused": command_id, "why": f"Refused: {problem}."})
            return
        except NotNow as reason:
            window.send({"refused": command_id, "why": str(reason)})
            return
        except Exception as error:  # a command no check caught: refused in words, and the owner carries on
            window.send({"refused": command_id, "why": f"That could not be done ({type(error).__name__})."})
            return
        window.send({"done": command_id, "after": len(self.owner.session.events)})

    def _owner_changed(self, change: Change) -> None:
        message: dict[str, Any] = {"save": _save(self.owner, change.save)}
        if change.events:
            message["events"] = events_text(change.events)
            message["first"] = change.first
        self._tell_all(message)

    def _tell_all(self, message: dict[str, Any]) -> None:
        # Under the lock a welcome is sent under, so a window waiting for its welcome hears this after it.
        with self._lock:
            for window in self._windows:
                if window.held is not None:
                    window.held.append(message)
                else:
                    window.send(message)

    def forget(self, window: _Window) -> None:
        with self._lock:
            if window in self._windows:
                self._windows.remove(window)

    def stop(self, goodbye: str) -> None:
        """Say goodbye to every window, let them go, and remove the socket (the lock is still held)."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self.owner.forget(self._owner_changed)
        with self._lock:
            windows, self._windows = self._windows, []
        for window in windows:
            window.send({"goodbye": goodbye})
            window.outgoing.put(None)  # after the goodbye is written, the writer closes the connection
        if self._listening is not None:
            self._listening.close()
        # Only our own socket: after a lost lock another window may have made one at this name.
        _unlink_if_same(self.path, self._socket_file)
        remove_key(self.owner.path, self.key)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _unlink_if_same(path: Path, identity: tuple[int, int] | None) -> None:
    """Remove the file at `path` if it is still the one that was there (`identity`)."""
    if identity is not None and _identity(path) == identity:
        try:
            Path(path).unlink()
        except OSError:
            pass


def _plain_notice(notice: object) -> bool:
    return isinstance(notice, str) and len(notice) <= 500 and is_plain(notice)


def _refuse(connection: socket.socket, why: str) -> None:
    """Say why to a connection not taken, and let it go (on the accepting thread: never blocks for long)."""
    try:
        connection.settimeout(0.5)
        connection.sendall(encode({"error": why}))
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    connection.close()
