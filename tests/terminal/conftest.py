"""The terminal fixture: tmux sessions that are closed after each test."""

from pathlib import Path

import pytest

from tests.terminal.tmux import Terminal


@pytest.fixture
def terminal_factory(tmp_path: Path):
    made: list[Terminal] = []

    def make(width: int = 80, height: int = 24) -> Terminal:
        terminal = Terminal(width, height, tmp_path)
        made.append(terminal)
        return terminal

    yield make
    for terminal in made:
        terminal.close()
