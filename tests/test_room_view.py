"""What the room sees on the projector (core/room_view.py): the step, its questions, the time in plain
words, a break's "back at", and the group's record of this step only while the facilitator shows it,
with no one's name in any form unless the facilitator shows names."""

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.event_words import what_happened
from workshop_tui.core.roles import may, refusal
from workshop_tui.core.room_view import RoomRecord, RoomView, room_view
from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session
from workshop_tui.model import Session
from tests.conftest import TEN_AM, small_plan


def engine_at_ten(facilitator: str = "Grace Obi", note_taker: str = "Bob Hale") -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock(TEN_AM)
    session = new_session(small_plan(), "Co-production training", clock, facilitator, note_taker)
    return SessionEngine(session, clock), clock


def test_the_view_says_the_step_its_place_and_the_time_left_in_whole_minutes() -> None:
    engine, clock = engine_at_ten()
    view = room_view(engine.session, clock.now())
    assert (view.step_title, view.step_number, view.steps) == ("Welcome", 1, 3)
    assert view.time_words == "Not started yet: 10 minutes" and view.paused and view.seconds_left == 600
    engine.start_timer()
    clock.advance(seconds=30)
    assert room_view(engine.session, clock.now()).time_words == "9 minutes left"  # 9:30 on the clock beside it
    clock.advance(minutes=2)
    assert room_view(engine.session, clock.now()).time_words == "7 minutes left"
    engine.pause_timer()
    view = room_view(engine.session, clock.now())
    assert view.time_words == "Paused: 7 minutes left" and view.paused
    engine.start_timer()
    clock.advance(minutes=9, seconds=30)
    view = room_view(engine.session, clock.now())
    assert view.time_words == "2 minutes over" and view.seconds_left == -120
    assert view.next_step == "Tea" and not view.is_break and view.back_at is None


def test_under_a_minute_left_and_under_a_minute_over_are_said_in_words() -> None:
    engine, clock = engine_at_ten()
    engine.start_timer()
    clock.advance(minutes=8, seconds=30)
    assert room_view(engine.session, clock.now()).time_words == "1 minute left"  # 1:30
    clock.advance(seconds=40)
    assert room_view(engine.session, clock.now()).time_words == "Under a minute left"
    clock.advance(seconds=51)
    assert room_view(engine.session, clock.now()).time_words == "Time is up"  # 0:01 over
    clock.advance(seconds=59)
    assert room_view(engine.session, clock.now()).time_words == "1 minute over"


def test_a_break_says_when_to_be_back_and_while_paused_that_moves_on_with_the_clock() -> None:
    engine, clock = engine_at_ten()
    engine.next_step()
    engine.start_timer()
    view = room_view(engine.session, clock.now())
    assert view.is_break and view.back_at == "back at 10:15" and view.step_number == 2
    engine.pause_timer()
    clock.advance(minutes=5)
    assert room_view(engine.session, clock.now()).back_at == "back at 10:20"  # paused: the time left stands still
    engine.start_timer()
    clock.advance(minutes=16)
    view = room_view(engine.session, clock.now())
    assert view.back_at is None and view.time_words == "1 minute over"  # 1:00 over


def test_the_questions_are_the_steps_prompts_and_the_last_step_has_no_next() -> None:
    engine, clock = engine_at_ten()
    engine.next_step()
    engine.next_step()
    view = room_view(engine.session, clock.now())
    assert view.questions == ("What matters?",) and view.next_step is None and view.step_number == 3


def test_a_skipped_step_is_not_counted_among_the_steps() -> None:
    engine, clock = engine_at_ten()
    engine.skip_step(index=1)
    view = room_view(engine.session, clock.now())
    assert (view.steps, view.next_step) == (2, "Talk")


def test_finished_says_so_with_no_clock() -> None:
    engine, clock = engine_at_ten()
    engine.finish()
    view = room_view(engine.session, clock.now())
    assert view.finished and view.time_words == "Finished" and view.seconds_left is None and view.next_step is None


def test_the_record_shows_only_while_it_is_on_and_only_this_steps() -> None:
    engine, clock = engine_at_ten()
    engine.add_person("Margaret Ellis")
    engine.add_note("Before the record was on")
    engine.next_step()
    assert room_view(engine.session, clock.now()).record == ()
    engine.room_record(True)
    engine.add_note("+ @margaret meet at the library")
    clock.advance(minutes=1)
    engine.record_decision(
        question="Meet monthly?", method="consensus", outcome="agreed", statement="We meet on the first Tuesday"
    )
    engine.add_action("Book the room", owner="Margaret Ellis")
    view = room_view(engine.session, clock.now())
    assert view.record_on and not view.names_shown
    assert view.record == (
        RoomRecord("note", "Idea: meet at the library"),
        RoomRecord("decision", "Agreed: We meet on the first Tuesday"),
        RoomRecord("action", "Book the room"),
    )
    engine.room_record(True, names=True)
    view = room_view(engine.session, clock.now())
    assert view.record[0].by == "Margaret Ellis" and view.record[2].by == "Margaret Ellis"
    engine.room_record(False)
    assert room_view(engine.session, clock.now()).record == ()


def test_a_name_in_the_words_becomes_the_persons_role_in_any_form() -> None:
    engine, clock = engine_at_ten()
    engine.add_person("Margaret Ellis")
    engine.add_person("Dennis Holt", role="volunteer")
    engine.room_record(True)
    engine.add_note("MARGARET said Ellis's idea was good, and dennis agreed; Bob Hale typed it for Grace")
    text = room_view(engine.session, clock.now()).record[0].text
    assert text == (
        "Older person 1 said Older person 1's idea was good, and Volunteer 1 agreed; "
        "the note-taker typed it for the facilitator"
    )


