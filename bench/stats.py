"""`workshop-tui stats PLAN` over 1,000 past sessions of one plan: the whole command, as a user waits for it.

The aim (issue [9]): "`stats` over 1,000 sessions of one plan: < 1 s cold (read only what is needed)".

The sessions are made by driving the real session owner (OpenSession.create, apply(Command), close),
so every file is written by the app's own code, with its [summary] and [[timings]] at the head.
They are sessions of ONE plan (co-production-part-1), varied like a real trainer's year: most short,
a few long (hundreds to thousands of notes, so files run from a few KB to MBs), timers started late,
steps that ran long or short, minutes added, steps skipped, inserted (insert_step) and moved
(move_step), a pause now and then, about 3% not finished (running or paused) and a few damaged in the
ways bench/generate.py damages files (one of each kind at least). A second folder holds the same
sessions and twice as many of OTHER plans (made by bench/generate.py's _write_session), as a real
folder grows: `stats` must pass over those cheaply. Both are made once under
/tmp/workshop-bench-cache (the key changes with the generator below and the code that writes files).

Each program is a fresh process, timed from start to exit (python's start-up included), stdout to
/dev/null; its peak memory is taken in a run of its own, under /usr/bin/time:
- workshop-tui stats: `.venv/bin/workshop-tui --sessions-dir DIR stats co-production-part-1`;
- the naive way (the peer to beat): a python script that loads every file whole with load_session
  and computes the same numbers with step_times and plan_stats;
- reading heads (the floor): a python script that reads the first 16 KiB of every file, nothing else;
- python start-up alone (`python -c pass`) and workshop-tui stats on an empty folder, for scale.
Cold: the OS page cache is dropped before each run (`sync; echo 3 > /proc/sys/vm/drop_caches`, as
root); where that is refused, the folder, the app's code, the venv and the standard library are
evicted file by file with posix_fadvise(DONTNEED) instead. The output says which. Warm: repeated runs.
The programs take turns, so a slow spell on the machine falls on all of them.

The answer is checked before anything is timed: stats must count the sessions of the plan the app can
open (the naive peer, which loads every file whole, says which) and report the plan's files it cannot,
never a file that is whole; and for the
finished sessions the report made from the heads must be the one made from the whole files. (An
unfinished session's head is as at its last whole write; the output names those it is behind, which
stats finds from the file's tail and reads whole.)

Run: python bench/stats.py [--sessions 1000] [--warm-runs 10] [--cold-runs 5] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import (
    DAMAGES,
    GROUPS,
    KIND_MARKS,
    METHODS,
    NAMES,
    PLACES,
    ROLES,
    _cached,
    _damage,
    _sentence,
    notes_in_a_session,
)
from terminal import PYTHON, WORKSHOP_TUI, add_common_options, program_env, spread, use_code

if TYPE_CHECKING:
    from workshop_tui.core.clock import FakeClock
    from workshop_tui.core.session_engine import SessionEngine

PLAN = "co-production-part-1"
OTHER_PLANS = ["co-production-part-2", "commissioning-shortlisting"]
AIM_SECONDS = 1.0
HEAD_BYTES = 16 * 1024
TIME = "/usr/bin/time"

# --- making the sessions (the cache key is a digest of this section) ---

# Steps added on the day, as trainers add them: (title, minutes, kind).
INSERTS = [
    ("Energiser", 5, "activity"),
    ("Questions from the group", 10, "discussion"),
    ("Extra break", 10, "break"),
    ("Catch-up on last time", 15, "discussion"),
]
# How a step's real length runs against its plan, by kind: the mean of log(actual / planned).
# Breaks and discussions run long more often than they run short.
DRIFT = {"break": 0.15, "discussion": 0.1}


@dataclass(frozen=True)
class Shape:
    """What one session will be like, drawn before it is made."""

    title: str
    opened: datetime
    people: int
    notes: int
    decisions: int
    actions: int
    status: str


def _shape(rng: random.Random, plan: str) -> Shape:
    notes = notes_in_a_session(rng)  # most sessions short, a few long, as bench/generate.py makes them
    status = "finished" if rng.random() > 0.03 else rng.choice(["running", "paused"])
    title = rng.choice(
        [
            f"{rng.choice(GROUPS).capitalize()}, {rng.choice(PLACES)}",
            f"Co-production training ({rng.choice(PLACES)}) - {rng.choice(GROUPS)}",
            plan.replace("-", " ").capitalize(),
        ]
    )
    # Part 1 runs in a morning slot (its plan starts at 10:00): the room is opened a little before.
    opened = datetime(2024, 1, 8, 9, 30, tzinfo=timezone(timedelta(hours=rng.choice([0, 1])))) + timedelta(
        days=rng.randrange(900), minutes=rng.randint(0, 28)
    )
    return Shape(
        title, opened, rng.choice([0, 3, 5, 6, 8, 10, 12, 14]), notes, rng.randint(0, 4), rng.randint(0, 6), status
    )


def _late_by(rng: random.Random) -> timedelta:
    """How long after the plan's 10:00 the timer started: mostly a few minutes, now and then a lot."""
    roll = rng.random()
    minutes = (
        rng.uniform(-3, 0)
        if roll < 0.25
        else rng.uniform(0, 5)
        if roll < 0.70
        else rng.uniform(5, 15)
        if roll < 0.95
        else rng.uniform(15, 40)
    )
    return timedelta(minutes=minutes)


