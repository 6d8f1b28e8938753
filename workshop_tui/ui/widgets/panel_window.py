"""What a panel tab asks of the screen it is on, and what that screen asks of the session's screen
under it: named here, so the tabs need not import the screen that holds them (no import circle), and
the panel screen need not import the live screen."""

from typing import Any, Protocol, cast

from textual.dom import DOMNode

from workshop_tui.core.session_engine import SessionEngine
from workshop_tui.model import Session
from workshop_tui.model.panel import Panel
from workshop_tui.model.participant import Participant
from workshop_tui.store.session_link import SessionLink


class SessionScreen(Protocol):
    """What the panel needs of the session's screen (ui/screens/live.py): the session as far as it is
    saved, and the commands that change it."""

    owner: SessionLink

    @property
    def engine(self) -> SessionEngine: ...

    @property
    def session(self) -> Session: ...

    def catch_up(self) -> None: ...

    def run_command(self, command: str, /, **args: Any) -> bool: ...

    def try_command(self, command: str, /, **args: Any) -> str: ...


class PanelWindow(Protocol):
    """What a tab asks of the panel screen it is on (ui/screens/panel.py `PanelScreen`): the round, the
    one path to the open session, and what this window may do."""

    live: SessionScreen
    last_said: str  # the last warning said once

    @property
    def session(self) -> Session: ...
    @property
    def panel(self) -> Panel | None: ...
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None: ...
    def labels(self) -> dict[str, str]: ...
    def scorers(self) -> list[Participant]: ...
    def own_member(self) -> Participant | None: ...
    def name_width(self, others: int) -> int: ...
    def typed_and_saved(self, member_id: str, application: str, criterion: str) -> None: ...
    def run(self, command: str, /, **args: Any) -> bool: ...
    def say_once(self, words: str) -> None: ...
    def action_open_round(self) -> None: ...


def panel_screen(widget: DOMNode) -> PanelWindow:
    """The panel screen a tab is on: its one path to the open session, and what the window may do."""
    return cast(PanelWindow, widget.screen)
