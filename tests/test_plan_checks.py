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


# Issue 9, item 16: hard words, each with the everyday word to use instead.


def test_hard_words_are_found_with_the_step_the_field_and_the_word_to_use():
    from workshop_tui.core.plan_checks import HARD_WORDS

    plan = plan_of(
        Step(title="Start", planned_minutes=5, instructions="Utilise the time to leverage stakeholder synergies.",
             prompts=["What should we do prior to the break?"])
    )
    problems = plain_english_problems(plan)
    found = [(p.where, p.what) for p in problems]
    assert ("step 1 (Start), instructions", '"Utilise" is a hard word; say "use" instead') in found
    assert ("step 1 (Start), instructions", '"leverage" is a hard word; say "use" instead') in found
    assert ("step 1 (Start), instructions", '"stakeholder" is a hard word; say "the people involved" instead') in found
    assert ("step 1 (Start), instructions", '"synergies" is a hard word; say "working together" instead') in found
    assert ("step 1 (Start), prompt 1", '"prior to" is a hard phrase; say "before" instead') in found
    assert len(HARD_WORDS) >= 25


def test_hard_words_are_matched_as_whole_words_only():
    plan = plan_of(Step(title="Start", planned_minutes=5, instructions="Commencement is a long word, but useful. Assistance too."))
    assert plain_english_problems(plan) == []


def test_hard_words_in_titles_and_the_description_are_found():
    plan = Plan(name="p", title="Facilitate a workshop", description="We will endeavour to finish.",
                steps=[Step(title="Commence", planned_minutes=5)])
    where = [p.where for p in plain_english_problems(plan)]
    assert where == ["title", "description", "step 1 (Commence), title"]


def test_check_says_one_problem_not_one_problem_s(tmp_path, capsys):
    from workshop_tui.cli import main

    path = tmp_path / "one.toml"
    path.write_text('name = "one"\ntitle = "One"\n[[steps]]\ntitle = "Talk"\nplanned_minutes = 90\n')
    assert main(["check", str(path)]) == 2
    error = capsys.readouterr().err
    assert "1 problem found" in error and "(s)" not in error
    path.write_text('name = "one"\ntitle = "One"\n[[steps]]\ntitle = "Talk"\nplanned_minutes = 30\n')
    assert main(["check", str(path)]) == 0
    assert "1 step," in capsys.readouterr().out

