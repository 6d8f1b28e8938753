"""Listing the sessions folder: from the head of each file, fast to open again, private, and never
fooled or crashed by a damaged index or odd files."""

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.store import session_file, sessions_index
from workshop_tui.store.session_file import read_summary, save_session
from workshop_tui.store.sessions_index import INDEX_NAME, INDEX_VERSION, SessionsIndex, search_words
from tests.example_sessions import shortlisting_panel, training_part_1


def _titles(folder: Path) -> dict[str, str]:
    return {line.path.name: line.title for line in SessionsIndex(folder).lines()}


def test_a_folder_is_listed_from_the_head_of_each_file_without_loading_a_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_session(training_part_1(), tmp_path / "a.toml")

    def no_whole_loads(path: Path) -> None:
        raise AssertionError("a whole session was loaded to list it")

    monkeypatch.setattr(session_file, "load_session", no_whole_loads)
    [line] = SessionsIndex(tmp_path).lines()
    assert (line.title, line.status, line.notes, line.decisions, line.open_actions) == (
        "Co-production training, part 1 (Leeds)",
        "finished",
        17,
        1,
        3,
    )


def test_only_new_or_changed_files_are_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_session(training_part_1(), tmp_path / "a.toml")
    save_session(shortlisting_panel(), tmp_path / "b.toml")
    reads: list[str] = []

    def counted(path: Path) -> dict[str, Any]:
        reads.append(path.name)
        return read_summary(path)  # the index's own, from the session file

    monkeypatch.setattr(sessions_index, "read_summary", counted)

    first = SessionsIndex(tmp_path).lines()
    assert sorted(reads) == ["a.toml", "b.toml"]
    reads.clear()
    assert SessionsIndex(tmp_path).lines() == first and reads == []

    changed = training_part_1()
    changed.title = "Renamed"
    before = (tmp_path / "a.toml").stat()
    save_session(changed, tmp_path / "a.toml")
    # Same size and the same modification time as before: the change is still noticed.
    os.utime(tmp_path / "a.toml", ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _titles(tmp_path)["a.toml"] == "Renamed" and reads == ["a.toml"]


def test_the_index_is_private_and_damaged_files_are_listed_with_their_problem(tmp_path: Path) -> None:
    save_session(training_part_1(), tmp_path / "a.toml")
    (tmp_path / "broken.toml").write_text("title = ")
    lines = {line.path.name: line for line in SessionsIndex(tmp_path).lines()}
    assert "not valid TOML" in lines["broken.toml"].problem
    assert stat.S_IMODE((tmp_path / INDEX_NAME).stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "index",
    [
        "{not json",
        "null",
        "[]",
        '{"version": VERSION, "files": null}',
        '{"version": VERSION, "files": []}',
        '{"version": VERSION, "files": {"a.toml": null}}',
        '{"version": VERSION, "files": {"a.toml": {"stamp": STAMP}}}',
        '{"version": VERSION, "files": {"a.toml": {"stamp": STAMP, "line": {"title": 7}}}}',
        '{"version": VERSION, "files": {"a.toml": {"stamp": STAMP, "line": LINE_WITH_BAD_DATE}}}',
        "[" * 100_000,
    ],
)
def test_an_index_of_the_wrong_shape_is_rebuilt_not_trusted(tmp_path: Path, index: str) -> None:
    save_session(training_part_1(), tmp_path / "a.toml")
    good = json.loads(json.dumps(SessionsIndex(tmp_path).lines() and json.loads((tmp_path / INDEX_NAME).read_text())))
    entry = good["files"]["a.toml"]
    bad_date = {**entry["line"], "started_at": "the eighth of July"}
    (tmp_path / INDEX_NAME).write_text(
        index.replace("VERSION", str(INDEX_VERSION))
        .replace("STAMP", json.dumps(entry["stamp"]))
        .replace("LINE_WITH_BAD_DATE", json.dumps(bad_date))
    )
    assert _titles(tmp_path) == {"a.toml": "Co-production training, part 1 (Leeds)"}
    assert json.loads((tmp_path / INDEX_NAME).read_text()) == good


def test_paths_come_from_the_folder_never_from_the_index(tmp_path: Path) -> None:
    save_session(training_part_1(), tmp_path / "a.toml")
    SessionsIndex(tmp_path).lines()
    index = json.loads((tmp_path / INDEX_NAME).read_text())
    index["files"]["elsewhere.toml"] = {**index["files"]["a.toml"], "path": "/etc/passwd"}
    (tmp_path / INDEX_NAME).write_text(json.dumps(index))
    assert [line.path for line in SessionsIndex(tmp_path).lines()] == [tmp_path / "a.toml"]


def test_a_pipe_a_device_and_a_folder_named_like_sessions_are_listed_as_what_they_are(tmp_path: Path) -> None:
    save_session(training_part_1(), tmp_path / "a.toml")
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    (tmp_path / "folder.toml").mkdir()
    lines = {line.path.name: line.problem for line in SessionsIndex(tmp_path).lines()}
    assert lines["a.toml"] == ""
    assert "not an ordinary file" in lines["pipe.toml"] and "not an ordinary file" in lines["zero.toml"]
    assert "folder, not a file" in lines["folder.toml"]
    assert search_words(tmp_path / "pipe.toml") == "" and search_words(tmp_path / "zero.toml") == ""


def test_search_words_hold_titles_notes_and_decisions(tmp_path: Path) -> None:
    save_session(training_part_1(), tmp_path / "a.toml")
    words = search_words(tmp_path / "a.toml")
    assert "buses stop at six" in words and "group agreement" in words and "leeds" in words
