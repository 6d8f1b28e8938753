"""Plan checks: each finding names the step and the field, says why it matters in the room and what to do."""

from datetime import time
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.cli import main
from workshop_tui.core.plan_checks import (
    PACING,
    PLAIN_ENGLISH,
    THE_ROOM,
    Finding,
    check_plan,
    pacing_findings,
    plain_english_findings,
    room_findings,
)
from workshop_tui.model import Plan, Step
from workshop_tui.model.panel import PanelPlan
from workshop_tui.model.round import Criterion
from workshop_tui.store.plan_library import builtin_plans
from tests.conftest import entry_plan

WELCOME = Step(title="Welcome and tea", planned_minutes=10, instructions="Greet people as they arrive.")
BREAK = Step(title="Tea break", kind="break", planned_minutes=15)


def plan_of(*steps: Step, **fields: Any) -> Plan:
    return Plan(name="p", title="P", steps=list(steps), **fields)


def places(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.where, f.what) for f in findings]


# Plain English.


def test_a_sentence_over_25_words_is_found_with_its_step_and_field() -> None:
    long_one = " ".join(["word"] * 26) + "."
    plan = plan_of(Step(title="Welcome", planned_minutes=5, instructions=f"Short one. {long_one}"))
    [finding] = plain_english_findings(plan)
    assert finding.where == "step 1 (Welcome), instructions"
    assert (finding.step, finding.field, finding.check) == (1, "instructions", PLAIN_ENGLISH)
    assert "26 words" in finding.what
    assert "read aloud" in finding.why and "25 words or fewer" in finding.todo


def test_a_sentence_of_25_words_is_fine() -> None:
    plan = plan_of(Step(title="W", planned_minutes=5, prompts=[" ".join(["word"] * 25) + "?"]))
    assert plain_english_findings(plan) == []


def test_hard_words_are_found_with_the_step_the_field_and_the_word_to_use() -> None:
    from workshop_tui.core.plain_english import HARD_WORDS

    plan = plan_of(
        Step(
            title="Start",
            planned_minutes=5,
            instructions="Utilise the time to leverage stakeholder synergies.",
            prompts=["What should we do prior to the break?"],
        )
    )
    found = [(f.where, f.what, f.todo) for f in plain_english_findings(plan)]
    assert ("step 1 (Start), instructions", '"Utilise" is a hard word', 'Say "use" instead.') in found
    assert ("step 1 (Start), instructions", '"leverage" is a hard word', 'Say "use" instead.') in found
    assert (
        "step 1 (Start), instructions",
        '"stakeholder" is a hard word',
        'Say "the people involved" instead.',
    ) in found
    assert ("step 1 (Start), instructions", '"synergies" is a hard word', 'Say "working together" instead.') in found
    assert ("step 1 (Start), prompt 1", '"prior to" is a hard phrase', 'Say "before" instead.') in found
    assert len(HARD_WORDS) >= 25
    facilitate = plan_of(Step(title="Start", planned_minutes=5, instructions="We facilitate the talk."))
    assert [f.todo for f in plain_english_findings(facilitate)] == ['Say "help" instead.']


def test_hard_words_are_matched_as_whole_words_only() -> None:
    plan = plan_of(
        Step(title="Start", planned_minutes=5, instructions="Commencement is a long word, but useful. Assistance too.")
    )
    assert plain_english_findings(plan) == []


def test_hard_words_in_titles_and_the_description_are_found() -> None:
    plan = Plan(
        name="p",
        title="Facilitate a workshop",
        description="We will endeavour to finish.",
        steps=[Step(title="Commence", planned_minutes=5)],
    )
    assert [(f.where, f.field) for f in plain_english_findings(plan)] == [
        ("title", "title"),
        ("description", "description"),
        ("step 1 (Commence), title", "title"),
    ]


# Pacing.


def test_more_than_75_minutes_without_a_break_is_found() -> None:
    plan = plan_of(
        WELCOME,
        Step(title="A", planned_minutes=40),
        Step(title="B", planned_minutes=30),
        BREAK,
        Step(title="C", planned_minutes=75),
    )
    [finding] = pacing_findings(plan)
    assert (finding.where, finding.what, finding.check, finding.step) == (
        "steps 1 to 3",
        "80 minutes without a break",
        PACING,
        1,
    )
    assert "toilets" in finding.why and "75 minutes" in finding.todo


def test_a_plan_over_an_hour_with_no_break_is_found_once() -> None:
    plan = plan_of(WELCOME, Step(title="Talk", planned_minutes=90))
    assert places(pacing_findings(plan)) == [("the plan, breaks", "there is no break in 1 hour 40 minutes")]
    # An hour is fine without one.
    assert pacing_findings(plan_of(WELCOME, Step(title="Talk", planned_minutes=50))) == []


def test_a_break_shorter_than_ten_minutes_is_found_in_a_plan_over_an_hour() -> None:
    plan = plan_of(
        WELCOME,
        Step(title="Talk", planned_minutes=40),
        Step(title="Stretch", kind="break", planned_minutes=5),
        Step(title="More", planned_minutes=30),
    )
    [finding] = pacing_findings(plan)
    assert (finding.where, finding.field) == ("step 3 (Stretch), minutes", "minutes")
    assert finding.what == "this break is only 5 minutes" and "at least 10 minutes" in finding.todo


