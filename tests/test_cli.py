"""The command line: version, help, plans and check."""

import subprocess
import sys
from pathlib import Path

from workshop_tui import __version__
from workshop_tui.cli import main
from workshop_tui.store.plan_library import builtin_plan_paths


def test_version_is_printed(capsys):
    try:
        main(["--version"])
    except SystemExit as stop:
        assert stop.code == 0
    assert capsys.readouterr().out.strip() == f"workshop-tui {__version__}"


def test_help_names_every_command():
    result = subprocess.run([sys.executable, "-m", "workshop_tui", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for word in ["plans", "check", "--sessions-dir", "WORKSHOP_TUI_SESSIONS"]:
        assert word in result.stdout


def test_plans_lists_the_three_built_in_plans_with_their_length(capsys, tmp_path: Path):
    assert main(["--sessions-dir", str(tmp_path), "plans"]) == 0
    out = capsys.readouterr().out
    assert "Co-production training, part 1" in out
    assert "Co-production training, part 2" in out
    assert "Commissioning panel: shortlisting" in out
    assert "hour" in out


def test_plans_also_lists_plan_files_in_the_sessions_folder(capsys, tmp_path: Path):
    (tmp_path / "plans").mkdir()
    source = builtin_plan_paths()[0].read_text().replace('name = "co-production-part-1"', 'name = "our-own"')
    (tmp_path / "plans" / "our-own.toml").write_text(source)
    (tmp_path / "plans" / "broken.toml").write_text("name = ")
    assert main(["--sessions-dir", str(tmp_path), "plans"]) == 0
    out = capsys.readouterr().out
    assert "our-own" in out
    assert "broken" in out and "cannot be used" in out


def test_check_passes_every_built_in_plan(capsys):
    for path in builtin_plan_paths():
        assert main(["check", path.stem]) == 0
    assert capsys.readouterr().out.count("no problems found") == 3


def test_check_reports_pacing_problems_with_status_2(capsys, tmp_path: Path):
    path = tmp_path / "marathon.toml"
    path.write_text(
        'name = "marathon"\ntitle = "Marathon"\n'
        '[[steps]]\ntitle = "Talk"\nplanned_minutes = 90\n'
    )
    assert main(["check", str(path)]) == 2
    error = capsys.readouterr().err
    assert "step 1" in error and "90 minutes without a break" in error


def test_resume_with_no_unfinished_session_says_how_to_start_one(capsys, tmp_path: Path):
    assert main(["--sessions-dir", str(tmp_path), "resume"]) == 2
    error = capsys.readouterr().err
    assert "there is no unfinished session" in error and "workshop-tui run PLAN" in error


def test_resume_refuses_a_finished_session(capsys, tmp_path: Path):
    from workshop_tui.store.session_file import save_session
    from tests.conftest import finished_session

    save_session(finished_session(), tmp_path / "done.toml")
    assert main(["--sessions-dir", str(tmp_path), "resume", "done"]) == 2
    assert "has finished, so it cannot be carried on" in capsys.readouterr().err


def test_resume_of_a_missing_session_names_it(capsys, tmp_path: Path):
    assert main(["--sessions-dir", str(tmp_path), "resume", "nope"]) == 2
    assert "nope: there is no such session file" in capsys.readouterr().err


def test_run_with_an_unknown_plan_or_empty_title_gets_one_sentence(capsys, tmp_path: Path):
    assert main(["--sessions-dir", str(tmp_path), "run", "no-such-plan"]) == 2
    assert "no built-in plan with this name" in capsys.readouterr().err
    assert main(["--sessions-dir", str(tmp_path), "run", "co-production-part-1", "--title", " "]) == 2
    assert "--title is empty" in capsys.readouterr().err
    assert not (tmp_path / "plans").exists() and list(tmp_path.iterdir()) == []
