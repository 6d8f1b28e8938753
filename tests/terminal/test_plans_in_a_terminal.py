"""Writing a plan, checking it, printing its agenda and learning its timings, with the installed
command in a real terminal, as a facilitator preparing a workshop would."""

import subprocess
from pathlib import Path

from workshop_tui.store.toml_files import load_plan
from tests.example_sessions import EARLIER_RUNS, save_examples
from tests.terminal.tmux import TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_command(), *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_a_new_plan_written_at_80x24_is_checked_and_printed(terminal_factory: TerminalFactory, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    terminal = terminal_factory(80, 24)
    terminal.start(f"{installed_command()} --sessions-dir {sessions} plan edit coffee-morning")
    terminal.wait_until(lambda shown: "No steps yet" in shown and "Save" in shown, "the empty editor and its keys")
    terminal.send("d")
    terminal.wait_for("Starts at")
    terminal.press("Tab")  # to the short name
    terminal.press("Tab")  # to when it starts
    terminal.type("10:00")
    terminal.press("Tab")
    terminal.send("11:00", "C-s")
    terminal.wait_until(lambda shown: "Starts at" not in shown, "the details form to close")
    terminal.send("i")
    terminal.wait_for("A step of my own")
    terminal.send("Down")  # the check-in round
    terminal.wait_for("How are you arriving today?")
    terminal.send("Enter")
    terminal.wait_for("Instructions for whoever runs it")
    terminal.send("C-s")
    terminal.wait_until(
        lambda shown: "Instructions for" not in shown and "Check-in round" in shown, "the step in the plan"
    )
    terminal.send("a")
    terminal.wait_for("Add a step")
    terminal.type("Vote on the venue")
    terminal.press("Tab")  # to the minutes, chosen whole, so what is typed replaces them
    terminal.type("15")
    terminal.press("Tab")  # to the kind of step
    terminal.send("Enter")
    terminal.wait_for("presentation")  # the kinds are open
    terminal.send("Down", "Down", "Down", "Enter")  # activity, discussion, break, decision
    terminal.wait_for("How the group decides")
    terminal.send("C-s")
    terminal.wait_until(lambda shown: "How the group decides" not in shown, "the form to close")
    screen = terminal.wait_until(
        lambda shown: "Vote on the venue" in shown and "to look at" in shown, "the step and the checks"
    )
    assert "10:10" in screen  # the vote starts when the check-in ends
    assert "decision step does not say how the group decides" in " ".join(screen.split())
    terminal.send("C-s")
    terminal.wait_for("as version 1,")
    terminal.send("Escape")
    assert "EXITED 0" in terminal.wait_for("EXITED")

    saved = load_plan(sessions / "plans" / "coffee-morning.toml")
    assert [step.title for step in saved.steps] == ["Check-in round", "Vote on the venue"]
    checked = run("--sessions-dir", str(sessions), "check", "coffee-morning", cwd=tmp_path)
    assert checked.returncode == 1 and "does not say how the group decides" in checked.stdout
    printed = run("--sessions-dir", str(sessions), "plan", "print", "coffee-morning", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    page = (tmp_path / "coffee-morning-agenda.html").read_text()
    assert "10:00 to 10:10" in page and "10:10 to 10:25" in page and "We finish at 10:25" in page


def test_timings_learned_from_past_sessions_at_160x48(terminal_factory: TerminalFactory, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    save_examples(sessions, EARLIER_RUNS)
    terminal = terminal_factory(160, 48)
    terminal.start(f"{installed_command()} --sessions-dir {sessions}")
    terminal.wait_until(lambda shown: "Commissioning panel" in shown and "Timings" in shown, "the plans and the footer")
    terminal.send("t")
    screen = terminal.wait_for("5 past sessions")
    assert "Started late in 5 of 5 sessions" in screen
    assert "Check-in round (activity)" in screen and "█" in screen
    terminal.send("u")
    terminal.wait_for("Save the suggested timings")
    terminal.send("y")
    terminal.wait_for("as version 2,")
    terminal.send("C-q")
    assert "EXITED 0" in terminal.wait_for("EXITED")
    mine = load_plan(sessions / "plans" / "co-production-part-1.toml")
    assert mine.version == 2 and mine.steps[1].planned_minutes == 20  # the check-in usually took 18 to 20
    listed = run("--sessions-dir", str(sessions), "plans", cwd=tmp_path)
    assert "your version 2" in listed.stdout
