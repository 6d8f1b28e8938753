"""Running a program in a pseudo-terminal of a fixed size, as a real terminal would, and watching
what it paints.

Not a benchmark itself: the benchmarks in this folder share it.

- `Terminal(command, width, height)` starts `command` on a new pty. A reader thread reads
  everything the program writes, stamps each read with `time.perf_counter()`, and (unless
  `screen=False`) feeds it to `Screen`, a small model of the terminal's cells that is just enough
  for Textual's output (cursor moves, erases, text; colours are ignored). So "the note is painted"
  can be checked as "these words are in these cells", not just "these bytes went by".
- `wait_for(...)` returns the moment (perf_counter) the read that made a condition true arrived.
- `cpu_seconds(pid)`, `peak_memory_kib(pid)` read /proc.

Only the standard library: pty, os, select, threading.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import termios
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = "/tmp/workshop-bench-cache"
VENV_BIN = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".venv", "bin")
WORKSHOP_TUI = os.path.join(VENV_BIN, "workshop-tui")
PYTHON = os.path.join(VENV_BIN, "python")

_AFTER_OK: bool | None = None


def workshop_tui(*args: str, sessions_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """The command a user types: `workshop-tui ARGS --sessions-dir DIR`.

    Today's command line only takes --sessions-dir before the subcommand; once it is accepted after
    it too (as the design asks), this uses the form the brief gives. Checked once, with `plans`.
    """
    global _AFTER_OK
    if sessions_dir is None:
        return [WORKSHOP_TUI, *args]
    if _AFTER_OK is None:
        probe = subprocess.run(
            [WORKSHOP_TUI, "plans", "--sessions-dir", "/nonexistent-bench-dir"], capture_output=True, check=False
        )
        _AFTER_OK = probe.returncode == 0
    if _AFTER_OK:
        return [WORKSHOP_TUI, *args, "--sessions-dir", str(sessions_dir)]
    return [WORKSHOP_TUI, "--sessions-dir", str(sessions_dir), *args]


# What a key sends, as xterm sends it.
KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "space": b" ",
    "tab": b"\t",
    "backspace": b"\x7f",
    "ctrl+q": b"\x11",
    "ctrl+c": b"\x03",
    "f5": b"\x1b[15~",
    "f7": b"\x1b[18~",
    "f8": b"\x1b[19~",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
}


def _cell_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_CSI = re.compile(r"\x1b\[([0-9;?<>=:$ ]*)([@A-Za-z~`{|}])")


class Screen:
    """The cells of a terminal, kept up to date from the bytes a program writes.

    Handles what Textual writes: cursor position (CUP/HVP, CHA, VPA, relative moves), erase in
    display and line, CR/LF/BS, OSC strings, and text (wide characters take two cells).
    Everything else (colours, modes, queries) is skipped.
    """

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.rows = [[" "] * width for _ in range(height)]
        self.x = self.y = 0
        self._pending = ""  # an escape sequence cut in two by a read
        self._decoder = __import__("codecs").getincrementaldecoder("utf-8")(errors="replace")

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.rows = [[" "] * width for _ in range(height)]
        self.x = self.y = 0

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\x1b":
                if i + 1 >= n:
                    self._pending = text[i:]
                    return
                nxt = text[i + 1]
                if nxt == "[":
                    match = _CSI.match(text, i)
                    if match is None:
                        # Unfinished at the end of this read: keep it for the next one.
                        if n - i < 64:
                            self._pending = text[i:]
                            return
                        i += 2
                        continue
                    self._csi(match.group(1), match.group(2))
                    i = match.end()
                elif nxt in "]PX^_":  # OSC, DCS, ...: up to BEL or ST
                    end_bel = text.find("\x07", i + 2)
                    end_st = text.find("\x1b\\", i + 2)
                    ends = [e for e in (end_bel, end_st) if e != -1]
                    if not ends:
                        self._pending = text[i:]
                        return
                    end = min(ends)
                    i = end + (1 if end == end_bel else 2)
                elif nxt in "()#%":
                    i += 3
                else:
                    i += 2
                continue
            if ch == "\r":
                self.x = 0
            elif ch == "\n":
                self.y = min(self.y + 1, self.height - 1)
            elif ch == "\b":
                self.x = max(self.x - 1, 0)
            elif ch < " " or ch == "\x7f":
                pass
            else:
                w = _cell_width(ch)
                if w and 0 <= self.y < self.height and self.x < self.width:
                    self.rows[self.y][self.x] = ch
                    if w == 2 and self.x + 1 < self.width:
                        self.rows[self.y][self.x + 1] = ""
                self.x = min(self.x + w, self.width)
            i += 1

    def _csi(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")) or "$" in params or " " in params:
            return  # private modes and queries
        numbers = [int(p) if p.isdigit() else 0 for p in params.replace(":", ";").split(";")] if params else []

        def arg(k: int, default: int) -> int:
            return numbers[k] if len(numbers) > k and numbers[k] else default

        if final in "Hf":
            self.y = min(max(arg(0, 1) - 1, 0), self.height - 1)
            self.x = min(max(arg(1, 1) - 1, 0), self.width - 1)
        elif final == "G":
            self.x = min(max(arg(0, 1) - 1, 0), self.width - 1)
        elif final == "d":
            self.y = min(max(arg(0, 1) - 1, 0), self.height - 1)
        elif final == "A":
            self.y = max(self.y - arg(0, 1), 0)
        elif final == "B":
            self.y = min(self.y + arg(0, 1), self.height - 1)
        elif final == "C":
            self.x = min(self.x + arg(0, 1), self.width - 1)
        elif final == "D":
            self.x = max(self.x - arg(0, 1), 0)
        elif final == "J":
            mode = arg(0, 0)
            if mode in (2, 3):
                self.rows = [[" "] * self.width for _ in range(self.height)]
            elif mode == 0:
                self.rows[self.y][self.x :] = [" "] * (self.width - self.x)
                for row in range(self.y + 1, self.height):
                    self.rows[row] = [" "] * self.width
        elif final == "K":
            mode = arg(0, 0)
            if mode == 0:
                self.rows[self.y][self.x :] = [" "] * (self.width - self.x)
            elif mode == 1:
                self.rows[self.y][: self.x + 1] = [" "] * (self.x + 1)
            else:
                self.rows[self.y] = [" "] * self.width

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.rows]

    def text(self) -> str:
        return "\n".join(self.lines())

    def find(self, words: str) -> list[int]:
        """The rows on which `words` are painted."""
        return [number for number, line in enumerate(self.lines()) if words in line]


def program_env(extra: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """The environment a program is started with: like a user's terminal.

    This machine's environment sets PYTHONDONTWRITEBYTECODE=1, so nothing would ever find a .pyc
    for workshop_tui and every run would compile it afresh, which no user sees. So it is removed,
    and .pyc files go to a cache folder of the benchmarks' own (PYTHONPYCACHEPREFIX) rather than
    into the work tree others use. `extra` adds or (with None) removes variables.
    """
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "PYTHONPYCACHEPREFIX": os.path.join(CACHE, "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


class Terminal:
    """A program running on a pty of `width` x `height`, its output read all the time."""

    def __init__(
        self,
        command: list[str],
        width: int = 80,
        height: int = 24,
        env: Mapping[str, str | None] | None = None,
        screen: bool = True,
        cwd: str | None = None,
    ):
        self.width, self.height = width, height
        self.leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.screen = Screen(width, height) if screen else None
        self.feed_screen = screen  # set False to stop keeping the screen model (saves this process's CPU)
        self.received = 0  # bytes read so far
        self.reads = 0  # how many reads changed what we know
        self._changed = threading.Condition()
        self._last_read_at = 0.0
        self.first_read_at = 0.0  # when the program first wrote anything
        self.closed = False
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=program_env(env),
            start_new_session=True,
            cwd=cwd,
        )
        os.close(follower)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        try:
            while True:
                data = os.read(self.leader, 65536)
                if not data:
                    break
                at = time.perf_counter()
                with self._changed:
                    if self.screen is not None and self.feed_screen:
                        self.screen.feed(data)
                    self.received += len(data)
                    self.reads += 1
                    self._last_read_at = at
                    if not self.first_read_at:
                        self.first_read_at = at
                    self._changed.notify_all()
        except OSError:
            pass
        finally:
            with self._changed:
                self.closed = True
                self._changed.notify_all()

    def wait_for(self, condition: Callable[[Screen], bool], timeout: float = 30.0, what: str = "") -> float:
        """Block until `condition(screen)` holds; return when the read that made it true arrived."""
        deadline = time.perf_counter() + timeout
        assert self.screen is not None, "this terminal keeps no screen to wait on"
        with self._changed:
            while True:
                if condition(self.screen):
                    return self._last_read_at
                if self.closed:
                    raise RuntimeError(f"the program ended before {what or 'the wait'}:\n{self.screen.text()}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"waited {timeout:.0f} s for {what or 'the screen'}:\n{self.screen.text()}")
                self._changed.wait(left)

    def wait_for_text(self, words: str, timeout: float = 30.0) -> float:
        return self.wait_for(lambda screen: bool(screen.find(words)), timeout, repr(words))

    def wait_quiet(self, seconds: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until nothing has been written for `seconds`."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self._changed:
                last = self._last_read_at
            if time.perf_counter() - last >= seconds:
                return
            time.sleep(seconds / 3)

    def write(self, data: bytes) -> float:
        """Send bytes as typed; returns the moment they were written."""
        os.write(self.leader, data)
        return time.perf_counter()

    def press(self, *keys: str) -> float:
        at = 0.0
        for key in keys:
            at = self.write(KEYS.get(key, key.encode()))
        return at

    def type(self, text: str) -> float:
        return self.write(text.encode())

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def peak_memory_kib(self) -> int:
        return peak_memory_kib(self.pid)

    def close(self, timeout: float = 5.0) -> int | None:
        """Ask the program to stop (SIGTERM to its process group), then kill it if it will not."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=timeout)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait()
        self._reader.join(timeout=2)
        try:
            os.close(self.leader)
        except OSError:
            pass
        return self.process.returncode

    def quit(self, timeout: float = 10.0) -> int | None:
        """Press ctrl+q (save and quit) and give the program `timeout` seconds to end; close() after."""
        self.press("ctrl+q")
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_in_terminal(
    command: list[str], width: int = 80, height: int = 24, env: Mapping[str, str | None] | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` attached to a new pty; its output is read and thrown away (no screen model)."""
    return Terminal(command, width, height, env, screen=False).process


def cpu_seconds(pid: int, children: bool = True) -> float:
    """User plus system CPU time of a process (all its threads), and of its waited-for children."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # After the ")" field 0 is state, so utime (14 in proc(5)) is index 11.
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def peak_memory_kib(pid: int) -> int:
    """VmHWM (peak resident set) of a running process, in KiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """min, median, max."""
    ordered = sorted(values)
    n = len(ordered)
    median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    return ordered[0], median, ordered[-1]


def table(headings: list[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain text table, columns padded; cells that start with a digit are right-aligned."""
    cells = [[str(c) for c in headings]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[k]) for row in cells) for k in range(len(headings))]

    def line(row: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[k]) if re.match(r"[-+]?[0-9.]", cell) else cell.ljust(widths[k])
            for k, cell in enumerate(row)
        ).rstrip()

    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths), *(line(row) for row in cells[1:])])


def use_code(ref: str | None) -> str:
    """Run this benchmark on the code at git `ref` instead of the work tree, and say which code it is.

    Other people edit the work tree while benchmarks run, so a half-made change can break it.
    With a ref, the committed files are exported once (git archive) to CACHE/src-<commit>, and this
    script starts again with PYTHONPATH pointing there: both the generator in this process and
    `.venv/bin/workshop-tui` in the pty then import that copy ahead of the editable install.
    """
    if ref is None:
        return f"the work tree {REPO}"
    commit = subprocess.run(
        ["git", "-C", REPO, "rev-parse", "--verify", f"{ref}^{{commit}}"], capture_output=True, text=True, check=True
    ).stdout.strip()
    where = os.path.join(CACHE, f"src-{commit[:12]}")
    if os.environ.get("WORKSHOP_BENCH_CODE") == where:
        return f"commit {commit[:12]} ({ref}), exported to {where}"
    if not os.path.isdir(where):
        os.makedirs(CACHE, exist_ok=True)
        partial = where + f".{os.getpid()}"
        os.makedirs(partial)
        archive = subprocess.run(
            ["git", "-C", REPO, "archive", commit, "workshop_tui"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", partial], input=archive.stdout, check=True)
        os.rename(partial, where)
    os.environ["WORKSHOP_BENCH_CODE"] = where
    os.environ["PYTHONPATH"] = where + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else "")
    import sys

    os.execv(sys.executable, [sys.executable, *sys.argv])
    raise AssertionError("not reached")


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="small numbers: done in about a minute")
    parser.add_argument(
        "--code",
        metavar="REF",
        default=None,
        help="measure the code committed at this git ref (e.g. HEAD) instead of the work tree, "
        "which others may be half-way through changing",
    )
