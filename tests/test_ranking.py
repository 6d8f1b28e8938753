"""Ranking the applications of a commissioning round against its pot, from the agreed scores."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from workshop_tui.core.ranking import rank, weighted_score
from workshop_tui.model.round import Application, Criterion, Round, pounds

FIVE_LEVELS = ["Poor", "Weak", "Fair", "Good", "Excellent"]


def criteria() -> list[Criterion]:
    return [
        Criterion(id="need", name="Meets a real need", weight=3, levels=FIVE_LEVELS, pass_mark=2),
        Criterion(id="voice", name="Older people have a say", weight=2, levels=FIVE_LEVELS),
        Criterion(id="money", name="Good use of money", weight=1, levels=FIVE_LEVELS),
    ]


def application(number: int, amount: int) -> Application:
    return Application(
        id=f"app{number}", organisation=f"Group {number}", project=f"Project {number}", amount_pence=amount * 100
    )


def test_the_weighted_score_needs_every_criterion() -> None:
    assert weighted_score({"need": 4, "voice": 3, "money": 5}, criteria()) == 3 * 4 + 2 * 3 + 5
    assert weighted_score({"need": 4, "voice": 3}, criteria()) is None


def test_fund_in_rank_order_skip_what_no_longer_fits_and_show_ties() -> None:
    round_ = Round(
        pot_pence=100_000 * 100,
        criteria=criteria(),
        applications=[
            application(1, 60_000),
            application(2, 50_000),
            application(3, 30_000),
            application(4, 10_000),
            application(5, 5_000),
            application(6, 1_000),
        ],
    )
    agreed = {
        "app1": {"need": 5, "voice": 5, "money": 5},  # 30
        "app2": {"need": 5, "voice": 4, "money": 4},  # 27
        "app3": {"need": 4, "voice": 4, "money": 4},  # 24, ties with app4 on score; smaller amount first
        "app4": {"need": 4, "voice": 4, "money": 4},
        "app5": {"need": 1, "voice": 5, "money": 5},  # below the pass mark for need
        "app6": {"need": 3, "voice": 3},  # not scored on every criterion
    }
    ranking = rank(round_, agreed)
    assert [(r.application.id, r.place, r.fits) for r in ranking] == [
        ("app1", 1, True),
        ("app2", 2, False),
        ("app4", 3, True),
        ("app3", 4, True),
        ("app5", None, False),
        ("app6", None, False),
    ]
    assert ranking[-2].why_not_ranked == "below the pass mark for Meets a real need"
    assert ranking[-1].why_not_ranked == "not scored on every criterion yet"
    assert [r.left_after_pence for r in ranking[:4]] == [40_000_00, 40_000_00, 30_000_00, 0]
    undecided = round_.model_copy(update={"tie_break": "the panel decides"})
    tied = rank(undecided, agreed)
    assert [(r.application.id, r.place, r.tied) for r in tied[2:4]] == [("app3", 3, True), ("app4", 3, True)]


def test_money_is_said_in_pounds() -> None:
    assert pounds(1_250_000) == "£12,500" and pounds(1_250_050) == "£12,500.50" and pounds(5) == "£0.05"


@st.composite
def rounds(draw: DrawFn) -> tuple[Round, dict[str, dict[str, int]]]:
    count = draw(st.integers(0, 25))
    amounts = draw(st.lists(st.integers(1, 200_000), min_size=count, max_size=count))
    apps = [application(number, amount) for number, amount in enumerate(amounts)]
    scores: dict[str, dict[str, int]] = {}
    for app in apps:  # now and then a criterion is not scored yet
        scores[app.id] = {c.id: draw(st.integers(1, 5)) for c in criteria() if draw(st.integers(0, 9))}
    pot = draw(st.integers(0, 2_000_000)) * 100
    tie_break = draw(
        st.sampled_from(["smaller amount first", "higher score on the first criterion", "the panel decides"])
    )
    return Round(pot_pence=pot, criteria=criteria(), tie_break=tie_break, applications=apps), scores


@settings(max_examples=200, deadline=None)
@given(rounds(), st.randoms())
def test_the_ranking_is_a_pure_function_of_the_scores_and_never_spends_more_than_the_pot(
    drawn: tuple[Round, dict[str, dict[str, int]]], shuffler: random.Random
) -> None:
    round_, scores = drawn
    ranking = rank(round_, scores)
    shuffled = list(round_.applications)
    shuffler.shuffle(shuffled)
    # The same scores and weights give the same ranking, whatever order the applications were listed in.
    assert rank(round_.model_copy(update={"applications": shuffled}), scores) == ranking
    assert sum(r.application.amount_pence for r in ranking if r.fits) <= round_.pot_pence
    weighted = [r.weighted for r in ranking if r.place is not None]
    assert weighted == sorted(weighted, reverse=True)  # type: ignore[type-var]
    assert all(r.place is None for r in ranking if r.weighted is None)


def test_a_pass_mark_must_be_on_the_scale() -> None:
    with pytest.raises(ValueError, match="not on the scale 1 to 5"):
        Criterion(id="x", name="X", levels=FIVE_LEVELS, pass_mark=6)
