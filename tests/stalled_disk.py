"""A disk that stalls: every fsync the session's journal makes waits until the test lets it go on."""

import threading

import pytest

from workshop_tui.store import journal

WAIT = 10  # seconds at most for a thread to get somewhere; normally milliseconds


class StalledDisk:
    """`stalled` is set once a write waits on the disk; `go()` lets every write finish."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.stalled, self._may_write = threading.Event(), threading.Event()
        real_fsync = journal.os.fsync

        def slow_fsync(fd) -> None:
            self.stalled.set()
            assert self._may_write.wait(WAIT)
            real_fsync(fd)

        monkeypatch.setattr(journal.os, "fsync", slow_fsync)

    def go(self) -> None:
        self._may_write.set()
