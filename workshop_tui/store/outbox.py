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

from workshop_tui.store.atomic import OWNER_ONLY
from workshop_tui.store.session_wire import short_name

_MOST = 4 * 1024 * 1024  # an outbox larger than this is not one this app wrote; it is left alone


def outbox_path(session_path: Path, window_id: str) -> Path:
    return Path(session_path).parent / f"{short_name(session_path)}.{window_id}.outbox"


class Outbox:
    """One window's outbox, locked for as long as the window runs."""

    def __init__(self, session_path: Path, window_id: str):
        self.path = outbox_path(session_path, window_id)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, OWNER_ONLY)
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


def read_commands(data: bytes) -> list[dict[str, str]]:
    """The commands in an outbox; a line cut short by a crash, or one not written by this app, is skipped."""
    commands = []
    for line in data.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and all(isinstance(item.get(key), str) for key in ("id", "name", "args")):
            commands.append(item)
    return commands


@contextmanager
def left_behind(session_path: Path) -> Iterator[list[dict[str, str]]]:
    """The commands in the outboxes of windows of this session that have gone (their lock is free),
    in the order each window sent them. The outboxes are removed when the caller is done."""
    taken: list[tuple[Path, int]] = []
    commands: list[dict[str, str]] = []
    folder = Path(session_path).parent
    try:
        for path in sorted(folder.glob(f"{short_name(session_path)}.*.outbox")):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)  # a window still running: it sends its own again
                continue
            taken.append((path, fd))
            size = os.fstat(fd).st_size
            if size <= _MOST:
                commands += read_commands(os.pread(fd, size, 0))
        yield commands
        for path, _ in taken:
            try:
                path.unlink()
            except OSError:
                pass
    finally:
        for _, fd in taken:
            os.close(fd)
