"""A disk that stalls: every fsync the session's journal makes waits until the test lets it go on."""

import os
import threading

import pytest

WAIT = 10  # seconds at most for a thread to get somewhere; normally milliseconds


class StalledDisk:
    """`stalled` is set once a write waits on the disk; `go()` lets every write finish."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.stalled, self._may_write = threading.Event(), threading.Event()
        real_fsync = os.fsync  # the journal's fsync: it is os's own

        def slow_fsync(fd: int) -> None:
            self.stalled.set()
            assert self._may_write.wait(WAIT)
            real_fsync(fd)

        monkeypatch.setattr("workshop_tui.store.journal.os.fsync", slow_fsync)

    def go(self) -> None:
        self._may_write.set()