def test_a_plan_that_starts_straight_away_is_found() -> None:
    plan = plan_of(Step(title="Ranking", planned_minutes=40), BREAK, Step(title="More", planned_minutes=20))
    [finding] = pacing_findings(plan)
    assert finding.where == "step 1 (Ranking), title"
    assert "no time to arrive" in finding.what and "settle" in finding.why


def test_a_welcome_too_short_to_settle_is_found() -> None:
    plan = plan_of(
        Step(title="Welcome", planned_minutes=5),
        Step(title="Talk", planned_minutes=40),
        BREAK,
        Step(title="More", planned_minutes=20),
    )
    [finding] = pacing_findings(plan)
    assert (finding.where, finding.what) == (
        "step 1 (Welcome), minutes",
        "it gives only 5 minutes to arrive and settle",
    )


def test_steps_that_add_up_to_more_than_the_slot_are_found() -> None:
    plan = plan_of(
        WELCOME,
        Step(title="Talk", planned_minutes=40),
        BREAK,
        Step(title="More", planned_minutes=30),
        starts_at=time(10, 0),
        ends_by=time(11, 30),
    )
    [finding] = pacing_findings(plan)
    assert finding.where == "the plan, time slot" and finding.field == "ends_by"
    assert finding.what == "the steps add up to 1 hour 35 minutes, 5 minutes more than the slot (10:00 to 11:30)"
    assert finding.todo == "Take 5 minutes off some steps, or make the slot longer."
    assert pacing_findings(plan.model_copy(update={"ends_by": time(11, 35)})) == []


def test_a_slot_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="ends_by must be later"):
        plan_of(WELCOME, starts_at=time(11, 0), ends_by=time(10, 0))


# The room.


def test_a_decision_step_that_does_not_say_how_the_group_decides_is_found() -> None:
    plan = plan_of(WELCOME, Step(title="Choose a venue", kind="decision", planned_minutes=10))
    [finding] = room_findings(plan)
    assert (finding.where, finding.field, finding.check) == (
        "step 2 (Choose a venue), how the group decides",
        "decides_by",
        THE_ROOM,
    )
    assert "consensus" in finding.todo and "fist-of-five" in finding.todo
    said = plan_of(WELCOME, Step(title="Choose a venue", kind="decision", planned_minutes=10, decides_by="dot vote"))
    assert room_findings(said) == []


def test_a_scoring_step_outside_a_panel_plan_is_found() -> None:
    scoring = Step(title="Score the bids", kind="scoring", planned_minutes=20)
    [finding] = room_findings(plan_of(WELCOME, scoring))
    assert (finding.where, finding.field) == ("step 2 (Score the bids), kind", "kind")
    assert "criteria" in finding.why
    panel = PanelPlan(criteria=[Criterion(id="need", name="Need", weight=1, levels=["a", "b", "c", "d", "e"])])
    assert room_findings(plan_of(WELCOME, scoring, panel=panel)) == []


def test_findings_come_in_the_order_the_plan_is_read() -> None:
    plan = plan_of(
        Step(title="Vote", kind="decision", planned_minutes=90, instructions="We utilise votes."),
        starts_at=time(10, 0),
        ends_by=time(11, 0),
    )
    assert [f.step for f in check_plan(plan)] == [None, None, 1, 1, 1]


def test_every_built_in_plan_is_clean() -> None:
    for entry in builtin_plans():
        assert check_plan(entry_plan(entry)) == [], entry.name


# The command.


def test_check_exits_1_with_each_finding_saying_why_and_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "marathon.toml"
    path.write_text(
        'name = "marathon"\ntitle = "Marathon"\n[[steps]]\ntitle = "Welcome"\nplanned_minutes = 10\n'
        '[[steps]]\ntitle = "Talk"\nplanned_minutes = 90\n'
    )
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "1 thing to look at" in out and "(s)" not in out
    assert "The plan, breaks (pacing)" in out and "There is no break in 1 hour 40 minutes." in out
    assert "Why: People need to rest" in out and "What to do: Add a break" in out


def test_check_exits_0_for_a_clean_plan_and_2_when_it_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "short.toml"
    path.write_text('name = "short"\ntitle = "Short"\n[[steps]]\ntitle = "Talk"\nplanned_minutes = 30\n')
    assert main(["check", str(path)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    path.write_text('name = "short"\ntitle = "Short"\n[[steps]]\ntitle = "Talk"\nplanned_minutes = "half an hour"\n')
    assert main(["check", str(path)]) == 2
    assert "steps[1].planned_minutes" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.toml")]) == 2
    (tmp_path / "bad.toml").write_text(
        'name = "x"\ntitle = "X"\nstarts_at = 25:00:00\n[[steps]]\ntitle = "T"\nplanned_minutes = 5\n'
    )
    assert main(["check", str(tmp_path / "bad.toml")]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_time_to_arrive_is_found_by_whole_words_only() -> None:
    # "Team" holds "tea" and "settlement" holds "settle": neither gives people time to arrive.
    plan = plan_of(
        Step(title="Team rules", planned_minutes=15, instructions="Agree the settlement."),
        Step(title="Talk", planned_minutes=40),
        BREAK,
        Step(title="More", planned_minutes=20),
    )
    assert [f.what for f in pacing_findings(plan)] == [
        "the plan starts straight away, with no time to arrive and settle"
    ]
    arriving = plan_of(
        Step(title="As people arrive", planned_minutes=15),
        Step(title="Talk", planned_minutes=40),
        BREAK,
        Step(title="More", planned_minutes=20),
    )
    assert pacing_findings(arriving) == []
