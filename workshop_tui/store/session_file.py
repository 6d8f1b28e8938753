"""The session file, version 2: a summary to list it by, how it began, and the events that made it.

    # workshop-tui session ...
    schema_version = 2
    [summary]            title, plan, status, counts: written whole at each compaction
    [[timings]]          how long each step took, as at the same moment (for `stats`)
    [session]            id, title, start, who ran it, and [session.plan]: the plan as it was
    [[events]]           the record itself: the session is what these events make
    # head 1f2e...       after every save: a digest of the head (everything before [session])
    # saved 42           ... and how many events the file holds so far

The events come last, so a save appends only the new events and a "# saved" line. A save cut
short by a crash has no "# saved" line yet, so loading drops it and keeps every save before it.
Now and then the whole file is written again, atomically, with a fresh summary (a compaction).
Version 1 files (the whole state plus the events) still load; their next save upgrades them.

The "# head" digest lets a listing trust the summary at the top only when it is the one this app
wrote with the events below it: a summary edited by hand (a running session marked finished) no
longer matches, so the file is read whole and the events say what is true.
"""

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from workshop_tui.core.event_kinds import Kind, apply_event
from workshop_tui.core.record_events import CommentAdded
from workshop_tui.core.session_engine import first_state, start_of
from workshop_tui.core.session_summary import fold_events, summary_of
from workshop_tui.core.step_times import step_times
from workshop_tui.model import Event, Session
from workshop_tui.model.schema import SESSION_FORMAT
from workshop_tui.model.session_start import SessionStart
from workshop_tui.store.atomic import PRIVATE, create_new, write_atomically
from workshop_tui.store.file_head import HEAD_BYTES, SESSION_TABLE, TAIL_BYTES, TIMINGS_TABLE
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.toml_files import (
    BOM,
    check_schema_version,
    decode_text,
    open_regular,
    parse,
    parse_toml_text,
    read_bytes,
    toml_loads,
)

FIRST_LINE = "# workshop-tui session file. The [summary] is for listing; the [[events]] at the end are the record.\n"
START_FIELDS = ("id", "title", "started_at", "facilitator", "note_taker", "plan")
_SAVED = re.compile(rb"^# saved (\d+)\n", re.MULTILINE)
_SAVED_TEXT = re.compile(r"^(?:# head [0-9a-f]{16}\n)?# saved \d+\n", re.MULTILINE)
# The closing lines of a save, at the very end of what is given.
_CLOSING = re.compile(rb"(?:^|\n)# head ([0-9a-f]{16})\n# saved (\d+)\n\Z")
_EVENTS_START = "\n[[events]]\n"
_VERSION_2 = re.compile(rb"^schema_version = 2\n", re.MULTILINE)

# What replaying a hand-edited or damaged event can raise, besides FileProblem: a value too large
# (OverflowError), too deep (RecursionError), of the wrong kind or shape (ValueError, including
# pydantic's ValidationError, TypeError, AttributeError), or naming what is not there (KeyError, IndexError).
REPLAY_ERRORS = (ArithmeticError, RecursionError, ValueError, LookupError, TypeError, AttributeError)


# Long enough that tomli-w never writes its array inline: then every item is a [[table]].
_NOT_INLINE = {"x": "x" * 200}


def table_chunk(name: str, item: dict[str, Any]) -> str:
    """One item of an array of tables, always as '[[name]]', never as 'name = [...]'.

    tomli-w writes a short item inline, which would turn into a key of whatever table came
    before it once chunks are joined. A long neighbour forces the table form; it is then
    cut off. Strings are written on one line, so no value can hold the line it is cut at.
    """
    text = tomli_w.dumps({name: [item, _NOT_INLINE]})
    return text[: text.rindex(f"[[{name}]]\n")]


def saved_line(count: int, head: str | None = None) -> str:
    """The closing lines of a save: the digest of the head it goes with (when known), and the count."""
    return (f"# head {head}\n" if head else "") + f"# saved {count}\n"


def head_digest(head: bytes) -> str:
    """A short digest of a file's head (everything before [session]): not a secret, only a check
    that the head is the one this app wrote with the events below it."""
    return hashlib.blake2b(head, digest_size=8).hexdigest()


