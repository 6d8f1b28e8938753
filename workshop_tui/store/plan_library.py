"""Finding plans: the built-in ones shipped with the app, and plan files people wrote."""

from dataclasses import dataclass
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

    @property
    def name(self) -> str:
        return self.plan.name if self.plan else self.path.stem


def builtin_plan_paths() -> list[Path]:
    folder = files("workshop_tui") / "plans"
    with as_file(folder) as real:
        return sorted(Path(real).glob("*.toml"))


def builtin_plans() -> list[PlanEntry]:
    return [PlanEntry(path, True, load_plan(path)) for path in builtin_plan_paths()]


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


def find_plan(wanted: str, plans_dir: Path | None = None) -> PlanEntry:
    """A plan by path, by built-in name, or by name in the sessions folder's plans/."""
    path = Path(wanted)
    if path.suffix == ".toml" or path.exists() or "/" in wanted:
        return PlanEntry(path, False, load_plan(path))
    for entry in builtin_plans():
        if entry.name == wanted:
            return entry
    for entry in folder_plans(plans_dir) if plans_dir else []:
        if entry.name == wanted and entry.plan:
            return entry
    raise FileProblem(
        wanted,
        "",
        "there is no built-in plan with this name and no file with this path",
        "Run 'workshop-tui plans' to see the built-in plans, or give the path of a plan file.",
    )
