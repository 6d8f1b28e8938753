"""One entry per way of deciding: every name a file may hold has one, and everything reads it."""

from datetime import UTC, datetime
from typing import get_args

import pytest

from workshop_tui.core import decision_methods
from workshop_tui.core.decision_methods import COUNTS, NO_COUNTS, WAYS_OF_DECIDING, WayOfDeciding, method_explained
from workshop_tui.core.decision_tally import check_decision, tally
from workshop_tui.model import Decision
from workshop_tui.model.decision import DECISION_METHODS, DecisionMethod
from workshop_tui.ui.screens.decision_form import COUNT_BOXES

AT = datetime(2026, 7, 8, 11, tzinfo=UTC)


def test_every_name_a_file_may_hold_has_its_entry_and_no_entry_is_left_over() -> None:
    assert list(WAYS_OF_DECIDING) == list(DECISION_METHODS) == list(get_args(DecisionMethod))
    for name, way in WAYS_OF_DECIDING.items():
        assert way.name == name
        assert way.explained.startswith(name[0].upper() + name[1:] + ": ")
        assert way.counts in COUNTS


def test_the_decision_form_has_a_box_for_everything_a_way_of_deciding_counts() -> None:
    assert set(COUNT_BOXES) == set(COUNTS) - {NO_COUNTS}


@pytest.fixture
def a_new_way(monkeypatch: pytest.MonkeyPatch) -> WayOfDeciding:
    """A way of deciding made in the test alone, in place of consensus, to show who reads the entry."""
    way = WayOfDeciding(
        "consensus",
        "Consensus: a way made for this test.",
        decision_methods.OBJECTIONS,
        lambda decision: (f"{decision.objections} hands were raised.", ["Listen to them."]),
        lambda decision, present: ["Too many hands."] if (decision.objections or 0) > present else [],
        lambda decision: ["Agreed over hands."] if decision.outcome == "agreed" and decision.objections else [],
    )
    monkeypatch.setitem(WAYS_OF_DECIDING, "consensus", way)
    return way


def test_the_tally_the_checks_and_the_words_come_from_the_entry(a_new_way: WayOfDeciding) -> None:
    decision = Decision(
        id="d1", at=AT, step="s1", question="Q", method="consensus", objections=4, present_count=3, outcome="agreed"
    )
    said = tally(decision)
    assert said.summary == "4 hands were raised."
    assert said.coaching == ["Listen to them."]
    assert check_decision(decision) == ["Too many hands.", "Agreed over hands."]
    assert method_explained("consensus") == "Consensus: a way made for this test."