def head_of(data: bytes) -> bytes | None:
    """The head of a file's bytes (up to and with the new line before [session]), or None if [session] is not there."""
    at = data.find(SESSION_TABLE)
    return None if at < 0 else data[: at + 1]


def closing_head(end: bytes) -> tuple[str, int] | None:
    """The head digest and event count in the closing lines of `end` (the last bytes of a file),
    or None when it does not end with them (written before digests were kept, or cut short)."""
    found = _CLOSING.search(end)
    return (found.group(1).decode(), int(found.group(2))) if found else None


def event_text(event: Event) -> str:
    """One event as a [[events]] table, ready to append."""
    return table_chunk("events", event.model_dump(mode="python", exclude_none=True))


def header_text(session: Session) -> str:
    """Everything before the events: the first line, the version, the summary and the start."""
    start = session.model_dump(mode="python", exclude_none=True, include=set(START_FIELDS))
    timings = [step.as_toml() for step in step_times(session)]
    document = {"schema_version": SESSION_FORMAT, "summary": summary_of(session), "timings": timings, "session": start}
    return FIRST_LINE + tomli_w.dumps(document) + "\n"


def whole_file(session: Session, events_text: str, count: int) -> bytes:
    header = header_text(session).encode("utf-8")
    return header + (events_text + saved_line(count, head_digest(head_of(header) or b""))).encode("utf-8")


@dataclass
class LoadedSession:
    """A session read from disk, with what a writer needs to carry on from it."""

    session: Session
    version: int
    events_text: str  # the [[events]] tables as they stand in the file ("" for version 1)
    dropped_bytes: int = 0  # bytes of a save cut short, left out
    cut: str = ""  # when the file was cut short: what was lost, in words ("" when it is whole)
    # Set when saved work is missing (not only a last save cut short): what a reader says instead of
    # showing part of a session as if it were all of it. Only `OpenSession.resume()` opens such a file,
    # keeping a copy of it first.
    lost: FileProblem | None = None
    head_ok: bool = True  # the head is the one this app wrote with these events (so appends may go on)


def _cut_to_last_save(raw: bytes) -> tuple[bytes, int]:
    """The file up to its last complete "# saved" line, and how many bytes came after it."""
    last = None
    for match in _SAVED.finditer(raw):
        last = match
    if last is None:
        return raw, 0
    return raw[: last.end()], len(raw) - last.end()


def _events_part(text: str) -> str:
    start = text.find(_EVENTS_START)
    return "" if start < 0 else _SAVED_TEXT.sub("", text[start + 1 :])


def replay_session(path: Path, start: dict[str, Any], events: list[dict[str, Any]]) -> Session:
    """The session the events make, from its start. A wrong event names its place in the file."""
    session = first_state(parse(SessionStart, path, start, "session"))
    for number, data in enumerate(events, start=1):
        try:
            event = Event.model_validate(data)
            apply_event(session, event)
        except FileProblem:
            raise
        except Exception as error:  # a hand-edited event that does not fit what came before
            raise FileProblem(
                path,
                f"events[{number}]",
                f"this event cannot be applied ({_reason(error)})",
                "Fix or remove that event; the events before it are fine.",
            ) from None
        session.events.append(event)
    return session


def replay_events(session: Session, events: list[Event]) -> Session:
    """The session `events` make from the same start as `session` (which they replace)."""
    state = first_state(start_of(session))
    for event in events:
        apply_event(state, event)
        state.events.append(event)
    return state


def _reason(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:120]


def load_session_file(path: Path) -> LoadedSession:
    """Read a session file of either version, dropping a save that was cut short.

    Raises FileProblem, and only FileProblem: whatever a damaged or hand-edited file makes replay
    raise is said in one sentence naming the file, so one bad file never stops a listing or a resume."""
    path = Path(path)
    return parse_loaded(path, read_bytes(path, "session"))


