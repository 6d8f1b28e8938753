"""The follow-along page with a room of phones (issue 3): what 50 phones on /follow cost the facilitator's
own program (the session's owner), and how soon a step change reaches every one of them.

Everything is real and on this machine:
- a session of the built-in part 1 plan, made with the app's own OpenSession, then opened by
  `.venv/bin/workshop-tui resume FILE` in a 100x30 pseudo-terminal (bench/terminal.py): the owner,
  its first step's timer running (space);
- `.venv/bin/workshop-tui serve FILE --port P` on 127.0.0.1;
- phones: 50 HTTP clients (aiohttp) reading /follow/events (server-sent events), as the page's script
  does, in a process of their own at the lowest priority (they stand in for phones elsewhere in the
  room). No Chromium: 50 browsers would measure Chromium; the owner and serve see what phones make them do.

Idle: the owner's CPU seconds (utime + stime, all threads, from /proc) over --seconds with no phone
(serve running, no one following), then over --seconds with the 50 phones connected and nothing
happening, alternated --runs times, scaled to CPU seconds per minute. serve's own CPU is printed too.
A step change: 'n' (or 'p', to stay in the plan) pressed in the owner's terminal --changes times, a few
seconds apart; for each, the delay from the key written to the pty to the moment each phone has read an
event naming the new step (one monotonic clock for the whole machine). Printed: the median and worst
delay to reach all 50 (each change's slowest phone), and the median over every phone of every change.
Aims (issue 3): idle with phones within 1.3x of without; every change at all 50 within 1 s.

Run: python bench/follow.py [--phones 50] [--seconds 60] [--runs 2] [--changes 10] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import multiprocessing.synchronize
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from terminal import Terminal, add_common_options, cpu_seconds, program_env, table, use_code, workshop_tui

WIDTH, HEIGHT = 100, 30
PLAN = "co-production-part-1"


def make_session(folder: Path) -> Path:
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.store.open_session import Command, OpenSession
    from workshop_tui.store.plan_library import find_plan

    plan = find_plan(PLAN).plan
    assert plan is not None
    owner = OpenSession.create(
        folder,
        plan,
        "Co-production training, part 1 (bench)",
        SystemClock(),
        "Ann",
        "Bob",
        gather_seconds=0,
    )
    for number in range(40):
        owner.apply(Command("add_note", {"typed": f"+ An idea from the room, number {number}"}))
    owner.apply(Command("room_record", {"on": True}))  # the phones show the group's record too
    owner.close()
    return owner.path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def step_of(data: str) -> str:
    """The step line of a follow-along event's data ("Step 3 of 9: Check-in round")."""
    now: str = json.loads(data)["parts"]["now"]
    return now.split('<p class="step">', 1)[1].split("</p>", 1)[0]


def phones(
    port: int, count: int, heard: multiprocessing.Queue[tuple[int, float, str]], stop: multiprocessing.synchronize.Event
) -> None:
    """In a process of its own: `count` phones on /follow/events; each event's arrival (phone, time, step) is put on `heard`."""
    try:
        os.nice(19)
    except OSError:
        pass
    import aiohttp

    async def phone(client: aiohttp.ClientSession, number: int) -> None:
        async with client.get(
            f"http://127.0.0.1:{port}/follow/events", timeout=aiohttp.ClientTimeout(total=None)
        ) as stream:
            while not stop.is_set():
                block = (await stream.content.readuntil(b"\n\n")).decode()
                at = time.monotonic()
                for line in block.splitlines():
                    if line.startswith("data: "):
                        heard.put((number, at, step_of(line[6:])))

    async def all_phones() -> None:
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as client:
            tasks = [asyncio.create_task(phone(client, number)) for number in range(count)]
            while not stop.is_set():
                await asyncio.sleep(0.2)
            for task in tasks:
                task.cancel()

    asyncio.run(all_phones())


def wait_for_steps(
    heard: multiprocessing.Queue[tuple[int, float, str]], count: int, new_step: str | None, timeout: float
) -> dict[int, float]:
    """When each of `count` phones first heard an event naming a step other than `new_step` is not (or any, if None)."""
    arrived: dict[int, float] = {}
    deadline = time.monotonic() + timeout
    while len(arrived) < count and time.monotonic() < deadline:
        try:
            number, at, step = heard.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if number not in arrived and (new_step is None or step == new_step):
            arrived[number] = at
    return arrived


