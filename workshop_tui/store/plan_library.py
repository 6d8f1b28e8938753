"""Finding plans: the built-in ones shipped with the app, and plan files people wrote.

A plan in the sessions folder's plans/ with the name of a built-in plan is someone's own version of
it (saved by the plan editor): it takes the built-in plan's place in lists and on the command line.
"""

from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from workshop_tui.model import Plan
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.toml_files import load_plan


@dataclass(frozen=True)
class PlanEntry:
    """A plan and where it came from; `problem` is set when the file would not load."""

    path: Path
    builtin: bool
    plan: Plan | None = None
    problem: FileProblem | None = None
    replaces_builtin: bool = False  # your own version of a built-in plan, in plans/

    @property
    def name(self) -> str:
        return self.plan.name if self.plan else self.path.stem


def builtin_plan_paths() -> list[Path]:
    folder = files("workshop_tui") / "plans"
    with as_file(folder) as real:
        return sorted(Path(real).glob("*.toml"))


@cache
def _builtin_plans() -> tuple[PlanEntry, ...]:
    return tuple(PlanEntry(path, True, load_plan(path)) for path in builtin_plan_paths())


def builtin_plans() -> list[PlanEntry]:
    """The plans shipped with the app: read once, as they never change while it runs, and copied,
    so a change to one never reaches the next caller."""
    return [replace(entry, plan=entry.plan.model_copy(deep=True) if entry.plan else None) for entry in _builtin_plans()]


def folder_plans(plans_dir: Path) -> list[PlanEntry]:
    """Plan files in a folder; one that does not load is listed with its problem."""
    if not plans_dir.is_dir():
        return []
    entries = []
    for path in sorted(plans_dir.glob("*.toml")):
        try:
            entries.append(PlanEntry(path, False, load_plan(path)))
        except FileProblem as problem:
            entries.append(PlanEntry(path, False, problem=problem))
    return entries


def all_plans(plans_dir: Path | None) -> list[PlanEntry]:
    """The plans to choose from: the built-in ones, each replaced by your own version where you saved one,
    then your own plans."""
    own = folder_plans(plans_dir) if plans_dir else []
    yours = {entry.name: entry for entry in own if entry.plan is not None}
    builtin = [entry.name for entry in builtin_plans()]
    listed = [
        replace(yours[entry.name], replaces_builtin=True) if entry.name in yours else entry for entry in builtin_plans()
    ]
    return listed + [entry for entry in own if entry.plan is None or entry.name not in builtin]


def find_plan(wanted: str, plans_dir: Path | None = None) -> PlanEntry:
    """A plan by path, or by name: your own in the sessions folder's plans/ first, then a built-in one."""
    path = Path(wanted)
    if path.suffix == ".toml" or path.exists() or "/" in wanted:
        return PlanEntry(path, False, load_plan(path))
    entries = all_plans(plans_dir)
    for entry in entries:
        if entry.name == wanted and entry.plan:
            return entry
    for entry in entries:
        if entry.name == wanted and entry.problem:
            raise entry.problem  # there is one of that name, but it cannot be used: say why
    raise FileProblem(
        wanted,
        "",
        "there is no plan with this name and no file with this path",
        "Run 'workshop-tui plans' to see the plans, or give the path of a plan file.",
    )
