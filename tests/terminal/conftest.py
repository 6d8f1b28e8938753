"""The terminal fixture: tmux sessions that are closed after each test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.terminal.tmux import Terminal, TerminalFactory


@pytest.fixture
def terminal_factory(tmp_path: Path) -> Iterator[TerminalFactory]:
    made: list[Terminal] = []
    # The app uses a sessions folder where it runs, if there is one (else the person's own data folder):
    # each test has its own, as a facilitator's course folder would.
    (tmp_path / "sessions").mkdir(exist_ok=True)

    def make(width: int = 80, height: int = 24) -> Terminal:
        terminal = Terminal(width, height, tmp_path)
        made.append(terminal)
        return terminal

    yield make
    for terminal in made:
        terminal.close()
