"""The session file, version 2: what is loaded is exactly what the events make, and a save cut
short at any byte loses only that save."""

import tomllib
from datetime import date, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.replay import state_at
from workshop_tui.core.session_engine import NotNow
from workshop_tui.core.session_summary import summary_of
from workshop_tui.core.step_times import StepTime, step_times
from workshop_tui.model import Plan
from workshop_tui.model.panel import OUTCOMES
from workshop_tui.model.round import TIE_BREAKS
from workshop_tui.store.file_head import quick_head, quick_timings
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.plan_library import find_plan
from workshop_tui.store.session_file import load_session, load_session_file, read_summary
from tests.conftest import TEN_AM, TRICKY, small_plan

text = st.one_of(st.sampled_from(TRICKY), st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80))
names = st.sampled_from(["Ann", "Bob", "Zoë", "Mary Jane", ""])
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))

# A command a facilitator or note-taker could give, with its arguments drawn freely.
commands = st.one_of(
    st.builds(lambda: Command("toggle_timer")),
    st.builds(lambda: Command("next_step")),
    st.builds(lambda: Command("previous_step")),
    st.builds(lambda m: Command("add_minutes", {"minutes": m}), st.integers(-3, 5)),
    st.builds(lambda t: Command("add_note", {"typed": t}), text),
    st.builds(
        lambda n, r: Command("add_person", {"name": n, "role": r}), names, st.sampled_from(["older person", "staff"])
    ),
    st.builds(lambda i, t: Command("edit_note", {"note_id": f"n{i}", "text": t}), st.integers(1, 4), text),
    st.builds(lambda i: Command("remove_note", {"note_id": f"n{i}"}), st.integers(1, 4)),
    st.builds(lambda: Command("undo_remove")),
    st.builds(lambda t, m: Command("insert_step", {"title": t[:200], "minutes": m}), text, st.integers(1, 30)),
    st.builds(lambda i: Command("skip_step", {"index": i}), st.integers(0, 5)),
    st.builds(
        lambda i, d: Command("move_step", {"index": i, "direction": d}), st.integers(0, 5), st.sampled_from([-1, 1])
    ),
    st.builds(lambda t, o: Command("add_action", {"text": t, "owner": o, "due": date(2026, 7, 15)}), text, names),
    st.builds(
        lambda q, s: Command(
            "record_decision",
            {
                "question": q,
                "method": "majority vote",
                "votes_for": 4,
                "votes_against": 1,
                "abstentions": 0,
                "present_count": 5,
                "outcome": "agreed",
                "statement": s,
                "reasons": "",
                "dissent": s,
            },
        ),
        text,
        text,
    ),
    st.builds(lambda on, n: Command("room_record", {"on": on, "names": n}), st.booleans(), st.booleans()),
    st.builds(lambda: Command("finish")),
)


@st.composite
def runs(draw):
    """A session run by a sequence of commands, with saves and reopenings at random moments."""
    steps = draw(
        st.lists(st.tuples(commands, st.floats(0, 900), st.sampled_from(["", "", "", "save", "reopen"])), max_size=40)
    )
    return draw(offsets), steps


def _run_and_check(folder: Path, plan: Plan, offset: timezone, steps: list[tuple[Command, float, str]]) -> None:
    """Apply the commands, with saves and reopenings between, then check the file says what the session is."""
    clock = FakeClock(TEN_AM.astimezone(offset))
    owner = OpenSession.create(folder, plan, "Round trip", clock, "Sam", "Jo", gather_seconds=0)
    try:
        for command, seconds, then in steps:
            clock.advance(seconds=seconds)
            try:
                owner.apply(command)
            except NotNow:
                pass
            if then == "save":
                assert owner.save_now().ok
            elif then == "reopen":
                owner.close()
                owner = OpenSession.resume(owner.path, clock, allow_finished=True, gather_seconds=0)
        assert owner.close().ok
        loaded = load_session_file(owner.path)
        assert loaded.session == owner.session
        # The state is what the events make: replaying every event gives the loaded session.
        replayed = state_at(loaded.session, loaded.session.events[-1].at, events_upto=len(loaded.session.events))
        assert replayed.model_dump(exclude={"events"}) == loaded.session.model_dump(exclude={"events"})
        # The summary at the head, with the tail folded in, says what the whole file says.
        expected = summary_of(loaded.session)
        assert read_summary(owner.path) == expected
        # The quick reading of the head says what tomllib says. It leaves a head to tomllib only when a
        # value in it has an escape (a title with a quote, a backslash or a control character): this
        # app's plain heads, nearly all of them, are read quickly.
        head = owner.path.read_bytes().split(b"\n[session]\n")[0]
        plain = b"\\" not in head
        quick = quick_head(head)
        parsed = tomllib.loads(head.decode())
        assert quick == parsed if plain else quick in (None, parsed)
        # The timings at the head are each step's, as at the last whole write (the summary's moment).
        timings = [StepTime.from_toml(table) for table in parsed["timings"]]
        if parsed["summary"]["events"] == len(loaded.session.events):
            assert timings == step_times(loaded.session)
        # ... and the quick reading of them says the same, leaving to tomllib only timings with an escape.
        rows = quick_timings(head[head.index(b"[[timings]]") :].decode())
        if plain:
            assert rows is not None
        assert rows is None or [StepTime.checked(*row) for row in rows] == timings
    finally:
        owner.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(run=runs())
