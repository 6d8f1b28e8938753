"""Sharing with the team's archive from the app, in the background: when the app starts, when a session
finishes and when a review adds a comment. The share runs as a process of its own (store/team_archive.py),
so the screen never waits on the network and a share under way finishes even if the app is closed."""

import threading
from pathlib import Path
from typing import Any

from textual.app import App

from workshop_tui.store.team_archive import share_in_background


def share_soon(app: App[Any], folder: Path) -> threading.Thread | None:
    """Start a share of `folder` if it is connected to a team archive; say how it went when it is done.
    The thread that waits for it; None when the folder is not connected (nothing is started)."""
    process = share_in_background(folder)
    if process is None:
        return None

    def wait() -> None:
        said, _ = process.communicate()
        lines = [line for line in said.decode("utf-8", "replace").splitlines() if line.strip()]
        words = " ".join(line.removeprefix("workshop-tui: ") for line in lines) or "Shared with the team."
        try:
            app.call_from_thread(
                app.notify,
                words,
                title="Team archive",
                timeout=8,
                severity="information" if process.returncode == 0 else "warning",
            )
        except RuntimeError:
            pass  # the app has closed: the share finished all the same

    # A daemon thread, not a worker: quitting never waits for the network.
    waiting = threading.Thread(target=wait, name="team-share", daemon=True)
    waiting.start()
    return waiting
