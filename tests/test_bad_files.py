"""Every bad file gets one clear sentence naming the file and what to do, and exit status 2."""

import subprocess
import sys
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session, save_session
from tests.conftest import finished_session, small_session

GOOD_STEP = '[[steps]]\ntitle = "Welcome"\nkind = "activity"\nplanned_minutes = 10\n'
HEAD = 'name = "bad"\ntitle = "A bad plan"\n'

# (what is wrong, file bytes or None for special cases, words the message must contain)
CASES = [
    ("broken TOML", HEAD + '[[steps]]\ntitle = "Welcome\n', ["line 4", "not valid TOML"]),
    ("a wrong type", HEAD + GOOD_STEP.replace("10", '"ten"'), ["steps[1].planned_minutes", "'ten'"]),
    ("a missing field", 'name = "bad"\n' + GOOD_STEP, ["title", "is missing"]),
    ("an unknown step kind", HEAD + GOOD_STEP.replace("activity", "brainstorm"), ["steps[1].kind", "'brainstorm'", "discussion"]),
    ("negative minutes", HEAD + GOOD_STEP.replace("10", "-5"), ["steps[1].planned_minutes", "at least 1"]),
    ("a newer schema version", "schema_version = 99\n" + HEAD + GOOD_STEP, ["newer workshop-tui", "Update workshop-tui"]),
    ("an empty file", "", ["the file is empty"]),
    ("a binary file", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", ["not a text file"]),
    ("an unknown field", HEAD + GOOD_STEP + 'colour = "red"\n', ["steps[1].colour", "check the spelling"]),
    ("no steps", HEAD, ["steps", "is missing"]),
    ("an empty title", 'name = "bad"\ntitle = ""\n' + GOOD_STEP, ["title", "needs some text"]),
    ("a bad plan name", 'name = "Bad Name!"\ntitle = "x"\n' + GOOD_STEP, ["name"]),
]


@pytest.mark.parametrize("content, words", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_plan_file_gets_a_clear_message_and_status_2(tmp_path: Path, capsys, content, words):
    path = tmp_path / "bad.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = path.read_bytes()

    status = main(["--sessions-dir", str(tmp_path), "check", str(path)])

    error = capsys.readouterr().err
    assert status == 2
    assert str(path) in error
    for word in words:
        assert word in error
    assert "Traceback" not in error
    assert path.read_bytes() == before  # a file that failed to load is never changed


def test_a_missing_file_is_named(tmp_path: Path, capsys):
    assert main(["check", str(tmp_path / "nowhere.toml")]) == 2
    assert "there is no such file" in capsys.readouterr().err


def test_a_folder_instead_of_a_file_is_named(tmp_path: Path, capsys):
    folder = tmp_path / "plan.toml"
    folder.mkdir()
    assert main(["check", str(folder)]) == 2
    assert "this is a folder, not a file" in capsys.readouterr().err


def test_every_problem_in_a_plan_is_reported_with_its_field(tmp_path: Path, capsys):
    path = tmp_path / "two-problems.toml"
    path.write_text(HEAD + GOOD_STEP.replace("10", "0") + GOOD_STEP.replace("activity", "nap"))
    assert main(["check", str(path)]) == 2
    error = capsys.readouterr().err
    assert "steps[1].planned_minutes" in error
    assert "steps[2].kind" in error


def test_bad_command_line_gets_one_sentence_and_status_2(capsys):
    assert main(["frobnicate"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("workshop-tui: ")
    assert "workshop-tui --help" in error
    assert len(error.splitlines()) == 1


@pytest.mark.parametrize("arguments", [["check"], ["check", "no-such-plan"], ["--no-such-option"]])
def test_the_installed_command_never_shows_a_traceback(arguments, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "workshop_tui", *arguments],
        capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_a_session_with_a_newer_schema_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "future.toml"
    save_session(small_session(), path)
    text = path.read_text().replace("schema_version = 2\n", "schema_version = 3\n", 1)
    path.write_text(text)
    with pytest.raises(FileProblem, match="newer workshop-tui"):
        load_session(path)
    assert path.read_text() == text


def test_an_event_that_does_not_fit_the_events_before_it_is_refused_by_its_place(tmp_path: Path):
    path = tmp_path / "odd.toml"
    save_session(finished_session(), path)
    # A move to the next step that does not say which step it moved to.
    path.write_text(path.read_text().replace('kind = "timer.start"', 'kind = "step.next"'))
    with pytest.raises(FileProblem, match=r"events\[2\]: this event cannot be applied"):
        load_session(path)


def test_a_datetime_without_an_offset_is_refused(tmp_path: Path):
    path = tmp_path / "naive.toml"
    save_session(small_session(), path)
    head, start = path.read_text().split("[session]\n", 1)
    path.write_text(head + "[session]\n" + start.replace("10:00:00+01:00", "10:00:00", 1))
    with pytest.raises(FileProblem, match=r"started_at.*UTC offset"):
        load_session(path)
