"""The panel's tables: a member's score sheet, the moderation of one application, the ranking,
the applications and the declarations. Each draws from the session and asks its screen to act.

Words, never colour alone: "out" is a member who stepped out (declared an interest), "none" is
"no score", "·" is a score not entered yet.
"""

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from workshop_tui.core.panel_events import find_agreed, find_score
from workshop_tui.core.panel_views import as_decided, spread, suggested_level
from workshop_tui.export.panel_facts import weighted_words
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import Criterion
from workshop_tui.ui.middle_cut import middle_cut

STEPPED_OUT, NO_SCORE, NOT_ENTERED = "out", "none", "·"
LEGEND = (
    f"'{NO_SCORE}' is no score, '{STEPPED_OUT}' stepped out (declared an interest), '{NOT_ENTERED}' not entered yet."
)


def short(words: str, width: int) -> str:
    """A heading or a line of the rubric cut to `width`, ending in "…" if cut. A name (an organisation,
    a project, a person) is cut in the middle instead (`middle_cut`), so its end still shows."""
    return words if len(words) <= width else words[: width - 1] + "…"


def criterion_heading(criterion: Criterion) -> str:
    # At least as wide as "none", the widest word a score typed on a sheet shows without a new layout.
    return short(criterion.heading, 12).ljust(len(NO_SCORE))


def criteria_words(criteria: Iterable[Criterion]) -> str:
    """What each column heading stands for, and its weight: "Need: Meets a real need (counts 3 times)"."""
    return "; ".join(f"{c.heading}: {c.name} (×{c.weight})" for c in criteria) + "."


def rubric_words(criterion: Criterion, level: int | None, width: int = 80) -> str:
    """What each level of a criterion means, one line each, the one in the cell marked in words (never
    colour alone). Each line is cut to `width`, so the rubric's height never changes as the cursor moves."""
    lines = [
        short(f"{criterion.heading}: {criterion.name} (counts ×{criterion.weight}). What each score means:", width)
    ]
    for offset, words in enumerate(criterion.levels):
        value = criterion.lowest + offset
        mark = " ← this score" if value == level else ""
        lines.append(short(f"{'>' if mark else ' '} {value} {words}", width - len(mark)) + mark)
    return "\n".join(lines)


def member_cell(panel: Panel, member: str, application: str, criterion: str) -> str:
    if panel.has_interest(member, application):
        return STEPPED_OUT
    score = find_score(panel, member, application, criterion)
    if score is None:
        return NOT_ENTERED
    shown = NO_SCORE if score.level is None else str(score.level)
    if score.earlier:
        was = score.earlier[0].level
        shown += f" (was {NO_SCORE if was is None else was})"
    return shown


class PanelTable(DataTable):
    """A table whose keys are done by the panel screen; digits are passed to `typed_level`."""

    LEVELS_TYPED = False  # whether digits (and n) type a level here

    @property
    def chosen(self) -> str | None:
        """The key of the row the cursor is on."""
        if not self.row_count:
            return None
        return str(self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value)

    def set_quietly(self, row_key: str, column: int, value: str) -> None:
        """Put a new value in one cell and redraw only its row.

        DataTable.update_cell would draw every cell on screen again (it changes the count every
        render cache is keyed on), which costs a typist tens of milliseconds a key. Here the value
        is set, the cached drawings of that row are dropped, and only the row is refreshed.
        """
        row = self.get_row_index(row_key)
        found_row = self._row_locations.get_key(row)
        found_column = self._column_locations.get_key(column)
        if found_row is None or found_column is None:
            return
        self._data[found_row][found_column] = value
        for cell in [k for k in self._cell_render_cache.keys() if k[0] == found_row and k[1] == found_column]:  # noqa: SIM118 (a cache, not a dict)
            self._cell_render_cache.discard(cell)
        for line in [k for k in self._row_render_cache.keys() if k[0] == found_row]:  # noqa: SIM118
            self._row_render_cache.discard(line)
        self._row_renderable_cache.discard((self._update_count, row))
        self._line_cache.clear()
        self.refresh_row(row)

    def keep_row(self, row: int) -> None:
        """After filling again, the cursor back on the row it was on (or the last)."""
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    # Columns whose words change as the panel works ("not yet" becomes "fund in full"): wide enough for
    # every word they can hold, as an auto width measured before a change can leave it cut.
    WIDTHS: dict[str, int] = {}

    def start(self, *headings: str, widths: dict[str, int] | None = None) -> None:
        """Empty the table for filling again; its columns stay if they are the same, so their widths
        and the table's place do not jump about on every change. `widths` fixes columns' widths for this
        fill (a column measured from its cells once kept the width of an earlier, emptier fill)."""
        wanted = {**self.WIDTHS, **(widths or {})}
        same = tuple(str(c.label) for c in self.ordered_columns) == headings and all(
            c.width == wanted[str(c.label)] for c in self.ordered_columns if str(c.label) in wanted
        )
        if same:
            self.clear()
        else:
            self.clear(columns=True)
            for heading in headings:
                self.add_column(heading, width=wanted.get(heading))

    # Moved here, in the order keys arrive: a binding's action can run after a digit typed just
    # behind it, so a quick "Down 4" would score the row the cursor was leaving.
    MOVES = {"up": "cursor_up", "down": "cursor_down", "left": "cursor_left", "right": "cursor_right"}

    async def _on_key(self, event: events.Key) -> None:
        if self.LEVELS_TYPED and event.key in self.MOVES:
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{self.MOVES[event.key]}")()
            return
        if self.LEVELS_TYPED and event.character is not None and (event.character.isdigit() or event.character == "n"):
            event.stop()
            event.prevent_default()
            self.screen.typed_level(self, None if event.character == "n" else int(event.character))  # type: ignore[attr-defined]
            return
        await super()._on_key(event)


