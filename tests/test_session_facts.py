"""The facts every screen and export share: a step's allowed minutes, a session's last moment and length,
what a person is called, and the words for note kinds. Each is computed in one place."""

from datetime import timedelta

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.heard import who_has_been_heard
from workshop_tui.core.review import timing_chart
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.export.anonymise import anonymise
from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.model import Event, Session
from workshop_tui.model.note import NOTE_KIND_WORDS, NOTE_KINDS, NOTE_MARKS
from workshop_tui.model.participant import person_label, person_labels
from tests.conftest import TEN_AM, small_plan


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TEN_AM)


@pytest.fixture
def engine(clock: FakeClock) -> SessionEngine:
    return SessionEngine(new_session(small_plan(), "Small", clock), clock)


def unfinished_session_left_running(engine: SessionEngine, clock: FakeClock) -> Session:
    """Welcome ran 12 minutes; Tea has been running 7 minutes when the last note was typed."""
    engine.start_timer()
    clock.advance(minutes=12)
    engine.next_step()
    clock.advance(minutes=7)
    engine.add_note("The urn is slow")
    clock.advance(minutes=30)  # the laptop was closed: nothing more was recorded
    return engine.session


# The minutes a step is allowed.


def test_a_step_is_allowed_its_planned_minutes_plus_the_minutes_added(engine: SessionEngine) -> None:
    assert engine.current.allowed_minutes == 10
    engine.add_minutes(+3)
    engine.add_minutes(-1)
    assert engine.current.allowed_minutes == 12
    assert engine.countdown().allowed_seconds == 12 * 60


# When a session's last moment was, and how long it is.


def test_a_finished_session_ends_when_it_was_finished(engine: SessionEngine, clock: FakeClock) -> None:
    engine.start_timer()
    clock.advance(minutes=40)
    engine.finish()
    clock.advance(minutes=5)
    assert engine.session.last_moment == TEN_AM + timedelta(minutes=40)
    assert engine.session.length_minutes == 40


def test_an_unfinished_session_lasts_until_the_last_thing_recorded(engine: SessionEngine, clock: FakeClock) -> None:
    session = unfinished_session_left_running(engine, clock)
    assert session.last_moment == TEN_AM + timedelta(minutes=19)
    assert session.length_minutes == 19


def test_a_trainers_comment_afterwards_does_not_make_a_session_longer(engine: SessionEngine, clock: FakeClock) -> None:
    session = unfinished_session_left_running(engine, clock)
    session.events.append(Event(at=clock.now() + timedelta(days=2), kind="comment.add", details={"on": "s1"}))
    assert session.last_moment == TEN_AM + timedelta(minutes=19)


def test_a_session_with_nothing_recorded_has_no_length(engine: SessionEngine) -> None:
    assert engine.session.last_moment == engine.session.started_at
    assert engine.session.length_minutes == 0


def test_the_minutes_and_the_review_agree_on_an_unfinished_session(engine: SessionEngine, clock: FakeClock) -> None:
    session = unfinished_session_left_running(engine, clock)
    chart = timing_chart(session)
    minutes = markdown_minutes(session)
    # Tea is on still and Talk is to come: neither is "under", nor time saved.
    assert chart[chart.index("Tea: running, 7 minutes so far") + 2].startswith("actual    7 ")
    assert "| Tea | 15 minutes | 7 minutes | running, 7 minutes so far |" in minutes
    assert "| Talk | 30 minutes | - | not reached yet |" in minutes
    assert chart[-1] == (
        "In all: the plan was 55 minutes. 1 step ran, for 12 minutes against 10 minutes planned "
        "for them (2 minutes over). The step on now has run for 7 minutes so far. "
        "Not reached yet: 1 step, 30 minutes planned."
    )
    assert chart[-1] in minutes
    assert "from 10:00 to 10:19 so far" in minutes


# What a person is called.


def test_people_are_called_by_name_and_unnamed_people_by_role_and_number(engine: SessionEngine) -> None:
    engine.add_person("Ann", "older person")
    engine.add_person("", "older person")
    engine.add_person("", "volunteer")
    roster = engine.session.participants
    assert person_labels(roster) == {"p1": "Ann", "p2": "Older person 2", "p3": "Volunteer 1"}
    assert person_labels(roster, anonymise=True) == {
        "p1": "Older person 1",
        "p2": "Older person 2",
        "p3": "Volunteer 1",
    }
    assert person_label("p1", roster) == "Ann"
    assert person_label("", roster) == "anonymous"
    assert person_label("p9", roster) == "someone"


def test_an_unnamed_person_is_called_the_same_on_every_screen_and_export(engine: SessionEngine) -> None:
    engine.add_person("Ann", "older person")
    engine.add_person("", "older person")
    engine.record_decision(question="Meet monthly?", dissent="Too often", dissent_by="p2")
    session = engine.session
    heard = {h.person.id: h.label for h in who_has_been_heard(session)}
    assert heard == {"p1": "Ann", "p2": "Older person 2"}
    minutes = markdown_minutes(session)
    assert "Dissent or concern (Older person 2): Too often" in minutes
    assert "| Older person | 2 | Ann, Older person 2 |" in minutes
    assert "Older person 2" in markdown_minutes(anonymise(session))


# The words for note kinds.


def test_every_note_kind_has_words_and_every_mark_a_kind() -> None:
    assert set(NOTE_KIND_WORDS) == set(NOTE_KINDS)
    assert set(NOTE_MARKS.values()) <= set(NOTE_KINDS)
    assert NOTE_KIND_WORDS["parking"] == "parking lot"


def test_a_parking_lot_note_is_called_the_same_in_the_minutes_and_on_the_live_screen(engine: SessionEngine) -> None:
    from workshop_tui.ui.widgets.notes_list import note_line

    engine.add_note("> Bus times")
    note = engine.session.notes[0]
    assert note_line(note, {}).endswith("Parking lot: Bus times")
    assert "- Parking lot: Bus times" in markdown_minutes(engine.session)
