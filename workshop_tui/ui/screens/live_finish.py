"""Finishing a session from the live screen: the guarded question, the finished screen over the live one,
the minute in which the finish can be taken back (Ctrl+Z), a finish or a reopen made in another window,
and closing the session once that minute is over."""

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from workshop_tui.core.roles import refusal
from workshop_tui.core.session_engine import UNDO_FINISH_SECONDS
from workshop_tui.core.shown_session import ShownSession
from workshop_tui.core.wording import plural
from workshop_tui.model import Session
from workshop_tui.store.open_session import SessionLink
from workshop_tui.ui.screens.confirm import GuardedConfirmScreen
from workshop_tui.ui.window_rights import is_in_browser

RunCommand = Callable[..., bool]  # LiveScreen.run_command: True when done, else it has said why not


def round_still_open(session: Session) -> str:
    """What a round still lacks, said before finishing: nothing can be changed afterwards."""
    panel = session.panel
    if panel is None:
        return ""
    undecided = sum(1 for a in panel.round.applications if not any(w.application == a.id for w in panel.awards))
    missing = [] if panel.revealed_at is not None else ["the scores have not been revealed"]
    if undecided:
        missing.append(f"{plural(undecided, 'application has', 'applications have')} no decision yet")
    return (" In the round, " + " and ".join(missing) + ". After finishing they cannot be added.") if missing else ""


class Finishing:
    """The finish of the session `shown` for the live screen `screen` (its app, notices and timers).

    Every change goes through `run_command`; `allowed` says what this window may send (core/roles.py);
    `stop_clock` stops the screen's second hand and `carry_on` redraws the live screen when a finish is
    taken back; `unsent` says whether words are still being typed in this window."""

    def __init__(
        self,
        screen: Screen[Any],
        owner: SessionLink,
        shown: ShownSession,
        role: str,
        run_command: RunCommand,
        allowed: Callable[[str], bool],
        stop_clock: Callable[[], None],
        carry_on: Callable[[], None],
        unsent: Callable[[], bool],
    ) -> None:
        self.screen = screen
        self.owner = owner
        self.shown = shown
        self.role = role
        self.run_command = run_command
        self.allowed = allowed
        self.stop_clock = stop_clock
        self.carry_on = carry_on
        self.unsent = unsent
        self.on_show = False  # the finished screen is over the live one (or the finish has been said)
        self.here = False  # set while this window's own finish is applied
        self._close_timer: Timer | None = None  # closes the session a minute after it finished, unless taken back

    @property
    def may_finish(self) -> bool:
        return self.allowed("finish")

    def ask(self) -> None:
        """Ctrl+F: ask, guarded, then finish; a finished session shows the finished screen again."""
        screen = self.screen
        if not self.may_finish:  # reached some other way than its key (which is hidden)
            words = refusal(self.role, "finish", is_in_browser(screen.app))
            screen.notify(words, title="Not finished", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            self.here = True  # the finish this makes is this window's own, not another window's
            try:
                finished = bool(yes) and self.run_command("finish")
            finally:
                self.here = False
            if finished:
                self.show_finished()

        if self.shown.engine.finished:
            self.show_finished()
            return
        question = "Finish the session now? Its end time will be recorded." + round_still_open(
            self.shown.engine.session
        )
        # Answered only by Ctrl+F: a letter or Enter typed in a note never finishes the session.
        screen.app.push_screen(GuardedConfirmScreen(question, "Finish", "Keep going"), answered)

    def at_the_last_step(self, typing: bool) -> bool:
        """N or F8 on the last step asks to finish; while a note is typed (`typing`) it says how instead, as a
        question then would take the next letters typed as its answer. False on any other step."""
        engine = self.shown.engine
        if engine.next_index() is not None or engine.finished:
            return False
        if typing:
            how = "Press Ctrl+F to finish the session." if self.may_finish else "The facilitator finishes the session."
            self.screen.notify(f"This is the last step. {how}", title="The last step")
        else:
            self.ask()
        return True

    def show_finished(self) -> None:
        """The finished screen over the live one. For a minute the finish can be taken back (Ctrl+Z); then the
        session is closed (its last save, and the lock let go), so the review can add trainers' comments."""
        from workshop_tui.ui.screens.finished import FinishedScreen

        self.stop_clock()
        self.on_show = True
        state = self.owner.flush()
        engine = self.shown.engine
        ended = engine.session.ended_at
        left = UNDO_FINISH_SECONDS - (engine.clock.now() - ended).total_seconds() if ended else 0.0
        if left > 0 and not self.owner.closed:
            # Every window stays on the session for that minute, so all of them hear if the finish is taken back.
            self._close_timer = self.screen.set_timer(left, self.close)
        else:
            state = self.owner.close()
        undo = self.undo if self._close_timer is not None and self.allowed("reopen") else None
        finished = FinishedScreen(engine.session, self.owner.path, state, undo=undo, leaving=self.close)
        self.screen.app.push_screen(finished)

    def close(self) -> None:
        """The minute to take back the finish is over (or the person has moved on): close the session."""
        from workshop_tui.ui.screens.finished import FinishedScreen

        self._stop_close_timer()
        for screen in self.screen.app.screen_stack:
            if isinstance(screen, FinishedScreen):
                screen.end_undo()
        if self.shown.engine.finished and not self.owner.closed:
            self.owner.close()

    def _stop_close_timer(self) -> None:
        if self._close_timer is not None:
            self._close_timer.stop()
            self._close_timer = None

    def undo(self) -> bool:
        """Ctrl+Z on the finished screen: the session carries on where it was. False if it is too late."""
        if not self.run_command("reopen"):
            return False
        self.back_from_finished()
        return True

    def back_from_finished(self) -> None:
        from workshop_tui.ui.screens.finished import FinishedScreen

        self._stop_close_timer()
        self.on_show = False
        app = self.screen.app
        if isinstance(app.screen, FinishedScreen):
            app.pop_screen()
        self.carry_on()
        self.screen.notify(
            "The finish was taken back. The session carries on, with its timer paused.", title="Carrying on"
        )

    def heard(self, events_came: bool, audience: bool) -> None:
        """After the owner's news: a finish made in another window, or one taken back there."""
        finished = self.shown.engine.finished
        if finished and not audience and not self.on_show and events_came and not self.here:
            self.finished_elsewhere()
        elif self.on_show and not finished and events_came:
            self.back_from_finished()  # the finish was taken back in another window

    def finished_elsewhere(self) -> None:
        """Another window finished the session. Words still being typed here are not thrown away unseen."""
        if not self.unsent():
            self.show_finished()
            return
        self.on_show = True
        self.screen.notify(
            "The session was finished in another window, so what you are typing here cannot be added. "
            "It stays on screen: copy it if you need it, then press Ctrl+Q.",
            title="The session has finished",
            severity="warning",
            timeout=60,
        )
