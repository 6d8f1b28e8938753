"""Saving plans people write: into the sessions folder's plans/, one file each, never over a built-in plan.

Each save of a changed plan is a new version. The file it replaces is kept first, whole, in
plans/earlier/ (such as `my-plan-v2.toml`), so no version is ever lost. A plan with the name of a
built-in plan is your version of it: it takes the built-in plan's place, which is never written.
Two windows saving the same plan cannot lose each other's work: a save says which version it
started from, and is refused if the file has moved on since.
"""

import fcntl
import os
import time
from dataclasses import dataclass
from pathlib import Path

from workshop_tui.model import PLAN_FORMAT, Plan
from workshop_tui.store.atomic import create_new, open_own_file, write_atomically
from workshop_tui.store.plan_library import builtin_plans
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.toml_files import load_plan, read_bytes, to_toml

EARLIER = "earlier"  # the folder inside plans/ that keeps each version a save replaced
PLAN_MODE = 0o644  # a plan holds no personal data, so others may read it


class PlanNotSaved(Exception):
    """The plan could not be saved; the message says why and what to do, and nothing was written."""

    def __init__(self, message: str, saved_elsewhere: bool = False) -> None:
        super().__init__(message)
        self.saved_elsewhere = saved_elsewhere  # another window saved a newer version meanwhile


@dataclass(frozen=True)
class SavedPlan:
    path: Path
    plan: Plan  # as saved, with its new version number
    kept: Path | None = None  # where the version it replaced was kept, if it replaced one

    @property
    def said(self) -> str:
        """'Saved 'Tea and talk' as version 2, in the plans folder as tea-and-talk.toml. The version before ...'"""
        kept = f" The version before is kept in plans/{EARLIER}/{self.kept.name}." if self.kept else ""
        return (
            f"Saved '{self.plan.title}' as version {self.plan.version}, in the plans folder as {self.path.name}.{kept}"
        )


def plan_path(plans_dir: Path, name: str) -> Path:
    return Path(plans_dir) / f"{name}.toml"


def builtin_version(name: str) -> int | None:
    """The version of the built-in plan with this name, or None if there is none."""
    return next((entry.plan.version for entry in builtin_plans() if entry.plan and entry.name == name), None)


def _version_on_disk(path: Path) -> int | None:
    """The version of the plan file at `path`: None if there is none; 0 if it cannot be read."""
    if not path.exists():
        return None
    try:
        return load_plan(path).version
    except FileProblem:
        return 0


def _keep(path: Path, version: int) -> Path:
    """Copy the file at `path` into plans/earlier/ under a name no other copy has."""
    folder = path.parent / EARLIER
    folder.mkdir(exist_ok=True)
    data = read_bytes(path, "plan")
    stem = f"{path.stem}-v{version}" if version else f"{path.stem}-unreadable"
    for number in range(1, 1000):
        kept = folder / (f"{stem}.toml" if number == 1 else f"{stem}-{number}.toml")
        try:
            create_new(kept, data, PLAN_MODE)
        except FileExistsError:
            continue
        return kept
    raise PlanNotSaved(f"There are too many earlier copies of '{path.stem}' in {folder}. Move some of them away.")


LOCK_WAIT = 5.0  # seconds: far longer than any save takes


def _wait_for(lock: int) -> None:
    """Take the lock, waiting for another window's save to end; PlanNotSaved if it never does."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise PlanNotSaved(
                    "Another window has been saving this plan for a while. Try again in a moment."
                ) from None
            time.sleep(0.05)


def save_plan_version(plans_dir: Path, plan: Plan, started_from: int | None, renamed: bool = False) -> SavedPlan:
    """Save `plan` as the next version of the plan with its name, keeping the version it replaces.

    `started_from` is the version the editor opened (None for a new plan). `renamed` says the plan
    was given a new name in the editor: then a plan of that name must not exist already.
    Raises PlanNotSaved with a sentence to show, when it cannot be saved; nothing is written then.
    """
    plans_dir = Path(plans_dir)
    try:
        plans_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlanNotSaved(f"The folder {plans_dir} could not be made ({error.strerror}).") from None
    path = plan_path(plans_dir, plan.name)
    try:
        # Never through a link: a link named like the lock must not have another file opened or made.
        lock = open_own_file(plans_dir / f".{plan.name}.toml.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise PlanNotSaved(
            f"The folder {plans_dir} cannot be written ({error.strerror}). Choose another sessions folder."
        ) from None
    try:
        _wait_for(lock)  # a save takes moments: wait for another window's, then check the version
        return _save_locked(path, plan, started_from, renamed)
    except OSError as error:
        raise PlanNotSaved(
            f"The plan could not be saved in {plans_dir} ({error.strerror}). The plan itself was not changed."
        ) from None
    finally:
        os.close(lock)


def _save_locked(path: Path, plan: Plan, started_from: int | None, renamed: bool) -> SavedPlan:
    on_disk = _version_on_disk(path)
    builtin = builtin_version(plan.name)
    new_plan = started_from is None or renamed
    if new_plan and (on_disk is not None or builtin is not None):
        whose = "a built-in plan" if on_disk is None else "a plan"
        raise PlanNotSaved(f"There is already {whose} called '{plan.name}'. Give this plan another name.")
    if not new_plan and on_disk and started_from != on_disk:
        raise PlanNotSaved(
            f"'{plan.name}' was saved in another window meanwhile: it is now version {on_disk}, and this was not saved.",
            saved_elsewhere=True,
        )
    kept = _keep(path, on_disk) if on_disk is not None else None
    latest = 0 if new_plan else max(on_disk or 0, builtin or 0, started_from or 0)
    version = latest + 1
    saved = plan.model_copy(update={"version": version, "schema_version": PLAN_FORMAT})
    saved = Plan.model_validate(saved.model_dump())  # a copy skips the checks: make sure it is still a plan
    write_atomically(path, to_toml(saved), PLAN_MODE)
    return SavedPlan(path, saved, kept)
