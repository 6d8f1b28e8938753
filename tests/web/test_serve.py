"""`workshop-tui serve`: the note-taker's and audience windows in a real web browser (Debian's
headless Chromium), a join code in front of everything, and refusals that leave the owner running."""

import asyncio
import os
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from workshop_tui.core.clock import SystemClock
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.session_file import load_session
from workshop_tui.web.join_code import MOST_WRONG, JoinCode, is_loopback
from workshop_tui.web.server import WindowServer, window_command
from tests.conftest import small_plan

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CODE = "K7P2QX"
# As the machine's notes say: without the background-networking flags Chromium keeps trying the
# internet, which this machine refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The page draws the terminal on a canvas, so its words are not in the page. This records what the
# window sends the page (the app's own output) so a test can wait for words in it.
RECORD_WHAT_IS_DRAWN = r"""
(() => {
  const Native = window.WebSocket;
  const seen = window.__drawn = {text: ""};
  const decoder = new TextDecoder();
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (e) => {
        if (typeof e.data !== "string") seen.text += decoder.decode(new Uint8Array(e.data), {stream: true});
      });
    }
  };
})();
"""
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


@asynccontextmanager
async def browser_page() -> AsyncIterator[Any]:
    """A page in Debian's headless Chromium that records what the served window draws."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1100, "height": 720})
            await context.add_init_script(RECORD_WHAT_IS_DRAWN)
            yield await context.new_page()
        finally:
            await browser.close()


async def say_who(page: Any, name: str, code: str = "") -> None:
    """The join page's form: a name, and a member's or a co-chair's own code, posted."""
    await page.wait_for_selector("#name")
    await page.fill("#name", name)
    await page.fill("#code", code)
    await page.click("button")


@asynccontextmanager
async def windows_served(owner: OpenSession, code: JoinCode | None = None) -> AsyncIterator[WindowServer]:
    """`serve` for the owner's session on a free port of this computer, quietly, until the block ends."""
    served = WindowServer(owner.path, owner.path.parent, owner.session.title, "127.0.0.1", 0, code)
    served.said = lambda words: None
    runner = await served.start()
    try:
        yield served
    finally:
        await runner.cleanup()


async def note_takers_window(page: Any, served: WindowServer, name: str) -> None:
    """The note-taker's window in the page, as `name` says on the join page, once it is drawn."""
    await page.goto(f"http://127.0.0.1:{served.port}/join")
    await say_who(page, name)
    await page.wait_for_function("() => window.__drawn.text.includes('Type a note and press Enter')", timeout=30000)


def installed() -> None:
    if not (Path(os.sys.executable).parent / "workshop-tui").exists():  # type: ignore[attr-defined]
        pytest.skip("workshop-tui is not installed in this environment")


@pytest.fixture
def owner(tmp_path: Path) -> Iterator[OpenSession]:
    made = OpenSession.create(
        tmp_path / "sessions", small_plan(), "Served session", SystemClock(), "Ann", "Bob", gather_seconds=0
    )
    assert made.serve()
    yield made
    made.close()


@pytest.fixture
async def server(owner: OpenSession) -> AsyncIterator[WindowServer]:
    installed()
    served = WindowServer(owner.path, owner.path.parent, owner.session.title, "127.0.0.1", 0, JoinCode(CODE))
    refused: list[str] = []
    served.said = refused.append
    runner = await served.start()
    served.refused = refused  # type: ignore[attr-defined]
    yield served
    await runner.cleanup()


def test_a_join_code_is_needed_beyond_this_computer_only() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("laptop.local")
    command = window_command("join", Path("/tmp/a b/s.toml"), Path("/tmp/a b"))
    assert command.startswith("exec ") and "'/tmp/a b/s.toml'" in command and "--name" not in command  # each its own
    assert "--in-browser" in command and "--in-browser" in window_command("show", Path("/tmp/s.toml"), Path("/tmp"))


