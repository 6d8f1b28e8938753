"""The sessions browser with 1,000 session files: time to show the table, and a search across them,
against simply reading the same files' bytes.

Run: python bench/browser_scale.py
"""

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.widgets import DataTable  # noqa: E402

from tests.example_sessions import shortlisting_panel, training_part_1  # noqa: E402
from workshop_tui.core.clock import FakeClock  # noqa: E402
from workshop_tui.store.sessions_index import SessionsIndex  # noqa: E402
from workshop_tui.store.toml_files import to_toml  # noqa: E402
from workshop_tui.ui.app import BrowseSessions, WorkshopApp  # noqa: E402
from workshop_tui.ui.screens.sessions_browser import MOST_ROWS  # noqa: E402

FILES = 1000


def make_folder() -> Path:
    folder = Path(tempfile.mkdtemp())
    examples = [training_part_1(), shortlisting_panel()]
    for number in range(FILES):
        session = examples[number % 2].model_copy()
        session.title = f"{session.title} {number}"
        (folder / f"session-{number:04}.toml").write_bytes(to_toml(session))
    return folder


def timed(work, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def table_on_screen(folder: Path) -> tuple[float, float]:
    """Seconds from opening the browser to 1,000 rows on screen, and for a search to narrow them."""
    app = WorkshopApp(folder, FakeClock(), opening=BrowseSessions())
    started = time.perf_counter()
    async with app.run_test(size=(160, 40)) as pilot:
        table = app.screen.query_one("#sessions", DataTable)
        while table.row_count < min(FILES, MOST_ROWS):
            await pilot.pause()
        shown = time.perf_counter() - started
        started = time.perf_counter()
        app.screen.query_one("#search").value = "buses"
        while "500 of 1000" not in str(app.screen.query_one("#browser-status").content):
            await pilot.pause()
        search = time.perf_counter() - started
    return shown, search


def main() -> None:
    folder = make_folder()
    read_bytes = timed(lambda: [path.read_bytes() for path in folder.glob("*.toml")])
    started = time.perf_counter()
    SessionsIndex(folder).entries()  # the first look reads and indexes every file
    cold = time.perf_counter() - started
    warm = timed(lambda: SessionsIndex(folder).entries())
    shown, search = asyncio.run(table_on_screen(folder))
    print(f"{FILES} session files, {sum(p.stat().st_size for p in folder.glob('*.toml')) / 1e6:.1f} MB")
    print(f"reading the files' bytes:                 {read_bytes * 1000:.0f} ms")
    print(f"first look (every file read and indexed): {cold * 1000:.0f} ms")
    print(f"table data from the index afterwards:     {warm * 1000:.0f} ms  ({warm / read_bytes:.2f}x reading the bytes)")
    print(f"browser opened, table on screen:          {shown * 1000:.0f} ms  ({shown / read_bytes:.2f}x reading the bytes;"
          f" the first {MOST_ROWS} rows listed)")
    print(f"search across 1,000 (500 match):          {search * 1000:.0f} ms")


if __name__ == "__main__":
    main()
