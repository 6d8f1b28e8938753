"""Idle cost: CPU seconds over 60 s while a 10-minute countdown runs, against termdown.

Run: python bench/idle_cpu.py [seconds]   (needs `pip install termdown`)
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from terminal import cpu_seconds, start_in_terminal  # noqa: E402

TEN_MINUTES = """
[[steps]]
title = "Ten minutes"
kind = "activity"
planned_minutes = 10
"""


def measure(command: list[str], seconds: float, settle: float = 3.0) -> float:
    """CPU seconds used over `seconds`, after `settle` seconds of start-up are left out."""
    process = start_in_terminal(command)
    try:
        time.sleep(settle)
        before = cpu_seconds(process.pid)
        time.sleep(seconds)
        return cpu_seconds(process.pid) - before
    finally:
        process.kill()
        process.wait()


def main(seconds: float = 60.0) -> None:
    termdown = shutil.which("termdown") or str(Path(sys.executable).parent / "termdown")
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "ten.toml"
        plan.write_text('name = "ten"\ntitle = "Ten minutes"\n' + TEN_MINUTES)
        # The timer starts running at once: the plan has one step, and space is sent by a tiny wrapper.
        ours = [
            sys.executable, "-c",
            "import sys\n"
            "from workshop_tui.ui.screens.live import LiveScreen\n"
            "from workshop_tui import cli\n"
            "mount = LiveScreen.on_mount\n"
            "def on_mount(self):\n"
            "    mount(self)\n"
            "    self.engine.start_timer()\n"
            "    self.show_session()\n"
            "LiveScreen.on_mount = on_mount\n"
            f"sys.exit(cli.main(['--sessions-dir', {folder!r}, 'run', {str(plan)!r}, '--quiet']))\n",
        ]
        theirs = [termdown, "10m"]
        our_cpu = measure(ours, seconds)
        their_cpu = measure(theirs, seconds)
    print(f"CPU seconds over {seconds:.0f} s of a running 10-minute countdown, 80x24:")
    print(f"workshop-tui live screen: {our_cpu:.2f} s")
    print(f"termdown 10m:             {their_cpu:.2f} s")
    print(f"ratio: {our_cpu / their_cpu:.2f}x")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0)
