"""Plan checks: long sentences and long stretches without a break are found and located."""

from workshop_tui.core.plan_checks import check_plan, pacing_problems, plain_english_problems
from workshop_tui.model import Plan, Step


def plan_of(*steps: Step) -> Plan:
    return Plan(name="p", title="P", steps=list(steps))


def test_a_sentence_over_25_words_is_reported_with_its_step():
    long_one = " ".join(["word"] * 26) + "."
    plan = plan_of(Step(title="Welcome", planned_minutes=5, instructions=f"Short one. {long_one}"))
    problems = plain_english_problems(plan)
    assert len(problems) == 1
    assert problems[0].where == "step 1 (Welcome), instructions"
    assert "26 words" in problems[0].what


def test_a_sentence_of_25_words_is_fine():
    plan = plan_of(Step(title="W", planned_minutes=5, prompts=[" ".join(["word"] * 25) + "?"]))
    assert plain_english_problems(plan) == []


def test_more_than_75_minutes_without_a_break_is_reported():
    plan = plan_of(
        Step(title="A", planned_minutes=40),
        Step(title="B", planned_minutes=40),
        Step(title="Tea", kind="break", planned_minutes=15),
        Step(title="C", planned_minutes=75),
    )
    problems = pacing_problems(plan)
    assert [(p.where, p.what.split(";")[0]) for p in problems] == [
        ("steps 1 to 2", "80 minutes without a break")
    ]


def test_a_well_paced_plain_plan_has_no_problems():
    plan = plan_of(Step(title="A", planned_minutes=60, instructions="Ask each person one question."))
    assert check_plan(plan) == []
