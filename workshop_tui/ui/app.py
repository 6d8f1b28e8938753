"""The workshop-tui Textual app. Settings and the clock are handed in, so tests build it freely."""

import gc
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual.app import SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from workshop_tui.core.clock import Clock, SystemClock
from workshop_tui.model import Plan, Session
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.settings import Settings, read_settings, remember_theme
from workshop_tui.ui.keys import KEYS_ANYWHERE, current_keys, keys_in_words
from workshop_tui.ui.keys_file import load_keymap
from workshop_tui.ui.middle_cut import middle_cut
from workshop_tui.ui.screen_app import ScreenApp
from workshop_tui.ui.terminal_watch import HUNG_UP, watch_terminal
from workshop_tui.ui.themes import APP_VARIABLES, THEME_HELP, THEMES

if TYPE_CHECKING:
    # Each loaded only when its screen opens: the sessions browser, say, never loads the live screen
    # and the session engine behind it.
    from workshop_tui.core.plan_draft import PlanDraft
    from workshop_tui.store.open_session import SessionLink
    from workshop_tui.store.sessions_folder import SessionsFolder
    from workshop_tui.ui.screens.live import LiveScreen
    from workshop_tui.ui.screens.start_session import SessionDetails


@dataclass(frozen=True)
class StartPlan:
    """Open straight onto a new session of this plan (`workshop-tui run`)."""

    plan: Plan
    details: "SessionDetails"


@dataclass(frozen=True)
class OpenedSession:
    """Open straight onto a session the command line has opened (`run`, `resume`, `join`, `show`)."""

    owner: "SessionLink"
    role: str = "facilitator"  # or "note-taker" (type first) or "audience" (the projector view, read-only)
    in_browser: bool = False  # a window of `serve`: it never reads or writes this computer's files


@dataclass(frozen=True)
class ReviewSession:
    """Open straight onto the review of this session (`workshop-tui review SESSION`)."""

    session: Session
    path: Path


@dataclass(frozen=True)
class EditPlan:
    """Open straight onto the plan editor (`workshop-tui plan edit`)."""

    draft: "PlanDraft"
    builtin: bool = False


@dataclass(frozen=True)
class BrowseSessions:
    """Open straight onto the sessions browser (`workshop-tui review`)."""


