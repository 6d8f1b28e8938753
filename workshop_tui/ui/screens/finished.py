"""What shows once a session has finished: how it went, where it is saved, and what to do next."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from workshop_tui.core.review import timing_chart
from workshop_tui.core.session_engine import UNDO_FINISH_SECONDS
from workshop_tui.core.step_times import NOT_REACHED, session_time, step_stories
from workshop_tui.core.wording import length_in_words
from workshop_tui.model import Session
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import pounds
from workshop_tui.store.open_session import SaveState
from workshop_tui.ui.widgets.key_bar import KeyBar
from workshop_tui.ui.window_rights import window_may, window_refusal

if TYPE_CHECKING:
    from textual import getters

    from workshop_tui.ui.screen_app import ScreenApp
    from workshop_tui.ui.screens.review import ReviewScreen


def panel_words(panel: Panel) -> str:
    """The round in one sentence: what was scored and what was decided."""
    funded = [a for a in panel.awards if a.amount_pence]
    awarded = sum(a.amount_pence for a in funded)
    scores = sum(1 for s in panel.scores if s.withdrawn_at is None)
    return (
        f"The round: {_count(len(panel.round.applications), 'application')}, {_count(scores, 'score')}, "
        f"{len(funded)} funded for {pounds(awarded)} of {pounds(panel.round.pot_pence)}, "
        f"{len(panel.awards) - len(funded)} deferred or declined."
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def finished_summary(session: Session) -> list[str]:
    """The first lines of the finished screen: when it ended, how long against the plan, what was recorded."""
    stories = step_stories(session)
    total = session_time(session, [story.time for story in stories])
    ended = session.ended_at or session.last_moment
    lines = [
        f"Finished at {ended:%H:%M}. It ran for {length_in_words(session.length_minutes)} "
        f"from {session.started_at:%H:%M}; the plan was {length_in_words(total.plan_minutes)}."
    ]
    notes = sum(1 for note in session.notes if note.removed_at is None)
    done = sum(1 for action in session.actions if action.done_at is not None)
    actions = _count(len(session.actions), "action") + (f" ({done} done)" if done else "")
    lines.append(f"Recorded: {_count(notes, 'note')}, {_count(len(session.decisions), 'decision')}, {actions}.")
    if session.panel is not None:
        lines.append(panel_words(session.panel))
    not_reached = [story.title for story in stories if story.time.state == NOT_REACHED]
    if not_reached:
        lines.append(f"Not reached: {', '.join(not_reached)}.")
    return lines


class FinishedScreen(Screen[None]):
    """In place of the live screen once the session has finished: no timer, no next step."""

    if TYPE_CHECKING:
        app = getters.app(ScreenApp)  # the app's own attributes, typed (see ui/screen_app.py)

    BINDINGS = [
        Binding(
            "enter,r",
            "review",
            "Review",
            id="open_review",
            tooltip="Open the review: timings, notes, decisions, actions, replay and comments",
        ),
        Binding("x", "export", "Export", id="export_finished", tooltip="Export the minutes or the data"),
        # Also q, as people expect on a last screen; not shown, as the key bar has Ctrl+Q for quitting already.
        Binding("q", "quit", "Quit", id="quit_finished", show=False, tooltip="Quit (the session is saved)"),
        Binding(
            "ctrl+z", "undo_finish", "Carry on", id="undo_finish", tooltip="Take back the finish, within a minute of it"
        ),
        # After that minute Ctrl+Z is not offered, and says why rather than doing nothing.
        Binding(
            "ctrl+z",
            "too_late",
            "Carry on",
            id="too_late",
            show=False,
            tooltip="Says the minute to take back the finish is over",
        ),
    ]

    def __init__(
        self,
        session: Session,
        path: Path,
        save: SaveState,
        undo: Callable[[], bool] | None = None,
        leaving: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.session, self.path, self.save = session, Path(path), save
        self.undo = undo  # takes back the finish; None where this window may not, or the minute is over
        self.offered_undo = undo is not None
        self.leaving = leaving  # closes the session before the review opens it (it ends the minute to take back)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="finished"):
            summary = finished_summary(self.session)
            yield Static(summary[0], markup=False, id="status-line")
            yield Static("\n".join(summary[1:]), markup=False, id="finished-counts")
            yield Static(self.where_saved(), markup=False, id="finished-file")
            if self.undo is not None and self.session.ended_at is not None:
                until = self.session.ended_at + timedelta(seconds=UNDO_FINISH_SECONDS)
                yield Static(
                    f"Finished by mistake? Press Ctrl+Z before {until:%H:%M:%S} to carry on.",
                    markup=False,
                    id="finished-undo",
                )
            export = ", x to export it" if window_may(self.app, "export") else ""
            yield Static(f"Press Enter to review the session{export}, q to quit.", markup=False, id="finished-keys")
            yield Static("\n".join(timing_chart(self.session)), markup=False, id="finished-timings")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.session.title
        self.sub_title = "Finished"
        self.app.share_with_the_team()  # the finished session goes to the team's archive, if this folder has one

    def where_saved(self) -> str:
        if self.save.ok:
            return f"Saved in {self.path}"
        return f"Not saved: {self.save.problem} The file is {self.path}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_finish":
            return self.undo is not None
        if action == "too_late":
            return self.undo is None and self.offered_undo
        # A browser's window (or the audience's) writes no files on this computer.
        return action != "export" or window_may(self.app, "export")

    def action_undo_finish(self) -> None:
        if self.undo is not None and not self.undo():
            self.end_undo()

    def action_too_late(self) -> None:
        self.notify(
            "The finish can be taken back only within a minute of it, so the session stays finished. "
            "To carry on, start a new session that follows on from it.",
            title="Too late to carry on",
            severity="warning",
        )

    def end_undo(self) -> None:
        """The minute is over: Ctrl+Z is no longer offered."""
        self.undo = None
        for line in self.query("#finished-undo"):
            line.remove()
        self.refresh_bindings()

    def _leave(self) -> None:
        self.end_undo()
        if self.leaving is not None:
            self.leaving()

    def _review(self) -> "ReviewScreen":
        from workshop_tui.ui.screens.review import ReviewScreen

        self._leave()

        review = ReviewScreen(self.session, self.path)
        self.app.push_screen(review)
        return review

    def action_review(self) -> None:
        self._review()

    def action_export(self) -> None:
        if not window_may(self.app, "export"):  # reached some other way than its key (which is hidden)
            self.notify(window_refusal(self.app, "export"), title="Not exported", severity="warning")
            return
        # The review's export: the same form, and the same care not to write over a session.
        review = self._review()
        review.call_after_refresh(review.action_export)

    async def action_quit(self) -> None:
        self._leave()
        await self.app.run_action("app.save_and_quit")
