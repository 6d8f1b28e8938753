"""The sessions browser: every session in the folder, sortable, with a search across them all."""

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from workshop_tui.core.session_summary import SessionLine, matches
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.sessions_folder import SessionsFolder

COLUMNS = [
    ("date", "Date"), ("title", "Title"), ("plan", "Plan"), ("facilitator", "Facilitator"),
    ("length", "Length"), ("status", "Status"), ("notes", "Notes"), ("decisions", "Decisions"),
    ("open_actions", "Open actions"),
]
SORT_KEYS = {
    "date": lambda line: line.started_at.isoformat() if line.started_at else "",
    "title": lambda line: line.title.lower(),
    "plan": lambda line: line.plan.lower(),
    "facilitator": lambda line: line.facilitator.lower(),
    "length": lambda line: line.minutes,
    "status": lambda line: line.status,
    "notes": lambda line: line.notes,
    "decisions": lambda line: line.decisions,
    "open_actions": lambda line: line.open_actions,
}


class SessionsBrowser(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("slash,ctrl+f", "search", "Search", tooltip="Find text in titles, notes and decisions"),
        Binding("s", "sort_next", "Sort", tooltip="Sort by the next column"),
    ]

    @dataclass
    class Loaded(Message):
        lines: list[SessionLine]
        sessions: dict

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[SessionLine] = []
        self.sessions: dict = {}
        self.sort_by = "date"
        self.newest_first = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search titles, notes and decisions (/ to come here)", id="search")
        yield DataTable(id="sessions", cursor_type="row")
        yield Static("", id="browser-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Past sessions"
        table = self.query_one("#sessions", DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.loading = True
        self.load()

    @work(thread=True, exclusive=True, group="browse")
    def load(self) -> None:
        lines, sessions = [], {}
        for path, found in SessionsFolder(self.app.sessions_dir).sessions():
            if isinstance(found, FileProblem):
                lines.append(SessionLine.damaged(path, str(found)))
            else:
                lines.append(SessionLine.of(path, found))
                sessions[path] = found
        self.post_message(self.Loaded(lines, sessions))

    def on_sessions_browser_loaded(self, message: Loaded) -> None:
        self.lines, self.sessions = message.lines, message.sessions
        self.query_one("#sessions", DataTable).loading = False
        self.show_lines()
        self.query_one("#sessions", DataTable).focus()

    def shown_lines(self) -> list[SessionLine]:
        words = self.query_one("#search", Input).value.strip()
        lines = [
            line for line in self.lines
            if not words or (line.path in self.sessions and matches(self.sessions[line.path], words))
        ]
        return sorted(lines, key=SORT_KEYS[self.sort_by], reverse=self.newest_first)

    def show_lines(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        shown = self.shown_lines()
        for line in shown:
            date = f"{line.started_at:%d %b %Y %H:%M}" if line.started_at else ""
            status = f"cannot be read: {line.problem}" if line.problem else line.status
            table.add_row(
                date, Text(line.title), Text(line.plan), Text(line.facilitator), f"{line.minutes} minutes" if line.minutes else "",
                Text(status), str(line.notes), str(line.decisions), str(line.open_actions), key=str(line.path),
            )
        label = dict(COLUMNS)[self.sort_by].lower()
        order = "highest or newest first" if self.newest_first else "lowest or oldest first"
        self.query_one("#browser-status", Static).update(
            f"{len(shown)} of {len(self.lines)} sessions, sorted by {label}, {order}. S sorts by the next column."
        )

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        self.show_lines()

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    @on(DataTable.HeaderSelected)
    def header_chosen(self, event: DataTable.HeaderSelected) -> None:
        self.sort_on(str(event.column_key.value))

    def sort_on(self, key: str) -> None:
        self.newest_first = not self.newest_first if key == self.sort_by else key in ("date", "length", "notes", "decisions", "open_actions")
        self.sort_by = key
        self.show_lines()

    @on(DataTable.RowSelected, "#sessions")
    def open_minutes(self, event: DataTable.RowSelected) -> None:
        from pathlib import Path

        from workshop_tui.ui.screens.review import ReviewScreen

        session = self.sessions.get(Path(str(event.row_key.value)))
        if session is None:
            line = next(line for line in self.lines if str(line.path) == event.row_key.value)
            self.notify(line.problem, title="This file cannot be read", severity="error", timeout=10)
            return
        self.app.push_screen(ReviewScreen(session, Path(str(event.row_key.value))))

    def action_sort_next(self) -> None:
        keys = [key for key, _ in COLUMNS]
        self.sort_on(keys[(keys.index(self.sort_by) + 1) % len(keys)])

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if self.app.screen_stack[-1] is self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