class WorkshopApp(ScreenApp):
    """The app: its sessions folder, clock and settings, and the screens it opens onto.

    Textual types a screen's `self.app` as any App. A screen that reads this app's own attributes
    (`sessions_dir`, `clock`, `start_session`...) names them as ui/screen_app.py says, for the type
    checker only: at run time `self.app` stays Textual's own, with no check on each use, and no screen
    imports this module, which imports the screens.
    """

    CSS_PATH = "workshop.tcss"
    TITLE = "workshop-tui"

    # The header's icon and the room kept for its clock, either side of the title, and the title's padding.
    HEADER_EDGES = 8 + 10 + 2

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title and sub-title, cut in the middle to fit (a title's end tells part 1 from part 2):
        the sub-title (the plan's title) gives way first, then the title."""
        room = max(self.size.width - self.HEADER_EDGES, 10)
        if sub_title and cell_len(title) + len(" — ") + cell_len(sub_title) > room:
            left = room - cell_len(title) - len(" — ")
            sub_title = middle_cut(sub_title, left) if left >= 16 else ""
        if not sub_title:
            return Content(middle_cut(title, room))
        # Textual dims the sub-title, below 7:1: here it is told apart by the dash alone.
        return Content.assemble(title, " — ", sub_title)

    @property
    def _background_screens(self) -> list[Screen[Any]]:
        # Textual treats the screen under the top one as showing through it, even when the top one covers
        # the whole terminal, and paints the top one again in full for every change drawn underneath. Under
        # the panel screen, the live screen's key bar laid out after each score made each score's paint
        # 40 ms instead of 8. A screen that says it covers everything (COVERS_ALL) has nothing behind it.
        stack = self._screen_stack
        if stack and getattr(stack[-1], "COVERS_ALL", False):
            return []
        return super()._background_screens

    BINDINGS = KEYS_ANYWHERE  # F1, ?, Ctrl+Q and Ctrl+C: in ui/keys.py, for the help and keys.toml to name

    def __init__(
        self,
        sessions_dir: Path,
        clock: Clock | None = None,
        quiet: bool = False,
        opening: StartPlan | OpenedSession | ReviewSession | BrowseSessions | EditPlan | None = None,
        autosave_gather_seconds: float = 0.2,
        theme: str | None = None,
        settings_file: Path | None = None,
    ):
        super().__init__()
        self.sessions_dir = Path(sessions_dir)
        self.clock: Clock = clock or SystemClock()
        self.quiet = quiet
        self.opening = opening
        # What this window may do (core/roles.py, read through ui/window_rights.py): its role, and
        # whether it is a web browser's window, a guest on this computer.
        self.window_role = opening.role if isinstance(opening, OpenedSession) else "facilitator"
        self.in_browser = isinstance(opening, OpenedSession) and opening.in_browser
        self.autosave_gather_seconds = autosave_gather_seconds
        self._quit_unsaved_ok = False
        self._plan_loss_ok = False
        self.owners: set[SessionLink] = set()  # every session this app has open, to save on a hang-up
        self.sharing: list[
            threading.Thread
        ] = []  # shares with the team's archive under way, each waited on by a thread
        self.set_keymap(load_keymap(self.sessions_dir))  # keys.toml: raises FileProblem if it is wrong
        self.settings_file = settings_file  # None: a theme chosen here is not remembered (tests)
        self.settings = read_settings(settings_file) if settings_file else Settings()
        for each in THEMES.values():
            self.register_theme(each)
        # --theme, then what the settings file says for this kind of window, then the default.
        self.theme = theme or self.settings.theme_for(self.window_role)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(APP_VARIABLES)

    def on_mount(self) -> None:
        self.call_after_refresh(settle_memory)
        if self.settings.problem:
            # After the first frame: a notice sent before the first screen is up is never drawn.
            self.call_after_refresh(
                self.notify, self.settings.problem, title="Settings not read", severity="warning", timeout=20
            )
        if not self.is_headless:
            watch_terminal(sys.__stdin__.fileno() if sys.__stdin__ else 0, self._terminal_gone)
        self.share_with_the_team()  # take in what the team shared since last time

    def share_with_the_team(self) -> None:
        """Share the sessions folder with the team's archive in the background, if it is connected to one:
        only from the window that keeps the files (never a joined, audience or browser window)."""
        joined = False
        if isinstance(self.opening, OpenedSession):
            from workshop_tui.store.open_session import OpenSession

            joined = not isinstance(self.opening.owner, OpenSession)
        if self.window_role == "facilitator" and not self.in_browser and not joined:
            from workshop_tui.ui.team_sharing import share_soon

            sharing = share_soon(self, self.sessions_dir)
            if sharing is not None:
                self.sharing.append(sharing)

    def _terminal_gone(self) -> None:
        """The terminal hung up (on the watching thread): save every open session, then end at once."""
        for owner in list(self.owners):
            if not owner.closed:
                owner.close()
        os._exit(HUNG_UP)

    def _handle_exception(self, error: Exception) -> None:
        """A fault in the app: one plain sentence on the way out, the details in a private file.

        Textual would show the traceback with its local variables (session text, names) on a
        screen that may be a projector. The exit status is not zero (Textual sets 1).
        """
        from workshop_tui.store.crash_reports import write_report
        from workshop_tui.ui.crash_report import crash_words

        report = None if isinstance(error, FileProblem) else write_report(error, self.sessions_dir, self.clock.now())
        self._return_code = 1
        if self._exception is None:
            self._exception = error  # Pilot tests re-raise it
            self._exception_event.set()
        self.bell()
        self.panic(crash_words(error, report))

    @property
    def folder(self) -> "SessionsFolder":
        from workshop_tui.store.sessions_folder import SessionsFolder

        return SessionsFolder(self.sessions_dir)

    def get_default_screen(self) -> Screen[Any]:
        # Opening straight onto a session skips building the home screen: a faster first frame.
        if isinstance(self.opening, StartPlan):
            return self.start_session(self.opening.plan, self.opening.details)
        if isinstance(self.opening, OpenedSession):
            return self._live(self.opening.owner, show=False, role=self.opening.role)
        if isinstance(self.opening, ReviewSession):
            from workshop_tui.ui.screens.review import ReviewScreen

            return ReviewScreen(self.opening.session, self.opening.path)
        if isinstance(self.opening, EditPlan):
            from workshop_tui.ui.screens.plan_editor import PlanEditor

            return PlanEditor(self.opening.draft, self.sessions_dir / "plans", self.opening.builtin)
        if isinstance(self.opening, BrowseSessions):
            from workshop_tui.ui.screens.sessions_browser import SessionsBrowser

            return SessionsBrowser()
        from workshop_tui.ui.screens.home import HomeScreen

        return HomeScreen()

    def start_session(self, plan: Plan, details: "SessionDetails", show: bool = False) -> "LiveScreen":
        """Make the session (its owner makes the file) and a live screen on it; `show` puts the screen up.

        Raises FileProblem if the folder cannot hold it or the session it follows on from cannot be read.
        """
        from workshop_tui.store.open_session import OpenSession

        owner = OpenSession.create(
            self.sessions_dir,
            plan,
            details.title,
            self.clock,
            details.facilitator,
            details.note_taker,
            follows=details.follows,
            **self.saver_settings,
        )
        return self._live(owner, show)

    def resume_session(self, path: Path, show: bool = False) -> "LiveScreen":
        """Carry on the session in `path`; if another window runs it, join that window as the facilitator.
        Raises FileProblem if it cannot be opened."""
        from workshop_tui.store.joined_session import resume_or_join

        return self._live(resume_or_join(path, self.clock, **self.saver_settings), show)

    @property
    def saver_settings(self) -> dict[str, float]:
        return {"gather_seconds": self.autosave_gather_seconds}

    def _live(self, owner: "SessionLink", show: bool, role: str = "facilitator") -> "LiveScreen":
        from workshop_tui.store.open_session import OpenSession
        from workshop_tui.ui.screens.live import LiveScreen

        self.owners.add(owner)
        served = (
            not isinstance(owner, OpenSession) or owner.serve()
        )  # other windows (a note-taker's, the projector's, a browser's) can join it
        screen = LiveScreen(owner, self.quiet, role)
        if not served:
            screen.call_after_refresh(
                screen.notify,
                "Other windows (a note-taker's, the projector's, a browser's) cannot join this session "
                "from here. It is saved as usual.",
                title="This window works alone",
                severity="warning",
                timeout=20,
            )
        if show:
            self.push_screen(screen)
        return screen

    def live_screens(self) -> list["LiveScreen"]:
        from workshop_tui.ui.screens.live import LiveScreen

        return [screen for screen in self.screen_stack if isinstance(screen, LiveScreen)]

    def action_help(self) -> None:
        from workshop_tui.ui.screens.help import HelpScreen, section_for

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()  # F1 again closes it (a priority key never reaches the help's own keys)
        else:
            self.push_screen(HelpScreen(section_for(self.screen)))

    def action_how_to_quit(self) -> None:
        from textual.actions import SkipAction
        from textual.widgets import Input, TextArea

        if isinstance(self.focused, (Input, TextArea)) or self.screen.get_selected_text():
            raise SkipAction()  # the field or the selection copies
        self.notify("Press Ctrl+Q to save and quit.", title="Do you want to quit?")

    def action_save_and_quit(self) -> None:
        # A plan being written is not saved by quitting (Ctrl+S saves a new version): ask first.
        unsaved = [title for screen in self.screen_stack if (title := getattr(screen, "unsaved_plan", ""))]
        if unsaved and not self._plan_loss_ok:
            from workshop_tui.ui.screens.confirm import ConfirmScreen

            def answered(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self._plan_loss_ok = True
                    self.action_save_and_quit()

            self.push_screen(
                ConfirmScreen(
                    f"Your changes to the plan '{unsaved[0]}' are not saved. Quit and lose them? "
                    "(Stay, then Ctrl+S saves them.)",
                    "Quit",
                    "Stay",
                ),
                answered,
            )
            return
        for live in self.live_screens():
            result = live.save_before_quitting()
            if result is not None and not result.ok and not self._quit_unsaved_ok:
                self._quit_unsaved_ok = True
                self._plan_loss_ok = False  # not quitting after all: a plan changed from now on is asked about again
                self.notify(
                    f"{result.problem} Press ctrl+q again to quit without saving.",
                    title="Not saved",
                    severity="error",
                    timeout=15,
                )
                return
        self.exit()

    async def _run_from_palette(self, action: str, target: Any) -> None:
        with from_the_palette(target):
            await self.run_action(action, target)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of the screen is in the command palette too, with its description."""
        seen = set()
        typing_first = bool(getattr(screen, "type_first", False))
        switch = next((b for b in screen.BINDINGS if isinstance(b, Binding) and b.action == "type_first"), None)
        type_first_key = keys_in_words(current_keys(switch, self._keymap))[0] if switch is not None else "F2"
        for binding in [*screen.BINDINGS, *self.BINDINGS]:
            if not isinstance(binding, Binding) or binding.action in seen or not binding.tooltip:
                continue
            seen.add(binding.action)
            target = screen if binding in screen.BINDINGS else self
            with from_the_palette(target):
                if target.check_action(binding.action.split("(")[0], ()) is False:
                    continue  # such as F5 for the timer, which only works while a note is typed
            key = keys_in_words(current_keys(binding, self._keymap))[0]
            said = f"Key: {key}"
            if typing_first and len(key) == 1:
                # In a window that types first (a note-taker's), a letter goes into the note line.
                said = f"Key: {key}, once {type_first_key} makes letters keys again (now they go into the note)"
            yield SystemCommand(
                binding.tooltip,
                said,
                lambda target=target, action=binding.action: self.call_later(self._run_from_palette, action, target),
            )
        for name in THEMES:
            yield SystemCommand(f"Theme: {name}", THEME_HELP[name], lambda name=name: self.choose_theme(name))
        for command in super().get_system_commands(screen):
            # Textual's own screenshot saves a file: a browser's window never writes this computer's files.
            if self.in_browser and "screenshot" in command.title.lower():
                continue
            if command.title == "Theme":
                continue  # Textual's theme picker offers themes without enough contrast: ours are above
            yield command

    def choose_theme(self, name: str) -> None:
        """Show this window in the theme `name`, and remember it for this kind of window."""
        self.theme = name
        if self.settings_file is None or self.in_browser:
            return  # not remembered in tests; a browser's window never writes this computer's files
        self.run_worker(partial(self._remember_theme, self.settings_file, name), thread=True, group="settings")

    def _remember_theme(self, path: Path, name: str) -> None:
        """On a worker thread: write the settings file (the disk may be slow)."""
        try:
            settings = remember_theme(path, self.window_role, name)
        except OSError as error:
            self.call_from_thread(
                self.notify,
                f"The theme is shown, but could not be remembered in {path} ({error.strerror or error}).",
                title="Settings not saved",
                severity="warning",
                timeout=15,
            )
            return
        self.call_from_thread(setattr, self, "settings", settings)


@contextmanager
def from_the_palette(target: Any) -> Iterator[None]:
    """While this is on, a screen may allow what it keeps off its keys (a type-first window's letters)."""
    target.from_palette = True
    try:
        yield
    finally:
        target.from_palette = False


def settle_memory() -> None:
    """After the first frame: what was loaded stays, so later collections need not walk it again.

    The `workshop-tui` command turns garbage collection off while it starts (workshop_tui/start.py).
    Once the first frame is up, one collection clears start-up's garbage and what is left is frozen:
    a session of thousands of notes then costs no long collection pauses in the middle of typing.
    """
    if gc.isenabled():
        return  # started some other way (tests): leave collection as it is
    gc.collect()
    gc.freeze()
    gc.enable()
