"""Conflicts of interest that hold ([13]): declarations come first, an interest steps a member out of
scoring, agreeing and deciding, an application nobody is free to decide goes to the funder as a recorded
exception, and a late declaration on a decided application reopens it."""

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from workshop_tui.core.record_commands import NotNow
from workshop_tui.core.session_engine import SessionEngine
from workshop_tui.export.feedback_letters import feedback_letters
from workshop_tui.export.panel_report import markdown_report
from workshop_tui.model.panel import Panel
from tests.panel_helpers import CRITERIA, panel_engine, score_everything, the_panel


def test_a_member_is_counted_on_nothing_before_declaring() -> None:
    engine, _ = panel_engine(declared=False)
    with pytest.raises(NotNow, match="Margaret has not made their declarations yet"):
        engine.enter_score("p1", "app1", "need", 4)
    engine.declare_no_interests("p1")
    engine.enter_score("p1", "app1", "need", 4)
    assert [s.member for s in the_panel(engine.session).scores] == ["p1"]


def test_contradictory_declarations_are_refused_in_words_and_a_late_interest_replaces_none() -> None:
    engine, _ = panel_engine(declared=False)
    engine.declare_interest("p1", "app1", "Trustee")
    with pytest.raises(
        NotNow, match="Margaret has declared an interest in Hillside Lunch Club, so they cannot also say"
    ):
        engine.declare_no_interests("p1")
    engine.declare_no_interests("p2")
    engine.declare_interest("p2", "app2", "My daughter walks with them")  # found later: it stands
    declarations = [(d.member, d.application) for d in the_panel(engine.session).declarations]
    assert declarations == [("p1", "app1"), ("p2", "app2")]  # no "none" beside an interest
    engine.declare_interest("p3", "app3", "Treasurer")
    ids = [d.id for d in the_panel(engine.session).declarations]
    assert len(ids) == len(set(ids))  # a "none" that was replaced never lends its number to another
    engine.declare_interest("p5", "app3", "I manage the shed's grant")  # staff declare too
    assert the_panel(engine.session).has_interest("p5", "app3")


def everyone_out_of_app1(engine: SessionEngine) -> None:
    for member in ("p1", "p2", "p3", "p4"):
        engine.declare_interest(member, "app1", "We all sing there")


def test_an_application_nobody_is_free_to_decide_goes_to_the_funder_with_a_reason_and_nothing_else() -> None:
    engine, _ = panel_engine(declared=False)
    everyone_out_of_app1(engine)
    score_everything(engine)
    engine.reveal_scores()
    with pytest.raises(NotNow, match="Every member stepped out of Hillside Lunch Club, so no one is left to agree"):
        engine.agree_score("app1", "need", 5)
    for outcome in ("fund in full", "decline", "defer"):
        with pytest.raises(NotNow, match="Refer it to the funder, with a reason"):
            engine.make_award("app1", outcome, "Strong")
    with pytest.raises(NotNow, match="why it goes to the funder"):
        engine.make_award("app1", "refer to the funder", " ")
    engine.make_award("app1", "refer to the funder", "Every member sings in the choir")
    award = the_panel(engine.session).awards[0]
    assert (award.outcome, award.amount_pence, award.present) == ("refer to the funder", 0, [])
    assert award.stepped_out == ["p1", "p2", "p3", "p4"]
    report = markdown_report(engine.session)
    assert "Decision: Refer to the funder." in report and "as a recorded exception" in report
    letter = next(letter for letter in feedback_letters(engine.session) if "Hillside" in letter.markdown)
    assert "goes to the funder to decide" in letter.markdown


def test_a_late_declaration_reopens_a_decided_application_until_the_panel_confirms_it() -> None:
    engine, _ = panel_engine()
    score_everything(engine)
    engine.reveal_scores()
    engine.make_award("app1", "fund in full", "It meets a real need", departure_reason="Close to the others")
    assert "p2" in the_panel(engine.session).awards[0].present
    engine.declare_interest("p2", "app1", "My wife volunteers there")
    award = the_panel(engine.session).awards[0]
    assert (
        award.to_confirm.startswith("Dennis declared an interest at") and "after this was decided" in award.to_confirm
    )
    assert "To confirm: Dennis declared an interest" in markdown_report(engine.session)
    # The same again: that is confirming it.
    engine.make_award("app1", "fund in full", "It meets a real need", departure_reason="Close to the others")
    award = the_panel(engine.session).awards[0]
    assert not award.to_confirm and "p2" not in award.present and "p2" in award.stepped_out
    assert len(award.earlier) == 1  # what it was before stays on record


@st.composite
def rounds(draw: DrawFn) -> list[tuple[str, tuple[Any, ...]]]:
    """A panel's steps in a random order, each from a window of some role: declarations (some late, some
    undone), scores (some after the reveal), comments, the reveal, agreements, awards, withdrawals and
    corrections, ties ordered."""
    member = st.sampled_from(["p1", "p2", "p3", "p4"])
    application = st.sampled_from(["app1", "app2", "app3", "app4"])
    step = st.one_of(
        st.tuples(st.just("interest"), member, application),
        st.tuples(st.just("none"), member),
        st.tuples(st.just("undo"), st.integers(1, 12)),
        st.tuples(st.just("score"), member, application, st.sampled_from(CRITERIA), st.integers(1, 5)),
        st.tuples(st.just("comment"), member, application),
        st.tuples(st.just("reveal")),
        st.tuples(st.just("agree"), application, st.sampled_from(CRITERIA), st.integers(1, 5)),
        st.tuples(st.just("award"), application, st.sampled_from(["fund in full", "decline", "refer to the funder"])),
        st.tuples(st.just("withdraw"), application),
        st.tuples(st.just("remove"), application),
        st.tuples(st.just("edit"), application, st.integers(1, 60)),
        st.tuples(st.just("tie"), application, application),
    )
    # The chair's window, a note-taker's (copying paper sheets), or a member's own.
    window = st.sampled_from(["", "note-taker: Bob", "member: Margaret", "member: Dennis"])
    return draw(st.lists(st.tuples(window, step), max_size=60))


