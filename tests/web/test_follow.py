"""`serve`'s follow-along page, /follow: plain HTML for phones and screen readers, kept up to date by
itself, behind the same rules as the windows; checked in Debian's headless Chromium with axe-core, the
browser's own accessibility tree, a phone's width at 400% zoom and with JavaScript off."""

import asyncio
import os
import re
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from workshop_tui.core.clock import FakeClock, SystemClock
from workshop_tui.core.room_view import room_view
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.model import Plan, Step
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.web.follow_page import follow_parts
from workshop_tui.web.join_code import JoinCode
from workshop_tui.web.server import WindowServer
from tests.conftest import TEN_AM
from tests.web.test_serve import CHROMIUM, CHROMIUM_ARGS, CODE

needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"
)

FORUM = Plan(
    name="forum",
    title="Forum",
    steps=[
        Step(
            title="Check-in round",
            kind="activity",
            planned_minutes=15,
            prompts=["How are you today?", "What brought you here?"],
        ),
        Step(title="Tea", kind="break", planned_minutes=15),
        Step(title="What matters most", kind="discussion", planned_minutes=30),
    ],
)


def words_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_page_says_the_step_its_questions_the_time_in_words_and_what_comes_next() -> None:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(FORUM, "Forum <one>", clock, "Ann", "Bob"), clock)
    engine.start_timer()
    clock.advance(minutes=3)
    parts = follow_parts(room_view(engine.session, clock.now()))
    assert words_of(parts.now) == "Step 1 of 3: Check-in round 12 minutes left."
    assert words_of(parts.questions) == "Questions for this step How are you today? What brought you here?"
    assert words_of(parts.next) == "Tea"
    assert parts.record == "" and parts.link == ""
    engine.next_step()  # the timer runs on into the next step
    parts = follow_parts(room_view(engine.session, clock.now()))
    assert words_of(parts.now) == "Step 2 of 3: Tea Break, back at 10:18."
    engine.next_step()
    parts = follow_parts(room_view(engine.session, clock.now()), owner_away=True)
    assert words_of(parts.next) == "Nothing more: this is the last step."
    assert "facilitator's screen has gone" in parts.link


def test_the_groups_record_is_shown_only_when_the_facilitator_turns_it_on_and_without_names_by_default() -> None:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(FORUM, "Forum", clock, "Ann", "Bob"), clock)
    engine.add_person("Margaret Hale")
    engine.add_note("+ Margaret says <meet> at the library @Margaret")
    assert follow_parts(room_view(engine.session, clock.now())).record == ""
    engine.room_record(on=True)
    record = follow_parts(room_view(engine.session, clock.now())).record
    assert "meet" in record and "&lt;meet&gt;" in record and "<meet>" not in record  # escaped
    assert "Margaret" not in record and "Hale" not in record
    engine.room_record(on=True, names=True)
    assert "Margaret" in follow_parts(room_view(engine.session, clock.now())).record


async def test_the_phones_hear_only_when_the_words_change_the_minute_not_every_second(tmp_path: Path) -> None:
    from workshop_tui.web.follow_feed import FollowFeed

    clock = FakeClock(TEN_AM)
    owner = OpenSession.create(tmp_path / "sessions", FORUM, "Forum", clock, "Ann", gather_seconds=0)
    feed = FollowFeed(owner.path, clock, open_link=lambda path, clock: owner)  # the owner is a link too
    await feed.start()
    try:
        owner.carry_out(Command("start_timer"))
        await asyncio.sleep(0.1)  # the owner's listener wakes the loop
        assert feed.version == 2 and "15 minutes left" in feed.message.decode()
        said = [room_view(owner.session, clock.now()).time_words]
        for _ in range(150):  # the timer runs two and a half minutes, looked at every second
            clock.advance(seconds=1)
            feed._update()
            said.append(room_view(owner.session, clock.now()).time_words)
            assert said[-1].replace("Paused: ", "") in feed.message.decode()
        changes = sum(1 for before, after in pairwise(said) if before != after)
        assert 2 <= changes <= 3 and feed.version == 2 + changes  # once a minute, and only when the words change
        version = feed.version
        owner.carry_out(Command("add_note", {"typed": "not shown: the record is off"}))
        await asyncio.sleep(0.1)
        assert feed.version == version
    finally:
        await feed.close()


@pytest.fixture
def owner(tmp_path: Path) -> Iterator[OpenSession]:
    made = OpenSession.create(
        tmp_path / "sessions", FORUM, "Healthy ageing forum", SystemClock(), "Ann", "Bob", gather_seconds=0
    )
    assert made.serve()
    yield made
    made.close()


@asynccontextmanager
async def follow_served(owner: OpenSession, code: JoinCode | None = None) -> AsyncIterator[tuple[WindowServer, str]]:
    served = WindowServer(owner.path, owner.path.parent, owner.session.title, "127.0.0.1", 0, code)
    served.said = lambda words: None
    runner = await served.start()
    try:
        yield served, f"http://127.0.0.1:{served.port}"
    finally:
        await runner.cleanup()


