"""One session on three screens, each a real process in its own terminal: the facilitator runs it,
the note-taker joins it, the projector shows it. Nothing typed in any of them is lost."""

import os
import signal
import time
from pathlib import Path

import pytest

from workshop_tui.core.event_kinds import Kind
from workshop_tui.model import Session
from workshop_tui.store.session_file import load_session
from tests.conftest import plan_named
from tests.terminal.tmux import Terminal, TerminalFactory, app_pid, installed_command, needs_tmux

# Many real windows at once: these run one after another on one worker (pyproject's --dist loadgroup),
# never beside each other. On CI's two cores, 2,000 notes typed into three windows beside a test that
# waits for one window's keys once starved that window for over 20 s.
pytestmark = [needs_tmux, pytest.mark.xdist_group("many windows")]

PLAN = plan_named("co-production-part-1")


def the_session(folder: Path) -> Path:
    files = [path for path in folder.glob("*.toml")]
    assert len(files) == 1, files
    return files[0]


def wait_for_notes(path: Path, count: int, timeout: float = 120.0) -> Session:
    """Poll the file until it holds `count` notes: each window promises the disk within a second."""
    deadline = time.monotonic() + timeout
    while True:
        session = load_session(path)
        if len(session.notes) >= count:
            return session
        assert time.monotonic() < deadline, f"{len(session.notes)} of {count} notes reached the file"
        time.sleep(0.2)


