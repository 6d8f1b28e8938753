"""A commissioning panel in a real browser (Debian's headless Chromium, through `serve`): a member joins
with their own code and scores as themselves, on their own sheet only; the note-taker copies a paper
sheet on the panel (F9)."""

import asyncio
import os
from pathlib import Path

import pytest

from workshop_tui.core.clock import SystemClock
from workshop_tui.core.joining import spaced
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.web.join_code import JoinCode
from tests.conftest import plan_named
from tests.panel_helpers import MEMBERS, the_panel
from tests.web.test_serve import (
    ANSI,
    CHROMIUM,
    CODE,
    browser_page,
    installed,
    note_takers_window,
    say_who,
    windows_served,
)

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"
)


def a_round(tmp_path: Path) -> OpenSession:
    owner = OpenSession.create(
        tmp_path / "sessions",
        plan_named("commissioning-shortlisting"),
        "Healthy ageing fund",
        SystemClock(),
        "Ann",
        "Bob",
        gather_seconds=0,
    )
    for name, role in MEMBERS:
        owner.apply(Command("add_person", {"name": name, "role": role}))
    owner.apply(Command("open_round", {"pot_pence": 50_000_00}))
    owner.apply(
        Command(
            "add_application", {"organisation": "Hillside Lunch Club", "project": "Lunch", "amount_pence": 30_000_00}
        )
    )
    owner.apply(Command("declare_no_interests", {"member": "p2"}))
    owner.apply(Command("enter_score", {"member": "p2", "application": "app1", "criterion": "need", "level": 1}))
    assert owner.serve()
    return owner


async def scores_reach(owner: OpenSession, count: int) -> None:
    for _ in range(200):
        if len(the_panel(owner.session).scores) >= count:
            return
        await asyncio.sleep(0.05)


async def test_a_member_scores_as_themselves_in_the_browser_with_their_own_code(tmp_path: Path) -> None:
    installed()
    owner = a_round(tmp_path)
    try:
        async with windows_served(owner, JoinCode(CODE)) as served, browser_page() as page:
            await page.goto(f"http://127.0.0.1:{served.port}/join?code={CODE}")
            await say_who(page, "Margaret")  # her name without her code: refused, in words
            assert "Margaret is on the panel. A panel member's window needs their own code" in await page.content()
            await say_who(page, "Margaret", "WRONG9")
            assert "That code is not right" in await page.content()
            await say_who(page, "Margaret", spaced(owner.session.codes["p1"]).lower())
            assert "code" not in page.url  # posted: never in the address or the history
            # Her window opens on her declarations, which come first; then her sheet.
            await page.wait_for_function("() => window.__drawn.text.includes('not yet')", timeout=30000)
            await page.keyboard.press("n")
            for _ in range(300):  # her own "none" reaches the owner ("no interests" is on screen for Dennis already)
                if the_panel(owner.session).declared("p1"):
                    break
                await asyncio.sleep(0.05)
            await page.keyboard.press("Tab")
            await page.wait_for_function("() => window.__drawn.text.includes('Your sheet, Margaret')", timeout=15000)
            drawn = ANSI.sub("", await page.evaluate("() => window.__drawn.text"))
            assert "Panel member's window (Margaret)" in drawn  # the first screen says whose window it is
            await page.keyboard.type("43")
            await scores_reach(owner, 3)
            await page.keyboard.press("ArrowLeft")  # back on her Voice score: the rubric marks its level in words
            await page.wait_for_function("() => window.__drawn.text.includes('← this score')", timeout=15000)
            drawn = ANSI.sub("", await page.evaluate("() => window.__drawn.text"))
            assert "> 3 Older people help plan it. ← this score" in drawn
            await page.keyboard.press("PageDown")  # another member's sheet? Not in her window.
            await page.keyboard.press("PageDown")
            await page.screenshot(path=str(tmp_path / "member.png"))
            drawn = ANSI.sub("", await page.evaluate("() => window.__drawn.text"))
        assert (tmp_path / "member.png").stat().st_size > 10_000
        scores = [(s.member, s.criterion, s.level, s.window) for s in the_panel(owner.session).scores]
        assert scores[1:] == [("p1", "need", 4, "member: Margaret"), ("p1", "voice", 3, "member: Margaret")]
        assert "Dennis's sheet" not in drawn and "Priya's sheet" not in drawn  # only her own sheet, ever
    finally:
        owner.close()


async def test_the_note_taker_copies_a_paper_sheet_on_the_panel_in_the_browser(tmp_path: Path) -> None:
    installed()
    owner = a_round(tmp_path)
    try:
        owner.apply(Command("declare_no_interests", {"member": "p1"}))  # from her paper form
        async with windows_served(owner) as served, browser_page() as page:
            await note_takers_window(page, served, "Bob")
            await page.keyboard.press("F9")
            await page.wait_for_function("() => window.__drawn.text.includes('entered')", timeout=15000)
            await page.keyboard.type("43")
            await scores_reach(owner, 3)
            await page.keyboard.press("ArrowLeft")  # back on her Voice score: the rubric marks its level in words
            await page.wait_for_function("() => window.__drawn.text.includes('← this score')", timeout=15000)
            drawn = ANSI.sub("", await page.evaluate("() => window.__drawn.text"))
            assert "> 3 Older people help plan it. ← this score" in drawn
        scores = [(s.member, s.criterion, s.level, s.window) for s in the_panel(owner.session).scores]
        assert scores[1:] == [("p1", "need", 4, "note-taker: Bob"), ("p1", "voice", 3, "note-taker: Bob")]
    finally:
        owner.close()
