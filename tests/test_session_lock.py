"""Two copies of the app never write the same session; a crash never leaves it stuck."""

import subprocess
import sys
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_lock import SessionLock, lock_path
from workshop_tui.store.sessions_folder import SessionsFolder
from tests.conftest import small_session


@pytest.fixture
def other_copy():
    """A process standing in for another copy of the app that is still running."""
    process = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield process.pid
    process.stdin.close()
    process.wait()


def test_a_session_open_in_another_running_copy_is_refused(tmp_path: Path, other_copy):
    path = SessionsFolder(tmp_path).create(small_session())
    lock_path(path).write_text(str(other_copy))
    with pytest.raises(FileProblem, match=f"open in another copy of workshop-tui \\(process {other_copy}\\)"):
        SessionLock(path).acquire()


def test_resume_says_so_and_exits_with_status_2(tmp_path: Path, other_copy, capsys):
    path = SessionsFolder(tmp_path).create(small_session())
    lock_path(path).write_text(str(other_copy))
    assert main(["--sessions-dir", str(tmp_path), "resume"]) == 2
    assert "open in another copy" in capsys.readouterr().err


def test_a_lock_left_by_a_crash_is_taken_over(tmp_path: Path):
    path = SessionsFolder(tmp_path).create(small_session())
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock_path(path).write_text(finished.stdout.strip())  # that process has ended
    lock = SessionLock(path)
    lock.acquire()
    lock.release()
    assert not lock_path(path).exists()
