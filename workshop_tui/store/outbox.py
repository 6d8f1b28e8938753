"""A window's commands that the owner has not confirmed yet, kept on disk beside the session.

A window writes each command here before sending it, and lets it go once the owner says "done" or
"refused". If the window, the owner or the computer stops in between, nothing typed is lost: the
window sends them again when it joins again, and an owner that opens the session applies those of
windows that have gone (each command has an id, and the owner applies an id once).

The window holds a lock on its outbox while it runs, so an owner can tell a live window's outbox
(left alone: that window sends again itself) from one left behind (applied, then removed).
"""

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from workshop_tui.store.atomic import PRIVATE, NotAFile, open_own_file
from workshop_tui.store.session_wire import short_name

# No command this app writes comes near this (the wire's own limit is 4 MB); a longer line is skipped.
LONGEST_LINE = 4 * 1024 * 1024


def outbox_path(session_path: Path, window_id: str) -> Path:
    return Path(session_path).parent / f"{short_name(session_path)}.{window_id}.outbox"


class Outbox:
    """One window's outbox, locked for as long as the window runs.

    Raises OSError (NotAFile) when a link, a folder or a pipe has the outbox's name: it is never
    written through."""

    def __init__(self, session_path: Path, window_id: str):
        self.path = outbox_path(session_path, window_id)
        self._fd = open_own_file(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, PRIVATE)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a fresh id: nobody else has it

    def add(self, command: dict[str, str]) -> None:
        """Keep `command` (id, name, args as TOML, window) on disk before it is sent."""
        os.write(self._fd, (json.dumps(command, ensure_ascii=False) + "\n").encode("utf-8"))
        os.fsync(self._fd)

    def empty(self) -> None:
        """Every command was answered: the outbox starts again."""
        os.ftruncate(self._fd, 0)

    def close(self, keep: bool) -> None:
        """Let go. `keep`: commands are still unanswered, so the file stays for the next owner."""
        if not keep:
            try:
                self.path.unlink()
            except OSError:
                pass
        os.close(self._fd)


def command_of(line: bytes) -> dict[str, str] | None:
    """The command on one line of an outbox; None for a line cut short by a crash, or not written by this app."""
    try:
        item = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if isinstance(item, dict) and all(isinstance(item.get(key), str) for key in ("id", "name", "args")):
        return item
    return None


class LeftBehind:
    """The outboxes of windows of one session that have gone (their lock is free), each locked by
    this process while its commands are read and applied.

    `commands()` reads them line by line, so an outbox of any size is applied in parts and never
    held in memory whole. `remove_applied()` removes only the outboxes read to their end, once the
    caller has applied (and saved) what was in them: an outbox is never removed unapplied."""

    def __init__(self, session_path: Path):
        self.passed_over: list[str] = []  # sentences: names like an outbox that are not ordinary files
        self._taken: list[tuple[Path, int]] = []
        self._read: list[Path] = []
        folder = Path(session_path).parent
        for path in sorted(folder.glob(f"{short_name(session_path)}.*.outbox")):
            try:
                fd = open_own_file(path, os.O_RDWR)
            except NotAFile as error:
                self.passed_over.append(
                    f"{path.name} is not an ordinary file ({error.strerror}), so it was passed over."
                )
                continue
            except OSError:
                continue  # gone meanwhile, or not ours to read
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)  # a window still running: it sends its own again
                continue
            self._taken.append((path, fd))

    def commands(self) -> Iterator[dict[str, str]]:
        """Every command kept, outbox by outbox, in the order each window sent them."""
        for path, fd in self._taken:
            with os.fdopen(os.dup(fd), "rb") as file:
                while True:
                    line = file.readline(LONGEST_LINE + 1)
                    if not line:
                        break
                    if len(line) > LONGEST_LINE and not line.endswith(b"\n"):
                        _skip_rest_of_line(file)  # far too long to be a command this app wrote
                        continue
                    command = command_of(line)
                    if command is not None:
                        yield command
            self._read.append(path)

    def remove_applied(self) -> None:
        """Remove the outboxes whose every command has been read (and, by the caller, applied)."""
        for path in self._read:
            try:
                path.unlink()
            except OSError:
                pass

    def close(self) -> None:
        for _, fd in self._taken:
            os.close(fd)
        self._taken = []


def _skip_rest_of_line(file: BinaryIO) -> None:
    while True:
        part = file.readline(LONGEST_LINE)
        if not part or part.endswith(b"\n"):
            return


@contextmanager
def left_behind(session_path: Path) -> Iterator[LeftBehind]:
    """The outboxes of windows of this session that have gone, locked until the block ends.
    Nothing is removed unless the caller calls `remove_applied()`."""
    batch = LeftBehind(session_path)
    try:
        yield batch
    finally:
        batch.close()
