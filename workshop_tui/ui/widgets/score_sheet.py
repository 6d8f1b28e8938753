"""The Scores tab: one member's sheet, as on paper, applications down and criteria across. Digits
score, n is no score; Page Down shows the next member's sheet; r reveals every sheet to the room."""

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from workshop_tui.core.panel_events import find_score
from workshop_tui.core.panel_views import member_of_window, typed_by_member_themselves
from workshop_tui.core.wording import plural
from workshop_tui.model.panel import Panel
from workshop_tui.model.participant import Participant
from workshop_tui.ui.middle_cut import middle_cut
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.panel_tables import (
    LEGEND,
    PanelTable,
    Rubric,
    criterion_heading,
    entered,
    entered_by,
    member_cell,
    wanted_of,
)
from workshop_tui.ui.widgets.panel_window import panel_screen
from workshop_tui.ui.window_rights import window_may


def lowest_to_highest(panel: Panel) -> str:
    """'1 to 5', or '0 to 4 or 1 to 5' when the criteria's scales differ."""
    scales = sorted({(c.lowest, c.highest) for c in panel.round.criteria})
    return " or ".join(f"{low} to {high}" for low, high in scales)


class ScoreSheet(PanelTable):
    """One member's paper sheet: applications down, criteria across. Digits score, n is no score."""

    BINDINGS = [
        Binding("pagedown", "member(1)", "Next member", id="next_member", tooltip="Show the next member's sheet"),
        Binding(
            "pageup",
            "member(-1)",
            "Member back",
            id="previous_member",
            show=False,
            tooltip="Show the previous member's sheet",
        ),
        Binding(
            "r",
            "reveal",
            "Reveal",
            id="reveal",
            tooltip="Reveal every member's scores to the room, for moderation",
        ),
        Binding(
            "c",
            "comment",
            "Comment",
            id="comment",
            tooltip="Write this member's comment on the chosen application, for moderation",
        ),
    ]

    LEVELS_TYPED = True

    def fill(self, panel: Panel, member: str, name_width: int = 20) -> None:
        keep = self.cursor_coordinate
        self.start(*(criterion_heading(c) for c in panel.round.criteria))
        for number, application in enumerate(panel.round.applications, start=1):
            if application.withdrawn:
                continue  # not scored: off the sheet, so the cursor never stops on it
            cells = [member_cell(panel, member, application.id, c.id) for c in panel.round.criteria]
            self.add_row(
                *cells,
                key=application.id,
                label=Text(f"{number:>2} {middle_cut(application.organisation, name_width)}"),
            )
        if self.row_count:
            self.move_cursor(row=min(keep.row, self.row_count - 1), column=keep.column, animate=False)

    def show_cell(self, panel: Panel, member: str, application: str, criterion: str) -> None:
        """Redraw the one cell a score was typed in."""
        column = [c.id for c in panel.round.criteria].index(criterion)
        self.set_quietly(application, column, member_cell(panel, member, application, criterion))

    def step_on(self, may_score: Callable[[str], bool] = lambda application: True) -> None:
        """After a score, on to the next criterion, then the first of the next application the member
        may score: a row they stepped out of is passed over, as it is blank on their paper sheet."""
        row, column = self.cursor_coordinate
        if column + 1 < len(self.columns):
            self.move_cursor(column=column + 1, animate=False)
            return
        for later in range(row + 1, self.row_count):
            if may_score(str(self.coordinate_to_cell_key(Coordinate(later, 0)).row_key.value)):
                self.move_cursor(row=later, column=0, animate=False)
                return

    @property
    def tab(self) -> "ScoresTab":
        return self.screen.query_one(ScoresTab)

    # What the keys do.

    def action_member(self, step: int) -> None:
        screen = panel_screen(self)
        own = screen.own_member()
        if own is not None:
            self.notify(
                f"This window shows only your own sheet, {own.name}. Other members score in theirs, "
                "or on the chair's screen.",
                title="Your sheet",
            )
            return
        scorers = screen.scorers()
        if scorers:
            self.tab.member_index = (self.tab.member_index + step) % len(scorers)
            self.tab.draw()
            self.move_cursor(row=0, column=0, animate=False)  # a new sheet starts at the top

    def action_reveal(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        if panel is None or panel.revealed_at is not None:
            self.notify("The scores are already revealed." if panel else "No round is open yet.", title="Not now")
            return
        scorers = screen.scorers()
        counts = entered(panel, scorers)
        done, wanted = sum(d for d, _ in counts.values()), sum(w for _, w in counts.values())
        labels = screen.labels()
        short_of = [
            f"{labels[p.id]} ({wanted_of_member - done_of} to go)"
            for p in scorers
            if (done_of := entered_by(panel, p.id)) < (wanted_of_member := wanted_of(panel, p.id))
        ]
        missing = f" {plural(wanted - done, 'score')} not entered yet: {', '.join(short_of)}." if done < wanted else ""

        def answered(yes: bool | None) -> None:
            if yes and screen.run("reveal_scores"):
                self.screen.query_one(TabbedContent).active = "moderation"

        self.app.push_screen(
            ConfirmScreen(
                f"Reveal every member's scores to the room?{missing} After this, a changed score needs a reason.",
                "Reveal",
                "Not yet",
            ),
            answered,
        )

    def action_comment(self) -> None:
        screen = panel_screen(self)
        member = self.tab.member()
        chosen = self.chosen
        if member is None or chosen is None or screen.panel is None:
            return
        application = screen.panel.application(chosen)
        names = [p.name for p in screen.session.participants if p.name]

        def attempt(text: str) -> str:
            return screen.live.try_command("add_comment", member=member.id, application=application.id, text=text)

        self.app.push_screen(
            TextPrompt(
                f"{screen.labels()[member.id]}'s comment on {application.organisation}, for moderation. The applicant does not "
                "read it unless the panel puts it in the decision's reason.",
                attempt=attempt,
                names=names,
            )
        )

    def typed_level(self, level: int | None) -> None:
        screen = panel_screen(self)
        under = self.criterion_typed_under()
        if under is None:
            return
        panel, criterion = under
        member = self.tab.member()
        if member is None:
            return
        application = str(self.chosen)
        if panel.revealed_at is None:
            if panel.has_interest(member.id, application):
                screen.say_once(
                    f"{screen.labels()[member.id]} stepped out of {panel.application(application).organisation}, "
                    "so there is nothing to score there. Move to another row."
                )
                return
            score = find_score(panel, member.id, application, criterion)
            mine = member_of_window(screen.session, screen.live.owner.window)
            if (
                score is not None
                and typed_by_member_themselves(screen.session, score)
                and (mine is None or mine.id != member.id)
            ):
                self._ask_type_over(member, application, criterion, level)
                return
            if screen.run("enter_score", member=member.id, application=application, criterion=criterion, level=level):
                screen.typed_and_saved(member.id, application, criterion)
                self.step_on(lambda row: not panel.has_interest(member.id, row))
                self.tab.show_rubric()  # the next cell's levels, in the same frame
            return
        if find_score(panel, member.id, application, criterion) is None:
            # A sheet not typed before the reveal: entered now, and marked so everywhere.
            if screen.run("enter_score", member=member.id, application=application, criterion=criterion, level=level):
                self.step_on(lambda row: not panel.has_interest(member.id, row))
                if screen.last_said != "after the reveal":
                    screen.last_said = "after the reveal"
                    self.notify("Entered after the reveal: the record marks it so.", title="Entered")
            return
        self.ask_change(member.id, application, criterion, level)

    def _ask_type_over(self, member: Participant, application: str, criterion: str, level: int | None) -> None:
        """A score the member typed in their own window is theirs: typed over only when the person says yes."""
        screen = panel_screen(self)
        name = screen.labels()[member.id]

        def answered(yes: bool | None) -> None:
            if yes and screen.run(
                "enter_score",
                member=member.id,
                application=application,
                criterion=criterion,
                level=level,
                over_own=True,
            ):
                panel = screen.panel
                assert panel is not None  # a round once open stays open
                self.step_on(lambda row: not panel.has_interest(member.id, row))

        self.app.push_screen(
            ConfirmScreen(
                f"{name} typed this score in their own window. Type over it? "
                "The record will say this window typed over it.",
                "Type over it",
                "Leave it",
            ),
            answered,
        )


class ScoresTab(TabPane):
    """The sheet, a line above it saying whose it is and how many are in, and the rubric below it."""

    DEFAULT_CSS = """
    /* Three lines whatever it says, so a new count after each score needs no new layout. */
    ScoresTab #sheet-line { height: 3; }
    /* What each level of the criterion under the cursor means: as many lines always (set on draw), so a move
       never lays the screen out again. */
    ScoresTab #sheet-rubric { height: 6; }
    """

    member_index = 0  # the sheet shown, of the members who score (on a chair's or note-taker's window)

    def compose(self) -> ComposeResult:
        yield Static("", id="sheet-line", classes="panel-line", markup=False)
        yield ScoreSheet(id="score-sheet", cursor_type="cell")
        yield Rubric("", id="sheet-rubric", classes="panel-line", markup=False)
        yield Static("", id="sheet-legend", classes="panel-line", markup=False)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self.show_rubric()

    def show_rubric(self) -> None:
        panel = panel_screen(self).panel
        if panel is not None:
            self.query_one(Rubric).show(self.query_one(ScoreSheet), panel.round.criteria)

    def member(self) -> Participant | None:
        """The member whose sheet is shown."""
        screen = panel_screen(self)
        own = screen.own_member()
        if own is not None or screen.live.owner.window.partition(": ")[0] == "member":
            return own  # a member's window shows its own sheet, or none: never another member's
        scorers = screen.scorers()
        if not scorers:
            return None
        self.member_index %= len(scorers)
        return scorers[self.member_index]

    def draw(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        assert panel is not None  # drawn only once a round is open
        member = self.member()
        line = self.query_one("#sheet-line", Static)
        sheet = self.query_one(ScoreSheet)
        if member is None and screen.live.owner.window.partition(": ")[0] == "member":
            line.update("This window's member is not on the panel now, so there is no sheet to show. Ask the chair.")
            sheet.clear(columns=True)
            return
        if member is None:
            line.update(
                "Nobody on the roster scores yet. Add the panel members (older people or volunteers) with r on the session's screen."
            )
            sheet.clear(columns=True)
            return
        if screen.own_member() is not None and not panel.declared(member.id):
            # Declarations come first: a member's own window shows no application to score until then.
            line.update(
                "First say whether you have links to any applicant: on the Declarations tab, i for an "
                "interest, or n for none. Then your sheet is here."
            )
            sheet.clear(columns=True)
            return
        sheet.fill(panel, member.id, screen.name_width(60))
        self.show_words(member, entered(panel, screen.scorers()))
        self.show_rubric()
        self.query_one("#sheet-legend", Static).update(
            f"Type a score from {lowest_to_highest(panel)}, or n for no score; c writes a comment. {LEGEND}"
        )
        most = 1 + max(len(c.levels) for c in panel.round.criteria)
        for rubric in self.screen.query(Rubric):  # this tab's and moderation's: the same height
            if rubric.styles.height is None or rubric.styles.height.value != most:
                rubric.styles.height = most

    def show_words(self, member: Participant, counts: dict[str, tuple[int, int]], layout: bool = True) -> None:
        """Whose sheet it is, how many scores are in (`counts`, from `entered`), and whether the room may see them."""
        screen = panel_screen(self)
        panel = screen.panel
        assert panel is not None
        scorers = screen.scorers()
        mine, wanted = entered_by(panel, member.id), wanted_of(panel, member.id)
        total = sum(done for done, _ in counts.values()), sum(wanted for _, wanted in counts.values())
        shown = (
            "The scores are revealed."
            if panel.revealed_at is not None
            else "Hidden from the room until the chair reveals them"
            + (" (r)." if window_may(self.app, "reveal_scores") else ".")
        )
        labels = screen.labels()
        staff = [p for p in screen.session.participants if p.id not in {m.id for m in scorers}]
        staff_words = (
            (
                " "
                + ", ".join(f"{labels[p.id]} ({p.role})" for p in staff)
                + (" does not score." if len(staff) == 1 else " do not score.")
            )
            if staff
            else ""
        )
        whose = (
            f"Your sheet, {labels[member.id]}"
            if screen.own_member() is not None
            else f"{labels[member.id]}'s sheet ({self.member_index + 1} of {len(scorers)} members; Page Down for the next)"
        )
        self.query_one("#sheet-line", Static).update(
            f"{whose}: {mine} of {wanted} entered. All sheets: {total[0]} of {total[1]}. {shown}{staff_words}",
            layout=layout,
        )
