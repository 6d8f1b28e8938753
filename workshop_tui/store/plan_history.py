"""The past sessions of a plan, read from the sessions folder for `stats`: only each file's head.

A session file's head holds its [summary] and its [[timings]] (store/session_file.py), so a
folder of a thousand sessions is read in well under a second. A file written before timings were
kept is loaded whole, once. A file that cannot be read is reported, never counted.

What was read is kept in a small index beside the sessions (store/timings_index.py), against each
file's size, times and inode, so the next `stats` of a team's archive of ten thousand reads only the
files that changed since: one file and a look at each file's times, not ten thousand heads.
"""

import gc
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, get_args

from workshop_tui.core.plan_stats import PastSession
from workshop_tui.core.step_times import StepTime
from workshop_tui.model import SESSION_FORMAT
from workshop_tui.model.session import Status
from workshop_tui.store.file_head import (
    HEAD_BYTES,
    SESSION_TABLE,
    TAIL_BYTES,
    TIMINGS_TABLE,
    kinds_after,
    saves_in_file,
)
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.sessions_dir import session_paths
from workshop_tui.store.timings_index import Read, TimingsIndex, stamps_in
from workshop_tui.store.toml_files import check_schema_version, open_regular, toml_loads

STATUSES = get_args(Status)
LARGEST_HEAD = 1024 * 1024  # a head with more steps than this holds is read from the whole file
END_BYTES = 64  # enough for the closing "# saved N" line
# Events of these kinds change a step: its timer, the step the session is on, the agenda.
_STEP_EVENTS = {"timer", "step", "agenda", "session"}


@dataclass
class PlanHistory:
    sessions: list[PastSession] = field(default_factory=list)
    damaged: list[tuple[Path, str]] = field(default_factory=list)  # files that could not be read, and why


def _head(file: BinaryIO) -> bytes | None:
    """The file's bytes up to its [session] table, or None when it has none near the top."""
    head = file.read(HEAD_BYTES)
    while SESSION_TABLE not in head and len(head) < LARGEST_HEAD:
        more = file.read(len(head))
        if not more:
            break
        head += more
    at = head.find(SESSION_TABLE)
    return head[:at] if at >= 0 else None


def _appended_steps(path: Path, counted: int, total: int) -> bool:
    """Whether events saved after the head was written change the steps (a skip, a step change, a
    pause): then the head's timings are behind. True when that cannot be told from the tail."""
    with open_regular(path, "session") as (file, size):
        file.seek(max(0, size - TAIL_BYTES))
        tail = file.read(TAIL_BYTES)
    kinds = kinds_after(tail, counted, total)
    return kinds is None or any(kind.split(".")[0] in _STEP_EVENTS for kind in kinds)


def _moment(value: object) -> datetime | None:
    return value if isinstance(value, datetime) and value.tzinfo is not None else None


def _past(path: Path, summary: dict[str, Any], timings: list[StepTime]) -> PastSession:
    started = _moment(summary.get("started_at"))
    version = summary.get("plan_version", 1)
    if started is None or not isinstance(summary.get("title"), str) or not isinstance(version, int):
        raise ValueError("its summary is not the shape one has")
    if summary.get("status") not in STATUSES:
        raise ValueError(f"its status is {str(summary.get('status'))[:40]!r}, not one of {', '.join(STATUSES)}")
    facilitator = summary.get("facilitator")
    return PastSession(
        path.name,
        summary["title"],
        summary["status"],
        started,
        version,
        timings,
        _moment(summary.get("planned_start")),
        _moment(summary.get("timer_started_at")),
        facilitator if isinstance(facilitator, str) else "",
    )


def _from_whole_file(path: Path, plan_name: str | None) -> tuple[str, PastSession] | None:
    # Only here is the whole engine needed, to replay the events: a few files in a thousand.
    from workshop_tui.core.session_summary import summary_of
    from workshop_tui.core.step_times import step_times
    from workshop_tui.store.session_file import load_session

    session = load_session(path)
    if plan_name is not None and session.plan.name != plan_name:
        return None
    return session.plan.name, _past(path, summary_of(session), step_times(session))


