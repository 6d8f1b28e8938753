"""The sessions browser: every session in the folder, sortable, with a search across them all."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from workshop_tui.core.session_summary import SessionLine, words_match
from workshop_tui.core.wording import plural
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session_now
from workshop_tui.store.sessions_index import SessionsIndex, search_words
from workshop_tui.ui.middle_cut import middle_cut
from workshop_tui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual import getters

    from workshop_tui.ui.screen_app import ScreenApp

COLUMNS = [
    ("date", "Date"),
    ("title", "Title"),
    ("plan", "Plan"),
    ("facilitator", "Facilitator"),
    ("length", "Length"),
    ("status", "Status"),
    ("notes", "Notes"),
    ("decisions", "Decisions"),
    ("open_actions", "Open actions"),
]
# Fixed widths: measuring every cell of a thousand rows to size the columns is the slow part. The
# title takes what room is left (at least TITLE_WIDTH), and a title longer than that is cut in the
# middle, so its end ("part 2 (Leeds)") still shows.
WIDTHS = {
    "date": 17,
    "title": 26,
    "plan": 20,
    "facilitator": 12,
    "length": 11,
    "status": len("finished (team)"),
    "notes": 5,
    "decisions": 9,
    "open_actions": 12,
}
TITLE_WIDTH = WIDTHS["title"]
# When not every column fits, what a person looks for comes right after the title, and the
# date is shorter; plan and facilitator are still there by scrolling right.
NARROW_ORDER = ["date", "title", "length", "status", "notes", "decisions", "open_actions", "plan", "facilitator"]
DATE_FORMATS = {"long": "%d %b %Y %H:%M", "short": "%d %b %y"}
SHORT_DATE = 9
# The table's cells have a cell of padding each side, and the table an edge each side.
CELL_PADDING, TABLE_EDGES = 2, 2


@dataclass(frozen=True)
class Layout:
    keys: list[str]  # the columns, in the order shown
    date_format: str  # "long" or "short"
    widths: dict[str, int]


def column_layout(screen_width: int) -> Layout:
    """The columns in the order to show them, the date format and each column's width, for a screen this wide."""
    room = screen_width - TABLE_EDGES
    keys = [key for key, _ in COLUMNS]

    def fits(shown: list[str], date_width: int) -> int:
        """The room left for the title once the other columns shown are in."""
        others = sum(WIDTHS[key] + CELL_PADDING for key in shown if key not in ("title", "date"))
        return room - others - (date_width + CELL_PADDING) - CELL_PADDING

    widths = dict(WIDTHS)
    spare = fits(keys, WIDTHS["date"]) - TITLE_WIDTH
    if spare >= 0:
        # Every column fits: the session's title has the room left first, then its plan's.
        widths["title"] += min(spare, 16)
        widths["plan"] += spare - min(spare, 16)
        return Layout(keys, "long", widths)
    first = NARROW_ORDER[: NARROW_ORDER.index("plan")]
    date_format = "long" if fits(first, WIDTHS["date"]) >= TITLE_WIDTH else "short"
    widths["date"] = WIDTHS["date"] if date_format == "long" else SHORT_DATE
    # The columns after the title that fit whole; the title has what is left over from them.
    used = widths["date"] + TITLE_WIDTH + 2 * CELL_PADDING
    for key in NARROW_ORDER[2:]:
        if used + WIDTHS[key] + CELL_PADDING > room:
            break
        used += WIDTHS[key] + CELL_PADDING
    widths["title"] = TITLE_WIDTH + max(room - used, 0)
    return Layout(NARROW_ORDER, date_format, widths)


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


# The table lists at most this many rows: a table measures every cell it holds, so a longer
# list would make opening and searching slow. Search and sort reach the rest.
MOST_ROWS = 200


