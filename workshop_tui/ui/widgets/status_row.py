"""The live screen's bottom row: where the session stands against the plan, and whether it is saved."""

from textual.app import ComposeResult
from textual.containers import Horizontal

from workshop_tui.core.wording import plural
from workshop_tui.store.open_session import SaveState
from workshop_tui.ui.widgets.line import Line


def save_words(state: SaveState) -> str:
    if not state.ok:
        # Nothing unsaved is drawn as recorded, so say how much is waiting: it shows once it is on disk.
        waiting = f" {plural(state.unsaved, 'change')} waiting to be saved." if state.unsaved else ""
        return state.problem + waiting
    if state.unsaved and state.warning:
        return state.warning  # where the waiting changes are kept, and when they are added
    saved = f"Saved {state.saved_at:%H:%M:%S}" if state.saved_at else "Not saved yet"
    if state.unsaved:
        # A slow disk: the change shows once it is written, and this says why it is not there yet.
        saved = f"Saving {plural(state.unsaved, 'change')}..."
    return f"{saved}. {state.warning}" if state.warning else saved


class StatusRow(Horizontal):
    DEFAULT_CSS = """
    StatusRow {
        height: auto;
        background: $boost;
    }
    StatusRow #status-line {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    StatusRow #save-state {
        width: auto;
        max-width: 60%;
        height: auto;
        padding: 0 1;
    }
    StatusRow.-not-saved #save-state {
        background: $alarm-background;
        color: $alarm-foreground;
        text-style: bold;
    }
    """

    def compose(self) -> ComposeResult:
        yield Line(id="status-line")
        yield Line(id="save-state")

    def show(self, status: str, saved: str, saving_works: bool) -> None:
        self.query_one("#status-line", Line).say(status)
        self.query_one("#save-state", Line).say(saved)
        self.set_class(not saving_works, "-not-saved")
