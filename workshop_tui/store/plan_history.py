"""The past sessions of a plan, read from the sessions folder for `stats`: only each file's head.

A session file's head holds its [summary] and its [[timings]] (store/session_file.py), so a
folder of a thousand sessions is read in well under a second. A file written before timings were
kept is loaded whole, once. A file that cannot be read is reported, never counted.
"""

import tomllib
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
    quick_head,
    quick_timings,
    saves_in_file,
)
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.sessions_dir import session_paths
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
    return PastSession(path.name, summary["title"], summary["status"], started, version, timings,
                       _moment(summary.get("planned_start")), _moment(summary.get("timer_started_at")),
                       facilitator if isinstance(facilitator, str) else "")


def _from_whole_file(path: Path, plan_name: str) -> PastSession | None:
    # Only here is the whole engine needed, to replay the events: a few files in a thousand.
    from workshop_tui.core.session_summary import summary_of
    from workshop_tui.core.step_times import step_times
    from workshop_tui.store.session_file import load_session

    session = load_session(path)
    if session.plan.name != plan_name:
        return None
    return _past(path, summary_of(session), step_times(session))


def _read(path: Path, plan_name: str) -> PastSession | None:
    """The session in `path` if it is one of `plan_name`; None if it is of another plan. Raises
    FileProblem or ValueError when it cannot be read.

    The head is enough when the file is whole (it ends with its "# saved N" line) and nothing saved
    since the head was written changes the steps. Otherwise the file is read whole, as the app
    would open it, so what is counted is what the review shows."""
    with open_regular(path, "session") as (file, size):
        head = _head(file)
        if head is None or b"\n[summary]\n" not in head:
            return _from_whole_file(path, plan_name)  # version 1, or a head this app did not write
        if b'\nplan_name = "' in head and f'\nplan_name = "{plan_name}"\n'.encode() not in head:
            return None  # another plan's session, as this app writes it: nothing more is read or parsed
        file.seek(max(0, size - END_BYTES))
        end = file.read(END_BYTES)
    # The summary, then the timings, each the quick way where the head is as this app writes it.
    at = head.find(TIMINGS_TABLE)
    summary_part, timings_part = (head[:at], head[at + 1:]) if at >= 0 else (head, b"")
    data = quick_head(summary_part) or toml_loads(summary_part.decode("utf-8"))
    check_schema_version(path, data, SESSION_FORMAT)
    summary = data.get("summary")
    if not isinstance(summary, dict):
        return _from_whole_file(path, plan_name)
    if summary.get("plan_name") != plan_name:
        return None  # another plan's session
    total, counted = saves_in_file(end), summary.get("events")
    if total is None or not isinstance(counted, int) or not timings_part:
        return _from_whole_file(path, plan_name)  # cut short, or written before timings were kept
    if total != counted and _appended_steps(path, counted, total):
        return _from_whole_file(path, plan_name)
    try:
        return _past(path, summary, _timings(timings_part))
    except (ValueError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return _from_whole_file(path, plan_name)  # a head edited by hand: the events say what happened


def _timings(text: bytes) -> list[StepTime]:
    rows = quick_timings(text.decode("utf-8"))
    if rows is not None:
        return [StepTime.checked(*row) for row in rows]
    tables = toml_loads(text.decode("utf-8")).get("timings")
    if not isinstance(tables, list) or not tables:
        raise ValueError("its [[timings]] are not tables")
    return [StepTime.from_toml(table) for table in tables]


def plan_history(folder: Path, plan_name: str) -> PlanHistory:
    """Every session of the plan called `plan_name` in `folder`, oldest first, and the files that could not be read."""
    history = PlanHistory()
    for path in session_paths(folder):
        try:
            found = _read(path, plan_name)
        except FileProblem as problem:
            history.damaged.append((path, f"{problem.what}"))
            continue
        except (ValueError, UnicodeDecodeError, tomllib.TOMLDecodeError) as problem:
            history.damaged.append((path, f"its head cannot be read ({str(problem).splitlines()[0][:100]})"))
            continue
        if found is not None:
            history.sessions.append(found)
    history.sessions.sort(key=lambda session: session.started_at)
    history.damaged.sort()
    return history
