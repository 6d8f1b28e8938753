"""Idle cost: CPU used while a countdown runs and nobody touches the keyboard.

Three programs, each in a real pseudo-terminal, measured the same way:
- workshop-tui: `.venv/bin/workshop-tui run co-production-part-1 --sessions-dir DIR --quiet` (a fresh
  folder each run); after its first frame, `space` starts the 10-minute timer of the first step,
  and for the projector view `f` switches to it;
- a minimal Textual app: one Label showing the time, updated once a second with set_interval;
- termdown 10m (the `bench` extra: `.venv/bin/pip install -e '.[bench]'`).
In each view: 80x24, 160x48, and the projector view at 160x48 (for the two others, the same program
at that size). After a few seconds to settle, CPU seconds (utime + stime of the process, all its
threads and any waited-for children, from /proc/PID/stat) are read over the measured window, and
scaled to CPU seconds per minute (the kernel counts in 10 ms ticks, so short runs are coarse). Runs alternate between the three programs; the spread
(min / median / max) over the runs is printed, with the bytes each wrote to the terminal.

Run: python bench/idle_cpu.py [--runs 3] [--seconds 20] [--views 80x24,160x48,projector] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from terminal import (
    CACHE,
    PYTHON,
    VENV_BIN,
    Terminal,
    add_common_options,
    spread,
    table,
    use_code,
    workshop_tui,
)

CLOCK = """\
from datetime import datetime

from textual.app import App
from textual.widgets import Label


class Clock(App):
    def compose(self):
        yield Label(datetime.now().strftime("%H:%M:%S"), id="clock")

    def on_mount(self):
        self.set_interval(1.0, self.tick)

    def tick(self):
        self.query_one("#clock", Label).update(datetime.now().strftime("%H:%M:%S"))


Clock().run()
"""

VIEWS = {"80x24": (80, 24, False), "160x48": (160, 48, False), "projector": (160, 48, True)}
PROGRAMS = ["workshop-tui", "textual clock", "termdown"]


def clock_script() -> str:
    path = Path(CACHE) / "clock_app.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != CLOCK:
        path.write_text(CLOCK)
    return str(path)


def termdown_path() -> str:
    found = Path(VENV_BIN) / "termdown"
    if found.exists():
        return str(found)
    which = shutil.which("termdown")
    if which:
        return which
    raise SystemExit("termdown is not installed: run .venv/bin/pip install -e '.[bench]' (or pip install termdown)")


def measure(program: str, view: str, seconds: float, settle: float) -> tuple[float, int]:
    """CPU seconds per minute, and bytes written to the terminal per minute."""
    width, height, projector = VIEWS[view]
    sessions = tempfile.mkdtemp(prefix="bench-sessions-")
    try:
        if program == "workshop-tui":
            command = workshop_tui("run", "co-production-part-1", "--quiet", sessions_dir=sessions)
        elif program == "textual clock":
            command = [PYTHON, clock_script()]
        else:
            command = [termdown_path(), "10m"]
        with Terminal(command, width, height) as term:
            if program == "workshop-tui":
                term.wait_for_text("Agenda")
                term.wait_quiet(0.3)
                term.press("space")
                term.wait_for(
                    lambda s: any(" left" in line and "Paused" not in line for line in s.lines()),
                    10,
                    "the timer running",
                )
                if projector:
                    term.press("f")
                    term.wait_for(lambda s: not s.find("Agenda"), 10, "the projector view")
            else:
                term.wait_for(lambda s: term.received > 0, 10, "first output")
            term.feed_screen = False  # nothing more to look at: keep this process out of the way
            time.sleep(settle)
            cpu_before, bytes_before, started = term.cpu_seconds(), term.received, time.perf_counter()
            time.sleep(seconds)
            cpu_after, bytes_after, ended = term.cpu_seconds(), term.received, time.perf_counter()
            if term.process.poll() is not None:
                raise RuntimeError(f"{program} stopped during the measurement")
        elapsed = ended - started
        return (cpu_after - cpu_before) * 60 / elapsed, int((bytes_after - bytes_before) * 60 / elapsed)
    finally:
        shutil.rmtree(sessions, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="runs of each program in each view (default 3, quick 1)")
    parser.add_argument("--seconds", type=float, default=None, help="measured seconds per run (default 20, quick 3)")
    parser.add_argument("--views", default=",".join(VIEWS), help="which of " + ", ".join(VIEWS))
    add_common_options(parser)
    options = parser.parse_args()
    code = use_code(options.code)
    runs = options.runs or (1 if options.quick else 3)
    seconds = options.seconds or (3.0 if options.quick else 20.0)
    settle = 1.5 if options.quick else 3.0
    views = options.views.split(",")
    termdown_path()
    cpu: dict[tuple[str, str], list[float]] = {}
    output: dict[tuple[str, str], list[int]] = {}
    for run in range(runs):
        for view in views:
            order = PROGRAMS[run % 3 :] + PROGRAMS[: run % 3]
            for program in order:
                used, written = measure(program, view, seconds, settle)
                cpu.setdefault((view, program), []).append(used)
                output.setdefault((view, program), []).append(written)
        print(f"run {run + 1} of {runs} done", file=sys.stderr)

    print(
        f"CPU while a countdown runs: {runs} run(s) of {seconds:.0f} s per program and view, alternating; code: {code}"
    )
    rows = []
    for view in views:
        medians = {}
        for program in PROGRAMS:
            low, mid, high = spread(cpu[(view, program)])
            medians[program] = mid
            rows.append(
                [
                    view,
                    program,
                    f"{low:.3f}",
                    f"{mid:.3f}",
                    f"{high:.3f}",
                    f"{spread(output[(view, program)])[1] / 1024:.1f}",
                ]
            )
        for peer in ("textual clock", "termdown"):
            ratio = f"{medians['workshop-tui'] / medians[peer]:.2f}x" if medians[peer] else "(peer used 0 ticks)"
            rows.append([view, f"workshop-tui / {peer}", "", ratio, "", ""])
    print(table(["view", "program", "CPU s/min min", "median", "max", "KiB written/min"], rows))
    print("aims: workshop-tui <= 1.5x the textual clock and <= 0.5x termdown, in every view")


if __name__ == "__main__":
    main()
