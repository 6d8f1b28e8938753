"""Start-up: launch to the first frame of the live screen, against a bare Textual app.

Both run in a real pseudo-terminal, alternately, and exit as soon as their first
frame is drawn. Run: python bench/startup.py [runs]
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from terminal import start_in_terminal  # noqa: E402

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run()
"""

LIVE = """
import sys
from workshop_tui.ui.screens.live import LiveScreen
from workshop_tui import cli

first_mount = LiveScreen.on_mount

def on_mount(self):
    first_mount(self)
    self.call_after_refresh(self.app.exit)

LiveScreen.on_mount = on_mount
sys.exit(cli.main(["--sessions-dir", sys.argv[1], "run", "co-production-part-1", "--quiet"]))
"""


def time_one(code: str, *args: str) -> float:
    started = time.perf_counter()
    process = start_in_terminal([sys.executable, "-c", code, *args])
    if process.wait(timeout=60) != 0:
        raise SystemExit(f"the program failed with status {process.returncode}")
    return time.perf_counter() - started


def main(runs: int = 15) -> None:
    bare, live = [], []
    with tempfile.TemporaryDirectory() as sessions:
        time_one(BARE)
        time_one(LIVE, sessions)  # warm the disk cache for both
        for _ in range(runs):
            bare.append(time_one(BARE))
            live.append(time_one(LIVE, sessions))
    bare_median, live_median = statistics.median(bare), statistics.median(live)
    print(f"runs: {runs} each, alternating, in an 80x24 pseudo-terminal")
    print(f"bare Textual app, one line: median {bare_median * 1000:.0f} ms")
    print(f"workshop-tui live screen:   median {live_median * 1000:.0f} ms")
    print(f"ratio: {live_median / bare_median:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
