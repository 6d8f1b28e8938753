"""One session, one window: a lock file stops two copies of the app writing the same session.

A lock left behind by a crash names a process that no longer runs, so it is taken over.
"""

import os
from pathlib import Path

from workshop_tui.store.atomic import OWNER_ONLY, write_atomically
from workshop_tui.store.problems import FileProblem


def lock_path(session_path: Path) -> Path:
    return session_path.with_name(session_path.name + ".lock")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    return True


def _holder(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None


class SessionLock:
    """Held while a session is open for changes; `release()` when done."""

    def __init__(self, session_path: Path):
        self.path = lock_path(Path(session_path))
        self.session_path = Path(session_path)

    def acquire(self) -> None:
        """Take the lock, or raise FileProblem if another running copy holds it."""
        me = os.getpid()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
        except FileExistsError:
            holder = _holder(self.path)
            if holder not in (None, me) and _running(holder):
                raise FileProblem(
                    self.session_path,
                    "",
                    f"this session is open in another copy of workshop-tui (process {holder})",
                    "Carry on there, or close it there first.",
                ) from None
            # Left behind by a crash: take it over.
            write_atomically(self.path, str(me).encode(), OWNER_ONLY)
            return
        with os.fdopen(fd, "w") as file:
            file.write(str(me))

    def release(self) -> None:
        if _holder(self.path) == os.getpid():
            try:
                self.path.unlink()
            except OSError:
                pass
