"""The sessions folder at a glance: one line per session file, fast however many there are.

Each file's line comes from the [summary] at its head (store/session_file.py), so listing a
folder never parses whole sessions. A small index remembers each line with the file's size,
times, inode and closing head digest, so a second listing reads only files that changed. The index is a cache and
nothing more: anything unexpected in it is ignored, and file paths always come from the folder.
"""

import hashlib
import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop_tui.core.session_summary import SessionLine
from workshop_tui.store.atomic import PRIVATE, open_own_file, write_atomically
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import CLOSING_BYTES, closing_head, read_summary
from workshop_tui.store.sessions_dir import session_paths
from workshop_tui.store.toml_files import open_regular

INDEX_NAME = ".workshop-tui-index.json"
INDEX_VERSION = 5  # 4: each line names the session it follows on from; 5: each entry has a check of its line

_TEXT_FIELDS = ("title", "plan", "facilitator", "status", "plan_name", "follows")
_COUNT_FIELDS = ("minutes", "notes", "decisions", "open_actions")


def _stamp(path: Path) -> list[int | str] | None:
    """What a file's index entry is kept against: its times, size and inode, and the head digest and
    event count of its closing lines (see store/session_file.py), read from its last few bytes.

    The change time moves on every write and cannot be set back by a program, unlike the
    modification time, so a file changed with the same size and time is still noticed. None for
    anything that is not an ordinary file: its line is worked out again at each listing."""
    try:
        fd = open_own_file(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        closing = closing_head(os.pread(fd, CLOSING_BYTES, max(0, info.st_size - CLOSING_BYTES)))
    except OSError:
        return None
    finally:
        os.close(fd)
    end = f"{closing[0]} {closing[1]}" if closing else ""
    return [info.st_mtime_ns, info.st_size, info.st_ctime_ns, info.st_ino, end]


def _check(stamp: object, line: object) -> str:
    """A digest of an entry's stamp and line together: an entry edited by hand no longer matches it.
    (Not a secret: the index is this user's own private file, and only a cache.)"""
    return hashlib.blake2b(json.dumps([stamp, line], sort_keys=True).encode(), digest_size=8).hexdigest()


def _line_to_json(line: SessionLine) -> dict[str, Any]:
    data = {name: getattr(line, name) for name in (*_TEXT_FIELDS, *_COUNT_FIELDS, "problem")}
    data["started_at"] = line.started_at.isoformat() if line.started_at else None
    return data


def _line_from_json(path: Path, data: object) -> SessionLine:
    """The line kept in the index; ValueError for anything not exactly the shape written."""
    if not isinstance(data, dict):
        raise ValueError("not a table")
    if data.get("problem"):
        if not isinstance(data["problem"], str):
            raise ValueError("problem")
        return SessionLine.damaged(path, data["problem"])
    started = data.get("started_at")
    summary = {name: data.get(name) for name in (*_TEXT_FIELDS, *_COUNT_FIELDS)}
    summary["started_at"] = datetime.fromisoformat(started) if isinstance(started, str) else None
    return SessionLine.from_summary(path, summary)


def line_of(path: Path) -> SessionLine:
    """The line for one session file, read from its head (and tail while it runs)."""
    try:
        return SessionLine.from_summary(path, read_summary(path))
    except FileProblem as problem:
        return SessionLine.damaged(path, f"{problem.what}. {problem.todo}")
    except ValueError as error:
        return SessionLine.damaged(path, f"its summary is not right ({error}). Open it once to write it again")
    except (ArithmeticError, RecursionError, LookupError, TypeError, AttributeError) as error:
        # A value no check caught: that one file is passed over, and the listing carries on.
        return SessionLine.damaged(path, f"it cannot be read ({type(error).__name__}). Restore it from a copy")


# Far above the index of any real folder (about 300 bytes a session).
LARGEST_INDEX = 16 * 1024 * 1024


def _own_private_bytes(path: Path) -> bytes:
    """The index's bytes, only if it is an ordinary file of this user's that nobody else may write:
    an index another user could have written (or a link, or a pipe that would never end) is not read.
    Raises OSError or ValueError."""
    fd = open_own_file(path, os.O_RDONLY)
    try:
        info = os.fstat(fd)
        if info.st_uid != os.getuid() or info.st_mode & 0o022 or info.st_size > LARGEST_INDEX:
            raise ValueError("not this user's own private index")
        return os.pread(fd, info.st_size, 0)
    finally:
        os.close(fd)


class SessionsIndex:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / INDEX_NAME

    def _known(self) -> dict[str, Any]:
        try:
            data = json.loads(_own_private_bytes(self.path))
        except (OSError, ValueError, RecursionError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("version") != INDEX_VERSION
            or not isinstance(data.get("files"), dict)
        ):
            return {}
        files: dict[str, Any] = data["files"]
        return files

    def lines(self) -> list[SessionLine]:
        """Every session file's line, newest name first; a damaged file's line says what is wrong."""
        known = self._known()
        fresh: dict[str, dict[str, Any]] = {}
        found: list[SessionLine] = []
        for path in session_paths(self.folder):
            stamp = _stamp(path)
            line = None
            cached = known.get(path.name)
            if (
                stamp is not None
                and isinstance(cached, dict)
                and cached.get("stamp") == stamp
                and cached.get("check") == _check(stamp, cached.get("line"))
            ):
                try:
                    line = _line_from_json(path, cached.get("line"))
                    fresh[path.name] = cached  # as it was: nothing to write for it
                except (ValueError, TypeError):
                    line = None  # a damaged entry: read the file again
            if line is None:
                line = line_of(path)
                if stamp is not None:
                    as_json = _line_to_json(line)
                    fresh[path.name] = {"stamp": stamp, "line": as_json, "check": _check(stamp, as_json)}
            found.append(line)
        if fresh != known:
            try:
                # It holds names, so it is as private as the sessions.
                write_atomically(self.path, json.dumps({"version": INDEX_VERSION, "files": fresh}).encode(), PRIVATE)
            except OSError:
                pass  # a read-only folder: listing still works, just without the speed-up
        return found


# The fields whose words a search looks through: titles, notes, decisions, comments.
_WORDS = re.compile(rb'^(?:title|text|question|statement|reasons|dissent) = "(.*)"$', re.MULTILINE)


def search_words(path: Path) -> str:
    """The searchable words of a session file, lower case, read without parsing the whole file."""
    try:
        with open_regular(path, "session") as (file, _):
            raw = file.read()
    except FileProblem:
        return ""
    return "\n".join(m.group(1).decode("utf-8", "replace") for m in _WORDS.finditer(raw)).lower()
