"""The method library: well-known facilitation methods, each a step in plain words with its usual timing."""

import pytest

from workshop_tui.core.plan_checks import plain_english_findings
from workshop_tui.model import Plan
from workshop_tui.model.method import LibraryMethod
from workshop_tui.model.plan import Step
from workshop_tui.store.method_library import find_method, methods

# The ones issue [9] names, by the library's names.
NAMED = [
    "check-in",
    "check-out",
    "group-agreement",
    "one-two-four-all",
    "dot-voting",
    "fist-of-five",
    "world-cafe",
    "parking-lot-review",
    "pairs-interview",
    "round-robin",
    "break",
]


def test_the_library_has_at_least_ten_well_known_methods_each_once() -> None:
    names = [m.name for m in methods()]
    assert len(names) >= 10 and len(set(names)) == len(names)
    assert set(NAMED) <= set(names)


@pytest.mark.parametrize("name", NAMED)
def test_each_method_is_in_plain_words(name: str) -> None:
    method = find_method(name)
    plan = Plan(name="one-step", title="One step", steps=[method.step])
    assert plain_english_findings(plan) == []
    assert method.purpose.endswith(".") and len(method.purpose.split()) <= 25


def test_each_method_passes_every_check_and_a_decision_says_how_the_group_decides() -> None:
    from workshop_tui.core.plan_checks import room_findings

    for method in methods():
        assert room_findings(Plan(name="one-step", title="One step", steps=[method.step])) == [], method.name
    assert find_method("dot-voting").step.decides_by == "dot vote"


def test_the_timings_are_the_usual_ones_for_a_group() -> None:
    # As the domain notes give them: 1-2-4-All about 12, a World Café 60 to 90, fist-of-five 5 to 10.
    assert find_method("one-two-four-all").shortest_minutes == 12
    assert (find_method("world-cafe").shortest_minutes, find_method("world-cafe").longest_minutes) == (60, 90)
    assert find_method("fist-of-five").longest_minutes == 10
    assert find_method("break").step.kind == "break" and find_method("break").step.planned_minutes >= 10


def test_a_round_grows_with_the_group_within_its_usual_range() -> None:
    check_in = find_method("check-in")
    assert check_in.minutes_for(6) == 8  # about a minute each, and a little to start and close
    assert check_in.minutes_for(40) == check_in.longest_minutes
    assert find_method("dot-voting").minutes_for(40) == find_method("dot-voting").step.planned_minutes


def test_a_method_whose_step_falls_outside_its_own_range_is_refused() -> None:
    with pytest.raises(ValueError, match="outside 5 to 10"):
        LibraryMethod(
            name="x",
            purpose="A test.",
            shortest_minutes=5,
            longest_minutes=10,
            step=Step(title="X", planned_minutes=30),
        )
    with pytest.raises(KeyError, match="no method called 'yoga'"):
        find_method("yoga")
