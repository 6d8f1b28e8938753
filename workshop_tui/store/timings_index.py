"""What `stats` learned from each session file, kept beside the sessions so it is read once.

A team's archive holds thousands of sessions, and most never change again. `stats` keeps, for each
file, its plan's name and its timings (or why it could not be read), against the file's size, times
and inode. The next `stats` looks at each file's times (no file is opened) and reads only those that
changed. The change time moves on every write and no program can set it back, so a file changed
with the same size and modification time is still noticed.

It is written for reading fast: the words that repeat (step titles, kinds, states, plan names) once,
in a list, and each session's steps as numbers, seven a step. Ten thousand sessions load in a tenth
of a second, where one table per step took four times as long.

The index is a cache and nothing more: one that is not this user's own private file, or was changed
by hand (it carries a digest of itself), or is of another version, is ignored and written again. It
holds titles and facilitators' names, so only its owner can read it; the team's archive never holds
it (its .gitignore lets only sessions and plans in).
"""

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop_tui.core.plan_stats import PastSession
from workshop_tui.core.step_times import StepTime
from workshop_tui.store.atomic import PRIVATE, open_own_file, write_atomically

INDEX_NAME = ".workshop-tui-timings.json"
INDEX_VERSION = 2  # 2: words once, steps as numbers
LARGEST_INDEX = 256 * 1024 * 1024  # far above an archive of 100,000 sessions (about 500 bytes a session)

Stamp = tuple[int, int, int, int]
# What one file says: its plan's name and session (the session left unread, None, for another plan's
# file taken from the index), or why it cannot be read.
Read = tuple[str, PastSession | None] | str

_PER_STEP = 7  # title, kind, planned, allowed, used seconds, state, added + 2 * moved
_ADDED = (False, True, False, True)
_MOVED = (False, False, True, True)


def stamps_in(folder: Path) -> dict[str, Stamp | None]:
    """Each session file's modification and change times, size and inode, by name, in one pass over the
    folder; None for what is not an ordinary file (it is read again each time)."""
    found: dict[str, Stamp | None] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if not entry.name.endswith(".toml"):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            found[entry.name] = None
            continue
        regular = (info.st_mode & 0o170000) == 0o100000
        found[entry.name] = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino) if regular else None
    return found


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _then(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("a time")
    return datetime.fromisoformat(value)


def _digest(data: bytes) -> str:
    # Not a secret (the index is this user's own private file): it tells an index changed by hand.
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Known:
    """The index as last written: its words, and each file's stamp and what was read from it."""

    def __init__(self, words: list[str], files: dict[str, Any]):
        self.words = words
        self.files = files

    def __len__(self) -> int:
        return len(self.files)

    def entry(self, name: str, stamp: Stamp | None) -> list[Any] | None:
        """The file's entry as written, if the file has not changed since; None to read it again."""
        entry = self.files.get(name)
        if stamp is None or not isinstance(entry, list) or len(entry) not in (2, 10) or tuple(entry[0]) != stamp:
            return None
        return entry

    def get(self, name: str, stamp: Stamp | None, plan_name: str) -> Read | None:
        """What was read from the file `name` (its session only if it is of `plan_name`); None to read it again."""
        entry = self.entry(name, stamp)
        if entry is None:
            return None
        try:
            if len(entry) == 2:
                return str(entry[1])
            plan = self.words[entry[1]]
            if plan != plan_name:
                return plan, None
            return plan, self._session(name, entry)
        except (ValueError, TypeError, IndexError, KeyError):
            return None

    def _session(self, name: str, entry: list[Any]) -> PastSession:
        _, _, title, status, started, version, planned_start, timer_started, facilitator, flat = entry
        word = self.words.__getitem__
        if not isinstance(flat, list) or len(flat) % _PER_STEP:
            raise ValueError("steps")
        steps = list(
            map(
                StepTime,
                map(word, flat[0::7]),
                map(word, flat[1::7]),
                flat[2::7],
                flat[3::7],
                flat[4::7],
                map(word, flat[5::7]),
                map(_ADDED.__getitem__, flat[6::7]),
                map(_MOVED.__getitem__, flat[6::7]),
            )
        )
        started_at = _then(started)
        if started_at is None:
            raise ValueError("when it started")
        return PastSession(
            name,
            title,
            self.words[status],
            started_at,
            version,
            steps,
            _then(planned_start),
            _then(timer_started),
            facilitator,
        )


class _Words:
    """The index's list of words as it grows: a word already there keeps its number."""

    def __init__(self, words: list[str]):
        self.list = list(words)
        self.numbers = {word: number for number, word in enumerate(self.list)}

    def __call__(self, word: str) -> int:
        number = self.numbers.get(word)
        if number is None:
            number = self.numbers[word] = len(self.list)
            self.list.append(word)
        return number


def _new_entry(stamp: Stamp, read: Read, word: _Words) -> list[Any]:
    if isinstance(read, str):
        return [list(stamp), read]
    plan, past = read
    if past is None:
        raise ValueError("a file read from its head always has its session")
    flat: list[Any] = []
    for step in past.steps:
        flat += [
            word(step.title),
            word(step.kind),
            step.planned,
            step.allowed,
            step.used_seconds,
            word(step.state),
            int(step.added) + 2 * int(step.moved),
        ]
    return [
        list(stamp),
        word(plan),
        past.title,
        word(past.status),
        _when(past.started_at),
        past.plan_version,
        _when(past.planned_start),
        _when(past.timer_started_at),
        past.facilitator,
        flat,
    ]


class TimingsIndex:
    def __init__(self, folder: Path):
        self.path = Path(folder) / INDEX_NAME

    def load(self) -> Known:
        """The index as last written, or an empty one when it cannot be trusted (see the module's words)."""
        empty = Known([], {})
        try:
            fd = open_own_file(self.path, os.O_RDONLY)
        except OSError:
            return empty
        try:
            info = os.fstat(fd)
            if info.st_uid != os.getuid() or info.st_mode & 0o077 or info.st_size > LARGEST_INDEX:
                return empty  # another user's, or one others could write: not read
            raw = os.pread(fd, info.st_size, 0)
        except OSError:
            return empty
        finally:
            os.close(fd)
        head, _, body = raw.partition(b"\n")
        try:
            said = json.loads(head)
            if (
                not isinstance(said, dict)
                or said.get("version") != INDEX_VERSION
                or said.get("digest") != _digest(body)
            ):
                return empty
            data = json.loads(body)
        except (ValueError, RecursionError):
            return empty
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("words"), list)
            or not isinstance(data.get("files"), dict)
        ):
            return empty
        return Known(data["words"], data["files"])

    def save(self, stamps: dict[str, Stamp | None], read_now: dict[str, Read], known: Known) -> None:
        """Keep what each file with a stamp says: what was read now, else its entry as it was. A folder that
        cannot be written goes without (stats still works, just without the speed-up)."""
        word = _Words(known.words)
        files: dict[str, Any] = {}
        for name, stamp in stamps.items():
            if stamp is None:
                continue
            if name in read_now:
                files[name] = _new_entry(stamp, read_now[name], word)
            else:
                kept = known.entry(name, stamp)
                if kept is not None:
                    files[name] = kept
        body = json.dumps({"words": word.list, "files": files}, separators=(",", ":"), ensure_ascii=False).encode(
            "utf-8"
        )
        head = json.dumps({"version": INDEX_VERSION, "digest": _digest(body)}).encode()
        try:
            write_atomically(self.path, head + b"\n" + body, PRIVATE)
        except OSError:
            pass
