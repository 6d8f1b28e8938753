"""Atomic saves: a crash at any moment leaves either the old file or the new one."""

import errno
import glob
import os
import stat
import tempfile
from pathlib import Path

# A file only the person who made it may read and write (its owner, to the system): every file that
# holds names. Not "owner" in the app's own words, where the session's owner is the process that keeps it.
PRIVATE = 0o600


class NotAFile(OSError):
    """A name where one of this app's files should be is a link, a folder, a pipe, a socket or a device.

    This app never writes through a link (it would change a file somewhere else) and never reads a
    pipe (it could wait for ever), so such a name is passed over and said, never used."""


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a link to another file"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def open_own_file(path: Path, flags: int, mode: int = PRIVATE) -> int:
    """Open `path` without following a link, and only if it is a regular file; raises OSError
    (NotAFile for a link, a folder, a pipe, a socket or a device)."""
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer that never comes.
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, mode)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):  # O_NOFOLLOW met a link
            raise NotAFile(
                errno.ELOOP, "it is a link to another file, which this app never writes through", str(path)
            ) from None
        if error.errno in (errno.EISDIR, errno.ENXIO):  # a folder, or a pipe nobody reads
            try:
                kind = _kind_of(os.lstat(path).st_mode)
            except OSError:
                raise error from None
            raise NotAFile(error.errno, f"it is {kind}, not an ordinary file", str(path)) from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotAFile(errno.EINVAL, f"it is {_kind_of(info.st_mode)}, not an ordinary file", str(path))
    os.set_blocking(fd, True)
    return fd


def check_replaceable(path: Path) -> None:
    """Raise NotAFile unless `path` is missing or a regular file: a save must never replace a link
    (the file it points to would be left behind as a second, older copy), a folder or a pipe."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotAFile(errno.EINVAL, f"it is {_kind_of(mode)}, not an ordinary file", str(path))


def _sync_folder(folder: Path) -> None:
    # The rename is only durable once the folder's entry is on disk too.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_temp(folder: Path, name: str, data: bytes, mode: int) -> str:
    """A complete, flushed copy of `data` in a temporary file beside its final name."""
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".saving")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
    except BaseException:
        _remove(temp_name)
        raise
    return temp_name


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def write_atomically(path: Path, data: bytes, mode: int = PRIVATE) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    path = Path(path)
    temp_name = _write_temp(path.parent, path.name, data, mode)
    try:
        os.replace(temp_name, path)
    except BaseException:
        _remove(temp_name)
        raise
    _sync_folder(path.parent)


def create_new(path: Path, data: bytes, mode: int = PRIVATE) -> None:
    """Create `path` whole, or raise FileExistsError: an existing file is never replaced."""
    path = Path(path)
    temp_name = _write_temp(path.parent, path.name, data, mode)
    try:
        # A hard link appears whole and refuses to replace an existing name.
        os.link(temp_name, path)
    except FileExistsError:
        raise
    except OSError:
        # Some file systems have no hard links: claim the name first, then fill it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as new:
            new.write(data)
            new.flush()
            os.fsync(new.fileno())
    finally:
        _remove(temp_name)
    _sync_folder(path.parent)


def remove_leftovers(path: Path) -> None:
    """Remove the temporary files of saves of `path` that a crash cut short. Call with the lock held."""
    path = Path(path)
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.saving"):
        _remove(str(leftover))