async def next_event(stream: aiohttp.StreamReader) -> str:
    """The next server-sent event's data, keep-alive comments passed over."""
    while True:
        block = (await stream.readuntil(b"\n\n")).decode()
        data = [line[6:] for line in block.splitlines() if line.startswith("data: ")]
        if data:
            return "\n".join(data)


async def test_the_follow_page_keeps_serves_rules(owner: OpenSession) -> None:
    async with (
        follow_served(owner, JoinCode(CODE)) as (served, base),
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client,
    ):
        async with client.get(base + "/follow") as answer:
            assert answer.status == 401 and "Type the join code" in await answer.text()
            assert (
                answer.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
            )  # the form's own style is let be
        for path in ("/follow/events", "/follow/follow.js", "/follow/follow.css"):
            async with client.get(base + path) as answer:
                assert answer.status == 403, path  # never a form in place of a stream or a file
        assert served.follow_feed is None  # no one in yet: no window on the owner either
        async with client.get(base + f"/follow?code={CODE}") as answer:
            assert answer.status == 200 and str(answer.url).endswith("/follow")
            page = await answer.text()
            headers = answer.headers
        assert '<html lang="en-GB">' in page and "<title>Follow along - Healthy ageing forum</title>" in page
        assert "Step 1 of 3: Check-in round" in page
        assert headers["Cache-Control"] == "no-store" and headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        async with client.get(base + "/follow/follow.js") as answer:
            assert answer.status == 200 and "EventSource" in await answer.text()
        addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert addresses and all(address.startswith("/follow/") for address in addresses)  # nothing from the internet
        async with client.get(base + "/follow/events", headers={"Origin": "http://evil.example"}) as answer:
            assert answer.status == 403  # another site's page
        async with client.get(base + "/follow", headers={"Host": f"rebound.example:{served.port}"}) as answer:
            assert answer.status == 403  # DNS rebinding
        async with client.get(base + "/follow/events") as answer:
            assert answer.status == 200 and answer.headers["Content-Type"] == "text/event-stream"
            assert "Step 1 of 3" in await next_event(answer.content)


async def test_fifty_phones_are_one_window_on_the_owner_and_each_hears_a_step_change_within_a_second(
    owner: OpenSession,
) -> None:
    async with follow_served(owner) as (_, base), aiohttp.ClientSession() as client:
        streams = [await client.get(base + "/follow/events") for _ in range(50)]
        try:
            for stream in streams:
                assert "Check-in round" in await next_event(stream.content)
            assert owner._server is not None and owner._server.windows == [
                "audience"
            ]  # one window on the owner for all fifty
            started = time.monotonic()
            await asyncio.to_thread(owner.carry_out, Command("next_step"))
            heard = await asyncio.gather(*(asyncio.wait_for(next_event(s.content), 1.0) for s in streams))
            assert time.monotonic() - started < 1.0
            assert all("Step 2 of 3: Tea" in data for data in heard)
        finally:
            for stream in streams:
                stream.close()


@asynccontextmanager
async def chromium(**context: Any) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield await (await browser.new_context(**context)).new_page()
        finally:
            await browser.close()


async def accessible_names(page: Any) -> str:
    """Every name and value in Chromium's own accessibility tree, as a screen reader is given them."""
    session = await page.context.new_cdp_session(page)
    tree = await session.send("Accessibility.getFullAXTree")
    said = []
    for node in tree["nodes"]:
        if node.get("ignored"):
            continue
        for key in ("name", "value"):
            value = (node.get(key) or {}).get("value")
            if isinstance(value, str) and value.strip():
                said.append(value)
    return "\n".join(said)


@needs_chromium
async def test_in_chromium_axe_finds_nothing_and_the_accessibility_tree_holds_the_step_the_time_and_next(
    owner: OpenSession,
) -> None:
    from axe_playwright_python.async_playwright import Axe

    owner.carry_out(Command("start_timer"))
    owner.carry_out(Command("add_note", {"typed": "+ A hearing loop at the library"}))
    owner.carry_out(Command("room_record", {"on": True}))
    async with follow_served(owner) as (_, base), chromium() as page:
        await page.goto(base + "/follow")
        await page.wait_for_function("() => document.body.dataset.version !== undefined")
        for scheme in ("light", "dark"):  # the phone's own setting chooses the colours
            await page.emulate_media(color_scheme=scheme)
            # The default rules, and 7:1 contrast (WCAG AAA) besides.
            results = await Axe().run(
                page, options={"resultTypes": ["violations"], "rules": {"color-contrast-enhanced": {"enabled": True}}}
            )
            assert results.violations_count == 0, (scheme, results.generate_report())
            checked = {rule["id"] for rule in results.response["passes"]}
            assert {"color-contrast-enhanced", "landmark-one-main", "html-has-lang", "region"} <= checked
        said = await accessible_names(page)
        assert "Step 1 of 3: Check-in round" in said
        assert re.search(r"1[45] minutes left", said)
        assert "Tea" in said and "How are you today?" in said and "Idea: A hearing loop at the library" in said
        status = page.get_by_role("status")
        assert "Check-in round" in await status.inner_text()


