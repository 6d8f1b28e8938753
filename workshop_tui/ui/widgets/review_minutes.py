"""What the review's record tabs show of a past session: its notes, decisions and actions as the
minutes have them (export/minutes.py), and who was heard (core/heard.py). The review screen
(ui/screens/review.py) lays them out, one tab each."""

from collections.abc import Iterator, Sequence

from textual.widget import Widget
from textual.widgets import DataTable, Static

from workshop_tui.core.heard import who_has_been_heard
from workshop_tui.export.markdown_minutes import sections_markdown
from workshop_tui.export.minutes import Table, minutes_sections
from workshop_tui.model import Session
from workshop_tui.ui.widgets.fitted_table import Column, FittedTable, Row


def minutes_part(session: Session, part: str, later: Sequence[Session] = ()) -> str:
    """One part of the minutes ("notes", "decisions", "actions"), by its key, never by heading text."""
    return sections_markdown(
        [section for section in minutes_sections(session, later, who_typed=True) if section.part == part]
    )


# The minutes' actions table, in the order its columns matter: what is to be done goes on over lines
# beside who and by when, so neither a long state ("carried over to ... and done there") nor a narrow
# terminal squeezes it; what has no room is in the row's details (Enter).
ACTION_COLUMNS = {
    "What": Column("what", "What", wraps=True),
    "Who": Column("who", "Who"),
    "By when": Column("due", "By when"),
    "State": Column("state", "State", wraps=True),
    "Typed in": Column("typed_in", "Typed in"),
}


def action_widgets(session: Session, later: Sequence[Session]) -> Iterator[Widget]:
    """The minutes' actions: each heading, sentence and table of actions."""
    for section in minutes_sections(session, later, who_typed=True):
        if section.part != "actions":
            continue
        yield Static(section.heading, markup=False, classes="heading review-heading")
        for block in section.blocks:
            if isinstance(block, Table):
                columns = [ACTION_COLUMNS[label] for label in block.header]
                table = FittedTable(columns, "Action", classes="review-actions")
                table.show_rows(
                    [
                        Row(f"row{n}", {c.key: cell for c, cell in zip(columns, row, strict=True)})
                        for n, row in enumerate(block.rows)
                    ]
                )
                yield table
            else:
                yield Static(
                    block if isinstance(block, str) else "\n".join(block), markup=False, classes="review-words"
                )


class HeardTable(DataTable[str]):
    """Who was heard: each person, their role, how long they were there, their notes and dissent."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.session = session

    def on_mount(self) -> None:
        self.add_columns("Person", "Role", "There", "Notes", "Dissent")
        for heard in who_has_been_heard(self.session):
            # "-" for someone who never came: not the "0" of someone who was there and said nothing.
            came = heard.person.arrived_at is not None
            self.add_row(
                heard.label,
                heard.person.role,
                heard.there,
                str(heard.notes) if came else "-",
                str(heard.dissent) if came else "-",
            )
