"""The full report of a fault in the app, written where only its owner can read it."""

import os
import traceback
from datetime import datetime
from pathlib import Path

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
