"""A plan in the editor: changes that can be undone, clock times from its start, the end against its slot."""

from datetime import time

import pytest

from workshop_tui.core.plan_draft import PlanDetails, PlanDraft
from workshop_tui.core.timetable import against_the_slot, timetable
from workshop_tui.model import Step
from tests.conftest import plan_named

WELCOME = Step(title="Welcome", planned_minutes=10, instructions="Greet people as they arrive.")
TALK = Step(title="Talk", kind="discussion", planned_minutes=30)
TEA = Step(title="Tea", kind="break", planned_minutes=15)


def draft_of(*steps: Step) -> PlanDraft:
    return PlanDraft(PlanDetails("talk", "Talk"), list(steps))


def test_steps_are_added_after_the_chosen_one_moved_and_removed() -> None:
    draft = draft_of(WELCOME, TALK)
    assert draft.add(TEA, 0) == 1
    assert [step.title for step in draft.steps] == ["Welcome", "Tea", "Talk"]
    assert draft.move(1, +1) == 2
    assert [step.title for step in draft.steps] == ["Welcome", "Talk", "Tea"]
    assert draft.move(2, +1) == 2  # the last step cannot go further down
    assert draft.remove(0) == WELCOME
    assert [step.title for step in draft.steps] == ["Talk", "Tea"]
    assert draft.unsaved


def test_every_change_can_be_undone_in_turn() -> None:
    draft = draft_of(WELCOME, TALK)
    draft.change(1, TALK.model_copy(update={"planned_minutes": 45}))
    draft.remove(0)
    draft.set_details(PlanDetails("talk", "Talk", starts_at=time(14, 0)))
    assert draft.undo() == "changing the plan's details"
    assert draft.details.starts_at is None
    assert draft.undo() == "removing 'Welcome'"
    assert [step.title for step in draft.steps] == ["Welcome", "Talk"]
    assert draft.undo() == "changing 'Talk'"
    assert draft.steps[1].planned_minutes == 30
    assert draft.undo() == ""


def test_a_change_that_changes_nothing_is_not_a_change() -> None:
    draft = draft_of(WELCOME)
    draft.change(0, WELCOME)
    assert not draft.unsaved and draft.undo() == ""


def test_a_draft_with_no_steps_is_not_a_plan_yet_and_says_so() -> None:
    draft = PlanDraft.new()
    with pytest.raises(ValueError, match="at least one step"):
        draft.as_plan()
    [finding] = draft.findings()
    assert "at least one step" in finding.what


def test_a_copy_is_a_new_plan_with_a_new_name_and_keeps_the_panel_criteria() -> None:
    panel = plan_named("commissioning-shortlisting")
    copy = PlanDraft.of(panel, editing=False)
    assert (copy.details.name, copy.details.title) == (
        "commissioning-shortlisting-copy",
        "Commissioning panel: shortlisting (copy)",
    )
    assert copy.origin == "" and copy.started_from is None
    plan = copy.as_plan()
    assert plan.panel == panel.panel and plan.quorum == panel.quorum
    assert plan.starts_at == panel.starts_at and len(plan.steps) == len(panel.steps)


def test_editing_keeps_the_version_it_started_from() -> None:
    part_2 = plan_named("co-production-part-2")
    draft = PlanDraft.of(part_2)
    assert (draft.origin, draft.started_from) == ("co-production-part-2", part_2.version)
    assert draft.as_plan() == part_2
    draft.details.name = "my-part-2"
    assert draft.renamed


def test_the_checks_follow_the_draft_as_it_changes() -> None:
    draft = draft_of(WELCOME, Step(title="Vote", kind="decision", planned_minutes=10))
    assert [f.field for f in draft.findings()] == ["decides_by"]
    draft.change(1, draft.steps[1].model_copy(update={"decides_by": "consent"}))
    assert draft.findings() == []


def test_clock_times_follow_the_start_and_the_end_is_said_against_the_slot() -> None:
    steps = [WELCOME, TALK, TEA]
    assert [timed.times for timed in timetable(steps, time(10, 0))] == [
        "10:00 to 10:10",
        "10:10 to 10:40",
        "10:40 to 10:55",
    ]
    assert against_the_slot(steps, time(10, 0), time(11, 0)) == "10:00 to 10:55, 5 minutes to spare before 11:00"
    assert against_the_slot(steps, time(10, 0), time(10, 55)) == "10:00 to 10:55, as the slot ends"
    assert (
        against_the_slot(steps, time(10, 30), time(11, 0))
        == "10:30 to 11:25, 25 minutes past 11:00, the end of the slot"
    )
    assert against_the_slot(steps, time(10, 30), None) == "10:30 to 11:25"