def parse_loaded(path: Path, raw: bytes) -> LoadedSession:
    """A session file's bytes read as `load_session_file` reads them (`path` names it in messages)."""
    # A byte-order mark (Windows Notepad) is not part of the session.
    raw = raw.removeprefix(BOM)
    try:
        return _load(path, raw)
    except FileProblem:
        raise
    except REPLAY_ERRORS as error:
        raise FileProblem(
            path,
            "",
            f"this session cannot be loaded ({_reason(error)})",
            "Restore the file from a copy, or fix the value that is out of range.",
        ) from None


def _load(path: Path, raw: bytes) -> LoadedSession:
    cut, dropped = _cut_to_last_save(raw)
    if cut is raw and dropped == 0 and _VERSION_2.search(raw[:4096]) and not _SAVED.search(raw):
        # A version 2 file always ends a save with a "# saved" line: this one was cut before its first.
        try:
            return _marked_cut(path, _parsed(path, raw, 0))
        except FileProblem as problem:
            last = raw.rfind(_EVENTS_START.encode())
            if last < 0:
                raise
            # The last event may be the one cut in half: leave it out, keep the rest.
            loaded = _marked_cut(path, _parsed(path, raw[: last + 1], len(raw) - last - 1))
            loaded.lost = problem
            return loaded
    return _marked_cut(path, _parsed(path, cut, dropped))


def _parsed(path: Path, cut: bytes, dropped: int) -> LoadedSession:
    text = decode_text(path, cut, "session")
    data = parse_toml_text(path, text)
    check_schema_version(path, data, SESSION_FORMAT)
    if data.get("schema_version", 1) == 1:
        return LoadedSession(_comments_as_events(parse(Session, path, data, "session")), 1, "", dropped)
    start = data.get("session")
    events = data.get("events", [])
    if not isinstance(start, dict) or not isinstance(events, list):
        raise FileProblem(
            path, "session", "the file's [session] or [[events]] are not tables", "Restore the file from a copy."
        )
    session = replay_session(path, start, events)
    head = head_of(cut)
    closing = closing_head(cut)
    head_ok = head is not None and closing is not None and closing[0] == head_digest(head)
    loaded = LoadedSession(session, SESSION_FORMAT, _events_part(text), dropped, head_ok=head_ok)
    summary = data.get("summary")
    counted = summary.get("events") if isinstance(summary, dict) else None
    if closing is None and not _SAVED.search(cut):
        loaded.cut = "it ends part-way through its first save"
    if isinstance(counted, int) and counted > len(session.events):
        loaded.cut = f"it holds {len(session.events)} of the {counted} events it had"
    return loaded


def _marked_cut(path: Path, loaded: LoadedSession) -> LoadedSession:
    if loaded.cut:
        loaded.lost = FileProblem(
            path,
            "",
            f"this file was cut short ({loaded.cut})",
            "Open it with 'workshop-tui resume' to keep what is left, or restore it from a copy.",
        )
    elif loaded.dropped_bytes:
        loaded.cut = f"the last save was cut short, and its {loaded.dropped_bytes} bytes were left out"
    return loaded


def load_session(path: Path) -> Session:
    """The session in `path`, whichever version wrote it. A file that lost saved work (cut short
    before its first save line, or holding fewer events than its summary counts) is a FileProblem."""
    loaded = load_session_file(path)
    if loaded.lost is not None:
        raise loaded.lost
    return loaded.session


def load_session_now(path: Path, now: datetime) -> Session:
    """The session in `path` for reading (review, export): one running in a window now is measured up
    to `now`, as its window shows it, not to its last saved change."""
    from workshop_tui.store.session_lock import open_elsewhere

    session = load_session(path)
    return session.as_of(now) if session.status == "running" and open_elsewhere(path) else session


def session_file_bytes(session: Session) -> bytes:
    """The whole version 2 file of `session`."""
    return whole_file(session, "".join(event_text(e) for e in session.events), len(session.events))


def save_session(session: Session, path: Path) -> None:
    """Replace `path` with `session` as a whole version 2 file, atomically, readable by its owner only."""
    write_atomically(path, session_file_bytes(session), PRIVATE)


