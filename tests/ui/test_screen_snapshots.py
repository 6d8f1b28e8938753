"""The screens and forms that no other snapshot shows, at 80x24 and 160x48, with a fixed clock: a snapshot
of each, read for a word the user needs that is cut (tests/ui/whole_words.py).

Every other Screen and ModalScreen in ui/screens/ is in test_every_screen.py or test_snapshots.py. Here
are the plain yes-or-no question (the finish question there is the guarded one) and the plan editor's
full step form (the live screen's short one is there).
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.plan_draft import PlanDraft
from workshop_tui.store.plan_library import find_plan
from workshop_tui.ui.app import EditPlan, WorkshopApp
from tests.ui.whole_words import read_whole

SnapCompare = Callable[..., bool]

SIZES = [(80, 24), (160, 48)]
SIZE_IDS = ["80x24", "160x48"]


def plan_editor(sessions_dir: Path, clock: FakeClock, plan_name: str, taken_out: int | None = None) -> WorkshopApp:
    """The app opened straight onto the editor of a built-in plan, perhaps with one step taken out (not saved)."""
    plan = find_plan(plan_name).plan
    assert plan is not None
    draft = PlanDraft.of(plan)
    if taken_out is not None:
        draft.remove(taken_out)
    return WorkshopApp(sessions_dir=sessions_dir, clock=clock, opening=EditPlan(draft, builtin=True))


@pytest.fixture(autouse=True)
def in_the_course_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_question_before_leaving_a_plan_not_saved(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    # The plan's comfort break is taken out and not saved: Escape asks before the changes are lost.
    app = plan_editor(sessions_dir, clock, "co-production-part-1", taken_out=4)
    assert snap_compare(app, terminal_size=size, run_before=read_whole("escape"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_plan_editors_step_form_with_every_field(
    snap_compare: SnapCompare, sessions_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    # Part 2's dot vote, changed with E: a decision, so how the group decides is asked too; Save and
    # Cancel in sight.
    app = plan_editor(sessions_dir, clock, "co-production-part-2")
    assert snap_compare(app, terminal_size=size, run_before=read_whole("down", "down", "down", "e"))