def _read(path: Path, plan_name: str | None) -> tuple[str, PastSession] | None:
    """The session in `path` and its plan's name, if it is one of `plan_name` (of any plan, for None);
    None if it is of another plan. Raises FileProblem or ValueError when it cannot be read.

    The head is enough when the file is whole (it ends with its "# saved N" line) and nothing saved
    since the head was written changes the steps. Otherwise the file is read whole, as the app
    would open it, so what is counted is what the review shows."""
    with open_regular(path, "session") as (file, size):
        head = _head(file)
        if head is None or b"\n[summary]\n" not in head:
            return _from_whole_file(path, plan_name)  # version 1, or a head this app did not write
        if (
            plan_name is not None
            and b'\nplan_name = "' in head
            and f'\nplan_name = "{plan_name}"\n'.encode() not in head
        ):
            return None  # another plan's session, as this app writes it: nothing more is read or parsed
        file.seek(max(0, size - END_BYTES))
        end = file.read(END_BYTES)
    # The summary, then the timings, each the quick way where the head is as this app writes it.
    at = head.find(TIMINGS_TABLE)
    summary_part, timings_part = (head[:at], head[at + 1 :]) if at >= 0 else (head, b"")
    data = toml_loads(summary_part.decode("utf-8"))
    check_schema_version(path, data, SESSION_FORMAT)
    summary = data.get("summary")
    if not isinstance(summary, dict):
        return _from_whole_file(path, plan_name)
    its_plan = summary.get("plan_name")
    if not isinstance(its_plan, str) or (plan_name is not None and its_plan != plan_name):
        return None if plan_name is not None else _from_whole_file(path, None)  # another plan's session
    total, counted = saves_in_file(end), summary.get("events")
    if total is None or not isinstance(counted, int) or not timings_part:
        return _from_whole_file(path, plan_name)  # cut short, or written before timings were kept
    if total != counted and _appended_steps(path, counted, total):
        return _from_whole_file(path, plan_name)
    try:
        return its_plan, _past(path, summary, _timings(timings_part))
    except (ValueError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return _from_whole_file(path, plan_name)  # a head edited by hand: the events say what happened


def _timings(text: bytes) -> list[StepTime]:
    tables = toml_loads(text.decode("utf-8")).get("timings")
    if not isinstance(tables, list) or not tables:
        raise ValueError("its [[timings]] are not tables")
    return [StepTime.from_toml(table) for table in tables]


_READERS = 8  # files read at once the first time: a cold disk answers many reads at once faster than one by one


def _read_or_why(path: Path) -> Read:
    """What `stats` learns from one file, of whichever plan: its plan's name and session, or why it cannot be read."""
    try:
        found = _read(path, None)
    except FileProblem as problem:
        return f"{problem.what}"
    except (ValueError, UnicodeDecodeError, tomllib.TOMLDecodeError) as problem:
        return f"its head cannot be read ({str(problem).splitlines()[0][:100]})"
    return found if found is not None else "it does not say which plan it ran"


@contextmanager
def _no_collecting() -> Iterator[None]:
    """Python's cycle collector paused while a hundred thousand objects are made that are all kept:
    each pass would find nothing to free, and the passes took half the time of reading an archive."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def plan_history(folder: Path, plan_name: str) -> PlanHistory:
    """Every session of the plan called `plan_name` in `folder`, oldest first, and the files that could not be read."""
    with _no_collecting():
        index = TimingsIndex(folder)
        known = index.load()
        stamps = stamps_in(folder)
        paths = session_paths(folder)
        found: dict[Path, Read] = {}
        unread = []
        for path in paths:
            kept = known.get(path.name, stamps.get(path.name), plan_name)
            if kept is None:
                unread.append(path)
            else:
                found[path] = kept
        if len(unread) > _READERS:
            with ThreadPoolExecutor(_READERS) as readers:
                found |= dict(zip(unread, readers.map(_read_or_why, unread), strict=True))
        else:
            found |= {path: _read_or_why(path) for path in unread}
        if unread or len(known) != sum(1 for stamp in stamps.values() if stamp is not None):
            index.save(stamps, {path.name: found[path] for path in unread}, known)
        history = PlanHistory()
        for path in paths:
            read = found[path]
            if isinstance(read, str):
                history.damaged.append((path, read))
            elif read[0] == plan_name and read[1] is not None:
                history.sessions.append(read[1])
    history.sessions.sort(key=lambda session: session.started_at)
    history.damaged.sort()
    return history
