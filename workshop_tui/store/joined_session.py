"""A window on a session that another process owns: the note-taker's window, the audience window.

It sends commands to the owner over the session's socket and mirrors every change, so a screen
reads it as it reads an OpenSession. Each command is kept on disk (store/outbox.py) until the
owner confirms it. If the owner goes, the window says so in words and keeps what is typed; a window
that may change the session then takes over as the owner (taking the session's lock) and applies
what it still holds. The audience window only waits for an owner to come back.

    window = JoinedSession(path, clock, "note-taker", "Bob")
    window.listen(print)
    window.apply(Command("add_note", {"typed": "+ Meet at the library"}))
    window.close()
"""

import os
import secrets
import socket
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Unpack

from workshop_tui.core.clock import Clock
from workshop_tui.core.record_commands import NotNow
from workshop_tui.core.roles import ROLES, Role
from workshop_tui.core.session_engine import SessionEngine, start_of
from workshop_tui.core.shown_session import Shown
from workshop_tui.model import Event, Session
from workshop_tui.store.open_session import REFUSED, OpenSession, SaverTimings
from workshop_tui.store.outbox import Outbox
from workshop_tui.store.problems import FileProblem, OpenElsewhere
from workshop_tui.store.session_file import load_session
from workshop_tui.store.session_link import Change, Command, Link, Listener, SaveState
from workshop_tui.store.session_wire import (
    VERSION,
    LineReader,
    WireProblem,
    arguments_from_text,
    arguments_text,
    connect_to,
    decode,
    encode,
    events_from_text,
    read_key,
    session_from_text,
    socket_path,
)

REPLY_WAIT = 3.0  # seconds a command waits for the owner's answer before it is kept for later
RETRY = 0.25  # seconds between tries to reach an owner that has gone


class _Reply:
    def __init__(self) -> None:
        self.ready = threading.Event()
        self.refused = ""
        self.after = 0  # the owner's event count once it was applied: on disk when the owner has saved that many


