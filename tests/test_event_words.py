"""The replay says each event naming who or what it was about, in the words the live screen and the
minutes use: "Margaret joined the roster", never "someone joined the roster"."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.event_kinds import Kind, apply_event, event_words
from workshop_tui.core.event_words import NOTE_TAKEN, NOTHING_TO_NAME, SAYINGS, labels, what_happened
from workshop_tui.core.joining import FACILITATOR_CODE
from workshop_tui.core.replay import outside_the_session, replayed_at, starting_state
from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session
from workshop_tui.model import Event, Participant, Session
from workshop_tui.model.event import Detail
from workshop_tui.model.note import NOTE_KINDS
from workshop_tui.model.participant import person_labels
from tests.conftest import TEN_AM, small_plan
from tests.example_sessions import shortlisting_panel, training_part_1
from tests.panel_helpers import the_panel


def names_in(before: Session, event: Event) -> list[str]:
    """Who and what `event` is about, worked out here from its details and the session before it, apart
    from the code under test: each must be in the replay's words."""
    d = event.details
    people = labels(before)
    steps = {step.id: step.title for step in before.steps}
    panel = before.panel
    organisations = {a.id: a.organisation for a in panel.round.applications} if panel else {}
    wanted: list[str] = []
    if event.kind == Kind.PERSON_ADD:
        roster = [*before.participants, _joining(d)]
        wanted.append(person_labels(roster, panel=panel is not None)[str(d["person"])])
    elif "person" in d:
        wanted.append(people[str(d["person"])])
    if "member" in d:
        wanted.append(people[str(d["member"])])
    for said in [d.get("by", ""), *cast(list[str], d.get("also_by") or [])]:
        if said and event.kind != Kind.COMMENT_ADD:
            wanted.append(people[str(said)])
    if event.kind == Kind.COMMENT_ADD and d.get("by"):
        wanted.append(str(d["by"]))
    if d.get("dissent_by"):
        wanted.append(people[str(d["dissent_by"])])
    if d.get("holder"):
        wanted.append("co-chair" if d["holder"] == FACILITATOR_CODE else people[str(d["holder"])])
    for key in ("step", "to", "past"):
        # A note, decision or action names the step on show; a step added names its own new id.
        if key in d and event.kind not in (Kind.NOTE_ADD, Kind.DECISION_ADD, Kind.ACTION_ADD, Kind.AGENDA_INSERT):
            wanted.append(steps[str(d[key])])
    if event.kind == Kind.COMMENT_ADD:
        on = str(d["on"])
        wanted.append(steps.get(on) or next(x.question for x in before.decisions if x.id == on))
    if "application" in d and event.kind != Kind.APPLICATION_ADD:
        wanted.append(organisations[str(d["application"])])
    wanted += [organisations[str(a)] for a in cast(list[str], d.get("applications") or [])]
    if event.kind == Kind.DECLARATION_UNDO:
        assert panel is not None  # an undone declaration is a panel's
        found = next(x for x in panel.declarations if x.id == d["declaration"])
        wanted.append(people[found.member])
        if found.application:
            wanted.append(organisations[found.application])
    if "note" in d and event.kind != Kind.NOTE_ADD:
        note = next(n for n in before.notes if n.id == d["note"])
        wanted.append(str(d.get("text") or note.text))
        if "by" not in d:  # the note's own speakers, unless the edit names others
            wanted += [people[p] for p in note.speakers]
    if "action" in d and event.kind not in (Kind.ACTION_ADD, Kind.ACTION_CARRY):
        wanted.append(next(a.text for a in before.actions if a.id == d["action"]))
    for key in ("text", "title", "question", "organisation", "owner"):
        if d.get(key) and event.kind not in (
            Kind.COMMENT_ADD,
            Kind.MEMBER_COMMENT,
        ):  # a comment's words are not the replay's
            wanted.append(str(d[key]))
    return wanted


def _joining(d: dict[str, Detail]) -> Participant:
    return Participant(id=str(d["person"]), name=str(d.get("name", "")), role=str(d.get("role", "older person")))


