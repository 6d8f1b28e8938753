"""One session, one writer: the operating system's lock on a small file beside the session.

`fcntl.flock` is held on an open file, so the kernel lets go of it when the process ends, however
it ends. No process numbers are trusted, so a lock left by a crash or a reboot never blocks anyone.
The lock file is never deleted: deleting it could let two processes lock two different files.
"""

import fcntl
import os
from pathlib import Path

from workshop_tui.store.atomic import OWNER_ONLY
from workshop_tui.store.problems import OpenElsewhere


def lock_path(session_path: Path) -> Path:
    return session_path.with_name(f".{session_path.name}.lock")


class SessionLock:
    """Held while a session is open for changes; `release()` when done."""

    def __init__(self, session_path: Path):
        self.session_path = Path(session_path)
        self.path = lock_path(self.session_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise FileProblem if another window has the session open.

        Raises OSError when neither a lock file nor the session file can be opened.
        """
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, OWNER_ONLY)
        except OSError:
            # A folder we may not write to: lock the session file itself (nobody can save there anyway).
            fd = os.open(self.session_path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            who = f" (process {holder})" if holder else ""
            raise OpenElsewhere(
                self.session_path, "",
                f"this session is open in another window of workshop-tui{who}",
                "Carry on in that window, or close the session there first.",
            ) from None
        except OSError:
            os.close(fd)
            raise
        _write_holder(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)  # closing the file lets go of the lock
            finally:
                self._fd = None


def _holder(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isascii() and text.isdigit() else None
    except (OSError, ValueError):
        return None


def _write_holder(fd: int) -> None:
    # For the message another window shows; nothing trusts it.
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
    except OSError:
        pass  # the session file itself, opened to read only
