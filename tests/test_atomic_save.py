"""A writer killed at any moment leaves a session file that still loads whole."""

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workshop_tui.store.atomic import create_new
from workshop_tui.store.toml_files import load_session, save_session
from tests.conftest import small_session

WRITER = """
import sys, time
from workshop_tui.model import Note
from workshop_tui.store.toml_files import save_session
from tests.conftest import small_session

path = sys.argv[1]
session = small_session()
count = 0
while True:
    count += 1
    # Sizes swing between small and large, so a torn write would show as a broken file.
    session.notes = [
        Note(id=f"n{i}", at=session.started_at, step="s1", text=f"save {count} " + "x" * (count % 7) * 500)
        for i in range(1 + (count % 5) * 40)
    ]
    started = time.perf_counter()
    save_session(session, path)
    print(time.perf_counter() - started, flush=True)
"""


def test_killing_the_writer_mid_save_never_leaves_a_broken_file(tmp_path: Path):
    path = tmp_path / "session.toml"
    root = Path(__file__).resolve().parent.parent
    # A seeded choice of kill moments: the same every run, spread across the save.
    moments = random.Random(2026)
    for round_number in range(40):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE, text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
        )
        # Wait for a few finished saves, then kill at a moment inside the next one.
        for _ in range(1 + round_number % 4):
            save_seconds = float(writer.stdout.readline())
        time.sleep(moments.uniform(0, save_seconds))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        loaded = load_session(path)
        assert loaded.notes and loaded.notes[0].text.startswith("save ")
    leftovers = [name for name in os.listdir(tmp_path) if name != "session.toml"]
    # A killed save may leave its temporary file behind, but never in place of the real one.
    assert all(name.startswith(".session.toml.") for name in leftovers)


def test_saved_session_is_readable_by_its_owner_only(tmp_path: Path):
    path = tmp_path / "private.toml"
    save_session(small_session(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    save_session(small_session(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_creating_a_new_file_never_replaces_an_existing_one(tmp_path: Path):
    path = tmp_path / "taken.toml"
    path.write_text("precious")
    with pytest.raises(FileExistsError):
        create_new(path, b"new")
    assert path.read_text() == "precious"
    assert os.listdir(tmp_path) == ["taken.toml"]


def test_a_new_file_is_made_even_where_hard_links_are_not_allowed(tmp_path: Path, monkeypatch):
    import errno

    from workshop_tui.store import atomic

    def no_links(*args):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    create_new(tmp_path / "new.toml", b"whole")
    assert (tmp_path / "new.toml").read_bytes() == b"whole"
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        create_new(tmp_path / "new.toml", b"again")
    assert sorted(os.listdir(tmp_path)) == ["new.toml"]
