"""The commissioning panel: applications, declarations, score sheets, moderation and the ranking.

Each tab is one stage of the day. Every change goes through the live screen's owner as a command,
so it is an event, saved and seen by every window. The screen redraws when the owner says the
panel changed, whichever window typed it. Scores are hidden from the room until the chair reveals
them: before then only the sheet being copied shows its own scores.
"""

import threading
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane
from textual.widgets.data_table import CellDoesNotExist

from workshop_tui.core.event_kinds import Area, redraws
from workshop_tui.core.panel_events import find_agreed, find_score
from workshop_tui.core.panel_views import (
    CLOSE_SCORES_REASON,
    agreed_in_full,
    as_decided,
    awarded_pence,
    departure,
    last_import,
    left_pence,
    leniency,
    member_of_window,
    members,
    near_the_line,
    ranking,
    sheets_counted,
    spread,
    suggested_level,
    tied_at_the_line,
    typed_by_member_themselves,
)
from workshop_tui.core.record_commands import squashed
from workshop_tui.core.wording import plural
from workshop_tui.model.participant import person_labels
from workshop_tui.model.round import left_words, pounds
from workshop_tui.store.application_import import import_applications_file
from workshop_tui.store.open_session import Change
from workshop_tui.store.problems import FileProblem
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.form_dialog import FormProblem
from workshop_tui.ui.screens.panel_forms import ApplicationForm, AwardForm, DeclarationForm, money
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.key_bar import KeyBar
from workshop_tui.ui.widgets.panel_tables import (
    AGREED_ROW,
    LEGEND,
    ApplicationsTable,
    DeclarationsTable,
    ModerationTable,
    RankingTable,
    ScoreSheet,
    rubric_words,
)
from workshop_tui.ui.window_rights import window_may, window_refusal

TABS = ("applications", "declarations", "scores", "moderation", "ranking")


def _left_line(left: int) -> str:
    """'Left £5,000', or '£34,650 over the pot': a minus sign is easy to miss, and wraps away."""
    return f"Left {pounds(left)}" if left >= 0 else f"{pounds(-left)} over the pot"


ASK_ABOVE_ROWS = 30  # a round has about 20 applications: more than this is asked about before it is imported


def lowest_to_highest(panel) -> str:
    """'1 to 5', or '0 to 4 or 1 to 5' when the criteria's scales differ."""
    scales = sorted({(c.lowest, c.highest) for c in panel.round.criteria})
    return " or ".join(f"{low} to {high}" for low, high in scales)


