"""Start-up and peak memory: launch to the first painted frame of the live screen, against a bare
one-line Textual app measured the same way.

What it measures, per run, in a real 80x24 pseudo-terminal:
- first output: launch to the first byte the program writes to the terminal (Textual has started);
- first frame: launch to the moment the first full frame is painted, i.e. the read from the pty that
  put the live screen's "Agenda" heading and its first step title ("Arrival and welcome") on the
  emulated screen (bench/terminal.py keeps a model of the cells); for the two peer apps, their one label;
- peak memory: VmHWM from /proc/PID/status, read at the first frame and again 1 s later (before
  quitting with ctrl+q).
The live screen is started the way a user does, `.venv/bin/workshop-tui run co-production-part-1
--sessions-dir DIR`, with a fresh empty sessions folder each run. The bare app is
`.venv/bin/python bare.py`. A second peer, "the floor for this stack", is the same bare app that
also imports pydantic and validates one small two-field model before its first frame
(`.venv/bin/python bare_pydantic.py`): the live screen cannot start faster than Textual plus
pydantic, so the gap between the two peers is pydantic's own share. Runs alternate between the
three (and which goes first rotates). Neither peer turns garbage collection off; the live screen does.

Three states of the import cache, made with PYTHONPYCACHEPREFIX (so nobody else's __pycache__ is touched):
- cold: a fresh empty cache folder each run: every module, stdlib, Textual and workshop_tui alike,
  is compiled from source (the worst first run, after an install that did not compile anything);
- cold-app: the cache is warm except for workshop_tui's own .pyc files, removed before each run
  (the first run after `pip install -e` or a `git pull`); for the bare app this is the same as warm;
- warm: the cache is filled by an earlier run.
The OS page cache cannot be dropped here (it needs root on the host and would slow everyone else's
work on this shared machine), so files are read from memory in every state.

Run: python bench/startup.py [--runs N] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from terminal import (
    CACHE,
    PYTHON,
    Terminal,
    add_common_options,
    spread,
    table,
    use_code,
    workshop_tui,
)

BARE = """\
from textual.app import App
from textual.widgets import Label


class Bare(App):
    def compose(self):
        yield Label("Hello from a bare Textual app")


Bare().run()
"""
BARE_TEXT = "Hello from a bare Textual app"

BARE_PYDANTIC = """\
from pydantic import BaseModel
from textual.app import App
from textual.widgets import Label


class Greeting(BaseModel):
    who: str
    times: int


greeting = Greeting.model_validate({"who": "pydantic", "times": 1})


class Bare(App):
    def compose(self):
        yield Label(f"Hello from Textual and {greeting.who} x{greeting.times}")


Bare().run()
"""
BARE_PYDANTIC_TEXT = "Hello from Textual and pydantic x1"
PROGRAMS = ["bare", "bare+pydantic", "live"]
NAMES = {
    "bare": "bare Textual app",
    "bare+pydantic": "bare Textual + pydantic (floor)",
    "live": "workshop-tui run (live screen)",
}
LIVE_TEXTS = ("Agenda", "Arrival and welcome")


def bare_script(name: str = "bare_app.py", text: str = BARE) -> str:
    path = Path(CACHE) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return str(path)


def app_cache_dir(prefix: Path) -> Path:
    """Where workshop_tui's .pyc files go under a PYTHONPYCACHEPREFIX."""
    import workshop_tui

    package = Path(workshop_tui.__file__).resolve().parent
    return prefix / str(package).lstrip("/")


