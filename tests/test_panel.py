"""A commissioning panel in the engine: the round, declarations, scores, the reveal, moderation and awards."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.panel_views import departure, left_pence, near_the_line, ranking, spread, suggested_level
from workshop_tui.core.record_commands import NotNow
from workshop_tui.core.session_engine import SessionEngine
from workshop_tui.model import Event
from workshop_tui.store.session_file import load_session, save_new_session
from tests.panel_helpers import CRITERIA, panel_engine, score_everything, the_panel


def test_a_round_takes_its_criteria_from_the_plan_and_its_pot_when_opened() -> None:
    engine, _ = panel_engine(pot_pence=1_700_000_00)
    panel = engine.session.panel
    assert panel is not None
    assert panel.round.pot_pence == 1_700_000_00
    assert [c.id for c in panel.round.criteria] == CRITERIA
    assert [a.organisation for a in panel.round.applications][:2] == ["Hillside Lunch Club", "Riverside Walkers"]
    with pytest.raises(NotNow, match="already open"):
        engine.open_round(5)


def test_a_plan_without_criteria_cannot_hold_a_round(clock: FakeClock) -> None:
    from workshop_tui.core.session_engine import SessionEngine
    from tests.conftest import small_session

    engine = SessionEngine(small_session(), clock)
    with pytest.raises(NotNow, match="no criteria"):
        engine.open_round(100)


def test_an_imported_batch_with_one_bad_row_adds_nothing_and_names_the_row() -> None:
    engine, _ = panel_engine()
    before = len(the_panel(engine.session).round.applications)
    with pytest.raises(NotNow, match="Application 2"):
        engine.add_applications(
            [
                {"organisation": "A", "project": "B", "amount_pence": 100},
                {"organisation": "C", "project": "D", "amount_pence": 0},
            ]
        )
    assert len(the_panel(engine.session).round.applications) == before


def test_a_member_with_an_interest_cannot_score_it_and_staff_cannot_score_at_all() -> None:
    engine, _ = panel_engine(declared=False)
    engine.declare_interest("p1", "app1", "I volunteer at the lunch club")
    with pytest.raises(NotNow, match="stepped out"):
        engine.enter_score("p1", "app1", "need", 4)
    with pytest.raises(NotNow, match="staff, so does not score"):
        engine.enter_score("p5", "app1", "need", 4)
    engine.enter_score("p1", "app2", "need", 4)  # other applications are scored as usual
    engine.declare_no_interests("p2")
    assert the_panel(engine.session).declared("p2") and not the_panel(engine.session).has_interest("p2", "app1")


def test_a_late_declaration_withdraws_the_scores_already_entered() -> None:
    engine, _ = panel_engine()
    engine.enter_score("p2", "app3", "need", 5)
    engine.declare_interest("p2", "app3", "My son runs the shed")
    assert spread(the_panel(engine.session), "app3", "need") is None
    assert the_panel(engine.session).scores[0].withdrawn_at is not None  # kept, for the record


def test_no_score_and_zero_are_different() -> None:
    engine, _ = panel_engine()
    engine.enter_score("p1", "app1", "need", None)
    score = the_panel(engine.session).scores[0]
    assert score.level is None
    with pytest.raises(NotNow, match="from 1 to 5"):
        engine.enter_score("p1", "app1", "need", 0)


def test_before_the_reveal_typing_again_corrects_and_after_it_a_change_needs_a_reason() -> None:
    engine, _ = panel_engine()
    engine.enter_score("p1", "app1", "need", 2)
    engine.enter_score("p1", "app1", "need", 3)
    assert [s.level for s in the_panel(engine.session).scores] == [3]
    with pytest.raises(NotNow, match="after the chair reveals them"):
        engine.agree_score("app1", "need", 3)
    engine.reveal_scores()
    with pytest.raises(NotNow, match="changed with a reason"):
        engine.enter_score("p1", "app1", "need", 4)
    with pytest.raises(NotNow, match="why the score changed"):
        engine.change_score("p1", "app1", "need", 4, "")
    engine.change_score("p1", "app1", "need", 4, "I missed the waiting list on page 3")
    score = the_panel(engine.session).scores[0]
    assert score.level == 4 and score.earlier[0].level == 3 and score.reason.startswith("I missed")


def test_moderation_flags_a_spread_of_two_levels_and_suggests_the_middle() -> None:
    engine, _ = panel_engine()
    for member, level in [("p1", 2), ("p2", 4), ("p3", 3), ("p4", 4)]:
        engine.enter_score(member, "app1", "need", level)
    found = spread(the_panel(engine.session), "app1", "need")
    assert found is not None
    assert found.flagged and found.words == "2 to 4"
    assert suggested_level(the_panel(engine.session), "app1", "need") == 4  # the median 3.5, rounded half up


def test_a_score_saved_and_loaded_from_the_file_is_the_same_panel(tmp_path: Path) -> None:
    engine, _ = panel_engine()
    engine.declare_interest("p1", "app1", "Trustee")
    score_everything(engine)
    engine.reveal_scores()
    engine.change_score("p2", "app2", "need", 5, "The letters of support are strong")
    for criterion in CRITERIA:
        engine.agree_score("app2", criterion, 4, "We met in the middle")
    path = tmp_path / "round.toml"
    save_new_session(engine.session, path)
    assert load_session(path).panel == engine.session.panel


def _agree(engine: SessionEngine, levels: dict[str, int]) -> None:
    for application, level in levels.items():
        for criterion in CRITERIA:
            engine.agree_score(application, criterion, level)


def test_an_award_that_follows_the_ranking_needs_only_its_reason_and_one_that_departs_needs_why() -> None:
    engine, _ = panel_engine(pot_pence=60_000_00)
    score_everything(engine)
    engine.reveal_scores()
    _agree(engine, {"app1": 5, "app2": 4, "app3": 3, "app4": 2})  # ranked app1, app2, app3, app4
    panel = engine.session.panel
    assert panel is not None
    assert [r.application.id for r in ranking(panel) if r.fits] == ["app1", "app2"]
    engine.make_award("app1", "fund in full", "A clear need, led by its members.")
    assert left_pence(panel) == 30_000_00
    # Declining the next in line while it fits the money left goes against the ranking.
    with pytest.raises(NotNow, match="fits the £30,000 left"):
        engine.make_award("app2", "decline", "Not this time.")
    engine.make_award("app2", "decline", "Not this time.", departure_reason="The walks already have council money.")
    assert panel.awards[-1].departure.startswith("It is ranked 2")
    # More than the money left needs a reason too: the awards never pass the pot without one.
    with pytest.raises(NotNow, match="over the pot"):
        engine.make_award("app3", "fund in full", "A good plan.")
    engine.make_award("app3", "fund a smaller amount", "A good plan; we fund the first year.", amount_pence=25_000_00)
    assert left_pence(panel) == 5_000_00


def test_an_award_records_who_stepped_out_and_who_took_part() -> None:
    engine, _ = panel_engine()
    engine.declare_interest("p3", "app1", "I am a member")
    score_everything(engine)
    engine.reveal_scores()
    _agree(engine, {"app1": 5})
    engine.make_award("app1", "fund in full", "A clear need.")
    award = the_panel(engine.session).awards[0]
    assert award.stepped_out == ["p3"] and award.present == ["p1", "p2", "p4"]


def test_the_applications_near_the_funding_line_are_the_ones_moderation_starts_with() -> None:
    engine, _ = panel_engine(pot_pence=50_000_00)
    levels = {"app1": 5, "app2": 4, "app3": 3, "app4": 2}
    score_everything(engine, lambda member, app, criterion: levels[app])
    ranked = ranking(the_panel(engine.session))  # the members' averages, before anything is agreed
    assert [r.application.id for r in ranked if r.fits] == ["app1", "app2"]
    assert near_the_line(ranked) == {"app1", "app2", "app3", "app4"}
    panel = engine.session.panel
    assert panel is not None
    assert departure(panel, panel.application("app4"), "decline", 0) == ""  # the money would not reach it
    assert departure(panel, panel.application("app2"), "defer", 0).startswith("It is ranked 2")
    # Funding app4 out of turn would push out app2, ranked higher and still undecided.
    assert "Riverside Walkers is ranked higher (2)" in departure(
        panel, panel.application("app4"), "fund in full", 15_000_00
    )


# Properties, over generated sequences of what a panel does.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from workshop_tui.model.panel import PANEL_OUTCOMES  # noqa: E402

MEMBER_IDS = ["p1", "p2", "p3", "p4"]
APP_IDS = ["app1", "app2", "app3", "app4"]
LEVEL = st.one_of(st.none(), st.integers(0, 6))

step = st.one_of(
    st.tuples(st.just("declare"), st.sampled_from(MEMBER_IDS), st.sampled_from(APP_IDS)),
    st.tuples(
        st.just("score"), st.sampled_from(MEMBER_IDS), st.sampled_from(APP_IDS), st.sampled_from(CRITERIA), LEVEL
    ),
    st.tuples(st.just("reveal")),
    st.tuples(
        st.just("change"), st.sampled_from(MEMBER_IDS), st.sampled_from(APP_IDS), st.sampled_from(CRITERIA), LEVEL
    ),
    st.tuples(st.just("agree"), st.sampled_from(APP_IDS), st.sampled_from(CRITERIA), st.integers(1, 5)),
    st.tuples(
        st.just("award"),
        st.sampled_from(APP_IDS),
        st.sampled_from(PANEL_OUTCOMES),
        st.integers(1, 45_000),
        st.booleans(),
    ),
)


def _do(engine: SessionEngine, move: tuple[Any, ...]) -> None:
    name, *args = move
    try:
        if name == "declare":
            engine.declare_interest(args[0], args[1], "A link")
        elif name == "score":
            engine.enter_score(*args)
        elif name == "reveal":
            engine.reveal_scores()
        elif name == "change":
            member, application, criterion, level = args
            engine.change_score(member, application, criterion, level, reason="Changed my mind")
        elif name == "agree":
            engine.agree_score(*args)
        else:
            application, outcome, pounds_, give_reason = args
            engine.make_award(
                application,
                outcome,
                "Our reason.",
                amount_pence=pounds_ * 100,
                departure_reason="The panel's reason." if give_reason else "",
            )
    except NotNow:
        pass  # refused in words, and nothing changed


@settings(max_examples=150, deadline=None)
@given(st.lists(step, max_size=60))
def test_a_member_with_an_interest_never_has_a_counted_score_for_it(moves: list[tuple[Any, ...]]) -> None:
    engine, _ = panel_engine()
    for move in moves:
        _do(engine, move)
        panel = engine.session.panel
        assert panel is not None
        for score in panel.scores:
            if panel.has_interest(score.member, score.application):
                assert score.withdrawn_at is not None


@settings(max_examples=150, deadline=None)
@given(st.lists(step, max_size=80))
def test_the_money_awarded_never_passes_the_pot_without_a_recorded_reason(moves: list[tuple[Any, ...]]) -> None:
    engine, _ = panel_engine(pot_pence=60_000_00)
    score_everything(engine, lambda member, app, criterion: 1 + (int(app[-1]) + int(member[-1])) % 5)
    for move in moves:
        _do(engine, move)
        panel = engine.session.panel
        assert panel is not None
        if sum(a.amount_pence for a in panel.awards) > panel.round.pot_pence:
            assert any("over the pot" in a.departure and a.departure_reason for a in panel.awards)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(step, max_size=80),
    st.lists(
        st.tuples(st.sampled_from(MEMBER_IDS), st.sampled_from(APP_IDS), st.sampled_from(CRITERIA), st.integers(1, 5)),
        max_size=60,
    ),
)
def test_ranking_on_whole_numbers_of_840ths_is_the_ranking_on_exact_fractions(
    moves: list[tuple[Any, ...]], sheets: list[tuple[str, str, str, int]]
) -> None:
    from workshop_tui.core.panel_views import scores_so_far
    from workshop_tui.core.ranking import rank

    engine, _ = panel_engine(pot_pence=60_000_00)
    for member, application, criterion, level in sheets:
        _do(engine, ("score", member, application, criterion, level))
    for move in moves:
        _do(engine, move)
    panel = engine.session.panel
    assert panel is not None
    # The quick way (scaled whole numbers) and the plain way (fractions) agree: order, ties, pass marks, money.
    assert ranking(panel) == rank(panel.round, scores_so_far(panel))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(step, max_size=80),
    st.lists(
        st.tuples(st.sampled_from(MEMBER_IDS), st.sampled_from(APP_IDS), st.sampled_from(CRITERIA), LEVEL), max_size=60
    ),
)
def test_the_totals_kept_as_scores_change_equal_a_count_of_every_score(
    moves: list[tuple[Any, ...]], sheets: list[tuple[str, str, str, int]]
) -> None:
    from workshop_tui.model.panel import Panel

    engine, _ = panel_engine()
    for member, application, criterion, level in sheets:  # typed, then typed again, before the reveal
        _do(engine, ("score", member, application, criterion, level))
    for move in moves:  # late declarations withdraw scores; changes after the reveal move them
        _do(engine, move)
    kept = engine.session.panel
    assert kept is not None
    recounted = Panel.model_validate(kept.model_dump())
    assert kept.totals == recounted.totals


def test_a_members_own_window_scores_only_their_own_sheet_and_decides_nothing() -> None:
    engine, _ = panel_engine()
    engine.declare_interest("p1", "app1", "Trustee")
    with engine.stamped("member: Margaret", "c1"):
        engine.enter_score("p1", "app2", "need", 4)  # her own sheet
        with pytest.raises(NotNow, match="only Margaret's declarations and scores"):
            engine.enter_score("p2", "app2", "need", 4)
        with pytest.raises(NotNow, match="The chair does this"):
            engine.reveal_scores()
    engine.reveal_scores()  # the chair's screen
    with engine.stamped("member: Margaret", "c2"):
        refusals: tuple[Callable[[], list[Event]], ...] = (
            lambda: engine.agree_score("app2", "need", 4),
            lambda: engine.make_award("app1", "fund in full", "Her own club"),
            lambda: engine.open_round(5),
        )
        for refused in refusals:
            with pytest.raises(NotNow, match="Margaret's own window"):
                refused()
        engine.change_score("p1", "app2", "need", 5, "I read it again")  # her own score, with a reason
    with engine.stamped("note-taker: Alan", "c3"):  # the note-taker, not a member: copies every sheet
        engine.enter_score("p2", "app2", "need", 3)
    with engine.stamped("note-taker: Margaret", "c4"):  # her name without her code is no member's window
        engine.enter_score("p3", "app2", "need", 2)
    with engine.stamped("member: Nobody Here", "c5"), pytest.raises(NotNow, match="does not match anyone"):
        engine.enter_score("p4", "app2", "need", 2)  # a member's window that names no member acts for no one
    assert [(s.member, s.level) for s in the_panel(engine.session).scores] == [("p1", 5), ("p2", 3), ("p3", 2)]
