"""Notes at scale: key press to note painted, and the note reaching the disk, in sessions of
10, 1,000 and 10,000 notes, in a real pseudo-terminal with real key presses.

For each size N, a session is made by driving the engine (bench/generate.py: N notes spread over
the steps, 12 people on the roster, decisions, actions; the timer running), copied to a fresh folder,
and opened the way a user does: `.venv/bin/workshop-tui resume FILE --sessions-dir DIR --quiet`,
at 120x40. Then:
1. resume: launch to the first painted frame.
2. the first save after resuming: `t`, a note, enter; the time from the enter key to the session
   file on disk holding the note (a thread watches the file's size, mtime and inode, and reads it
   when they change). Until that save is on disk, more notes are typed and entered one after
   another ("typed meanwhile"), each timed from its enter key to being painted in the notes list.
   "No key press ever waits on a save" means these stay as fast as the ones in step 3.
3. 50 presses (10 with --quick), after as many in a minimal Textual app (an Input, and a Label
   mounted in a list for each note: the floor for Textual in a pty, measured the same way): type a note, wait until it is painted in the note line, press
   enter, and time until the note is painted in the notes list (a row of the screen model other
   than the note line's); each also timed to the disk. Median and worst are printed.
4. what a save of one note costs against the floor: the bytes the file grew by for one note (the
   change), and the time of an fsynced write of just those bytes (a new file in the same folder:
   write, fsync, close), and of the whole file the way an atomic rewrite does it. The bytes the
   app wrote to files per note (wchar from /proc/PID/io, less what it wrote to the terminal) show
   whether a save costs the change or the whole file.
Garbage collection: the app runs with a sitecustomize on PYTHONPATH that logs every collection
that takes 2 ms or more, or is of the oldest generation (gc.callbacks, times from the same monotonic
clock), so slow presses can be matched with the collections inside them. --no-gc-log leaves it out.

Run: python bench/notes_at_scale.py [--sizes 10,1000,10000] [--presses 50] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from terminal import (
    CACHE,
    PYTHON,
    Terminal,
    add_common_options,
    table,
    use_code,
    workshop_tui,
)

WIDTH, HEIGHT = 120, 40
PLACEHOLDER = "Press t to type a note"

GC_PROBE = '''\
"""Installed by bench/notes_at_scale.py through PYTHONPATH: logs slow or full garbage collections."""
import gc
import os
import time

_path = os.environ.get("WORKSHOP_BENCH_GC_LOG")
if _path:
    _file = open(_path, "a", buffering=1)
    _started = [0.0]

    def _log(phase, info):
        if phase == "start":
            _started[0] = time.perf_counter()
            return
        took = time.perf_counter() - _started[0]
        if took >= 0.002 or info["generation"] == 2:
            _file.write(f"{_started[0]:.6f} {took:.6f} {info['generation']} {info['collected']}\\n")

    gc.callbacks.append(_log)
'''


PEER = '''\
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Input, Label


class Notes(App):
    """A minimal Textual note-taker: an input line, and each note added to a list below."""

    AUTO_FOCUS = "Input"

    def compose(self):
        yield VerticalScroll(id="notes")
        yield Input(placeholder="Press t to type a note")

    def on_input_submitted(self, event):
        notes = self.query_one("#notes")
        notes.mount(Label(event.value))
        notes.scroll_end(animate=False)
        event.input.value = ""


Notes().run()
'''


def peer_presses(presses: int) -> list[dict[str, Any]]:
    """The same presses, timed the same way, in a minimal Textual app: the floor for a key press."""
    script = Path(CACHE) / "notes_peer_app.py"
    script.parent.mkdir(parents=True, exist_ok=True)
    if not script.exists() or script.read_text() != PEER:
        script.write_text(PEER)
    with Terminal([PYTHON, str(script)], WIDTH, HEIGHT) as term:
        term.wait_for_text(PLACEHOLDER, 30)
        term.wait_quiet(0.5)
        line = input_row(term)
        results = []
        for number in range(presses):
            results.append(enter_note(term, f"zqp{number:03d}", line, None))
            time.sleep(0.25)
        term.quit()
    return results


def gc_probe_dir() -> str:
    folder = Path(CACHE) / "gc-probe"
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / "sitecustomize.py"
    if not probe.exists() or probe.read_text() != GC_PROBE:
        probe.write_text(GC_PROBE)
    return str(folder)


class FileWatcher:
    """Watches one file; records when each awaited token is first seen in it, and its size then."""

    def __init__(self, path: Path):
        self.path = path
        self.seen: dict[str, tuple[float, int]] = {}
        self.wanted: set[str] = set()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def expect(self, token: str) -> None:
        with self._lock:
            self.wanted.add(token)

    def _run(self) -> None:
        last = None
        while not self._stop.is_set():
            try:
                info = os.stat(self.path)
                key = (info.st_ino, info.st_size, info.st_mtime_ns)
            except FileNotFoundError:
                key = None
            if key != last and key is not None:
                at = time.perf_counter()
                last = key
                with self._lock:
                    wanted = list(self.wanted)
                if wanted:
                    try:
                        data = self.path.read_bytes()
                    except FileNotFoundError:
                        continue
                    for token in wanted:
                        if token.encode() in data:
                            with self._lock:
                                self.wanted.discard(token)
                                self.seen[token] = (at, len(data))
            time.sleep(0.001)

    def wait(self, token: str, timeout: float) -> tuple[float, int] | None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self._lock:
                if token in self.seen:
                    return self.seen[token]
            time.sleep(0.002)
        return None

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


def wchar(pid: int) -> int:
    with open(f"/proc/{pid}/io") as io:
        for line in io:
            if line.startswith("wchar:"):
                return int(line.split()[1])
    return 0


def fsynced_write(folder: Path, size: int, repeats: int = 7) -> float:
    """Median seconds to create a file of `size` bytes in `folder`, write, fsync and close it."""
    times = []
    data = b"x" * size
    for number in range(repeats):
        path = folder / f".bench-fsync-{number}"
        started = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, data)
        os.fsync(fd)
        os.close(fd)
        times.append(time.perf_counter() - started)
        os.unlink(path)
    return statistics.median(times)


def fsynced_append(path: Path, size: int, repeats: int = 7) -> float:
    """Median seconds to append `size` bytes to a copy of `path` and fsync it."""
    copy = path.with_name(".bench-append-copy")
    shutil.copyfile(path, copy)
    data = b"x" * size
    times = []
    try:
        for _ in range(repeats):
            started = time.perf_counter()
            fd = os.open(copy, os.O_WRONLY | os.O_APPEND)
            os.write(fd, data)
            os.fsync(fd)
            os.close(fd)
            times.append(time.perf_counter() - started)
    finally:
        copy.unlink()
    return statistics.median(times)


def input_row(term: Terminal) -> int:
    assert term.screen is not None
    rows = term.screen.find(PLACEHOLDER)
    if not rows:
        assert term.screen is not None
        raise RuntimeError("cannot find the note line:\n" + term.screen.text())
    return rows[-1]


def enter_note(term: Terminal, token: str, line: int, watcher: FileWatcher | None) -> dict[str, Any]:
    """Type a note, wait for it in the note line, press enter; times to painted in the list."""
    text = f"{token} typed note"
    typed_at = term.type(text)
    echoed = term.wait_for(lambda s: token in s.lines()[line], 10, f"{token} in the note line")
    if watcher is not None:
        watcher.expect(token)
    entered = term.press("enter")
    painted = term.wait_for(
        lambda s: (
            any(token in row for number, row in enumerate(s.lines()) if number != line) and token not in s.lines()[line]
        ),
        10,
        f"{token} in the notes list",
    )
    return {
        "token": token,
        "echo": echoed - typed_at,
        "entered": entered,
        "painted": painted,
        "latency": painted - entered,
    }


def read_gc_log(path: Path) -> list[tuple[float, float, int]]:
    if not path.exists():
        return []
    found = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) == 4:
            found.append((float(parts[0]), float(parts[1]), int(parts[2])))
    return found


def gc_inside(
    log: list[tuple[float, float, int]], start: float, end: float, least: float = 0.005
) -> list[tuple[float, float, int]]:
    return [(at, took, gen) for at, took, gen in log if took >= least and at < end and at + took > start]


def run_size(notes: int, presses: int, gc_log_on: bool) -> dict[str, Any]:
    from generate import cached_session

    work = Path(tempfile.mkdtemp(prefix=f"bench-notes-{notes}-"))
    try:
        folder = work / "sessions"
        shutil.copytree(cached_session(notes), folder)
        path = next(p for p in folder.iterdir() if p.suffix == ".toml")
        gc_log = work / "gc.log"
        env = {}
        if gc_log_on:
            env["WORKSHOP_BENCH_GC_LOG"] = str(gc_log)
            env["PYTHONPATH"] = gc_probe_dir() + (
                os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else ""
            )
        result: dict[str, Any] = {"notes": notes, "file size": path.stat().st_size}
        with Terminal(
            workshop_tui("resume", str(path), "--quiet", sessions_dir=folder), WIDTH, HEIGHT, env=env
        ) as term:
            frame = term.wait_for(lambda s: bool(s.find("Agenda")) and bool(s.find(PLACEHOLDER)), 60, "the live screen")
            result["resume to first frame"] = frame - term.started_at
            term.wait_quiet(0.5)
            line = input_row(term)
            watcher = FileWatcher(path)
            try:
                term.press("t")
                term.wait_for(lambda s: any("f5 Timer" in row for row in s.lines()), 10, "the note line in use")

                # 2. The first save after resuming, and notes typed while it is under way.
                size_before = path.stat().st_size
                first = enter_note(term, "zqfirst", line, watcher)
                meanwhile = []
                number = 0
                while "zqfirst" not in watcher.seen and time.perf_counter() - first["entered"] < 30:
                    number += 1
                    meanwhile.append(enter_note(term, f"zqm{number:03d}", line, watcher))
                on_disk = watcher.wait("zqfirst", 30)
                result["first note painted"] = first["latency"]
                result["first save on disk"] = on_disk[0] - first["entered"] if on_disk else float("nan")
                result["first save grew by"] = (on_disk[1] - size_before) if on_disk else 0
                result["meanwhile"] = [m["latency"] for m in meanwhile]
                for m in meanwhile:
                    watcher.wait(m["token"], 10)
                time.sleep(0.5)

                # 3. Steady presses.
                steady = []
                for number in range(presses):
                    token = f"zqs{number:03d}"
                    size = path.stat().st_size
                    written = wchar(term.pid) - term.received
                    note = enter_note(term, token, line, watcher)
                    seen = watcher.wait(token, 10)
                    time.sleep(0.05)
                    note["on disk"] = seen[0] - note["entered"] if seen else float("nan")
                    note["grew by"] = (seen[1] - size) if seen else 0
                    note["file bytes written"] = wchar(term.pid) - term.received - written
                    steady.append(note)
                result["steady"] = steady
            finally:
                watcher.stop()
            result["peak memory"] = term.peak_memory_kib() / 1024
        # 4. The floor: fsynced writes of the change's bytes, and of the whole file.
        change = int(statistics.median([s["grew by"] for s in steady])) or 1
        result["change bytes"] = change
        result["fsync write of change"] = fsynced_write(folder, change)
        result["fsync append of change"] = fsynced_append(path, change)
        result["fsync write of whole file"] = fsynced_write(folder, path.stat().st_size)
        result["gc"] = read_gc_log(gc_log)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="notes in each session (default 10,1000,10000; quick 10,1000)")
    parser.add_argument("--presses", type=int, default=None, help="steady presses per size (default 50, quick 10)")
    parser.add_argument("--no-gc-log", action="store_true", help="do not log garbage collections in the app")
    add_common_options(parser)
    options = parser.parse_args()
    code = use_code(options.code)
    sizes = [int(s) for s in (options.sizes or ("10,1000" if options.quick else "10,1000,10000")).split(",")]
    presses = options.presses or (10 if options.quick else 50)
    peer = peer_presses(presses)
    print("the minimal Textual app done", file=sys.stderr)
    results = []
    for notes in sizes:
        results.append(run_size(notes, presses, not options.no_gc_log))
        print(f"{notes} notes done", file=sys.stderr)

    print(f"Notes at scale, {WIDTH}x{HEIGHT} pseudo-terminal, {presses} steady presses per size; code: {code}")
    rows = []
    for r in results:
        lat = [s["latency"] for s in r["steady"]]
        rows.append(
            [
                f"{r['notes']:,}",
                f"{r['file size'] / 1024:.0f}",
                ms(r["resume to first frame"]),
                ms(statistics.median(lat)),
                ms(sorted(lat)[len(lat) * 9 // 10]),
                ms(max(lat)),
                ms(statistics.median([s["echo"] for s in r["steady"]])),
                f"{r['peak memory']:.1f}",
            ]
        )
    lat = [s["latency"] for s in peer]
    rows.append(
        [
            "minimal Textual app",
            "",
            "",
            ms(statistics.median(lat)),
            ms(sorted(lat)[len(lat) * 9 // 10]),
            ms(max(lat)),
            ms(statistics.median([s["echo"] for s in peer])),
            "",
        ]
    )
    print("\nKey press to note painted (ms)")
    print(
        table(
            [
                "notes",
                "file KiB",
                "resume to frame",
                "enter to painted median",
                "p90",
                "worst",
                "typing to echo median",
                "VmHWM MiB",
            ],
            rows,
        )
    )
    base = statistics.median([s["latency"] for s in results[0]["steady"]])
    for r in results[1:]:
        ratio = statistics.median([s["latency"] for s in r["steady"]]) / base
        print(f"ratio of medians, {r['notes']:,} notes to {results[0]['notes']:,}: {ratio:.2f}x")
    print("aims: <= 1.2x at 10,000 notes against 10, median < 16 ms, worst of 50 < 33 ms")

    print("\nThe first save after resuming, and notes entered while it was under way (ms)")
    rows = []
    for r in results:
        meanwhile = r["meanwhile"]
        rows.append(
            [
                f"{r['notes']:,}",
                ms(r["first save on disk"]),
                f"{r['first save grew by'] / 1024:.1f}",
                ms(r["first note painted"]),
                str(len(meanwhile)),
                ms(max(meanwhile)) if meanwhile else "-",
                ms(statistics.median(meanwhile)) if meanwhile else "-",
            ]
        )
    print(
        table(
            [
                "notes",
                "enter to on disk",
                "file grew KiB",
                "first note painted",
                "notes meanwhile",
                "worst meanwhile",
                "median meanwhile",
            ],
            rows,
        )
    )
    print("aim: no key press ever waits on a save")

    print("\nSaving one note, against the floor (ms unless said)")
    rows = []
    for r in results:
        disk = [s["on disk"] for s in r["steady"]]
        written = statistics.median([s["file bytes written"] for s in r["steady"]])
        rows.append(
            [
                f"{r['notes']:,}",
                ms(statistics.median(disk)),
                ms(max(disk)),
                str(r["change bytes"]),
                f"{written / 1024:.1f}",
                f"{r['file size'] / 1024:.0f}",
                ms(r["fsync write of change"]),
                ms(r["fsync append of change"]),
                ms(r["fsync write of whole file"]),
            ]
        )
    print(
        table(
            [
                "notes",
                "enter to on disk median",
                "worst",
                "change bytes",
                "KiB written to files",
                "file KiB",
                "fsync write of change",
                "fsync append of change",
                "fsync write of whole file",
            ],
            rows,
        )
    )
    print(
        "enter to on disk includes the saver's wait for more changes (0.2 s today);"
        " aim: a save costs <= 2x an fsynced write of the change's bytes"
    )

    if not options.no_gc_log:
        print("\nGarbage collection in the app during the presses (collections of 5 ms or more)")
        rows = []
        for r in results:
            log = r["gc"]
            start, end = r["steady"][0]["entered"] - 1, r["steady"][-1]["painted"]
            during = [g for g in log if start <= g[0] <= end]
            slow = [s for s in r["steady"] if s["latency"] > 0.033]
            explained = [s for s in slow if gc_inside(log, s["entered"], s["painted"])]
            full = [g for g in during if g[2] == 2]
            rows.append(
                [
                    f"{r['notes']:,}",
                    str(len([g for g in during if g[1] >= 0.005])),
                    str(len(full)),
                    ms(max((g[1] for g in during), default=0)),
                    ms(max((g[1] for g in full), default=0)),
                    f"{len(slow)} ({len(explained)} with a collection >= 5 ms inside)",
                ]
            )
        print(
            table(
                ["notes", "collections >= 5 ms", "full (gen 2)", "longest", "longest full", "presses over 33 ms"], rows
            )
        )


if __name__ == "__main__":
    main()
