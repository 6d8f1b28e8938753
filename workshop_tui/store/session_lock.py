"""One session, one writer: the operating system's lock on a small file beside the session.

`fcntl.flock` is held on an open file, so the kernel lets go of it when the process ends, however
it ends. No process numbers are trusted, so a lock left by a crash or a reboot never blocks anyone.
The lock file is never deleted once a session is open: deleting it could let two processes lock two
different files. (A lock file made by an open that then failed is removed while still held, and
`acquire()` checks that the file it locked is still the one at its path.) If someone else deletes or replaces it (or the whole folder) while it is held, `still_ours()` says
so, and the owner stops writing the session file (store/open_session.py).

The lock file is opened without following a link and only if it is an ordinary file, so a link
named like a lock never has a process number written through it into another file.
"""

import errno
import fcntl
import os
from pathlib import Path

from workshop_tui.store.atomic import PRIVATE, NotAFile, open_own_file
from workshop_tui.store.problems import FileProblem, OpenElsewhere


def lock_path(session_path: Path) -> Path:
    return session_path.with_name(f".{session_path.name}.lock")


class SessionLock:
    """Held while a session is open for changes; `release()` when done."""

    def __init__(self, session_path: Path):
        self.session_path = Path(session_path)
        self.path = lock_path(self.session_path)
        self._fd: int | None = None
        self._on_session_file = False  # a folder that allowed no lock file: the session file itself is locked
        self._made = False  # this lock made its file (so it may remove it if the session is not opened)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise FileProblem if another window has the session open, or if a link,
        a folder or a pipe stands where the lock file should be.

        Raises OSError when neither a lock file nor the session file can be opened.
        """
        if self._fd is not None:
            return
        for _ in range(5):
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                os.close(fd)
                who = f" (process {holder})" if holder else ""
                raise OpenElsewhere(
                    self.session_path,
                    "",
                    f"this session is open in another window of workshop-tui{who}",
                    "Carry on in that window, or close the session there first.",
                ) from None
            except OSError:
                os.close(fd)
                raise
            if self._on_session_file or _same_file(fd, self.path):
                break
            # Removed between opening and locking it (by a window that made it, then could not open
            # the session): a lock on a file no longer there keeps nobody out, so lock the one there now.
            os.close(fd)
        else:
            raise OSError(errno.EAGAIN, "its lock file keeps changing", str(self.path))
        _write_holder(fd)
        self._fd = fd

    def _open(self) -> int:
        self._made = False
        try:
            try:
                fd = open_own_file(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE)
                self._made = True
                return fd
            except FileExistsError:
                return open_own_file(self.path, os.O_RDWR, PRIVATE)
        except NotAFile as error:
            raise FileProblem(
                self.session_path,
                "",
                f"its lock file {self.path.name} is not an ordinary file ({error.strerror})",
                "Remove that name from the folder and try again.",
            ) from None
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
        if os.path.lexists(self.path):
            # A lock file we may not write to (made read-only) is locked all the same: flock needs no
            # writing, and locking anything else would let a second window in beside the first.
            try:
                return open_own_file(self.path, os.O_RDONLY)
            except NotAFile:
                raise FileProblem(
                    self.session_path,
                    "",
                    f"its lock file {self.path.name} is not an ordinary file",
                    "Remove that name from the folder and try again.",
                ) from None
        # A folder we may not write to: lock the session file itself (nobody can save there anyway).
        self._on_session_file = True
        return open_own_file(self.session_path, os.O_RDONLY)

    def still_ours(self) -> bool:
        """Whether the lock held is still the lock at its path: False once the lock file (or the
        folder) was removed or replaced, when another window could lock the new one."""
        if self._fd is None:
            return False
        if self._on_session_file:
            # Our own whole writes replace the session file, so only a lock file appearing counts.
            return not os.path.lexists(self.path) and self.session_path.parent.is_dir()
        return _same_file(self._fd, self.path)

    def release(self, unmade: bool = False) -> None:
        """Let go. `unmade`: the session was not opened after all, so a lock file this call made is
        removed again (while still held, so no other window can be locking it)."""
        if self._fd is not None:
            try:
                if unmade and self._made and _same_file(self._fd, self.path):
                    os.unlink(self.path)
            except OSError:
                pass
            try:
                os.close(self._fd)  # closing the file lets go of the lock
            finally:
                self._fd = None


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is the file at `path` now (not removed, not replaced)."""
    try:
        mine = os.fstat(fd)
        there = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


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


def open_elsewhere(session_path: Path) -> bool:
    """Whether a window of workshop-tui has this session open now (holds its lock). Only asks: never
    makes a lock file, never keeps the lock."""
    try:
        fd = open_own_file(lock_path(Path(session_path)), os.O_RDONLY)
    except OSError:
        return False  # no lock file (never opened, or a folder that allowed none): nobody holds it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing lets go of the shared lock, if it was taken
    return False
