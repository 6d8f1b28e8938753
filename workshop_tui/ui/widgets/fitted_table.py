"""A table that fits its width: the columns that matter first, long words going on over lines, and
every field of the chosen row on Enter.

A narrow terminal (80 columns) cannot show every column of a record at its full width. Instead of
cutting words, or columns a user must scroll to (the records screen's Left and Right change tabs),
the columns are given in the order they matter: each one that fits is shown whole, a long text goes on
over lines, and the ones left out are in the row's details (Enter).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from workshop_tui.ui.screens.row_details import RowDetails


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    wraps: bool = False  # long words go on over lines in this column (the text of a note, an action)
    least: int = 20  # a column that wraps is shown only if it can have this many cells
    in_table: bool = True  # False: a field of the row's details only


@dataclass(frozen=True)
class Row:
    key: str
    cells: dict[str, str]


def layout(columns: Sequence[Column], rows: Sequence[Row], room: int, padding: int) -> list[tuple[Column, int]]:
    """The columns to show, in their order, with their widths, in `room` cells.

    Each column that does not wrap is as wide as its longest cell (or its label). The columns are
    taken in order while they fit; one that wraps needs `least` cells (or its longest cell, if less).
    What is left is shared among the columns that wrap, up to their longest cell."""

    def natural(column: Column) -> int:
        return max([cell_len(column.label), *(cell_len(row.cells.get(column.key, "")) for row in rows)])

    widths: dict[str, int] = {}
    used = 0
    for column in columns:
        if not column.in_table:
            continue
        need = min(natural(column), max(column.least, cell_len(column.label))) if column.wraps else natural(column)
        if used + need + padding <= room:
            widths[column.key] = need
            used += need + padding
    spare = room - used
    for column in columns:
        if column.wraps and column.key in widths and spare > 0:
            more = min(spare, natural(column) - widths[column.key])
            widths[column.key] += more
            spare -= more
    return [(column, widths[column.key]) for column in columns if column.key in widths]


class FittedTable(DataTable[Text]):
    """Rows of words in the columns that fit; Enter shows the chosen row whole, every column."""

    BINDINGS = [Binding("enter", "details", "Details", id="row_details", tooltip="Show every field of the chosen row")]

    # The table's edges and room for its scroll bar.
    EDGES = 2

    def __init__(
        self, columns: Sequence[Column], heading: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(cursor_type="row", id=id, classes=classes)
        self.fitted_columns = list(columns)
        self.heading = heading  # what a row is, for its details: "Action", "Decision"
        self.fitted_rows: list[Row] = []
        self._shown_layout: list[tuple[Column, int]] | None = None

    def show_rows(self, rows: Sequence[Row]) -> None:
        """Fill the table again with these rows, the columns laid out for them."""
        self.fitted_rows = list(rows)
        self._refill()

    def on_resize(self) -> None:
        if self.fitted_rows or self._shown_layout is None:
            self._refill()

    def _refill(self) -> None:
        room = max(self.size.width - self.EDGES, 0) or self.app.size.width - self.EDGES
        columns = layout(self.fitted_columns, self.fitted_rows, room, 2 * self.cell_padding)
        if columns != self._shown_layout:
            self.clear(columns=True)
            for column, width in columns:
                self.add_column(column.label, key=column.key, width=width)
            self._shown_layout = columns
        else:
            self.clear()
        for row in self.fitted_rows:
            long = any(column.wraps and cell_len(row.cells.get(column.key, "")) > width for column, width in columns)
            # Text, not str: a DataTable would read square brackets in what was typed as markup.
            self.add_row(
                *(Text(row.cells.get(column.key, "")) for column, _ in columns), key=row.key, height=None if long else 1
            )

    def chosen_row(self) -> Row | None:
        if not self.fitted_rows or not 0 <= self.cursor_row < len(self.fitted_rows):
            return None
        return self.fitted_rows[self.cursor_row]

    def action_details(self) -> None:
        row = self.chosen_row()
        if row is not None:
            fields = [(column.label, row.cells.get(column.key, "")) for column in self.fitted_columns]
            self.app.push_screen(RowDetails(self.heading, fields))