class SessionsBrowser(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(ScreenApp)  # the app's own attributes, typed (see ui/screen_app.py)

    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Go back to the home screen"),
        Binding("slash,ctrl+f", "search", "Search", id="search", tooltip="Find text in titles, notes and decisions"),
        Binding("s", "sort_next", "Sort", id="sort", tooltip="Sort by the next column"),
    ]

    @dataclass
    class Loaded(Message):
        lines: list[SessionLine]
        from_the_team: set[str]  # the names of the files that came from the team's archive

    @dataclass
    class WordsRead(Message):
        words: dict[Path, str]

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[SessionLine] = []
        self.words: dict[Path, str] | None = None  # path -> searchable words, once read
        self._reading_words = False
        self.shown: list[SessionLine] = []  # the lines in the table, in its order
        self.sort_by = "date"
        self.newest_first = True
        self.column_order: Layout | None = None
        self.from_the_team: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search titles, notes and decisions (/ to come here)", id="search")
        yield DataTable(id="sessions", cursor_type="row")
        yield Static("", id="browser-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Past sessions"
        self.arrange_columns(self.app.size.width)
        self.query_one("#sessions", DataTable).loading = True
        self.load()

    def on_resize(self) -> None:
        if self.arrange_columns(self.size.width) and self.lines:
            self.show_lines()

    def arrange_columns(self, screen_width: int) -> bool:
        """Set the table's columns for this width; True if they changed."""
        layout = column_layout(screen_width)
        if layout == self.column_order:
            return False
        self.column_order = layout
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        labels = dict(COLUMNS)
        for key in layout.keys:
            table.add_column(labels[key], key=key, width=layout.widths[key])
        return True

    @work(thread=True, exclusive=True, group="browse")
    def load(self) -> None:
        from workshop_tui.store.team_archive import from_the_team

        self.post_message(
            self.Loaded(SessionsIndex(self.app.sessions_dir).lines(), from_the_team(self.app.sessions_dir))
        )

    @work(thread=True, exclusive=True, group="search-words")
    def read_words(self, lines: list[SessionLine]) -> None:
        # Only once someone searches: reading every file would slow the list for everyone else.
        self.post_message(self.WordsRead({line.path: search_words(line.path) for line in lines if not line.problem}))

    def on_sessions_browser_words_read(self, message: WordsRead) -> None:
        self.words = message.words
        if self.query_one("#search", Input).value.strip():
            self.show_lines()

    def on_sessions_browser_loaded(self, message: Loaded) -> None:
        self.lines = message.lines
        self.from_the_team = message.from_the_team
        self.query_one("#sessions", DataTable).loading = False
        self.show_lines()
        self.query_one("#sessions", DataTable).focus()

    def shown_lines(self) -> list[SessionLine]:
        words = self.query_one("#search", Input).value.strip()
        if self.words is None:  # still being read: titles only, for now
            lines = [line for line in self.lines if not words or words_match(line.title.lower(), words)]
        else:
            lines = [
                line
                for line in self.lines
                if not words or (line.path in self.words and words_match(self.words[line.path], words))
            ]
        return sorted(lines, key=SORT_KEYS[self.sort_by], reverse=self.newest_first)

    def show_lines(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        matching = self.shown_lines()
        self.shown = shown = matching[:MOST_ROWS]
        layout = self.column_order or column_layout(self.size.width)
        keys, when, widths = layout.keys, DATE_FORMATS[layout.date_format], layout.widths

        def cells(line: SessionLine) -> dict[str, object]:
            # Text, not str: a DataTable would read square brackets in a title as markup.
            return {
                "date": f"{line.started_at:{when}}" if line.started_at else "",
                "title": Text(middle_cut(line.title, widths["title"])),
                "plan": Text(middle_cut(line.plan, widths["plan"])),
                "facilitator": Text(middle_cut(line.facilitator, widths["facilitator"])),
                "length": plural(line.minutes, "minute") if line.minutes else "",
                # Why it cannot be read is said on Enter: it is longer than any column.
                # "(team)": it came from the team's archive, run on another laptop (the facilitator says who).
                "status": "cannot be read"
                if line.problem
                else line.status + (" (team)" if line.path.name in self.from_the_team else ""),
                "notes": str(line.notes),
                "decisions": str(line.decisions),
                "open_actions": str(line.open_actions),
            }

        # One batch of rows: adding a thousand rows one by one is much slower.
        table.add_rows([cells(line)[key] for key in keys] for line in shown)
        label = dict(COLUMNS)[self.sort_by].lower()
        order = "highest or newest first" if self.newest_first else "lowest or oldest first"
        if self.words is None and self.query_one("#search", Input).value.strip():
            more = " Searching titles only until the notes have been read."
        else:
            more = ""
        more += f" Showing the first {len(shown)}; search or sort to find others." if len(matching) > len(shown) else ""
        self.query_one("#browser-status", Static).update(
            f"{len(matching)} of {plural(len(self.lines), 'session')}, sorted by {label}, {order}. S sorts by the next column.{more}"
        )

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        if self.words is None and not self._reading_words:
            self._reading_words = True
            self.read_words(self.lines)
        self.show_lines()

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    @on(DataTable.HeaderSelected)
    def header_chosen(self, event: DataTable.HeaderSelected) -> None:
        self.sort_on(str(event.column_key.value))

    def sort_on(self, key: str) -> None:
        self.newest_first = (
            not self.newest_first
            if key == self.sort_by
            else key in ("date", "length", "notes", "decisions", "open_actions")
        )
        self.sort_by = key
        self.show_lines()

    @on(DataTable.RowSelected, "#sessions")
    def open_minutes(self, event: DataTable.RowSelected) -> None:

        from workshop_tui.ui.screens.review import ReviewScreen

        path = self.shown[event.cursor_row].path
        try:
            session = load_session_now(path, self.app.clock.now())
        except FileProblem as problem:
            self.notify(str(problem), title="This file cannot be read", severity="error", timeout=10)
            return
        self.app.push_screen(ReviewScreen(session, path))

    def action_sort_next(self) -> None:
        keys = [key for key, _ in COLUMNS]
        self.sort_on(keys[(keys.index(self.sort_by) + 1) % len(keys)])

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if self.app.screen_stack[-1] is self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
