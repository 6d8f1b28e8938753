"""Notes, people, decisions and actions: each recorded through the engine as events."""

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.dates import DateProblem, read_date, say_date
from workshop_tui.core.heard import who_has_been_heard
from workshop_tui.core.replay import state_at
from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session
from workshop_tui.model import Event
from workshop_tui.store.session_file import load_session, save_session
from tests.conftest import small_plan


@pytest.fixture
def engine(clock: FakeClock) -> SessionEngine:
    engine = SessionEngine(new_session(small_plan(), "Records", clock), clock)
    engine.add_person("Ann Jones", "older person")
    engine.add_person("Bob", "volunteer")
    engine.add_person("", "staff")  # names are optional
    return engine


def test_a_leading_mark_sets_the_kind_of_note(engine: SessionEngine) -> None:
    for typed in ["plain", "+ idea", "? question", "! concern", "> parking"]:
        engine.add_note(typed)
    assert [(n.kind, n.text) for n in engine.session.notes] == [
        ("note", "plain"),
        ("idea", "idea"),
        ("question", "question"),
        ("concern", "concern"),
        ("parking", "parking"),
    ]


def test_at_name_attributes_the_note_and_no_at_means_anonymous(engine: SessionEngine) -> None:
    engine.add_note("+ @ann Meet somewhere with a hearing loop")
    engine.add_note("Nobody said this one")
    first, second = engine.session.notes
    assert (first.by, first.text, first.kind) == ("p1", "Meet somewhere with a hearing loop", "idea")
    assert second.by == ""


def test_an_unknown_or_unclear_name_is_refused_and_nothing_is_saved(engine: SessionEngine) -> None:
    engine.add_person("Annie", "guest")
    with pytest.raises(NotNow, match="nobody called 'zed'"):
        engine.add_note("@zed hello")
    with pytest.raises(NotNow, match="could mean Ann Jones, Annie"):
        engine.add_note("@an hello")
    assert engine.session.notes == []


def test_the_note_goes_under_the_current_step_with_its_time(engine: SessionEngine, clock: FakeClock) -> None:
    engine.next_step()
    clock.advance(minutes=3)
    engine.add_note("During tea")
    note = engine.session.notes[0]
    assert (note.step, note.at) == ("s2", clock.now())


def test_an_edit_keeps_the_earlier_text_and_a_removal_is_a_mark(
    engine: SessionEngine, clock: FakeClock, tmp_path: Path
) -> None:
    engine.add_note("Meet at the libary")
    clock.advance(seconds=30)
    engine.edit_note("n1", "Meet at the library")
    engine.remove_note("n1")
    save_session(engine.session, tmp_path / "s.toml")
    text = (tmp_path / "s.toml").read_text()
    assert "Meet at the libary" in text and "Meet at the library" in text
    note = load_session(tmp_path / "s.toml").notes[0]
    assert [e.text for e in note.earlier] == ["Meet at the libary"]
    assert note.removed_at == clock.now()


def test_undo_brings_back_the_last_removed_note(engine: SessionEngine) -> None:
    engine.add_note("one")
    engine.add_note("two")
    engine.remove_note("n1")
    engine.remove_note("n2")
    engine.undo_remove()
    assert [n.removed_at is None for n in engine.session.notes] == [False, True]
    engine.undo_remove()
    with pytest.raises(NotNow, match="no removed note"):
        engine.undo_remove()


def test_people_arrive_and_leave_with_the_time(engine: SessionEngine, clock: FakeClock) -> None:
    clock.advance(minutes=20)
    engine.person_left("p2")
    assert engine.session.participants[1].left_at == clock.now()
    assert [p.id for p in engine.present_people()] == ["p1", "p3"]
    engine.person_arrived("p2")
    assert len(engine.present_people()) == 3
    with pytest.raises(NotNow, match="already on the roster"):
        engine.add_person("ann jones")


