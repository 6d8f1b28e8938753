"""Shown means saved (issue [11]), side by side with the code before it, in one run.

A window now shows a change only once it is on disk: the owner appends and fsyncs it first, and a
screen draws its own copy of what is saved. What that costs a person, measured three ways:

1. The disk: what one fsync'd append of a note's bytes (about 300) costs on the disk the sessions
   are on (`--folder`, default the folder this repository is in): 500 appends to one file, each
   write + fsync timed. Min, median, p95, worst.
2. A 2,000-note burst into the owner (`OpenSession`, as the socket's threads send them: from 4
   threads at once, as fast as they go), for each code: how many saves (and so fsyncs) it made,
   how many notes each save held (median, worst), and the time from the first note to all on disk.
   Each code runs in its own process (the code is exported with `git archive`, as bench/terminal.py
   `use_code` does), so nothing of one is loaded in the other.
3. Keys to paint, in real pseudo-terminals (bench/windows.py part 1 and bench/notes_at_scale.py
   step 3, both run with `--code`): the note-taker's Enter to the note painted on the facilitator's
   screen, and the facilitator's own Enter to its note painted. The codes alternate, before, after,
   before, after (`--rounds`, default 2), so a busy moment of the machine falls on both; each
   round's own lines are printed, then the medians and worsts side by side.

Aims (issue [11]): note-taker's Enter to the facilitator's screen median < 50 ms, worst < 200 ms; the
owner's own Enter within 1.5x of before.

Run: python bench/shown_means_saved.py [--before f1c1089] [--after HEAD] [--rounds 2] [--quick] [--folder DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = str(REPO / ".venv" / "bin" / "python")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def fsync_cost(folder: Path, count: int) -> dict[str, Any]:
    """`count` appends of a note's worth of bytes, each fsync'd: the floor for one saved change."""
    line = (
        '[[events]]\nat = 2026-12-07 10:00:00+00:00\nkind = "note.add"\n\n[events.details]\n'
        'note = "n1"\nstep = "s1"\ntext = "' + "a note of ordinary length " * 6 + '"\n'
    ).encode()
    times = []
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".bench-fsync-") as file:
        for _ in range(count):
            started = time.perf_counter()
            os.write(file.fileno(), line)
            os.fsync(file.fileno())
            times.append(time.perf_counter() - started)
    return {"bytes": len(line), "times": times}


def export(ref: str) -> tuple[str, str]:
    """The code at `ref`, exported once to a cache folder; (commit, folder)."""
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    where = Path(tempfile.gettempdir()) / "workshop-bench" / f"src-{commit[:12]}"
    if not where.is_dir():
        partial = Path(f"{where}.{os.getpid()}")
        partial.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, "workshop_tui", "tests"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(partial)], input=archive.stdout, check=True)
        partial.rename(where)
    return commit[:12], str(where)


BURST = r"""
import json, os, sys, threading, time, tempfile
from pathlib import Path
from workshop_tui.core.clock import SystemClock
from workshop_tui.store import journal
from workshop_tui.store.open_session import Command, OpenSession
from tests.conftest import small_plan

count, senders = int(sys.argv[1]), 4
folder = Path(tempfile.mkdtemp(dir=sys.argv[2], prefix=".bench-burst-"))
saves, fsyncs = [], [0]
real_fsync, real_append, real_whole = journal.os.fsync, journal.Journal.append, journal.Journal.write_whole

def fsync(fd):
    fsyncs[0] += 1
    real_fsync(fd)

def append(self, events):
    saves.append(len(events))
    return real_append(self, events)

def whole(self, header, events):
    saves.append(len(events) - self.count)
    return real_whole(self, header, events)

journal.os.fsync, journal.Journal.append, journal.Journal.write_whole = fsync, append, whole
owner = OpenSession.create(folder, small_plan(), "Burst", SystemClock())
owner.flush()
saves.clear(); fsyncs[0] = 0
started = time.perf_counter()

def send(first):
    for number in range(first, count, senders):
        owner.apply(Command("add_note", {"typed": f"burst note {number:04d} about the library and the bus"}, id=f"w{first}-{number}", window_id=f"w{first}", role="note-taker"))

threads = [threading.Thread(target=send, args=(k,)) for k in range(senders)]
for thread in threads: thread.start()
for thread in threads: thread.join()
applied = time.perf_counter() - started
while owner.saved_count < len(owner.session.events):
    time.sleep(0.001)
