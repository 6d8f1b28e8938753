"""Issue 9 items 13 and 18 in a real 80x24 terminal: the roster keeps its place, and what a user needs is in sight."""

import re
from pathlib import Path

from workshop_tui.store.session_file import save_session
from tests.conftest import plan_named
from tests.example_sessions import EXAMPLES
from tests.terminal.tmux import Terminal, TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux]


def left_column(screen: str) -> dict[str, str]:
    """Each person's 'Left' cell in the records screen's people table, read under its heading."""
    lines = screen.splitlines()
    header = next((line for line in lines if " Name " in line and " Left " in line), None)
    if header is None:  # a form is over the table
        return {}
    start, end = header.index(" Left ") + 1, header.index(" Notes ")
    return {
        line.split()[0]: line[start:end].strip() for line in lines if line.split()[:1] in (["Ann"], ["Bob"], ["Cat"])
    }


def _a_time(cell: str) -> bool:
    return re.fullmatch(r"\d\d:\d\d", cell) is not None


def start_a_session(terminal: Terminal, sessions: Path) -> str:
    terminal.start(f"{installed_command()} run co-production-part-1 --quiet --sessions-dir {sessions}")
    return terminal.wait_for("Paused with")


def quit_app(terminal: Terminal) -> None:
    terminal.send("C-q")
    assert "EXITED 0" in terminal.wait_for("EXITED")


def test_marking_the_second_then_the_third_person_as_left_marks_those_two(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    terminal = terminal_factory(80, 24)
    start_a_session(terminal, tmp_path / "sessions")
    terminal.send("r")
    terminal.wait_for("Arrived")
    for name in ("Ann", "Bob", "Cat"):
        terminal.send("n")
        terminal.wait_for("Name or initials")
        terminal.send(name, "Enter")

        def added(screen: str, name: str = name) -> bool:
            return name in left_column(screen)

        terminal.wait_until(added, f"{name} being added")
    # Wherever adding left the cursor: to the top (Up stops there), then down to the second person.
    terminal.send("Up", "Up", "Up", "Down", "x")
    terminal.wait_until(lambda screen: _a_time(left_column(screen).get("Bob", "")), "Bob being marked as left")
    # The cursor stays on Bob's row, so one step down is the third person (it once jumped to the top).
    terminal.send("Down", "x")
    screen = terminal.wait_until(lambda screen: _a_time(left_column(screen).get("Cat", "")), "Cat being marked as left")
    left = left_column(screen)
    assert set(left) == {"Ann", "Bob", "Cat"} and left["Ann"] == "here", screen
    assert re.fullmatch(r"\d\d:\d\d", left["Bob"]) and re.fullmatch(r"\d\d:\d\d", left["Cat"]), screen
    terminal.send("Escape")
    terminal.wait_for("Press t")
    quit_app(terminal)


def test_the_live_screen_shows_the_agendas_minutes_and_the_whole_hint_line(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    first = plan_named("co-production-part-1").steps[0]
    terminal = terminal_factory(80, 24)
    screen = start_a_session(terminal, tmp_path / "sessions")
    lines = screen.splitlines()
    assert any(re.search(r"Starts\s+Step\s+Minutes", line) for line in lines), screen
    # The step under way: its title cut with '…' or whole, then its minutes, all in sight.
    assert any(
        re.search(rf"▶\s+\d\d:\d\d\s+{re.escape(first.title[:6])}\S*(?: \S+)*\s+{first.planned_minutes}\b", line)
        for line in lines
    ), screen
    hint = next(line for line in lines if line.lstrip().startswith("Press t"))
    assert hint.rstrip().endswith("@name"), hint
    assert all(mark in hint for mark in ("+ idea", "? question", "! concern", "> parking lot")), hint
    quit_app(terminal)


def test_the_decision_form_shows_its_save_button(terminal_factory: TerminalFactory, tmp_path: Path) -> None:
    terminal = terminal_factory(80, 24)
    start_a_session(terminal, tmp_path / "sessions")
    terminal.send("d")
    screen = terminal.wait_for("Record a decision")
    screen = terminal.wait_for("Save (ctrl+s)")
    assert "Cancel (escape)" in screen
    terminal.send("Escape")
    terminal.wait_for("Press t")
    quit_app(terminal)


def test_the_sessions_browser_shows_length_and_status_after_the_title(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir(exist_ok=True)
    for make in EXAMPLES:
        session = make()
        save_session(session, sessions / f"{session.started_at:%Y-%m-%d}.toml")
    terminal = terminal_factory(80, 24)
    terminal.start(f"{installed_command()} --sessions-dir {sessions}")
    terminal.wait_for("Commissioning panel")
    terminal.send("b")
    screen = terminal.wait_for("healthy ageing fund")  # a long title shows its end, cut in the middle
    header = next(line for line in screen.splitlines() if " Title " in line)
    assert re.search(r"Title\s+Length\s+Status\s+Notes", header), screen
    row = next(line for line in screen.splitlines() if "healthy ageing fund" in line)
    assert re.search(r"\d+ minutes\s+finished\s+\d+", row), screen
    terminal.send("Escape")
    terminal.wait_for("Co-production training, part 1")
    quit_app(terminal)
