"""The projector's view for the room, drawn from core/room_view.py: the step large with its questions,
the time left (a break's "back at"), the next step and, while the facilitator shows it, the group's
record of this step as it is typed. Nothing here names a key or a technical state."""

from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from workshop_tui.core.room_view import RoomRecord, RoomView, room_view
from workshop_tui.model import Session
from workshop_tui.store.open_session import Link
from workshop_tui.ui.widgets.big_clock import BigClock
from workshop_tui.ui.widgets.line import Line
from workshop_tui.ui.widgets.timer_panel import digits_text

# How each line of the record starts, so the kinds are told apart in words, not by colour alone.
_STARTS = {"note": "• ", "decision": "Decision: ", "action": "Action: "}


AWAY_BEFORE_WORDS = 5  # seconds the window that runs the session is away before the room is told
AWAY = (Link.GONE, Link.JOINING, Link.TAKING_OVER)  # the window that runs the session is not there


def link_words(link: Link, finished: bool, audience: bool, away: float | None) -> str:
    """In words, where this window stands with the session: it has ended, its owner has gone (for `away`
    seconds, None while it is there).

    The audience window is for the room: it never shows a key or a technical state. While the
    window that runs the session is away it keeps the last good view with a small mark, and says
    "Back in a moment." only once that has lasted AWAY_BEFORE_WORDS seconds."""
    if finished or link == Link.FINISHED:
        return "The session has ended."
    if audience and away is not None:
        return "Back in a moment." if away >= AWAY_BEFORE_WORDS else "·"
    if link == Link.GONE:
        return "The window that runs this session has gone. Waiting for it to come back."
    if link == Link.TAKING_OVER:
        return "The window that ran this session has gone: this window is taking it over..."
    if link == Link.JOINING:
        return "Joining the session..."
    return ""


def record_line(record: RoomRecord) -> str:
    """One line of the group's record as the room reads it."""
    said = _STARTS.get(record.kind, "") + record.text
    return f"{said} ({record.by})" if record.by else said


