"""The past sessions of a plan, read from the sessions folder for `stats`: only each file's head.

A session file's head holds its [summary] and its [[timings]] (store/session_file.py), so a
folder of a thousand sessions is read in well under a second. A file written before timings were
kept is loaded whole, once. A file that cannot be read is reported, never counted.
"""

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, get_args

from workshop_tui.core.plan_stats import PastSession
from workshop_tui.core.session_summary import summary_of
from workshop_tui.core.step_times import StepTime, step_times
from workshop_tui.model import SESSION_FORMAT
from workshop_tui.model.session import Status
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import HEAD_BYTES, load_session, quick_head
from workshop_tui.store.sessions_index import session_paths
from workshop_tui.store.toml_files import check_schema_version, open_regular

STATUSES = get_args(Status)
_SESSION_TABLE = b"\n[session]\n"
_TIMINGS_TABLE = b"\n[[timings]]\n"
LARGEST_HEAD = 1024 * 1024  # a head with more steps than this holds is read from the whole file


@dataclass
class PlanHistory:
    sessions: list[PastSession] = field(default_factory=list)
    damaged: list[tuple[Path, str]] = field(default_factory=list)  # files that could not be read, and why


def _head(path: Path) -> bytes | None:
    """The file's bytes up to its [session] table, or None when it has none near the top."""
    with open_regular(path, "session") as (file, _):
        head = file.read(HEAD_BYTES)
        while _SESSION_TABLE not in head and len(head) < LARGEST_HEAD:
            more = file.read(len(head))
            if not more:
                return None
            head += more
    end = head.find(_SESSION_TABLE)
    return head[:end] if end >= 0 else None


def _moment(value: object) -> datetime | None:
    return value if isinstance(value, datetime) and value.tzinfo is not None else None


def _past(path: Path, summary: dict[str, Any], timings: list[StepTime]) -> PastSession:
    started = _moment(summary.get("started_at"))
    version = summary.get("plan_version", 1)
    if started is None or not isinstance(summary.get("title"), str) or not isinstance(version, int):
        raise ValueError("its summary is not the shape one has")
    if summary.get("status") not in STATUSES:
        raise ValueError(f"its status is {str(summary.get('status'))[:40]!r}, not one of {', '.join(STATUSES)}")
    return PastSession(path.name, summary["title"], summary["status"], started, version, timings,
                       _moment(summary.get("planned_start")), _moment(summary.get("timer_started_at")))


def _from_whole_file(path: Path, plan_name: str) -> PastSession | None:
    session = load_session(path)
    if session.plan.name != plan_name:
        return None
    return _past(path, summary_of(session), step_times(session))


def _read(path: Path, plan_name: str) -> PastSession | None:
    """The session in `path` if it is one of `plan_name`; None if it is of another plan. Raises
    FileProblem or ValueError when it cannot be read."""
    head = _head(path)
    if head is None or b"\n[summary]\n" not in head:
        return _from_whole_file(path, plan_name)  # version 1, or a head this app did not write
    timings_at = head.find(_TIMINGS_TABLE)
    summary_part = head[:timings_at] if timings_at >= 0 else head
    data = quick_head(summary_part) or tomllib.loads(summary_part.decode("utf-8"))
    check_schema_version(path, data, SESSION_FORMAT)
    summary = data.get("summary")
    if not isinstance(summary, dict):
        return _from_whole_file(path, plan_name)
    if summary.get("plan_name") != plan_name:
        return None  # another plan's session: nothing more is read
    if timings_at < 0:
        return _from_whole_file(path, plan_name)  # written before timings were kept
    tables = tomllib.loads(head[timings_at:].decode("utf-8")).get("timings")
    if not isinstance(tables, list) or not tables:
        raise ValueError("its [[timings]] are not tables")
    return _past(path, summary, [StepTime.from_toml(table) for table in tables])


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