on_disk = time.perf_counter() - started
owner.close()
print(json.dumps({"saves": saves, "fsyncs": fsyncs[0], "applied": applied, "on disk": on_disk}))
"""


def burst(code: str, count: int, folder: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": code}
    done = subprocess.run(
        [PYTHON, "-c", BURST, str(count), str(folder)], cwd=code, env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_bench(script: str, args: list[str], ref: str) -> str:
    done = subprocess.run([PYTHON, str(HERE / script), *args, "--code", ref], cwd=REPO, capture_output=True, text=True)
    return done.stdout + (f"\n(exit {done.returncode}: {done.stderr[-2000:]})" if done.returncode else "")


def numbers(line: str) -> list[float]:
    return [float(x) for x in re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])", line)]


def row_of(output: str, label: str) -> list[float] | None:
    """The numbers of the first line of `output` that starts with `label`."""
    for line in output.splitlines():
        if line.strip().startswith(label):
            return numbers(line[len(line) - len(line.lstrip()) + len(label) :])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="f1c1089", help="the code before shown-means-saved (default f1c1089)")
    parser.add_argument("--after", default="HEAD", help="the code with it (default HEAD)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of part 3, each code once a round (default 2)")
    parser.add_argument("--quick", action="store_true", help="small numbers")
    parser.add_argument("--folder", default=str(REPO.parent), help="a folder on the disk the sessions are on")
    options = parser.parse_args()
    folder = Path(options.folder)
    codes = {name: export(ref) for name, ref in (("before", options.before), ("after", options.after))}
    burst_count = 500 if options.quick else 2000
    notes = "20" if options.quick else "100"
    presses = "10" if options.quick else "30"

    print(
        f"Shown means saved, before ({options.before} = {codes['before'][0]}) and after ({options.after} = "
        f"{codes['after'][0]}); {os.cpu_count()} CPUs; disk of {folder}"
    )

    cost = fsync_cost(folder, 100 if options.quick else 500)
    times = [t * 1000 for t in cost["times"]]
    print(
        f"\n1. One fsync'd append of {cost['bytes']} bytes on this disk ({len(times)} appends, ms): "
        f"min {min(times):.2f}, median {statistics.median(times):.2f}, p95 {percentile(times, 0.95):.2f}, "
        f"worst {max(times):.2f}"
    )

    print(f"\n2. {burst_count:,} notes into the owner from 4 threads at once")
    print(
        f"{'code':8} {'saves':>6} {'fsyncs':>7} {'notes per save (median / worst)':>32} {'applied s':>10} {'all on disk s':>14}"
    )
    for name, (_, code) in codes.items():
        result = burst(code, burst_count, folder)
        saves = result["saves"] or [0]
        print(
            f"{name:8} {len(result['saves']):>6} {result['fsyncs']:>7} "
            f"{statistics.median(saves):>20.0f} / {max(saves):<9} {result['applied']:>10.3f} {result['on disk']:>14.3f}"
        )

    print("\n3. Keys to paint in real pseudo-terminals; the codes alternate")
    rows: dict[str, dict[str, list[list[float]]]] = {name: {"join": [], "own": []} for name in codes}  # [median, worst]
    for round_number in range(options.rounds):
        for name, ref in (
            (("before", options.before), ("after", options.after))
            if round_number % 2 == 0
            else (("after", options.after), ("before", options.before))
        ):
            windows = run_bench("windows.py", ["--parts", "1", "--notes", notes], ref)
            own = run_bench("notes_at_scale.py", ["--sizes", "1000", "--presses", presses, "--no-gc-log"], ref)
            print(f"\n--- round {round_number + 1}, {name} ({ref}) ---")
            print("\n".join(line for line in windows.splitlines() if line.strip()))
            print("\n".join(line for line in own.splitlines() if line.strip()))
            join = row_of(windows, "owner: the note painted (words or count)")  # notes, min, median, p95, worst
            if join and len(join) >= 5:
                rows[name]["join"].append([join[2], join[4]])
            # The first table's row for the session size: notes, file KiB, resume, median, p90, worst, ...
            mine = next((line.split() for line in own.splitlines() if line.strip().startswith("1,000")), None)
            if mine and len(mine) >= 6:
                rows[name]["own"].append([float(mine[3]), float(mine[5])])

    print("\nSide by side (ms; each round's median and worst, then the median of the rounds' medians)")
    for what, label in (
        ("join", "note-taker's Enter to the facilitator's screen"),
        ("own", "facilitator's own Enter to its note"),
    ):
        print(f"{label}:")
        for name in codes:
            found = rows[name][what]
            medians = [median for median, _ in found]
            worsts = [worst for _, worst in found]
            if medians:
                print(
                    f"  {name:7} rounds {', '.join(f'{m:.1f}/{w:.1f}' for m, w in zip(medians, worsts, strict=True))}; "
                    f"median of medians {statistics.median(medians):.1f}, worst {max(worsts):.1f}"
                )
            else:
                print(f"  {name:7} (no numbers read: see the lines above)")


if __name__ == "__main__":
    threading.stack_size(0)
    main()