def check_every_event_is_said_with_its_names(session: Session) -> set[str]:
    """Replays `session` event by event; returns the kinds it met."""
    before = starting_state(session)
    met = set()
    for event in session.events:
        words = what_happened(before, event)
        met.add(event.kind)
        assert "someone" not in words, (event.kind, words)
        if event.kind == Kind.SESSION_CODE and event.details.get("code"):
            assert str(event.details["code"]) not in words  # a code is read out only to the person it is for
        for name in names_in(before, event):
            assert name in words, f"{event.kind}: {words!r} does not say {name!r}"
        if event.kind not in NOTHING_TO_NAME:
            assert words != event_words(event.kind) or not names_in(before, event), (event.kind, words)
        apply_event(before, event)
        before.events.append(event)
    return met


def test_every_kind_of_event_is_said_naming_who_or_what_or_has_nothing_to_name() -> None:
    """A kind added later fails here until the replay has words for it that name its person, step or thing."""
    assert set(Kind) == set(SAYINGS) | NOTHING_TO_NAME
    assert not set(SAYINGS) & NOTHING_TO_NAME
    assert set(NOTE_TAKEN) == set(NOTE_KINDS)  # each kind of note says how it came in


def test_every_event_of_a_whole_course_and_a_panel_names_who_or_what_it_was_about() -> None:
    met = check_every_event_is_said_with_its_names(training_part_1())
    met |= check_every_event_is_said_with_its_names(shortlisting_panel())
    met |= check_every_event_is_said_with_its_names(every_other_kind())
    met |= check_every_event_is_said_with_its_names(the_round_corrected())
    assert met == {kind.value for kind in Kind}  # between them, these sessions have every kind


def every_other_kind() -> Session:
    """A session with each kind of event the two examples lack, made by the engine's own commands."""
    earlier = training_part_1()
    clock = FakeClock(TEN_AM + timedelta(days=7))
    engine = SessionEngine(new_session(small_plan(), "Every kind", clock), clock)
    engine.follow_on(earlier, "part-1.toml")
    engine.add_person("Joyce")
    engine.add_person("", role="volunteer")
    engine.start_timer()
    clock.advance(minutes=2)
    engine.pause_timer()
    engine.share_agenda(True)
    engine.allow_guests(True)
    engine.room_record(True)
    engine.make_codes()
    engine.add_note("+ @Joyce meet at the library")
    clock.advance(minutes=1)
    engine.edit_note("n1", "Meet at the library on Tuesdays")
    engine.remove_note("n1")
    engine.undo_remove()
    engine.add_action("Book the room", owner="Joyce")
    action = engine.session.actions[-1].id
    engine.toggle_action(action)
    engine.toggle_action(action)
    engine.insert_step("Stretch", 5)
    engine.change_step(index=2, title="A short stretch", minutes=4)
    engine.skip_step(index=2)
    engine.skip_step(index=2)
    engine.move_step(index=2, direction=1)
    engine.remove_step(index=3)
    engine.next_step()
    engine.previous_step()
    engine.person_left(engine.session.participants[-1].id)
    engine.person_arrived(engine.session.participants[-1].id)
    engine.finish()
    engine.reopen()
    session = engine.session
    # A trainer's comment comes later, from the review (the owner adds it), on a step.
    session.events.append(
        Event(
            at=clock.now(),
            kind=Kind.COMMENT_ADD,
            details={"comment": "c1", "on": session.steps[0].id, "text": "Good start", "by": "Sam"},
        )
    )
    return session