def test_a_decision_is_recorded_with_its_counts_reasons_and_dissent(engine: SessionEngine, tmp_path: Path) -> None:
    engine.record_decision(
        question="Meet monthly at the library?",
        method="majority vote",
        votes_for=5,
        votes_against=2,
        abstentions=1,
        present=["p1", "p2", "p3"],
        outcome="agreed",
        statement="We meet monthly.",
        reasons="It has a hearing loop.",
        dissent="Too far for some.",
        dissent_by="p2",
    )
    save_session(engine.session, tmp_path / "s.toml")
    decision = load_session(tmp_path / "s.toml").decisions[0]
    assert (decision.votes_for, decision.outcome, decision.dissent_by, decision.step) == (5, "agreed", "p2", "s1")
    assert decision.present == ["p1", "p2", "p3"]
    assert [e.kind for e in engine.session.events][-1] == "decision.add"


def test_a_decision_with_a_bad_count_is_refused_plainly(engine: SessionEngine) -> None:
    with pytest.raises(NotNow, match="votes for"):
        engine.record_decision(question="Q", method="majority vote", votes_for=-1)
    assert engine.session.decisions == []


def test_actions_have_an_owner_and_a_due_date_and_can_be_done(engine: SessionEngine, clock: FakeClock) -> None:
    engine.add_note("> Talk to the bus company")
    engine.add_action("Ring the bus company", owner="Bob", due=date(2026, 7, 15), from_note="n1")
    engine.toggle_action("a1")
    action = engine.session.actions[0]
    assert (action.owner, action.due, action.from_note, action.done_at) == ("Bob", date(2026, 7, 15), "n1", clock.now())
    engine.toggle_action("a1")
    assert engine.session.actions[0].done_at is None


def test_who_has_been_heard_counts_notes_and_dissent(engine: SessionEngine) -> None:
    engine.add_note("@ann one")
    engine.add_note("@ann two")
    engine.add_note("@bob three")
    engine.remove_note("n3")
    engine.record_decision(question="Q", dissent="Not sure", dissent_by="p1")
    counts = [(h.label, h.notes, h.dissent) for h in who_has_been_heard(engine.session)]
    assert counts == [("Ann Jones", 2, 1), ("Bob", 0, 0), ("Staff 1", 0, 0)]


def test_replaying_the_events_gives_the_same_records(engine: SessionEngine, clock: FakeClock) -> None:
    from workshop_tui.core.event_kinds import apply_event
    from workshop_tui.core.session_engine import steps_from_plan

    engine.add_note("+ @bob idea")
    engine.edit_note("n1", "better idea")
    engine.record_decision(question="Q", method="fist-of-five", fingers=[0, 0, 1, 2, 3, 4])
    engine.add_action("Do it", owner="Ann")
    fresh = engine.session.model_copy(deep=True)
    fresh.steps, fresh.participants, fresh.notes, fresh.decisions, fresh.actions = (
        steps_from_plan(fresh.plan),
        [],
        [],
        [],
        [],
    )
    fresh.current_step = 0
    for event in engine.session.events:
        apply_event(fresh, event)
    assert fresh.notes == engine.session.notes
    assert fresh.decisions == engine.session.decisions
    assert fresh.actions == engine.session.actions
    assert fresh.participants == engine.session.participants


def test_the_running_count_of_who_has_been_heard_agrees_with_a_full_count(clock: FakeClock) -> None:
    """The live screen keeps a running total; after any mix of changes it must say what a recount says."""
    from workshop_tui.core.heard import NotesByPerson, who_has_been_heard
    from workshop_tui.core.session_engine import SessionEngine, new_session
    from tests.conftest import small_plan

    engine = SessionEngine(new_session(small_plan(), "Heard", clock), clock)
    running = NotesByPerson(engine.session)
    steps: list[Callable[[], list[Event]]] = [
        lambda: engine.add_person("Ann"),
        lambda: engine.add_person("Bob"),
        lambda: engine.add_person("", "staff"),
        lambda: engine.add_note("@ann first"),
        lambda: engine.add_note("nobody in particular"),
        lambda: engine.add_note("@bob second"),
        lambda: engine.remove_note("n3"),
        lambda: engine.undo_remove(),
        lambda: engine.remove_note("n1"),
        lambda: engine.person_left("p2"),
        lambda: engine.add_note("@ann again"),
    ]
    for step in steps:
        running.update(engine.session, step())
        full = [h.label for h in who_has_been_heard(engine.session) if h.notes == 0 and h.person.left_at is None]
        assert running.not_heard_yet(engine.session) == full
    assert running.not_heard_yet(engine.session) == ["Staff 1"]


