"""Everything recorded so far, in four tabs: people, parking lot, actions and decisions."""

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import DataTable, TabbedContent, TabPane

from workshop_tui.core.decision_tally import tally
from workshop_tui.core.heard import who_has_been_heard
from workshop_tui.model import Session
from workshop_tui.ui.keys import TAB_KEYS
from workshop_tui.ui.screens.person_form import PersonForm
from workshop_tui.ui.widgets.fitted_table import Column, FittedTable, Row
from workshop_tui.ui.widgets.key_bar import KeyBar

# The columns in the order they matter: at 80 columns the text goes on over lines beside who, by
# when and the outcome, and what has no room is in the row's details (Enter).
PARKING_COLUMNS = [Column("point", "Point", wraps=True), Column("state", "State"), Column("time", "Time")]
ACTION_COLUMNS = [
    Column("what", "What", wraps=True),
    Column("who", "Who"),
    Column("due", "By when"),
    Column("done", "Done"),
    Column("from", "From"),
]
DECISION_COLUMNS = [
    Column("question", "Question", wraps=True),
    Column("outcome", "Outcome"),
    Column("method", "Method"),
    Column("time", "Time"),
    Column("counts", "Counts", wraps=True, least=30),
    Column("statement", "In words", in_table=False),
    Column("reasons", "Reasons", in_table=False),
    Column("dissent", "Dissent or concern", in_table=False),
]


def _time(moment: datetime | None) -> str:
    return f"{moment:%H:%M}" if moment else ""


class LiveSession(Protocol):
    """What the records screen uses of the live screen under it (ui/screens/live_records.py)."""

    @property
    def session(self) -> Session: ...

    def run_command(self, command: str, /, **args: Any) -> bool:
        """Carry out `command` (its details are checked by the session); False, and said, when it cannot be."""
        ...

    def ask_for_action(self, from_note: str = "", done: Callable[[], None] | None = None) -> None: ...


