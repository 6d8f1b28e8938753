"""What the panel's tabs share: the table each is built on, the rubric under a table of scores, the
counts of scores entered, and the words a cell shows. Each tab has a file of its own beside this one
(applications_list.py, declarations_list.py, score_sheet.py, moderation.py, ranking.py).

Words, never colour alone: "out" is a member who stepped out (declared an interest), "none" is
"no score", "·" is a score not entered yet.
"""

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static
from textual.widgets.data_table import CellDoesNotExist

from workshop_tui.core.panel_events import find_score
from workshop_tui.model.panel import Panel
from workshop_tui.model.participant import Participant
from workshop_tui.model.round import Criterion
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.panel_window import panel_screen

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


def entered(panel: Panel, scorers: list[Participant]) -> dict[str, tuple[int, int]]:
    """Per application: the scores entered so far, and how many there will be."""
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


def entered_by(panel: Panel, member: str) -> int:
    return sum(1 for s in panel.scores if s.member == member and s.withdrawn_at is None)


def wanted_of(panel: Panel, member: str) -> int:
    return sum(len(panel.round.criteria) for a in panel.open_applications() if not panel.has_interest(member, a.id))


class PanelTable(DataTable[Any]):
    """A table of the panel: its keys act on its own rows, as far as the window may (the screen's
    `check_action`, from core/roles.py); digits typed on it are passed to `typed_level`."""

    LEVELS_TYPED = False  # whether digits (and n) type a level here

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return panel_screen(self).check_action(action, parameters)

    def typed_level(self, level: int | None) -> None:
        """A digit (or n, for no score) typed on a table of scores."""

    def criterion_typed_under(self) -> tuple[Panel, str] | None:
        """The round and the criterion under the cursor, where a typed score goes; None when there is
        no round or row, or (said once) in the last column, which compares each member with the panel."""
        screen = panel_screen(self)
        panel = screen.panel
        if panel is None or not self.row_count:
            return None
        if self.cursor_coordinate.column >= len(panel.round.criteria):
            screen.say_once("This column compares each member with the panel. Type a score under a criterion.")
            return None
        return panel, panel.round.criteria[self.cursor_coordinate.column].id

    def ask_change(self, member: str, application: str, criterion: str, level: int | None) -> None:
        """A score changed after the reveal, on a sheet or in moderation: it needs a reason."""
        screen = panel_screen(self)
        assert screen.panel is not None
        name = screen.labels()[member]
        said = "no score" if level is None else str(level)
        question = (
            f"{name} changes their score for '{screen.panel.criterion(criterion).name}' to {said}. Why? "
            "(The first score is kept. The applicant's letter gives this reason.)"
        )
        names = [p.name for p in screen.session.participants if p.name]
        self.app.push_screen(
            TextPrompt(
                question,
                names=names,
                attempt=lambda reason: screen.live.try_command(
                    "change_score",
                    member=member,
                    application=application,
                    criterion=criterion,
                    level=level,
                    reason=reason,
                ),
            )
        )

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
            self.typed_level(None if event.character == "n" else int(event.character))
            return
        await super()._on_key(event)


class Rubric(Static):
    """Under a table of scores: what each level of the criterion under the cursor means."""

    def show(self, table: PanelTable, criteria: list[Criterion]) -> None:
        """The levels of the criterion under the cursor, in words, the score in that cell marked."""
        if not table.row_count:
            return
        column = table.cursor_coordinate.column
        if column >= len(criteria):
            return
        try:
            shown = str(table.get_cell_at(table.cursor_coordinate)).split(" ")[0]
        except CellDoesNotExist:  # a table being filled again: no cell yet
            shown = ""
        level = int(shown) if shown.isdigit() else None
        self.update(rubric_words(criteria[column], level, self.app.size.width - 2), layout=False)