def current_step(port: int) -> str:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/follow", timeout=5) as answer:
        page: str = answer.read().decode()
    return page.split('<p class="step">', 1)[1].split("</p>", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0, help="each idle measurement")
    parser.add_argument("--runs", type=int, default=2, help="idle measurements of each kind, alternated")
    parser.add_argument("--changes", type=int, default=10)
    add_common_options(parser)
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.runs, args.changes = 15.0, 1, 4
    code = use_code(args.code)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: still stop the owner and serve (finally)
    print(f"Code: {code}")
    folder = Path(tempfile.mkdtemp(prefix="bench-follow-"))
    path = make_session(folder / "sessions")
    port = free_port()
    owner = Terminal(workshop_tui("resume", str(path), sessions_dir=path.parent), WIDTH, HEIGHT)
    served = None
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    heard: multiprocessing.Queue[tuple[int, float, str]] = context.Queue()
    crowd = None
    try:
        owner.wait_for_text("Agenda", timeout=60)
        owner.wait_quiet(1.0)
        owner.press("space")  # the first step's timer runs, as in a workshop
        owner.feed_screen = False  # this process's screen model would take CPU from the owner
        served = subprocess.Popen(
            workshop_tui("serve", str(path), "--port", str(port), sessions_dir=path.parent),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=program_env(),
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(2)

        def idle(what: str) -> tuple[float, float]:
            before, before_served = cpu_seconds(owner.pid), cpu_seconds(served.pid)
            time.sleep(args.seconds)
            scale = 60.0 / args.seconds
            return (cpu_seconds(owner.pid) - before) * scale, (cpu_seconds(served.pid) - before_served) * scale

        without: list[tuple[float, float]] = []
        with_phones: list[tuple[float, float]] = []
        for run in range(args.runs):
            without.append(idle("no phones"))
            stop.clear()
            crowd = context.Process(target=phones, args=(port, args.phones, heard, stop), daemon=True)
            crowd.start()
            joined = wait_for_steps(heard, args.phones, None, 30)
            if len(joined) < args.phones:
                raise SystemExit(f"only {len(joined)} of {args.phones} phones connected")
            time.sleep(2)
            with_phones.append(idle(f"{args.phones} phones"))
            if run < args.runs - 1:
                stop.set()
                crowd.join(5)
                crowd = None
                while not heard.empty():
                    heard.get_nowait()
                time.sleep(2)

        # Step changes, with the phones connected.
        delays: list[list[float]] = []
        for change in range(args.changes):
            before = current_step(port)
            while not heard.empty():
                heard.get_nowait()
            key = "n" if change % 2 == 0 else "p"
            pressed = time.monotonic()
            owner.write(key.encode())
            deadline = time.monotonic() + 10
            after = before
            while after == before and time.monotonic() < deadline:
                time.sleep(0.02)
                after = current_step(port)
            if after == before:
                raise SystemExit(f"'{key}' did not change the step")
            arrived = wait_for_steps(heard, args.phones, after, 10)
            if len(arrived) < args.phones:
                raise SystemExit(f"only {len(arrived)} of {args.phones} phones heard '{after}'")
            delays.append([at - pressed for at in arrived.values()])
            time.sleep(3)
    finally:
        stop.set()
        if crowd is not None:
            crowd.join(5)
        if served is not None:
            served.terminate()
            served.wait(10)
        owner.close()

    def median(values: list[float]) -> float:
        return statistics.median(values)

    print(
        f"\nThe owner (workshop-tui resume, timer running) idle, {args.runs} x {args.seconds:.0f} s each; CPU seconds per minute:"
    )
    rows = [
        [
            "no phones",
            f"{median([o for o, _ in without]):.3f}",
            " ".join(f"{o:.3f}" for o, _ in without),
            f"{median([s for _, s in without]):.3f}",
        ],
        [
            f"{args.phones} phones",
            f"{median([o for o, _ in with_phones]):.3f}",
            " ".join(f"{o:.3f}" for o, _ in with_phones),
            f"{median([s for _, s in with_phones]):.3f}",
        ],
    ]
    print(table(["", "owner (median)", "owner (each run)", "serve (median)"], rows))
    ratio = median([o for o, _ in with_phones]) / max(1e-9, median([o for o, _ in without]))
    print(f"Owner with {args.phones} phones / without: {ratio:.2f}x (aim: within 1.3x)")
    slowest = [max(change) for change in delays]
    every = [delay for change in delays for delay in change]
    print(
        f"\nA step change to all {args.phones} phones, {args.changes} changes (key written -> the event read by the phone):"
    )
    print(
        table(
            ["", "seconds"],
            [
                ["median of each change's slowest phone", f"{median(slowest):.3f}"],
                ["worst (slowest phone of the slowest change)", f"{max(slowest):.3f}"],
                ["median over every phone of every change", f"{median(every):.3f}"],
            ],
        )
    )
    print(f"Aim: every change at all {args.phones} within 1 s: {'met' if max(slowest) < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
