"""The randomised fault test: several real windows (processes) on one session, killed at random.

Four windows (the facilitator's and three note-takers', each `tests/fault_window.py`) send random
commands with tricky text. Any of them, the one running the session included, is killed with SIGKILL
at random moments and started again (the facilitator with `resume_or_join`, a note-taker joining).
Then they settle, and the test checks what a person would:

- every record any window showed as recorded is in the file exactly once;
- nothing is in the file that no window sent;
- every live window shows exactly what the file holds (notes in the same order, the step, the timer,
  the minutes, decisions, actions).

CI runs one fixed seed, once with a slow disk. Locally, FAULT_RUNS=20 runs twenty seeds from
FAULT_SEED (default: the clock), and prints each run's windows, kills and commands.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.core.clock import SystemClock
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.session_file import load_session
from tests.conftest import small_plan
from tests.fault_window import tags_in, view_of

ROOT = Path(__file__).parent.parent
# Four real windows killed at random: run on the same worker as the other many-window tests (pyproject's
# --dist loadgroup), one after another, so none starves another's windows of the two cores.
pytestmark = pytest.mark.xdist_group("many windows")

WINDOWS = [("ann", "facilitator"), ("bob", "note-taker"), ("cat", "note-taker"), ("dev", "note-taker")]


class Room:
    """The windows' processes, started and killed as the test says."""

    def __init__(self, path: Path, folder: Path, seed: int, slow_fsync: float) -> None:
        self.path, self.folder, self.seed = path, folder, seed
        self.env = {**os.environ, "FAULT_SLOW_FSYNC": str(slow_fsync), "PYTHONPATH": str(ROOT)}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.kills = 0

    def start(self, name: str, role: str) -> None:
        with open(self.folder / f"{name}.err", "ab") as errors:  # the child keeps its own copy open
            self.processes[name] = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.fault_window",
                    str(self.path),
                    name,
                    role,
                    str(self.seed),
                    str(self.folder),
                ],
                cwd=ROOT,
                env=self.env,
                stderr=errors,
            )

    def kill(self, name: str) -> None:
        process = self.processes[name]
        process.send_signal(signal.SIGKILL)
        process.wait()
        self.kills += 1

    def close(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()


def lines(folder: Path, what: str) -> list[str]:
    found = []
    for log in folder.glob("*.log"):
        for line in log.read_text().splitlines():
            try:
                kind, tag = json.loads(line)
            except ValueError:
                continue  # a line cut by a kill: the window never went on past it
            if kind == what:
                found.append(tag)
    return found


def run_the_room(tmp_path: Path, seed: int, kills: int, slow_fsync: float = 0.0) -> dict[str, Any]:
    sessions, folder = tmp_path / "sessions", tmp_path / "room"
    folder.mkdir(parents=True)
    owner = OpenSession.create(sessions, small_plan(), "Faults", SystemClock(), "Ann")
    for name, _role in WINDOWS[1:]:  # each note-taker joins under a name on the roster
        owner.apply(Command("add_person", {"name": name, "role": "staff"}))
    owner.flush()
    path = owner.path
    owner.close()
    rng = random.Random(seed)
    room = Room(path, folder, seed, slow_fsync)
    try:
        for name, role in WINDOWS:
            room.start(name, role)
        for _ in range(kills):
            time.sleep(rng.uniform(0.3, 1.2))  # real processes at work: a kill at any moment of theirs
            name, role = rng.choice(WINDOWS)
            room.kill(name)
            room.start(name, role)
        time.sleep(1.0)
        (folder / "settle").touch()
        deadline = time.monotonic() + 120
        while not all((folder / f"{name}.view.json").exists() for name, _ in WINDOWS):
            for name, process in room.processes.items():
                assert process.poll() is None, (
                    f"{name}'s window stopped: {(folder / f'{name}.err').read_text()[-3000:]}"
                )
            assert time.monotonic() < deadline, "the windows did not settle"
            time.sleep(0.1)
        views = {name: json.loads((folder / f"{name}.view.json").read_text()) for name, _ in WINDOWS}
        on_disk = load_session(path)
    finally:
        (folder / "exit").touch()
        time.sleep(0.2)
        room.close()
    sent, shown = set(lines(folder, "sent")), set(lines(folder, "shown"))
    in_file = Counter(tags_in(on_disk))
    report = {
        "seed": seed,
        "windows": len(WINDOWS),
        "kills": room.kills,
        "sent": len(sent),
        "shown": len(shown),
        "events": len(on_disk.events),
        "slow_fsync": slow_fsync,
    }
    print(report)
    missing = sorted(tag for tag in shown if in_file[tag] == 0)
    assert not missing, f"shown as recorded, then not in the file: {missing[:10]} ({report})"
    twice = sorted(tag for tag, count in in_file.items() if count > 1)
    assert not twice, f"in the file more than once: {twice[:10]} ({report})"
    unsent = sorted(set(in_file) - sent)
    assert not unsent, f"in the file, never sent: {unsent[:10]}"
    for name, seen in views.items():
        assert seen["view"] == view_of(on_disk), f"{name}'s window ({seen['link']}) does not show what the file holds"
    return report


def test_windows_killed_at_random_lose_nothing_they_showed_and_all_show_the_file(tmp_path: Path) -> None:
    report = run_the_room(tmp_path, seed=int(os.environ.get("FAULT_SEED", "20261207")), kills=5)
    assert report["kills"] == 5 and report["shown"] > 20  # the run did what it says


def test_the_same_on_a_slow_disk(tmp_path: Path) -> None:
    report = run_the_room(tmp_path, seed=int(os.environ.get("FAULT_SEED", "8")), kills=5, slow_fsync=0.03)
    assert report["shown"] > 10


@pytest.mark.skipif(not os.environ.get("FAULT_RUNS"), reason="many seeds: FAULT_RUNS=20 pytest -k many_seeds")
def test_many_seeds(tmp_path: Path) -> None:
    first = int(os.environ.get("FAULT_SEED") or time.time())
    for run in range(int(os.environ["FAULT_RUNS"])):
        run_the_room(tmp_path / f"run{run}", seed=first + run, kills=8, slow_fsync=0.02 if run % 3 == 2 else 0.0)
