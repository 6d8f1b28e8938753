"""Reviewing a past session: how the time went, what was said and decided, and a replay.

What the record tabs show (the minutes' notes, decisions and actions, who was heard) is
ui/widgets/review_minutes.py; the replay is ui/widgets/replay_panel.py.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Markdown, Static, TabbedContent, TabPane

from workshop_tui.core.review import timing_chart
from workshop_tui.core.session_engine import NotNow
from workshop_tui.model import Session
from workshop_tui.store.open_session import OpenSession, SaveState
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.sessions_folder import SessionsFolder
from workshop_tui.ui.keys import TAB_KEYS
from workshop_tui.ui.screens.comment_form import CommentForm
from workshop_tui.ui.screens.export_form import ExportForm
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.key_bar import KeyBar
from workshop_tui.ui.widgets.replay_panel import SPEEDS, ReplayPanel
from workshop_tui.ui.widgets.review_minutes import HeardTable, action_widgets, minutes_part
from workshop_tui.ui.window_rights import window_may, window_refusal

if TYPE_CHECKING:
    from textual import getters

    from workshop_tui.ui.screen_app import ScreenApp

PLAY_TICK = 0.25  # seconds between replay frames while playing


class ReviewScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(ScreenApp)  # the app's own attributes, typed (see ui/screen_app.py)

    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Close the review and go back"),
        Binding(
            "c",
            "comment",
            "Comment",
            id="comment",
            tooltip="Add a trainer's comment on a step or decision (kept apart from the record)",
        ),
        Binding(
            "x",
            "export",
            "Export",
            id="export",
            tooltip="Export the minutes (Markdown or web page), the tables (CSV) or all the data (JSON)",
        ),
        Binding("space", "play", "Play/pause", id="play", tooltip="Replay: play or pause"),
        # The footer keeps to what a person needs first, so it fits at 80 columns; the rest are in F1 and Ctrl+P.
        Binding("n", "next_event", "Next event", id="next_event", show=False, tooltip="Replay: the next event"),
        Binding(
            "p",
            "previous_event",
            "Previous event",
            id="previous_event",
            show=False,
            tooltip="Replay: the previous event",
        ),
        Binding("1", "speed(1)", "1x", id="real_speed", show=False, tooltip="Replay at real speed"),
        Binding("2", "speed(10)", "10x", id="ten_times", show=False, tooltip="Replay ten times as fast"),
        Binding("3", "speed(60)", "60x", id="sixty_times", show=False, tooltip="Replay sixty times as fast"),
        Binding("j", "jump", "Jump", id="jump", show=False, tooltip="Replay: jump to a time, such as 10:45"),
        # From the "Who was heard" table too: its own Left and Right only scroll sideways (as in the records screen).
        *TAB_KEYS,
    ]

    # Each tab fills the screen and scrolls on its own (Up, Down, PgUp, PgDn, Home, End, the mouse wheel),
    # and the tab on show takes the keys, so a long "The panel's work" can be read to its end.
    DEFAULT_CSS = """
    ReviewScreen #review > ContentSwitcher { height: 1fr; }
    ReviewScreen #review TabPane { height: 1fr; padding: 0; }
    ReviewScreen .tab-scroll { height: 1fr; }
    ReviewScreen .tab-scroll > Markdown { padding: 0 1; }
    ReviewScreen .review-heading { margin: 1 0; }
    ReviewScreen .review-words { padding: 0 1; }
    ReviewScreen .review-actions { height: auto; margin: 0 1; }
    """

    TABS = ("summary", "notes-tab", "decisions-tab", "actions-tab", "heard-tab", "replay", "comments-tab")

    def __init__(self, session: Session, path: Path) -> None:
        super().__init__()
        self.session, self.path = session, path
        # The sessions that follow on from this one (part 2): what became of its actions there.
        self.later = SessionsFolder(Path(path).parent).followers_of(Path(path))

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="review"):
            with TabPane("Summary", id="summary"), VerticalScroll(classes="tab-scroll"):
                yield Static("\n".join(timing_chart(self.session)), markup=False, id="timing-chart")
            with TabPane("Notes", id="notes-tab"), VerticalScroll(classes="tab-scroll"):
                yield Markdown(minutes_part(self.session, "notes"))
            with TabPane("Decisions", id="decisions-tab"), VerticalScroll(classes="tab-scroll"):
                yield Markdown(minutes_part(self.session, "decisions"))
            with TabPane("Actions", id="actions-tab"), VerticalScroll(classes="tab-scroll"):
                yield from action_widgets(self.session, self.later)
            with TabPane("Who was heard", id="heard-tab"):
                yield HeardTable(self.session, id="heard-table")
            with TabPane("Replay", id="replay"), VerticalScroll(classes="tab-scroll"):
                yield ReplayPanel(self.session, id="replay-panel")
            with TabPane("Comments", id="comments-tab"), VerticalScroll(classes="tab-scroll"):
                yield Static("", markup=False, id="comments")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.session.title
        self.sub_title = "Review"
        self.show_comments()
        self.set_interval(PLAY_TICK, self.play_tick)
        self.focus_tab()

    def action_move_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = self.TABS[(self.TABS.index(tabs.active) + step) % len(self.TABS)]

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.focus_tab()

    def focus_tab(self) -> None:
        """The keys go to the tab on show now (a later key may have moved on already, see RecordsScreen):
        its table, or the scrolling part that holds its text."""
        active = self.query_one(TabbedContent).active
        if active == "heard-tab":
            self.query_one("#heard-table", DataTable).focus()
        elif active == "actions-tab" and self.query(".review-actions"):
            self.query(".review-actions").first().focus()  # Enter shows the chosen action whole
        elif active:
            self.query_one(f"#{active} .tab-scroll", VerticalScroll).focus()

    @property
    def replay(self) -> ReplayPanel:
        return self.query_one("#replay-panel", ReplayPanel)

    def show_comments(self) -> None:
        targets = {s.id: f"step '{s.title}'" for s in self.session.steps}
        targets |= {d.id: f"decision '{d.question}'" for d in self.session.decisions}
        lines = [f"{c.at:%d %b %H:%M} on {targets.get(c.on, c.on)}: {c.text}" for c in self.session.comments]
        self.query_one("#comments", Static).update("\n".join(lines) or "No comments yet. Press c to add one.")

    # Replay.

    def play_tick(self) -> None:
        if self.replay.playing:
            self.replay.advance(PLAY_TICK * self.replay.speed)

    def action_play(self) -> None:
        self.query_one(TabbedContent).active = "replay"
        self.replay.playing = not self.replay.playing
        self.replay.watch_moment()

    def action_speed(self, speed: int) -> None:
        self.replay.speed = speed if speed in SPEEDS else 1
        self.replay.watch_moment()

    def action_next_event(self) -> None:
        self.query_one(TabbedContent).active = "replay"
        self.replay.next_event()

    def action_previous_event(self) -> None:
        self.query_one(TabbedContent).active = "replay"
        self.replay.previous_event()

    def action_jump(self) -> None:
        def jump(text: str | None) -> None:
            if text is None:
                return
            try:
                hours, minutes_ = (int(part) for part in text.strip().split(":"))
                moment = self.replay.start.replace(hour=hours, minute=minutes_, second=0, microsecond=0)
            except ValueError:
                self.notify("Write the time like 10:45.", title="Not a time", severity="warning")
                return
            self.query_one(TabbedContent).active = "replay"
            # A time outside the session stays where it was and says so: going to the nearest end would look
            # like the answer, and a mistyped hour would lose the trainer's place.
            outside = self.replay.jump_to(moment)
            if outside:
                self.notify(
                    f"{outside} The replay stays at {self.replay.moment_shown:%H:%M:%S}.",
                    title="Not in this session",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )

        self.app.push_screen(TextPrompt("Jump to what time? (such as 10:45)"), jump)

    # Comments and export.

    def action_comment(self) -> None:
        def add(answer: tuple[str, str] | None) -> None:
            if answer:
                self.save_comment(*answer)

        self.app.push_screen(CommentForm(self.session), add)

    @work(thread=True, group="comments")
    def save_comment(self, on: str, text: str) -> None:
        """Through the session's owner, on the file as it is now: a comment never undoes work it did not see."""
        try:
            with OpenSession.resume(self.path, self.app.clock, allow_finished=True) as owner:
                owner.add_comment(on, text)
                state = owner.flush()
                latest = owner.session
        except (FileProblem, NotNow) as problem:
            self.app.call_from_thread(
                self.notify,
                f"The comment was not saved: {problem} Your comment was: {text}",
                title="Not saved",
                severity="error",
                timeout=20,
            )
            return
        self.app.call_from_thread(self.comment_saved, latest, state)

    def comment_saved(self, latest: Session, state: SaveState) -> None:
        self.session = latest
        self.show_comments()
        if state.ok:
            self.notify("Comment saved.", title="Saved")
            self.app.share_with_the_team()  # the comment goes to the team's archive, if this folder has one
        else:
            self.notify(state.problem, title="Not saved", severity="error", timeout=20)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A browser's window (or the audience's) writes no files on this computer.
        return action != "export" or window_may(self.app, "export")

    def action_export(self) -> None:
        if not window_may(self.app, "export"):  # reached some other way than its key (which is hidden)
            self.notify(window_refusal(self.app, "export"), title="Not exported", severity="warning")
            return

        def chosen(answer: tuple[str, bool, str] | None) -> None:
            if answer:
                self.write_export(*answer)

        self.app.push_screen(ExportForm(self.path, panel=self.session.panel is not None), chosen)

    @work(thread=True, group="export")
    def write_export(self, form: str, anonymised: bool, output: str, force: bool = False) -> None:
        from workshop_tui.export.writing import OutputExists, export

        if not window_may(self.app, "export"):
            return  # never written from a window that may not (the form is not offered there either)
        try:
            written = export(
                self.session,
                form,
                output,
                anonymised,
                force=force,
                source=self.path,
                sessions_dir=self.app.sessions_dir,
                later=self.later,
            )
            self.app.call_from_thread(
                self.notify, "Wrote " + ", ".join(str(p) for p in written) + ".", title="Exported"
            )
        except OutputExists as problem:
            self.app.call_from_thread(self.ask_to_replace, form, anonymised, output, problem.path)
        except (FileProblem, OSError) as problem:
            self.app.call_from_thread(self.notify, str(problem), title="Not exported", severity="error")

    def ask_to_replace(self, form: str, anonymised: bool, output: str, existing: Path) -> None:
        from workshop_tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.write_export(form, anonymised, output, force=True)

        self.app.push_screen(ConfirmScreen(f"{existing} is there already. Replace it?", "Replace", "Keep it"), answered)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
