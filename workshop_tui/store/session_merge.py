"""Two copies of one session file that grew apart, made one again: the union of their events.

A session file has one writer at a time and only ever grows by events (a compaction rewrites the same
events with a fresh summary), so two copies of it on two laptops share the events they had when they
last shared, and each added its own after. Merged, the file holds the shared events, then every event
either side added, each once, in time order (each side's own order kept), with the summary and
timings worked out again from them.

Comments (a trainer's on one laptop, a colleague's on another) merge like that. If both sides carried
on the session itself (both moved steps or took notes), its two stories cannot be one: the merge keeps
ours at the file and theirs beside it as a session of its own, and says so. A copy that cannot be read
(edited by hand) is never merged into anything: it too is kept whole beside ours.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop_tui.model import Event, Session
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import (
    REPLAY_ERRORS,
    LoadedSession,
    event_text,
    parse_loaded,
    replay_events,
    whole_file,
)

# Kinds that are not the session itself: a trainer's comments, made after, on any laptop.
COMMENT_KINDS = ("comment.",)


@dataclass(frozen=True)
class Merged:
    """What a merge made: the file's new bytes, and (when the two could not be one) the other side's
    bytes to keep beside it as a file of its own, with what happened in words."""

    data: bytes
    apart: bytes | None = None
    said: str = ""


def _read(data: bytes, name: str) -> LoadedSession | None:
    try:
        loaded = parse_loaded(Path(name), data)
    except FileProblem:
        return None
    return None if loaded.lost is not None or loaded.version != 2 else loaded


def _common(ours: Sequence[Event], theirs: Sequence[Event]) -> int:
    """How many events the two begin with in common: what they held when they last shared."""
    count = 0
    for mine, other in zip(ours, theirs, strict=False):
        if mine != other:
            break
        count += 1
    return count


def _own(event: Event) -> bool:
    """An event of the session itself, not a comment on it."""
    return not event.kind.startswith(COMMENT_KINDS)


def interleave(ours: Sequence[Event], theirs: Sequence[Event]) -> list[Event]:
    """Both lists in time order, each keeping its own order; events at the same moment are taken by
    their text, so the result is the same whichever side is ours. An event in both is kept once."""
    # The same event on both sides (a file copied by hand, then both shared) is kept once; the same
    # words twice on one side (a timer started, paused and started in one second) are two events.
    seen = Counter(map(event_text, ours))
    kept = []
    for event in theirs:
        text = event_text(event)
        if seen[text]:
            seen[text] -= 1
        else:
            kept.append(event)
    theirs = kept
    merged: list[Event] = []
    mine, other = 0, 0
    while mine < len(ours) and other < len(theirs):
        a, b = ours[mine], theirs[other]
        if (a.at, event_text(a)) <= (b.at, event_text(b)):
            merged.append(a)
            mine += 1
        else:
            merged.append(b)
            other += 1
    return merged + list(ours[mine:]) + list(theirs[other:])


def merge_session(ours: bytes, theirs: bytes, name: str = "session.toml") -> Merged:
    """The one file two copies of a session make; see the module's words. `name` is for messages."""
    if ours == theirs:
        return Merged(ours)
    mine, other = _read(ours, name), _read(theirs, name)
    if mine is None or other is None:
        which = "ours" if mine is None else "theirs"
        return Merged(
            ours if mine is not None else theirs,
            apart=theirs if mine is not None else ours,
            said=f"{name}: one copy ({which}) could not be read, so both are kept whole.",
        )
    a, b = mine.session.events, other.session.events
    shared = _common(a, b)
    added_here, added_there = a[shared:], b[shared:]
    if not added_there:
        return Merged(ours)
    if not added_here:
        return Merged(theirs)
    if mine.session.id != other.session.id or (any(map(_own, added_here)) and any(map(_own, added_there))):
        return Merged(
            ours, apart=theirs, said=f"{name}: the session was carried on in two places, so it is kept as two sessions."
        )
    events = list(a[:shared]) + interleave(added_here, added_there)
    try:
        session = replay_events(mine.session, events)
    except (FileProblem, *REPLAY_ERRORS):
        return Merged(
            ours, apart=theirs, said=f"{name}: the two copies' events do not fit together, so both are kept whole."
        )
    return Merged(merged_bytes(session))


def merged_bytes(session: Session) -> bytes:
    return whole_file(session, "".join(map(event_text, session.events)), len(session.events))
