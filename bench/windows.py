"""Several windows on one live session (issue [7]): the note-taker's Enter to the note on the
facilitator's screen, the owner's idle CPU with other windows attached, and 2,000 notes sent as
fast as the note-taker's terminal takes keys. Every window is a real process in a real
pseudo-terminal (bench/terminal.py), joined the way a user joins: over the session's socket.

The windows, each `.venv/bin/workshop-tui ... --sessions-dir DIR` with a fresh temp folder per part
(and per run in part 2):
- the owner (the facilitator's screen): `run co-production-part-1 --quiet`, 100x30. After its first
  frame, `space` starts the timer of the first step, so its clock ticks as it does in a workshop;
- the note-taker's window: `join --name Bob`, 100x30 (type first: every printable key goes into the
  note line, Enter saves the note). It is used once a warm-up note typed in it has been painted on
  the owner's screen and come back to its own notes list, so the link is known to be up (its status
  line is not trusted for that: see STALE_STATUS; whether it was stale is printed at the end);
- the audience window (part 2 only): `show`, 100x30, used once it no longer says "Joining".

1. Enter to painted on the facilitator's screen. 200 notes (20 with --quick), each unique
   ("note 0001 " and workshop words, 11 to 80 characters, lengths drawn at random with a fixed
   seed), all under the first step. For each: its text is written to the join pty and echoed in the
   join window's note line (waited for, so typing is not timed); then the moment Enter is written to
   the join pty is taken, and the latency is the moment the read that painted the note on the
   owner's screen model arrived, less that. What is looked for is the note's unique start
   ("note 0001 " and its first word): the notes list wraps long notes over lines, so the whole text
   is not on one row. Two latencies are printed for the owner: to the note's words being on screen,
   and to the first frame that shows the note arrived: its words, or the notes heading counting it
   ("the newest 50 of N", there once the step has more notes than the list holds). They differ when
   a note is added but its words are not on screen (a note not seen within 0.5 s of being counted
   is listed as never shown). Also timed: Enter to the note back in the join window's own notes
   list (the owner's event coming back over the socket). Between notes, a pause of 0.1 to 0.3 s.
   At the end (all windows quit), the session file is checked to hold each note once, in order.
   Aims (issue [7]): median < 50 ms, worst < 200 ms.
2. The owner's idle CPU, timer running, nobody typing: alone, and with a join and a show window
   attached (started, and joined, before the measured period). After a settling time, CPU seconds
   (utime + stime from /proc/PID/stat) of each process over `--seconds` (30, 8 with --quick). The
   configurations alternate (alone, with; then with, alone; ...), each measured `--runs` times
   (default 2), and every run is printed: on a 2-core machine the noise is of the size of the
   difference looked for. The kernel counts CPU in 10 ms ticks, so short runs are coarse. The screen
   models are switched off while measuring, so this process reads and throws away what is painted.
   Aim: the owner with two windows <= 1.2x the owner alone (ratio of the medians).
3. 2,000 notes (200 with --quick) sent as fast as possible, and the same keys typed into a bare Textual
   Input app (the peer: the floor for typing notes in Textual; its CPU until it shows the last note): the keys of every note (its text and
   "\\r") are written to the join pty in chunks of 50 notes. A write blocks while the terminal's
   input buffer is full, so the writing ends only when the join window has read nearly all of it.
   Timed from the first write to: the last chunk written; the owner's screen showing the last note
   arrived (its words or the heading's count, as in 1; watched on a thread of its own); its words on
   the owner's screen; and the session file (the only .toml in the folder, read whenever its size,
   mtime or inode change, polled every 50 ms) holding every note's unique start. What each window's
   screen shows at the end (the heading's count, the newest note visible) is printed. Then, with all
   windows quit, the file is loaded with load_session and every note checked to be in it exactly
   once (missing, duplicated and unexpected notes are listed). The owner's and the join window's
   CPU over the burst are printed too.

Processes are ended with ctrl+q (the join and show windows first: a join window whose owner goes
takes over as owner), then closed; their exit codes are printed.

Run: python bench/windows.py [--notes 200] [--burst 2000] [--seconds 30] [--runs 2] [--parts 1,2,3] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from terminal import (
    CACHE,
    PYTHON,
    Screen,
    Terminal,
    add_common_options,
    spread,
    table,
    use_code,
    workshop_tui,
)

WIDTH, HEIGHT = 100, 30
PLAN = "co-production-part-1"
FIRST_STEP = "Arrival and welcome"
JOIN_TITLE = "Note-taker's window (Bob)"
JOIN_HINT = "Type a note and press Enter"
START_WAIT = 60.0  # seconds a window has to start (a loaded 2-core machine can be slow)

WORDS = [
    "we",
    "agreed",
    "to",
    "meet",
    "again",
    "next",
    "month",
    "and",
    "share",
    "the",
    "minutes",
    "with",
    "everyone",
    "who",
    "could",
    "not",
    "come",
    "people",
    "asked",
    "about",
    "travel",
    "costs",
    "childcare",
    "and",
    "payment",
    "for",
    "their",
    "time",
    "the",
    "group",
    "wants",
    "plain",
    "words",
    "in",
    "every",
    "letter",
    "ask",
    "the",
    "council",
    "for",
    "a",
    "room",
    "with",
    "step",
    "free",
    "access",
    "check",
    "the",
    "budget",
    "before",
    "we",
    "promise",
    "anything",
    "new",
    "ideas",
    "from",
    "the",
    "young",
    "people",
    "panel",
    "should",
    "come",
    "first",
]


def note_texts(prefix: str, count: int, rng: random.Random) -> list[str]:
    """`count` unique notes: "PREFIX 0001 " and workshop words, up to 80 characters (at least one after the number)."""
    texts = []
    for number in range(count):
        start = f"{prefix} {number:04d} "
        length = rng.randint(max(10, len(start) + 1), 80)
        words = [start.rstrip()]
        while len(" ".join(words)) < length:
            words.append(rng.choice(WORDS))
        text = " ".join(words)[:length].rstrip()
        texts.append(text)
    return texts


def token_of(text: str) -> str:
    """What identifies a note on screen: "note 0001 " and its first word (all on the list's first row)."""
    parts = text.split(" ")
    return " ".join(parts[:3])


# Starting and ending windows.


def start_owner(folder: str, timer: bool = True) -> Terminal:
    term = Terminal(workshop_tui("run", PLAN, "--quiet", "--note-taker", "Bob", sessions_dir=folder), WIDTH, HEIGHT)
    term.wait_for(
        lambda s: bool(s.find("Agenda")) and bool(s.find("Paused with")), START_WAIT, "the owner's first frame"
    )
    term.wait_quiet(0.3)
    if timer:
        term.press("space")
        term.wait_for(
            lambda s: any(" left" in line and "Paused" not in line for line in s.lines()), 10, "the timer running"
        )
    return term


WARM_UP = "warm-up note from Bob"
STALE_STATUS: list[bool] = []  # per join window started: its status line still said "Joining" once joined


def start_join(folder: str, owner: Terminal) -> tuple[Terminal, float]:
    """A join window, used only once it has joined: a warm-up note typed in it is painted on the
    owner's screen and comes back to its own notes list. Returns the window and that note's latency.

    Its status line should say "Joining the session..." until the owner's welcome, then "Saved ...".
    It is given 5 s; whether it still said "Joining" then (although the warm-up note then goes
    straight through) is kept in STALE_STATUS and reported.
    """
    term = Terminal(workshop_tui("join", "--name", "Bob", sessions_dir=folder), WIDTH, HEIGHT)
    term.wait_for(lambda s: bool(s.find(JOIN_TITLE)) and bool(s.find(JOIN_HINT)), START_WAIT, "the join window")
    term.wait_quiet(0.3)
    try:
        term.wait_for(lambda s: not s.find("Joining"), 5, "the join window's status to leave 'Joining'")
        STALE_STATUS.append(False)
    except TimeoutError:
        STALE_STATUS.append(True)
    assert term.screen is not None
    line = term.screen.find(JOIN_HINT)[-1]
    term.type(WARM_UP)
    term.wait_for(lambda s: WARM_UP in s.lines()[line], 10, "the warm-up note echoed")
    entered = term.press("enter")
    painted = owner.wait_for_text(WARM_UP, 30)
    term.wait_for(
        lambda s: any(WARM_UP in row for number, row in enumerate(s.lines()) if number != line),
        30,
        "the warm-up note in the join window's notes list",
    )
    term.wait_quiet(0.3)
    return term, painted - entered


def start_show(folder: str) -> Terminal:
    term = Terminal(workshop_tui("show", sessions_dir=folder), WIDTH, HEIGHT)
    term.wait_for(
        lambda s: bool(s.find(FIRST_STEP)) and bool(s.find(" left.")) and not s.find("Joining"),
        START_WAIT,
        "the show window joined",
    )
    term.wait_quiet(0.3)
    return term


def end_all(terms: list[Terminal]) -> list[str]:
    """ctrl+q in each, in the order given (owner last); closed after. How each ended, in words."""
    ended = []
    for term in terms:
        code = term.quit(timeout=15) if term.process.poll() is None else term.process.returncode
        term.close()
        ended.append(str(code) if code is not None else f"killed (no exit within 15 s, code {term.process.returncode})")
    return ended


def session_path(folder: str) -> Path:
    files = list(Path(folder).glob("*.toml"))
    if len(files) != 1:
        raise RuntimeError(f"expected one session file in {folder}, found {files}")
    return files[0]


def check_notes(path: Path, expected: list[str]) -> dict[str, Any]:
    """Each expected note in the file exactly once? Missing, duplicated, unexpected."""
    from workshop_tui.store.session_file import load_session

    session = load_session(path)
    found = Counter(note.text for note in session.notes)
    wanted = Counter(expected)
    return {
        "in file": sum(found.values()),
        "missing": sorted(text for text in wanted if text not in found),
        "duplicated": sorted((text, found[text]) for text in wanted if found[text] > 1),
        "unexpected": sorted(text for text in found if text not in wanted),
        "in order": [n.text for n in session.notes if n.text in wanted] == expected,
        "windows": sorted({note.window for note in session.notes}),
    }


# 1. Enter to painted.


def heading_total(screen: Screen) -> int | None:
    """The N of "the newest 50 of N" in the notes heading, if it is there."""
    for row in screen.lines():
        found = re.search(r"newest \d+ of (\d+)", row)
        if found:
            return int(found.group(1))
    return None


def note_arrived(
    term: Terminal, token: str, total: int, skip_row: int | None = None, timeout: float = 10.0, grace: float = 0.5
) -> tuple[float, float | None]:
    """When the window painted a note's arrival, and when its words were visible (None: not within
    `grace` seconds after). Arrival is the note's words, or the notes heading counting it ("the newest
    50 of TOTAL", there once the step has more notes than the list holds)."""
    counted = re.compile(rf"newest \d+ of {total}\b")
    seen = {"shown": False}

    def shown(s: Screen) -> bool:
        return any(token in row for number, row in enumerate(s.lines()) if number != skip_row)

    def either(s: Screen) -> bool:
        seen["shown"] = shown(s)
        return seen["shown"] or any(counted.search(row) for row in s.lines())

    changed = term.wait_for(either, timeout, f"{token!r} (or a count of {total}) on the screen")
    if seen["shown"]:
        return changed, changed
    try:
        return changed, term.wait_for(shown, grace, f"{token!r} on the screen")
    except TimeoutError:
        return changed, None


def enter_to_painted(count: int, rng: random.Random) -> dict[str, Any]:
    folder = tempfile.mkdtemp(prefix="bench-windows-1-")
    terms: list[Terminal] = []
    try:
        owner = start_owner(folder)
        terms.append(owner)
        join, warm_up = start_join(folder, owner)
        terms.insert(0, join)
        assert join.screen is not None
        line = join.screen.find(JOIN_HINT)[-1]
        texts = note_texts("note", count, rng)
        results = []
        for number, text in enumerate(texts):
            token = token_of(text)
            total = number + 2  # with the warm-up note
            join.type(text)

            def echoed(s: Screen, text: str = text) -> bool:
                return text in s.lines()[line]

            join.wait_for(echoed, 10, f"{token!r} echoed in the join window's note line")
            # The join window is watched on a thread of its own, at the same time as the owner: a wait
            # begun late would return the moment of a later read, not of the read that painted the note.
            back: dict[str, Any] = {}

            def watch_join(back: dict[str, Any] = back, token: str = token, total: int = total) -> None:
                back["at"], back["shown"] = note_arrived(join, token, total, skip_row=line, grace=0.05)

            watcher = threading.Thread(target=watch_join, daemon=True)
            watcher.start()
            entered = join.press("enter")
            changed, painted = note_arrived(owner, token, total)
            watcher.join(15)
            if "at" not in back:
                assert join.screen is not None
                raise RuntimeError(f"{token!r} did not come back to the join window:\n{join.screen.text()}")
            assert owner.screen is not None
            results.append(
                {
                    "text": text,
                    "changed": changed - entered,
                    "latency": painted - entered if painted is not None else None,
                    "mirrored": back["at"] - entered,
                    "mirrored shown": back["shown"] is not None,
                    "heading": heading_total(owner.screen),
                }
            )
            time.sleep(rng.uniform(0.1, 0.3))
        ended = end_all(terms)
        terms = []
        return {
            "results": results,
            "warm-up": warm_up,
            "ended": ended,
            "check": check_notes(session_path(folder), [WARM_UP, *texts]),
        }
    finally:
        end_all(terms)
        shutil.rmtree(folder, ignore_errors=True)


# 2. Idle CPU.


def idle(with_windows: bool, seconds: float, settle: float) -> dict[str, Any]:
    folder = tempfile.mkdtemp(prefix="bench-windows-2-")
    terms: list[Terminal] = []
    try:
        owner = start_owner(folder)
        terms.append(owner)
        named = {"owner": owner}
        if with_windows:
            named["join"], _ = start_join(folder, owner)
            named["show"] = start_show(folder)
            terms[:0] = [named["join"], named["show"]]
        for term in terms:
            term.feed_screen = False  # nothing more to look at: keep this process out of the way
        time.sleep(settle)
        before = {name: (term.cpu_seconds(), term.received) for name, term in named.items()}
        started = time.perf_counter()
        time.sleep(seconds)
        after = {name: (term.cpu_seconds(), term.received) for name, term in named.items()}
        elapsed = time.perf_counter() - started
        for name, term in named.items():
            if term.process.poll() is not None:
                raise RuntimeError(f"the {name} window stopped during the measurement")
        ended = end_all(terms)
        terms = []
        return {
            "with": with_windows,
            "elapsed": elapsed,
            "ended": ended,
            "cpu": {name: after[name][0] - before[name][0] for name in named},
            "bytes": {name: after[name][1] - before[name][1] for name in named},
        }
    finally:
        end_all(terms)
        shutil.rmtree(folder, ignore_errors=True)


# 3. A burst of notes.


class FileWatcher:
    """Polls the session file (when its size, mtime or inode change) for the notes' numbers."""

    def __init__(self, path: Path, prefix: str, count: int):
        self.path = path
        self.pattern = re.compile(re.escape(prefix.encode()) + rb" (\d{4}) ")
        self.count = count
        self.seen = 0
        self.all_at: float | None = None
        self.reads = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        last = None
        while not self._stop.is_set() and self.all_at is None:
            try:
                info = os.stat(self.path)
                key = (info.st_ino, info.st_size, info.st_mtime_ns)
            except FileNotFoundError:
                key = None
            if key is not None and key != last:
                at = time.perf_counter()
                last = key
                try:
                    data = self.path.read_bytes()
                except FileNotFoundError:
                    continue
                self.reads += 1
                self.seen = len(set(self.pattern.findall(data)))
                if self.seen >= self.count:
                    self.all_at = at
            self._stop.wait(0.05)

    def wait(self, timeout: float) -> float | None:
        deadline = time.perf_counter() + timeout
        while self.all_at is None and time.perf_counter() < deadline:
            time.sleep(0.05)
        return self.all_at

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


def screen_facts(term: Terminal, prefix: str) -> dict[str, Any]:
    """What a window's screen model shows of a burst: the notes heading's count and the numbers visible."""
    with term._changed:  # the reader thread must not change the screen while it is read
        assert term.screen is not None
        shown = [int(n) for n in re.findall(rf"{prefix} (\d{{4}}) ", term.screen.text())]
        return {"heading": heading_total(term.screen), "newest shown": max(shown) if shown else None}


# The peer for part 3: a bare Textual app with an Input that, like the note line, takes the words at
# each Enter and empties itself there (so no key is lost to a later clear), and shows the newest 50
# notes in a list above it. It saves nothing and talks to nobody: the floor for typing notes in Textual.
BARE_INPUT = """\
from textual.app import App
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static


class Line(Input):
    class Note(Message):
        def __init__(self, text):
            super().__init__()
            self.text = text

    async def _on_key(self, event):
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text, self.value = self.value, ""
            self.post_message(self.Note(text))
            return
        await super()._on_key(event)


class Notes(App):
    AUTO_FOCUS = "Line"  # the note line, as in the note-taker's window (not the scrolling list)

    def compose(self):
        yield VerticalScroll(id="notes")
        yield Line(placeholder="Type a note and press Enter")

    def on_line_note(self, message):
        notes = self.query_one("#notes")
        notes.mount(Static(message.text, markup=False))
        if len(notes.children) > 50:
            notes.children[0].remove()
        notes.scroll_end(animate=False)


Notes().run()
"""


def bare_burst(texts: list[str], per_chunk: int = 50) -> dict[str, float]:
    """The same burst typed into the bare Input app: its CPU until it shows the last note."""
    script = Path(CACHE) / "bare_input_app.py"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(BARE_INPUT)
    term = Terminal([PYTHON, str(script)], WIDTH, HEIGHT)
    try:
        term.wait_for(lambda s: bool(s.find("Type a note")), START_WAIT, "the bare Input app")
        term.type(WARM_UP)
        term.press("enter")
        term.wait_for_text(WARM_UP, 30)
        term.wait_quiet(0.3)
        last = token_of(texts[-1])
        before = term.cpu_seconds()
        started = time.perf_counter()
        for start in range(0, len(texts), per_chunk):
            term.write("".join(text + "\r" for text in texts[start : start + per_chunk]).encode())
        shown = term.wait_for_text(last, 600)
        return {"cpu": term.cpu_seconds() - before, "shown": shown - started}
    finally:
        term.close()


def burst(count: int, rng: random.Random, per_chunk: int = 50) -> dict[str, Any]:
    folder = tempfile.mkdtemp(prefix="bench-windows-3-")
    terms: list[Terminal] = []
    watcher = None
    try:
        owner = start_owner(folder)
        terms.append(owner)
        join, _ = start_join(folder, owner)
        terms.insert(0, join)
        path = session_path(folder)
        texts = note_texts("burst", count, rng)
        last, total = token_of(texts[-1]), count + 1  # with the warm-up note
        watcher = FileWatcher(path, "burst", count)
        # Watched on a thread of its own, so the moment is the read that painted it.
        painted: dict[str, float | None] = {}

        def watch_owner() -> None:
            try:
                painted["changed"], painted["shown"] = note_arrived(owner, last, total, timeout=600, grace=2.0)
            except (TimeoutError, RuntimeError):
                pass

        owner_watch = threading.Thread(target=watch_owner, daemon=True)
        owner_watch.start()
        cpu_before = {"owner": owner.cpu_seconds(), "join": join.cpu_seconds()}
        writes_before = file_writes(owner.pid)
        started = time.perf_counter()
        for start in range(0, count, per_chunk):
            join.write("".join(text + "\r" for text in texts[start : start + per_chunk]).encode())
        written = time.perf_counter()
        on_disk = watcher.wait(600)
        owner_watch.join(timeout=10)  # the owner's screen gets 10 s more than the file
        cpu_after = {"owner": owner.cpu_seconds(), "join": join.cpu_seconds()}
        writes_after = file_writes(owner.pid)
        seen = watcher.seen
        watcher.stop()
        join.wait_quiet(1.0)
        owner.wait_quiet(1.0)
        facts = {"owner": screen_facts(owner, "burst"), "join": screen_facts(join, "burst")}
        ended = end_all(terms)
        terms = []

        def since(at: float | None) -> float:
            return at - started if at is not None else float("nan")

        peer = bare_burst(texts, per_chunk)
        return {
            "peer": peer,
            "count": count,
            "per chunk": per_chunk,
            "bytes": sum(len(t) + 1 for t in texts),
            "written": written - started,
            "changed": since(painted.get("changed")),
            "painted": since(painted.get("shown")),
            "on disk": since(on_disk),
            "seen": seen,
            "cpu": {name: cpu_after[name] - cpu_before[name] for name in cpu_after},
            "owner writes": {key: writes_after[key] - writes_before[key] for key in writes_after},
            "screens": facts,
            "ended": ended,
            "check": check_notes(path, [WARM_UP, *texts]),
        }
    finally:
        if watcher is not None:
            watcher.stop()
        end_all(terms)
        shutil.rmtree(folder, ignore_errors=True)


def file_writes(pid: int) -> dict[str, int]:
    """The write calls and bytes a process has made (/proc/PID/io: syscw, wchar), terminal included."""
    with open(f"/proc/{pid}/io") as io:
        fields = dict(line.split(": ") for line in io.read().splitlines())
    return {"calls": int(fields["syscw"]), "bytes": int(fields["wchar"])}


# Reporting.


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def say_check(check: dict[str, Any], count: int) -> str:
    words = [f"{check['in file']} notes in the file for {count} sent"]
    words.append(
        f"missing {len(check['missing'])}, duplicated {len(check['duplicated'])}, unexpected {len(check['unexpected'])}"
    )
    words.append("in the order sent" if check["in order"] else "NOT in the order sent")
    words.append("windows: " + ", ".join(repr(w) for w in check["windows"]))
    text = "; ".join(words)
    for label in ("missing", "duplicated", "unexpected"):
        for item in check[label][:10]:
            text += f"\n  {label}: {item!r}"
        if len(check[label]) > 10:
            text += f"\n  ... and {len(check[label]) - 10} more {label}"
    return text


def stats_row(label: str, values: list[float]) -> list[str]:
    if not values:
        return [label, "0", "-", "-", "-", "-"]
    low, mid, high = spread(values)
    return [label, str(len(values)), ms(low), ms(mid), ms(p95(values)), ms(high)]


def report_stale_status() -> None:
    if STALE_STATUS:
        stale = sum(STALE_STATUS)
        print(
            f"\njoin windows whose status line still said 'Joining the session...' 5 s after their screen came up "
            f"(their warm-up note then went straight through): {stale} of {len(STALE_STATUS)} started"
        )


def report_latency(part: dict[str, Any]) -> None:
    results = part["results"]
    changed = [r["changed"] for r in results]
    shown = [r["latency"] for r in results if r["latency"] is not None]
    back = [r["mirrored"] for r in results]
    print(f"\n1. Note-taker's Enter to the note painted on the facilitator's screen ({len(results)} notes, ms)")
    rows = [
        stats_row("owner: the note's words painted", shown),
        stats_row("owner: the note painted (words or count)", changed),
        stats_row("join window: the note back in its list", back),
    ]
    print(table(["", "notes", "min", "median", "p95", "worst"], rows))
    missed = [number + 1 for number, r in enumerate(results) if r["latency"] is None]
    if missed:
        print(
            f"{len(missed)} of {len(results)} notes never showed their words on the owner's screen (within 0.5 s after "
            f"the notes heading counted them); the first was note {missed[0]}, when the step had "
            f"{missed[0] + 1} notes (with the warm-up). For these only the heading's count "
            "('the newest 50 of N') shows the note arrived."
        )
        later = sum(1 for r in results[missed[0] :] if r["latency"] is not None)
        print(f"from note {missed[0]} on, {later} notes were seen in the words")
    print(
        f"warm-up note (the join window's first, not in the stats): {ms(part['warm-up'])} ms; "
        f"first timed note: {ms(changed[0])} ms"
    )
    print(
        f"painted (words or count) over 50 ms: {sum(1 for x in changed if x > 0.05)}, over 200 ms: {sum(1 for x in changed if x > 0.2)}"
    )
    lengths = [len(r["text"]) for r in results]
    print(f"note lengths {min(lengths)} to {max(lengths)} characters (median {statistics.median(lengths):.0f})")
    print("aims: median < 50 ms, worst < 200 ms")
    print("file: " + say_check(part["check"], len(results) + 1))
    print("exit codes (join, owner): " + ", ".join(part["ended"]))


def report_idle(runs: list[dict[str, Any]], seconds: float) -> None:
    print(f"\n2. Idle CPU, timer running, nobody typing: CPU seconds over {seconds:.0f} s, each run in the order made")
    rows = []
    for number, run in enumerate(runs, 1):
        cpu = run["cpu"]
        rows.append(
            [
                str(number),
                "owner + join + show" if run["with"] else "owner alone",
                f"{cpu['owner']:.2f}",
                f"{cpu['owner'] * 60 / run['elapsed']:.2f}",
                f"{cpu['join']:.2f}" if "join" in cpu else "-",
                f"{cpu['show']:.2f}" if "show" in cpu else "-",
                "/".join(f"{run['bytes'][name] / 1024 / run['elapsed'] * 60:.1f}" for name in run["bytes"]),
                ", ".join(run["ended"]),
            ]
        )
    print(
        table(
            [
                "run",
                "windows",
                "owner CPU s",
                "owner CPU s/min",
                "join CPU s",
                "show CPU s",
                "KiB written/min (owner/join/show)",
                "exit codes (join, show, owner)",
            ],
            rows,
        )
    )
    alone = [r["cpu"]["owner"] for r in runs if not r["with"]]
    together = [r["cpu"]["owner"] for r in runs if r["with"]]
    a_low, a_mid, a_high = spread(alone)
    t_low, t_mid, t_high = spread(together)
    print(f"owner alone:        min {a_low:.2f}  median {a_mid:.2f}  max {a_high:.2f} CPU s")
    print(f"owner with windows: min {t_low:.2f}  median {t_mid:.2f}  max {t_high:.2f} CPU s")
    for name in ("join", "show"):
        values = [r["cpu"][name] for r in runs if r["with"]]
        low, mid, high = spread(values)
        print(f"{name} window itself: min {low:.2f}  median {mid:.2f}  max {high:.2f} CPU s")
    ratio = f"{t_mid / a_mid:.2f}x" if a_mid else "(the owner alone used 0 ticks)"
    print(f"ratio of medians, owner with two windows to owner alone: {ratio} (aim <= 1.2x)")


def report_burst(part: dict[str, Any]) -> None:
    count = part["count"]
    print(
        f"\n3. {count:,} notes sent as fast as the join window's terminal takes them "
        f"({part['bytes'] / 1024:.0f} KiB of keys in chunks of {part['per chunk']} notes; after 1 warm-up note)"
    )
    rows = [
        ["all keys written to the join pty", f"{part['written']:.3f}", ms(part["written"] / count)],
        [
            "the owner's screen showed the last note arrived (words or count)",
            f"{part['changed']:.3f}",
            ms(part["changed"] / count),
        ],
        ["the last note's words on the owner's screen", f"{part['painted']:.3f}", ms(part["painted"] / count)],
        ["every note in the session file", f"{part['on disk']:.3f}", ms(part["on disk"] / count)],
    ]
    print(table(["from the first write to", "seconds", "ms per note"], rows))
    print("(nan: not seen; the owner's screen is given 10 s after the file)")
    if part["seen"] < count:
        print(f"the file watcher saw only {part['seen']} of {count} notes before giving up")
    for name, facts in part["screens"].items():
        print(
            f"{name} window at the end: notes heading says 'of {facts['heading']}' ({count + 1} notes in the step); "
            f"newest note visible: {facts['newest shown']} (the last is {count - 1})"
        )
    cpu = part["cpu"]
    print(f"CPU over the burst: owner {cpu['owner']:.2f} s, join window {cpu['join']:.2f} s")
    peer = part["peer"]
    print(
        f"CPU per note: join window {cpu['join'] / count * 1000:.1f} ms, the bare Textual Input app "
        f"{peer['cpu'] / count * 1000:.1f} ms (it showed the last note after {peer['shown']:.2f} s): "
        f"{cpu['join'] / max(peer['cpu'], 1e-9):.2f}x (aim: within 2x)"
    )
    writes = part["owner writes"]
    # Each save is one write of the new events (an append) or a few (a whole rewrite); the rest are the
    # screen's. So the calls per note say how the owner batched its saves (one fsync per save).
    print(
        f"the owner's write calls over the burst (saves and its screen): {writes['calls']:,} "
        f"({writes['calls'] / count:.2f} per note), {writes['bytes'] / 1024:,.0f} KiB"
    )
    print("file: " + say_check(part["check"], count + 1))
    print("exit codes (join, owner): " + ", ".join(part["ended"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=None, help="part 1: notes timed (default 200, quick 20)")
    parser.add_argument(
        "--seconds", type=float, default=None, help="part 2: measured seconds per run (default 30, quick 8)"
    )
    parser.add_argument("--runs", type=int, default=2, help="part 2: runs of each configuration (default 2)")
    parser.add_argument("--burst", type=int, default=None, help="part 3: notes sent at once (default 2000, quick 200)")
    parser.add_argument("--parts", default="1,2,3", help="which parts to run (default 1,2,3)")
    parser.add_argument("--seed", type=int, default=7, help="for the notes' lengths and words and the pauses")
    add_common_options(parser)
    options = parser.parse_args()
    code = use_code(options.code)
    notes = options.notes or (20 if options.quick else 200)
    seconds = options.seconds or (8.0 if options.quick else 30.0)
    settle = 2.0 if options.quick else 3.0
    count = options.burst or (200 if options.quick else 2000)
    parts = {int(p) for p in options.parts.split(",")}
    rng = random.Random(options.seed)

    latency = idle_runs = burst_part = None
    if 1 in parts:
        latency = enter_to_painted(notes, rng)
        print("part 1 done", file=sys.stderr)
    if 2 in parts:
        idle_runs = []
        for run in range(max(1, options.runs)):
            for with_windows in (False, True) if run % 2 == 0 else (True, False):
                idle_runs.append(idle(with_windows, seconds, settle))
            print(f"part 2: run {run + 1} of {options.runs} done", file=sys.stderr)
    if 3 in parts:
        burst_part = burst(count, rng)
        print("part 3 done", file=sys.stderr)

    print(f"Several windows on one session, {WIDTH}x{HEIGHT} pseudo-terminals, {os.cpu_count()} CPUs; code: {code}")
    if latency is not None:
        report_latency(latency)
    if idle_runs is not None:
        report_idle(idle_runs, seconds)
    if burst_part is not None:
        report_burst(burst_part)
    report_stale_status()


if __name__ == "__main__":
    main()
