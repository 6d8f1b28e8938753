"""The command line: version, help, plans and check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workshop_tui import __version__
from workshop_tui.cli import main
from workshop_tui.store.plan_library import builtin_plan_paths


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        main(["--version"])
    except SystemExit as stop:
        assert stop.code == 0
    assert capsys.readouterr().out.strip() == f"workshop-tui {__version__}"


def test_help_names_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "workshop_tui", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for word in ["plans", "check", "--sessions-dir", "WORKSHOP_TUI_SESSIONS"]:
        assert word in result.stdout


def test_plans_lists_the_three_built_in_plans_with_their_length(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--sessions-dir", str(tmp_path), "plans"]) == 0
    out = capsys.readouterr().out
    assert "Co-production training, part 1" in out
    assert "Co-production training, part 2" in out
    assert "Commissioning panel: shortlisting" in out
    assert "hour" in out


def test_plans_also_lists_plan_files_in_the_sessions_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    source = builtin_plan_paths()[0].read_text().replace('name = "co-production-part-1"', 'name = "our-own"')
    (tmp_path / "plans" / "our-own.toml").write_text(source)
    (tmp_path / "plans" / "broken.toml").write_text("name = ")
    assert main(["--sessions-dir", str(tmp_path), "plans"]) == 0
    out = capsys.readouterr().out
    assert "our-own" in out
    assert "broken" in out and "cannot be used" in out


def test_check_passes_every_built_in_plan(capsys: pytest.CaptureFixture[str]) -> None:
    for path in builtin_plan_paths():
        assert main(["check", path.stem]) == 0
    assert capsys.readouterr().out.count("nothing to change") == 3


def test_resume_with_no_unfinished_session_says_how_to_start_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--sessions-dir", str(tmp_path), "resume"]) == 2
    error = capsys.readouterr().err
    assert "there is no unfinished session" in error and "workshop-tui run PLAN" in error


def test_resume_refuses_a_finished_session(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from workshop_tui.store.session_file import save_session
    from tests.conftest import finished_session

    save_session(finished_session(), tmp_path / "done.toml")
    assert main(["--sessions-dir", str(tmp_path), "resume", "done"]) == 2
    assert "has finished, so it cannot be carried on" in capsys.readouterr().err


def test_resume_of_a_missing_session_names_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--sessions-dir", str(tmp_path), "resume", "nope"]) == 2
    assert "nope: there is no such session file" in capsys.readouterr().err


def test_run_with_an_unknown_plan_or_empty_title_gets_one_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--sessions-dir", str(tmp_path), "run", "no-such-plan"]) == 2
    assert "no plan with this name" in capsys.readouterr().err
    assert main(["--sessions-dir", str(tmp_path), "run", "co-production-part-1", "--title", " "]) == 2
    assert "--title is empty" in capsys.readouterr().err
    assert not (tmp_path / "plans").exists() and list(tmp_path.iterdir()) == []


# Global options go before or after the command, the way people type them.


@pytest.fixture
def no_screen(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """open_app records the sessions folder it was given instead of opening a screen."""
    opened: list[Path] = []

    def record(sessions_dir: Path, opening: object = None, quiet: bool = False, theme: str | None = None) -> int:
        opened.append(Path(sessions_dir))
        return 0

    monkeypatch.setattr("workshop_tui.cli.screen.open_app", record)
    monkeypatch.setattr("workshop_tui.cli.screen.check_terminal", lambda: None)  # the test run has no terminal
    return opened


def _own_plan(folder: Path) -> None:
    (folder / "plans").mkdir(parents=True)
    source = builtin_plan_paths()[0].read_text().replace('name = "co-production-part-1"', 'name = "our-own"')
    (folder / "plans" / "our-own.toml").write_text(source)


def test_sessions_dir_after_plans_and_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "elsewhere"
    _own_plan(folder)
    assert main(["plans", "--sessions-dir", str(folder)]) == 0
    assert "our-own" in capsys.readouterr().out
    assert main(["check", "our-own", "--sessions-dir", str(folder)]) == 0
    assert main(["check", f"--sessions-dir={folder}", "our-own"]) == 0
    assert capsys.readouterr().out.count("nothing to change") == 2


def test_sessions_dir_after_run_resume_and_review(
    tmp_path: Path, no_screen: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "elsewhere"
    assert main(["run", "co-production-part-1", "--sessions-dir", str(folder), "--title", "Leeds"]) == 0
    made = list(folder.glob("*.toml"))
    assert len(made) == 1 and not (tmp_path / "sessions").exists()
    assert main(["resume", "--sessions-dir", str(folder)]) == 0
    assert main(["resume", made[0].stem, "--sessions-dir", str(folder)]) == 0
    assert main(["review", "--sessions-dir", str(folder)]) == 0
    assert main(["review", made[0].stem, "--sessions-dir", str(folder)]) == 0
    assert no_screen == [folder] * 5


def test_sessions_dir_after_export_and_the_later_one_wins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_tui.store.session_file import save_session
    from tests.conftest import finished_session

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    save_session(finished_session(), folder / "done.toml")
    assert main(["export", "done", "--format", "md", "--sessions-dir", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("# ")
    assert (
        main(
            [
                "--sessions-dir",
                str(tmp_path / "nowhere"),
                "export",
                "done",
                "--format",
                "md",
                "--sessions-dir",
                str(folder),
            ]
        )
        == 0
    )


def test_version_after_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["plans", "--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"workshop-tui {__version__}"


# Command-line values that are not usable text: one sentence, status 2, nothing made.

RUN = ["run", "co-production-part-1"]
BAD_VALUES = [
    ("a title over 200 characters", [*RUN, "--title", "x" * 201], "--title"),
    ("a title that is not UTF-8", [*RUN, "--title", "\udcff"], "--title"),
    ("a facilitator that is not UTF-8", [*RUN, "--facilitator", "Sam \udcff"], "--facilitator"),
    ("a note-taker that is not UTF-8", [*RUN, "--note-taker", "\udce9"], "--note-taker"),
    ("an empty title", [*RUN, "--title", "   "], "--title is empty"),
    ("an empty facilitator", [*RUN, "--facilitator", " "], "--facilitator is empty"),
    ("an empty note-taker", [*RUN, "--note-taker", ""], "--note-taker is empty"),
    ("a title with a new line", [*RUN, "--title", "Leeds\nday two"], "--title"),
    ("a facilitator with a terminal escape", [*RUN, "--facilitator", "\x1b[2JSam"], "--facilitator"),
    ("a plan name that is not UTF-8", ["run", "plan\udcff"], "PLAN"),
    ("a plan path with a new line", ["check", "a\nb.toml"], "PLAN"),
    ("an empty plan", ["check", " "], "PLAN"),
    ("a session that is not UTF-8", ["resume", "s\udcff"], "SESSION"),
    ("an empty session", ["review", ""], "SESSION"),
    ("an export file that is not UTF-8", ["export", "x", "--format", "md", "-o", "m\udcff.md"], "-o"),
    ("an empty export file", ["export", "x", "--format", "md", "-o", ""], "-o"),
    ("a sessions folder that is not UTF-8", ["--sessions-dir", "s\udcff", "plans"], "--sessions-dir"),
]


@pytest.mark.parametrize("arguments, words", [case[1:] for case in BAD_VALUES], ids=[case[0] for case in BAD_VALUES])
def test_a_command_line_value_that_is_not_usable_text_gets_one_sentence_and_status_2(
    arguments: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_screen: list[Path]
) -> None:
    status = main(
        ["--sessions-dir", str(tmp_path / "s"), *arguments] if arguments[0] != "--sessions-dir" else arguments
    )
    error = capsys.readouterr().err.strip()
    assert status == 2, error
    assert error.startswith("workshop-tui: ") and len(error.splitlines()) == 1
    assert words in error
    assert "Traceback" not in error and "pydantic" not in error
    assert no_screen == [] and not (tmp_path / "s").exists()


def test_bytes_from_the_shell_that_are_not_utf8_never_reach_the_session_file(tmp_path: Path) -> None:
    # The real command, as a shell would start it with --title $'\xff'.
    for option in [b"--title", b"--facilitator", b"--note-taker"]:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "workshop_tui",
                "--sessions-dir",
                str(tmp_path),
                "run",
                "co-production-part-1",
                option,
                b"Leeds \xff",
            ],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "not UTF-8" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_validation_error_never_escapes_main(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pydantic import ValidationError

    from workshop_tui.cli.command_line import COMMANDS
    from workshop_tui.model import Plan

    def broken(*_: object) -> None:
        Plan.model_validate({"name": "x", "title": "x" * 300, "steps": []})

    monkeypatch.setitem(COMMANDS, "plans", broken)
    with pytest.raises(ValidationError):
        broken()
    assert main(["plans"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("workshop-tui: ") and len(error.splitlines()) == 1
    assert "Traceback" not in error and "errors.pydantic.dev" not in error


def test_a_plan_file_whose_name_is_not_utf8_is_listed_not_a_crash(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    source = builtin_plan_paths()[0].read_text().replace('name = "co-production-part-1"', 'name = "cafe"')
    (plans / os.fsdecode(b"caf\xe9.toml")).write_text(source)
    result = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "plans", "--sessions-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "cafe" in result.stdout and "caf\\udce9.toml" in result.stdout


def test_a_sessions_folder_from_the_environment_is_checked_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKSHOP_TUI_SESSIONS", str(tmp_path / "a\nb"))
    assert main(["plans"]) == 2
    error = capsys.readouterr().err.strip()
    assert "WORKSHOP_TUI_SESSIONS" in error and len(error.splitlines()) == 1


def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # `workshop-tui plans | head -0`: the reader has gone before anything is written.
    reader, writer = os.pipe()
    os.close(reader)
    result = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "plans", "--sessions-dir", str(tmp_path)],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    os.close(writer)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert result.returncode == 1


def test_a_screen_with_no_terminal_to_show_it_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    # It used to start and wait for ever on a core (a script, a cron job, a pipe).
    for command in (["run", "co-production-part-1"], ["review"], []):
        result = subprocess.run(
            [sys.executable, "-m", "workshop_tui", "--sessions-dir", str(tmp_path / "sessions"), *command],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        assert result.returncode == 2 and "its screens need a terminal" in result.stderr, result.stderr
    assert not (tmp_path / "sessions").exists() or list((tmp_path / "sessions").glob("*.toml")) == []


def test_join_and_show_refuse_a_finished_session_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workshop_tui.store.session_file import save_session
    from tests.conftest import finished_session

    tmp_path.mkdir(exist_ok=True)
    save_session(finished_session(), tmp_path / "done.toml")
    for command in ("join", "show"):
        assert main([command, "done", "--sessions-dir", str(tmp_path)]) == 2
        assert "this session has finished, so there is nothing to join" in capsys.readouterr().err


LONG = "x" * 300


@pytest.mark.parametrize(
    "argv",
    [
        ["check", LONG],
        ["stats", LONG],
        ["plan", "print", LONG],
        ["plan", "edit", LONG],
        ["review", LONG],
        ["resume", LONG],
        ["export", LONG, "--format", "md"],
        ["plan", "edit", "--from", LONG],
        ["--sessions-dir", LONG, "plans"],
        ["export", "x", "--format", "md", "-o", f"/tmp/{LONG}"],
    ],
)
def test_a_name_too_long_for_a_file_is_one_sentence_not_a_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert "300 bytes long, but the name of a file or folder may be at most 255" in error
    assert "Traceback" not in error and error.count("\n") == 1


def test_check_names_a_built_in_plan_as_the_user_named_it_never_by_a_path_inside_the_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--sessions-dir", str(tmp_path), "check", "co-production-part-1"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("The built-in plan 'co-production-part-1': nothing to change.")
    assert "site-packages" not in said and "workshop_tui/plans" not in said and ".toml" not in said


def _modules_loaded_by(folder: Path, *words: str) -> set[str]:
    """The modules `python -m workshop_tui --sessions-dir FOLDER WORDS` loads, as -X importtime lists them."""
    command = [sys.executable, "-X", "importtime", "-m", "workshop_tui", "--sessions-dir", str(folder), *words]
    said = subprocess.run(command, capture_output=True, text=True).stderr
    return {line.split("|")[-1].strip() for line in said.splitlines() if line.startswith("import time:")}


SESSION_ENGINE = {"workshop_tui.store.session_file", "workshop_tui.store.sessions_folder"}


@pytest.mark.parametrize("words", [["plans"], ["check", "co-production-part-1"], ["stats", "co-production-part-1"]])
def test_the_plan_commands_load_neither_textual_nor_the_session_engine(words: list[str], tmp_path: Path) -> None:
    # So they answer at once: Textual loads only as a screen opens, the engine only for a session.
    loaded = _modules_loaded_by(tmp_path, *words)
    assert "workshop_tui.cli.plans" in loaded  # the command did run
    assert "textual" not in loaded and not loaded & SESSION_ENGINE


def test_the_usual_share_loads_neither_argparse_nor_the_rest_of_the_command_line(tmp_path: Path) -> None:
    # git's own commit and push should be most of what a share of one session costs.
    loaded = _modules_loaded_by(tmp_path, "share")
    assert "workshop_tui.cli.share" in loaded  # the command did run
    assert not loaded & {"argparse", "pydantic", "workshop_tui.cli.command_line"}
