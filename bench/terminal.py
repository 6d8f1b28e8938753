"""Running a program in a pseudo-terminal of a fixed size, as a real terminal would."""

import fcntl
import os
import pty
import struct
import subprocess
import termios
import threading


def start_in_terminal(command: list[str], width: int = 80, height: int = 24, env: dict | None = None) -> subprocess.Popen:
    """Start `command` attached to a new pty; its output is read and thrown away."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    process = subprocess.Popen(
        command,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})},
        start_new_session=True,
    )
    os.close(follower)

    def drain() -> None:
        try:
            while os.read(leader, 65536):
                pass
        except OSError:
            pass
        finally:
            os.close(leader)

    threading.Thread(target=drain, daemon=True).start()
    return process


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a running process, from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks
