"""What the owner of a session and its other windows say to each other over the session's socket.

One message is one line of JSON, at most MAX_LINE bytes. Sessions, events and a command's
arguments travel as TOML text, in the very form the session file holds them, so dates and
times arrive as dates and times and a window replays events with the same code as a file.

    window -> owner   {"hello": {"session": NAME, "role": ROLE, "name": NAME, "window": ID, "version": 1,
                                 "browser": BOOL, "key": KEY}}     (browser: may not touch files; key: the facilitator's)
                      {"command": {"id": ID, "name": NAME, "args": TOML}}
                      {"notice": TEXT}                      (a served window's address and join code)
    owner -> window   {"welcome": {"session": TOML, "save": SAVE, "notice": TEXT}}   (the state first)
                      {"events": TOML, "save": SAVE}        (what any window changed)
                      {"save": SAVE}                        (how saving went)
                      {"done": ID, "after": N} or {"refused": ID, "why": TEXT}
                      {"notice": TEXT}
                      {"goodbye": TEXT}                     (the owner is closing; said in words)
                      {"error": TEXT}                       (then the owner closes this connection)
"""

import hashlib
import json
import os
import re
import socket
import stat
import time
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from workshop_tui.model import Event, Session
from workshop_tui.store.session_file import event_text, replay_session, session_file_bytes
from workshop_tui.store.toml_files import parse_toml_text, toml_loads

# 2: an owner sends only saved events, each message saying where its events start ("first").
# 3: a hello may give a code, and the owner decides the window's role and person (the welcome's "you").
VERSION = 3
MAX_LINE = 4 * 1024 * 1024  # a whole session of thousands of notes fits; a flood does not
LISTEN_BACKLOG = 256  # connections the kernel holds until the owner accepts them: a room's worth, at once
WINDOW_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")  # a window's id (never a "/": it starts its commands' stamps)


class WireProblem(Exception):
    """A message that is not what the other side should send; the words say what was wrong."""


# Where the socket is.


