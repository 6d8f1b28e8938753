"""The commissioning panel: applications, declarations, score sheets, moderation and the ranking.

Each tab is one stage of the day, a widget of its own in ui/widgets/ (applications_list.py,
declarations_list.py, score_sheet.py, moderation.py, ranking.py) with its own keys and looks. This
screen holds them, and is their one path to the session: every change goes through the live screen's
owner as a command, so it is an event, saved and seen by every window, and what a window may do is
decided here (`check_action`, from panel_rights.py), for the tabs' keys as well. The screen redraws when the owner says the
panel changed, whichever window typed it. Scores are hidden from the room until the chair reveals
them: before then only the sheet being copied shows its own scores.
"""

import threading
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from workshop_tui.core.event_kinds import Area, redraws
from workshop_tui.core.panel_events import ScoreEntered, find_score
from workshop_tui.core.panel_views import awarded_pence, left_pence, member_of_window, members
from workshop_tui.model import Participant, Session
from workshop_tui.model.event import Event
from workshop_tui.model.panel import Panel
from workshop_tui.model.participant import person_labels
from workshop_tui.model.round import pounds
from workshop_tui.store.open_session import Change
from workshop_tui.ui.screens.form_dialog import FormProblem
from workshop_tui.ui.screens.panel_forms import money
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.applications_list import ApplicationsTable
from workshop_tui.ui.widgets.declarations_list import DeclarationsTable
from workshop_tui.ui.widgets.key_bar import KeyBar
from workshop_tui.ui.widgets.moderation import ModerationTab
from workshop_tui.ui.widgets.panel_rights import member_leaves_to_the_chair, window_allows
from workshop_tui.ui.widgets.panel_tables import PanelTable, entered
from workshop_tui.ui.widgets.panel_window import SessionScreen
from workshop_tui.ui.widgets.ranking import RankingTab, RankingTable
from workshop_tui.ui.widgets.score_sheet import ScoreSheet, ScoresTab
from workshop_tui.ui.window_rights import window_may

TABS = ("applications", "declarations", "scores", "moderation", "ranking")


def _left_line(left: int) -> str:
    """'Left £5,000', or '£34,650 over the pot': a minus sign is easy to miss, and wraps away."""
    return f"Left {pounds(left)}" if left >= 0 else f"{pounds(-left)} over the pot"


