"""`stats` keeps what it read from each session file in an index beside them, so a team's archive of
thousands is read once. What it says must always be what the files say: through random changes to
the folder (new sessions, sessions written again, some with the same size and time, files removed or
damaged, another plan's session in a session's place), the index gives what reading every file gives.
"""

import json
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from workshop_tui.core.plan_stats import PastSession, plan_stats
from workshop_tui.store.plan_history import PlanHistory, plan_history
from workshop_tui.store.timings_index import INDEX_NAME, INDEX_VERSION, _digest
from tests.conftest import plan_named
from tests.test_plan_stats import PLAN, run_session


def read_fresh(folder: Path, scratch: Path) -> PlanHistory:
    """What reading every file says: the folder copied without its index."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(folder, scratch, ignore=shutil.ignore_patterns(INDEX_NAME))
    return plan_history(scratch, PLAN.name)


def said(history: PlanHistory) -> tuple[list[PastSession], list[tuple[str, str]]]:
    return history.sessions, [(path.name, why) for path, why in history.damaged]


def minutes(rng: random.Random) -> list[float]:
    return [rng.choice([5, 9.5, 12, 20, 31, 44]) for _ in range(rng.randint(2, 5))]  # (one step may be skipped)


@pytest.mark.parametrize("seed", range(4))
def test_the_index_says_what_the_files_say_through_random_changes(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    folder = tmp_path / "sessions"
    folder.mkdir()
    for number in range(1, 9):
        run_session(folder, number, minutes(rng), late=rng.randint(-5, 20), finish=rng.random() < 0.8)
    other_plan = plan_named("co-production-part-1")
    kinds = ["new", "again", "same size and time", "removed", "damaged", "other plan"]
    for round_, change in enumerate(rng.sample(kinds, len(kinds)) + rng.choices(kinds, k=3)):  # each kind at least once
        names = sorted(path.name for path in folder.glob("*.toml"))
        name = rng.choice(names)
        number = int(name[8:12]) if name.startswith("session-") else 1
        if change == "new":
            run_session(folder, 100 + round_, minutes(rng), late=rng.randint(0, 30))
        elif change == "again":
            run_session(folder, number, minutes(rng), skip=rng.choice(["", "Ideas", "Check-out"]))
        elif change == "same size and time":
            path = folder / name
            before, text = path.stat(), path.read_bytes()
            # One step's time in the head, a digit changed: the same length, and what stats reads.
            swapped = re.sub(
                rb"used_seconds = (\d+)",
                lambda found: b"used_seconds = " + (str(int(found[1]) ^ 1).encode().rjust(len(found[1]), b"0")),
                text,
                count=1,
            )
            assert swapped != text
            path.write_bytes(swapped)
            os.utime(
                path, ns=(before.st_atime_ns, before.st_mtime_ns)
            )  # as if it never changed, but for its change time
            assert path.stat().st_size == before.st_size
        elif change == "removed":
            (folder / name).unlink()
        elif change == "damaged":
            (folder / name).write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 400))))
        else:
            (folder / name).unlink()
            run_session(folder, number, [10] * 12, plan=other_plan)
        kept = plan_history(folder, PLAN.name)  # from the index, and the files that changed
        assert (folder / INDEX_NAME).exists()
        assert said(kept) == said(read_fresh(folder, tmp_path / "fresh")), f"round {round_}: {change} {name}"
        assert plan_stats(PLAN, kept.sessions) == plan_stats(PLAN, plan_history(folder, PLAN.name).sessions)


def test_an_index_changed_by_hand_or_open_to_others_is_not_believed(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    for number in range(1, 5):
        run_session(folder, number, [12, 20, 11, 30, 10, 10])
    right = said(plan_history(folder, PLAN.name))
    index = folder / INDEX_NAME
    assert index.stat().st_mode & 0o777 == 0o600  # it holds titles and names: its owner's only
    # Every step that took ten minutes now says 99,999 seconds: an index edited by hand.
    head, body = index.read_bytes().split(b"\n", 1)
    wrong = body.replace(b",600,", b",99999,")
    assert wrong != body
    index.write_bytes(head + b"\n" + wrong)
    assert said(plan_history(folder, PLAN.name)) == right
    # The same edit with its digest made right, in an index others could have written: passed over, and
    # written again as its owner's only.
    index.write_bytes(json.dumps({"version": INDEX_VERSION, "digest": _digest(wrong)}).encode() + b"\n" + wrong)
    index.chmod(0o664)
    assert said(plan_history(folder, PLAN.name)) == right
    assert index.stat().st_mode & 0o777 == 0o600
    # An index that cannot be written (a folder in its place) still gives the stats.
    index.unlink()
    index.mkdir()
    assert said(plan_history(folder, PLAN.name)) == right
