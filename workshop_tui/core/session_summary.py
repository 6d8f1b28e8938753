"""A session in one line: the [summary] at the top of its file, a row in the sessions browser.

The summary is written whenever the whole file is written. Events appended since then are
folded into it (`fold_events`), so a listing that reads the head and the tail is up to date.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.step_times import first_timer_start, planned_start
from workshop_tui.core.wording import whole_minutes
from workshop_tui.model import Session


def _minutes_between(start: datetime, end: datetime) -> int:
    # The same rule as Session.length_minutes, for a summary read from a file's head and tail.
    return whole_minutes((end - start).total_seconds())


def summary_of(session: Session) -> dict[str, Any]:
    """The [summary] table of a session file: what a listing shows, without reading the events."""
    summary: dict[str, Any] = {
        "title": session.title,
        "plan": session.plan.title,
        "plan_name": session.plan.name,
        "facilitator": session.facilitator,
        "status": session.status,
        "started_at": session.started_at,
        "last_at": session.last_moment,
        "minutes": session.length_minutes,
        "people": len(session.participants),
        "notes": sum(1 for n in session.notes if n.removed_at is None),
        "decisions": len(session.decisions),
        "open_actions": sum(1 for a in session.actions if a.done_at is None),
        "events": len(session.events),
    }
    if session.ended_at is not None:
        summary["ended_at"] = session.ended_at
    if session.follows is not None:
        summary["follows"] = session.follows.file  # so the earlier session's minutes can find this one
    # For learning a plan's timings (`stats`): the plan's version, when it should have started and when it did.
    summary["plan_version"] = session.plan.version
    for name, moment in (("planned_start", planned_start(session)), ("timer_started_at", first_timer_start(session))):
        if moment is not None:
            summary[name] = moment
    return summary


# How each kind of event changes the counts of a summary; the rest change only the time.
_COUNTS = {
    Kind.NOTE_ADD: ("notes", 1),
    Kind.NOTE_REMOVE: ("notes", -1),
    Kind.NOTE_RESTORE: ("notes", 1),
    Kind.DECISION_ADD: ("decisions", 1),
    Kind.ACTION_ADD: ("open_actions", 1),
    Kind.ACTION_CARRY: ("open_actions", 1),
    Kind.ACTION_DONE: ("open_actions", -1),
    Kind.ACTION_REOPEN: ("open_actions", 1),
    Kind.PERSON_ADD: ("people", 1),
}
_STATUS = {
    Kind.TIMER_START: "running",
    Kind.TIMER_PAUSE: "paused",
    Kind.SESSION_FINISH: "finished",
    Kind.SESSION_REOPEN: "paused",
}


def fold_events(summary: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """The summary after `events` (as read from TOML: at, kind, details)."""
    summary = dict(summary)
    for event in events:
        kind, at = event.get("kind"), event.get("at")
        if kind in _COUNTS:
            field, change = _COUNTS[kind]
            summary[field] = summary.get(field, 0) + change
        if kind in _STATUS:
            summary["status"] = _STATUS[kind]
        details = event.get("details")
        if kind == Kind.SESSION_FOLLOW and isinstance(details, dict) and isinstance(details.get("file"), str):
            summary["follows"] = details["file"]
        if kind == Kind.SESSION_FINISH and isinstance(at, datetime):
            summary["ended_at"] = at
        if kind == Kind.SESSION_REOPEN:
            summary.pop("ended_at", None)
        if kind == Kind.TIMER_START and isinstance(at, datetime) and "timer_started_at" not in summary:
            summary["timer_started_at"] = at
        if isinstance(at, datetime) and kind != Kind.COMMENT_ADD:
            summary["last_at"] = at
        summary["events"] = summary.get("events", 0) + 1
    if isinstance(summary.get("last_at"), datetime) and isinstance(summary.get("started_at"), datetime):
        summary["minutes"] = _minutes_between(summary["started_at"], summary["last_at"])
    return summary


@dataclass(frozen=True)
class SessionLine:
    path: Path
    started_at: datetime | None
    title: str
    plan: str
    facilitator: str
    minutes: int
    status: str
    notes: int
    decisions: int
    open_actions: int
    plan_name: str = ""
    follows: str = ""  # the file of the earlier session this one follows on from (part 1)
    problem: str = ""  # why the file could not be read, for a damaged file

    @classmethod
    def of(cls, path: Path, session: Session) -> "SessionLine":
        return cls.from_summary(path, summary_of(session))

    @classmethod
    def from_summary(cls, path: Path, summary: dict[str, Any]) -> "SessionLine":
        """The line for a [summary] table; raises ValueError if it is not the shape one has."""
        fields = {
            "title": str,
            "plan": str,
            "facilitator": str,
            "status": str,
            "plan_name": str,
            "minutes": int,
            "notes": int,
            "decisions": int,
            "open_actions": int,
        }
        values: dict[str, Any] = {}  # each checked against its kind below
        for name, kind in fields.items():
            value = summary.get(name)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ValueError(f"the summary's {name} is missing or of the wrong kind")
            values[name] = value
        started = summary.get("started_at")
        if not isinstance(started, datetime) or started.tzinfo is None:
            raise ValueError("the summary's started_at is missing or has no UTC offset")
        follows = summary.get("follows", "")
        if not isinstance(follows, str):
            raise ValueError("the summary's follows is not a file name")
        return cls(path=path, started_at=started, follows=follows, **values)

    @classmethod
    def damaged(cls, path: Path, problem: str) -> "SessionLine":
        return cls(path, None, path.name, "", "", 0, "cannot be read", 0, 0, 0, problem=problem)


def words_match(text: str, words: str) -> bool:
    """True when every word typed is somewhere in `text` (already lower case)."""
    return all(word in text for word in words.lower().split())