def save_new_session(session: Session, path: Path) -> None:
    """Write a brand-new session file; raises FileExistsError instead of replacing one."""
    create_new(path, session_file_bytes(session), PRIVATE)


# A head larger than this (a plan of thousands of steps) is read from the whole file.
LARGEST_HEAD = 1024 * 1024
# The closing "# head ..." and "# saved N" lines fit in this many bytes.
CLOSING_BYTES = 64


def read_summary(path: Path) -> dict[str, Any]:
    """The [summary] of a session file, up to date with the events appended since it was written.

    Reads only the head of the file and its last bytes (for a session not yet finished, its tail),
    and trusts the head only when the digest in the file's closing lines is the head's: a summary
    edited by hand, or written before digests were kept, is not trusted and the file is read whole.
    A version 1 file has no summary, so it is loaded whole. Raises FileProblem.
    """
    with open_regular(path, "session") as (file, size):
        head = file.read(HEAD_BYTES)
        while SESSION_TABLE not in head and len(head) < min(size, LARGEST_HEAD):
            more = file.read(len(head))  # a long plan's timings: read on, a little at a time
            if not more:
                break
            head += more
        whole_head = head_of(head)
        if whole_head is None:
            return _whole_summary(path)
        # A listing needs only the summary: it ends where the timings (or, in older files, the start) begin.
        timings = whole_head.find(TIMINGS_TABLE)
        end = timings if timings >= 0 else len(whole_head) - 1
        if b"\n[summary]\n" not in head[:end]:
            return _whole_summary(path)
        try:
            data = toml_loads(head[:end].decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            return _whole_summary(path)  # load_session names what is wrong
        check_schema_version(path, data, SESSION_FORMAT)
        summary = data.get("summary")
        if not isinstance(summary, dict):
            return _whole_summary(path)
        finished = summary.get("status") == "finished"
        wanted = CLOSING_BYTES if finished else TAIL_BYTES
        file.seek(max(0, size - wanted))
        tail = file.read(wanted)
    closing = closing_head(_cut_to_last_save(tail)[0])
    if closing is None or closing[0] != head_digest(whole_head):
        return _whole_summary(path)  # not the head this app wrote with these events
    if finished:
        return summary
    later = _events_after(tail, summary.get("events"))
    if later is None:
        return _whole_summary(path)
    try:
        return fold_events(summary, later)
    except REPLAY_ERRORS:
        return _whole_summary(path)  # the whole file names what is wrong


def _whole_summary(path: Path) -> dict[str, Any]:
    """The summary from loading the whole file. Raises FileProblem, and only FileProblem."""
    session = load_session(path)
    try:
        return summary_of(session)
    except REPLAY_ERRORS as error:
        raise FileProblem(
            path,
            "",
            f"this session cannot be summed up ({_reason(error)})",
            "Restore the file from a copy, or fix the value that is out of range.",
        ) from None


def _events_after(tail: bytes, counted: object) -> list[dict[str, Any]] | None:
    """The events in `tail` past the first `counted`, or None when the tail does not reach back far enough."""
    tail, _ = _cut_to_last_save(tail)
    saves = list(_SAVED.finditer(tail))
    if not saves or not isinstance(counted, int):
        return None
    total = int(saves[-1].group(1))
    wanted = total - counted
    if wanted <= 0:
        return []
    starts = [m.start() for m in re.finditer(rb"^\[\[events\]\]\n", tail, re.MULTILINE)]
    if len(starts) < wanted:
        return None
    try:
        events = toml_loads(tail[starts[-wanted] :].decode("utf-8")).get("events", [])
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return events if len(events) == wanted else None


def _comments_as_events(session: Session) -> Session:
    """Version 1 kept trainers' comments apart; version 2 keeps them as events like everything else."""
    logged = {CommentAdded.of(e).comment for e in session.events if e.kind == Kind.COMMENT_ADD}
    for comment in session.comments:
        if comment.id not in logged:
            details = CommentAdded(comment=comment.id, on=comment.on, text=comment.text, by=comment.by).plain()
            session.events.append(Event(at=comment.at, kind=Kind.COMMENT_ADD, details=details))
    return session
