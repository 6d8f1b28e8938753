"""Ending the app when its terminal goes away: a closed window, a dropped remote connection.

Without this the app can outlive its terminal: Textual's input thread then spins on a terminal that
only ever says "end of input" and the screen waits forever to write, at full speed on one core.
A watching thread notices the hang-up, saves every open session, and ends the process.
"""

import os
import select
import threading
from collections.abc import Callable

GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL
HUNG_UP = 129  # the exit status of a process ended by a hang-up (128 + SIGHUP)


def watch_terminal(fd: int, when_gone: Callable[[], None]) -> threading.Thread | None:
    """Call `when_gone` on a thread of its own once `fd` hangs up; None if `fd` is not a terminal."""
    if not os.isatty(fd):
        return None
    poller = select.poll()
    # Asking for no events still reports a hang-up or an error, and never the keys a person types.
    poller.register(fd, 0)

    def watch() -> None:
        while True:
            if any(flags & GONE for _, flags in poller.poll(1000)):
                when_gone()
                return

    thread = threading.Thread(target=watch, name="terminal-watch", daemon=True)
    thread.start()
    return thread
