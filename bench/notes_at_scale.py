"""Notes at scale: with 10 and with 10,000 notes in a session, how long from the key press
that saves a note to the screen showing it, and how long the save takes on disk.

Run: python bench/notes_at_scale.py
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop_tui.core.clock import FakeClock  # noqa: E402
from workshop_tui.core.session_engine import SessionEngine, new_session  # noqa: E402
from workshop_tui.model import Note  # noqa: E402
from workshop_tui.store.atomic import write_atomically  # noqa: E402
from workshop_tui.store.plan_library import find_plan  # noqa: E402
from workshop_tui.store.session_writer import SessionWriter  # noqa: E402
from workshop_tui.store.toml_files import to_toml  # noqa: E402
from workshop_tui.ui.app import ResumeSession, WorkshopApp  # noqa: E402
from workshop_tui.ui.widgets.notes_list import NotesList  # noqa: E402

PRESSES = 15


def session_with(count: int, clock: FakeClock):
    engine = SessionEngine(new_session(find_plan("co-production-part-1").plan, "Scale", clock), clock)
    session = engine.session
    steps = [step.id for step in session.steps]
    session.notes = [
        Note(id=f"n{i + 1}", at=clock.now() + timedelta(seconds=i), step=steps[i % len(steps)],
             text=f"Note number {i + 1}: something the group said about the plan")
        for i in range(count)
    ]
    return session


async def key_to_screen(count: int) -> list[float]:
    clock = FakeClock()
    folder = Path(tempfile.mkdtemp())
    path = folder / "scale.toml"
    session = session_with(count, clock)
    path.write_bytes(to_toml(session))
    app = WorkshopApp(folder, clock, quiet=True, opening=ResumeSession(session, path))
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        notes = app.screen.query_one("#notes", NotesList)
        # Let the first save of the resumed session finish, as it would while people settle in.
        app.screen.autosaver.flush()
        for press in range(PRESSES):
            text = f"fresh note {press}"
            for ch in text:
                await pilot.press(ch if ch != " " else "space")
            started = time.perf_counter()
            await pilot.press("enter")
            while not any(text in str(notes.get_option_at_index(i).prompt) for i in range(max(0, notes.option_count - 3), notes.option_count)):
                await pilot.pause()
            times.append(time.perf_counter() - started)
    return times


def save_times(count: int, repeats: int = 5) -> tuple[float, float, float, int]:
    session = session_with(count, FakeClock())
    folder = Path(tempfile.mkdtemp())
    ours, plain, plain_sync = [], [], []
    size = 0
    writer = SessionWriter()
    writer.to_toml(session)  # the first save of a session writes every note; later ones reuse them
    for number in range(repeats):
        session.notes[-1].text = f"an edit, so there is something new to save {number}"
        started = time.perf_counter()
        data = writer.to_toml(session)
        write_atomically(folder / "ours.toml", data)
        ours.append(time.perf_counter() - started)
        size = len(data)
        started = time.perf_counter()
        with open(folder / "plain.toml", "wb") as file:
            file.write(data)
        plain.append(time.perf_counter() - started)
        started = time.perf_counter()
        with open(folder / "plain-sync.toml", "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        plain_sync.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(plain), statistics.median(plain_sync), size


def main() -> None:
    results = {}
    # 100 and 1,000 show where the cost levels off: once the notes list is full and scrolls.
    for count in (10, 100, 1_000, 10_000):
        press = asyncio.run(key_to_screen(count))
        results[count] = statistics.median(press)
        ours, plain, plain_sync, size = save_times(count)
        print(f"{count:>6} notes: key press to note on screen, median of {PRESSES}: {results[count] * 1000:.1f} ms")
        print(f"        autosave of {size / 1024:.0f} KiB (serialise + atomic write + fsync): {ours * 1000:.1f} ms; "
              f"plain write of the same bytes: {plain * 1000:.2f} ms; plain write + fsync: {plain_sync * 1000:.1f} ms")
    print(f"ratio, key press to screen, 10,000 notes to 10 notes: {results[10_000] / results[10]:.2f}x")
    print(f"ratio, key press to screen, 10,000 notes to 100 notes: {results[10_000] / results[100]:.2f}x")


if __name__ == "__main__":
    main()