# Issue 9, item 14: editing a note reads @name as adding one does.


def test_a_whole_name_after_the_at_tells_two_people_of_one_first_name_apart(engine: SessionEngine) -> None:
    """As found: with Joyce Smith and Joyce Brown on the roster, '@Joyce Brown said hello' was refused."""
    engine.add_person("Joyce Smith", "older person")
    engine.add_person("Joyce Brown", "older person")
    engine.add_note("@Joyce Brown said hello")
    engine.add_note("@Ann Jones said the hall is cold")  # the whole name is the mention, not 'Ann' and 'Jones said'
    engine.add_note("We agreed with @Joyce Smith, and @Bob.")
    with pytest.raises(
        NotNow, match=r"could mean Joyce Smith, Joyce Brown\. Type more of the name, such as @Joyce Smith"
    ):
        engine.add_note("@Joyce said it")
    brown, ann, both = engine.session.notes
    assert (brown.text, brown.speakers) == ("said hello", ["p5"])
    assert (ann.text, ann.speakers) == ("said the hall is cold", ["p1"])
    assert (both.text, both.speakers) == ("We agreed with Joyce Smith, and Bob.", ["p4", "p2"])


def test_an_edit_with_an_at_name_changes_who_said_it_and_keeps_the_earlier_text(
    engine: SessionEngine, clock: FakeClock, tmp_path: Path
) -> None:
    engine.add_note("@ann Meet at the libary")
    clock.advance(seconds=30)
    engine.edit_note("n1", "@bob Meet at the library")
    note = engine.session.notes[0]
    assert (note.text, note.by, [e.text for e in note.earlier]) == ("Meet at the library", "p2", ["Meet at the libary"])
    assert engine.session.events[-1].details["by"] == "p2"
    engine.edit_note("n1", "@ann Meet at the library")  # only who said it changes
    assert (engine.session.notes[0].by, len(engine.session.notes[0].earlier)) == ("p1", 1)
    engine.edit_note("n1", "Meet at the big library")  # no @name: who said it stays
    assert engine.session.notes[0].by == "p1"
    save_session(engine.session, tmp_path / "s.toml")
    loaded = load_session(tmp_path / "s.toml").notes[0]
    assert (loaded.by, loaded.text, [e.text for e in loaded.earlier]) == (
        "p1",
        "Meet at the big library",
        ["Meet at the libary", "Meet at the library"],
    )
    assert state_at(engine.session, clock.now()).notes[0].by == "p1"


def test_an_edit_naming_nobody_on_the_roster_is_refused_and_changes_nothing(engine: SessionEngine) -> None:
    engine.add_note("Meet at the library")
    with pytest.raises(NotNow, match="nobody called 'zed'"):
        engine.edit_note("n1", "@zed Meet at the library")
    assert (engine.session.notes[0].text, engine.session.notes[0].by) == ("Meet at the library", "")


# Issue 9, item 4: a command turns any bad value into NotNow, never a crash.