def short_name(session_path: Path) -> str:
    """A short name for the files beside a session that belong to its windows: ".wt-" and a digest
    of the session's file name. Short, as a socket's whole path is limited to 107 bytes."""
    return ".wt-" + hashlib.sha256(Path(session_path).name.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def socket_path(session_path: Path) -> Path:
    """The session's socket, beside its file."""
    return Path(session_path).parent / f"{short_name(session_path)}.sock"


def _address(path: Path) -> tuple[str, int | None]:
    """An address the kernel takes: the path itself, or, when it is too long, the same file reached
    through an open handle on its folder (the caller closes that handle)."""
    if len(os.fsencode(path)) < 100:
        return str(path), None
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    return f"/proc/self/fd/{folder}/{path.name}", folder


def listen_at(path: Path) -> socket.socket:
    """A listening socket at `path`, readable and writable by its owner only. The caller holds the
    session's lock, so a socket file left there by an owner that died is removed first."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    address, folder = _address(path)
    try:
        server.bind(address)
        os.chmod(address, 0o600)
    except OSError:
        server.close()
        raise
    finally:
        if folder is not None:
            os.close(folder)
    server.listen(LISTEN_BACKLOG)
    return server


def key_path(session_path: Path) -> Path:
    """The facilitator's key, beside the session: a window that reads it may join as the facilitator."""
    return Path(session_path).parent / f"{short_name(session_path)}.key"


def write_key(session_path: Path, key: str) -> None:
    """Write the facilitator's key, readable by this user only, as a new plain file. Whatever stands
    at its name (left by an owner that died, or put there: a link, a pipe) is removed first, never
    written through or waited on: the caller holds the session's lock, so the name is its own."""
    path = key_path(session_path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        os.unlink(path)  # a link is removed itself, not what it points to
        fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, key.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_key(session_path: Path) -> str:
    """The facilitator's key the owner wrote; "" when there is none to read (so the hello is refused)."""
    try:
        # O_NONBLOCK: a pipe put at its name must never hold the window waiting for a writer.
        fd = os.open(key_path(session_path), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        return os.read(fd, 200).decode("ascii", "replace").strip()
    finally:
        os.close(fd)


def remove_key(session_path: Path, key: str) -> None:
    """Remove the key file if it still holds `key` (a window that took over since has its own)."""
    if read_key(session_path) == key:
        try:
            key_path(session_path).unlink()
        except OSError:
            pass


def connect_to(path: Path, timeout: float = 2.0) -> socket.socket:
    """A connection to the owner's socket at `path`. Raises OSError when no owner answers there."""
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(timeout)
    address, folder = _address(path)
    try:
        client.connect(address)
    except OSError:
        client.close()
        raise
    finally:
        if folder is not None:
            os.close(folder)
    client.settimeout(None)
    return client


def owner_answers(session_path: Path) -> bool:
    """True when a window runs this session and answers on its socket (so another window can join it)."""
    try:
        connect_to(socket_path(session_path), timeout=1.0).close()
    except OSError:
        return False
    return True


def same_user(connection: socket.socket) -> bool:
    """True when the process at the other end runs as this user (the socket file is private too)."""
    try:
        creds = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    except OSError:
        return False
    uid = int.from_bytes(creds[4:8], "little")
    return uid == os.getuid()


# Messages.


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    """One message; WireProblem for anything that is not a JSON object on one line."""
    if len(line) > MAX_LINE:
        raise WireProblem(f"a message was longer than {MAX_LINE // (1024 * 1024)} MB")
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nested deeper than any message is
        raise WireProblem("a message was not JSON text") from None
    if not isinstance(message, dict) or len(message) == 0:
        raise WireProblem("a message was not a JSON object")
    return message


class LineReader:
    """Reads whole lines from a socket, refusing any longer than MAX_LINE."""

    def __init__(self, connection: socket.socket):
        self.connection = connection
        self._buffer = b""

    def read(self, deadline: float | None = None) -> bytes | None:
        """The next line (without its end), or None when the other side has closed. With a `deadline`
        (time.monotonic()), TimeoutError once it has passed, however the bytes trickle in."""
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line, self._buffer = self._buffer[:end], self._buffer[end + 1 :]
                return line
            if len(self._buffer) > MAX_LINE:
                raise WireProblem(f"a message was longer than {MAX_LINE // (1024 * 1024)} MB")
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no whole line in time")
                self.connection.settimeout(left)
            try:
                chunk = self.connection.recv(256 * 1024)
            except TimeoutError:
                raise
            except OSError:
                return None
            if not chunk:
                return None
            self._buffer += chunk


# Sessions, events and arguments as TOML text.


def session_text(session: Session) -> str:
    return session_file_bytes(session).decode("utf-8")


def start_text(start: dict[str, Any]) -> str:
    """How the session began (its [session] table), as TOML: with events_text, all a welcome needs."""
    return tomli_w.dumps({"session": start})


def session_from_text(text: str, name: str) -> Session:
    """The session a welcome carries, replayed from its events as a file is."""
    data = parse_toml_text(Path(name), text)
    start, events = data.get("session"), data.get("events", [])
    if not isinstance(start, dict) or not isinstance(events, list):
        raise WireProblem("the session sent has no [session] or [[events]]")
    return replay_session(Path(name), start, events)


def events_text(events: list[Event] | tuple[Event, ...]) -> str:
    return "".join(event_text(event) for event in events)


def events_from_text(text: str) -> list[Event]:
    try:
        data = toml_loads(text)
    except tomllib.TOMLDecodeError:  # TooDeep is one too
        raise WireProblem("the events sent are not TOML") from None
    events = data.get("events", [])
    if not isinstance(events, list):
        raise WireProblem("the events sent are not a list")
    try:
        return [Event.model_validate(item) for item in events]
    except ValueError as error:
        raise WireProblem(f"an event sent is not an event ({str(error).splitlines()[0]})") from None


def arguments_text(args: dict[str, Any]) -> str:
    """A command's arguments as TOML (TOML has no null: an argument that is None is left out)."""
    return tomli_w.dumps({"args": {key: value for key, value in args.items() if value is not None}})


def arguments_from_text(text: object) -> dict[str, Any]:
    if not isinstance(text, str):
        raise WireProblem("a command's arguments are not text")
    try:
        args = toml_loads(text).get("args", {})
    except (
        tomllib.TOMLDecodeError,
        RecursionError,
    ):  # TooDeep is a TOMLDecodeError: nested deeper than any arguments are
        raise WireProblem("a command's arguments are not TOML") from None
    if not isinstance(args, dict):
        raise WireProblem("a command's arguments are not a table")
    return args


def save_fields(saved_at: datetime | None, problem: str, unsaved: int, warning: str = "") -> dict[str, Any]:
    return {
        "saved_at": saved_at.isoformat() if saved_at else None,
        "problem": problem,
        "unsaved": unsaved,
        "warning": warning,
    }
