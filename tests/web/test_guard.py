"""What keeps other web sites, other names and too many guesses out of `serve`, checked with real
requests to a server on a free port. The windows here are a stand-in (fake_window.py) that writes
down what it is sent, so no session is needed."""

import asyncio
import json
import shlex
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from workshop_tui.core.clock import SystemClock
from workshop_tui.store.open_session import OpenSession
from workshop_tui.web.join_code import LONG_LENGTH, MOST_WRONG_IN_ALL, JoinCode
from workshop_tui.web.server import MOST_MESSAGE, MOST_WINDOWS, PERSON_COOKIE, WindowServer
from workshop_tui.web.tell_owner import TellOwner
from tests.conftest import small_plan
from tests.test_windows import until

CODE = "K7P2QX"
SOMEONE = "a-person-token"
FAKE = Path(__file__).with_name("fake_window.py")


class Clock:
    """Seconds that move only when a test moves them."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@asynccontextmanager
async def serving(
    tmp_path: Path, code: JoinCode | None = None, handshake: float | None = None
) -> AsyncIterator[WindowServer]:
    window = "exec " + shlex.join([sys.executable, str(FAKE), str(tmp_path / "window.jsonl")])
    served = WindowServer(
        tmp_path / "s.toml", tmp_path, "Guarded", "127.0.0.1", 0, code, commands={"join": window, "show": window}
    )
    served.people[SOMEONE] = ("Bob", "")  # who the note-taker's window is (the join page's own tests are apart)
    said: list[str] = []
    served.said = said.append
    served.told = said  # type: ignore[attr-defined]
    if handshake is not None:
        served.handshake_seconds = handshake
    runner = await served.start()
    try:
        yield served
    finally:
        await runner.cleanup()


def browser(address: str = "127.0.0.1") -> aiohttp.ClientSession:
    """A client that keeps cookies, from one of this machine's loopback addresses (127.0.0.2 is another one),
    and has said who it is on the join page."""
    jar = aiohttp.CookieJar(unsafe=True)
    jar.update_cookies({PERSON_COOKIE: SOMEONE})
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0)), cookie_jar=jar)


def base_of(served: WindowServer) -> str:
    return f"http://127.0.0.1:{served.port}"


async def refused_status(client: aiohttp.ClientSession, url: str, **options: Any) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect(url, **options)
    return refused.value.status


async def records(tmp_path: Path, count: int) -> list[dict[str, Any]]:
    """What the stand-in window was sent, once it has had `count` messages (waiting on its process)."""
    path = tmp_path / "window.jsonl"
    for _ in range(500):
        lines = path.read_text().splitlines() if path.exists() else []
        if len(lines) >= count:
            return [json.loads(line) for line in lines]
        await asyncio.sleep(0.01)
    raise AssertionError(f"the window had only {len(lines)} messages")


@pytest.mark.parametrize("with_code", [False, True], ids=["no code", "a code"])
@pytest.mark.parametrize("role", ["join", "show"])
async def test_a_window_connection_is_refused_unless_it_comes_from_this_servers_own_page(
    tmp_path: Path, role: str, with_code: bool
) -> None:
    async with serving(tmp_path, JoinCode(CODE) if with_code else None) as served, browser() as client:
        base = base_of(served)
        if with_code:
            async with client.post(base + f"/{role}", data={"code": CODE}, headers={"Origin": base}) as answer:
                assert answer.status == 200  # in, with the cookie
        url = base + f"/ws/{role}"
        assert await refused_status(client, url) == 403  # no Origin: not from a browser's page
        assert await refused_status(client, url, origin="http://evil.example") == 403
        assert await refused_status(client, url, origin="http://127.0.0.1:1") == 403  # another port is another site
        assert await refused_status(client, url, origin="null") == 403
        async with client.ws_connect(url, origin=base) as window:  # the page's own origin
            assert not window.closed
        assert (await records(tmp_path, 1))[0]["type"] == "start"


async def test_a_code_in_a_window_connections_address_never_lets_it_in(tmp_path: Path) -> None:
    async with serving(tmp_path, JoinCode(CODE)) as served, browser() as client:
        base = base_of(served)
        for origin in (None, "http://evil.example", base):
            assert await refused_status(client, base + f"/ws/join?code={CODE}", origin=origin) == 403
        async with client.get(base + f"/static/js/textual.js?code={CODE}") as answer:
            assert answer.status == 403
    assert not (tmp_path / "window.jsonl").exists()  # no window was started


async def test_a_request_that_names_another_host_is_refused_even_from_this_computer(tmp_path: Path) -> None:
    # A page whose name was pointed at 127.0.0.1 (DNS rebinding) sends its own name as the Host.
    async with serving(tmp_path) as served, browser() as client:
        base, port = base_of(served), served.port
        for host in (f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", "evil.example"):
            async with client.get(base + "/join", headers={"Host": host}) as answer:
                assert answer.status == 403
                assert (
                    await answer.text()
                    == "Refused: this server does not answer to that name. Use the address 'workshop-tui serve' printed.\n"
                )
        assert (
            await refused_status(
                client,
                base + "/ws/join",
                headers={"Host": f"evil.example:{port}"},
                origin=f"http://evil.example:{port}",
            )
            == 403
        )
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
            async with client.get(base + "/join", headers={"Host": host}) as answer:
                assert answer.status == 200, host


def test_a_server_on_every_address_answers_to_numbers_and_this_computers_names_only(tmp_path: Path) -> None:
    import socket

    served = WindowServer(
        tmp_path / "s.toml", tmp_path, "t", "0.0.0.0", 8123, JoinCode(CODE), commands={"join": "", "show": ""}
    )
    assert served.answers_to("192.168.1.5:8123") and served.answers_to("[fe80::1]:8123")
    assert served.answers_to(f"{socket.gethostname()}:8123") and served.answers_to("localhost:8123")
    assert not served.answers_to("evil.example:8123") and not served.answers_to("192.168.1.5:8124")
    one = WindowServer(
        tmp_path / "s.toml", tmp_path, "t", "192.168.1.5", 8123, JoinCode(CODE), commands={"join": "", "show": ""}
    )
    assert (
        one.answers_to("192.168.1.5:8123")
        and not one.answers_to("10.0.0.9:8123")
        and not one.answers_to("localhost:8123")
    )


async def test_no_other_site_can_frame_the_pages_and_browsers_keep_no_copy(tmp_path: Path) -> None:
    async with serving(tmp_path, JoinCode(CODE)) as served, browser() as client:
        base = base_of(served)
        async with client.get(base + "/join") as form:
            assert form.status == 401
        async with client.get(base + f"/join?code={CODE}") as page:
            assert page.status == 200
        async with client.get(base + "/") as menu:
            assert menu.status == 200
        for answer in (form, page, menu):
            assert answer.headers["X-Frame-Options"] == "DENY"
            assert answer.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
            assert answer.headers["Cache-Control"] == "no-store"


async def test_the_join_code_form_is_posted_and_a_code_in_a_link_is_dropped_from_the_address(tmp_path: Path) -> None:
    async with serving(tmp_path, JoinCode(CODE)) as served, browser() as client:
        base = base_of(served)
        async with client.get(base + "/join") as answer:
            assert '<form method="post" action="/join">' in await answer.text()
        async with client.post(
            base + "/join", data={"code": CODE}, headers={"Origin": "http://evil.example"}
        ) as answer:
            assert answer.status == 403  # another site cannot post the form for a visitor
        async with client.post(
            base + "/join", data={"code": CODE}, headers={"Origin": base}, allow_redirects=False
        ) as answer:
            assert answer.status == 303 and answer.headers["Location"] == "/join" and "workshop_join" in answer.cookies
    async with serving(tmp_path, JoinCode(CODE)) as served, browser() as client:
        base = base_of(served)
        async with client.get(base + f"/show?code={CODE}&fontsize=20", allow_redirects=False) as answer:
            assert answer.status == 303 and answer.headers["Location"] == "/show?fontsize=20"


async def test_the_61st_window_hears_that_the_room_is_full(tmp_path: Path) -> None:
    async with serving(tmp_path) as served, browser() as client:
        base = base_of(served)
        others = [object() for _ in range(MOST_WINDOWS)]  # stand-ins: the server only counts them here
        served.windows.update(others)  # type: ignore[arg-type]
        try:
            async with client.get(base + "/join") as answer:
                assert answer.status == 503
                assert (
                    "The room is full: 60 browser windows are open already. Close one, then try again."
                    in await answer.text()
                )
            async with client.ws_connect(base + "/ws/join", origin=base) as window:
                said = await window.receive()
                assert "The room is full" in said.data.decode()
                closing = await window.receive()
                assert closing.type == aiohttp.WSMsgType.CLOSE and window.close_code == 1013
        finally:
            served.windows.difference_update(others)
        async with client.get(base + "/join") as answer:
            assert answer.status == 200  # a place again
    assert not (tmp_path / "window.jsonl").exists()  # no window was started for the 61st


async def test_the_screen_size_is_kept_within_limits_on_connecting_and_on_every_resize(tmp_path: Path) -> None:
    async with serving(tmp_path) as served, browser() as client:
        base = base_of(served)
        async with client.ws_connect(base + "/ws/join?width=100000&height=1", origin=base) as window:
            await window.send_str(json.dumps(["resize", {"width": 999999, "height": 999999}]))
            await window.send_str(json.dumps(["resize", {"width": -3, "height": "many"}]))
            await window.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
            sizes = [(r["width"], r["height"]) for r in await records(tmp_path, 4)]
    assert sizes == [(500, 5), (500, 300), (10, 24), (120, 40)]


async def test_a_message_bigger_than_the_limit_ends_that_connection_only(tmp_path: Path) -> None:
    async with serving(tmp_path) as served, browser() as client:
        base = base_of(served)
        async with client.ws_connect(base + "/ws/join", origin=base) as window:
            await window.send_str(json.dumps(["stdin", "x" * MOST_MESSAGE]))
            closing = await window.receive()
            assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED) and window.close_code == 1009
        async with client.ws_connect(base + "/ws/join", origin=base) as window:
            await window.send_str(json.dumps(["resize", {"width": 90, "height": 30}]))
            # The first connection's window wrote records too: wait for this one's, however many came before.
            for _ in range(500):
                if {"type": "resize", "width": 90, "height": 30} in await records(tmp_path, 1):
                    break
                await asyncio.sleep(0.01)
            else:
                raise AssertionError("the second connection's window never heard its resize")


async def test_a_connection_that_never_finishes_its_request_is_closed(tmp_path: Path) -> None:
    async with serving(tmp_path, handshake=0.3) as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(b"GET /ws/join HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr")  # and nothing more, ever
        await writer.drain()
        assert await asyncio.wait_for(reader.read(), 10) == b""  # closed by the server, unanswered
        writer.close()


async def test_wrong_codes_from_many_addresses_together_hold_every_code_back_for_a_minute(tmp_path: Path) -> None:
    clock = Clock()
    code = JoinCode(CODE, clock)
    async with serving(tmp_path, code) as served:
        base = base_of(served)
        async with browser("127.0.0.9") as inside:
            async with inside.get(base + f"/join?code={CODE}") as answer:
                assert answer.status == 200  # in before the guessing starts
            for number in range(4):  # 4 addresses, 8 wrong codes each: under the limit for one address
                async with browser(f"127.0.0.{number + 2}") as guesser:
                    for _ in range(8):
                        clock.now += 1
                        async with guesser.post(base + "/join", data={"code": "WRONG1"}) as answer:
                            assert answer.status in (403, 429)
            async with browser("127.0.0.20") as newcomer:
                async with newcomer.post(base + "/join", data={"code": CODE}) as answer:
                    assert answer.status == 429  # even the right code waits
                    assert (
                        "Too many wrong codes have been tried lately. Wait a minute, then try again."
                        in await answer.text()
                    )
                async with inside.get(base + "/join") as answer:
                    assert answer.status == 200  # a browser already in stays in
                clock.now += 61
                async with newcomer.post(base + "/join", data={"code": CODE}) as answer:
                    assert answer.status == 200
    assert "Too many wrong join codes in a minute: every code is refused for a minute." in served.told  # type: ignore[attr-defined]


async def test_after_many_wrong_codes_in_all_the_code_is_replaced_by_a_longer_one(tmp_path: Path) -> None:
    clock = Clock()
    code = JoinCode(CODE, clock)
    async with serving(tmp_path, code) as served:
        new_codes: list[str] = []
        served.code_changed = new_codes.append
        base = base_of(served)
        guesses = 0
        for number in range(MOST_WRONG_IN_ALL // 8 + 1):
            async with browser(f"127.0.1.{number + 1}") as guesser:
                for _ in range(8):
                    if guesses == MOST_WRONG_IN_ALL:
                        break
                    clock.now += 3  # 20 a minute: under the limit for a minute
                    guesses += 1
                    async with guesser.post(base + "/join", data={"code": "WRONG1"}) as answer:
                        assert answer.status == 403
        assert len(new_codes) == 1 and len(new_codes[0]) == LONG_LENGTH and code.code == new_codes[0]
        assert (
            f"So many wrong join codes were typed that the code is now a longer one: {new_codes[0]} (browsers already in stay in)."
            in served.told  # type: ignore[attr-defined]  # what the server told, kept by serving()
        )
        async with browser("127.0.2.1") as newcomer:
            async with newcomer.post(base + "/join", data={"code": CODE}) as answer:
                assert answer.status == 403  # the old code is no good now
            async with newcomer.post(base + "/join", data={"code": new_codes[0].lower()}) as answer:
                assert answer.status == 200


def test_a_new_join_code_reaches_the_facilitators_screen(tmp_path: Path) -> None:
    owner = OpenSession.create(tmp_path / "sessions", small_plan(), "Told", SystemClock(), "Ann", gather_seconds=0)
    heard: list[str] = []
    owner.listen(lambda change: heard.append(change.notice) if change.notice is not None else None)
    teller = TellOwner(owner.path, "Join code K7P2QX · Browsers: ...")
    try:
        assert owner.serve()
        teller.start()
        until(lambda: "Join code K7P2QX · Browsers: ..." in heard, "the first code reaching the owner")
        teller.say("Join code ABCDEFGH23 · Browsers: ...")
        until(lambda: "Join code ABCDEFGH23 · Browsers: ..." in heard, "the new code reaching the owner")
    finally:
        teller.stop()
        owner.close()