class PanelScreen(Screen[None]):
    COVERS_ALL = True  # nothing of the live screen shows through (WorkshopApp._background_screens)
    BINDINGS = [
        Binding("escape", "close", "Back", id="panel_back", tooltip="Go back to the session's screen"),
        Binding(
            "tab",
            "move_tab(1)",
            "Next tab",
            id="panel_next_tab",
            priority=True,
            tooltip="Go to the next stage: applications, declarations, scores, moderation, ranking",
        ),
        Binding(
            "shift+tab",
            "move_tab(-1)",
            "Tab back",
            id="panel_previous_tab",
            priority=True,
            show=False,
            tooltip="Go to the stage before",
        ),
        Binding(
            "o", "open_round", "Open the round", id="open_round", tooltip="Open the round: say how much is in the pot"
        ),
    ]

    # What the tabs share; each tab's own look is in its widget's DEFAULT_CSS.
    DEFAULT_CSS = """
    PanelScreen .panel-line { height: auto; padding: 0 1; }
    PanelScreen TabbedContent { height: 1fr; }
    PanelScreen TabPane { height: 1fr; padding: 0; }
    PanelScreen DataTable { height: 1fr; }
    """

    class PanelChanged(Message):
        def __init__(self, change: Change) -> None:
            super().__init__()
            self.change = change

    def __init__(self, live: SessionScreen, tab: str = "") -> None:
        super().__init__()
        self.live = live
        self.last_said = ""  # the last warning said once (`say_once`)
        self._redraw_when_back = False  # a change came while another screen covered this one
        # Scores typed here and drawn at once, so the owner's word that they are saved draws nothing again.
        self._drawn_here: set[tuple[str, str, str, object]] = set()
        self.first_tab = tab or ("applications" if live.session.panel is None else "scores")
        own = member_of_window(live.session, live.owner.window)
        if own is not None and live.session.panel is not None and not live.session.panel.declared(own.id):
            self.first_tab = tab or "declarations"  # a member declares before seeing any application to score

    @property
    def session(self) -> Session:
        return self.live.session

    @property
    def panel(self) -> Panel | None:
        return self.session.panel

    def compose(self) -> ComposeResult:
        yield Static("", id="round-line", classes="panel-line", markup=False)
        with TabbedContent(initial=self.first_tab, id="panel-tabs"):
            with TabPane("Applications", id="applications"):
                yield ApplicationsTable(id="applications-table", cursor_type="row")
            with TabPane("Declarations", id="declarations"):
                yield DeclarationsTable(id="declarations-table", cursor_type="row")
            yield ScoresTab("Scores", id="scores")
            yield ModerationTab("Moderation", id="moderation")
            yield RankingTab("Ranking", id="ranking")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        if self._redraw_when_back:
            self._redraw_when_back = False
            self.redraw()

    def on_mount(self) -> None:
        self.live.owner.listen(self._owner_changed)
        self.redraw()

    def on_unmount(self) -> None:
        self.live.owner.forget(self._owner_changed)

    def on_resize(self) -> None:
        # Every table's widths are worked out from the terminal's width: a resize lays them out again.
        if self.panel is not None and self.is_current:
            self.redraw()

    def _owner_changed(self, change: Change) -> None:
        if threading.current_thread() is threading.main_thread():
            self._show_change(change)
        else:
            self.post_message(self.PanelChanged(change))

    def on_panel_screen_panel_changed(self, message: PanelChanged) -> None:
        self._show_change(message.change)

    def _show_change(self, change: Change) -> None:
        if not self.is_mounted:
            return
        self.live.catch_up()  # the live screen's copy of the session, which this screen reads, holds them now
        if not self.is_current:
            # Covered by a prompt or a form: tables laid out now would be measured for a screen not on
            # show (every column as narrow as its heading). Draw it all when it is back (on_screen_resume).
            self._redraw_when_back = True
            return
        if change.reset or redraws(change.events) & (Area.PANEL | Area.PEOPLE):
            scored = [e for e in change.events if e.kind == "score.enter"]
            if scored and len(scored) == len(change.events) and not change.reset:
                for event in scored:  # scores typed fast are saved (and told) a few at a time
                    self._show_one_score(event)
            else:
                self.redraw()

    # The tabs.

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.pane.query_one(PanelTable).focus()
        self.refresh_bindings()

    def action_move_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = TABS[(TABS.index(tabs.active) + step) % len(TABS)]

    # What this window may do: the tabs' keys ask here too (PanelTable.check_action).

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if member_leaves_to_the_chair(action) and self.own_member() is not None:
            return False
        if not window_allows(self.app, action):
            return False
        if action == "open_round":
            return self.panel is None and not self.live.engine.finished
        return True

    # What the tabs read of the session.

    def labels(self) -> dict[str, str]:
        return person_labels(self.session.participants)

    def scorers(self) -> list[Participant]:
        return members(self.session)

    def own_member(self) -> Participant | None:
        """In a member's own window (`join --name Margaret`): that member, whose sheet is the only one shown."""
        return member_of_window(self.session, self.live.owner.window)

    def name_width(self, others: int) -> int:
        """As much of an organisation's name as fits beside `others` columns of other things."""
        return max(16, min(48, self.app.size.width - others))

    # Drawing.

    def redraw(self) -> None:
        self._drawn_here.clear()  # everything is drawn from the session now
        panel = self.panel
        line = self.query_one("#round-line", Static)
        if panel is None:
            line.update(
                "No round is open yet. Press o to open it and say how much is in the pot."
                if window_may(self.app, "open_round")
                else "No round is open yet. The chair opens it."
            )
            for table in self.query(PanelTable):
                table.clear(columns=True)
            return
        count = len(panel.round.applications)
        line.update(
            f"Pot {pounds(panel.round.pot_pence)}. Awarded {pounds(awarded_pence(panel))}. "
            f"{_left_line(left_pence(panel))}. {count} application{'s' if count != 1 else ''}."
        )
        self.query_one(ApplicationsTable).draw()
        self.query_one(DeclarationsTable).draw()
        self.query_one(ScoresTab).draw()
        self.query_one(ModerationTab).draw()
        self.query_one(RankingTab).draw()

    def _show_one_score(self, event: Event) -> None:
        """A score typed on this or another window: redraw its cell, the counts and the ranking."""
        entered = ScoreEntered.of(event)
        key = (entered.member, entered.application, entered.criterion, entered.level)
        if key in self._drawn_here:
            self._drawn_here.discard(key)  # typed here and drawn as its key was pressed (typed_and_saved)
            return
        self._draw_score(*key[:3])

    def _draw_score(self, member_id: str, application: str, criterion: str) -> None:
        panel = self.panel
        assert panel is not None  # a score is typed only in an open round
        scores = self.query_one(ScoresTab)
        member = scores.member()
        counts = entered(panel, self.scorers())
        if member is not None and member_id == member.id:
            self.query_one(ScoreSheet).show_cell(panel, member.id, application, criterion)
            scores.show_words(member, counts, layout=False)
        if panel.revealed_at is None:  # the ranking shows only how many are in: one cell changes
            done, wanted = counts[application]
            self.query_one(RankingTable).set_quietly(application, 2, f"{done} of {wanted}")
        else:
            self.query_one(RankingTab).draw()
            moderation = self.query_one(ModerationTab)
            if application == moderation.moderating:  # a late sheet's score: moderation shows it at once
                moderation.draw()

    def typed_and_saved(self, member_id: str, application: str, criterion: str) -> None:
        """A score typed here: the command came back once it was saved, so it is drawn now, in the same
        frame as the cursor's move, not a frame or two later when the owner's word arrives (which then
        draws nothing again). One not saved yet waits for that word."""
        self.live.catch_up()
        score = find_score(self.panel, member_id, application, criterion) if self.panel else None
        if score is not None:
            self._draw_score(member_id, application, criterion)
            self._drawn_here.add((member_id, application, criterion, score.level))

    # What the keys do, and what the tabs ask of the session.

    def run(self, command: str, /, **args: Any) -> bool:
        return self.live.run_command(command, **args)

    def say_once(self, words: str) -> None:
        """A warning that a quick typist would otherwise get once per key."""
        if words != self.last_said:
            self.last_said = words
            self.notify(words, title="Not here", severity="warning")

    def action_close(self) -> None:
        self.dismiss()

    def action_open_round(self) -> None:
        def attempt(text: str) -> str:
            try:
                pot = money(text, "The pot")
            except FormProblem as problem:
                return str(problem)
            return self.live.try_command("open_round", pot_pence=pot)

        self.app.push_screen(
            TextPrompt("How much money is in the pot? Such as £1,700,000", attempt=attempt), lambda _: self.redraw()
        )
