"""The built-in plans are complete, kind to the room, and in plain English."""

from workshop_tui.core.plain_english import LONGEST_SENTENCE, sentences, word_count
from workshop_tui.core.plan_checks import check_plan
from workshop_tui.store.plan_library import builtin_plans
from tests.conftest import entry_plan


def test_there_are_three_built_in_plans_with_the_titles_people_expect() -> None:
    titles = [entry_plan(entry).title for entry in builtin_plans()]
    assert sorted(titles) == [
        "Co-production training, part 1",
        "Co-production training, part 2",
        "Commissioning panel: shortlisting",
    ]


def test_every_built_in_plan_passes_the_plain_english_and_pacing_checks() -> None:
    for entry in builtin_plans():
        assert check_plan(entry_plan(entry)) == [], entry.name


def test_every_step_has_instructions_and_every_working_step_has_prompts() -> None:
    for entry in builtin_plans():
        for step in entry_plan(entry).steps:
            assert step.instructions, (entry.name, step.title)
            if step.kind != "break":
                assert step.prompts, (entry.name, step.title)
            for text in [step.instructions, *step.prompts]:
                assert all(word_count(s) <= LONGEST_SENTENCE for s in sentences(text))


def test_the_training_parts_are_about_three_hours_with_a_food_break() -> None:
    plans = {entry.name: entry_plan(entry) for entry in builtin_plans()}
    for name in ["co-production-part-1", "co-production-part-2"]:
        plan = plans[name]
        assert 165 <= plan.planned_minutes <= 195
        assert any(step.kind == "break" and "unch" in step.title for step in plan.steps)
    assert plans["co-production-part-2"].follows == "co-production-part-1"
    assert plans["commissioning-shortlisting"].quorum is not None
