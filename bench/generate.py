"""Session files for the benchmarks, made by driving the engine as a facilitator and note-taker would.

Not a benchmark itself. All session making is in `_write_session`, the one place to change when the
storage layer changes. It uses the session owner (workshop_tui.store.open_session.OpenSession:
create, apply(Command), close) when the code under test has it, and the API before it
(SessionEngine + SessionsFolder.create + save_session) when it does not, so it works on both sides
of the storage rewrite (see --code in terminal.py).

- `make_session(path_or_folder, seed, notes=N, ...)`: one session with N notes spread over the steps,
  people on the roster, decisions and actions; unfinished by default, so `workshop-tui resume` opens it.
- `make_folder(directory, count, seed)`: a folder of `count` varied sessions, like a real one grows:
  three plans, titles and places, 0-14 people, most sessions short, a few long (hundreds to thousands
  of notes), about 3% unfinished (running or paused), about 0.5% damaged in the ways files get damaged.
- `cached_folder(count, seed)` and `cached_session(notes, seed)`: the same, made once under
  /tmp/workshop-bench-cache/<key>; the key changes when this file or the code that writes files changes.

Run on its own to fill the cache: python bench/generate.py [--quick] [--code REF]
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop_tui.store.open_session import Command, OpenSession

HERE = Path(__file__).resolve().parent
CACHE = Path("/tmp/workshop-bench-cache")

PLANS = ["co-production-part-1", "co-production-part-2", "commissioning-shortlisting"]
PLACES = [
    "Leeds",
    "Bradford",
    "Hull",
    "York",
    "Wakefield",
    "Harrogate",
    "Halifax",
    "Sheffield",
    "Doncaster",
    "Scarborough",
    "Ripon",
    "Selby",
    "Keighley",
    "Otley",
    "Barnsley",
    "Rotherham",
]
GROUPS = [
    "lunch club",
    "men's shed",
    "carers' group",
    "tenants' forum",
    "walking group",
    "library panel",
    "healthy ageing fund",
    "befriending service",
    "digital drop-in",
    "memory cafe",
]
NAMES = [
    "Margaret",
    "Dennis",
    "Evelyn",
    "Harold",
    "Priya",
    "Tom",
    "Rita",
    "Ken",
    "Maureen",
    "Stan",
    "Joyce",
    "Lena",
    "Aisha",
    "Bernard",
    "Doreen",
    "Frank",
    "Gwen",
    "Irene",
    "Jean",
    "Kamal",
    "Leonard",
    "Mavis",
    "Nasreen",
    "Olive",
    "Percy",
    "Rose",
    "Sid",
    "Thelma",
    "Uma",
    "Vera",
    "Wilf",
    "Yusuf",
]
ROLES = ["older person"] * 6 + ["volunteer", "staff", "guest"]
WORDS = [
    "buses",
    "hearing",
    "loop",
    "lunch",
    "travel",
    "costs",
    "money",
    "trust",
    "the",
    "council",
    "listen",
    "group",
    "agreement",
    "tea",
    "big",
    "print",
    "slides",
    "evening",
    "events",
    "leave",
    "people",
    "out",
    "members",
    "plan",
    "the",
    "menu",
    "cook",
    "reciprocity",
    "thank-you",
    "confidence",
    "welcome",
    "toilets",
    "exits",
    "breaks",
    "score",
    "bid",
    "interview",
    "value",
    "for",
    "money",
    "walking",
    "football",
    "friendship",
    "club",
    "digital",
    "drop-in",
    "pot",
    "ranking",
    "reasons",
    "share",
    "minutes",
    "loneliness",
    "transport",
    "rural",
    "village",
    "hall",
    "library",
    "volunteers",
    "training",
    "doing-for",
    "doing-with",
]
KIND_MARKS = ["", "", "", "", "+ ", "? ", "! ", "> "]
METHODS = ["consensus", "consent", "majority vote", "fist-of-five", "dot vote"]

# About one session in 200 is damaged, one in 33 is still open.
DAMAGES = ["torn", "garbage", "empty", "bad toml", "bad field", "newer format"]


def _code_fingerprint() -> str:
    """Changes when this generator or the code that writes session files changes."""
    import workshop_tui

    root = Path(workshop_tui.__file__).parent
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for folder in ("store", "model", "core"):
        for source in sorted((root / folder).glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def _sentence(rng: random.Random, shortest: int = 4, longest: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(shortest, longest))).capitalize()


def _session_api() -> tuple[type[OpenSession], type[Command]] | None:
    """The owner object when the code under test has it (workshop_tui.store.open_session), else None."""
    try:
        from workshop_tui.store.open_session import Command, OpenSession
    except ImportError:
        return None
    return OpenSession, Command


def _write_session(
    folder: Path,
    rng: random.Random,
    *,
    plan_name: str,
    title: str,
    start: datetime,
    people: int,
    notes: int,
    decisions: int,
    actions: int,
    status: str,
    end_near_now: bool = False,
) -> Path:
    """THE one place that makes a session file. Returns its path.

    With the session owner (workshop_tui/store/open_session.py): OpenSession.create(folder, plan,
    title, clock, facilitator, note_taker), every change as .apply(Command(name, args)), then .close(),
    so the file is written the way the app writes it (appends between compactions).
    Without it (the code before the owner landed): SessionEngine on the clock, SessionsFolder.create
    as `workshop-tui run` does, and save_session of the whole session at the end.
    Either way the clock is a FakeClock moved forward between changes.
    """
    from workshop_tui.core.clock import FakeClock
    from workshop_tui.core.session_engine import NotNow
    from workshop_tui.store.plan_library import find_plan

    plan = find_plan(plan_name).plan
    assert plan is not None
    steps = len(plan.steps)
    # Time per note: spread the notes over the planned length, but never less than 2 s apart.
    planned = sum(step.planned_minutes for step in plan.steps) * 60
    gap = max(2.0, planned / max(notes + steps, 1))
    total = gap * (notes + steps) + 120
    if end_near_now:
        start = datetime.now().astimezone() - timedelta(seconds=total)
    clock = FakeClock(start)
    facilitator, note_taker = rng.sample(NAMES, 2)

    api = _session_api()
    if api is not None:
        OpenSession, Command = api
        # The saver thread is kept idle (a long gather): saves happen where save() says, so the file's
        # shape does not depend on how fast this loop runs against the saver's timer.
        owner = OpenSession.create(Path(folder), plan, title, clock, facilitator, note_taker, gather_seconds=3600)
        engine = owner.engine

        def do(command: str, /, **args: Any) -> object:
            return owner.apply(Command(command, args))

        def save() -> None:
            state = owner.save_now()
            if not state.ok:
                raise RuntimeError(state.problem)

        def done() -> Path:
            owner.close()
            return owner.path
    else:
        from workshop_tui.core.session_engine import SessionEngine, new_session
        from workshop_tui.store.session_file import save_session
        from workshop_tui.store.sessions_folder import SessionsFolder

        engine = SessionEngine(new_session(plan, title, clock, facilitator, note_taker), clock)

        def do(command: str, /, **args: Any) -> object:
            return getattr(engine, command)(**args)

        def save() -> None:
            pass  # the code before the owner saved the whole session at the end only

        def done() -> Path:
            path = SessionsFolder(folder).create(engine.session)
            save_session(engine.session, path)
            return path

    # An unfinished session's file is left as the app's saver leaves it: a save after each burst of
    # 1-4 notes, decisions or actions (appended after the summary head), and after each step change
    # (the whole file again, with a fresh summary). A finished one ends with a whole write, so its
    # file is the same however it was saved on the way, and the fsyncs are skipped.
    # Burst sizes come from their own generator, so the session's contents are the same either way.
    saving = status != "finished"
    bursts = random.Random(f"{title}|{start.isoformat()}|{notes}|{status}")
    left = [bursts.randint(1, 4)]

    def changed() -> None:
        left[0] -= 1
        if saving and left[0] <= 0:
            save()
            left[0] = bursts.randint(1, 4)

    names = rng.sample(NAMES, min(people, len(NAMES)))
    for name in names:
        do("add_person", name=name, role=rng.choice(ROLES))
    do("start_timer")
    last_step = steps - 1 if status == "finished" else rng.randrange(max(1, steps // 2), steps)
    per_step = [0] * (last_step + 1)
    for _ in range(notes):
        per_step[rng.randrange(last_step + 1)] += 1
    decision_steps = sorted(rng.randrange(last_step + 1) for _ in range(decisions))
    action_steps = sorted(rng.randrange(last_step + 1) for _ in range(actions))
    for index in range(last_step + 1):
        if index:
            clock.advance(seconds=gap)
            do("next_step")
            if saving:
                save()
        if index == 2 and rng.random() < 0.3:
            do("add_minutes", minutes=rng.choice([1, 2, 5, -1]))
        for _ in range(per_step[index]):
            clock.advance(seconds=gap * rng.uniform(0.5, 1.5))
            said_by = f"@{rng.choice(names)} " if names and rng.random() < 0.6 else ""
            do("add_note", typed=rng.choice(KIND_MARKS) + said_by + _sentence(rng))
            changed()
        for _ in range(decision_steps.count(index)):
            present = [p.id for p in engine.session.participants]
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
            changed()
        for _ in range(action_steps.count(index)):
            do(
                "add_action",
                text=_sentence(rng, 4, 12),
                owner=rng.choice(names) if names else "",
                due=(clock.now() + timedelta(days=rng.randint(3, 30))).date(),
            )
            changed()
    clock.advance(seconds=60)
    try:
        if status == "finished":
            do("finish")
        elif status == "paused":
            do("pause_timer")
    except NotNow:
        pass
    return done()


def _damage(path: Path, how: str, rng: random.Random) -> None:
    data = path.read_bytes()
    if how == "torn":  # a write cut off part-way, as after a crash without an atomic save
        path.write_bytes(data[: rng.randrange(len(data) // 4, len(data) * 3 // 4)])
    elif how == "garbage":
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(200, 5000))))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "bad toml":  # a person edited it and left a quote open
        text = data.decode()
        cut = text.find("\ntitle = ") + 1
        path.write_text(text[:cut] + 'title = "Forgot the closing quote\n' + text[text.index("\n", cut) + 1 :])
    elif how == "bad field":
        path.write_text(data.decode().replace('status = "', 'status = "maybe-', 1))
    elif how == "newer format":
        path.write_text(re.sub(r"schema_version = \d+", "schema_version = 99", data.decode(), count=1))


def make_session(
    where: Path,
    seed: int,
    notes: int = 100,
    people: int = 12,
    decisions: int | None = None,
    actions: int | None = None,
    status: str = "running",
    plan: str = "co-production-part-1",
) -> Path:
    """One session in the folder `where`, with `notes` notes; it ends about now, so a running
    timer resumes sensibly. Returns the file's path."""
    rng = random.Random(seed)
    return _write_session(
        Path(where),
        rng,
        plan_name=plan,
        title=f"Scale test, {notes} notes",
        start=datetime.now().astimezone(),
        people=people,
        notes=notes,
        decisions=max(3, notes // 200) if decisions is None else decisions,
        actions=max(3, notes // 100) if actions is None else actions,
        status=status,
        end_near_now=True,
    )


def notes_in_a_session(rng: random.Random) -> int:
    """How many notes a session has, as a real folder varies: most short, a few long."""
    roll = rng.random()
    if roll < 0.80:
        return rng.randint(0, 30)
    if roll < 0.97:
        return rng.randint(30, 150)
    if roll < 0.995:
        return rng.randint(150, 600)
    return rng.randint(1000, 3000)


def _one_of_folder(folder: Path, seed: int, number: int) -> tuple[Path, str]:
    rng = random.Random(seed * 1_000_003 + number)
    plan = rng.choice(PLANS)
    notes = notes_in_a_session(rng)
    status_roll = rng.random()
    status = "finished" if status_roll > 0.03 else rng.choice(["running", "paused"])
    title = rng.choice(
        [
            f"{rng.choice(GROUPS).capitalize()}, {rng.choice(PLACES)}",
            f"Co-production training ({rng.choice(PLACES)}) - {rng.choice(GROUPS)}",
            f"Panel {rng.randint(1, 40)}: {rng.choice(GROUPS)}",
            "",  # the plan's title
        ]
    )
    start = datetime(2024, 1, 8, 9, 30, tzinfo=timezone(timedelta(hours=rng.choice([0, 1])))) + timedelta(
        days=rng.randrange(900), minutes=rng.choice([0, 15, 30, 60, 240])
    )
    path = _write_session(
        folder,
        rng,
        plan_name=plan,
        title=title or plan.replace("-", " ").capitalize(),
        start=start,
        people=rng.choice([0, 3, 5, 6, 8, 10, 12, 14]),
        notes=notes,
        decisions=rng.randint(0, 4),
        actions=rng.randint(0, 6),
        status=status,
    )
    kind = status
    if rng.random() < 0.005:
        kind = rng.choice(DAMAGES)
        _damage(path, kind, rng)
    return path, kind


def make_folder(directory: Path, count: int, seed: int = 1) -> dict[str, int]:
    """`count` varied session files in `directory` (made if need be). Returns how many of each kind."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, int] = {}
    for number in range(count):
        _, kind = _one_of_folder(directory, seed, number)
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def _cached(key: str, make: Callable[[Path], object]) -> Path:
    where = CACHE / f"{key}-{_code_fingerprint()}"
    if not where.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = Path(f"{where}.partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        make(partial)
        os.rename(partial, where)
    return where


def cached_folder(count: int, seed: int = 1) -> Path:
    """A folder of `count` varied sessions, made once. Copy it before letting the app write to it."""

    def make(partial: Path) -> None:
        kinds = make_folder(partial / "sessions", count, seed)
        (partial / "kinds.txt").write_text("".join(f"{k} {v}\n" for k, v in sorted(kinds.items())))

    return _cached(f"folder-{count}-{seed}", make) / "sessions"


def cached_session(notes: int, seed: int = 1) -> Path:
    """A folder holding one unfinished session with `notes` notes, made once. Copy before use;
    the session's timer ran up to when it was made."""
    return (
        _cached(f"session-{notes}-{seed}", lambda partial: make_session(partial / "sessions", seed, notes)) / "sessions"
    )


def copy_folder(source: Path, target: Path) -> Path:
    """A fresh copy to run the app on (it writes to its sessions folder)."""
    shutil.copytree(source, target, copy_function=shutil.copy2)
    return target


def kinds_of(folder: Path) -> str:
    found = folder.parent / "kinds.txt"
    return found.read_text().replace("\n", ", ").strip(", ") if found.exists() else ""


if __name__ == "__main__":
    import argparse
    import time

    sys.path.insert(0, str(HERE))
    from terminal import add_common_options, use_code

    parser = argparse.ArgumentParser(description="Fill the benchmark cache.")
    add_common_options(parser)
    options = parser.parse_args()
    print("code:", use_code(options.code))
    quick = options.quick
    for notes in (10, 1000) if quick else (10, 1000, 10_000):
        started = time.perf_counter()
        path = cached_session(notes)
        print(f"session with {notes} notes: {path} ({time.perf_counter() - started:.1f} s)")
    for count in (200,) if quick else (1000, 10_000):
        started = time.perf_counter()
        path = cached_folder(count)
        size = sum(p.stat().st_size for p in path.iterdir())
        print(
            f"folder of {count}: {path}, {size / 1e6:.1f} MB, {kinds_of(path)} ({time.perf_counter() - started:.1f} s)"
        )
