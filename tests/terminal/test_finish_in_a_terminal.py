"""Finishing is never typed by accident, and a finish made by mistake is taken back (issue [10]), in a real
terminal: F8 on the last step while a note is typed, then "y" in the note; Ctrl+F answered with letters;
then Ctrl+F twice, and Ctrl+Z on the finished screen."""

from pathlib import Path

from workshop_tui.store.session_file import load_session
from tests.conftest import plan_named
from tests.terminal.tmux import TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux]


def test_a_note_typed_at_the_last_step_never_finishes_and_a_finish_is_taken_back(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    steps = plan_named("co-production-part-1").steps
    terminal = terminal_factory(80, 24)
    terminal.start(f"{installed_command()} run co-production-part-1 --quiet")
    terminal.wait_for("Paused with")
    terminal.press("t")
    # One step at a time, each seen to arrive, as a person reads the screen: on a machine slow enough that
    # a save outlasts the short wait (a slow disk is waited for once, store/open_session.py), a burst of
    # F8s can send one from a step the screen has not yet moved past, and that one is refused as stale.
    for number in range(2, len(steps) + 1):
        terminal.press("F8")
        terminal.wait_for(f"Step {number} of {len(steps)}")
    terminal.send("F8")
    terminal.wait_for("This is the last step")
    terminal.send("yes we will meet again", "Enter")
    terminal.wait_for("yes we will meet again")
    terminal.send("Escape")
    terminal.press("C-f")
    terminal.wait_for("Press Ctrl+F to finish")
    terminal.send("y", "y", "Enter")  # letters and Enter say no
    terminal.wait_until(lambda shown: "Press Ctrl+F to finish" not in shown, "the question to close")
    assert "Finished at" not in terminal.screen()
    terminal.press("C-f")
    terminal.wait_for("Press Ctrl+F to finish")
    terminal.send("C-f")
    terminal.wait_for("Finished by mistake? Press Ctrl+Z before")
    (path,) = (tmp_path / "sessions").glob("*.toml")
    assert load_session(path).status == "finished"
    terminal.send("C-z")
    terminal.wait_for("The finish was taken back")
    terminal.send("C-q")
    assert "EXITED 0" in terminal.wait_for("EXITED")
    session = load_session(path)
    assert session.status == "paused" and session.ended_at is None
    assert [note.text for note in session.notes] == ["yes we will meet again"]
