"""A facilitator runs part 2 of a course in a real terminal: it asks which part 1 to follow, carries
part 1's people and open actions, an action is ticked, and part 1's minutes say so."""

from pathlib import Path

from workshop_tui.core.clock import FakeClock
from workshop_tui.store.session_file import load_session
from tests.conftest import TEN_AM
from tests.terminal.tmux import TerminalFactory, installed_command, needs_tmux
from tests.test_follow_on import make_part_1

pytestmark = [needs_tmux]


def test_part_2_carries_part_1_and_the_minutes_of_part_1_say_what_happened(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    sessions = tmp_path / "sessions"
    part_1 = make_part_1(sessions, FakeClock(TEN_AM))
    app = installed_command()

    asked = terminal_factory(160, 48)
    asked.start(f"{app} run co-production-part-2")
    screen = asked.wait_for("EXITED")
    assert "EXITED 2" in screen and f"--follows {part_1.stem}" in screen.replace("\n", "")

    terminal = terminal_factory(80, 24)
    terminal.start(f"{app} run co-production-part-2 --follows {part_1.stem} --quiet")
    screen = terminal.wait_for("came over from")
    assert "3 people (not arrived yet)" in screen
    terminal.send("r")
    terminal.wait_for("Left/arrived")
    # One tab at a time, each seen before the next, as a person does: two in one burst can reach the
    # tabs before the first has moved (CI once showed the Parking lot after two Rights).
    terminal.press("Right")
    terminal.wait_for("Point")  # the parking lot's table
    terminal.press("Right")
    screen = terminal.wait_for("carried over")
    assert "Visit the day centre" in screen
    terminal.send("Space")
    terminal.wait_for("✓ done")
    terminal.send("Escape")
    terminal.wait_for("Paused with")
    terminal.send("C-q")
    assert "EXITED 0" in terminal.wait_for("EXITED")

    part_2 = next(path for path in sessions.glob("*.toml") if path != part_1)
    assert load_session(part_2).actions[0].done_at is not None

    minutes = terminal_factory(160, 48)
    minutes.start(f"{app} export {part_1.stem} --format md | grep 'Visit the day centre'")
    screen = minutes.wait_for("EXITED")
    assert "open; carried over to 'Co-production training, part 2" in screen and "and done there" in screen