@settings(max_examples=150, deadline=None)
@given(rounds())
# A late interest set Margaret's score aside; undone as made in error, her score counts again, on her "none".
@example(
    steps=[
        ("", ("none", "p1")),
        ("", ("score", "p1", "app1", "need", 3)),
        ("", ("interest", "p1", "app1")),
        ("member: Margaret", ("undo", 2)),
    ]
)
# Margaret's only declaration is an interest; she scores another application. Undoing that interest is
# refused (she would count with nothing declared); removing its application leaves her declared.
@example(
    steps=[
        ("", ("interest", "p2", "app1")),
        ("", ("interest", "p1", "app1")),
        ("", ("score", "p1", "app2", "need", 1)),
        ("", ("undo", 2)),
    ]
)
@example(steps=[("", ("interest", "p1", "app1")), ("", ("score", "p1", "app2", "need", 1)), ("", ("remove", "app1"))])
def test_no_counted_score_agreement_or_award_rests_on_a_member_with_an_interest(
    steps: list[tuple[str, tuple[Any, ...]]],
) -> None:
    engine, _ = panel_engine(declared=False)
    do: dict[str, Callable[..., object]] = {
        "interest": lambda m, a: engine.declare_interest(m, a, "A link"),
        "none": lambda m: engine.declare_no_interests(m),
        "undo": lambda n: engine.undo_declaration(f"i{n}", "Made in error"),
        "score": lambda m, a, c, level: engine.enter_score(m, a, c, level),
        "comment": lambda m, a: engine.add_comment(m, a, "A thought"),
        "reveal": lambda: engine.reveal_scores(),
        "agree": lambda a, c, level: engine.agree_score(a, c, level),
        "award": lambda a, outcome: engine.make_award(a, outcome, "Our reason", departure_reason="The panel's reason"),
        "withdraw": lambda a: engine.withdraw_application(a, "They withdrew"),
        "remove": lambda a: engine.remove_application(a, "Added by mistake"),
        "edit": lambda a, thousands: engine.edit_application(a, "A new budget", amount_pence=thousands * 1_000_00),
        "tie": lambda a, b: engine.order_tie([a, b], "The panel chose"),
    }
    for number, (window, (name, *args)) in enumerate(steps):
        try:
            with engine.stamped(window, f"c{number}"):
                do[name](*args)
        except NotNow:
            pass
    panel = engine.session.panel
    assert panel is not None
    members = ["p1", "p2", "p3", "p4"]
    names = {"Margaret": "p1", "Dennis": "p2"}
    for score in panel.scores:
        assert panel.declared(score.member) or score.withdrawn_at is not None  # no one is counted before declaring
        if panel.has_interest(score.member, score.application):
            assert score.withdrawn_at is not None  # a member with an interest is never counted on it
        if score.withdrawn_at is not None:  # set aside only while an interest stands (an undone one counts again)
            assert panel.has_interest(score.member, score.application)
        own = score.window.partition(": ")[2]
        if score.window.startswith("member: "):
            assert names[own] == score.member  # a member's own window scores for that member alone
    # A conflicted member's comment was made before the interest that now stands was declared. In the
    # record's order, not the clock's: the fake clock stands still here, so the two may share a time.
    events = engine.session.events
    comments_made = [n for n, event in enumerate(events) if event.kind == "panel.comment"]
    declared = {event.details["declaration"]: n for n, event in enumerate(events) if event.kind == "declaration.add"}
    assert len(comments_made) == len(panel.comments)
    for comment, made in zip(panel.comments, comments_made, strict=True):
        assert not panel.has_interest(comment.member, comment.application) or any(
            d.member == comment.member and d.application == comment.application and declared[d.id] > made
            for d in panel.declarations
        )
    for member in members:
        said_none = any(d.member == member and not d.application for d in panel.declarations)
        assert not (said_none and any(d.member == member and d.application for d in panel.declarations))
    for award in panel.awards:
        assert not panel.application(award.application).withdrawn  # nothing withdrawn is decided
        assert not award.window.startswith("member: ")  # the chair decides, never a member's own window
        conflicted = [p for p in award.present if panel.has_interest(p, award.application)]
        assert not conflicted or award.to_confirm  # decided before they declared: it waits to be confirmed
        nobody_free = all(panel.has_interest(p, award.application) for p in members)
        if nobody_free:
            assert award.outcome == "refer to the funder" or award.to_confirm
        if award.outcome == "refer to the funder":
            assert award.amount_pence == 0 and award.reason
    for agreed in panel.agreed:
        assert not panel.application(agreed.application).withdrawn or agreed.at <= next(
            c.at
            for c in panel.corrections
            if c.what.endswith("was withdrawn") and agreed.application in _ids_named(panel, c.what)
        )


def _ids_named(panel: Panel, what: str) -> set[str]:
    return {a.id for a in panel.round.applications if what.startswith(a.organisation)}
