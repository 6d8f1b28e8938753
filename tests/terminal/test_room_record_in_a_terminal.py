"""The group's record on the projector, in real terminals: Ann runs the session, Bob takes notes in his
own window, and the projector shows them as they are typed while Ann has the record on, without Bob's
name; Ann turns it off and it is gone from the projector at once."""

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.terminal.test_windows_in_a_terminal import PLAN, facilitator_and_note_taker
from tests.terminal.tmux import Terminal, TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux, pytest.mark.xdist_group("many windows")]

WITHIN = 1.0  # seconds: the group reads the record as it is typed


def seen_within(terminal: Terminal, check: Callable[[str], bool], seconds: float, what: str) -> float:
    """Poll the terminal until `check(screen)` holds; how long it took. Fails once `seconds` have gone."""
    started = time.monotonic()
    while True:
        shown = terminal.screen()
        if check(shown):
            return time.monotonic() - started
        if time.monotonic() - started > seconds:
            raise AssertionError(f"{what} not within {seconds} s; the projector shows:\n{shown}")
        time.sleep(0.02)


def test_a_note_typed_by_the_note_taker_shows_on_the_projector_within_a_second_without_names(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    facilitator, note_taker, _ = facilitator_and_note_taker(terminal_factory, tmp_path)
    projector = terminal_factory(80, 24)
    projector.start(f"{installed_command()} show")
    projector.wait_for(PLAN.steps[0].title)

    facilitator.press("g")  # the group's record on the projector
    projector.wait_for("Nothing written down in this step yet.")

    note_taker.send("-l", "Bob thinks the bus comes too early")
    note_taker.wait_for("Bob thinks the bus comes too early")  # in Bob's note line, not sent yet
    note_taker.send("Enter")
    seen_within(
        projector,
        lambda shown: "the note-taker thinks the bus comes too early" in shown,
        WITHIN,
        "the note on the projector",
    )
    shown = projector.screen()
    assert "Bob" not in shown and "bob" not in shown.lower().replace("the note-taker", "")

    facilitator.press("g")  # off again
    seen_within(
        projector,
        lambda shown: "thinks the bus" not in shown and "Nothing written down" not in shown,
        WITHIN,
        "the record gone from the projector",
    )
    assert PLAN.steps[0].title in projector.screen()  # the step and its clock stay