def test_a_decision_command_turns_every_bad_value_into_a_plain_sentence(engine: SessionEngine) -> None:
    bad: list[dict[str, Any]] = [
        {"question": "Q", "id": "x"},  # would give Decision two ids
        {"question": "Q", "at": datetime(2026, 1, 1)},
        {"question": "Q", "colour": "red"},
        {"question": "Q", "method": "coin toss"},
        {"question": "", "method": "consent"},
        {"question": "Q", "method": "fist-of-five", "fingers": [0, -1, 0, 0, 0, 0]},
        {"question": "Q", "method": "dot vote", "dots": {"Library": -3}},
        {"question": "Q", "method": "majority vote", "votes_for": 10**30},
    ]
    for fields in bad:
        with pytest.raises(NotNow):
            engine.record_decision(**fields)
    assert engine.session.decisions == []


def test_an_action_or_a_person_with_a_bad_value_is_refused_plainly(engine: SessionEngine) -> None:
    with pytest.raises(NotNow, match="not a date"):
        engine.add_action("Book the hall", due="next Tuesday")  # type: ignore[arg-type]
    with pytest.raises(NotNow, match="100 characters"):
        engine.add_person("x" * 101)
    assert engine.session.actions == [] and len(engine.session.participants) == 3


# Issue 9, item 15: counts that do not add up are kept with the decision, in words.


def test_a_decision_that_does_not_add_up_is_recorded_as_decided_with_its_warnings(
    engine: SessionEngine, tmp_path: Path
) -> None:
    engine.record_decision(
        question="Keep the Tuesday slot?",
        method="majority vote",
        votes_for=2,
        votes_against=6,
        present=["p1", "p2", "p3"],
        outcome="agreed",
    )
    engine.record_decision(
        question="Open on Sundays?", method="consent", objections=1, present=["p1", "p2"], outcome="agreed"
    )
    save_session(engine.session, tmp_path / "s.toml")
    first, second = load_session(tmp_path / "s.toml").decisions
    assert first.outcome == "agreed"
    assert first.warnings == [
        "8 votes were counted (for, against and abstained), but only 3 people were present.",
        "Recorded as agreed, but the vote was 2 for and 6 against: more against than for, not a majority.",
    ]
    assert second.warnings == [
        "Recorded as agreed by consent, but 1 objection was raised. Consent means nobody objects."
    ]
    engine.record_decision(question="Tea at eleven?", method="consent", objections=0, present=["p1"], outcome="agreed")
    assert engine.session.decisions[2].warnings == [] and "warnings" not in engine.session.events[-1].details


# Issue 9, item 14: due dates are read day first, in the words people use, with "today" passed in.

TODAY = date(2026, 7, 8)  # a Wednesday


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("1 December 2026", date(2026, 12, 1)),
        ("1st Dec 2026", date(2026, 12, 1)),
        ("December 1, 2026", date(2026, 12, 1)),
        ("1/12/26", date(2026, 12, 1)),
        ("01/12/2026", date(2026, 12, 1)),
        ("1.12.2026", date(2026, 12, 1)),
        ("1/12", date(2026, 12, 1)),
        ("1/7", date(2027, 7, 1)),  # already gone this year, so next year's
        ("8 july", TODAY),
        ("2026-12-01", date(2026, 12, 1)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 7, 9)),
        ("Tuesday", date(2026, 7, 14)),
        ("next Tuesday", date(2026, 7, 14)),
        ("wed", date(2026, 7, 15)),  # today is a Wednesday: the next one
        ("Tuesday 1 December 2026", date(2026, 12, 1)),
        ("in 2 weeks", date(2026, 7, 22)),
        ("  ", None),
    ],
)
def test_a_due_date_is_read_day_first_in_everyday_words(typed: str, meant: date | None) -> None:
    assert read_date(typed, TODAY) == meant


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("31/2/2026", "February has no day 31"),
        ("12/31/2026", "There is no month 31"),
        ("Monday 1 December 2026", "1 December 2026 is a Tuesday, not a Monday"),
        ("1/²/2026", "not a date I can read"),
        ("next blursday", "not a date I can read"),
        ("1/1/0000", "not a year"),
    ],
)
def test_a_date_that_cannot_be_read_says_why_in_words(typed: str, said: str) -> None:
    with pytest.raises(DateProblem, match=said):
        read_date(typed, TODAY)


