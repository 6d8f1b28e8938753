"""Two windows never write the same session; a crash or a reboot never leaves it stuck."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_lock import SessionLock, lock_path
from workshop_tui.store.sessions_folder import SessionsFolder
from tests.conftest import small_session

HOLDER = """
import sys
from pathlib import Path
from workshop_tui.store.session_lock import SessionLock
lock = SessionLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    return SessionsFolder(tmp_path).create(small_session())


@pytest.fixture
def other_window(session_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process of the app that has the session open."""
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(session_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert process.stdout is not None and process.stdin is not None
    assert process.stdout.readline().strip() == "held"
    yield process
    if process.poll() is None:
        process.stdin.close()
        process.wait()


def test_a_session_open_in_another_window_is_refused_and_says_which_process(
    session_path: Path, other_window: subprocess.Popen[str]
) -> None:
    with pytest.raises(FileProblem, match=f"open in another window of workshop-tui \\(process {other_window.pid}\\)"):
        SessionLock(session_path).acquire()


def test_resume_says_so_and_exits_with_status_2(
    tmp_path: Path, session_path: Path, other_window: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--sessions-dir", str(tmp_path), "resume"]) == 2
    assert "open in another window" in capsys.readouterr().err


def test_a_lock_held_by_a_process_that_was_killed_is_free_at_once(
    session_path: Path, other_window: subprocess.Popen[str]
) -> None:
    other_window.kill()
    other_window.wait()
    lock = SessionLock(session_path)
    lock.acquire()
    assert lock.held
    lock.release()


def test_a_lock_file_naming_a_live_unrelated_process_does_not_block(session_path: Path) -> None:
    # After a reboot the number in the lock file may belong to any running process, even this one's parent.
    lock_path(session_path).write_text(str(os.getppid()))
    lock = SessionLock(session_path)
    lock.acquire()
    lock.release()


def test_two_locks_in_one_process_do_not_both_win(session_path: Path) -> None:
    first, second = SessionLock(session_path), SessionLock(session_path)
    first.acquire()
    with pytest.raises(FileProblem):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_the_lock_file_is_readable_by_its_owner_only(session_path: Path) -> None:
    lock = SessionLock(session_path)
    lock.acquire()
    assert lock_path(session_path).stat().st_mode & 0o777 == 0o600
    lock.release()