def the_round_corrected() -> Session:
    """The example round, then the panel's corrections to it, as their events record them."""
    session = shortlisting_panel()
    at = session.last_moment
    declaration = next(d for d in the_panel(session).declarations if d.application)
    session.events += [
        Event(at=at, kind=Kind.ROUND_POT, details={"pot": 180_000_000, "reason": "More money came"}),
        Event(
            at=at, kind=Kind.APPLICATION_EDIT, details={"application": "app2", "amount": 1_000_000, "reason": "a typo"}
        ),
        Event(at=at, kind=Kind.APPLICATION_WITHDRAW, details={"application": "app4", "reason": "They closed"}),
        Event(at=at, kind=Kind.MEMBER_COMMENT, details={"member": "p1", "application": "app2", "text": "Lovely choir"}),
        Event(at=at, kind=Kind.TIE_ORDER, details={"applications": ["app1", "app2"], "reason": "The need"}),
        Event(at=at, kind=Kind.DECLARATION_UNDO, details={"declaration": declaration.id, "reason": "made in error"}),
        Event(at=at, kind=Kind.ROUND_CARRY, details={"title": "Shortlisting, first sitting", "file": "first.toml"}),
        Event(
            at=at,
            kind=Kind.APPLICATION_ADD,
            details={
                "application": "app99",
                "organisation": "Late Lunch Club",
                "project": "Soup",
                "amount": 100_000,
                "batch": 7,
            },
        ),
        Event(
            at=at,
            kind=Kind.APPLICATION_ADD,
            details={"application": "app98", "organisation": "Tea Dance", "project": "Dances", "amount": 100_000},
        ),
        Event(at=at, kind=Kind.IMPORT_UNDO, details={"batch": 7, "reason": "the wrong file"}),
        Event(at=at, kind=Kind.APPLICATION_REMOVE, details={"application": "app98", "reason": "added twice"}),
    ]
    return session


NAMES = st.sampled_from(["Joyce", "Pat", "Mary Jane", "", ""])  # "" is someone unnamed: "Volunteer 2"
ROLES = st.sampled_from(["older person", "volunteer", "staff"])
COMMANDS = st.sampled_from(
    [
        "person",
        "arrive",
        "leave",
        "note",
        "note_by",
        "note_by",
        "edit",
        "remove",
        "undo",
        "dealt",
        "toggle",
        "next",
        "previous",
        "plus",
        "minus",
        "insert",
        "skip",
        "move",
        "remove_step",
        "action",
        "done",
        "decision",
    ]
)


def mention(name: str) -> str:
    return "@" + name.replace(" ", "")


def drive(engine: SessionEngine, command: str, data: st.DataObject) -> None:
    people = engine.session.participants
    steps = len(engine.session.steps)
    notes = engine.session.notes
    anyone: Callable[[], str] = (lambda: data.draw(st.sampled_from(people)).id) if people else (lambda: "p1")
    named = sorted({p.name for p in people if p.name})
    runs: dict[str, Callable[[], object]] = {
        "person": lambda: engine.add_person(data.draw(NAMES), role=data.draw(ROLES), arrived=data.draw(st.booleans())),
        "arrive": lambda: engine.person_arrived(anyone()),
        "leave": lambda: engine.person_left(anyone()),
        "note": lambda: engine.add_note(
            data.draw(st.sampled_from(["a point", "+ an idea", "? a question", "! a worry", "> later"]))
        ),
        # One name leading the note, or several named in it: each is credited.
        "note_by": lambda: engine.add_note(
            " and ".join(
                mention(n) for n in data.draw(st.lists(st.sampled_from(named), min_size=1, max_size=2, unique=True))
            )
            + " both said this"
            if named
            else "no one named yet"
        ),
        "edit": lambda: (
            engine.edit_note(
                data.draw(st.sampled_from(notes)).id,
                data.draw(st.sampled_from(["edited", *[f"{mention(n)} said it" for n in named]])),
            )
            if notes
            else None
        ),
        "remove": lambda: engine.remove_note(data.draw(st.sampled_from(notes)).id) if notes else None,
        "undo": engine.undo_remove,
        "dealt": lambda: engine.note_dealt_with(data.draw(st.sampled_from(notes)).id) if notes else None,
        "toggle": engine.toggle_timer,
        "next": engine.next_step,
        "previous": engine.previous_step,
        "plus": lambda: engine.add_minutes(data.draw(st.integers(1, 5))),
        "minus": lambda: engine.add_minutes(-1),
        "insert": lambda: engine.insert_step("Extra", 5),
        "skip": lambda: engine.skip_step(data.draw(st.integers(0, steps - 1))),
        "move": lambda: engine.move_step(data.draw(st.integers(0, steps - 1)), data.draw(st.sampled_from([-1, 1]))),
        "remove_step": lambda: engine.remove_step(data.draw(st.integers(0, steps - 1))),
        "action": lambda: engine.add_action("Do a thing", owner=data.draw(NAMES)),
        "done": lambda: engine.toggle_action(engine.session.actions[0].id) if engine.session.actions else None,
        "decision": lambda: engine.record_decision(
            question="Shall we?",
            method="majority vote",
            votes_for=2,
            votes_against=1,
            outcome="agreed",
            dissent="Not sure",
            dissent_by=anyone() if people else "",
        ),
    }
    run = runs[command]
    try:
        run()
    except NotNow:
        pass  # refused: nothing recorded, as on the live screen


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    roster=st.lists(st.tuples(NAMES, ROLES, st.booleans()), min_size=1, max_size=5),
    commands=st.lists(st.tuples(COMMANDS, st.integers(0, 300)), min_size=1, max_size=40),
)
def test_every_event_of_a_generated_session_names_who_or_what_it_was_about(
    data: st.DataObject, roster: list[tuple[str, str, bool]], commands: list[tuple[str, int]]
) -> None:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(small_plan(), "Generated", clock), clock)
    for name, role, arrived in roster:
        try:
            engine.add_person(name, role=role, arrived=arrived)
        except NotNow:
            pass  # the same name twice
    for command, seconds in commands:
        clock.advance(seconds=seconds)
        drive(engine, command, data)
    check_every_event_is_said_with_its_names(engine.session)