def test_only_the_facilitator_may_change_what_the_projector_shows() -> None:
    assert may("facilitator", "room_record")
    for role in ("note-taker", "guest", "member", "audience"):
        assert not may(role, "room_record", agenda_shared=True)
    assert refusal("note-taker", "room_record") == (
        "Only the facilitator can choose what the projector shows of the group's record."
    )
    # A co-chair's window is a facilitator's, but not from a web browser: the projector is chosen in the room.
    assert not may("facilitator", "room_record", in_browser=True)
    assert refusal("facilitator", "room_record", in_browser=True) == (
        "What the projector shows is chosen on the facilitator's own screen, not in a web browser."
    )


def test_each_change_is_an_event_once_with_words_for_the_replay() -> None:
    engine, _clock = engine_at_ten()
    assert engine.room_record(False) == []  # as it is already
    events = engine.room_record(True)
    assert [(e.kind, e.details) for e in events] == [("session.room_record", {"on": True, "names": False})]
    assert engine.room_record(True) == []
    engine.room_record(True, names=True)
    engine.room_record(False)
    said = [what_happened(engine.session, e) for e in engine.session.events[-3:]]
    assert said == [
        "the facilitator showed the group's record on the projector, without people's names",
        "the facilitator showed the group's record on the projector, with people's names",
        "the facilitator took the group's record off the projector",
    ]


# The property: generated sessions with roster names, notes naming them in any form.

FIRST = ["Margaret", "Dennis", "Evelyn", "Harold", "Priya", "Joyce", "Zoë", "Siobhán", "José", "Kwame", "Ann"]
LAST = ["Ellis", "Holt", "O'Brien", "O'Neill", "Okafor", "Smith-Jones", "Nguyen", "Álvarez", "Lee"]
TECHNICAL = re.compile(
    r"\b(ctrl|alt|shift|f\d{1,2}|event|events|none|true|false|null|key|keys|escape|enter|"
    r"session\.\w+|room_record|details)\b",
    re.IGNORECASE,
)


def _forms(name: str) -> list[str]:
    """A name as people type it: whole, a word alone, a part of a double name; with or without its accents,
    with a curly apostrophe (a phone's) or none ("oneill")."""
    exact = [name, *name.split(), *(part for word in name.split() if "-" in word for part in word.split("-"))]
    typed = [
        variant for form in exact for variant in (form, _bare(form), form.replace("'", "\u2019"), form.replace("'", ""))
    ]
    return list(dict.fromkeys(typed))


def _bare(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The test's own folding (not the app's): no accents, a straight apostrophe, lower case."""
    return _bare(text).replace("\u2019", "'").lower()


@st.composite
def sessions_with_names(draw: DrawFn) -> tuple[Session, datetime, list[str]]:
    people = draw(
        st.lists(st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)), min_size=1, max_size=5, unique=True)
    )
    names = [f"{first} {last}" for first, last in people]
    clock = FakeClock(TEN_AM)
    facilitator, note_taker = names[0], names[-1]
    engine = SessionEngine(new_session(small_plan(), "Training", clock, facilitator, note_taker), clock)
    for name in names:
        engine.add_person(name)
    form = st.sampled_from([form for name in names for form in _forms(name)])
    case: st.SearchStrategy[Callable[[str], str]] = st.sampled_from([str, str.lower, str.upper])
    for _ in range(draw(st.integers(0, 6))):
        said = f"{draw(case)(draw(form))} said {draw(case)(draw(form))}'s idea works"
        choice = draw(st.integers(0, 4))
        if choice == 0:
            try:
                engine.add_note(f"@{draw(form).split()[0]} {said}")
            except NotNow:
                pass  # "@Ann" could mean two people: the note-taker is asked to type more
        elif choice == 1:
            engine.add_note(said)
        elif choice == 2:
            engine.add_action(said, owner=draw(st.sampled_from(names)))
        elif choice == 3:
            engine.record_decision(
                question=said,
                method="consensus",
                outcome=draw(st.sampled_from(["agreed", "deferred"])),
                statement=draw(st.sampled_from(["", said])),
            )
        else:
            clock.advance(seconds=draw(st.integers(1, 400)))
            if draw(st.booleans()):
                engine.toggle_timer()
            elif engine.next_index() is not None:
                engine.next_step()
    engine.room_record(draw(st.booleans()), names=draw(st.booleans()))
    if draw(st.booleans()):
        engine.finish()
    clock.advance(seconds=draw(st.integers(0, 3000)))
    return engine.session, clock.now(), names


def _all_text(view: RoomView) -> str:
    words = [
        view.session_title,
        view.step_title,
        *view.questions,
        view.time_words,
        view.back_at or "",
        view.next_step or "",
        *(f"{r.kind} {r.text} {r.by}" for r in view.record),
    ]
    return "\n".join(words)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions_with_names())
def test_with_names_off_no_name_in_any_form_and_never_a_key_or_technical_word(
    made: tuple[Session, datetime, list[str]],
) -> None:
    session, now, names = made
    view = room_view(session, now)
    text = _all_text(view)
    if not session.room_record_on or view.finished:  # an ended session shows that it ended, as the projector does
        assert view.record == ()
    if not session.room_names_shown:
        for name in names:
            for form in _forms(name):  # found however it is typed: matched folded, as the app matches
                assert not re.search(rf"(?<!\w){re.escape(fold(form))}(?!\w)", fold(text)), (form, text)
        assert all(record.by == "" for record in view.record)
    assert not TECHNICAL.search(text), text