class ScoreSheet(PanelTable):
    """One member's paper sheet: applications down, criteria across. Digits score, n is no score."""

    BINDINGS = [
        Binding(
            "pagedown", "screen.member(1)", "Next member", id="next_member", tooltip="Show the next member's sheet"
        ),
        Binding(
            "pageup",
            "screen.member(-1)",
            "Member back",
            id="previous_member",
            show=False,
            tooltip="Show the previous member's sheet",
        ),
        Binding(
            "r",
            "screen.reveal",
            "Reveal",
            id="reveal",
            tooltip="Reveal every member's scores to the room, for moderation",
        ),
        Binding(
            "c",
            "screen.comment",
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

    def step_on(self, may_score=lambda application: True) -> None:
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


AGREED_ROW, SUGGESTED_ROW, SPREAD_ROW = "agreed", "suggested", "spread"


class ModerationTable(PanelTable):
    """One application's scores side by side: members down, criteria across, then the spread,
    the suggested score and the agreed score. Digits on a member change their score (with a
    reason); digits on the agreed row record the panel's agreed score."""

    BINDINGS = [
        Binding(
            "pagedown",
            "screen.application(1)",
            "Next application",
            id="next_application",
            tooltip="Talk through the next application",
        ),
        Binding(
            "pageup",
            "screen.application(-1)",
            "Application back",
            id="previous_application",
            show=False,
            tooltip="Go back to the application before",
        ),
        Binding(
            "a",
            "screen.agree_close",
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


def _spread_words(found) -> str:
    if found.lowest == found.highest:
        return f"all {found.lowest}"
    return f"{found.lowest}–{found.highest}" + (" apart" if found.flagged else "")


FUNDING_LINE = "funding-line"
DECISION_WORDS = {
    "fund in full": "fund in full",
    "fund a smaller amount": "fund less",
    "defer": "defer",
    "decline": "decline",
    "refer to the funder": "to funder",
}
AWARD_KEYS = {
    "fund in full": "f",
    "fund a smaller amount": "s",
    "defer": "d",
    "decline": "x",
    "refer to the funder": "e",
}


class RankingTable(PanelTable):
    """The ranking against the pot, with the funding line drawn where the money runs out."""

    WIDTHS = {
        "Decision": len("fund in full"),
        "Money": len("below a pass mark"),
        "Scores entered": len("Scores entered"),
    }

    BINDINGS = [
        Binding(
            "f",
            "screen.award('fund in full')",
            "Fund",
            id="fund_in_full",
            tooltip="Fund the chosen application in full",
        ),
        Binding(
            "s",
            "screen.award('fund a smaller amount')",
            "Smaller",
            id="fund_smaller",
            tooltip="Fund the chosen application with a smaller amount",
        ),
        Binding("d", "screen.award('defer')", "Defer", id="defer", tooltip="Defer the chosen application"),
        Binding("x", "screen.award('decline')", "Decline", id="decline", tooltip="Decline the chosen application"),
        Binding(
            "e",
            "screen.award('refer to the funder')",
            "To the funder",
            id="refer_to_funder",
            show=False,
            tooltip="Refer the chosen application to the funder, with a reason: when every member stepped out of it",
        ),
        Binding(
            "t",
            "screen.order_tie",
            "Order a tie",
            id="order_tie",
            show=False,
            tooltip="Put the chosen application first among those tied with it, with the panel's reason",
        ),
        Binding(
            "p",
            "screen.change_pot",
            "Change the pot",
            id="change_pot",
            show=False,
            tooltip="Change how much is in the pot, with a reason",
        ),
    ]

    def fill(self, panel: Panel, ranked, revealed: bool, entered: dict[str, tuple[int, int]], width: int = 80) -> None:
        keep = self.cursor_row
        asked = max([len("Asked"), *(len(_money(a.amount_pence)) for a in panel.round.applications)])
        if not revealed:
            # The name takes what the other columns leave (each column has a space either side, and a scroll bar).
            name_width = max(12, width - (asked + len("Scores entered") + len("hidden") + 4 * 2 + 4))
            self.start(
                "Application",
                "Asked",
                "Scores entered",
                "Score",
                widths={"Application": name_width, "Asked": asked, "Score": len("hidden")},
            )
            for application in panel.round.applications:
                done, wanted = entered[application.id]
                self.add_row(
                    middle_cut(application.organisation, name_width),
                    _money(application.amount_pence),
                    "withdrawn" if application.withdrawn else f"{done} of {wanted}",
                    "hidden",
                    key=application.id,
                )
        else:
            name_width = max(
                12,
                width
                - (len("1 tied") + asked + len("Score") + self.WIDTHS["Decision"] + self.WIDTHS["Money"] + 6 * 2 + 2),
            )
            self.start(
                "Place",
                "Application",
                "Asked",
                "Score",
                "Decision",
                "Money",
                widths={"Place": len("1 tied"), "Application": name_width, "Asked": asked, "Score": len("Score")},
            )
            line_drawn = False
            for row in as_decided(panel, ranked):
                r, award = row.ranked, row.award
                if not line_drawn and r.place is not None and not row.above_the_line:
                    self.add_row("──", Text("─ funding line ─"), "──", "──", "──", "──", key=FUNDING_LINE)
                    line_drawn = True
                place = "–" if r.place is None else f"{r.place}" + (" tied" if r.tied else "")
                score = "–" if r.weighted is None else _score(r.weighted)
                decision = (
                    "not yet"
                    if award is None
                    else "to confirm"
                    if award.to_confirm
                    else DECISION_WORDS.get(award.outcome, award.outcome)
                )
                money = row.money_words.replace(" the money left", "")
                if r.place is None and row.award is None:  # the whole reason is in the report; here, its gist
                    money = (
                        "withdrawn"
                        if r.application.withdrawn
                        else "below a pass mark"
                        if "pass mark" in r.why_not_ranked
                        else "not all scored"
                    )
                self.add_row(
                    place,
                    middle_cut(r.application.organisation, name_width),
                    _money(r.application.amount_pence),
                    score,
                    decision,
                    money,
                    key=r.application.id,
                )
        self.keep_row(keep)
        if super().chosen == FUNDING_LINE:
            self.move_cursor(row=min(self.cursor_row + 1, self.row_count - 1), animate=False)

    @property
    def chosen(self) -> str | None:
        key = super().chosen
        return None if key == FUNDING_LINE else key

    # The funding line is drawn, never chosen: the cursor steps over it.
    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        if super().chosen == FUNDING_LINE:
            if self.cursor_row + 1 < self.row_count:
                super().action_cursor_down()
            else:
                super().action_cursor_up()

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        if super().chosen == FUNDING_LINE:
            if self.cursor_row > 0:
                super().action_cursor_up()
            else:
                super().action_cursor_down()


def _money(pence: int) -> str:
    from workshop_tui.model.round import pounds

    return pounds(pence)


def _score(weighted) -> str:
    return weighted_words(weighted)  # one place, halves up, as the report says it


class ApplicationsTable(PanelTable):
    BINDINGS = [
        Binding("n", "screen.add_application", "Add", id="add_application", tooltip="Type in an application"),
        Binding(
            "i",
            "screen.import_applications",
            "Import",
            id="import_applications",
            tooltip="Import applications from a CSV file",
        ),
        Binding(
            "enter",
            "screen.show_application",
            "Details",
            id="show_application",
            tooltip="Show the chosen application's summary and where the whole of it is",
        ),
        Binding(
            "e",
            "screen.edit_application",
            "Correct",
            id="edit_application",
            tooltip="Correct the chosen application's details, with a reason",
        ),
        Binding(
            "w",
            "screen.withdraw_application",
            "Withdraw",
            id="withdraw_application",
            tooltip="Withdraw the chosen application, with a reason: it stays in the record",
        ),
        Binding(
            "delete",
            "screen.remove_application",
            "Remove",
            id="remove_application",
            show=False,
            tooltip="Remove the chosen application, added by mistake, before anyone scores it",
        ),
        Binding(
            "u",
            "screen.undo_import",
            "Undo import",
            id="undo_import",
            show=False,
            tooltip="Take out every application the last import added, until scoring starts",
        ),
    ]

    def fill(self, panel: Panel, width: int = 80) -> None:
        keep = self.cursor_row
        # The amount is never cut; the names share what is left of the screen (after the other columns,
        # a space either side of each of the five, and a scroll bar).
        asked = max([len("Asked"), *(len(_money(a.amount_pence)) for a in panel.round.applications)])
        names = max(12, (width - (3 + asked + 14 + 5 * 2 + 2) + 4) // 2)
        self.start(
            "No.",
            "Organisation",
            "Project",
            "Asked",
            "Area",
            widths={"No.": 3, "Organisation": names, "Project": names - 4, "Asked": asked, "Area": 14},
        )
        for number, a in enumerate(panel.round.applications, start=1):
            self.add_row(
                str(number),
                Text(middle_cut(a.organisation, names)),
                Text(middle_cut(a.project, names - 4)),
                _money(a.amount_pence),
                Text("withdrawn" if a.withdrawn else middle_cut(a.area, 14)),
                key=a.id,
            )
        self.keep_row(keep)


class DeclarationsTable(PanelTable):
    WIDTHS = {"Declared": max(len("no interests"), len("not scoring"), len("10 interests"))}
    BINDINGS = [
        Binding(
            "i",
            "screen.declare_interest",
            "Interest",
            id="declare_interest",
            tooltip="Record the chosen member's link to an applicant",
        ),
        Binding(
            "n",
            "screen.declare_none",
            "No interests",
            id="declare_none",
            tooltip="Record that the chosen member has no links to declare",
        ),
        Binding(
            "u",
            "screen.undo_declaration",
            "Undo one",
            id="undo_declaration",
            tooltip="Undo the chosen member's last declaration, made in error, with a reason",
        ),
        Binding(
            "enter",
            "screen.show_declarations",
            "In full",
            id="show_declarations",
            show=False,
            tooltip="Show the chosen member's declarations in full",
        ),
    ]

    def fill(self, panel: Panel, people, width: int = 80) -> None:
        keep = self.cursor_row
        who = max([len("Who"), *(len(label) for _, label, _ in people)])
        who = min(who, 24)
        role = max([len("Role"), *(len(person.role) for person, _, _ in people)])
        links = max(16, width - (who + role + self.WIDTHS["Declared"] + 4 * 2 + 4))
        self.start("Who", "Role", "Declared", "Links to", widths={"Who": who, "Role": role, "Links to": links})
        names = {a.id: a.organisation for a in panel.round.applications}
        for person, label, scores in people:
            mine = [d for d in panel.declarations if d.member == person.id]
            links_of = [d for d in mine if d.application]
            said = (
                (f"{len(links_of)} interest" + ("s" if len(links_of) != 1 else ""))
                if links_of
                else "no interests"
                if mine
                else "not yet"
            )
            if not scores and not mine:
                said = "not scoring"  # staff and facilitators declare too, when they have a link
            self.add_row(
                Text(middle_cut(label, who)),
                person.role,
                said,
                Text(short("; ".join(f"{names[d.application]}: {d.interest}" for d in links_of), links)),
                key=person.id,
            )
        self.keep_row(keep)
