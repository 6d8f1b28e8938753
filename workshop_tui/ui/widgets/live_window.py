"""What the live screen's widgets ask of the screen they are on (ui/screens/live.py `LiveScreen`): the
session as this window reads it, and the one way to change it. Named here, so a widget need not import
the screen that holds it (no import circle)."""

from typing import Any, Protocol

from textual.geometry import Size

from workshop_tui.core.session_engine import SessionEngine


class LiveWindow(Protocol):
    @property
    def engine(self) -> SessionEngine:
        """The session as far as it is saved, for reading; every change goes through the commands below."""
        ...

    @property
    def size(self) -> Size:
        """The screen's size: the note line's hint fits its width."""
        ...

    @property
    def type_first(self) -> bool:
        """Every letter goes into the note line (a note-taker's window, or F2)."""
        ...

    def run_command(self, command: str, /, **args: Any) -> bool:
        """Do `command`; True when done, else it has said why not in a notice."""
        ...

    def try_command(self, command: str, /, **args: Any) -> str:
        """Do `command` for a form: "" when done, else the sentence saying why not, for the form to show."""
        ...