def test_a_date_is_said_back_in_words() -> None:
    assert say_date(date(2026, 12, 1)) == "Tuesday 1 December 2026"


def test_a_note_naming_several_people_credits_each_and_keeps_their_names_in_its_words(engine: SessionEngine) -> None:
    engine.add_person("Joyce", "older person")
    engine.add_person("Pat", "older person")
    engine.add_note("@Joyce and @Pat both said the bus is too early")
    engine.add_note("! I agree with @bob, and @ann's point too")
    first, second = engine.session.notes
    assert (first.text, first.speakers) == ("Joyce and Pat both said the bus is too early", ["p4", "p5"])
    assert (second.text, second.speakers) == ("I agree with Bob, and Ann Jones's point too", ["p2", "p1"])
    heard = {h.person.name: h.notes for h in who_has_been_heard(engine.session)}
    assert (heard["Joyce"], heard["Pat"], heard["Bob"], heard["Ann Jones"]) == (1, 1, 1, 1)
    from workshop_tui.export.markdown_minutes import markdown_minutes

    assert "Joyce and Pat both said the bus is too early (Joyce and Pat)" in markdown_minutes(engine.session)
    # Replayed from its events (as a saved file is read): the same people credited.
    assert [n.speakers for n in state_at(engine.session, engine.session.events[-1].at).notes] == [
        ["p4", "p5"],
        ["p2", "p1"],
    ]


NAMES = ["Joyce", "Pat Kaur", "Ann-Marie", "Bob", "Ola"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(["", ",", ".", "'s", "’s", "!"])), max_size=3),
    st.lists(st.sampled_from(["said", "the bus", "is late", "and", "too"]), min_size=1, max_size=4),
    st.booleans(),
)
def test_every_name_in_a_note_is_credited_once_and_no_at_is_left(
    mentioned: list[tuple[str, str]], words: list[str], lead: bool
) -> None:
    from workshop_tui.core.clock import FakeClock
    from tests.conftest import TEN_AM

    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(small_plan(), "Names", clock), clock)
    for name in NAMES:
        engine.add_person(name)
    tokens = [f"@{name.split()[0].lower()}{tail}" for name, tail in mentioned]
    typed = " ".join(tokens + words) if lead else " ".join(words + tokens)
    engine.add_note(typed)
    note = engine.session.notes[0]
    wanted = list(dict.fromkeys(f"p{NAMES.index(name) + 1}" for name, _ in mentioned))
    assert note.speakers == wanted and "@" not in note.text
    if not (len(mentioned) == 1 and lead and not mentioned[0][1]):  # one plain leading @name is taken out
        assert all(name in note.text for name, _ in mentioned)


MONDAY = date(2026, 7, 6)


@pytest.mark.parametrize(
    ("typed", "today", "meant"),
    [
        ("Friday", MONDAY, date(2026, 7, 10)),
        ("this Friday", MONDAY, date(2026, 7, 10)),
        ("next Friday", MONDAY, date(2026, 7, 17)),  # next week's, as said in Britain: never the same as "Friday"
        ("Friday week", MONDAY, date(2026, 7, 17)),
        ("a week on Friday", MONDAY, date(2026, 7, 17)),
        ("next Monday", MONDAY, date(2026, 7, 13)),
        ("next Friday", date(2026, 7, 11), date(2026, 7, 17)),  # said on a Saturday: the coming week's
        ("a week today", TODAY, date(2026, 7, 15)),
        ("end of the month", TODAY, date(2026, 7, 31)),
        ("by the end of the month", date(2026, 2, 3), date(2026, 2, 28)),
        ("end of next month", date(2026, 12, 10), date(2027, 1, 31)),
    ],
)
def test_everyday_words_for_a_day_ahead_mean_what_people_mean(typed: str, today: date, meant: date) -> None:
    assert read_date(typed, today) == meant
    assert read_date("next Friday", MONDAY) != read_date("Friday", MONDAY)
