"""Every bad file gets one clear sentence naming the file and what to do, and exit status 2."""

import os
import subprocess
import sys
from collections.abc import Callable
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
    (
        "an unknown step kind",
        HEAD + GOOD_STEP.replace("activity", "brainstorm"),
        ["steps[1].kind", "'brainstorm'", "discussion"],
    ),
    ("negative minutes", HEAD + GOOD_STEP.replace("10", "-5"), ["steps[1].planned_minutes", "at least 1"]),
    (
        "a newer schema version",
        "schema_version = 99\n" + HEAD + GOOD_STEP,
        ["newer workshop-tui", "Update workshop-tui"],
    ),
    ("an empty file", "", ["the file is empty"]),
    ("a binary file", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", ["not a text file"]),
    ("an unknown field", HEAD + GOOD_STEP + 'colour = "red"\n', ["steps[1].colour", "check the spelling"]),
    ("no steps", HEAD, ["steps", "is missing"]),
    ("an empty title", 'name = "bad"\ntitle = ""\n' + GOOD_STEP, ["title", "needs some text"]),
    ("a bad plan name", 'name = "Bad Name!"\ntitle = "x"\n' + GOOD_STEP, ["name"]),
]


@pytest.mark.parametrize("content, words", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_plan_file_gets_a_clear_message_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: list[str]
) -> None:
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


def test_a_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nowhere.toml")]) == 2
    assert "there is no such file" in capsys.readouterr().err


def test_a_folder_instead_of_a_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "plan.toml"
    folder.mkdir()
    assert main(["check", str(folder)]) == 2
    assert "this is a folder, not a file" in capsys.readouterr().err


def test_every_problem_in_a_plan_is_reported_with_its_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two-problems.toml"
    path.write_text(HEAD + GOOD_STEP.replace("10", "0") + GOOD_STEP.replace("activity", "nap"))
    assert main(["check", str(path)]) == 2
    error = capsys.readouterr().err
    assert "steps[1].planned_minutes" in error
    assert "steps[2].kind" in error


def test_bad_command_line_gets_one_sentence_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("workshop-tui: ")
    assert "workshop-tui --help" in error
    assert len(error.splitlines()) == 1


@pytest.mark.parametrize("arguments", [["check"], ["check", "no-such-plan"], ["--no-such-option"]])
def test_the_installed_command_never_shows_a_traceback(arguments: list[str], tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workshop_tui", *arguments],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_a_session_with_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.toml"
    save_session(small_session(), path)
    text = path.read_text().replace("schema_version = 2\n", "schema_version = 3\n", 1)
    path.write_text(text)
    with pytest.raises(FileProblem, match="newer workshop-tui"):
        load_session(path)
    assert path.read_text() == text


def test_an_event_that_does_not_fit_the_events_before_it_is_refused_by_its_place(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    save_session(finished_session(), path)
    # A move to the next step that does not say which step it moved to.
    path.write_text(path.read_text().replace('kind = "timer.start"', 'kind = "step.next"'))
    with pytest.raises(FileProblem, match=r"events\[2\]: this event cannot be applied"):
        load_session(path)


def test_a_datetime_without_an_offset_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "naive.toml"
    save_session(small_session(), path)
    head, start = path.read_text().split("[session]\n", 1)
    path.write_text(head + "[session]\n" + start.replace("10:00:00+01:00", "10:00:00", 1))
    with pytest.raises(FileProblem, match=r"started_at.*UTC offset"):
        load_session(path)


# Any plan file, however malformed, given to the real command: one sentence and status 2, never a hang.


def _make_deep(path: Path) -> None:
    path.write_text("a = " + "[" * 100_000 + "\n")


def _make_deep_but_parseable(path: Path) -> None:
    path.write_text(HEAD + "extra = " + "[" * 300 + "]" * 300 + "\n" + GOOD_STEP)


def _make_utf16(path: Path) -> None:
    path.write_text(HEAD + GOOD_STEP, encoding="utf-16")


def _make_latin1(path: Path) -> None:
    path.write_bytes((HEAD + GOOD_STEP).replace("Welcome", "Caf\xe9").encode("latin-1"))


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _make_loop(path: Path) -> None:
    other = path.with_name("other.toml")
    other.symlink_to(path.name)
    path.symlink_to(other.name)


def _make_folder(path: Path) -> None:
    path.mkdir()


def _make_empty(path: Path) -> None:
    path.write_bytes(b"")


def _make_blank(path: Path) -> None:
    path.write_text(" \n\n\t\n")


def _make_huge(path: Path) -> None:
    with path.open("wb") as file:  # 200 MB, sparse, so the test writes almost nothing
        file.truncate(200 * 1024 * 1024)


def _make_unreadable_link(path: Path) -> None:
    path.symlink_to("/nowhere/at/all.toml")


MALFORMED = [
    ("very deep nesting", _make_deep, "nested far too deeply"),
    ("deep nesting that parses", _make_deep_but_parseable, "nested far too deeply"),
    ("UTF-16", _make_utf16, "not a text file in UTF-8"),
    ("Latin-1", _make_latin1, "not a text file in UTF-8"),
    ("a FIFO", _make_fifo, "not an ordinary file"),
    ("a link to /dev/zero", _make_zero, "not an ordinary file"),
    ("a loop of links", _make_loop, "loop of links"),
    ("a folder named x.toml", _make_folder, "this is a folder, not a file"),
    ("an empty file", _make_empty, "the file is empty"),
    ("a file of blanks", _make_blank, "the file is empty"),
    ("a 200 MB file", _make_huge, "too large"),
    ("a link to nowhere", _make_unreadable_link, "there is no such file"),
]


@pytest.mark.parametrize("command", ["check", "run"])
@pytest.mark.parametrize("make, words", [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED])
def test_a_malformed_plan_file_gets_one_sentence_and_status_2_from_the_real_command(
    tmp_path: Path, command: str, make: Callable[[Path], None], words: str
) -> None:
    path = tmp_path / "x.toml"
    make(path)
    result = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "--sessions-dir", str(tmp_path / "sessions"), command, str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert words in result.stderr and str(path) in result.stderr
    assert not (tmp_path / "sessions").exists()


def test_a_plan_saved_with_a_byte_order_mark_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Windows Notepad starts UTF-8 files with an invisible mark; the plan is still fine.
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + GOOD_STEP).encode())
    assert main(["check", str(path)]) == 0
    assert "nothing to change" in capsys.readouterr().out


def test_malformed_files_in_the_plans_folder_are_listed_with_their_problem_and_never_hang(tmp_path: Path) -> None:
    plans = tmp_path / "sessions" / "plans"
    plans.mkdir(parents=True)
    for number, (_, make, _) in enumerate(MALFORMED):
        make(plans / f"bad-{number:02}.toml")
    result = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "plans", "--sessions-dir", str(tmp_path / "sessions")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for number, (_, _, words) in enumerate(MALFORMED):
        if (plans / f"bad-{number:02}.toml").exists() or (plans / f"bad-{number:02}.toml").is_symlink():
            line = next(line for line in result.stdout.splitlines() if line.startswith(f"bad-{number:02} "))
            assert "cannot be used" in line and words in line