def _agenda_changes(rng: random.Random, steps: int) -> dict[int, list[str]]:
    """Which changes the facilitator makes, at which step of the day (0 is the first)."""
    changes: dict[int, list[str]] = {}
    for change, chance in (("skip", 0.15), ("insert", 0.10), ("move", 0.08), ("minutes", 0.30), ("pause", 0.05)):
        if rng.random() < chance:
            changes.setdefault(rng.randrange(steps - 1), []).append(change)
    return changes


def _write_plan_session(folder: Path, rng: random.Random, shape: Shape) -> Path:
    """One session of PLAN, run step by step through the session owner. Returns its file."""
    from workshop_tui.core.clock import FakeClock
    from workshop_tui.core.session_engine import NotNow
    from workshop_tui.store.open_session import Command, OpenSession
    from workshop_tui.store.plan_library import find_plan

    plan = find_plan(PLAN).plan
    assert plan is not None
    clock = FakeClock(shape.opened)
    facilitator, note_taker = rng.sample(NAMES, 2)
    # The saver is kept idle (a long gather), so saves happen where save() says, as in generate.py.
    owner = OpenSession.create(Path(folder), plan, shape.title, clock, facilitator, note_taker, gather_seconds=3600)
    engine = owner.engine

    def do(command: str, /, **args: Any) -> None:
        owner.apply(Command(command, args))

    def save() -> None:
        state = owner.save_now()
        if not state.ok:
            raise RuntimeError(state.problem)

    # An unfinished session's file is left as the saver leaves it: the events of the last few changes
    # appended after a head written at the last step change. A finished one is written whole at the end.
    saving = shape.status != "finished"
    names = rng.sample(NAMES, min(shape.people, len(NAMES)))
    for name in names:
        do("add_person", name=name, role=rng.choice(ROLES))
    ten = shape.opened.replace(hour=10, minute=0)
    clock.advance(seconds=max(30.0, (ten + _late_by(rng) - shape.opened).total_seconds()))
    do("start_timer")
    steps = len(plan.steps)
    changes = _agenda_changes(rng, steps)
    # An unfinished session stops part-way through the day, on the step it had reached.
    stop_at = rng.randrange(max(1, steps // 2), steps) if saving else None
    # Notes, decisions and actions fall at random steps; what falls after a finished day's last step
    # (with steps skipped, it comes sooner) goes in the last step.
    notes = [rng.randrange(steps) for _ in range(shape.notes)]
    decisions = [rng.randrange(steps) for _ in range(shape.decisions)]
    actions = [rng.randrange(steps) for _ in range(shape.actions)]
    position = 0
    while True:
        for change in changes.get(position, []):
            try:
                _change_agenda(engine, do, clock, rng, change)
            except NotNow:
                pass  # nothing on the agenda that change fits, here: the facilitator makes no change
        last = engine.next_index() is None or position + 1 == stop_at
        due = [_due(items, position, last and not saving) for items in (notes, decisions, actions)]
        notes_due, decisions_due, actions_due = due
        _run_step(engine, do, clock, rng, names, notes_due, decisions_due, actions_due, saving, save)
        if last:
            break
        do("next_step")
        if saving:
            save()
        position += 1
    clock.advance(seconds=60)
    if shape.status == "finished":
        do("finish")
    elif shape.status == "paused":
        do("pause_timer")
    owner.close()
    return owner.path


def _due(positions: list[int], position: int, last_of_day: bool) -> int:
    return sum(1 for at in positions if at == position or (last_of_day and at > position))


def _change_agenda(
    engine: SessionEngine, do: Callable[..., object], clock: FakeClock, rng: random.Random, change: str
) -> None:
    current, count = engine.session.current_step, len(engine.session.steps)
    coming = [index for index in range(current + 1, count) if engine.session.steps[index].removed_at is None]
    if change == "minutes":
        do("add_minutes", minutes=rng.choice([1, 2, 5, 5, 10, -1, -5]))
    elif change == "pause":  # a fire alarm, a visitor: the timer waits
        do("pause_timer")
        clock.advance(seconds=rng.uniform(120, 600))
        do("start_timer")
    elif change == "insert":
        title, minutes, kind = rng.choice(INSERTS)
        do("insert_step", title=title, minutes=minutes, kind=kind)
    elif coming and change == "skip":
        do("skip_step", index=rng.choice(coming))
    elif coming and change == "move":
        do("move_step", index=rng.choice(coming), direction=rng.choice([-1, 1]))


def _run_step(
    engine: SessionEngine,
    do: Callable[..., object],
    clock: FakeClock,
    rng: random.Random,
    names: list[str],
    notes: int,
    decisions: int,
    actions: int,
    saving: bool,
    save: Callable[[], None],
) -> None:
    """The current step, from start to end: its notes, decisions and actions spread over its real length."""
    step = engine.current
    length = 60 * step.allowed_minutes * min(3.0, max(0.3, rng.lognormvariate(DRIFT.get(step.kind, 0.0), 0.25)))
    gap = length / (notes + decisions + actions + 1)
    for number in range(notes + decisions + actions):
        clock.advance(seconds=gap * rng.uniform(0.5, 1.5))
        if number < notes:
            said_by = f"@{rng.choice(names)} " if names and rng.random() < 0.6 else ""
            do("add_note", typed=rng.choice(KIND_MARKS) + said_by + _sentence(rng))
        elif number < notes + decisions:
            present = [person.id for person in engine.session.participants]
            do(
                "record_decision",
                question=_sentence(rng, 4, 10) + "?",
                method=rng.choice(METHODS[:3]),
                present=present,
                votes_for=len(present),
                votes_against=0,
                abstentions=0,
                outcome=rng.choice(["agreed", "agreed", "not agreed", "deferred"]),
                statement=_sentence(rng),
                reasons=_sentence(rng),
            )
        else:
            do(
                "add_action",
                text=_sentence(rng, 4, 12),
                owner=rng.choice(names) if names else "",
                due=(clock.now() + timedelta(days=rng.randint(3, 30))).date(),
            )
        if saving and rng.random() < 0.4:
            save()
    clock.advance(seconds=gap)


def _other_session(folder: Path, rng: random.Random) -> tuple[Path, str]:
    """A session of another plan, made by bench/generate.py as its folders' sessions are."""
    from generate import _write_session

    plan = rng.choice(OTHER_PLANS)
    shape = _shape(rng, plan)
    path = _write_session(
        folder,
        rng,
        plan_name=plan,
        title=shape.title,
        start=shape.opened,
        people=shape.people,
        notes=shape.notes,
        decisions=shape.decisions,
        actions=shape.actions,
        status=shape.status,
    )
    return path, plan


def _damaged_numbers(count: int) -> dict[int, str]:
    """About 0.5% of the files, spread out, and at least one of each kind of damage so each is checked."""
    damaged = max(len(DAMAGES), round(count * 0.005))
    return {(2 * k + 1) * count // (2 * damaged): DAMAGES[k % len(DAMAGES)] for k in range(damaged)}


def _make_sessions(folder: Path, count: int, seed: int, other_plans: bool) -> dict[str, dict[str, str]]:
    """`count` sessions in `folder`: of PLAN, or of the other plans. Returns each file's plan and kind."""
    folder.mkdir(parents=True, exist_ok=True)
    damage = _damaged_numbers(count)
    made = {}
    for number in range(count):
        rng = random.Random(f"{seed}|{other_plans}|{number}")
        if other_plans:
            path, plan = _other_session(folder, rng)
        else:
            shape = _shape(rng, PLAN)
            path, plan = _write_plan_session(folder, rng, shape), PLAN
            _check_head(path)
        kind = _status_of(path)
        if number in damage:
            kind = damage[number]
            _damage(path, kind, rng)
        made[path.name] = {"plan": plan, "kind": kind}
        if number % 100 == 99:
            print(f"  {number + 1} of {count} made", file=sys.stderr)
    return made


def _check_head(path: Path) -> None:
    # The benchmark is only fair if the timings really are in the head, where stats reads them.
    head = path.read_bytes()[: 1024 * 1024]
    if not 0 <= head.find(b"\n[[timings]]\n") < head.find(b"\n[session]\n"):
        raise AssertionError(f"{path.name}: no [[timings]] before [session]")


def _status_of(path: Path) -> str:
    found = re.search(rb'^status = "([a-z]+)"', path.read_bytes()[:HEAD_BYTES], re.MULTILINE)
    return found.group(1).decode() if found else "?"


def _generator_fingerprint() -> str:
    text = Path(__file__).read_text()
    section = text[text.index("# --- making the sessions") : text.index("# --- end of making the sessions")]
    return hashlib.sha256(section.encode()).hexdigest()[:8]


def plan_folder(count: int, seed: int) -> Path:
    """A folder of `count` sessions of PLAN, made once; made.json beside it says what each file is."""

    def make(partial: Path) -> None:
        made = _make_sessions(partial / "sessions", count, seed, other_plans=False)
        (partial / "made.json").write_text(json.dumps(made, indent=1))

    return _cached(f"stats-{count}-{seed}-{_generator_fingerprint()}", make) / "sessions"


def mixed_folder(count: int, seed: int) -> Path:
    """The same sessions of PLAN and twice as many of other plans, made once."""
    plan_sessions = plan_folder(count, seed)

    def make(partial: Path) -> None:
        shutil.copytree(plan_sessions, partial / "sessions")
        made = json.loads((plan_sessions.parent / "made.json").read_text())
        made.update(_make_sessions(partial / "sessions", 2 * count, seed, other_plans=True))
        (partial / "made.json").write_text(json.dumps(made, indent=1))

    return _cached(f"stats-mixed-{count}-{seed}-{_generator_fingerprint()}", make) / "sessions"


# --- end of making the sessions ---

# --- the programs timed ---

# A trainer's own script: every session loaded whole, then the app's own sums (the peer to beat).
NAIVE = """
import sys
from pathlib import Path
from workshop_tui.core.plan_stats import PastSession, plan_stats
from workshop_tui.core.step_times import first_timer_start, planned_start, step_times
from workshop_tui.core.timings_report import report_lines
from workshop_tui.store.plan_library import find_plan
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session

folder, name = Path(sys.argv[1]), sys.argv[2]
plan = find_plan(name).plan
past, damaged = [], []
for path in sorted(folder.glob("*.toml")):
    try:
        session = load_session(path)
    except FileProblem as problem:
        damaged.append(f"  {path.name}: {problem.what}")
        continue
    if session.plan.name == name:
        past.append(PastSession(path.name, session.title, session.status, session.started_at, session.plan.version,
                                step_times(session), planned_start(session), first_timer_start(session)))
print("\\n".join(report_lines(plan_stats(plan, past))))
print(f"\\n{len(damaged)} files could not be read:", *damaged, sep="\\n")
"""

# What reading the heads costs at all: open every file and read its first 16 KiB, nothing else.
HEADS = f"""
import os, sys
for entry in os.scandir(sys.argv[1]):
    if entry.name.endswith(".toml"):
        with open(entry.path, "rb") as file:
            file.read({HEAD_BYTES})
"""


def stats_command(folder: Path) -> list[str]:
    return [WORKSHOP_TUI, "--sessions-dir", str(folder), "stats", PLAN]


def programs(folders: dict[str, Path], empty: Path) -> list[tuple[str, str, list[str]]]:
    """(folder, program, command) for everything timed, in the order the table shows them."""
    found = []
    for label, folder in folders.items():
        found += [
            (label, "workshop-tui stats", stats_command(folder)),
            (label, "naive: load_session every file", [PYTHON, "-c", NAIVE, str(folder), PLAN]),
            (label, "floor: read 16 KiB of every file", [PYTHON, "-c", HEADS, str(folder)]),
        ]
    return [
        *found,
        ("none", "workshop-tui stats, empty folder", stats_command(empty)),
        ("none", "python start-up alone", [PYTHON, "-c", "pass"]),
    ]


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall seconds from start to exit, and the CPU seconds the program used (user + system, from wait4):
    wall well over CPU is time spent waiting, for the disk or for a CPU another program holds."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        # As a user's terminal runs it: Python finds the .pyc files it wrote before (this machine's own
        # environment says never to write them, so every run would compile the app afresh).
        child = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=program_env()
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(
                f"{' '.join(command[:4])} ... failed ({child.returncode}):\n{errors.read().decode()[-2000:]}"
            )
    return seconds, usage.ru_utime + usage.ru_stime


def peak_memory_mib(command: list[str]) -> float | None:
    """The program's peak resident memory, from /usr/bin/time in a run of its own.

    Not this process's wait4 or RUSAGE_CHILDREN: a child's ru_maxrss keeps the high-water mark of
    the process it was forked from (this one, 40-odd MiB), so `python -c pass` would show that much.
    /usr/bin/time is a small C program, so what it reports is the child's own.
    """
    if not Path(TIME).exists():
        return None
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(
            [TIME, "-f", "%M", "-o", report.name, *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        return int(report.read().split()[-1]) / 1024


# --- making the caches cold ---


def drop_page_cache() -> bool:
    """Drop the whole OS page cache, as after a reboot; False when this machine does not allow it."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as control:
            control.write("3\n")
    except OSError:
        return False
    return True


def files_under(*places: Path) -> list[Path]:
    found = []
    for place in places:
        if place.is_file():
            found.append(place)
        for root, _, names in os.walk(place):
            found += [Path(root) / name for name in names]
    return found


def evict(paths: list[Path]) -> None:
    """Ask the kernel to forget these files' pages (they were synced first, so it can)."""
    os.sync()
    for path in paths:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)


def code_paths() -> list[Path]:
    """What python and the app read when they start: the venv's site-packages, the standard library, the app."""
    where = subprocess.run(
        [
            PYTHON,
            "-c",
            "import sysconfig, workshop_tui; p = sysconfig.get_paths(); "
            "print(p['purelib'], p['stdlib'], workshop_tui.__path__[0], sep='\\n')",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    return files_under(*(Path(place) for place in where if place))


_LIBC = ctypes.CDLL(None, use_errno=True)
_LIBC.mmap.restype = ctypes.c_void_p
_LIBC.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
_LIBC.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
_LIBC.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]


def share_in_memory(paths: list[Path]) -> float:
    """The share of these files' pages in the page cache now (mincore), to show a cold run really is cold."""
    import mmap

    page = mmap.PAGESIZE
    resident = total = 0
    for path in paths:
        size = path.stat().st_size
        if not size:
            continue
        descriptor = os.open(path, os.O_RDONLY)
        try:
            address = _LIBC.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, descriptor, 0)
            if address in (None, ctypes.c_void_p(-1).value):
                continue
            pages = (size + page - 1) // page
            vector = (ctypes.c_ubyte * pages)()
            _LIBC.mincore(address, size, vector)
            _LIBC.munmap(address, size)
            resident += sum(byte & 1 for byte in vector)
            total += pages
        finally:
            os.close(descriptor)
    return resident / total if total else 0.0


# --- checking the answer ---

COUNTED = re.compile(r"\((?P<plan>[a-z0-9-]+), version \d+\): (?P<count>[\d,]+) past sessions?\b")
DAMAGED = re.compile(r"^  (?P<name>[^:]+\.toml): ")


def counted_and_damaged(output: str) -> tuple[int, set[str]]:
    """What a stats report says: the past sessions counted, and the files it could not read."""
    first = COUNTED.search(output.splitlines()[0] if output else "")
    if first is None or first["plan"] != PLAN:
        raise SystemExit(f"The stats output does not start as expected:\n{output[:500]}")
    tail = output[output.find("could not be read") :] if "could not be read" in output else ""
    return int(first["count"].replace(",", "")), {m["name"] for m in map(DAMAGED.match, tail.splitlines()) if m}


def check_answer(folder: Path) -> list[str]:
    """Stop unless workshop-tui stats counts what the app can open of the plan's sessions (the naive peer,
    which loads every file whole, says which) and reports the plan's files it cannot."""
    made = json.loads((folder.parent / "made.json").read_text())
    done = subprocess.run(stats_command(folder), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"workshop-tui stats failed ({done.returncode}):\n{done.stderr[-2000:]}")
    counted, reported = counted_and_damaged(done.stdout)
    ours = {name for name, file in made.items() if file["plan"] == PLAN}
    damaged = {name: file["kind"] for name, file in made.items() if file["kind"] in DAMAGES}
    naive = subprocess.run([PYTHON, "-c", NAIVE, str(folder), PLAN], capture_output=True, text=True, check=True).stdout
    naive_counted, naive_damaged = counted_and_damaged(naive)
    wrong = []
    if counted != naive_counted:
        wrong.append(f"counted {counted}, but the app opens {naive_counted} sessions of the plan")
    if reported - set(damaged):
        wrong.append(f"reported as damaged, but they are not: {sorted(reported - set(damaged))}")
    if (naive_damaged & ours) - reported:
        wrong.append(
            f"the app cannot open them, but they were not reported: {sorted((naive_damaged & ours) - reported)}"
        )
    if (reported & ours) - naive_damaged:
        wrong.append(f"reported, but the app opens them: {sorted((reported & ours) - naive_damaged)}")
    if wrong:
        raise SystemExit(
            f"workshop-tui stats gives a wrong answer for {folder}, so nothing is timed:\n  " + "\n  ".join(wrong)
        )
    opened_anyway = sorted(damaged[name] for name in ours - reported if name in damaged)
    both, stale = heads_against_whole_files(folder)
    return [
        f"counted {counted:,} past sessions = {len(ours):,} files of the plan - {len(reported & ours)} reported damaged "
        f"({len(reported)} reported in all: {_kinds(reported, damaged)}); damaged but opened by the app, so counted: "
        f"{', '.join(opened_anyway) or 'none'}",
        f"the naive peer counts {naive_counted:,} and reports {len(naive_damaged)} ({_kinds(naive_damaged, damaged)}): "
        f"the same sessions of the plan as stats",
        f"over the {both:,} finished sessions, the report from the heads is the one from the whole files; "
        f"unfinished sessions whose heads miss a step skipped, ended or passed since their last whole write "
        f"(stats finds them from their tails and reads them whole): {len(stale)} ({', '.join(stale) or 'none'})",
    ]


def heads_against_whole_files(folder: Path) -> tuple[int, list[str]]:
    """Stop unless, for the finished sessions, the timings at the files' heads give the same report as
    loading each file whole. Returns how many were compared, and the unfinished files whose heads say
    something else about a step that is over (their head is from the last whole write; events since are appended)."""
    from workshop_tui.core.plan_stats import PastSession, plan_stats
    from workshop_tui.core.step_times import NOT_REACHED, RUNNING, first_timer_start, planned_start, step_times
    from workshop_tui.core.timings_report import report_lines
    from workshop_tui.store.plan_history import plan_history
    from workshop_tui.store.plan_library import find_plan
    from workshop_tui.store.problems import FileProblem
    from workshop_tui.store.session_file import load_session

    plan = find_plan(PLAN).plan
    assert plan is not None
    heads, whole, stale = [], [], []
    for past in plan_history(folder, PLAN).sessions:
        try:
            session = load_session(folder / past.name)
        except FileProblem:
            continue  # a torn file: its head is fine, the rest is not
        times = step_times(session)
        if past.status != "finished":
            over = [(step.title, step.state) for step in times if step.state not in (NOT_REACHED, RUNNING)]
            if over != [(step.title, step.state) for step in past.steps if step.state not in (NOT_REACHED, RUNNING)]:
                stale.append(past.name)
            continue
        heads.append(past)
        whole.append(
            PastSession(
                past.name,
                session.title,
                session.status,
                session.started_at,
                session.plan.version,
                times,
                planned_start(session),
                first_timer_start(session),
            )
        )
    from_heads, from_whole = report_lines(plan_stats(plan, heads)), report_lines(plan_stats(plan, whole))
    if from_heads != from_whole:
        differ = [f"{a!r} / {b!r}" for a, b in zip(from_heads, from_whole, strict=False) if a != b][:5]
        raise SystemExit(
            f"The heads' timings do not give the whole files' report in {folder}:\n  " + "\n  ".join(differ)
        )
    return len(heads), stale


def _kinds(names: set[str], damaged: dict[str, str]) -> str:
    kinds: dict[str, int] = {}
    for name in names:
        kinds[damaged[name]] = kinds.get(damaged[name], 0) + 1
    return ", ".join(f"{kind} {number}" for kind, number in sorted(kinds.items()))


# --- timing ---


# Each (folder, program)'s runs: wall seconds and CPU seconds of each (run_once).
Samples = dict[tuple[str, str], list[tuple[float, float]]]


def measure(
    timed: list[tuple[str, str, list[str]]], cold_runs: int, warm_runs: int, make_cold: Callable[[], object]
) -> tuple[Samples, Samples]:
    """Rounds of every program in turn (the first one moves on each round). While there are cold runs
    to make, a program's cold run is followed at once by a warm one, so both meet the same load on
    this shared machine; the rounds after those are warm only."""
    cold: Samples = {}
    warm: Samples = {}
    for number in range(max(cold_runs, warm_runs)):
        if number == cold_runs:
            for _, _, command in timed:
                run_once(command)  # the last cold round left the cache cold: fill it again, not counted
        shift = number % len(timed)
        for folder, program, command in timed[shift:] + timed[:shift]:
            if number < cold_runs:
                make_cold()
                cold.setdefault((folder, program), []).append(run_once(command))
            if number < warm_runs:
                warm.setdefault((folder, program), []).append(run_once(command))
        print(f"  round {number + 1} of {max(cold_runs, warm_runs)} done", file=sys.stderr)
    return cold, warm


def describe(folder: Path) -> str:
    sizes = sorted(path.stat().st_size for path in folder.glob("*.toml"))
    locks = len(list(folder.glob(".*.lock")))
    made = json.loads((folder.parent / "made.json").read_text())
    kinds: dict[str, int] = {}
    for file in made.values():
        key = (
            file["kind"]
            if file["plan"] == PLAN
            else f"other plans {file['kind'] if file['kind'] in DAMAGES else ''}".strip()
        )
        kinds[key] = kinds.get(key, 0) + 1
    low, mid, high = spread([float(size) for size in sizes])
    return (
        f"{len(sizes):,} session files, {sum(sizes) / 1e6:.1f} MB (each {low / 1e3:.1f} KB / {mid / 1e3:.1f} KB / "
        f"{high / 1e6:.2f} MB min/median/max; and {locks:,} lock files of a few bytes the app leaves beside them): "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    )


def row(
    folder: str, program: str, cold: list[tuple[float, float]], warm: list[tuple[float, float]], memory: float | None
) -> list[str]:
    def ms(samples: list[tuple[float, float]]) -> str:
        low, mid, high = spread([seconds * 1000 for seconds, _ in samples])
        return f"{low:.0f} / {mid:.0f} / {high:.0f}"

    cpu = spread([cpu * 1000 for _, cpu in cold])[1], spread([cpu * 1000 for _, cpu in warm])[1]
    return [
        folder,
        program,
        f"{len(cold)} + {len(warm)}",
        ms(cold),
        ms(warm),
        f"{cpu[0]:.0f} / {cpu[1]:.0f}",
        "n/a" if memory is None else f"{memory:.0f}",
    ]


def markdown(headings: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headings) + " |", "|" + "|".join("---" for _ in headings) + "|"]
    return "\n".join(lines + ["| " + " | ".join(cells) + " |" for cells in rows])


def verdict(label: str, cold: list[tuple[float, float]]) -> str:
    _, mid, high = spread([seconds for seconds, _ in cold])
    said = {True: "met", False: "NOT met"}
    return (
        f"aim < {AIM_SECONDS:.0f} s cold, {label}: {said[mid < AIM_SECONDS]} at the median ({mid * 1000:.0f} ms), "
        f"{said[high < AIM_SECONDS]} at the worst ({high * 1000:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sessions",
        type=int,
        default=None,
        help="sessions of the plan (default 1000, quick 200); the mixed folder adds twice as many of other plans",
    )
    parser.add_argument("--warm-runs", type=int, default=None, help="default 10, quick 3")
    parser.add_argument("--cold-runs", type=int, default=None, help="default 5, quick 2")
    parser.add_argument("--seed", type=int, default=1)
    add_common_options(parser)
    options = parser.parse_args()
    code = use_code(options.code)
    count = options.sessions or (200 if options.quick else 1000)
    warm_runs = options.warm_runs or (3 if options.quick else 10)
    cold_runs = options.cold_runs or (2 if options.quick else 5)

    print(
        f"making (or finding in the cache) {count:,} sessions of {PLAN}, and {2 * count:,} of other plans",
        file=sys.stderr,
    )
    folders = {
        f"{count:,} of the plan": plan_folder(count, options.seed),
        f"{count:,} + {2 * count:,} others": mixed_folder(count, options.seed),
    }
    notes = [f"{label}: {describe(folder)}" for label, folder in folders.items()]
    for label, folder in folders.items():
        notes += [f"{label}: {line}" for line in check_answer(folder)]

    empty = Path(tempfile.mkdtemp(prefix="bench-stats-empty-"))
    try:
        timed = programs(folders, empty)
        session_files = files_under(*folders.values())
        make_cold: Callable[[], object]
        if drop_page_cache():
            method, make_cold = (
                "the OS page cache dropped before each run (sync; echo 3 > /proc/sys/vm/drop_caches)",
                drop_page_cache,
            )
        else:
            code_files = code_paths()
            method = (
                "NOT the whole page cache (writing /proc/sys/vm/drop_caches was refused): the session files, the app's "
                f"code, the venv's site-packages and the standard library ({len(code_files):,} files) evicted with "
                "posix_fadvise(DONTNEED) before each run; the python binary and shared libraries may stay in memory"
            )

            def make_cold() -> None:
                evict(session_files + code_files)

            make_cold()
        notes.append(
            f"cold: {method}; after that, {share_in_memory(session_files):.1%} of the session files' pages "
            "were in memory"
        )
        run_once(stats_command(next(iter(folders.values()))))
        notes.append(
            f"after one cold `workshop-tui stats` of the plan's folder, {share_in_memory(session_files):.1%} of "
            "the session files' pages were in memory (its reads of heads, and the kernel's read-ahead)"
        )
        print(f"timing: {cold_runs} cold and {warm_runs} warm runs of {len(timed)} programs", file=sys.stderr)
        load_before = os.getloadavg()[0]
        cold, warm = measure(timed, cold_runs, warm_runs, make_cold)
        notes.append(
            f"load average (1 minute) when timing began {load_before:.1f}, when it ended {os.getloadavg()[0]:.1f}, "
            f"on {os.cpu_count()} CPUs: other work shares this machine"
        )
        memory = {(folder, program): peak_memory_mib(command) for folder, program, command in timed}
    finally:
        shutil.rmtree(empty, ignore_errors=True)

    rows = [
        row(folder, program, cold[(folder, program)], warm[(folder, program)], memory[(folder, program)])
        for folder, program, _ in timed
    ]
    print(
        f"`workshop-tui stats {PLAN}`, a fresh process each run, wall time to exit, stdout to /dev/null; code: {code}"
    )
    for line in notes:
        print(line)
    print()
    print(
        markdown(
            [
                "folder",
                "program",
                "runs (cold + warm)",
                "cold ms: min / median / max (worst)",
                "warm ms: min / median / max (worst)",
                "CPU ms, median: cold / warm",
                "peak memory MiB",
            ],
            rows,
        )
    )
    print()
    for label in folders:
        print(verdict(label, cold[(label, "workshop-tui stats")]))
    print(
        f"CPU: user + system time of the process (wait4); peak memory: its maximum resident set in one warm run "
        f"of its own, from {TIME} -f %M"
    )


if __name__ == "__main__":
    main()
