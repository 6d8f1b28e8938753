"""One window of the randomised fault test (tests/test_faults_across_windows.py), in a process of its own.

    python -m tests.fault_window SESSION NAME ROLE SEED FOLDER

It does what a window's screen does, without the screen: it opens the session as the real app does
(`resume_or_join` for the facilitator, a note-taker's `JoinedSession` otherwise), sends random commands
through `carry_out`, and keeps a screen's copy of what is saved (`ShownSession`). In FOLDER it writes
NAME.log, one JSON line per thing: ["sent", TAG] before a record is sent, ["shown", TAG] once its copy
shows it. When FOLDER/settle appears it stops, waits until its copy holds all the file holds, writes
NAME.view.json (what it shows), and closes when FOLDER/exit appears. It may be killed at any moment.
FAULT_SLOW_FSYNC (seconds) makes every fsync that slow: a slow disk.
"""

import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from workshop_tui.core.clock import SystemClock
from workshop_tui.core.session_engine import NotNow
from workshop_tui.core.shown_session import ShownSession
from workshop_tui.model import Session
from workshop_tui.store.joined_session import JoinedSession, resume_or_join
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session

# Words that have broken tools before: quotes, TOML's own marks, a backslash, other scripts, an emoji.
TRICKY = ['"quoted"', "it's", '"""', "[[events]]", "a\\b", "# not a comment", "ÆØÅ", "日本語", "🙂", "x = 1", "'''"]


def view_of(session: Session) -> dict[str, Any]:
    """What a window shows, in a form two windows (and the file) can be compared in."""
    return {
        "events": len(session.events),
        "notes": [[note.id, note.text, note.step] for note in session.notes],
        "step": session.steps[session.current_step].id,
        "running": session.steps[session.current_step].running_since is not None,
        "elapsed": [step.elapsed_seconds for step in session.steps],
        "minutes": [step.allowed_minutes for step in session.steps],
        "decisions": [[d.id, d.statement] for d in session.decisions],
        "actions": [[a.id, a.text] for a in session.actions],
    }


def tags_in(session: Session) -> list[str]:
    texts = (
        [n.text for n in session.notes]
        + [d.statement or "" for d in session.decisions]
        + [a.text for a in session.actions]
    )
    return [text.split("⟩")[0].split("⟨")[-1] for text in texts if "⟨" in text]


def command(rng: random.Random, session: Session, tag: str) -> tuple[Command, str]:
    """A random command, made from what this window shows, as a person's key would make it."""
    step = session.steps[session.current_step].id
    words = f"⟨{tag}⟩ {rng.choice(TRICKY)} {rng.choice(TRICKY)}"
    choice = rng.random()
    if choice < 0.55:
        return Command("add_note", {"typed": rng.choice(["", "+ ", "? ", "! "]) + words}), tag
    if choice < 0.62:
        return Command(
            "record_decision", {"question": "Shall we?", "method": "consensus", "outcome": "agreed", "statement": words}
        ), tag
    if choice < 0.69:
        return Command("add_action", {"text": words, "owner": "Ann"}), tag
    if choice < 0.78:
        return Command("next_step", {"from_step": step}), ""
    if choice < 0.84:
        return Command("previous_step", {"from_step": step}), ""
    if choice < 0.92:
        running = session.steps[session.current_step].running_since is not None
        return Command("pause_timer" if running else "start_timer", {}), ""
    return Command("add_minutes", {"step": step, "minutes": rng.choice([1, 5, -1])}), ""


def open_link(path: Path, name: str, role: str) -> OpenSession | JoinedSession:
    clock = SystemClock()
    deadline = time.monotonic() + 20
    while True:
        try:
            if role == "facilitator":
                link = resume_or_join(path, clock)
                if isinstance(link, OpenSession):
                    link.serve()
                return link
            return JoinedSession(path, clock, "note-taker", name)
        except FileProblem:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)  # the window that ran it has just gone, and another is taking over


def main() -> int:
    path, name, role, seed, folder = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), Path(sys.argv[5])
    slow = float(os.environ.get("FAULT_SLOW_FSYNC", "0") or 0)
    if slow:
        real_fsync = os.fsync  # the journal's fsync is os's own: every fsync it makes is slow

        def slow_fsync(fd: int) -> None:
            time.sleep(slow)
            real_fsync(fd)

        os.fsync = slow_fsync  # type: ignore[assignment]  # the journal only ever passes an int
    rng = random.Random(seed * 1000 + os.getpid())
    log = os.open(folder / f"{name}.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def say(what: str, tag: str) -> None:
        os.write(log, (json.dumps([what, tag]) + "\n").encode())

    link = open_link(path, name, role)
    shown = ShownSession(link)
    said_shown = set(tags_in(shown.session))
    waiting: set[str] = set()

    def catch_up() -> None:
        shown.catch_up(link)
        for tag in set(tags_in(shown.session)) & waiting:
            say("shown", tag)
            said_shown.add(tag)
        waiting.difference_update(said_shown)

    number = 0
    while not (folder / "settle").exists():
        number += 1
        if shown.session.status == "finished":
            break
        order, tag = command(rng, shown.session, f"{name}.{os.getpid()}.{number}")
        if tag:
            say("sent", tag)
            waiting.add(tag)
        try:
            link.carry_out(order)
        except NotNow:
            pass  # refused in words, as a screen would say
        catch_up()
        time.sleep(rng.uniform(0, 0.03))  # a person's pace, uneven
    # Settle: nothing more is sent; wait until this window shows all the file holds.
    deadline = time.monotonic() + 60
    agreed = 0
    while agreed < 3:
        link.flush()
        catch_up()
        on_disk = load_session(path)
        agreed = agreed + 1 if link.save_state.unsaved == 0 and view_of(on_disk) == view_of(shown.session) else 0
        if time.monotonic() > deadline:
            break  # the test says what differs
        time.sleep(0.1)
    (folder / f"{name}.view.json").write_text(json.dumps({"view": view_of(shown.session), "link": str(link.link)}))
    while not (folder / "exit").exists():
        catch_up()
        time.sleep(0.05)
    link.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