def test_the_replay_says_who_joined_the_roster_and_who_said_a_note() -> None:
    session = training_part_1()
    at = next(n for n, e in enumerate(session.events) if e.kind == Kind.PERSON_ADD) + 1
    assert replayed_at(session, session.last_moment, at).last_event == "Margaret joined the roster"
    said = next(n for n, e in enumerate(session.events) if e.kind == Kind.NOTE_ADD and e.details.get("by")) + 1
    by = labels(session)[str(session.events[said - 1].details["by"])]
    assert replayed_at(session, session.last_moment, said).last_event.endswith(f" - {by}")


def test_a_time_outside_the_session_is_said_to_be_before_its_start_or_after_its_end_with_its_span() -> None:
    session = training_part_1()
    start, end = session.started_at, session.last_moment
    span = f"This session ran from {start:%H:%M} to {end:%H:%M}."
    assert (
        outside_the_session(session, start.replace(hour=9, minute=30)) == f"09:30 is before the session started. {span}"
    )
    assert outside_the_session(session, end.replace(hour=23, minute=0)) == f"23:00 is after the session ended. {span}"
    assert outside_the_session(session, start.replace(second=0, microsecond=0)) == ""
    assert outside_the_session(session, end.replace(second=0, microsecond=0)) == ""


def test_an_unfinished_session_says_it_was_last_changed_not_ended() -> None:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(small_plan(), "Running", clock), clock)
    engine.start_timer()
    clock.advance(minutes=20)
    engine.add_note("still going")
    assert outside_the_session(engine.session, datetime(2026, 7, 8, 11, 0, tzinfo=TEN_AM.tzinfo)) == (
        "11:00 is after the session was last changed. This session ran from 10:00 to 10:20 so far."
    )


def test_a_kind_this_version_does_not_know_is_said_by_its_name_and_odd_details_by_the_plain_words() -> None:
    session = training_part_1()
    before = starting_state(session)
    assert what_happened(before, Event(at=TEN_AM, kind="later.kind", details={})) == "later.kind"
    # A hand-edited file: minutes that are not a number are said plainly, never a crash.
    odd = Event(at=TEN_AM, kind=Kind.AGENDA_CHANGE, details={"step": "s1", "minutes": "ten"})
    assert what_happened(before, odd) == "a step was changed"
