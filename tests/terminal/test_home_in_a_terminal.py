"""The installed command, started in a real terminal as a new user would."""

from tests.terminal.tmux import TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux]


def test_the_home_screen_shows_the_built_in_plans_and_ctrl_q_quits(terminal_factory: TerminalFactory) -> None:
    terminal = terminal_factory(80, 24)
    terminal.start(installed_command())
    # The list and the footer are painted in separate frames: wait for the whole screen, not its first half.
    screen = terminal.wait_until(
        lambda shown: "Commissioning panel" in shown and "Help" in shown, "the plans and the footer"
    )
    assert "Co-production training, part 1" in screen
    assert "Co-production training, part 2" in screen
    assert "Help" in screen and "Quit" in screen
    terminal.send("C-q")
    assert "EXITED 0" in terminal.wait_for("EXITED")


def test_help_opens_with_f1_in_a_large_terminal(terminal_factory: TerminalFactory) -> None:
    terminal = terminal_factory(160, 48)
    terminal.start(installed_command())
    terminal.wait_for("Commissioning panel")
    terminal.send("F1")
    assert "What it does" in terminal.wait_for("Ctrl+Q")
    terminal.send("Escape")
    terminal.send("C-q")
    assert "EXITED 0" in terminal.wait_for("EXITED")
