"""Driving the installed `workshop-tui` in a real terminal through tmux."""

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def installed_command() -> str:
    """The `workshop-tui` script installed beside this Python, as a user would run it."""
    script = Path(sys.executable).parent / "workshop-tui"
    if not script.exists():
        pytest.skip("workshop-tui is not installed in this environment")
    return str(script)


class TerminalFactory(Protocol):
    """The `terminal_factory` fixture (tests/terminal/conftest.py): makes a terminal of a size, closed after the test."""

    def __call__(self, width: int = 80, height: int = 24) -> "Terminal": ...


class Terminal:
    """One tmux session of a fixed size, running a command in a given folder."""

    def __init__(self, width: int, height: int, cwd: Path) -> None:
        self.name = f"wt-{uuid.uuid4().hex[:8]}"
        self.width, self.height, self.cwd = width, height, cwd

    def start(self, command: str, env: dict[str, str] | None = None) -> None:
        # XDG_DATA_HOME: a run that finds no sessions folder where it runs never touches the real home's.
        settings = {
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "XDG_DATA_HOME": str(self.cwd / "data"),
            **(env or {}),
        }
        exports = " ".join(f"{key}={value}" for key, value in settings.items())
        size = ["-x", str(self.width), "-y", str(self.height)]
        # Open the window first and fix its size, then start the program in it, so the
        # program never sees tmux's default size (it can start before a resize arrives).
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, *size, "-c", str(self.cwd), "sleep 600"], check=True
        )
        subprocess.run(["tmux", "set-option", "-t", self.name, "window-size", "manual"], check=True)
        subprocess.run(["tmux", "resize-window", "-t", self.name, *size], check=True)
        subprocess.run(
            [
                "tmux",
                "respawn-pane",
                "-k",
                "-t",
                self.name,
                "-c",
                str(self.cwd),
                # The test run sets COLUMNS and LINES; a real terminal's program must not see them.
                f"env -u COLUMNS -u LINES {exports} {command}; echo EXITED $?; sleep 600",
            ],
            check=True,
        )

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def resize(self, width: int, height: int) -> None:
        """Make the terminal another size, as a person dragging its window does."""
        self.width, self.height = width, height
        subprocess.run(["tmux", "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)], check=True)

    def screen(self, colours: bool = False) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", *(["-e"] if colours else []), "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def settled(self, timeout: float = 20.0) -> str:
        """The screen (with its colours) once it has stopped changing: what was typed before is drawn."""
        deadline = time.monotonic() + timeout
        last = self.screen(colours=True)
        while True:
            time.sleep(0.05)
            now = self.screen(colours=True)
            if now == last:
                return now
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never stopped changing:\n{now}")
            last = now

    def type(self, text: str, timeout: float = 20.0) -> str:
        """Type `text` and wait until it is drawn, as a person looks before pressing Tab.

        Keys read in one burst can reach the field that had the focus before a Tab among them
        moved it on, so what follows a typed text waits for the text itself, not for any change."""
        self.send("-l", text)
        return self.wait_for(text, timeout)

    def press(self, key: str, timeout: float = 20.0) -> None:
        """Send one key and wait until the screen shows it was taken (a field's border lights up, say).

        A person sees where the cursor went before typing on. Keys sent in one burst reach the
        field that had the focus when they were read, before a Tab among them moves it on."""
        before = self.settled()
        self.send(key)
        self.wait_until(lambda _: self.screen(colours=True) != before, f"the screen to change after {key}", timeout)
        # And settled again: the change seen may be the clock's, with the key still to be read; keys sent
        # while it is unread go in its burst, to the field that had the focus before it (as CI saw once).
        self.settled(timeout)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Poll the screen until `text` shows; this waits on the app, not on the clock."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear; the screen shows:\n{shown}{self.stacks()}")
            time.sleep(0.1)

    def stacks(self) -> str:
        """What each thread of the program is doing now, for a test that waited in vain: a program that
        stopped taking keys and one that is only slow look the same on screen. Needs py-spy (a test extra)."""
        spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        if not Path(spy).exists():
            return ""
        try:
            pid = app_pid(self)
            dump = subprocess.run([spy, "dump", "--pid", str(pid)], capture_output=True, text=True, timeout=30)
        except (AssertionError, subprocess.SubprocessError, OSError) as error:
            return f"\n(no stacks: {error})"
        return f"\nThe program's threads (py-spy dump --pid {pid}):\n{dump.stdout}{dump.stderr}"

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """Poll the screen until `check(screen)` holds, for what a plain text cannot say."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if check(shown):
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} did not happen; the screen shows:\n{shown}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def app_pid(terminal: Terminal) -> int:
    """The process id of the program running in the terminal (the shell's child)."""
    shell = subprocess.run(
        ["tmux", "list-panes", "-t", terminal.name, "-F", "#{pane_pid}"], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    assert children, "the program is not running"
    return int(children[0])