def test_loading_a_file_equals_replaying_its_events(tmp_path_factory, run):
    offset, steps = run
    _run_and_check(tmp_path_factory.mktemp("sessions"), small_plan(), offset, steps)


# A commissioning panel's commands, on a round of the shortlisting plan, with tricky words everywhere.
# Ids and values off the list (p5 is staff, "colour" is no criterion, 0 and 6 are off the scale) are refused.
CRITERIA = ["need", "voice", "reach", "delivery", "value"]
MEMBER_IDS = st.sampled_from(["p1", "p2", "p3", "p4", "p5"])
APP_IDS = st.sampled_from(["app1", "app2", "app3", "app4"])
CRITERION_IDS = st.sampled_from([*CRITERIA, "colour"])
LEVELS = st.one_of(st.none(), st.integers(0, 6))
pence = st.integers(1, 300_000_00)
words = text.filter(str.split)  # something to say: an empty reason is refused, and tested elsewhere
an_application = st.fixed_dictionaries(
    {
        "organisation": words.map(lambda t: t[:200]),
        "project": words.map(lambda t: t[:200]),
        "amount_pence": pence,
    },
    optional={"area": text.map(lambda t: t[:200]), "summary": text.map(lambda t: t[:2000]), "link": text},
)


def _score(member, application, criterion, level, comment=""):
    return Command(
        "enter_score",
        {"member": member, "application": application, "criterion": criterion, "level": level, "comment": comment},
    )


def _award(application, outcome, reason, amount, why):
    return Command(
        "make_award",
        {
            "application": application,
            "outcome": outcome,
            "reason": reason,
            "amount_pence": amount,
            "departure_reason": why,
        },
    )


adding = st.one_of(
    st.builds(lambda a: Command("add_application", a), an_application),
    st.builds(
        lambda rows: Command("add_applications", {"applications": rows}),
        st.lists(an_application, min_size=1, max_size=3),
    ),
)
declaring = st.one_of(
    st.builds(
        lambda m, a, t: Command("declare_interest", {"member": m, "application": a, "interest": t}),
        MEMBER_IDS,
        APP_IDS,
        words,
    ),
    st.builds(lambda m: Command("declare_no_interests", {"member": m}), MEMBER_IDS),
)
scoring = st.builds(_score, MEMBER_IDS, APP_IDS, CRITERION_IDS, LEVELS, st.one_of(st.just(""), text))
changing_pot = st.builds(lambda p, t: Command("change_pot", {"pot_pence": p, "reason": t}), pence, words)
around = st.sampled_from(
    [Command("add_note", {"typed": "+ @zoë a point"}), Command("next_step"), Command("toggle_timer")]
)
timed = st.floats(0, 900)
afterwards = st.sampled_from(["", "", "", "", "save", "reopen"])  # what happens after a command


