"""Issue [15]: two copies of a session that grew apart on two laptops merge as the union of their events.

The property: from a shared ancestor, each side appends events (a trainer's comments, or the session
carried on), and each file is either appended to or compacted (rewritten whole), at random. The merge
holds every event of both, each once, each side's order kept, the same whichever side is "ours"; a side
merged with its own ancestor is that side; two sides that both carried the session on are kept as two.
"""

from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session
from workshop_tui.model import Event, Session
from workshop_tui.store.session_file import (
    event_text,
    head_digest,
    head_of,
    load_session,
    parse_loaded,
    saved_line,
    session_file_bytes,
)
from workshop_tui.store.session_merge import merge_session
from tests.conftest import TEN_AM, small_plan

ancestor_steps = st.lists(st.sampled_from(["timer", "next", "note", "wait"]), max_size=8)
side = st.tuples(
    st.lists(st.sampled_from(["timer", "next", "note", "wait"]), max_size=5),  # the session carried on
    st.lists(st.integers(0, 3), max_size=3),  # comments, each after some minutes
    st.booleans(),  # compacted (written whole) rather than appended to
)


def carry_on(session: Session, steps: list[str], clock: FakeClock) -> Session:
    engine = SessionEngine(session.model_copy(deep=True), clock)
    for step in steps:
        try:
            if step == "timer":
                engine.toggle_timer()
            elif step == "next":
                engine.next_step()
            elif step == "note":
                engine.add_note(f"Said at {clock.now():%H:%M:%S}")
            else:
                clock.advance(minutes=3)
        except NotNow:
            pass
    return engine.session


def commented(session: Session, gaps: list[int], clock: FakeClock, who: str) -> Session:
    session = session.model_copy(deep=True)
    from workshop_tui.core.event_kinds import Kind, apply_event

    for number, gap in enumerate(gaps, start=1):
        clock.advance(minutes=gap)
        event = Event(
            at=clock.now(),
            kind=Kind.COMMENT_ADD,
            details={"comment": f"c{len(session.comments) + 1}", "on": "s1", "text": f"{who} {number}", "by": who},
        )
        apply_event(session, event)
        session.events.append(event)
    return session


def file_of(session: Session, ancestor: bytes, ancestor_events: int, compacted: bool) -> bytes:
    """The side's file: written whole, or the ancestor's file with the new events appended, as the saver does."""
    if compacted:
        return session_file_bytes(session)
    new = "".join(event_text(e) for e in session.events[ancestor_events:])
    if not new:
        return ancestor
    return ancestor + (new + saved_line(len(session.events), head_digest(head_of(ancestor) or b""))).encode()


def events_of(data: bytes) -> list[Event]:
    return parse_loaded_session(data).events


def parse_loaded_session(data: bytes) -> Session:
    from pathlib import Path

    loaded = parse_loaded(Path("merged.toml"), data)
    assert loaded.lost is None and not loaded.cut
    return loaded.session


def in_order(part: list[Event], whole: list[Event]) -> bool:
    """Every event of `part` is in `whole`, in the same order."""
    found = iter(whole)
    return all(any(event == other for other in found) for event in part)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ancestor_steps, side, side)
@example(["timer", "wait", "note"], ([], [1, 2], False), ([], [1], True))  # two trainers comment at once
@example(["timer"], (["next"], [], False), (["note"], [], True))  # both carried the session on
def test_a_merge_holds_every_event_of_both_sides_once(
    start: list[str], ours_side: tuple[list[str], list[int], bool], theirs_side: tuple[list[str], list[int], bool]
) -> None:
    clock = FakeClock(TEN_AM)
    session = carry_on(new_session(small_plan(), "Merging", clock), start, clock)
    ancestor = session_file_bytes(session)
    count = len(session.events)

    def grown(steps: list[str], gaps: list[int], compacted: bool, who: str, clock: FakeClock) -> tuple[Session, bytes]:
        grown = commented(carry_on(session, steps, clock), gaps, clock, who)
        return grown, file_of(grown, ancestor, count, compacted)

    # Each laptop has its own clock from the ancestor's moment: the two sides overlap in time.
    ours, ours_file = grown(*ours_side, "Ann", FakeClock(clock.now()))
    theirs, theirs_file = grown(*theirs_side, "Bob", FakeClock(clock.now() + timedelta(seconds=30)))
    merged, swapped = merge_session(ours_file, theirs_file), merge_session(theirs_file, ours_file)

    # A side merged with its own ancestor, or with itself, is that side.
    assert merge_session(ours_file, ancestor).data == ours_file
    assert merge_session(ancestor, theirs_file).data == theirs_file
    assert merge_session(ours_file, ours_file).data == ours_file

    own = [e for e in (ours.events[count:], theirs.events[count:]) if any(not x.kind.startswith("comment.") for x in e)]
    if len(own) == 2:  # both carried the session on: two sessions, nothing dropped
        assert merged.data == ours_file and merged.apart == theirs_file and "two sessions" in merged.said
        return
    assert merged.apart is None and swapped.apart is None
    events = events_of(merged.data)
    # Every event of both, each once; each side's order kept; the same whichever side is ours.
    # (Each side's own events are told apart by the moment and the words: the two laptops' clocks differ.)
    union = session.events + ours.events[count:] + theirs.events[count:]
    assert sorted(map(event_text, events)) == sorted(map(event_text, union))
    assert in_order(ours.events, events) and in_order(theirs.events, events)
    assert events == events_of(swapped.data)
    # The merged file is a whole session file, with its summary worked out again.
    assert b"\n[summary]\n" in merged.data and merged.data.endswith(f"# saved {len(events)}\n".encode())
    assert len(parse_loaded_session(merged.data).comments) == len(ours.comments) + len(theirs.comments) - len(
        session.comments
    )


def test_a_copy_edited_by_hand_is_kept_whole_beside_ours(tmp_path: Path) -> None:
    clock = FakeClock(TEN_AM)
    session = carry_on(new_session(small_plan(), "Merging", clock), ["timer", "note"], clock)
    ours = session_file_bytes(session)
    broken = ours.replace(b'kind = "note.add"', b'kind = "note.add"\nkind = "twice"')
    merged = merge_session(ours, broken, "part-1.toml")
    assert merged.data == ours and merged.apart == broken
    assert merged.said == "part-1.toml: one copy (theirs) could not be read, so both are kept whole."
    (tmp_path / "ours.toml").write_bytes(merged.data)
    assert load_session(tmp_path / "ours.toml").events == session.events
