"""Autosave: every change reaches the disk soon after, without the screen waiting on the disk.

One thread does all the writing, so saves land in order. Bursts of changes are
coalesced into one save. If the disk fails, the session stays in memory and the
saver tries again until a save succeeds.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workshop_tui.store.atomic import OWNER_ONLY, write_atomically


@dataclass(frozen=True)
class SaveResult:
    """What the last save did: `at` when it worked, or `problem` in plain words."""

    at: datetime | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def describe_os_error(error: OSError, path: Path) -> str:
    reason = error.strerror or str(error)
    return f"Could not save to {path} ({reason}). Your work is kept in memory and saving will be tried again."


class Autosaver:
    """Saves `snapshot()` to `path` on a thread of its own, soon after each `changed()`."""

    def __init__(
        self,
        path: Path,
        snapshot: Callable[[], bytes],
        now: Callable[[], datetime],
        on_result: Callable[[SaveResult], None],
        gather_seconds: float = 0.2,
        retry_seconds: float = 2.0,
    ):
        self.path = Path(path)
        self._snapshot = snapshot
        self._now = now
        self._on_result = on_result
        self._gather = gather_seconds
        self._retry = retry_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._write_lock = threading.Lock()
        self._dirty = False
        self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
        self._thread.start()

    def changed(self) -> None:
        self._dirty = True
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            if self._stop.is_set():
                return
            # Let a burst of key presses finish, then write them all at once.
            self._stop.wait(self._gather)
            self._wake.clear()
            if not self.save_now().ok:
                self._stop.wait(self._retry)
                self._wake.set()

    def save_now(self) -> SaveResult:
        """Write the session now, on the calling thread. Returns what happened."""
        with self._write_lock:
            self._dirty = False
            try:
                write_atomically(self.path, self._snapshot(), OWNER_ONLY)
                result = SaveResult(at=self._now())
            except OSError as error:
                self._dirty = True
                result = SaveResult(problem=describe_os_error(error, self.path))
        try:
            self._on_result(result)
        except Exception:
            pass  # whoever listens has gone (the screen closed); the saving itself is done
        return result

    @property
    def unsaved(self) -> bool:
        return self._dirty

    def flush(self) -> SaveResult | None:
        """Save now if anything is unsaved; None if there was nothing to save."""
        return self.save_now() if self._dirty else None

    def stop(self) -> None:
        """Stop the saving thread. Call flush() first to keep the last changes."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=5)
