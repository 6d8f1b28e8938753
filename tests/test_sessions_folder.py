"""New session files: safe names, never replacing a file, private to their owner."""

import stat
from pathlib import Path

from workshop_tui.store.session_file import load_session
from workshop_tui.store.sessions_dir import own_sessions_dir
from workshop_tui.store.sessions_folder import SessionsFolder, choose_sessions_dir, safe_name
from tests.conftest import small_session


def test_a_new_session_file_is_named_from_its_start_time_and_title(sessions_dir: Path) -> None:
    path = SessionsFolder(sessions_dir).create(small_session("Co-production training, part 1"))
    assert path.name == "2026-07-08-1000-co-production-training-part-1.toml"
    assert load_session(path).title == "Co-production training, part 1"


def test_the_sessions_folder_is_made_on_first_save(sessions_dir: Path) -> None:
    assert not sessions_dir.exists()
    SessionsFolder(sessions_dir).create(small_session())
    assert sessions_dir.is_dir()


def test_a_second_session_with_the_same_name_gets_its_own_file(sessions_dir: Path) -> None:
    folder = SessionsFolder(sessions_dir)
    first = folder.create(small_session("Panel"))
    first_text = first.read_text()
    second = folder.create(small_session("Panel"))
    assert second != first
    assert second.name.endswith("-panel-2.toml")
    assert first.read_text() == first_text


def test_new_session_files_are_readable_by_their_owner_only(sessions_dir: Path) -> None:
    path = SessionsFolder(sessions_dir).create(small_session())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_titles_cannot_escape_the_folder_or_hide_control_characters(sessions_dir: Path) -> None:
    for title in ["../../etc/passwd", "a/b\\c", "..", "tab\there\x00nul\x1b[31m", "   ", "Café Zoë 日本"]:
        path = SessionsFolder(sessions_dir).create(small_session(title))
        assert path.parent == sessions_dir
        assert ".." not in path.name and "/" not in path.name and "\\" not in path.name
        assert all(ch.isprintable() for ch in path.name)


def test_safe_name_keeps_words_readable() -> None:
    assert safe_name("Commissioning panel: shortlisting!") == "commissioning-panel-shortlisting"
    assert safe_name("../..") == "session"
    assert safe_name("Café Zoë") == "café-zoë"


def test_the_sessions_folder_comes_from_the_option_then_the_environment_then_the_default(tmp_path: Path) -> None:
    env = {"WORKSHOP_TUI_SESSIONS": "/from/env"}
    assert choose_sessions_dir("/given", env) == Path("/given")
    assert choose_sessions_dir(None, env) == Path("/from/env")
    # With neither: a sessions folder where it runs (the repository's examples), else the person's own.
    here = tmp_path / "course"
    (here / "sessions").mkdir(parents=True)
    assert choose_sessions_dir(None, {}, here) == here / "sessions"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert choose_sessions_dir(None, {}, elsewhere) == own_sessions_dir()
    assert own_sessions_dir().parts[-2:] == ("workshop-tui", "sessions")


def test_a_session_named_like_a_folder_or_a_pipe_is_said_to_be_one(tmp_path: Path) -> None:
    import os

    import pytest

    from workshop_tui.store.problems import FileProblem
    from workshop_tui.store.session_file import load_session
    from workshop_tui.store.sessions_folder import SessionsFolder

    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "pipe.toml")
    folder = SessionsFolder(tmp_path)
    with pytest.raises(FileProblem, match="folder, not a file"):
        load_session(folder.find("folder"))
    with pytest.raises(FileProblem, match="not an ordinary file"):
        load_session(folder.find("pipe.toml"))