@st.composite
def panel_runs(draw):
    """A round opened with its pot and its applications; declarations and scores; the reveal; moderation and awards."""
    people = [
        Command("add_person", {"name": n, "role": r})
        for n, r in [
            ("Zoë", "older person"),
            ("Mary Jane", "volunteer"),
            ("Ann", "older person"),
            ("", "older person"),
            ("Tom", "staff"),
        ]
    ]
    opening = Command(
        "open_round",
        {"pot_pence": draw(st.integers(1, 2_000_000_00)), "tie_break": draw(st.sampled_from(["", *TIE_BREAKS]))},
    )
    rows = draw(st.lists(an_application, min_size=1, max_size=4))
    imported = Command("add_applications", {"applications": rows})
    in_round = st.sampled_from([f"app{n}" for n in range(1, len(rows) + 1)])
    # A member's sheet: a score for every criterion of one application.
    sheet = st.builds(
        lambda m, a, levels: [_score(m, a, c, level) for c, level in zip(CRITERIA, levels, strict=True)],
        st.sampled_from(["p1", "p2", "p3", "p4"]),
        in_round,
        st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=5, max_size=5),
    )
    # The panel agrees every criterion of one application, so it can be ranked.
    agreeing = st.builds(
        lambda a, levels, t: [
            Command("agree_score", {"application": a, "criterion": c, "level": level, "reason": t})
            for c, level in zip(CRITERIA, levels, strict=True)
        ],
        in_round,
        st.lists(st.integers(1, 5), min_size=5, max_size=5),
        st.one_of(st.just(""), text),
    )
    one = st.builds(lambda command: [command], st.one_of(adding, declaring, scoring, around))
    before = draw(st.lists(st.one_of(sheet, sheet, one), min_size=1, max_size=8))
    scores = [c for group in before for c in group if c.name == "enter_score"]
    changing = (
        st.builds(
            lambda c, level, t: [
                Command(
                    "change_score",
                    {**{k: c.args[k] for k in ("member", "application", "criterion")}, "level": level, "reason": t},
                )
            ],
            st.sampled_from(scores),
            LEVELS,
            words,
        )
        if scores
        else st.nothing()
    )
    awarding = st.builds(
        _award,
        in_round,
        st.sampled_from([*OUTCOMES, "maybe"]),
        words,
        st.one_of(st.none(), st.just(0), pence),
        st.one_of(st.just(""), words),
    )
    more = st.builds(lambda command: [command], st.one_of(scoring, declaring, changing_pot, around))
    after = draw(st.lists(st.one_of(changing, agreeing, agreeing, awarding.map(lambda c: [c]), more), max_size=12))
    groups = [[c] for c in [*people, opening, imported]] + before + [[Command("reveal_scores")]] + after
    return draw(offsets), [(command, draw(timed), draw(afterwards)) for group in groups for command in group]


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(run=panel_runs())
def test_a_panels_round_loads_as_its_events_replay(tmp_path_factory, run):
    offset, steps = run
    _run_and_check(tmp_path_factory.mktemp("sessions"), find_plan("commissioning-shortlisting").plan, offset, steps)


def _session_with_saves(folder: Path, clock: FakeClock) -> tuple[OpenSession, list[int]]:
    """A session saved after every note: the file's size after each save."""
    owner = OpenSession.create(folder, small_plan(), "Cut", clock, gather_seconds=60)
    owner.apply(Command("add_person", {"name": "Ann"}))
    owner.apply(Command("toggle_timer"))
    owner.save_now()
    sizes = [owner.path.stat().st_size]
    for number in range(5):
        clock.advance(seconds=40)
        owner.apply(Command("add_note", {"typed": f"+ @ann note {number} with 'quotes' and ünïcode"}))
        if number == 4:
            owner.apply(Command("add_action", {"text": "Ring the hall", "owner": "Ann"}))
        owner.save_now()
        sizes.append(owner.path.stat().st_size)
    return owner, sizes


def test_a_file_cut_at_any_byte_of_its_last_save_loads_with_every_earlier_change(tmp_path: Path, clock):
    owner, sizes = _session_with_saves(tmp_path, clock)
    owner.close()
    whole = owner.path.read_bytes()
    before = load_session(owner.path)
    events_before_last = len(before.events) - 2  # the last save held a note and an action
    cut_path = tmp_path / "cut.toml"
    for size in range(sizes[-2], sizes[-1]):
        cut_path.write_bytes(whole[:size])
        loaded = load_session_file(cut_path)
        assert loaded.session.events == before.events[:events_before_last], size
        assert loaded.dropped_bytes == size - sizes[-2]
    cut_path.write_bytes(whole)
    assert load_session(cut_path) == before


