"""What a screen shows of a session: only what is on disk, in a copy changed on the screen's own thread.

The window that runs a session changes it on its applying thread and writes it on its saver's; a
window joined to it hears the changes on its socket's thread. A screen never reads a session another
thread is changing, and never shows a change before it is saved: it keeps its own copy and asks its
link (`shown(count, generation)`) for the saved events it has not seen. When the link starts again
from the beginning (a window that joined again or took over), the generation changes and the copy is
rebuilt from the whole saved session, so every window converges on what the file holds.

    shown = ShownSession(link)    # on the screen's thread, with what is saved now
    shown.catch_up(link)          # later: the new events, or None when rebuilt whole
    shown.session.notes           # what the screen draws
"""

import threading
from dataclasses import dataclass
from typing import Protocol

from workshop_tui.core.clock import Clock
from workshop_tui.core.session_engine import SessionEngine, first_state
from workshop_tui.model import Event, Session
from workshop_tui.model.session_start import SessionStart


@dataclass(frozen=True)
class Shown:
    """What a link gives a screen: the saved events after those it has, or (with `start`) all of them."""

    generation: int  # changes when the whole session was replaced
    events: tuple[Event, ...]
    start: SessionStart | None = None  # set: start again from this, then apply every event


class SavedSource(Protocol):
    """Where a screen's copy comes from: an open session's link (store/open_session.py SessionLink)."""

    @property
    def clock(self) -> Clock: ...

    def shown(self, count: int, generation: int) -> Shown: ...


class ShownSession:
    """A screen's own copy of a session, as far as it is saved. Changed only on the thread that made it."""

    def __init__(self, link: SavedSource):
        self.clock = link.clock
        self._thread = threading.current_thread()
        self.count = 0  # how many of the session's events this copy holds
        self.generation = -1  # none yet: the first catch-up builds it whole
        first = link.shown(0, self.generation)
        assert first.start is not None, "a link gives the whole session to a copy of another generation"
        self.engine = self._built(first)

    @property
    def session(self) -> Session:
        return self.engine.session

    def catch_up(self, link: SavedSource) -> tuple[Event, ...] | None:
        """Apply what `link` has saved since this copy was made. Returns the events applied, or None
        when the copy was rebuilt whole (draw everything)."""
        shown = link.shown(self.count, self.generation)
        if shown.start is not None:
            self.engine = self._built(shown)
            return None
        for event in shown.events:
            self.engine.apply(event)
        self.count += len(shown.events)
        return shown.events

    def _built(self, shown: Shown) -> SessionEngine:
        assert shown.start is not None
        engine = SessionEngine(first_state(shown.start), self.clock)
        engine.changed_only_on(self._thread)
        for event in shown.events:
            engine.apply(event)
        self.count, self.generation = len(shown.events), shown.generation
        return engine
