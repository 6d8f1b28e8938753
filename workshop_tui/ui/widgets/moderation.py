"""The Moderation tab: after the reveal, one application at a time, its scores side by side. Digits on
a member's row change their score (with a reason); on the Agreed row they record the panel's agreed
score. Page Down talks through the next application."""

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabPane

from workshop_tui.core.panel_events import find_agreed, find_score
from workshop_tui.core.panel_views import (
    CLOSE_SCORES_REASON,
    Spread,
    leniency,
    near_the_line,
    ranking,
    spread,
    suggested_level,
)
from workshop_tui.core.wording import plural
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import pounds
from workshop_tui.ui.middle_cut import middle_cut
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.panel_tables import PanelTable, Rubric, criterion_heading, member_cell
from workshop_tui.ui.widgets.panel_window import panel_screen

AGREED_ROW, SUGGESTED_ROW, SPREAD_ROW = "agreed", "suggested", "spread"


class ModerationTable(PanelTable):
    """One application's scores side by side: members down, criteria across, then the spread,
    the suggested score and the agreed score. Digits on a member change their score (with a
    reason); digits on the agreed row record the panel's agreed score."""

    BINDINGS = [
        Binding(
            "pagedown",
            "application(1)",
            "Next application",
            id="next_application",
            tooltip="Talk through the next application",
        ),
        Binding(
            "pageup",
            "application(-1)",
            "Application back",
            id="previous_application",
            show=False,
            tooltip="Go back to the application before",
        ),
        Binding(
            "a",
            "agree_close",
            "Agree close ones",
            id="agree_close",
            tooltip="Agree the suggested score wherever members are within one level",
        ),
    ]

    LEVELS_TYPED = True

    def fill(self, panel: Panel, application: str, members: Iterable[tuple[str, str]], name_width: int = 20) -> None:
        keep = self.cursor_coordinate
        criteria = panel.round.criteria
        self.start(*(criterion_heading(c) for c in criteria))
        for member, label in members:
            # A long name cut in the middle, as on the score sheet: the table never scrolls sideways at 80 columns.
            self.add_row(
                *(member_cell(panel, member, application, c.id) for c in criteria),
                key=member,
                label=Text(middle_cut(label, name_width)),
            )
        spreads = [spread(panel, application, c.id) for c in criteria]
        self.add_row(*(_spread_words(s) if s else "no scores" for s in spreads), key=SPREAD_ROW, label=Text("Spread"))
        self.add_row(
            *(
                str(level) if (level := suggested_level(panel, application, c.id)) is not None else "–"
                for c in criteria
            ),
            key=SUGGESTED_ROW,
            label=Text("Middle score"),
        )
        agreed = [find_agreed(panel, application, c.id) for c in criteria]
        self.add_row(
            *((f"{a.level}, check" if a.to_check else str(a.level)) if a else "not yet" for a in agreed),
            key=AGREED_ROW,
            label=Text("Agreed", style="bold"),
        )
        if self.row_count:
            self.move_cursor(row=min(keep.row, self.row_count - 1), column=keep.column, animate=False)

    @property
    def tab(self) -> "ModerationTab":
        return self.screen.query_one(ModerationTab)

    # What the keys do.

    def action_application(self, step: int) -> None:
        tab = self.tab
        panel = panel_screen(self).panel
        order = tab.order() if panel and panel.revealed_at else []
        if order and tab.moderating in order:
            tab.moderating = order[(order.index(tab.moderating) + step) % len(order)]
            self.move_cursor(row=0, column=0, animate=False)
            tab.draw()

    def action_agree_close(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        moderating = self.tab.moderating
        if panel is None or panel.revealed_at is None or moderating is None:
            return
        done = 0
        for criterion in panel.round.criteria:
            found = spread(panel, moderating, criterion.id)
            level = suggested_level(panel, moderating, criterion.id)
            if found is None or found.flagged or level is None or find_agreed(panel, moderating, criterion.id):
                continue
            if screen.run(
                "agree_score",
                application=moderating,
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

    def typed_level(self, level: int | None) -> None:
        screen = panel_screen(self)
        under = self.criterion_typed_under()
        if under is None:
            return
        panel, criterion = under
        moderating = self.tab.moderating
        if not moderating:
            return
        row = self.chosen
        if row is None:
            return
        if row == AGREED_ROW:
            self._ask_agree(moderating, criterion, level)
        elif row in {p.id for p in screen.scorers()}:
            if find_score(panel, row, moderating, criterion) is None and not panel.has_interest(row, moderating):
                screen.run("enter_score", member=row, application=moderating, criterion=criterion, level=level)
                return
            self.ask_change(row, moderating, criterion, level)
        else:
            self.notify(
                "Type on a member's row to change their score, or on the Agreed row to agree one.",
                title="Not here",
                severity="warning",
            )

    def _ask_agree(self, application: str, criterion: str, level: int | None) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        assert panel is not None
        if level is None:
            self.notify("An agreed score needs a level: type a number.", title="Not now", severity="warning")
            return
        found = spread(panel, application, criterion)
        wanted = found is not None and found.flagged

        def attempt(reason: str) -> str:
            if found is not None and wanted and not reason.strip():
                return f"Members' scores were {found.words}, so please say why the panel agreed {level}."
            refused = screen.live.try_command(
                "agree_score", application=application, criterion=criterion, level=level, reason=reason
            )
            if not refused:  # on to the next criterion, as on a sheet
                self.move_cursor(column=min(self.cursor_column + 1, len(self.columns) - 1), animate=False)
            return refused

        question = f"The panel agrees {level} for '{panel.criterion(criterion).name}'. Why? " + (
            "(Members were far apart, so a reason is needed.)" if wanted else "(You may leave this empty.)"
        )
        names = [p.name for p in screen.session.participants if p.name]
        self.app.push_screen(TextPrompt(question, attempt=attempt, names=names))


def _spread_words(found: Spread) -> str:
    if found.lowest == found.highest:
        return f"all {found.lowest}"
    return f"{found.lowest}–{found.highest}" + (" apart" if found.flagged else "")


class ModerationTab(TabPane):
    """The application being talked through: a line about it, its scores side by side, and the rubric."""

    DEFAULT_CSS = """
    /* What each level of the criterion under the cursor means: as many lines always (the score sheet's
       tab sets it as it draws), so a move never lays the screen out again. */
    ModerationTab #moderation-rubric { height: 6; }
    """

    moderating: str | None = None  # the application being talked through
    _order: list[str] | None = None  # the order of moderation, once it starts

    def compose(self) -> ComposeResult:
        yield Static("", id="moderation-line", classes="panel-line", markup=False)
        yield ModerationTable(id="moderation-table", cursor_type="cell")
        yield Rubric("", id="moderation-rubric", classes="panel-line", markup=False)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        panel = panel_screen(self).panel
        if panel is not None:
            self.query_one(Rubric).show(self.query_one(ModerationTable), panel.round.criteria)

    def order(self) -> list[str]:
        """Near the funding line first, then where members are far apart, then the rest, in rank order.

        Worked out once, when moderation starts, and kept: an order that moved as scores were agreed
        would show some applications twice and skip others. (No application is added after the reveal.)
        """
        if self._order is None:
            self._order = self._order_now()
        return self._order

    def _order_now(self) -> list[str]:
        panel = panel_screen(self).panel
        assert panel is not None
        ranked = ranking(panel)
        near = near_the_line(ranked)

        def apart(application: str) -> int:
            return sum(1 for c in panel.round.criteria if (s := spread(panel, application, c.id)) and s.flagged)

        ids = [r.application.id for r in ranked if not r.application.withdrawn]  # nothing to talk through
        return sorted(ids, key=lambda a: (a not in near, apart(a) == 0, ids.index(a)))

    def draw(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        assert panel is not None  # drawn only once a round is open
        table = self.query_one(ModerationTable)
        line = self.query_one("#moderation-line", Static)
        if panel.revealed_at is None:
            table.clear(columns=True)
            line.update(
                "The scores are hidden until the chair reveals them (r on the Scores tab), so nobody is swayed by another's score."
            )
            return
        order = self.order()
        if not order:
            table.clear(columns=True)
            line.update("There are no applications in this round yet.")
            return
        moderating = self.moderating if self.moderating in order else order[0]
        self.moderating = moderating
        application = panel.application(moderating)
        labels = screen.labels()
        table.fill(panel, application.id, [(p.id, labels[p.id]) for p in screen.scorers()])
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
        screen = panel_screen(self)
        assert screen.panel is not None
        labels = screen.labels()
        said = [
            f"{labels.get(c.member, 'someone')}: {c.text}"
            for c in screen.panel.comments
            if c.application == application
        ]
        return (" Comments: " + " / ".join(said) + ".") if said else ""

    def _leniency_words(self) -> str:
        """How each member scores beside the rest, over the whole round, so a harsh or generous scorer shows."""
        screen = panel_screen(self)
        panel = screen.panel
        assert panel is not None
        labels = screen.labels()
        found = [(p, leniency(panel, p.id)) for p in screen.scorers()]
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
