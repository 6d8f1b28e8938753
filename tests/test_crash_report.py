"""A fault in the app stops it with a non-zero status, one plain sentence, and a private report;
nothing from the session is shown on what may be a projector."""

import os
import stat
import subprocess
import sys
from pathlib import Path

CRASHING_APP = """
import sys
from pathlib import Path
from workshop_tui.core.clock import FakeClock
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.plan_library import find_plan
from workshop_tui.ui.app import OpenedSession, WorkshopApp
from workshop_tui.ui.screens.live import LiveScreen

sessions = Path(sys.argv[1])
clock = FakeClock()
owner = OpenSession.create(sessions, find_plan("co-production-part-1").plan, "Private title", clock, "Margaret Secret")
owner.apply(Command("add_note", {"typed": "SECRET NOTE about Margaret's health"}))

def broken(self):
    notes = [note.text for note in self.session.notes]  # a local variable full of session text
    raise RuntimeError("the timer broke")

LiveScreen.action_toggle_timer = broken

async def press_space(pilot):
    await pilot.press("space")

app = WorkshopApp(sessions, clock, opening=OpenedSession(owner))
app.run(headless=True, auto_pilot=press_space)
owner.close()
sys.exit(app.return_code or 0)
"""


def test_a_crash_exits_non_zero_with_one_sentence_and_a_private_report(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    shown = result.stdout + result.stderr
    assert result.returncode == 1
    assert "workshop-tui stopped because of a fault in the app itself" in shown
    assert "SECRET" not in shown and "Margaret" not in shown and "Traceback" not in shown
    [report] = (tmp_path / "crash-reports").iterdir()
    assert str(report) in shown.replace("\n", "")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    assert "RuntimeError: the timer broke" in report.read_text()
    # The note taken before the fault is on disk.
    assert "SECRET NOTE" in next(tmp_path.glob("*.toml")).read_text()
