"""When the app itself goes wrong: a plain sentence on screen, the full report in a private file.

The screen may be a projector in a room full of people, so the words on it never include the
session's text or people's names (a traceback's local variables would). The full report, with
those details, goes to a file only its owner can read, for whoever looks after the app.
"""

import os
import traceback
from datetime import datetime
from pathlib import Path

from workshop_tui.store.problems import FileProblem

REPORTS = "crash-reports"


def write_report(error: BaseException, sessions_dir: Path, now: datetime) -> Path | None:
    """Write the full report beside the sessions; None if no private file could be written anywhere."""
    text = "".join(traceback.format_exception(error))
    for folder in (Path(sessions_dir) / REPORTS, Path.home() / ".workshop-tui" / REPORTS):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = folder / f"crash-{now:%Y-%m-%d-%H%M%S}-{os.getpid()}.txt"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as file:
                file.write(f"workshop-tui stopped at {now:%Y-%m-%d %H:%M:%S %z}.\n\n{text}")
            return path
        except OSError:
            continue
    return None


def crash_words(error: BaseException, report: Path | None) -> str:
    """What the person in the room reads: what happened, that the work is safe, and what to do."""
    if isinstance(error, FileProblem):
        return f"workshop-tui stopped: {error}"
    where = f" The full report is in {report}." if report else " No report could be written."
    return (
        "workshop-tui stopped because of a fault in the app itself. Everything up to the last change "
        "is saved; carry on with 'workshop-tui resume'." + where
    )