class JoinedSession:
    """A window joined to the session in `path`, as `role` (core/roles.py) and the person `name`.

    The owner decides who the window is (core/joining.py) and says so in its welcome: a facilitator's
    window only with the facilitator's key, which `with_key` reads from beside the session at each hello
    (`resume_or_join`), or with the facilitator's `code`; a panel member's only with that member's `code`.
    `in_browser`: a web browser's window, which says so, and may then touch no file (`serve` starts its
    windows with `--in-browser`)."""

    def __init__(
        self,
        path: Path,
        clock: Clock,
        role: Role,
        name: str = "",
        take_over: bool = True,
        with_key: bool = False,
        in_browser: bool = False,
        code: str = "",
        **saver: Unpack[SaverTimings],
    ):
        self.path = Path(path)
        self.clock = clock
        self.role: Role = role
        self._with_key = with_key
        self._code = code
        self.in_browser = in_browser
        self.window = f"{role}: {name.strip()}" if name.strip() else role
        self.read_only = role == "audience"
        self._may_take_over = take_over and not self.read_only
        self._saver = saver  # for the owner it becomes if it takes over
        # The file's state until the owner answers with the state it holds.
        self._engine = SessionEngine(load_session(self.path), clock)
        if role == "facilitator" and not name.strip() and self._engine.session.facilitator:
            self.window = f"facilitator: {self._engine.session.facilitator}"  # as the owner's own screen says it
        self._owner: OpenSession | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()  # guards the connection, the pending commands and their replies
        self._taking_over = threading.Lock()  # held while what was kept is applied by this window as the new owner
        self._owner_slow = False  # a reply did not come in time: send on without waiting until one does
        self._connection: socket.socket | None = None
        # Sent and not yet on disk, in the order sent: kept (here and in the outbox) until the owner has
        # saved their events, so an owner killed between applying and saving loses nothing.
        self._pending: dict[str, dict[str, str]] = {}
        self._on_disk_at: dict[str, int] = {}  # applied commands: the owner's event count once they were
        self._replies: dict[str, _Reply] = {}
        self._sent = 0
        self.window_id = f"{os.getpid()}-{secrets.token_hex(3)}"
        self._outbox = None if self.read_only else Outbox(self.path, self.window_id)
        self.notice = ""
        self.gone_because = ""  # why the owner went, when it said: "closed" or "finished"
        self.owner_saved: SaveState = SaveState()
        self.owner_saved_count = 0  # how many events the owner has on disk
        self._link = Link.JOINING
        # Changes each time this window's whole session is replaced (a welcome, a takeover), so a screen
        # that draws it starts again from the whole session (core/shown_session.py).
        self._generation = 0
        self._saved_more = threading.Condition()  # woken whenever the owner says how much it has saved
        self._kept_everything = True  # after a takeover: every change kept here was carried out and saved
        self._closed = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="joined-session", daemon=True)
        self._thread.start()

    # What a screen reads, as from an OpenSession.

    @property
    def link(self) -> Link:
        return self._link

    @property
    def kept_everything(self) -> bool:
        return self._kept_everything

    @property
    def engine(self) -> SessionEngine:
        return self._owner.engine if self._owner is not None else self._engine

    def shown(self, count: int, generation: int) -> Shown:
        """For a screen: the saved events after its first `count`, or all of them when its copy is of an
        earlier generation. Every event a window hears is one the owner has saved."""
        with self._lock:  # the session and its generation are replaced together (a welcome, a takeover)
            owner, engine, now = self._owner, self._engine, self._generation
        if owner is not None:
            return replace(owner.shown(count, 0 if generation == now else 1), generation=now)
        with engine.lock:
            events = engine.session.events
            if generation != now or count > len(events):
                return Shown(now, tuple(events), start_of(engine.session))
            return Shown(now, tuple(events[count:]))

    @property
    def session(self) -> Session:
        return self.engine.session

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def save_state(self) -> SaveState:
        if self._owner is not None:
            return self._owner.save_state
        waiting = len(self._pending)
        if self.link == Link.JOINED:
            # What this window typed and the owner has not saved yet is unsaved, whatever the owner said last.
            return replace(self.owner_saved, unsaved=max(self.owner_saved.unsaved, waiting))
        if self.link == Link.FINISHED or not waiting:
            # Nothing typed here is waiting: all of it is saved. Where the owner is, the screen says apart.
            return SaveState(self.owner_saved.saved_at, "", 0)
        # Not a failure: what was typed here is safe in this window's outbox. Said once, calmly, as a warning,
        # so the screen raises no alarm now and says no "saving works again" later.
        kept = (
            f"{waiting} change{'s' if waiting != 1 else ''} typed here {'is' if waiting == 1 else 'are'} "
            "kept safe on this computer"
        )
        if self.link in (Link.JOINING, Link.TAKING_OVER):
            return SaveState(None, "", waiting, f"{kept}, and added once this window has joined the session.")
        return SaveState(
            self.owner_saved.saved_at, "", waiting, f"{kept}, and added when the window that runs the session is back."
        )

    @property
    def locked(self) -> bool:
        return self._owner is not None and self._owner.locked

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def forget(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _tell(self, change: Change) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                pass  # a screen that has gone must not stop the window

    # Changing the session.

    def carry_out(self, command: Command) -> list[Event]:
        return self.apply(command)

    def apply(self, command: Command) -> list[Event]:
        """Send `command` to the owner and wait a moment for it to be saved there; raises NotNow with the
        owner's reason when it is refused. With no owner to answer, it is kept on disk and sent when there is one."""
        if self.read_only:
            raise NotNow("This window only shows the session; it cannot change it.")
        if self._owner is None and self.engine.finished:
            raise NotNow("This session has finished, so it cannot change now.")
        assert self._outbox is not None
        with self._lock:
            owner = self._owner
            if owner is None:  # decided under the lock a takeover sets the owner under, so nothing falls between
                self._sent += 1
                command_id = f"{self.window_id}-{self._sent}"
                sent = {
                    "id": command_id,
                    "name": command.name,
                    "args": arguments_text(command.args),
                    "window": self.window,
                }
                self._outbox.add(sent)
                self._pending[command_id] = sent
                reply = self._replies[command_id] = _Reply()
                connection = self._connection
        if owner is not None:
            with self._taking_over:  # after what was kept from before the takeover, in the order typed
                return owner.carry_out(self._as_this_window(command))
        if connection is not None:
            self._send(connection, {"command": {key: sent[key] for key in ("id", "name", "args")}})
        # An owner that has stopped answering holds up one key press, not every one after it.
        if connection is None or not reply.ready.wait(0 if self._owner_slow else REPLY_WAIT):
            self._owner_slow = connection is not None
            self._tell(Change((), self.save_state))  # said on screen: kept, to be sent
            return []
        if reply.refused:
            raise NotNow(reply.refused)
        # Done: wait a moment more for the owner to have saved it, so this window shows it as it draws again.
        with self._saved_more:
            if not self._saved_more.wait_for(
                lambda: self.owner_saved_count >= reply.after or self.link != Link.JOINED, REPLY_WAIT
            ):
                self._owner_slow = True
        return []

    def _as_this_window(self, command: Command) -> Command:
        """A command typed here, for the owner this window has become: with this window's rights, not more."""
        return replace(
            command, window=self.window, role=self.role, in_browser=self.in_browser, window_id=self.window_id
        )

    def _send(self, connection: socket.socket, message: dict[str, Any]) -> None:
        try:
            connection.sendall(encode(message))
        except OSError:
            pass  # the reader notices the owner has gone; the command is kept

    def _answered(self, command_id: str, refused: str = "", events: int | None = None) -> None:
        """The owner's answer. A refused command is let go; a done one once its events are saved."""
        if refused:
            self._owner_slow = False  # it answers; a done one counts once it is saved (`_let_go_of_saved`)
        with self._lock:
            if refused or events is None:
                self._pending.pop(command_id, None)
            else:
                self._on_disk_at[command_id] = events
            reply = self._replies.pop(command_id, None)
        self._let_go_of_saved()
        if reply is not None:
            reply.refused = refused
            reply.after = events or 0
            reply.ready.set()

    def _let_go_of_saved(self) -> None:
        saved = self.owner_saved_count
        with self._lock:
            for command_id, events in list(self._on_disk_at.items()):
                if events <= saved:
                    del self._on_disk_at[command_id]
                    self._pending.pop(command_id, None)
            if not self._on_disk_at:
                self._owner_slow = False  # the owner has saved all it was sent: wait for it again
            if not self._pending and self._outbox is not None:
                self._outbox.empty()

    # The link to the owner, on its own thread.

    def _run(self) -> None:
        said_gone = False
        while not self._stop.is_set():
            try:
                connection = connect_to(socket_path(self.path))
            except OSError:
                connection = None
            if connection is not None:
                self._talk(connection)
                said_gone = False
                if self._stop.is_set():
                    return
            if self.engine.finished:
                self._set_link(Link.FINISHED)
                return
            if self._may_take_over and self._take_over():
                return
            if not said_gone or self.link != Link.GONE:
                self._set_link(Link.GONE)
                said_gone = True
            self._stop.wait(RETRY)

    def _talk(self, connection: socket.socket) -> None:
        """Say hello, take the state, send what is kept, then mirror every change until the owner goes."""
        reader = LineReader(connection)
        try:
            hello = {
                "session": self.path.name,
                "role": self.role,
                "name": self.window.partition(": ")[2],
                "window": self.window_id,
                "version": VERSION,
                "browser": self.in_browser,
            }
            if self._with_key:
                hello["key"] = read_key(self.path)  # each time: an owner that took over since has its own
            if self._code:
                hello["code"] = self._code
            connection.sendall(encode({"hello": hello}))
            while not self._stop.is_set():
                line = reader.read()
                if line is None:
                    break
                self._heard(connection, decode(line))
        except (OSError, WireProblem, FileProblem) as problem:
            self.owner_saved = replace(self.owner_saved, problem=f"The link to the session broke ({problem}).")
        finally:
            with self._lock:
                self._connection = None
            connection.close()

    def _heard(self, connection: socket.socket, message: dict[str, Any]) -> None:
        if "welcome" in message:
            welcome = message["welcome"]
            session = session_from_text(str(welcome.get("session", "")), self.path.name)
            self.notice = str(welcome.get("notice") or "")
            engine = SessionEngine(session, self.clock)
            engine.changed_only_on(threading.current_thread())  # this reader, and no other, changes the copy
            you = welcome.get("you")
            if isinstance(you, dict) and you.get("role") in ROLES and isinstance(you.get("name"), str):
                # Who the owner took this window for: its commands carry that, should this window take over.
                self.role, name = you["role"], you["name"]
                self.window = f"{self.role}: {name}" if name else self.role
            with self._lock:
                self._engine = engine
                self._generation += 1
                self._connection = connection
                kept = list(self._pending.values())
            self._heard_save(welcome.get("save"))
            for sent in kept:  # sent again: the owner applies each id once
                self._send(connection, {"command": {key: sent[key] for key in ("id", "name", "args")}})
            self._link = Link.JOINED
            self.gone_because = ""
            self._tell(Change((), self.save_state, notice=self.notice or None, reset=True))
        elif "events" in message:
            events = events_from_text(str(message["events"]))
            first = message.get("first")
            with self._engine.lock:
                have = len(self._engine.session.events)
                if not isinstance(first, int) or first > have:
                    # Something was missed: start again from the owner's whole session, never show a gap.
                    raise WireProblem("a change came out of order, so this window joins again")
                events = events[have - first :]  # heard already (sent with the welcome): never twice
                for event in events:
                    self._engine.apply(event)
            self._heard_save(message.get("save"))
            self._tell(Change(tuple(events), self.save_state))
        elif "save" in message:
            self._heard_save(message.get("save"))
            self._tell(Change((), self.save_state))
        elif "done" in message:
            count = message.get("after")  # the owner's event count once it was applied
            self._answered(str(message["done"]), events=count if isinstance(count, int) else 0)
        elif "refused" in message:
            self._answered(str(message["refused"]), str(message.get("why") or "The session refused that."))
        elif "notice" in message:
            self.notice = str(message["notice"])
            self._tell(Change((), self.save_state, notice=self.notice))
        elif "goodbye" in message:
            self.gone_because = str(message["goodbye"])
        elif "error" in message:
            raise WireProblem(str(message["error"]))

    def _heard_save(self, sent: object) -> None:
        self.owner_saved = _save_state(sent)
        saved = sent.get("saved") if isinstance(sent, dict) else None
        with self._saved_more:
            self.owner_saved_count = saved if isinstance(saved, int) else 0
            self._saved_more.notify_all()
        self._let_go_of_saved()

    def _take_over(self) -> bool:
        """Become the owner if no process holds the session. True once this window owns it."""
        try:
            owner = OpenSession.resume(self.path, self.clock, **self._saver)
        except OpenElsewhere:
            return False  # another window took over first: join that one
        except FileProblem as problem:
            if "finished" in str(problem):
                self._set_link(Link.FINISHED)
                return True
            self.owner_saved = replace(self.owner_saved, problem=str(problem))
            return False
        self._set_link(Link.TAKING_OVER)
        owner.serve()
        with self._taking_over:
            with self._lock:
                self._owner = owner  # from now on apply() goes to it (and waits for the replay below)
                self._generation += 1
                kept = list(self._pending.values())
            for sent in kept:  # the owner applies each id once: those already in the file are skipped
                try:
                    owner.apply(
                        self._as_this_window(Command(sent["name"], arguments_from_text(sent["args"]), sent["id"]))
                    )
                    self._answered(sent["id"])  # this process owns the session now: its own saver has them
                except (NotNow, WireProblem, *REFUSED) as reason:
                    self._answered(sent["id"], str(reason))
            # "Nothing typed here was lost" only once it is checked: each kept change is in the file.
            self._kept_everything = owner.flush().ok and owner.saved_count == len(owner.session.events)
            owner.listen(self._tell)
            self._link = Link.OWNER
        self._tell(Change((), owner.save_state, reset=True))
        return True

    def _set_link(self, link: Link) -> None:
        self._link = link
        self._tell(Change((), self.save_state))

    # Closing.

    def flush(self) -> SaveState:
        """Wait a moment for the owner to confirm what was sent; the state says what is still kept."""
        if self._owner is not None:
            return self._owner.flush()
        deadline = threading.Event()
        for _ in range(int(REPLY_WAIT / 0.02)):  # until the owner has saved what this window sent
            if not self._pending or self.link != Link.JOINED:
                break
            deadline.wait(0.02)
        return self.save_state

    def close(self) -> SaveState:
        """Let go of the owner (or, after a takeover, close the session as its owner). Safe to call twice."""
        if self._closed:
            return self.save_state
        state = self.flush()
        self._closed = True
        self._stop.set()
        with self._lock:
            connection, self._connection = self._connection, None
            keep = bool(self._pending)
        if connection is not None:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._owner is not None:
            state = self._owner.close()
        if self._outbox is not None:
            self._outbox.close(keep)
        self._listeners.clear()
        return state

    def __enter__(self) -> "JoinedSession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _save_state(sent: object) -> SaveState:
    if not isinstance(sent, dict):
        return SaveState()
    saved = sent.get("saved_at")
    try:
        saved_at = datetime.fromisoformat(saved) if isinstance(saved, str) else None
    except ValueError:
        saved_at = None
    unsaved = sent.get("unsaved")
    return SaveState(
        saved_at,
        str(sent.get("problem") or ""),
        unsaved if isinstance(unsaved, int) else 0,
        str(sent.get("warning") or ""),
    )


def resume_or_join(path: Path, clock: Clock, **saver: Unpack[SaverTimings]) -> "OpenSession | JoinedSession":
    """Carry on the session in `path` as its owner; or, if another window runs it and answers on its
    socket, join that window as the facilitator's screen, with the facilitator's key that window's
    owner wrote beside the session (without it the owner would take this for a note-taker's claim, and
    refuse it). Raises FileProblem (OpenElsewhere for a session held by a process that does not let
    windows join)."""
    from workshop_tui.store.session_wire import owner_answers

    try:
        return OpenSession.resume(path, clock, **saver)
    except OpenElsewhere:
        if not owner_answers(path):
            raise
        return JoinedSession(path, clock, "facilitator", with_key=True, **saver)