class RecordsScreen(ModalScreen[None]):
    """Changes go through the live screen, so they are events and are autosaved."""

    BINDINGS = [
        Binding("escape,r", "close", "Back to the session", id="back_to_session", tooltip="Go back to the session"),
        Binding("n", "new", "Add", id="add", tooltip="Add a person or an action"),
        Binding(
            "x",
            "left_or_arrived",
            "Left/arrived",
            id="left_or_arrived",
            tooltip="Mark the chosen person as arrived, left, or back again",
        ),
        Binding(
            "a",
            "action_from_note",
            "Make an action",
            id="point_to_action",
            tooltip="Turn the chosen parking-lot point into an action",
        ),
        Binding(
            "d", "dealt_with", "Dealt with", id="dealt_with", tooltip="Mark the chosen parking-lot point as dealt with"
        ),
        Binding(
            "space", "toggle_done", "Done/open", id="done_or_open", tooltip="Mark the chosen action done, or open again"
        ),
        # From a table too: its own Left and Right only scroll sideways, so the tabs would not move.
        *TAB_KEYS,
    ]

    TABS = ("people", "parking", "actions", "decisions")

    def __init__(self, live: LiveSession, tab: str = "people") -> None:
        super().__init__()
        self.live = live
        self.first_tab = tab

    @property
    def session(self) -> Session:
        return self.live.session

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=self.first_tab, id="records"):
            with TabPane("People", id="people"):
                yield DataTable(id="people-table", cursor_type="row")
            with TabPane("Parking lot", id="parking"):
                yield FittedTable(PARKING_COLUMNS, "Parking lot point", id="parking-table")
            with TabPane("Actions", id="actions"):
                yield FittedTable(ACTION_COLUMNS, "Action", id="actions-table")
            with TabPane("Decisions", id="decisions"):
                yield FittedTable(DECISION_COLUMNS, "Decision", id="decisions-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#people-table", DataTable).add_columns("Name", "Role", "Arrived", "Left", "Notes", "Dissent")
        self.refresh_tables()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # The tab on show now, not the one this message is about: with two quick presses of Right the
        # message of the first comes after the second, and focusing its table would pull that tab back.
        self.query_one(f"#{self.tab}-table", DataTable).focus()
        self.refresh_bindings()

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Each key belongs to one tab; the footer shows only the keys that work here.
        wanted = {
            "left_or_arrived": "people",
            "action_from_note": "parking",
            "dealt_with": "parking",
            "toggle_done": "actions",
        }
        if action in wanted:
            return self.tab == wanted[action]
        if action == "new":
            return self.tab in ("people", "actions")
        return True

    def action_move_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = self.TABS[(self.TABS.index(tabs.active) + step) % len(self.TABS)]

    def refresh_tables(self) -> None:
        """Fill every table again, each cursor staying on the row it was on (the same person, point,
        action or decision), so the next key press works on the row the user chose."""
        tables = [self.query_one(f"#{tab}-table", DataTable) for tab in self.TABS]
        kept = [
            (self.chosen(tab), table.cursor_row, table.scroll_offset)
            for tab, table in zip(self.TABS, tables, strict=True)
        ]
        self._fill_tables()
        for table, (key, row, (scroll_x, scroll_y)) in zip(tables, kept, strict=True):
            if table.row_count == 0:
                continue
            if key is not None and key in table.rows:
                row = table.get_row_index(key)
            table.scroll_to(scroll_x, scroll_y, animate=False, immediate=True)
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def _fill_tables(self) -> None:
        people = self.query_one("#people-table", DataTable)
        people.clear()
        for heard in who_has_been_heard(self.session):
            p = heard.person
            # Who is in the room is said in words, never by a colour alone: "not yet" come, "here", or when they left.
            arrived = _time(p.arrived_at) or "not yet"
            left = _time(p.left_at) or ("here" if p.here else "")
            people.add_row(Text(heard.label), p.role, arrived, left, str(heard.notes), str(heard.dissent), key=p.id)
        rows = []
        for note in self.session.notes:
            if note.kind == "parking" and note.removed_at is None:
                turned = any(a.from_note == note.id for a in self.session.actions)
                state = "dealt with" if note.dealt_with_at else "now an action" if turned else "open"
                rows.append(Row(note.id, {"time": _time(note.at), "point": note.text, "state": state}))
        self.query_one("#parking-table", FittedTable).show_rows(rows)
        rows = []
        for action in self.session.actions:
            rows.append(
                Row(
                    action.id,
                    {
                        "done": "✓ done" if action.done_at else "open",
                        "what": action.text,
                        "who": action.owner,
                        "due": f"{action.due:%d %b %Y}" if action.due else "",
                        "from": "carried over" if action.carried_from else "this session",
                    },
                )
            )
        self.query_one("#actions-table", FittedTable).show_rows(rows)
        rows = []
        for decision in self.session.decisions:
            rows.append(
                Row(
                    decision.id,
                    {
                        "time": _time(decision.at),
                        "question": decision.question,
                        "method": decision.method,
                        "outcome": decision.outcome,
                        "counts": tally(decision, self.session.plan.quorum).summary,
                        "statement": decision.statement,
                        "reasons": decision.reasons,
                        "dissent": decision.dissent,
                    },
                )
            )
        self.query_one("#decisions-table", FittedTable).show_rows(rows)

    def chosen(self, table_id: str) -> str | None:
        table = self.query_one(f"#{table_id}-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def run(self, command: str, /, **args: Any) -> None:
        if self.live.run_command(command, **args):
            self.refresh_tables()

    def action_close(self) -> None:
        self.dismiss()

    def action_new(self) -> None:
        if self.tab == "people":

            def added(answer: tuple[str, str, bool] | None) -> None:
                if answer:
                    name, role, arrived = answer
                    self.run("add_person", name=name, role=role, arrived=arrived)

            self.app.push_screen(PersonForm(), added)
        else:
            self.live.ask_for_action(done=self.refresh_tables)

    def action_left_or_arrived(self) -> None:
        person_id = self.chosen("people")
        if person_id is None:
            return
        person = next(p for p in self.session.participants if p.id == person_id)
        self.run("person_left" if person.here else "person_arrived", person_id=person_id)

    def action_action_from_note(self) -> None:
        note_id = self.chosen("parking")
        if note_id:
            self.live.ask_for_action(from_note=note_id, done=self.refresh_tables)

    def action_dealt_with(self) -> None:
        note_id = self.chosen("parking")
        if note_id:
            self.run("note_dealt_with", note_id=note_id)

    def action_toggle_done(self) -> None:
        action_id = self.chosen("actions")
        if action_id:
            self.run("toggle_action", action_id=action_id)
