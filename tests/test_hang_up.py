"""When the terminal goes away (a window closed, a remote connection dropped), the app saves the
session and ends, instead of running on at full speed with nobody to see it."""

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

WAIT = 30  # seconds at most for each thing to happen; normally well under one


def _read_until(master: int, wanted: bytes, seen: bytearray) -> None:
    deadline = time.monotonic() + WAIT
    while wanted not in seen:
        assert time.monotonic() < deadline, f"never saw {wanted!r}"
        if select.select([master], [], [], 0.5)[0]:
            seen += os.read(master, 65536)


def test_closing_the_terminal_saves_the_session_and_ends_the_app(tmp_path: Path) -> None:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    command = [
        str(Path(sys.executable).parent / "workshop-tui"),
        "--sessions-dir",
        str(tmp_path),
        "run",
        "co-production-part-1",
    ]
    # The terminal is not the app's controlling terminal here, so no hang-up signal is sent when it
    # closes: the app has to notice by itself, as it must when a terminal window is simply gone.
    app = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "TERM": "xterm-256color"}
    )
    os.close(slave)
    seen = bytearray()
    try:
        _read_until(master, b"Agenda", seen)
        os.write(master, b"t")
        time.sleep(0.3)  # let the note line take the focus, as a person's pause would
        os.write(master, b"hello from the room\r")
        [path] = _wait_for(lambda: list(tmp_path.glob("*.toml")))
        _wait_for(lambda: b"note.add" in path.read_bytes())
    finally:
        os.close(master)
    deadline = time.monotonic() + WAIT
    while app.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if app.poll() is None:
        app.kill()
        app.wait()
        raise AssertionError("the app was still running after its terminal closed")
    assert app.returncode == 129
    assert b"hello from the room" in path.read_bytes()


T = TypeVar("T")


def _wait_for(check: Callable[[], T]) -> T:
    deadline = time.monotonic() + WAIT
    while not (found := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
    return found
