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
from workshop_tui.store.session_file import load_session, save_session
from tests.conftest import small_session

WRITER = """
import sys, time
from pathlib import Path
from workshop_tui.core.clock import FakeClock
from workshop_tui.store.open_session import Command, OpenSession
from tests.conftest import small_plan

# A session that grows note by note; every tenth note moves on a step, so the whole file is
# written again then (a compaction), and the other saves append. Sizes swing between small and large.
clock = FakeClock()
owner = OpenSession.create(Path(sys.argv[1]), small_plan(), "Killed", clock, gather_seconds=3600)
number = 0
while True:
    number += 1
    clock.advance(seconds=7)
    owner.apply(Command("add_note", {"typed": f"note {number} " + "x" * (number % 7) * 500}))
    if number % 10 == 0:
        owner.apply(Command("next_step" if number % 20 else "previous_step"))
    started = time.perf_counter()
    assert owner.save_now().ok
    # Only now is the note known to be on disk.
    print(number, time.perf_counter() - started, flush=True)
"""


def test_killing_the_writer_at_any_moment_keeps_every_save_before_it(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    # A seeded choice of kill moments: the same every run, spread across a save.
    moments = random.Random(2026)
    # 40 kills in a run (about 20 seconds); FAULT_RUNS=N kills 100 times N, as a longer hunt for a rare one.
    rounds = 100 * int(os.environ["FAULT_RUNS"]) if os.environ.get("FAULT_RUNS") else 40
    for round_number in range(rounds):
        folder = tmp_path / f"round-{round_number}"
        folder.mkdir()
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert writer.stdout is not None
        # Wait for some finished saves, then kill at a moment inside a later one.
        for _ in range(1 + round_number % 25):
            confirmed, save_seconds = writer.stdout.readline().split()
        time.sleep(moments.uniform(0, float(save_seconds) * 3))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        [path] = folder.glob("*.toml")
        texts = [note.text.split()[:2] for note in load_session(path).notes]
        # Every confirmed note is there, in order, and nothing else: at most the note being saved.
        assert len(texts) >= int(confirmed)
        assert texts == [["note", str(number)] for number in range(1, len(texts) + 1)]
        leftovers = [p.name for p in folder.iterdir() if p.name not in (path.name, f".{path.name}.lock")]
        # A killed save may leave its temporary file behind, but never in place of the real one.
        assert all(name.startswith(f".{path.name}.") and name.endswith(".saving") for name in leftovers)


def test_saved_session_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "private.toml"
    save_session(small_session(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    save_session(small_session(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_creating_a_new_file_never_replaces_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "taken.toml"
    path.write_text("precious")
    with pytest.raises(FileExistsError):
        create_new(path, b"new")
    assert path.read_text() == "precious"
    assert os.listdir(tmp_path) == ["taken.toml"]


def test_a_new_file_is_made_even_where_hard_links_are_not_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("workshop_tui.store.atomic.os.link", no_links)
    create_new(tmp_path / "new.toml", b"whole")
    assert (tmp_path / "new.toml").read_bytes() == b"whole"
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        create_new(tmp_path / "new.toml", b"again")
    assert sorted(os.listdir(tmp_path)) == ["new.toml"]