class PanelScreen(Screen):
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

    DEFAULT_CSS = """
    PanelScreen .panel-line { height: auto; padding: 0 1; }
    /* Three lines whatever it says, so a new count after each score needs no new layout. */
    PanelScreen #sheet-line { height: 3; }
    /* What each level of the criterion under the cursor means: as many lines always (set on mount), so a move
       never lays the screen out again. */
    PanelScreen #sheet-rubric, PanelScreen #moderation-rubric { height: 6; }
    PanelScreen TabbedContent { height: 1fr; }
    PanelScreen TabPane { height: 1fr; padding: 0; }
    PanelScreen DataTable { height: 1fr; }
    """

    class PanelChanged(Message):
        def __init__(self, change: Change) -> None:
            super().__init__()
            self.change = change

    def __init__(self, live, tab: str = "") -> None:
        super().__init__()
        self.live = live
        self.member_index = 0
        self.moderating: str | None = None  # the application being talked through
        self._order: list[str] | None = None  # the order of moderation, once it starts
        self._last_said = ""
        self._redraw_when_back = False  # a change came while another screen covered this one
        # Scores typed here and drawn at once, so the owner's word that they are saved draws nothing again.
        self._drawn_here: set[tuple] = set()
        self.first_tab = tab or ("applications" if live.session.panel is None else "scores")
        own = member_of_window(live.session, live.owner.window)
        if own is not None and live.session.panel is not None and not live.session.panel.declared(own.id):
            self.first_tab = tab or "declarations"  # a member declares before seeing any application to score

    @property
    def session(self):
        return self.live.session

    @property
    def panel(self):
        return self.session.panel

    def compose(self) -> ComposeResult:
        yield Static("", id="round-line", classes="panel-line", markup=False)
        with TabbedContent(initial=self.first_tab, id="panel-tabs"):
            with TabPane("Applications", id="applications"):
                yield ApplicationsTable(id="applications-table", cursor_type="row")
            with TabPane("Declarations", id="declarations"):
                yield DeclarationsTable(id="declarations-table", cursor_type="row")
            with TabPane("Scores", id="scores"):
                yield Static("", id="sheet-line", classes="panel-line", markup=False)
                yield ScoreSheet(id="score-sheet", cursor_type="cell")
                yield Static("", id="sheet-rubric", classes="panel-line", markup=False)
                yield Static("", id="sheet-legend", classes="panel-line", markup=False)
            with TabPane("Moderation", id="moderation"):
                yield Static("", id="moderation-line", classes="panel-line", markup=False)
                yield ModerationTable(id="moderation-table", cursor_type="cell")
                yield Static("", id="moderation-rubric", classes="panel-line", markup=False)
            with TabPane("Ranking", id="ranking"):
                yield Static("", id="ranking-line", classes="panel-line", markup=False)
                yield RankingTable(id="ranking-table", cursor_type="row")
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

    def on_data_table_cell_highlighted(self, event) -> None:
        if event.data_table.id in ("score-sheet", "moderation-table"):
            self._show_rubric(event.data_table)

    def _show_rubric(self, table) -> None:
        """The levels of the criterion under the cursor, in words, the score in that cell marked."""
        panel = self.panel
        if panel is None or not table.row_count:
            return
        column = table.cursor_coordinate.column
        if column >= len(panel.round.criteria):
            return
        criterion = panel.round.criteria[column]
        try:
            shown = str(table.get_cell_at(table.cursor_coordinate)).split(" ")[0]
        except CellDoesNotExist:  # a table being filled again: no cell yet
            shown = ""
        level = int(shown) if shown.isdigit() else None
        target = "#sheet-rubric" if table.id == "score-sheet" else "#moderation-rubric"
        self.query_one(target, Static).update(rubric_words(criterion, level, self.app.size.width - 2), layout=False)

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

    # Drawing.

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        table = {
            "applications": "#applications-table",
            "declarations": "#declarations-table",
            "scores": "#score-sheet",
            "moderation": "#moderation-table",
            "ranking": "#ranking-table",
        }[self.tab]
        self.query_one(table).focus()
        self.refresh_bindings()

    def action_move_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = TABS[(TABS.index(tabs.active) + step) % len(TABS)]

    # What a member's own window leaves to the chair (the session refuses them from it as well).
    CHAIR_ACTIONS = {
        "open_round",
        "add_application",
        "import_applications",
        "reveal",
        "agree_close",
        "award",
        "member",
        "edit_application",
        "withdraw_application",
        "remove_application",
        "undo_import",
        "order_tie",
        "change_pot",
        "undo_declaration",
    }

    # The keys that ask for a chair's command: offered only where the window may do it (core/roles.py).
    CHAIR_COMMANDS = {
        "open_round": "open_round",
        "add_application": "add_application",
        "reveal": "reveal_scores",
        "agree_close": "agree_score",
        "award": "make_award",
        "edit_application": "edit_application",
        "withdraw_application": "withdraw_application",
        "remove_application": "remove_application",
        "undo_import": "undo_import",
        "order_tie": "order_tie",
        "change_pot": "change_pot",
        "undo_declaration": "undo_declaration",
    }

    def check_action(self, action: str, parameters) -> bool | None:
        if action in self.CHAIR_ACTIONS and self.own_member() is not None:
            return False
        if action in self.CHAIR_COMMANDS and not window_may(self.app, self.CHAIR_COMMANDS[action]):
            return False  # a note-taker's window types the sheets; the chair runs the round
        if action == "import_applications" and not self.may_import:
            return False  # its key says why instead (on_key)
        if action == "open_round":
            return self.panel is None and not self.live.engine.finished
        return True

    def labels(self) -> dict[str, str]:
        return person_labels(self.session.participants)

    def scorers(self):
        return members(self.session)

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
            for table in (ApplicationsTable, DeclarationsTable, ScoreSheet, ModerationTable, RankingTable):
                self.query_one(table).clear(columns=True)
            return
        line.update(self._money_line())
        # The terminal's width, not this screen's: a change heard while a prompt covers it (or just after)
        # would otherwise be laid out for a screen of no width, with every name cut to 12 letters.
        self.query_one(ApplicationsTable).fill(panel, self.app.size.width)
        labels = self.labels()
        scoring = {p.id for p in self.scorers()}
        self.query_one(DeclarationsTable).fill(
            panel, [(p, labels[p.id], p.id in scoring) for p in self.session.participants], self.app.size.width
        )
        self._draw_sheet()
        self._draw_moderation()
        self._draw_ranking()

    def _money_line(self) -> str:
        panel = self.panel
        count = len(panel.round.applications)
        return (
            f"Pot {pounds(panel.round.pot_pence)}. Awarded {pounds(awarded_pence(panel))}. "
            f"{_left_line(left_pence(panel))}. {count} application{'s' if count != 1 else ''}."
        )

    def _name_width(self, others: int) -> int:
        """As much of an organisation's name as fits beside `others` columns of other things."""
        return max(16, min(48, self.app.size.width - others))

    def own_member(self):
        """In a member's own window (`join --name Margaret`): that member, whose sheet is the only one shown."""
        return member_of_window(self.session, self.live.owner.window)

    def _sheet_member(self):
        own = self.own_member()
        if own is not None or self.live.owner.window.partition(": ")[0] == "member":
            return own  # a member's window shows its own sheet, or none: never another member's
        scorers = self.scorers()
        if not scorers:
            return None
        self.member_index %= len(scorers)
        return scorers[self.member_index]

    def _entered(self) -> dict[str, tuple[int, int]]:
        """Per application: the scores entered so far, and how many there will be."""
        panel = self.panel
        scorers = self.scorers()
        criteria = len(panel.round.criteria)
        done: dict[str, int] = {}
        for s in panel.scores:
            if s.withdrawn_at is None:
                done[s.application] = done.get(s.application, 0) + 1
        out = {}
        for a in panel.round.applications:
            taking_part = 0 if a.withdrawn else sum(1 for p in scorers if not panel.has_interest(p.id, a.id))
            out[a.id] = (done.get(a.id, 0), taking_part * criteria)
        return out

    def _draw_sheet(self) -> None:
        panel = self.panel
        member = self._sheet_member()
        line = self.query_one("#sheet-line", Static)
        sheet = self.query_one(ScoreSheet)
        if member is None and self.live.owner.window.partition(": ")[0] == "member":
            line.update("This window's member is not on the panel now, so there is no sheet to show. Ask the chair.")
            sheet.clear(columns=True)
            return
        if member is None:
            line.update(
                "Nobody on the roster scores yet. Add the panel members (older people or volunteers) with r on the session's screen."
            )
            sheet.clear(columns=True)
            return
        if self.own_member() is not None and not panel.declared(member.id):
            # Declarations come first: a member's own window shows no application to score until then.
            line.update(
                "First say whether you have links to any applicant: on the Declarations tab, i for an "
                "interest, or n for none. Then your sheet is here."
            )
            sheet.clear(columns=True)
            return
        sheet.fill(panel, member.id, self._name_width(60))
        self._sheet_words(member, self._entered())
        self._show_rubric(sheet)
        self.query_one("#sheet-legend", Static).update(
            f"Type a score from {lowest_to_highest(panel)}, or n for no score; c writes a comment. {LEGEND}"
        )
        most = 1 + max(len(c.levels) for c in panel.round.criteria)
        for rubric in self.query("#sheet-rubric, #moderation-rubric"):
            if rubric.styles.height is None or rubric.styles.height.value != most:
                rubric.styles.height = most

    def _sheet_words(self, member, entered: dict[str, tuple[int, int]], layout: bool = True) -> None:
        panel = self.panel
        scorers = self.scorers()
        mine, wanted = self._entered_by(member.id), self._wanted_of(member.id)
        total = sum(done for done, _ in entered.values()), sum(wanted for _, wanted in entered.values())
        shown = (
            "The scores are revealed."
            if panel.revealed_at is not None
            else "Hidden from the room until the chair reveals them"
            + (" (r)." if window_may(self.app, "reveal_scores") else ".")
        )
        staff = [p for p in self.session.participants if p.id not in {m.id for m in scorers}]
        staff_words = (
            (
                " "
                + ", ".join(f"{self.labels()[p.id]} ({p.role})" for p in staff)
                + (" does not score." if len(staff) == 1 else " do not score.")
            )
            if staff
            else ""
        )
        whose = (
            f"Your sheet, {self.labels()[member.id]}"
            if self.own_member() is not None
            else f"{self.labels()[member.id]}'s sheet ({self.member_index + 1} of {len(scorers)} members; Page Down for the next)"
        )
        self.query_one("#sheet-line", Static).update(
            f"{whose}: {mine} of {wanted} entered. All sheets: {total[0]} of {total[1]}. {shown}{staff_words}",
            layout=layout,
        )

    def _show_one_score(self, event) -> None:
        """A score typed on this or another window: redraw its cell, the counts and the ranking."""
        d = event.details
        key = (str(d["member"]), str(d["application"]), str(d["criterion"]), d.get("level"))
        if key in self._drawn_here:
            self._drawn_here.discard(key)  # typed here and drawn as its key was pressed (_typed_and_saved)
            return
        self._draw_score(*key[:3])

    def _draw_score(self, member_id: str, application: str, criterion: str) -> None:
        member = self._sheet_member()
        entered = self._entered()
        if member is not None and member_id == member.id:
            self.query_one(ScoreSheet).show_cell(self.panel, member.id, application, criterion)
            self._sheet_words(member, entered, layout=False)
        if self.panel.revealed_at is None:  # the ranking shows only how many are in: one cell changes
            done, wanted = entered[application]
            self.query_one(RankingTable).set_quietly(application, 2, f"{done} of {wanted}")
        else:
            self._draw_ranking()
            if application == self.moderating:  # a late sheet's score: moderation shows it at once
                self._draw_moderation()

    def _typed_and_saved(self, member_id: str, application: str, criterion: str) -> None:
        """A score typed here: the command came back once it was saved, so it is drawn now, in the same
        frame as the cursor's move, not a frame or two later when the owner's word arrives (which then
        draws nothing again). One not saved yet waits for that word."""
        self.live.catch_up()
        score = find_score(self.panel, member_id, application, criterion)
        if score is not None:
            self._draw_score(member_id, application, criterion)
            self._drawn_here.add((member_id, application, criterion, score.level))

    def moderation_order(self) -> list[str]:
        """Near the funding line first, then where members are far apart, then the rest, in rank order.

        Worked out once, when moderation starts, and kept: an order that moved as scores were agreed
        would show some applications twice and skip others. (No application is added after the reveal.)
        """
        if self._order is None:
            self._order = self._order_now()
        return self._order

    def _order_now(self) -> list[str]:
        panel = self.panel
        ranked = ranking(panel)
        near = near_the_line(ranked)

        def apart(application: str) -> int:
            return sum(1 for c in panel.round.criteria if (s := spread(panel, application, c.id)) and s.flagged)

        ids = [r.application.id for r in ranked if not r.application.withdrawn]  # nothing to talk through
        return sorted(ids, key=lambda a: (a not in near, apart(a) == 0, ids.index(a)))

    def _draw_moderation(self) -> None:
        panel = self.panel
        table = self.query_one(ModerationTable)
        line = self.query_one("#moderation-line", Static)
        if panel.revealed_at is None:
            table.clear(columns=True)
            line.update(
                "The scores are hidden until the chair reveals them (r on the Scores tab), so nobody is swayed by another's score."
            )
            return
        order = self.moderation_order()
        if not order:
            table.clear(columns=True)
            line.update("There are no applications in this round yet.")
            return
        if self.moderating not in order:
            self.moderating = order[0]
        application = panel.application(self.moderating)
        labels = self.labels()
        table.fill(panel, application.id, [(p.id, labels[p.id]) for p in self.scorers()])
        near = "Near the funding line. " if application.id in near_the_line(ranking(panel)) else ""
        apart = sum(1 for c in panel.round.criteria if (s := spread(panel, application.id, c.id)) and s.flagged)
        agreed = sum(1 for c in panel.round.criteria if find_agreed(panel, application.id, c.id))
        to_check = [
            found.to_check
            for c in panel.round.criteria
            if (found := find_agreed(panel, application.id, c.id)) and found.to_check
        ]
        line.update(
            f"{order.index(application.id) + 1} of {len(order)}: {application.organisation}, {application.project} "
            f"({pounds(application.amount_pence)}). {near}{plural(apart, 'criterion', 'criteria')} far apart. Agreed {agreed} of {len(panel.round.criteria)}. "
            + (f"To check again ('check' on the Agreed row): {to_check[0]}. " if to_check else "")
            + "Type on a member's row to change their score, on the Agreed row to agree one. Page Down: next."
            + self._comment_words(application.id)
            + self._leniency_words()
        )

    def _comment_words(self, application: str) -> str:
        """Members' comments on the application being talked through, for the panel (never the applicant)."""
        labels = self.labels()
        said = [
            f"{labels.get(c.member, 'someone')}: {c.text}" for c in self.panel.comments if c.application == application
        ]
        return (" Comments: " + " / ".join(said) + ".") if said else ""

    def _leniency_words(self) -> str:
        """How each member scores beside the rest, over the whole round, so a harsh or generous scorer shows."""
        labels = self.labels()
        found = [(p, leniency(self.panel, p.id)) for p in self.scorers()]
        apart = [
            f"{labels[p.id]} {f.words.replace(' than the panel', '')}"
            for p, f in found
            if f is not None and f.words != "in line with the panel"
        ]
        if not any(f is not None for _, f in found):
            return ""
        return (
            " Over the round, against the panel: "
            + "; ".join(apart)
            + (", the rest in line." if len(apart) < len(found) else ".")
            if apart
            else " Over the round, every member scores in line with the panel."
        )

    def _draw_ranking(self) -> None:
        panel = self.panel
        revealed = panel.revealed_at is not None
        ranked = ranking(panel) if revealed else []
        self.query_one(RankingTable).fill(panel, ranked, revealed, self._entered(), self.app.size.width)
        line = self.query_one("#ranking-line", Static)
        if not revealed:
            line.update("The scores are hidden until the chair reveals them. This shows how many are in.")
            return
        left = left_pence(panel)
        best = sum(c.weight * c.highest for c in panel.round.criteria)
        fits = [
            row.ranked.application.organisation for row in as_decided(panel, ranked) if row.award is None and row.fits
        ]
        if left < 0:
            money = f"The awards are {pounds(-left)} more than the pot. "
        else:
            money = (
                f"Still fits the {pounds(left)} left: "
                + (", ".join(fits[:6]) + (" and more" if len(fits) > 6 else "") if fits else "nothing undecided")
                + ". "
            )
        waiting = sum(1 for a in panel.open_applications() if not agreed_in_full(panel, a.id))
        full, sheets = sheets_counted(panel, [p.id for p in self.scorers()])
        at_line = tied_at_the_line(panel, ranked)
        tie = (
            f"{' and '.join(r.application.organisation for r in at_line)} are tied where the money runs out. "
            "Choose the one to come first and press t, with the panel's reason. "
            if at_line
            else ""
        )
        notes = " ".join(f"{r.application.organisation}: {r.tie_note}." for r in ranked if r.tie_note)
        line.update(
            f"{tie}Scores are out of {best}; ties: {panel.round.tie_break}. {money}"
            + (
                f"{plural(waiting, 'application')} not agreed in full yet: they rank on the members' average. "
                if waiting
                else ""
            )
            + f"Rests on {full} of {sheets} members' sheets in full. {notes}"
        )

    # What the keys do.

    def _run(self, command: str, /, **args) -> bool:
        return self.live.run_command(command, **args)

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

    def action_add_application(self) -> None:
        if self.panel is None:
            return self.action_open_round()
        self.app.push_screen(ApplicationForm(attempt=lambda fields: self.live.try_command("add_application", **fields)))

    @property
    def may_import(self) -> bool:
        """Importing reads a file on this computer and adds applications: never from a browser's window."""
        return window_may(self.app, "import") and window_may(self.app, "add_applications")

    def import_refusal(self) -> str:
        return window_refusal(self.app, "import" if not window_may(self.app, "import") else "add_applications")

    def on_key(self, event) -> None:
        # Import's key is kept off the footer where it is not allowed; pressed anyway, it says why.
        focused = self.focused
        if focused is None or self.may_import:
            return
        bindings = focused._bindings.key_to_bindings.get(event.key, [])
        if any(binding.action == "screen.import_applications" for binding in bindings):
            event.stop()
            self.notify(self.import_refusal(), title="Not imported", severity="warning")

    def action_import_applications(self) -> None:
        if not self.may_import:  # reached some other way than its key
            self.notify(self.import_refusal(), title="Not imported", severity="warning")
            return
        if self.panel is None:
            return self.action_open_round()

        def attempt(path: str) -> str:
            try:
                imported = import_applications_file(Path(path.strip().strip("'\"")).expanduser())
            except FileProblem as problem:
                return str(problem)
            if not imported.ok:
                shown = "; ".join(imported.problems[:3]) + (
                    f"; and {len(imported.problems) - 3} more" if len(imported.problems) > 3 else ""
                )
                return f"Nothing was imported. Fix these in the file and try again: {shown}."
            if not imported.applications:
                return "The file has no applications in it."
            rows = [
                {
                    "organisation": a.organisation,
                    "project": a.project,
                    "amount_pence": a.amount_pence,
                    "area": a.area,
                    "summary": a.summary,
                    "link": a.link,
                }
                for a in imported.applications
            ]

            def add() -> str:
                refused = self.live.try_command("add_applications", applications=rows, imported=True)
                if not refused:
                    ignored = (
                        f" Columns not used: {', '.join(imported.ignored_columns)}." if imported.ignored_columns else ""
                    )
                    self.notify(
                        f"{plural(len(rows), 'application')} imported.{ignored} Until scoring starts, u on this tab undoes "
                        "the import.",
                        title="Applications",
                    )
                return refused

            def answered(yes: bool | None) -> None:
                refused = add() if yes else "Nothing was imported."
                if refused:
                    self.notify(refused, title="Applications", severity="warning" if yes else "information")

            # A big file, one with an organisation twice, or one the round has already (the same file imported
            # again, say), is asked about first.
            held = {squashed(a.organisation): a.organisation for a in self.panel.open_applications()}
            again = list(
                dict.fromkeys(
                    held[squashed(a.organisation)] for a in imported.applications if squashed(a.organisation) in held
                )
            )
            question = [
                f"This file holds {len(rows)} applications." if len(rows) > ASK_ABOVE_ROWS else "",
                f"These organisations come more than once: {'; '.join(imported.duplicates[:5])}."
                if imported.duplicates
                else "",
                f"{plural(len(again), 'organisation')} in it {'is' if len(again) == 1 else 'are'} in this round "
                f"already: {'; '.join(again[:5])}" + (f" and {len(again) - 5} more" if len(again) > 5 else "") + "."
                if again
                else "",
            ]
            if any(question):
                # Asked once the file prompt has closed (`ask_after`), on top of the panel.
                asking.append(
                    (
                        ConfirmScreen(
                            " ".join(q for q in question if q) + " Import them all?", "Import", "Do not import"
                        ),
                        answered,
                    )
                )
                return ""
            return add()

        asking: list = []

        def ask_after(_: str | None) -> None:
            if asking:
                self.app.push_screen(*asking.pop())

        self.app.push_screen(
            TextPrompt(
                "Import applications from a spreadsheet saved as CSV. It needs columns for the organisation, the project "
                "and the amount asked for; area, summary and link are taken too. Which file?",
                hint="Type the file's name or path. Enter imports. Escape cancels.",
                attempt=attempt,
            ),
            ask_after,
        )

    def action_show_application(self) -> None:
        chosen = self.query_one(ApplicationsTable).chosen
        if self.panel is None or chosen is None:
            return
        a = self.panel.application(chosen)
        lines = [
            f"{a.project}, asking for {pounds(a.amount_pence)}.",
            a.area and f"Area: {a.area}.",
            a.summary,
            a.link and f"The whole application: {a.link}",
        ]
        self.notify("\n".join(line for line in lines if line), title=a.organisation, timeout=15)

    def _chosen_member(self):
        own = self.own_member()
        if own is not None:
            return own  # a member's own window declares for that member alone
        chosen = self.query_one(DeclarationsTable).chosen
        return next((p for p in self.session.participants if p.id == chosen), None)

    def action_declare_interest(self) -> None:
        person = self._chosen_member()
        if person is None or self.panel is None:
            return
        form = DeclarationForm(
            self.labels()[person.id],
            self.panel.round.applications,
            attempt=lambda fields: self.live.try_command("declare_interest", member=person.id, **fields),
        )
        self.app.push_screen(form)

    def action_declare_none(self) -> None:
        person = self._chosen_member()
        if person is not None:
            self._run("declare_no_interests", member=person.id)

    def action_member(self, step: int) -> None:
        own = self.own_member()
        if own is not None:
            self.notify(
                f"This window shows only your own sheet, {own.name}. Other members score in theirs, "
                "or on the chair's screen.",
                title="Your sheet",
            )
            return
        scorers = self.scorers()
        if scorers:
            self.member_index = (self.member_index + step) % len(scorers)
            self._draw_sheet()
            self.query_one(ScoreSheet).move_cursor(row=0, column=0, animate=False)  # a new sheet starts at the top

    def action_application(self, step: int) -> None:
        order = self.moderation_order() if self.panel and self.panel.revealed_at else []
        if order and self.moderating in order:
            self.moderating = order[(order.index(self.moderating) + step) % len(order)]
            self.query_one(ModerationTable).move_cursor(row=0, column=0, animate=False)
            self._draw_moderation()

    def action_reveal(self) -> None:
        if self.panel is None or self.panel.revealed_at is not None:
            self.notify("The scores are already revealed." if self.panel else "No round is open yet.", title="Not now")
            return
        entered = self._entered()
        done, wanted = sum(d for d, _ in entered.values()), sum(w for _, w in entered.values())
        short_of = [
            f"{self.labels()[p.id]} ({wanted_of - done_of} to go)"
            for p in self.scorers()
            if (done_of := self._entered_by(p.id)) < (wanted_of := self._wanted_of(p.id))
        ]
        missing = f" {plural(wanted - done, 'score')} not entered yet: {', '.join(short_of)}." if done < wanted else ""

        def answered(yes: bool | None) -> None:
            if yes and self._run("reveal_scores"):
                self.query_one(TabbedContent).active = "moderation"

        self.app.push_screen(
            ConfirmScreen(
                f"Reveal every member's scores to the room?{missing} After this, a changed score needs a reason.",
                "Reveal",
                "Not yet",
            ),
            answered,
        )

    def _ask_type_over(self, member, application: str, criterion: str, level: int | None, table) -> None:
        """A score the member typed in their own window is theirs: typed over only when the person says yes."""
        name = self.labels()[member.id]

        def answered(yes: bool | None) -> None:
            if yes and self._run(
                "enter_score",
                member=member.id,
                application=application,
                criterion=criterion,
                level=level,
                over_own=True,
            ):
                table.step_on(lambda row: not self.panel.has_interest(member.id, row))

        self.app.push_screen(
            ConfirmScreen(
                f"{name} typed this score in their own window. Type over it? "
                "The record will say this window typed over it.",
                "Type over it",
                "Leave it",
            ),
            answered,
        )

    def _say_once(self, words: str) -> None:
        """A warning that a quick typist would otherwise get once per key."""
        if words != self._last_said:
            self._last_said = words
            self.notify(words, title="Not here", severity="warning")

    def _entered_by(self, member: str) -> int:
        return sum(1 for s in self.panel.scores if s.member == member and s.withdrawn_at is None)

    def _wanted_of(self, member: str) -> int:
        panel = self.panel
        return sum(len(panel.round.criteria) for a in panel.open_applications() if not panel.has_interest(member, a.id))

    def typed_level(self, table, level: int | None) -> None:
        panel = self.panel
        if panel is None or not table.row_count:
            return
        if table.cursor_coordinate.column >= len(panel.round.criteria):
            self._say_once("This column compares each member with the panel. Type a score under a criterion.")
            return
        criterion = panel.round.criteria[table.cursor_coordinate.column].id
        if isinstance(table, ScoreSheet):
            member = self._sheet_member()
            if member is None:
                return
            application = str(table.chosen)
            if panel.revealed_at is None:
                if panel.has_interest(member.id, application):
                    self._say_once(
                        f"{self.labels()[member.id]} stepped out of {panel.application(application).organisation}, "
                        "so there is nothing to score there. Move to another row."
                    )
                    return
                score = find_score(panel, member.id, application, criterion)
                mine = member_of_window(self.session, self.live.owner.window)
                if (
                    score is not None
                    and typed_by_member_themselves(self.session, score)
                    and (mine is None or mine.id != member.id)
                ):
                    self._ask_type_over(member, application, criterion, level, table)
                    return
                if self._run(
                    "enter_score", member=member.id, application=application, criterion=criterion, level=level
                ):
                    self._typed_and_saved(member.id, application, criterion)
                    table.step_on(lambda row: not panel.has_interest(member.id, row))
                    self._show_rubric(table)  # the next cell's levels, in the same frame
                return
            if find_score(panel, member.id, application, criterion) is None:
                # A sheet not typed before the reveal: entered now, and marked so everywhere.
                if self._run(
                    "enter_score", member=member.id, application=application, criterion=criterion, level=level
                ):
                    table.step_on(lambda row: not panel.has_interest(member.id, row))
                    if self._last_said != "after the reveal":
                        self._last_said = "after the reveal"
                        self.notify("Entered after the reveal: the record marks it so.", title="Entered")
                return
            self._ask_change(member.id, application, criterion, level)
            return
        if isinstance(table, ModerationTable) and self.moderating:
            row = table.chosen
            if row is None:
                return
            if row == AGREED_ROW:
                self._ask_agree(self.moderating, criterion, level, table)
            elif row in {p.id for p in self.scorers()}:
                if find_score(panel, row, self.moderating, criterion) is None and not panel.has_interest(
                    row, self.moderating
                ):
                    self._run("enter_score", member=row, application=self.moderating, criterion=criterion, level=level)
                    return
                self._ask_change(row, self.moderating, criterion, level)
            else:
                self.notify(
                    "Type on a member's row to change their score, or on the Agreed row to agree one.",
                    title="Not here",
                    severity="warning",
                )

    def _ask_change(self, member: str, application: str, criterion: str, level: int | None) -> None:
        name = self.labels()[member]
        said = "no score" if level is None else str(level)
        question = (
            f"{name} changes their score for '{self.panel.criterion(criterion).name}' to {said}. Why? "
            "(The first score is kept. The applicant's letter gives this reason.)"
        )
        names = [p.name for p in self.session.participants if p.name]
        self.app.push_screen(
            TextPrompt(
                question,
                names=names,
                attempt=lambda reason: self.live.try_command(
                    "change_score",
                    member=member,
                    application=application,
                    criterion=criterion,
                    level=level,
                    reason=reason,
                ),
            )
        )

    def _ask_agree(self, application: str, criterion: str, level: int | None, table=None) -> None:
        if level is None:
            self.notify("An agreed score needs a level: type a number.", title="Not now", severity="warning")
            return
        found = spread(self.panel, application, criterion)
        wanted = found is not None and found.flagged

        def attempt(reason: str) -> str:
            if found is not None and wanted and not reason.strip():
                return f"Members' scores were {found.words}, so please say why the panel agreed {level}."
            refused = self.live.try_command(
                "agree_score", application=application, criterion=criterion, level=level, reason=reason
            )
            if not refused and table is not None:  # on to the next criterion, as on a sheet
                table.move_cursor(column=min(table.cursor_column + 1, len(table.columns) - 1), animate=False)
            return refused

        question = f"The panel agrees {level} for '{self.panel.criterion(criterion).name}'. Why? " + (
            "(Members were far apart, so a reason is needed.)" if wanted else "(You may leave this empty.)"
        )
        names = [p.name for p in self.session.participants if p.name]
        self.app.push_screen(TextPrompt(question, attempt=attempt, names=names))

    def action_agree_close(self) -> None:
        panel = self.panel
        if panel is None or panel.revealed_at is None or self.moderating is None:
            return
        done = 0
        for criterion in panel.round.criteria:
            found = spread(panel, self.moderating, criterion.id)
            level = suggested_level(panel, self.moderating, criterion.id)
            if found is None or found.flagged or level is None or find_agreed(panel, self.moderating, criterion.id):
                continue
            if self._run(
                "agree_score",
                application=self.moderating,
                criterion=criterion.id,
                level=level,
                reason=CLOSE_SCORES_REASON,
            ):
                done += 1
        self.notify(
            f"Agreed {done} score{'s' if done != 1 else ''} where members were within one level."
            if done
            else "Nothing to agree by itself here: talk through the criteria far apart.",
            title="Moderation",
        )

    def action_award(self, outcome: str) -> None:
        panel = self.panel
        chosen = self.query_one(RankingTable).chosen
        if panel is None:
            return
        if chosen is None:
            self.notify("Choose an application first: Up and Down move through the ranking.", title="Not here")
            return
        referred = outcome == "refer to the funder"  # the exception when no member is left to decide
        if panel.revealed_at is None and not referred:
            self.notify(
                "The panel decides after the scores are revealed and talked through.",
                title="Not now",
                severity="warning",
            )
            return
        application = panel.application(chosen)
        amount = application.amount_pence if outcome == "fund in full" else 0
        # A smaller amount is weighed once it is typed: the engine says then if it departs.
        why = (
            departure(panel, application, outcome, amount)
            if outcome not in ("fund a smaller amount", "refer to the funder")
            else ""
        )
        left = left_words(panel.round.pot_pence - awarded_pence(panel, leaving_out=chosen))

        def attempt(answer: dict) -> str:
            return self.live.try_command("make_award", application=chosen, **answer)

        names = [p.name for p in self.session.participants if p.name]
        labels = self.labels()
        comments = [f"{labels.get(c.member, 'someone')}: {c.text}" for c in panel.comments if c.application == chosen]
        self.app.push_screen(
            AwardForm(application, outcome, why, left, attempt=attempt, names=names, comments=comments)
        )

    # Correcting the round.

    def _chosen_application(self):
        chosen = self.query_one(ApplicationsTable).chosen
        if self.panel is None or chosen is None:
            self.notify("Choose an application first: Up and Down move through them.", title="Not here")
            return None
        return self.panel.application(chosen)

    def action_edit_application(self) -> None:
        application = self._chosen_application()
        if application is not None:
            self.app.push_screen(
                ApplicationForm(
                    editing=application,
                    attempt=lambda fields: self.live.try_command(
                        "edit_application", application=application.id, **fields
                    ),
                )
            )

    def action_withdraw_application(self) -> None:
        application = self._chosen_application()
        if application is not None:
            self.app.push_screen(
                TextPrompt(
                    f"Withdraw {application.organisation}? It stays in the record, and is no longer scored or decided. Why?",
                    attempt=lambda reason: self.live.try_command(
                        "withdraw_application", application=application.id, reason=reason
                    ),
                )
            )

    def action_remove_application(self) -> None:
        application = self._chosen_application()
        if application is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._run("remove_application", application=application.id, reason="Added by mistake")

        self.app.push_screen(
            ConfirmScreen(
                f"Remove {application.organisation}, added by mistake? The record says it was "
                "removed. (One already scored is withdrawn instead, with w.)",
                "Remove",
                "Keep it",
            ),
            answered,
        )

    def action_undo_import(self) -> None:
        if self.panel is None:
            return
        last = last_import(self.session)
        if not last:
            self.notify("There is no import to undo.", title="Not now")
            return

        def answered(yes: bool | None) -> None:
            if yes and self._run("undo_import"):
                self.notify(f"The import of {plural(len(last), 'application')} was undone.", title="Applications")

        self.app.push_screen(
            ConfirmScreen(
                f"Take out the {plural(len(last), 'application')} the last import added? "
                "The record says the import was undone.",
                "Undo the import",
                "Keep them",
            ),
            answered,
        )

    def action_show_declarations(self) -> None:
        person = self._chosen_member()
        if person is None or self.panel is None:
            return
        mine = [d for d in self.panel.declarations if d.member == person.id]
        lines = [
            f"{self.panel.application(d.application).organisation}: {d.interest}"
            if d.application
            else "No interests to declare."
            for d in mine
        ]
        self.notify("\n".join(lines) or "Nothing declared yet.", title=self.labels()[person.id], timeout=15)

    def action_undo_declaration(self) -> None:
        person = self._chosen_member()
        if person is None or self.panel is None:
            return
        mine = [d for d in self.panel.declarations if d.member == person.id]
        if not mine:
            self.notify(f"{self.labels()[person.id]} has made no declaration to undo.", title="Not now")
            return
        last = mine[-1]
        said = (
            f"the interest in {self.panel.application(last.application).organisation} ('{last.interest}')"
            if last.application
            else "'no interests'"
        )
        self.app.push_screen(
            TextPrompt(
                f"Undo {self.labels()[person.id]}'s declaration of {said}, made in error? Why?",
                attempt=lambda reason: self.live.try_command("undo_declaration", declaration=last.id, reason=reason),
            )
        )

    def action_comment(self) -> None:
        member = self._sheet_member()
        chosen = self.query_one(ScoreSheet).chosen
        if member is None or chosen is None or self.panel is None:
            return
        application = self.panel.application(chosen)
        names = [p.name for p in self.session.participants if p.name]

        def attempt(text: str) -> str:
            return self.live.try_command("add_comment", member=member.id, application=application.id, text=text)

        self.app.push_screen(
            TextPrompt(
                f"{self.labels()[member.id]}'s comment on {application.organisation}, for moderation. The applicant does not "
                "read it unless the panel puts it in the decision's reason.",
                attempt=attempt,
                names=names,
            )
        )

    def action_change_pot(self) -> None:
        panel = self.panel
        if panel is None:
            return
        asked: dict[str, int] = {}

        def amount(text: str) -> str:
            try:
                asked["pot"] = money(text, "The pot")
            except FormProblem as problem:
                return str(problem)
            return ""

        def reason(text: str) -> str:
            return self.live.try_command("change_pot", pot_pence=asked["pot"], reason=text)

        def then(answer: str | None) -> None:
            if answer is not None and "pot" in asked:
                self.app.push_screen(
                    TextPrompt(
                        f"Why does the pot change to {pounds(asked['pot'])}? (Kept in the record.)", attempt=reason
                    )
                )

        self.app.push_screen(
            TextPrompt(f"The pot is {pounds(panel.round.pot_pence)}. What is it now?", attempt=amount), then
        )

    def action_order_tie(self) -> None:
        panel = self.panel
        chosen = self.query_one(RankingTable).chosen
        if panel is None or chosen is None:
            return
        if panel.revealed_at is None:  # nothing about the scores is said before the reveal
            self.notify("Ties are put in order after the scores are revealed.", title="Not now")
            return
        ranked = ranking(panel, chair_orders=False)
        here = next(r for r in ranked if r.application.id == chosen)
        tied = [r for r in ranked if r.tied and r.place == here.place and r.place is not None]
        if not here.tied or len(tied) < 2:
            same = [
                r for r in ranked if r.weighted == here.weighted and r.application.id != chosen and r.place is not None
            ]
            words = (
                f"{here.application.organisation} has the same score as {same[0].application.organisation}, but the "
                f"tie-break rule ({panel.round.tie_break}) already puts them in order."
                if same
                else f"{here.application.organisation} is not tied with another application."
            )
            self.notify(words, title="Not tied")
            return
        order = [chosen] + [r.application.id for r in tied if r.application.id != chosen]
        others = " and ".join(r.application.organisation for r in tied if r.application.id != chosen)
        self.app.push_screen(
            TextPrompt(
                f"Put {here.application.organisation} before {others}? They have the same score and the tie-break rule does "
                "not separate them. The panel's reason:",
                attempt=lambda reason: self.live.try_command("order_tie", applications=order, reason=reason),
            )
        )
