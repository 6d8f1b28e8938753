"""Two laptops saved a new version of the same plan before they shared: both versions survive.

The one coming in becomes the next version, with a note in its description saying so; the one made
here is kept whole in plans/earlier/, as every replaced version is (store/plan_files.py).
"""

from dataclasses import dataclass
from pathlib import Path

from workshop_tui.model import Plan
from workshop_tui.store.plan_files import EARLIER
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.toml_files import load_plan_bytes, to_toml


@dataclass(frozen=True)
class MergedPlan:
    data: bytes  # what plans/NAME.toml becomes
    kept: tuple[str, bytes] | None = None  # (path, bytes) of the version made here, kept in plans/earlier/
    said: str = ""


def _plan(data: bytes, path: str) -> Plan | None:
    try:
        return load_plan_bytes(Path(path), data)
    except FileProblem:
        return None


def merge_plan(ours: bytes, theirs: bytes, path: str) -> MergedPlan:
    """`path` is the plan file's path in the archive, such as plans/tea-and-talk.toml."""
    if ours == theirs:
        return MergedPlan(ours)
    mine, other = _plan(ours, path), _plan(theirs, path)
    name = Path(path).stem
    if mine is None or other is None:
        which = "made here" if mine is None else "from the team"
        kept = (f"{Path(path).parent}/{EARLIER}/{name}-unreadable-copy.toml", theirs if mine is not None else ours)
        return MergedPlan(
            ours if mine is not None else theirs,
            kept,
            f"{path}: the version {which} could not be read, so it is kept whole in {kept[0]}.",
        )
    version = max(mine.version, other.version) + 1
    note = (
        f"Version {version} came from another laptop, saved at the same time as version {mine.version} "
        f"here, which is kept in plans/{EARLIER}/{name}-v{mine.version}.toml."
    )
    description = f"{other.description}\n\n{note}".strip()
    merged = other.model_copy(update={"version": version, "description": description})
    kept = (f"{Path(path).parent}/{EARLIER}/{name}-v{mine.version}.toml", ours)
    return MergedPlan(to_toml(merged), kept, f"'{other.title}': {note}")