@needs_chromium
async def test_the_live_region_changes_when_the_facilitator_moves_on(owner: OpenSession) -> None:
    async with follow_served(owner) as (_, base), chromium() as page:
        await page.goto(base + "/follow")
        await page.evaluate("""() => {
            window.region = document.querySelector('[role=status]');
            window.heard = [];
            new MutationObserver(() => window.heard.push(window.region.textContent))
                .observe(window.region, {childList: true, subtree: true, characterData: true});
        }""")
        await page.wait_for_timeout(500)  # the stream's first event (what the page says already) changes nothing
        assert await page.evaluate("() => window.heard.length") == 0
        started = time.monotonic()
        await asyncio.to_thread(owner.carry_out, Command("next_step"))
        await page.wait_for_function("() => window.region.textContent.includes('Step 2 of 3: Tea')", timeout=2000)
        assert time.monotonic() - started < 1.5
        # The same region, still in the page, its words changed: a screen reader says them.
        assert await page.evaluate("() => document.querySelector('[role=status]') === window.region")
        assert "Break, back at" in await page.evaluate("() => window.region.textContent")


@needs_chromium
async def test_at_320_css_pixels_wide_a_phone_at_400_percent_zoom_nothing_scrolls_sideways(tmp_path: Path) -> None:
    long_words = Plan(
        name="long",
        title="Long",
        steps=[
            Step(
                title="Intergenerational-co-production-workshop-introductions",
                planned_minutes=10,
                prompts=["What does https://example.org/a/very/long/address/that/never/breaks mean to you?"],
            ),
            Step(title="Tea", kind="break", planned_minutes=15),
        ],
    )
    owner = OpenSession.create(
        tmp_path / "sessions",
        long_words,
        "A session with a very long title indeed",
        SystemClock(),
        "Ann",
        gather_seconds=0,
    )
    try:
        assert owner.serve()
        async with follow_served(owner) as (_, base), chromium(viewport={"width": 320, "height": 256}) as page:
            await page.goto(base + "/follow")
            widths = await page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1] == 320, widths
            size = await page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.time')).fontSize)")
            assert size >= 30  # large print
    finally:
        owner.close()


@needs_chromium
async def test_with_javascript_off_the_page_still_shows_the_step_and_refreshes_itself(owner: OpenSession) -> None:
    async with follow_served(owner) as (_, base), chromium(java_script_enabled=False) as page:
        await page.goto(base + "/follow")
        assert "Step 1 of 3: Check-in round" in await page.inner_text("main")
        refresh = page.locator('meta[http-equiv="refresh"]')
        assert await refresh.count() == 1 and await refresh.get_attribute("content") == "30"
        await asyncio.to_thread(owner.carry_out, Command("next_step"))
        for _ in range(20):  # serve hears of it a moment later, over the owner's socket
            await page.reload()
            if "Step 2 of 3: Tea" in await page.inner_text("main"):
                break
            await asyncio.sleep(0.1)
        assert "Step 2 of 3: Tea" in await page.inner_text("main")


@needs_chromium
async def test_a_note_typed_appears_within_a_second_without_names_and_goes_when_the_record_is_turned_off(
    owner: OpenSession,
) -> None:
    owner.carry_out(Command("add_person", {"name": "Margaret Hale"}))
    owner.carry_out(Command("room_record", {"on": True}))
    async with follow_served(owner) as (_, base), chromium() as page:
        await page.goto(base + "/follow")
        await page.wait_for_selector("#record h2")
        await page.wait_for_timeout(300)  # the stream is open
        started = time.monotonic()
        await asyncio.to_thread(owner.carry_out, Command("add_note", {"typed": "Margaret wants a ramp @Margaret"}))
        await page.wait_for_function(
            "() => document.querySelector('#record').textContent.includes('wants a ramp')", timeout=1000
        )
        assert time.monotonic() - started < 1.0
        record = await page.inner_text("#record")
        assert "Margaret" not in record and "Hale" not in record
        await asyncio.to_thread(owner.carry_out, Command("room_record", {"on": False}))
        await page.wait_for_function(
            "() => !document.querySelector('#record').textContent.includes('wants a ramp')", timeout=1000
        )
        assert "The group's record" not in await page.inner_text("main")


@needs_chromium
async def test_when_the_facilitators_screen_goes_the_page_says_so_and_carries_on_when_it_is_back(
    tmp_path: Path,
) -> None:
    owner = OpenSession.create(tmp_path / "sessions", FORUM, "Forum", SystemClock(), "Ann", gather_seconds=0)
    path = owner.path
    assert owner.serve()
    async with follow_served(owner) as (_, base), chromium() as page:
        await page.goto(base + "/follow")
        await page.wait_for_timeout(300)
        owner.close()
        await page.wait_for_function(
            "() => document.querySelector('#link').textContent.includes('has gone for a moment')", timeout=5000
        )
        back = OpenSession.resume(path, SystemClock())
        try:
            assert back.serve()
            await asyncio.to_thread(back.carry_out, Command("next_step"))
            await page.wait_for_function(
                "() => document.querySelector('#now').textContent.includes('Step 2 of 3: Tea')", timeout=5000
            )
            assert await page.inner_text("#link") == ""
        finally:
            back.close()
