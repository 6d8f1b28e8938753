"""Saving plans people write: a new version each time, the one it replaces kept, built-in plans never written."""

import os
import stat
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.model import Plan, Step
from workshop_tui.store.plan_files import PlanNotSaved, save_plan_version
from workshop_tui.store.plan_library import all_plans, builtin_plan_paths, find_plan
from workshop_tui.store.toml_files import load_plan
from tests.conftest import plan_named


def our_plan(minutes: int = 20, name: str = "tea-and-talk") -> Plan:
    return Plan(name=name, title="Tea and talk", steps=[Step(title="Welcome and tea", planned_minutes=minutes)])


def test_a_new_plan_is_saved_as_version_1_in_the_plans_folder_readable_by_others(tmp_path: Path) -> None:
    saved = save_plan_version(tmp_path / "plans", our_plan(), started_from=None)
    assert saved.path == tmp_path / "plans" / "tea-and-talk.toml"
    assert saved.plan.version == 1 and saved.kept is None
    assert load_plan(saved.path) == saved.plan
    assert stat.S_IMODE(saved.path.stat().st_mode) == 0o644  # a plan holds no names


def test_changing_a_plan_saves_the_next_version_and_keeps_the_one_it_replaces(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    first = save_plan_version(plans, our_plan(20), started_from=None)
    before = first.path.read_bytes()
    second = save_plan_version(plans, our_plan(25), started_from=1)
    assert second.plan.version == 2 and load_plan(second.path).steps[0].planned_minutes == 25
    assert second.kept == plans / "earlier" / "tea-and-talk-v1.toml"
    assert second.kept.read_bytes() == before
    third = save_plan_version(plans, our_plan(30), started_from=2)
    assert third.plan.version == 3
    assert sorted(path.name for path in (plans / "earlier").iterdir()) == [
        "tea-and-talk-v1.toml",
        "tea-and-talk-v2.toml",
    ]
    # The earlier versions are not listed as plans of their own.
    assert [entry.name for entry in all_plans(plans) if not entry.builtin] == ["tea-and-talk"]


def test_a_save_from_an_older_version_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    # Two windows opened version 1; one saved. The other's save must not silently replace it.
    plans = tmp_path / "plans"
    save_plan_version(plans, our_plan(20), started_from=None)
    save_plan_version(plans, our_plan(25), started_from=1)
    on_disk = (plans / "tea-and-talk.toml").read_bytes()
    with pytest.raises(
        PlanNotSaved, match="saved in another window meanwhile: it is now version 2, and this was not saved"
    ):
        save_plan_version(plans, our_plan(40), started_from=1)
    assert (plans / "tea-and-talk.toml").read_bytes() == on_disk


def test_a_new_plan_may_not_take_the_name_of_one_that_exists(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    save_plan_version(plans, our_plan(), started_from=None)
    with pytest.raises(PlanNotSaved, match="There is already a plan called 'tea-and-talk'"):
        save_plan_version(plans, our_plan(), started_from=None)
    with pytest.raises(PlanNotSaved, match="already a built-in plan called 'co-production-part-1'"):
        save_plan_version(plans, our_plan(name="co-production-part-1"), started_from=None)
    renamed = our_plan(name="tea-and-talk")
    with pytest.raises(PlanNotSaved, match="already a plan"):
        save_plan_version(plans, renamed, started_from=3, renamed=True)


def test_changing_a_built_in_plan_makes_your_own_version_and_never_writes_the_built_in_one(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    builtin = find_plan("co-production-part-1")
    assert builtin.plan is not None
    source = {path: path.read_bytes() for path in builtin_plan_paths()}
    shorter = builtin.plan.model_copy(update={"steps": builtin.plan.steps[:-1]})
    saved = save_plan_version(plans, shorter, started_from=builtin.plan.version)
    assert saved.path == plans / "co-production-part-1.toml" and saved.plan.version == 2
    assert saved.kept is None  # the built-in one is still in the app
    assert {path: path.read_bytes() for path in builtin_plan_paths()} == source
    # Your version takes the built-in plan's place, in lists and on the command line.
    mine = find_plan("co-production-part-1", plans)
    assert mine.plan is not None
    assert mine.path == saved.path and len(mine.plan.steps) == len(builtin.plan.steps) - 1
    listed = [entry for entry in all_plans(plans) if entry.name == "co-production-part-1"]
    assert len(listed) == 1 and listed[0].replaces_builtin


def test_plans_lists_your_version_of_a_built_in_plan_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    builtin = plan_named("co-production-part-2")
    save_plan_version(tmp_path / "plans", builtin, started_from=builtin.version)
    assert main(["--sessions-dir", str(tmp_path), "plans"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("co-production-part-2")]
    assert len(lines) == 1 and "your version 2" in lines[0]


def test_a_damaged_plan_file_is_kept_before_it_is_replaced(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "tea-and-talk.toml").write_text("name = \n")
    with pytest.raises(PlanNotSaved, match="already a plan"):
        save_plan_version(plans, our_plan(), started_from=None)  # a new plan may not take its name
    saved = save_plan_version(plans, our_plan(), started_from=1)
    assert saved.kept == plans / "earlier" / "tea-and-talk-unreadable.toml"
    assert saved.kept.read_text() == "name = \n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_plans_folder_that_cannot_be_written_is_said_in_a_sentence(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(PlanNotSaved, match=r"could not be made|cannot be written"):
            save_plan_version(tmp_path / "plans", our_plan(), started_from=None)
    finally:
        tmp_path.chmod(0o700)


def test_a_plans_folder_that_is_a_file_is_said_in_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "plans").write_text("not a folder")
    with pytest.raises(PlanNotSaved, match="could not be made"):
        save_plan_version(tmp_path / "plans", our_plan(), started_from=None)


def test_a_plan_saved_under_a_new_name_is_a_new_plan_at_version_1_and_the_old_one_stays(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    save_plan_version(plans, our_plan(), started_from=None)
    save_plan_version(plans, our_plan(25), started_from=1)
    renamed = save_plan_version(plans, our_plan(30, name="tea-and-talk-york"), started_from=2, renamed=True)
    assert renamed.plan.version == 1 and renamed.kept is None
    assert load_plan(plans / "tea-and-talk.toml").version == 2  # as it was
