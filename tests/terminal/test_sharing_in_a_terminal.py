"""Issue [15], in a real terminal: a finished session goes to the team's archive in the background, over a
slow network, while the screen stays in use; nothing waits on it."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from workshop_tui.store.team_archive import connect
from tests.terminal.tmux import TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]

# A git that takes two seconds to reach the archive: a slow network, as in a church hall.
SLOW_GIT = """#!/bin/sh
case " $* " in *" fetch "*|*" push "*) sleep 2;; esac
exec {git} "$@"
"""


def archived(url: Path) -> dict[str, bytes]:
    """The session files in the archive, as it holds them."""
    listed = subprocess.run(
        ["git", "-C", str(url), "ls-tree", "-r", "--name-only", "main"], capture_output=True, text=True
    )
    return {
        name: subprocess.run(["git", "-C", str(url), "show", f"main:{name}"], capture_output=True).stdout
        for name in listed.stdout.split()
        if name.endswith(".toml")
    }


def test_a_finished_session_is_shared_in_the_background_while_the_review_is_in_use(
    terminal_factory: TerminalFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # git's own settings: nobody's
    url = tmp_path / "archive.git"
    subprocess.run(["git", "init", "-q", "--bare", str(url)], check=True)
    connect(tmp_path / "sessions", str(url))
    slow = tmp_path / "slow-bin"
    slow.mkdir()
    (slow / "git").write_text(SLOW_GIT.format(git=shutil.which("git")))
    (slow / "git").chmod(0o755)
    terminal = terminal_factory(80, 24)
    terminal.start(
        f"{installed_command()} run co-production-part-1 --quiet",
        env={"PATH": f"{slow}:{os.environ['PATH']}", "HOME": str(tmp_path)},
    )
    terminal.wait_for("Paused with")
    terminal.send("Space")
    terminal.wait_for(" left.")
    terminal.press("C-f")
    terminal.wait_for("Press Ctrl+F to finish")
    terminal.send("C-f")
    terminal.wait_for("Finished at")
    # The share has seconds of network ahead of it: the review opens and moves between tabs meanwhile.
    terminal.send("Enter")
    terminal.wait_for("Summary")
    terminal.send("Right")
    terminal.wait_until(
        lambda shown: "Notes" in shown and "went out" not in shown, "the review in use before the share ends"
    )
    # Two shares: the one at start (the new session) and the one at the finish, which waits its turn.
    (session,) = (tmp_path / "sessions").glob("*.toml")
    terminal.wait_until(
        lambda _: b'\nstatus = "finished"\n' in archived(url).get(session.name, b""),
        "the finished session in the archive",
        timeout=40,
    )
    assert list(archived(url)) == [session.name]
    assert "went out" in terminal.wait_for("went out")  # and the screen said so
    terminal.send("C-q")
    assert "EXITED 0" in terminal.wait_for("EXITED")