async def test_without_the_code_nothing_gets_in_and_wrong_codes_are_counted(server: WindowServer) -> None:
    base = f"http://127.0.0.1:{server.port}"
    async with aiohttp.ClientSession() as client:
        for path in ("/", "/join", "/show"):
            async with client.get(base + path) as answer:
                assert answer.status == 401 and "Type the join code" in await answer.text()
        async with client.get(base + "/static/js/textual.js") as answer:
            assert answer.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(base + "/ws/join")
        assert refused.value.status == 403
        async with client.get(base + "/join?code=WRONG1") as answer:
            assert answer.status == 403 and "That code is not right" in await answer.text()
    assert server.join_code is not None and server.join_code.wrong["127.0.0.1"] == 1
    assert "A wrong join code was typed at 127.0.0.1 (1 from there, 1 in all)." in server.refused  # type: ignore[attr-defined]
    async with aiohttp.ClientSession() as client:
        for _ in range(MOST_WRONG):
            async with client.get(base + "/join?code=WRONG2"):
                pass
        async with client.get(base + f"/join?code={CODE}") as answer:
            assert answer.status == 429  # too many wrong codes from here: even the right one waits for a restart


async def test_the_right_code_lets_a_browser_in_with_a_title_that_names_the_window(server: WindowServer) -> None:
    base = f"http://127.0.0.1:{server.port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        async with client.get(base + f"/show?code={CODE.lower()}") as answer:
            assert answer.status == 200 and str(answer.url).endswith("/show")  # the code leaves the address bar
            page = await answer.text()
        assert "<title>Audience window - Served session</title>" in page
        addresses = re.findall(r'(?:src|href|url)[=(]"([^"]+)"', page)
        here = (base, "ws://127.0.0.1:")  # this server's pages, files and window connection: nothing from the internet
        assert len(addresses) >= 5 and all(address.startswith(here) for address in addresses), addresses


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)")
async def test_a_note_typed_in_the_browser_lands_in_the_session_file(
    server: WindowServer, owner: OpenSession, tmp_path: Path
) -> None:
    base = f"http://127.0.0.1:{server.port}"
    async with browser_page() as page:
        await page.goto(base + "/join?code=NOTIT9")
        assert "That code is not right" in await page.content()
        await page.fill("#code", CODE)
        await page.click("button")
        # Who are you? A name not on the roster is refused in a sentence; the roster's name opens the window.
        await say_who(page, "Stranger")
        assert "No one called Stranger is on the roster" in await page.content()
        await say_who(page, "bob")
        assert await page.title() == "Note-taker's window - Served session"
        assert "code" not in page.url and page.url.endswith("/join")  # posted: never in the address or the history
        await page.wait_for_function("() => window.__drawn.text.includes('Type a note and press Enter')", timeout=30000)
        drawn = ANSI.sub("", await page.evaluate("() => window.__drawn.text"))
        assert "Note-taker's window (Bob)" in drawn  # the first screen says whose window it is
        # The key bar shows the note-taker's own keys before the page has ever had the focus.
        await page.wait_for_function("() => window.__drawn.text.includes('Records')", timeout=15000)
        drawn = ANSI.sub("", await page.evaluate("() => window.__drawn.text"))
        assert all(key in drawn for key in ("f3", "Decision", "f4", "Action", "f6", "Records"))

        await page.keyboard.type("so we agreed now, from the browser")
        await page.keyboard.press("Enter")
        await page.wait_for_function("() => window.__drawn.text.includes('from the browser')", timeout=15000)
        for _ in range(200):
            if owner.session.notes:
                break
            await asyncio.sleep(0.05)
        await page.screenshot(path=str(tmp_path / "note-taker.png"))
    assert (tmp_path / "note-taker.png").stat().st_size > 10_000  # a picture of the window, not a blank page
    assert [(n.text, n.window) for n in owner.session.notes] == [
        ("so we agreed now, from the browser", "note-taker: Bob")
    ]
    assert owner.session.current_step == 0 and owner.session.status == "paused"  # typing moved nothing
    owner.flush()
    assert load_session(owner.path).notes[0].text == "so we agreed now, from the browser"


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)")
async def test_the_audience_window_in_the_browser_follows_the_step(server: WindowServer, owner: OpenSession) -> None:
    base = f"http://127.0.0.1:{server.port}"
    async with browser_page() as page:
        await page.goto(base + f"/show?code={CODE}")
        await page.wait_for_function("() => window.__drawn.text.includes('Welcome')", timeout=30000)
        owner.apply(Command("next_step"))
        await page.wait_for_function("() => window.__drawn.text.includes('Tea - back at')", timeout=15000)


