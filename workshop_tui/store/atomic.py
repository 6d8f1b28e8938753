"""Atomic saves: a crash at any moment leaves either the old file or the new one."""

import glob
import os
import tempfile
from pathlib import Path

OWNER_ONLY = 0o600


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


def write_atomically(path: Path, data: bytes, mode: int = OWNER_ONLY) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    path = Path(path)
    temp_name = _write_temp(path.parent, path.name, data, mode)
    try:
        os.replace(temp_name, path)
    except BaseException:
        _remove(temp_name)
        raise
    _sync_folder(path.parent)


def create_new(path: Path, data: bytes, mode: int = OWNER_ONLY) -> None:
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
