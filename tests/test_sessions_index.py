"""The sessions index: fast to open again, re-reads only what changed, private, and honest about damage."""

import os
import stat
from pathlib import Path

from workshop_tui.store import sessions_index
from workshop_tui.store.sessions_index import INDEX_NAME, SessionsIndex
from workshop_tui.store.toml_files import save_session
from tests.example_sessions import shortlisting_panel, training_part_1


def test_only_new_or_changed_files_are_read_again(tmp_path: Path, monkeypatch):
    save_session(training_part_1(), tmp_path / "a.toml")
    save_session(shortlisting_panel(), tmp_path / "b.toml")
    reads = []
    real = sessions_index.load_session
    monkeypatch.setattr(sessions_index, "load_session", lambda path: reads.append(path.name) or real(path))

    first = SessionsIndex(tmp_path).entries()
    assert sorted(reads) == ["a.toml", "b.toml"]
    reads.clear()
    again = SessionsIndex(tmp_path).entries()
    assert reads == [] and again == first

    changed = training_part_1()
    changed.title = "Renamed"
    save_session(changed, tmp_path / "a.toml")
    os.utime(tmp_path / "a.toml", ns=(1, 1))  # a different time, whatever the clock's resolution
    lines = {line.path.name: line for line, _ in SessionsIndex(tmp_path).entries()}
    assert reads == ["a.toml"] and lines["a.toml"].title == "Renamed"


def test_the_index_is_private_and_damaged_files_are_listed_with_their_problem(tmp_path: Path):
    save_session(training_part_1(), tmp_path / "a.toml")
    (tmp_path / "broken.toml").write_text("title = ")
    entries = {line.path.name: (line, text) for line, text in SessionsIndex(tmp_path).entries()}
    assert "not valid TOML" in entries["broken.toml"][0].problem
    assert "buses stop at six" in entries["a.toml"][1]
    assert stat.S_IMODE((tmp_path / INDEX_NAME).stat().st_mode) == 0o600


def test_a_broken_index_is_rebuilt(tmp_path: Path):
    save_session(training_part_1(), tmp_path / "a.toml")
    (tmp_path / INDEX_NAME).write_text("{not json")
    assert [line.title for line, _ in SessionsIndex(tmp_path).entries()] == ["Co-production training, part 1 (Leeds)"]