def test_serve_says_in_one_sentence_when_its_port_is_taken_or_the_session_is_over(
    owner: OpenSession, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    from workshop_tui.cli import main
    from workshop_tui.cli.usage_problem import BAD_INPUT

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        code = main(["serve", owner.path.name, "--port", str(port), "--sessions-dir", str(owner.path.parent)])
    finally:
        taken.close()
    assert code == BAD_INPUT
    assert f"port {port} is in use already; choose another with --port" in capsys.readouterr().err
    assert main(["serve", "--port", "70000", "--sessions-dir", str(owner.path.parent)]) == BAD_INPUT
    assert "from 1 to 65535" in capsys.readouterr().err
    owner.apply(Command("finish"))
    owner.close()
    assert main(["serve", owner.path.name, "--sessions-dir", str(owner.path.parent)]) == BAD_INPUT
    assert "this session has finished" in capsys.readouterr().err


async def test_a_browser_connection_that_sends_garbage_leaves_the_server_and_the_owner_running(
    server: WindowServer, owner: OpenSession
) -> None:
    base = f"http://127.0.0.1:{server.port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        async with client.get(base + f"/join?code={CODE}"):
            pass
        with pytest.raises(aiohttp.WSServerHandshakeError):  # no one yet: the window waits for a name
            await client.ws_connect(base + "/ws/join", origin=base)
        async with client.post(base + "/join", data={"name": "Bob"}, headers={"Origin": base}) as answer:
            assert answer.status == 200
        async with client.ws_connect(base + "/ws/join?width=80&height=24", origin=base) as socket_:
            await socket_.send_bytes(b"\xff\x00garbage" * 1000)
            await socket_.send_str("not json at all")
            await socket_.send_str('["stdin"]')
            await socket_.send_str("x" * 2_000_000)
        async with client.get(base + "/show") as answer:
            assert answer.status == 200  # still serving
    owner.apply(Command("add_note", {"typed": "still here"}))
    assert [n.text for n in owner.session.notes] == ["still here"]


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)")
async def test_a_browser_window_says_which_window_it_is_first_and_its_text_size_is_changed_and_remembered(
    server: WindowServer,
) -> None:
    base = f"http://127.0.0.1:{server.port}"
    # The columns each window asks for as it opens: fewer at a larger size (the terminal is drawn on a canvas).
    count_columns = """(() => {
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url, protocols) {
          super(url, protocols);
          window.__columns = parseInt(new URL(url).searchParams.get("width"), 10);
        }
      };
    })();"""
    size = "() => document.getElementById('terminal').dataset.fontSize"
    async with browser_page() as page:
        await page.add_init_script(count_columns)
        await page.goto(base + f"/show?code={CODE}")
        assert await page.title() == "Audience window - Served session"
        assert await page.inner_text("h1") == "Audience window - Served session"  # the page's first line
        await page.wait_for_function("() => window.__drawn.text.includes('Welcome')", timeout=30000)
        assert await page.evaluate(size) == "16"
        columns = await page.evaluate("() => window.__columns")
        for _ in range(2):
            async with page.expect_navigation():
                await page.get_by_role("button", name="Larger text").click()
        await page.wait_for_function("() => window.__drawn.text.includes('Welcome')", timeout=30000)
        assert await page.evaluate(size) == "20"
        larger = await page.evaluate("() => window.__columns")
        assert larger < columns * 0.9, (larger, columns)  # the same page width holds fewer, larger letters
        # Remembered: the window opened again later (or another of serve's windows) has the same size.
        await page.goto(base + "/show")
        await page.wait_for_function("() => window.__drawn.text.includes('Welcome')", timeout=30000)
        assert await page.evaluate(size) == "20" and await page.evaluate("() => window.__columns") == larger
        async with page.expect_navigation():
            await page.get_by_role("button", name="Smaller text").click()
        assert await page.evaluate(size) == "18"
