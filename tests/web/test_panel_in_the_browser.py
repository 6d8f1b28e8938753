"""A commissioning panel's sheet typed in the note-taker's window in a real browser (Debian's headless
Chromium, through `serve`): F9 opens the panel, a digit scores, and the owner has the score."""

import asyncio
import os
from pathlib import Path

import pytest

from workshop_tui.core.clock import SystemClock
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.plan_library import find_plan
from workshop_tui.web.join_code import JoinCode
from workshop_tui.web.server import WindowServer
from tests.panel_helpers import MEMBERS
from tests.web.test_serve import CHROMIUM, CODE, browser_page, installed

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)")


async def test_a_score_typed_on_the_panel_in_the_browser_reaches_the_session(tmp_path: Path):
    installed()
    plan = find_plan("commissioning-shortlisting").plan
    owner = OpenSession.create(tmp_path / "sessions", plan, "Healthy ageing fund", SystemClock(), "Ann", gather_seconds=0)
    try:
        for name, role in MEMBERS:
            owner.apply(Command("add_person", {"name": name, "role": role}))
        owner.apply(Command("open_round", {"pot_pence": 50_000_00}))
        owner.apply(Command("add_application", {"organisation": "Hillside Lunch Club", "project": "Lunch", "amount_pence": 30_000_00}))
        assert owner.serve()
        served = WindowServer(owner.path, owner.path.parent, owner.session.title, "127.0.0.1", 0, JoinCode(CODE))
        served.said = lambda words: None
        runner = await served.start()
        try:
            async with browser_page() as page:
                await page.goto(f"http://127.0.0.1:{served.port}/join?code={CODE}")
                await page.wait_for_function("() => window.__drawn.text.includes('Type a note and press Enter')", timeout=30000)
                await page.keyboard.press("F9")
                await page.wait_for_function("() => window.__drawn.text.includes('entered')", timeout=15000)
                await page.keyboard.type("43")
                for _ in range(200):
                    if len(owner.session.panel.scores) == 2:
                        break
                    await asyncio.sleep(0.05)
                await page.screenshot(path=str(tmp_path / "panel.png"))
        finally:
            await runner.cleanup()
        assert (tmp_path / "panel.png").stat().st_size > 10_000
        scores = [(s.member, s.criterion, s.level, s.window) for s in owner.session.panel.scores]
        assert scores == [("p1", "need", 4, "note-taker: browser"), ("p1", "voice", 3, "note-taker: browser")]
    finally:
        owner.close()
