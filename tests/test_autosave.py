"""Autosave: changes reach the disk soon after, in order, and a failing disk loses nothing."""

import errno
import threading
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.store import atomic
from workshop_tui.store.autosave import Autosaver, SaveResult

WAIT = 10  # seconds at most for the saver thread to answer; normally milliseconds


class Reports:
    """Collects what the saver reports, and lets a test wait for the next report."""

    def __init__(self):
        self.results: list[SaveResult] = []
        self.arrived = threading.Event()

    def __call__(self, result: SaveResult) -> None:
        self.results.append(result)
        self.arrived.set()

    def next(self) -> SaveResult:
        assert self.arrived.wait(WAIT), "the saver did not report"
        self.arrived.clear()
        return self.results[-1]


def test_a_change_is_written_by_the_saver_thread(tmp_path: Path, clock: FakeClock):
    content = {"text": b"first"}
    reports = Reports()
    saver = Autosaver(tmp_path / "s.toml", lambda: content["text"], clock.now, reports, gather_seconds=0)
    try:
        saver.changed()
        assert reports.next().at == clock.now()
        assert (tmp_path / "s.toml").read_bytes() == b"first"
        content["text"] = b"second"
        saver.changed()
        reports.next()
        assert (tmp_path / "s.toml").read_bytes() == b"second"
    finally:
        saver.stop()


@pytest.mark.parametrize("error", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_a_failing_disk_is_reported_plainly_and_retried_until_it_works(tmp_path: Path, clock, monkeypatch, error):
    real_mkstemp = atomic.tempfile.mkstemp
    broken = {"yes": True}

    def mkstemp(*args, **kwargs):
        if broken["yes"]:
            raise OSError(error, atomic.os.strerror(error))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    reports = Reports()
    saver = Autosaver(tmp_path / "s.toml", lambda: b"kept", clock.now, reports, gather_seconds=0, retry_seconds=0.01)
    try:
        saver.changed()
        failed = reports.next()
        assert not failed.ok
        assert failed.problem.startswith(f"Could not save to {tmp_path / 's.toml'} ({atomic.os.strerror(error)}).")
        assert "kept in memory" in failed.problem
        assert saver.unsaved
        broken["yes"] = False
        while not reports.next().ok:
            pass
        assert (tmp_path / "s.toml").read_bytes() == b"kept"
        assert not saver.unsaved
    finally:
        saver.stop()


def test_flush_saves_at_once_on_the_calling_thread(tmp_path: Path, clock):
    reports = Reports()
    saver = Autosaver(tmp_path / "s.toml", lambda: b"now", clock.now, reports, gather_seconds=60)
    try:
        saver.changed()
        assert saver.flush().ok
        assert (tmp_path / "s.toml").read_bytes() == b"now"
        assert saver.flush() is None  # nothing left to save
    finally:
        saver.stop()