def one_run(which: str, prefix: Path, width: int = 80, height: int = 24) -> dict[str, Any]:
    sessions = tempfile.mkdtemp(prefix="bench-sessions-")
    try:
        texts: tuple[str, ...]
        if which == "bare":
            command, texts = [PYTHON, bare_script()], (BARE_TEXT,)
        elif which == "bare+pydantic":
            command, texts = [PYTHON, bare_script("bare_pydantic_app.py", BARE_PYDANTIC)], (BARE_PYDANTIC_TEXT,)
        else:
            command, texts = workshop_tui("run", "co-production-part-1", sessions_dir=sessions), LIVE_TEXTS
        env = {"PYTHONPYCACHEPREFIX": str(prefix)}
        with Terminal(command, width, height, env=env) as term:
            painted = term.wait_for(lambda screen: all(screen.find(t) for t in texts), 60, " and ".join(texts))
            hwm_at_frame = term.peak_memory_kib()
            first_output = term.first_read_at
            time.sleep(1.0)
            hwm_later = term.peak_memory_kib()
            term.quit()
        return {
            "first output": first_output - term.started_at,
            "first frame": painted - term.started_at,
            "hwm at frame": hwm_at_frame / 1024,
            "hwm 1 s later": hwm_later / 1024,
        }
    finally:
        shutil.rmtree(sessions, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="runs of each app in each state (default 15, quick 3)")
    parser.add_argument("--states", default="cold,cold-app,warm", help="which import-cache states to measure")
    add_common_options(parser)
    options = parser.parse_args()
    code = use_code(options.code)
    runs = options.runs or (3 if options.quick else 15)
    states = options.states.split(",")
    warm_prefix = Path(tempfile.mkdtemp(prefix="bench-pycache-warm-"))
    results: dict[tuple[str, str], list[dict[str, Any]]] = {}
    try:
        # Fill the warm cache, and the disk cache, for all three.
        for which in PROGRAMS:
            one_run(which, warm_prefix)
        app_pyc = app_cache_dir(warm_prefix)
        for round_number in range(runs):
            for state in states:
                shift = round_number % len(PROGRAMS)
                order = PROGRAMS[shift:] + PROGRAMS[:shift]
                for which in order:
                    if state == "cold":
                        prefix = Path(tempfile.mkdtemp(prefix="bench-pycache-cold-"))
                    else:
                        prefix = warm_prefix
                        if state == "cold-app":
                            shutil.rmtree(app_pyc, ignore_errors=True)
                    try:
                        results.setdefault((state, which), []).append(one_run(which, prefix))
                    finally:
                        if state == "cold":
                            shutil.rmtree(prefix, ignore_errors=True)
                # Leave the warm cache warm for the next state.
                if state == "cold-app":
                    one_run("live", warm_prefix)
            print(f"round {round_number + 1} of {runs} done", file=sys.stderr)
    finally:
        shutil.rmtree(warm_prefix, ignore_errors=True)

    print(f"Start-up in an 80x24 pseudo-terminal, {runs} runs of each, alternating; code: {code}")
    print("times in ms (min / median / max); VmHWM in MiB (median)")
    rows = []
    for state in states:
        medians = {}
        memory = {}
        for which in PROGRAMS:
            samples = results[(state, which)]
            out = spread([s["first output"] * 1000 for s in samples])
            frame = spread([s["first frame"] * 1000 for s in samples])
            medians[which] = frame[1]
            hwm = memory[which] = spread([s["hwm at frame"] for s in samples])[1]
            later = spread([s["hwm 1 s later"] for s in samples])[1]
            rows.append(
                [
                    state,
                    NAMES[which],
                    f"{out[0]:.0f} / {out[1]:.0f} / {out[2]:.0f}",
                    f"{frame[0]:.0f} / {frame[1]:.0f} / {frame[2]:.0f}",
                    f"{hwm:.1f}",
                    f"{later:.1f}",
                ]
            )
        for top, bottom in (("live", "bare"), ("live", "bare+pydantic"), ("bare+pydantic", "bare")):
            rows.append(
                [
                    state,
                    f"ratio {top} / {bottom} (median first frame; memory)",
                    "",
                    f"{medians[top] / medians[bottom]:.2f}x",
                    f"{memory[top] / memory[bottom]:.2f}x",
                    "",
                ]
            )
    print(table(["cache", "program", "first output", "first frame painted", "VmHWM at frame", "VmHWM +1 s"], rows))
    print(
        "aims: first frame <= 1.3x the bare app; VmHWM <= 1.3x the bare app "
        "(the bare+pydantic rows are for reference, not an aim)"
    )


if __name__ == "__main__":
    main()