class RoomProjector(Vertical):
    DEFAULT_CSS = """
    RoomProjector {
        display: none;
        height: 1fr;
        background: $projector-background;
        color: $projector-foreground;
    }
    RoomProjector #projector-title {
        height: auto;
        text-style: bold;
        text-align: center;
        padding: 1 1 0 1;
    }
    RoomProjector #projector-questions {
        height: auto;
        max-height: 6;
        text-align: center;
        padding: 0 2;
    }
    RoomProjector BigClock {
        height: 1fr;
        min-height: 7;
        color: $projector-foreground;
        background: $projector-background;
    }
    RoomProjector.-record BigClock {
        height: 7;
    }
    RoomProjector.-roomy.-record BigClock {
        height: 14;
    }
    RoomProjector.-over BigClock, RoomProjector.-over #projector-words {
        color: $overrun;
    }
    RoomProjector #projector-words {
        height: auto;
        text-align: center;
        text-style: bold;
    }
    RoomProjector #projector-record {
        display: none;
        height: 1fr;
        margin: 1 2 0 2;
        border-top: solid $primary;
    }
    RoomProjector.-record #projector-record {
        display: block;
    }
    RoomProjector #record-heading {
        height: auto;
        text-style: bold underline;
    }
    RoomProjector #record-lines {
        height: 1fr;
        scrollbar-size: 0 0;
    }
    RoomProjector .record-line {
        height: auto;
        text-style: bold;
    }
    RoomProjector #link-state {
        width: 100%;
        height: auto;
        text-align: center;
        text-style: bold;
    }
    RoomProjector #projector-next {
        height: auto;
        text-align: center;
        padding: 0 1 1 1;
    }
    """

    def __init__(self, at_once: bool = False, **kwargs: Any) -> None:
        """`at_once`: the view is on show from the start (the audience's window), so its parts are made
        with the screen. Otherwise they are made when the view is first shown: most sessions never turn
        the projector on, and its nine parts were a fifth of what a live screen builds at launch."""
        super().__init__(**kwargs)
        self._made = at_once
        self._shown: dict[str, str] = {}
        self._record: tuple[RoomRecord, ...] | None = None
        # What was last asked for, drawn when the parts are made if they were not yet.
        self._view: tuple[RoomView, str] | None = None
        self._link: tuple[Link, bool, bool, datetime] | None = None
        self.away_since: datetime | None = None  # when the window that runs the session went away, if it has

    def compose(self) -> ComposeResult:
        if self._made:
            yield from self._parts()

    def _parts(self) -> list[Widget]:
        return [
            Static("", id="projector-title", markup=False),
            Static("", id="projector-questions", markup=False),
            BigClock(id="big-clock"),
            Static("", id="projector-words", markup=False),
            Vertical(
                Static("", id="record-heading", markup=False),
                VerticalScroll(id="record-lines", can_focus=False),
                id="projector-record",
            ),
            Static("", id="projector-next", markup=False),
            Line(id="link-state"),
        ]

    async def on_show(self) -> None:
        if self._made:
            return
        self._made = True
        await self.mount_all(self._parts())
        if self._link is not None:
            self.show_link(*self._link)
        if self._view is not None:
            self.show(*self._view)
        self.on_resize()

    def show_link(self, link: Link, finished: bool, audience: bool, now: datetime) -> None:
        """Where this window stands with the session, in words (`link_words`); nothing while all is well."""
        self._link = (link, finished, audience, now)
        if link in AWAY:
            if self.away_since is None:
                self.away_since = now
        else:
            self.away_since = None
        away = None if self.away_since is None else (now - self.away_since).total_seconds()
        words = link_words(link, finished, audience, away)
        if not self._made:
            return
        line = self.query_one("#link-state", Line)
        line.say(words)
        line.display = bool(words)

    def show_session(self, session: Session, now: datetime) -> None:
        """The room's view of `session` at `now` (core/room_view.py)."""
        ended = session.ended_at or now
        self.show(room_view(session, now), f"{ended:%H:%M}")

    def on_resize(self) -> None:
        # A big terminal (a laptop on a projector) has room for a larger clock above the record.
        self.set_class(self.size.width >= 120 and self.size.height >= 36, "-roomy")
        if not self._made:
            return
        # A projector plugged in mid-session changes the size: the newest lines stay the ones in sight.
        self.call_after_refresh(self.query_one("#record-lines", VerticalScroll).scroll_end, animate=False)

    def show(self, view: RoomView, ended_at: str = "") -> None:
        """Draw `view`; `ended_at` is the clock time a finished session ended ("10:55")."""
        self._view = (view, ended_at)
        if not self._made:
            return
        clock = self.query_one(BigClock)
        if view.finished:
            self._text("#projector-title", f"{view.session_title} - finished at {ended_at}")
            clock.text = ended_at
            self._text("#projector-words", "")
        elif view.is_break and view.back_at:
            self._text("#projector-title", f"{view.step_title} - {view.back_at}")
            clock.text = view.back_at.removeprefix("back at ")
            self._text("#projector-words", view.time_words)
        else:
            coming_back = " - time to come back" if view.is_break else ""
            self._text("#projector-title", view.step_title + coming_back)
            clock.text = digits_text(view.seconds_left or 0)
            self._text("#projector-words", view.time_words)
        questions = "" if view.finished else "\n".join(view.questions)
        self._text("#projector-questions", questions)
        self.query_one("#projector-questions").display = bool(questions)
        next_step = f"Next: {view.next_step}" if view.next_step else ("" if view.finished else "This is the last step.")
        self._text("#projector-next", next_step)
        self.set_class(view.seconds_left is not None and view.seconds_left < 0 and not view.finished, "-over")
        self.set_class(view.record_on and not view.finished, "-record")
        self._show_record(view.record if view.record_on else ())

    def _show_record(self, record: tuple[RoomRecord, ...]) -> None:
        if record == self._record:
            return
        self._record = record
        self._text(
            "#record-heading", "What we have said in this step" if record else "Nothing written down in this step yet."
        )
        lines = self.query_one("#record-lines", VerticalScroll)
        lines.remove_children()
        lines.mount_all(Static(record_line(item), classes=f"record-line -{item.kind}", markup=False) for item in record)
        # The newest is what the group is reading: it stays in sight at the bottom.
        self.call_after_refresh(lines.scroll_end, animate=False)

    def _text(self, selector: str, text: str) -> None:
        """Update a line only when its words change, so an idle projector stays idle."""
        before = self._shown.get(selector)
        if before != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(text, layout=before is None or len(before) != len(text))
