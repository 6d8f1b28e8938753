"""Any session written to TOML and read back is the same session, word for word."""

from datetime import timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import SessionEngine, first_state, new_session
from workshop_tui.model import STEP_KINDS, Event, Plan, Session, Step
from workshop_tui.model.session_start import SessionStart
from workshop_tui.store.session_file import load_session, save_session
from tests.conftest import TRICKY, small_plan

text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=200),
)
some_text = text.filter(lambda value: len(value) > 0)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
moments = st.datetimes(timezones=offsets)
ids = st.from_regex(r"[a-z][0-9]{1,4}", fullmatch=True)


@st.composite
def sessions(draw: DrawFn) -> Session:
    """A session with any plan, title and people's names, and events of kinds this version does not
    know (kept, not applied) carrying every kind of detail an event can hold."""
    step_count = draw(st.integers(1, 5))
    plan = Plan(
        name="plan-1",
        title=draw(some_text.map(lambda value: value[:200])),
        description=draw(text),
        quorum=draw(st.none() | st.integers(1, 30)),
        steps=[
            Step(
                title=draw(some_text.map(lambda value: value[:200])),
                kind=draw(st.sampled_from(STEP_KINDS)),
                planned_minutes=draw(st.integers(1, 600)),
                instructions=draw(text),
                prompts=draw(st.lists(text, max_size=3)),
            )
            for _ in range(step_count)
        ],
    )
    start = SessionStart(
        id=draw(ids),
        title=draw(some_text.map(lambda value: value[:200])),
        started_at=draw(moments),
        facilitator=draw(text),
        note_taker=draw(text),
        plan=plan,
    )
    session = first_state(start)
    details = st.one_of(
        text,
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False),
        st.booleans(),
        moments,
        st.dates(),
        st.lists(st.integers(0, 50), max_size=6),
        st.lists(text, max_size=3),
        st.dictionaries(some_text.map(lambda v: v[:50]), st.integers(0, 99), max_size=3),
    )
    for _ in range(draw(st.integers(0, 4))):
        session.events.append(
            Event(
                at=draw(moments),
                kind="later.kind",
                details=draw(st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), details, max_size=5)),
            )
        )
    return session


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(session=sessions())
def test_any_session_saved_and_loaded_is_the_same(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "round-trip.toml"
    save_session(session, path)
    assert load_session(path) == session


def test_tricky_text_survives_word_for_word(tmp_path: Path, clock: FakeClock) -> None:
    engine = SessionEngine(new_session(small_plan(), "Tricky", clock), clock)
    for tricky in TRICKY:
        engine.add_note("\u200b" + tricky if tricky.strip()[:1] in "+?!>@" else tricky)
    save_session(engine.session, tmp_path / "tricky.toml")
    loaded = load_session(tmp_path / "tricky.toml")
    assert [note.text for note in loaded.notes] == [note.text for note in engine.session.notes]
    assert loaded == engine.session
    assert loaded.started_at.utcoffset() == timedelta(hours=1)
