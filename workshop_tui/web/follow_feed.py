"""What the follow-along page says now, kept by `serve` for every phone at once.

`serve` keeps ONE audience window on the session's owner (store/joined_session.py, read-only: the
audience may do nothing, core/roles.py), however many phones follow, so fifty phones cost the owner
what one does. The page's parts (web/follow_page.py) are made again when the owner sends a change,
and when the minute the page says has gone by; they are sent to the phones only when they differ
from what was sent last. So a phone hears from the server once a minute while a step's timer runs,
at once when the step changes or the record grows, and otherwise not at all.

Everything here runs on the server's event loop, except the window's own reader thread, which only
wakes the loop (`call_soon_threadsafe`). The page's copy of the session (core/shown_session.py) is
made and caught up on the loop's thread, as a screen's is on its own.
"""

import asyncio
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from workshop_tui.core.clock import Clock
from workshop_tui.core.room_view import room_view
from workshop_tui.core.session_engine import countdown_of
from workshop_tui.core.shown_session import ShownSession
from workshop_tui.model import Session
from workshop_tui.store.joined_session import JoinedSession
from workshop_tui.store.open_session import Change, Link, SessionLink
from workshop_tui.web.follow_page import FollowParts, follow_page, follow_parts

SHORTEST_WAIT = 0.2  # seconds between looks at the clock, at least, so a boundary met a moment early never spins


def audience_window(path: Path, clock: Clock) -> SessionLink:
    """The one read-only window `serve` keeps on the owner for every phone."""
    return JoinedSession(path, clock, "audience", in_browser=True)


class FollowFeed:
    """What the follow-along page says now (`parts`, `version`), and a wait for the next change."""

    def __init__(self, path: Path, clock: Clock, open_link: Callable[[Path, Clock], SessionLink] = audience_window):
        self.path = path
        self.clock = clock
        self._open_link = open_link
        self.link: SessionLink | None = None
        self._shown: ShownSession | None = None
        self.parts: FollowParts | None = None
        self.version = 0
        self.message = b""  # the last change as one server-sent event, made once for every phone
        self._changed = asyncio.Event()  # set (and replaced) at each change
        self._timer: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.closed = False
        self.title = ""

    async def start(self) -> None:
        """Join the owner (the file is read on a thread, so the loop never waits on the disk)."""
        self._loop = asyncio.get_running_loop()
        link = await asyncio.to_thread(self._open_link, self.path, self.clock)
        self.link = link
        link.listen(self._heard)  # first, so nothing saved while the copy is made goes unheard
        self._shown = ShownSession(link)
        self._update(rebuilt=True)

    def _heard(self, change: Change) -> None:
        """On the window's reader thread: wake the loop, which does the work."""
        loop = self._loop
        if loop is None or self.closed:
            return
        try:
            loop.call_soon_threadsafe(self._update, False)
        except RuntimeError:
            pass  # the loop has closed: the server is stopping

    def _update(self, rebuilt: bool = False) -> None:
        """Catch the page's copy up, make the parts again, and tell the phones if anything differs."""
        if self.closed or self.link is None or self._shown is None:
            return
        if not rebuilt:
            self._shown.catch_up(self.link)
        session = self._shown.session
        now = self.clock.now()
        view = room_view(session, now)
        self.title = view.session_title
        parts = follow_parts(view, owner_away=self.link.link == Link.GONE)
        if parts != self.parts:
            self.parts = parts
            self.version += 1
            self.message = as_event(self.version, parts)
            self._changed.set()
            self._changed = asyncio.Event()
        self._look_again(session, now)

    def _look_again(self, session: Session, now: datetime) -> None:
        """Wake when the words may next change: a half-minute of the step's timer gone by while it runs
        (the room is told whole minutes, rounded), and the clock's next minute (a paused break's "back at"
        moves on). Nothing is sent unless the words did change."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._loop is None or session.status == "finished":
            return
        wait = 60 - (now.second + now.microsecond / 1e6)
        countdown = countdown_of(session.steps[session.current_step])
        if countdown.running:
            wait = min(wait, countdown.left(now) % 30 or 30)
        self._timer = self._loop.call_later(max(SHORTEST_WAIT, wait + 0.02), self._update, False)

    def page(self) -> str:
        assert self.parts is not None
        return follow_page(self.title, self.parts, self.version)

    async def changed_after(self, version: int, timeout: float) -> bool:
        """Wait until the page says something newer than `version` (True), or `timeout` (False)."""
        if self.version > version or self.closed:
            return True
        try:
            await asyncio.wait_for(self._changed.wait(), timeout)
            return True
        except TimeoutError:
            return False

    async def close(self) -> None:
        """Let go of the owner and wake every phone's stream, so each ends."""
        self.closed = True
        if self._timer is not None:
            self._timer.cancel()
        self._changed.set()
        link, self.link = self.link, None
        if link is not None:
            await asyncio.to_thread(link.close)


def as_event(version: int, parts: FollowParts) -> bytes:
    """One server-sent event: the page's version and parts, as JSON on one data line."""
    data = json.dumps({"version": version, "parts": parts.as_dict()}, separators=(",", ":"))
    return f"event: page\ndata: {data}\n\n".encode()
