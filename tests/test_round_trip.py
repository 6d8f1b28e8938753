"""Any valid session written to TOML and read back is the same session."""

from datetime import timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.model import (
    STEP_KINDS,
    Action,
    Decision,
    Event,
    Note,
    NoteEdit,
    Participant,
    Plan,
    Session,
    SessionStep,
)
from workshop_tui.model.decision import METHODS, OUTCOMES
from workshop_tui.model.note import NOTE_KINDS
from workshop_tui.model.participant import ROLES
from workshop_tui.store.toml_files import load_session, save_session

TRICKY = [
    "Meet somewhere with a hearing loop",
    "She said \"no\" and 'maybe'",
    "C:\\Users\\panel\\notes \\n is not a newline",
    "line one\nline two\r\nline three\n",
    "Café, naïve, Zoë, Ω, 日本語, عربى",
    "🙂👍🏽👨‍👩‍👧 emoji",
    "tab\there, bell\x07, escape\x1b[31m, delete\x7f",
    '"""triple quotes""" and \'\'\'more\'\'\'',
    "x" * 20_000,
    " leading and trailing spaces ",
]

text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=200),
)
some_text = text.filter(lambda value: len(value) > 0)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
moments = st.datetimes(timezones=offsets)
ids = st.from_regex(r"[a-z][0-9]{1,4}", fullmatch=True)


@st.composite
def sessions(draw) -> Session:
    step_count = draw(st.integers(1, 5))
    steps = [
        SessionStep(
            id=f"s{number}",
            title=draw(some_text.map(lambda value: value[:200])),
            kind=draw(st.sampled_from(STEP_KINDS)),
            planned_minutes=draw(st.integers(1, 600)),
            instructions=draw(text),
            prompts=draw(st.lists(text, max_size=3)),
            added_minutes=draw(st.integers(-30, 120)),
            started_at=draw(st.none() | moments),
            ended_at=draw(st.none() | moments),
            elapsed_seconds=draw(st.floats(0, 100_000, allow_nan=False)),
            running_since=draw(st.none() | moments),
        )
        for number in range(1, step_count + 1)
    ]
    plan = Plan(
        name="plan-1",
        title=draw(some_text.map(lambda value: value[:200])),
        description=draw(text),
        quorum=draw(st.none() | st.integers(1, 30)),
        steps=[step.model_dump(include=set(Plan.model_fields["steps"].annotation.__args__[0].model_fields)) for step in steps],
    )
    step_ids = st.sampled_from([step.id for step in steps])
    notes = [
        Note(
            id=f"n{number}",
            at=draw(moments),
            step=draw(step_ids),
            kind=draw(st.sampled_from(NOTE_KINDS)),
            text=draw(text),
            by=draw(st.sampled_from(["", "p1"])),
            earlier=[NoteEdit(at=draw(moments), text=draw(text))] if draw(st.booleans()) else [],
            removed_at=draw(st.none() | moments),
        )
        for number in range(draw(st.integers(0, 4)))
    ]
    return Session(
        id=draw(ids),
        title=draw(some_text.map(lambda value: value[:200])),
        status=draw(st.sampled_from(["running", "paused", "finished"])),
        started_at=draw(moments),
        ended_at=draw(st.none() | moments),
        facilitator=draw(text),
        plan=plan,
        steps=steps,
        current_step=draw(st.integers(0, step_count - 1)),
        participants=[
            Participant(id="p1", name=draw(text), role=draw(st.sampled_from(ROLES)), arrived_at=draw(moments))
        ],
        notes=notes,
        decisions=[
            Decision(
                id="d1",
                at=draw(moments),
                step="s1",
                question=draw(some_text),
                method=draw(st.sampled_from(METHODS)),
                votes_for=draw(st.none() | st.integers(0, 50)),
                fingers=draw(st.lists(st.integers(0, 50), min_size=6, max_size=6)),
                dots=draw(st.dictionaries(some_text.map(lambda v: v[:50]), st.integers(0, 99), max_size=3)),
                outcome=draw(st.sampled_from(OUTCOMES)),
                reasons=draw(text),
                dissent=draw(text),
            )
        ],
        actions=[Action(id="a1", at=draw(moments), text=draw(some_text), owner=draw(text), due=draw(st.none() | st.dates()))],
        events=[
            Event(at=draw(moments), kind="step.next", details={"step": draw(st.integers(0, 9)), "why": draw(text), "minutes": 1.5, "late": True})
        ],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(session=sessions())
def test_any_session_saved_and_loaded_is_the_same(session: Session, tmp_path: Path):
    path = tmp_path / "round-trip.toml"
    save_session(session, path)
    assert load_session(path) == session


def test_tricky_text_survives_word_for_word(tmp_path: Path):
    from tests.conftest import small_session

    session = small_session()
    for number, tricky in enumerate(TRICKY, start=1):
        session.notes.append(Note(id=f"n{number}", at=session.started_at, step="s1", text=tricky))
    save_session(session, tmp_path / "tricky.toml")
    loaded = load_session(tmp_path / "tricky.toml")
    assert [note.text for note in loaded.notes] == TRICKY
    assert loaded.started_at.utcoffset() == timedelta(hours=1)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session=sessions())
def test_autosave_writer_gives_the_same_session_before_and_after_changes(session: Session):
    """The autosave reuses each note's and event's TOML; the file must still say exactly the same."""
    import tomllib

    from workshop_tui.store.session_writer import SessionWriter

    writer = SessionWriter()
    assert Session.model_validate(tomllib.loads(writer.to_toml(session).decode())) == session
    if session.notes:
        session.notes[0].text = "changed after the first save"
        session.notes[-1].earlier = [*session.notes[-1].earlier, NoteEdit(at=session.started_at, text="x")]
    session.events.append(Event(at=session.started_at, kind="note.remove", details={"note": "n1"}))
    assert Session.model_validate(tomllib.loads(writer.to_toml(session).decode())) == session