def wait_until_saved(path: Path, text: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not any(note.text == text for note in load_session(path).notes):
        assert time.monotonic() < deadline, f"{text!r} did not reach the file"
        time.sleep(0.1)


def type_notes(terminal: Terminal, texts: list[str], per_send: int = 100) -> None:
    """Type each text and press Enter, as fast as the terminal takes keys."""
    for start in range(0, len(texts), per_send):
        terminal.send("-l", "".join(text + "\r" for text in texts[start : start + per_send]))


def steps_of_notes(session: Session) -> dict[str, str]:
    """Each note's step as the events say it was when the note was taken (replayed, not trusted)."""
    current = session.steps[0].id
    steps = {}
    for event in session.events:
        if event.kind in (Kind.STEP_NEXT, Kind.STEP_PREVIOUS):
            current = str(event.details["to"])
        if event.kind == Kind.NOTE_ADD:
            steps[str(event.details["note"])] = current
    return steps


def facilitator_and_note_taker(terminal_factory: TerminalFactory, folder: Path) -> tuple[Terminal, Terminal, Path]:
    """Ann runs part 1 in one terminal; Bob joins it in another. Both windows, and the session's file."""
    facilitator = terminal_factory(100, 30)
    facilitator.start(f"{installed_command()} run co-production-part-1 --quiet --facilitator Ann --note-taker Bob")
    facilitator.wait_for("Paused with")
    path = the_session(folder / "sessions")
    note_taker = terminal_factory(100, 30)
    note_taker.start(f"{installed_command()} join --name Bob")
    note_taker.wait_for("Note-taker's window (Bob)")
    return facilitator, note_taker, path


def test_three_windows_2000_notes_from_the_note_taker_and_the_facilitator_moving_on(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    app = installed_command()
    facilitator, note_taker, path = facilitator_and_note_taker(terminal_factory, tmp_path)
    projector = terminal_factory(80, 24)
    projector.start(f"{app} show")
    projector.wait_for(PLAN.steps[0].title)

    # Typed straight in, with nothing pressed first: it is a note, not "n" (next), space (timer) and "a" (action).
    note_taker.send("-l", "so we agreed now")
    screen = note_taker.wait_for("so we agreed now")
    assert "Paused with" in screen
    assert "Paused with" in facilitator.screen() and "Step 1 of" in facilitator.screen()
    note_taker.send("Enter")
    facilitator.wait_for("so we agreed now")

    texts = [f"bob note {number:04d}" for number in range(2000)]
    type_notes(note_taker, texts)
    for step in (1, 2, 3):  # meanwhile the facilitator takes notes and moves on
        facilitator.send("t")
        facilitator.wait_for("f5 Timer")  # on the note line: the footer shows the keys that work while typing
        facilitator.send("-l", f"ann note {step}")
        facilitator.send("Enter")
        # In the file, not on screen: Bob's notes may still be streaming in and push it out of the list's view.
        wait_until_saved(path, f"ann note {step}")
        facilitator.send("Escape")
        facilitator.wait_for("space Timer")  # off the note line (an Escape and a letter at once read as Alt+letter)
        facilitator.send("n")
        facilitator.wait_for(f"Step {step + 1} of")
        projector.wait_for(PLAN.steps[step].title)  # the projector follows each step change

    session = wait_for_notes(path, 2000 + 1 + 3)
    typed = [note.text for note in session.notes]
    assert sorted(typed) == sorted(["so we agreed now", *texts, "ann note 1", "ann note 2", "ann note 3"])  # each once
    steps = steps_of_notes(session)
    assert all(note.step == steps[note.id] for note in session.notes)  # under the step that was on when it came
    assert {note.window for note in session.notes} == {"note-taker: Bob", "facilitator: Ann"}
    assert [note.step for note in session.notes if note.text.startswith("ann")] == ["s1", "s2", "s3"]

    for terminal in (projector, note_taker, facilitator):
        terminal.send("C-q")
        assert "EXITED 0" in terminal.wait_for("EXITED")
    assert len(load_session(path).notes) == 2004


def test_killing_the_owner_while_the_note_taker_types_loses_none_of_the_notes(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    facilitator, note_taker, path = facilitator_and_note_taker(terminal_factory, tmp_path)

    texts = [f"kept {number:03d}" for number in range(300)]
    type_notes(note_taker, texts[:150], per_send=50)
    wait_for_notes(path, 20)
    os.kill(app_pid(facilitator), signal.SIGKILL)  # the owner dies mid-stream
    assert "EXITED 137" in facilitator.wait_for("EXITED")
    type_notes(note_taker, texts[150:], per_send=50)

    session = wait_for_notes(path, 300)  # the note-taker took over and saves them itself
    assert [note.text for note in session.notes] == texts
    note_taker.send("C-q")
    assert "EXITED 0" in note_taker.wait_for("EXITED")
    assert [note.text for note in load_session(path).notes] == texts


def test_a_note_shown_then_its_window_killed_at_once_is_on_disk_and_every_window_agrees(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    """As found in [11]: Ann types a note and her window is killed a moment after Enter; Bob's window takes
    over; Bob types; Ann resumes and types. No window crashes, and what any of them showed is on disk."""
    app = installed_command()
    facilitator, note_taker, path = facilitator_and_note_taker(terminal_factory, tmp_path)
    projector = terminal_factory(80, 24)
    projector.start(f"{app} show")
    projector.wait_for("Arrival")
    facilitator.press("t")  # the note line opens
    facilitator.type("A1 facilitator note")
    facilitator.send("Enter")
    os.kill(app_pid(facilitator), signal.SIGKILL)  # within a tenth of a second of Enter
    shown_to_bob = note_taker.wait_for("This window runs the session", timeout=30)
    note_taker.send("-l", "B1 note-taker after crash")
    note_taker.send("Enter")
    note_taker.wait_for("B1 note-taker after crash")
    ann_again = terminal_factory(100, 30)
    ann_again.start(f"{app} resume")
    ann_again.wait_for("B1 note-taker after crash")
    ann_again.press("t")
    ann_again.type("A2 after resume")
    ann_again.send("Enter")
    ann_again.wait_for("A2 after resume")
    note_taker.wait_for("A2 after resume")
    wait_until_saved(path, "A2 after resume")
    saved = [note.text for note in load_session(path).notes]
    assert saved.count("B1 note-taker after crash") == 1 and saved.count("A2 after resume") == 1
    for window in (note_taker, ann_again):
        screen = window.screen()
        assert "stopped because of a fault" not in screen and "EXITED" not in screen
    # A1 may have died with Ann's window; if any window showed it, it is on disk.
    if "A1 facilitator note" in shown_to_bob + note_taker.screen() + ann_again.screen() + projector.screen():
        assert "A1 facilitator note" in saved
    # The words agree with each other: "nothing lost" only where it was checked, never "not saved" beside it.
    words = " ".join(note_taker.screen().split())
    assert not ("Nothing typed here was lost" in words and "Not saved" in words)
