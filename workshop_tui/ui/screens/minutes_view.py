"""A past session's minutes, to read on screen."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, MarkdownViewer

from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.model import Session


class MinutesView(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        yield MarkdownViewer(markdown_minutes(self.session), show_table_of_contents=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.title
        self.sub_title = "Minutes"
