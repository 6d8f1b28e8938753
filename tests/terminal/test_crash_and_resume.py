"""A laptop crash in the middle of a session loses nothing: resume shows the same step and time."""

import os
import re
import signal
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from workshop_tui.model import Session
from workshop_tui.store.session_file import load_session
from tests.conftest import plan_named
from tests.terminal.tmux import TerminalFactory, app_pid, installed_command, needs_tmux

pytestmark = [needs_tmux]

TIME_LEFT = re.compile(r"(\d+):(\d\d) left\.")


def wait_for_file(folder: Path, check: Callable[[Session], bool], timeout: float = 10.0) -> tuple[Path, Session]:
    """Poll the session file until `check` holds: autosave promises the disk within a second."""
    deadline = time.monotonic() + timeout
    while True:
        files = sorted(folder.glob("*.toml"))
        if files:
            session = load_session(files[0])
            if check(session):
                return files[0], session
        assert time.monotonic() < deadline, "the change did not reach the disk"
        time.sleep(0.05)


def test_kill_during_a_session_then_resume_shows_the_same_step_and_time(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    plan = plan_named("co-production-part-1")
    second = plan.steps[1]
    terminal = terminal_factory(80, 24)
    terminal.start(f"{installed_command()} run co-production-part-1 --quiet")
    terminal.wait_for("Paused with")
    terminal.send("Space")
    terminal.wait_for(" left.")
    terminal.send("n")
    terminal.wait_for(second.title[:30])
    path, saved = wait_for_file(tmp_path / "sessions", lambda s: s.current_step == 1)

    os.kill(app_pid(terminal), signal.SIGKILL)
    assert "EXITED 137" in terminal.wait_for("EXITED")
    assert saved.steps[1].running_since is not None

    again = terminal_factory(80, 24)
    again.start(f"{installed_command()} resume --quiet")
    screen = again.wait_for(" left.")
    seen_at = datetime.now().astimezone()
    assert second.title[:30] in screen
    assert "Step 2 of" in screen
    left = TIME_LEFT.search(screen)
    assert left is not None
    minutes, seconds = map(int, left.groups())
    shown_left = minutes * 60 + seconds
    # The timer was running when the laptop died, so it kept running.
    expected_left = second.planned_minutes * 60 - (seen_at - saved.steps[1].running_since).total_seconds()
    assert abs(shown_left - expected_left) <= 3, (shown_left, expected_left)
    again.send("C-q")
    assert "EXITED 0" in again.wait_for("EXITED")
    assert load_session(path).current_step == 1
