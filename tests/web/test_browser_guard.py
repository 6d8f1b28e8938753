"""In a real browser (Debian's headless Chromium): a page of another site cannot open a window on the
session, with or without a join code; and a window in the browser cannot import, export or finish."""

import asyncio
import os
from pathlib import Path

import pytest
from aiohttp import web
from playwright.async_api import Page

from workshop_tui.core.clock import SystemClock
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.web.join_code import JoinCode
from workshop_tui.web.server import WindowServer
from tests.conftest import plan_named, small_plan
from tests.web.test_serve import CHROMIUM, CODE, browser_page, installed, note_takers_window, windows_served

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"
)

# Another site's page: it tries to open a note-taker's window on the session and type a note into it.
ATTACK = """<!DOCTYPE html><html><body><script>
window.tries = Promise.all(%s.map((address) => new Promise((done) => {
  const socket = new WebSocket(address);
  socket.onopen = () => {
    socket.send(JSON.stringify(["stdin", "typed by another site\\r"]));
    setTimeout(() => done("opened"), 8000);
  };
  socket.onclose = () => done("refused");
})));
</script></body></html>"""


async def another_site(addresses: list[str]) -> tuple[web.AppRunner, str]:
    """A second tiny server on another port of 127.0.0.1: another origin, as the browser sees it."""
    page = ATTACK % ("[" + ", ".join(f'"{address}"' for address in addresses) + "]")

    async def attack(request: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.add_routes([web.get("/", attack)])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}/"


@pytest.mark.parametrize("with_code", [False, True], ids=["no code (the default serve)", "a join code"])
async def test_a_page_of_another_site_cannot_open_a_window_on_the_session(tmp_path: Path, with_code: bool) -> None:
    installed()
    owner = OpenSession.create(tmp_path / "sessions", small_plan(), "Guarded", SystemClock(), "Ann", gather_seconds=0)
    try:
        assert owner.serve()
        owner.flush()
        before = owner.path.read_bytes()
        served = WindowServer(
            owner.path, owner.path.parent, owner.session.title, "127.0.0.1", 0, JoinCode(CODE) if with_code else None
        )
        served.said = lambda words: None
        runner = await served.start()
        windows = f"ws://127.0.0.1:{served.port}/ws"
        addresses = [f"{windows}/join", f"{windows}/show"] + ([f"{windows}/join?code={CODE}"] if with_code else [])
        attacker, attack_page = await another_site(addresses)
        try:
            async with browser_page() as page:
                await page.goto(attack_page)
                assert await page.evaluate("() => window.tries") == ["refused"] * len(addresses)
                if with_code:
                    # Once this browser has joined, it holds the cookie, which goes with any request to the server.
                    await page.goto(f"http://127.0.0.1:{served.port}/show?code={CODE}")
                    assert await page.title() == "Audience window - Guarded"
                    await page.goto(attack_page)
                    assert await page.evaluate("() => window.tries") == ["refused"] * len(addresses)
        finally:
            await attacker.cleanup()
            await runner.cleanup()
        assert owner.session.notes == []
        owner.flush()
        assert owner.path.read_bytes() == before
    finally:
        owner.close()


async def drawn_since(page: Page, mark: int, words: str, timeout: float = 20000) -> None:
    """Wait for `words` in what the window drew after `mark`, its colours and cursor moves left out."""
    plain = f"window.__drawn.text.slice({mark}).replace(/\\x1b\\[[0-?]*[ -\\/]*[@-~]/g, '')"
    await page.wait_for_function(f"() => {plain}.includes({words!r})", timeout=timeout)


async def press_until_drawn(page: Page, key: str, words: str, tries: int = 5) -> None:
    """Press `key` until `words` are drawn, as a person presses again when a window just opened has
    not yet taken the key (its first frame can come before its note line has the focus)."""
    for _ in range(tries):
        mark = await drawn_length(page)
        await page.keyboard.press(key)
        try:
            await drawn_since(page, mark, words, timeout=3000)
            return
        except Exception:
            continue
    raise AssertionError(f"{words!r} was never drawn after {key}")


async def drawn_length(page: Page) -> int:
    """How much the window has drawn, once it has stopped drawing (a person waits to see a key's effect)."""
    last = -1
    for _ in range(100):
        now: int = await page.evaluate("() => window.__drawn.text.length")
        if now == last:
            return now
        last = now
        await page.wait_for_timeout(150)
    return last


async def test_a_window_in_the_browser_cannot_import_export_or_finish(tmp_path: Path) -> None:
    installed()
    plan = plan_named("commissioning-shortlisting")
    owner = OpenSession.create(
        tmp_path / "sessions", plan, "Healthy ageing fund", SystemClock(), "Ann", "Bob", gather_seconds=0
    )
    folder = owner.path.parent
    (tmp_path / "private.csv").write_text("Organisation,Project,Amount requested\nSecret Club,Hidden,£1\n")
    try:
        # No round yet, so F9 opens the panel on its Applications tab, where Import is.
        assert owner.serve()
        async with windows_served(owner) as served, browser_page() as page:
            await note_takers_window(page, served, "Bob")
            # The panel's Applications tab, and its Import key (once the window has settled, as a person would).
            await press_until_drawn(page, "F9", "No round is open yet")
            mark = await drawn_length(page)  # the applications' table is on show, with the focus
            await page.keyboard.press("i")
            await drawn_since(page, mark, "Not imported")  # the refusal's title; the sentence says why
            assert "Which file?" not in await page.evaluate("() => window.__drawn.text")
            mark = await drawn_length(page)
            await page.keyboard.press("Escape")  # back to the session's screen
            await drawn_since(page, mark, "Agenda")

            # Ctrl+F, the facilitator's key to finish: nothing. The note typed after it arrives as usual.
            await page.keyboard.press("Control+f")
            await page.keyboard.type("after control f")
            await page.keyboard.press("Enter")
            for _ in range(300):
                if owner.session.notes:
                    break
                await asyncio.sleep(0.05)
            assert [n.text for n in owner.session.notes] == ["after control f"]
            assert owner.session.status != "finished"
            assert "Finish the session now?" not in await page.evaluate("() => window.__drawn.text")

            # Finished by the facilitator: the browser's finished and review screens offer no export.
            mark = await drawn_length(page)
            owner.apply(Command("finish"))
            await drawn_since(page, mark, "q to quit")
            mark = await drawn_length(page)
            await page.keyboard.press("x")
            await page.keyboard.press("Enter")
            await drawn_since(page, mark, "Comments")  # the review's tabs: x did nothing before it
            mark = await drawn_length(page)
            await page.keyboard.press("x")
            await page.keyboard.press("Escape")
            await drawn_since(page, mark, "q to quit")  # back on the finished screen
            assert "Export this session" not in await page.evaluate("() => window.__drawn.text")
        assert owner.session.panel is None  # nothing was imported: not even a round was opened
        assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
            owner.path.name
        ]  # nothing exported
    finally:
        owner.close()
