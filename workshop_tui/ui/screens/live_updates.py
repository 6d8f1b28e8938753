"""What the session's owner tells a live window, as the window takes it: its copy of the session caught up,
the events it has not drawn yet turned into the parts of the screen to redraw, and the words it says of
them (a window taking over, the agenda shared, saving failing or working again, what came over from an
earlier part)."""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel

from workshop_tui.core.event_kinds import Area, Kind, redraws
from workshop_tui.core.heard import NotesByPerson
from workshop_tui.core.shown_session import ShownSession
from workshop_tui.core.wording import plural
from workshop_tui.model import Event, Session
from workshop_tui.store.open_session import Change, SaveState, SessionLink

# The events a session that follows on from another begins with; after any other, it has got going.
CARRIED_AT_THE_START = frozenset({Kind.SESSION_START, Kind.SESSION_FOLLOW, Kind.PERSON_ADD, Kind.ACTION_CARRY})


@dataclass(frozen=True)
class Said:
    """A notice, as the screen's `notify` takes it."""

    words: str
    title: str
    severity: SeverityLevel = "information"
    timeout: float | None = None
    markup: bool = True


@dataclass(frozen=True)
class News:
    """The events caught up on since the last drawing, and what they redraw."""

    events: list[Event]
    area: Area

    def has(self, kind: Kind) -> bool:
        return any(event.kind == kind for event in self.events)


@dataclass
class OwnerChanged(Message):
    """What the owner told on the saver's thread, brought to the screen's (`OwnerNews.listen`)."""

    change: Change


class OwnerNews:
    """Keeps `shown`, the window's own copy of the session, up with `owner` (on the screen's thread), and
    remembers what was caught up on and not drawn yet, and who has not been heard from."""

    def __init__(self, owner: SessionLink, shown: ShownSession) -> None:
        self.owner = owner
        self.shown = shown
        self._undrawn: list[Event] = []  # events caught up on and not drawn yet
        self._draw_all = False  # the copy was rebuilt whole: draw everything
        self._notes_by_person = NotesByPerson(shown.engine.session)
        self._heard: Callable[[Change], None] = lambda change: None  # what the owner is told to call (`listen`)

    def listen(self, screen: MessagePump, show: Callable[[Change], None]) -> None:
        """From now on `show` each change the owner tells, on the screen's thread: at once when told there;
        the saver reports on its own thread, and is answered by an `OwnerChanged` posted to `screen`
        (posting never waits for the screen, so quitting cannot deadlock)."""

        def heard(change: Change) -> None:
            if threading.current_thread() is threading.main_thread():
                show(change)
            else:
                screen.post_message(OwnerChanged(change))

        self._heard = heard
        self.owner.listen(heard)

    def stop(self) -> None:
        """The screen has closed: hear no more, and close the owner (its last save)."""
        self.owner.forget(self._heard)
        self.owner.close()

    def catch_up(self) -> None:
        """Bring the copy up to what is saved; draw it later (`take`)."""
        applied = self.shown.catch_up(self.owner)
        session = self.shown.engine.session
        if applied is None:
            self._draw_all = True
            self._undrawn = []
            self._notes_by_person = NotesByPerson(session)
        elif applied:
            self._notes_by_person.update(session, list(applied))
            self._undrawn.extend(applied)

    def start(self) -> None:
        """As the screen opens: caught up, and all of it about to be drawn."""
        self.catch_up()
        self._undrawn, self._draw_all = [], False
        self._notes_by_person = NotesByPerson(self.shown.engine.session)

    def take(self) -> News:
        """Catch up, and hand over what is to be drawn now."""
        self.catch_up()
        events, self._undrawn = self._undrawn, []
        if self._draw_all:
            self._draw_all = False
            return News(events, Area.ALL)
        return News(events, redraws(events))

    def not_heard_yet(self) -> list[str]:
        return self._notes_by_person.not_heard_yet(self.shown.engine.session)


def took_over(kept_everything: bool) -> Said:
    """This window runs the session now: the one that did has gone."""
    if kept_everything:
        return Said(
            "The window that ran this session has gone, so this window runs it now and saves it. "
            "Nothing typed here was lost.",
            "This window runs the session",
            timeout=20,
        )
    return Said(
        "The window that ran this session has gone, so this window runs it now. Some of what was "
        "typed here is not saved yet; the line at the bottom says what.",
        "This window runs the session",
        "warning",
        timeout=20,
    )


def agenda_shared(note_taker_runs_agenda: bool) -> Said:
    """Told in the note-taker's window when the facilitator shares the agenda or takes it back."""
    return Said(
        "The facilitator has let this window move the agenda, run the timer and change the roster."
        if note_taker_runs_agenda
        else "The facilitator runs the agenda, the timer and the roster again.",
        "The agenda",
        timeout=10,
    )


def saving_news(state: SaveState, was_failing: bool) -> Said | None:
    """Saving has just started failing, or works again."""
    if state.ok and was_failing:
        return Said("Saving works again. Everything is on disk.", "Saved")
    if not state.ok and not was_failing:
        return Said(state.problem, "Not saved", "error", timeout=10)
    return None


def what_came_over(session: Session) -> Said | None:
    """A part 2 that has just begun: what came over from part 1, and where to find it (said once)."""
    earlier = session.follows
    if earlier is None or any(event.kind not in CARRIED_AT_THE_START for event in session.events):
        return None
    people = plural(len(session.participants), "person", "people")
    actions = plural(sum(1 for a in session.actions if a.carried_from), "open action")
    return Said(
        f"{people} (not arrived yet) and {actions} came over from '{earlier.title}'. "
        "Press r to see them: mark people arrived on the People tab, tick actions on the Actions tab.",
        "Following on",
        timeout=20,
        markup=False,
    )