def test_after_a_save_cut_short_the_next_save_writes_the_whole_file_again(tmp_path: Path, clock):
    owner, sizes = _session_with_saves(tmp_path, clock)
    owner.close()
    whole = owner.path.read_bytes()
    owner.path.write_bytes(whole[: (sizes[-2] + sizes[-1]) // 2])
    resumed = OpenSession.resume(owner.path, clock, gather_seconds=60)
    resumed.apply(Command("add_note", {"typed": "after the crash"}))
    assert resumed.close().ok
    loaded = load_session(owner.path)
    assert [n.text for n in loaded.notes][-2:] == ["note 3 with 'quotes' and ünïcode", "after the crash"]
    assert load_session_file(owner.path).dropped_bytes == 0


def test_most_saves_append_only_the_new_events(tmp_path: Path, clock):
    owner, sizes = _session_with_saves(tmp_path, clock)
    head = owner.path.read_bytes()[: sizes[1]]
    clock.advance(seconds=5)
    owner.apply(Command("add_note", {"typed": "one more"}))
    owner.save_now()
    after = owner.path.read_bytes()
    owner.close()
    # Everything already written is untouched; the save added a few hundred bytes at the end.
    assert after.startswith(head)
    assert 100 < len(after) - sizes[-1] < 400


def test_a_step_change_rewrites_the_file_with_a_fresh_summary(tmp_path: Path, clock):
    owner, _ = _session_with_saves(tmp_path, clock)
    owner.apply(Command("next_step"))
    owner.save_now()
    text = owner.path.read_text()
    owner.close()
    head = text[: text.index("[session]")]
    assert "notes = 5" in head and "open_actions = 1" in head
    assert text.count("# saved") == 1


def test_a_running_session_is_listed_with_its_latest_events_from_the_tail(tmp_path: Path, clock):
    owner, _ = _session_with_saves(tmp_path, clock)
    summary = read_summary(owner.path)
    owner.close()
    # The head was written when the session was created; the notes were appended since.
    head = owner.path.read_text()[:400]
    assert "notes = 0" in head
    assert summary["notes"] == 5 and summary["open_actions"] == 1 and summary["status"] == "running"


def test_a_head_with_anything_unusual_is_left_to_tomllib():
    assert quick_head(b'[summary]\ntitle = "Plain"\nnotes = 3\n') == {"summary": {"title": "Plain", "notes": 3}}
    assert quick_head(
        b"[summary]\nok = true\n[[timings]]\nplanned = 5\n[[timings]]\nplanned = 10\nmoved = false\n"
    ) == {"summary": {"ok": True}, "timings": [{"planned": 5}, {"planned": 10, "moved": False}]}
    for odd in (
        b'[summary]\ntitle = "Tab\\there"\n',
        b"[summary]\nnotes = 3.5\n",
        b"[summary]\nok = yes\n",
        b"[summary]\n[summary]\n",
        b"[summary]\n[[timings]]\nplanned = 5\nplanned = 6\n",
        b"[summary]\nTitle = 1\n",
        b"[summary]\nstarted_at = 2026-07-08 10:00:00\n",
        b'[summary]\ntitle = "a"\ntitle = "b"\n',
        b"title = [",
    ):
        assert quick_head(odd) is None, odd


def test_the_listing_reads_any_title_word_for_word(tmp_path: Path, clock):
    for number, tricky in enumerate(TRICKY):
        owner = OpenSession.create(tmp_path, small_plan(), tricky[:200].strip() or "x", clock, facilitator=tricky[:50])
        owner.close()
        assert read_summary(owner.path) == summary_of(load_session(owner.path)), number


def test_two_notes_given_the_same_id_by_hand_keep_their_own_times_through_a_save(tmp_path: Path, clock):
    """Saving writes each event as it is, with its own time: nothing is looked up by id and reused."""
    owner = OpenSession.create(tmp_path, small_plan(), "Same ids", clock, gather_seconds=60)
    owner.apply(Command("add_note", {"typed": "first"}))
    clock.advance(minutes=5)
    owner.apply(Command("add_note", {"typed": "second"}))
    owner.close()
    path = owner.path
    path.write_text(path.read_text().replace('note = "n2"', 'note = "n1"'))  # a hand edit
    before = [(note.id, note.at, note.text) for note in load_session(path).notes]
    assert [n for n, _, _ in before] == ["n1", "n1"] and before[0][1] != before[1][1]
    resumed = OpenSession.resume(path, clock, gather_seconds=60)
    resumed.apply(Command("next_step"))  # a save that writes the whole file again
    resumed.close()
    assert [(note.id, note.at, note.text) for note in load_session(path).notes] == before
