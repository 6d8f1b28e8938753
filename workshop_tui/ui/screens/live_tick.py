"""What the live screen redraws each second: the timer, the room's view while it is on show, and, when a
clock time or lateness can have changed, the agenda and the status row. Nothing else moves with the clock."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from workshop_tui.core.alerts import alerts_between
from workshop_tui.core.countdown import countdown_text
from workshop_tui.core.schedule import AgendaLine, agenda, plan_status
from workshop_tui.core.shown_session import ShownSession
from workshop_tui.ui.widgets.agenda import Agenda
from workshop_tui.ui.widgets.room_projector import RoomProjector
from workshop_tui.ui.widgets.status_row import StatusRow
from workshop_tui.ui.widgets.timer_panel import TimerPanel


def agenda_cells(lines: list[AgendaLine]) -> tuple[tuple[object, ...], ...]:
    """What the agenda's rows show, to redraw them only when it changes."""
    return tuple(
        (
            line.state,
            line.starts_at and f"{line.starts_at:%H:%M}",
            line.step.title,
            line.used_minutes and round(line.used_minutes),
            line.step.allowed_minutes,
        )
        for line in lines
    )


class SecondHand:
    """Wakes `tick` once a second, in step with the moment the shown second of `shown` changes, and draws
    on `screen`'s widgets only what a person would see change since the last time (`draw`). `quiet`: the
    timer's alerts are said without a bell."""

    def __init__(self, screen: Screen[Any], shown: ShownSession, quiet: bool, tick: Callable[[], None]) -> None:
        self.screen = screen
        self.shown = shown
        self.quiet = quiet
        self.tick = tick
        self.timer: Timer | None = None
        self._second: str | None = None
        self._minute: str | None = None
        self._agenda_cells: tuple[tuple[object, ...], ...] | None = None
        self._last_left: float | None = None

    def restart(self) -> None:
        """The timer may have just started or stopped: wake in step with the new seconds."""
        self.schedule()

    def schedule(self) -> None:
        """Wake once a second from now on, in step with the clock: one waking timer at a time, whoever
        asks (a finish taken back asked again while the screen had already restarted it: two ran)."""
        self.stop()
        engine = self.shown.engine
        countdown = engine.countdown()
        delay = countdown.left(engine.clock.now()) % 1.0 if countdown.running else 0.0
        self.timer = self.screen.set_timer(delay + 0.01, self._start)

    def _start(self) -> None:
        self.tick()
        self.timer = self.screen.set_interval(1.0, self.tick)

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()

    def forget(self, minute: bool = True, agenda: bool = False) -> None:
        """Draw the next tick whole: the second's parts, and the minute's (`minute`), the agenda too (`agenda`)."""
        self._second = None
        if minute:
            self._minute = None
        if agenda:
            self._agenda_cells = None

    def draw(
        self, now: datetime, projector: bool, start_key: Callable[[], str], saved: str, saving_works: bool
    ) -> None:
        """Redraw what changed by `now`. `projector`: the room's view is on show; `start_key` names the key
        that starts the timer here; `saved` and `saving_works` are for the status row."""
        engine = self.shown.engine
        session = engine.session
        countdown = engine.countdown()
        left = countdown.left(now)
        self._ring_alerts(left)
        # Paused, the time left stands still while the clock moves on: "back at" (now + the time left), when
        # each step starts, the finish and how late all move on with it, so they are worked out each second.
        moving = "" if countdown.running else f"{countdown.ends_at(now):%H:%M:%S}"
        second = f"{countdown_text(left)}|{countdown.running}|{now:%H:%M}|{moving}"
        if second == self._second:
            return
        self._second = second
        screen = self.screen
        finished = engine.finished
        # Only the view on show is drawn: the other is drawn whole when it comes back (`forget`).
        if projector:
            screen.query_one(RoomProjector).show_session(session, now)
        else:
            screen.query_one("#timer", TimerPanel).show(engine.current, countdown, now, finished, start_key())
        # Clock times and lateness are in whole minutes: half-minute steps catch every change.
        minute = f"{now:%H:%M}|{countdown.running}|{left // 30}|{moving}|{saved}"
        if minute == self._minute:
            return
        self._minute = minute
        lines = agenda(session, now)
        cells = agenda_cells(lines)
        if cells != self._agenda_cells:
            self._agenda_cells = cells
            screen.query_one("#agenda", Agenda).show(lines)
        status = plan_status(session, now).sentence()
        if finished:
            status = f"Finished at {session.ended_at:%H:%M}"
        screen.query_one(StatusRow).show(status, saved, saving_works=saving_works)

    def _ring_alerts(self, left: float) -> None:
        before, self._last_left = self._last_left, left
        engine = self.shown.engine
        if before is None or not engine.countdown().running:
            return
        for alert in alerts_between(before, left):
            message = "One minute left." if alert == "one minute left" else f"Time's up for {engine.current.title}."
            self.screen.notify(message, title="Timer", severity="warning" if alert == "time's up" else "information")
            if not self.quiet:
                self.screen.app.bell()
