"""Who may join this session, for the facilitator: the co-chair's code, each panel member's own code,
and whether guests (names not on the roster) may join. Codes are made the first time it opens."""

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop_tui.core.joining import FACILITATOR_CODE, spaced, without_codes_yet
from workshop_tui.core.panel_views import members
from workshop_tui.model import Session


def who_may_join_words(session: Session, browsers: str = "") -> str:
    """The screen's words: plain sentences, each code in two halves to read out. `browsers`: what
    `workshop-tui serve` told this window (its join code and addresses), first, as the title bar cuts it."""
    lines = []
    if browsers:
        lines += [
            "Web browsers (workshop-tui serve)",
            *(f"  {part}" for part in browsers.split(" · ")),
            "  The join code is for web browsers only; a co-chair's code is below.",
            "",
        ]
    co_chair = session.codes.get(FACILITATOR_CODE)
    if co_chair:
        lines += [
            "A co-chair (a second facilitator)",
            f"  Their code: {spaced(co_chair)}",
            f"  They type: workshop-tui join --name THEIR-NAME --code {co_chair}",
            "  Or, in a web browser, their name and this code on the join page.",
            "",
        ]
    lines += [
        "Guests (people not on the roster)",
        "  Let in: they can type notes, decisions and actions, and nothing else. Press g to stop it."
        if session.guests_allowed
        else "  Not let in: only people on the roster can join. Press g to let guests in.",
        "",
    ]
    if session.panel is None and session.plan.panel is not None:
        lines += ["Panel members", "  Each gets their own code when the round opens (c, then o).", ""]
    if session.panel is not None:
        lines.append("Panel members' own codes (each opens only that member's sheet)")
        for person in members(session):
            code = session.codes.get(person.id)
            lines.append(f"  {person.name or person.id}: {spaced(code) if code else 'no code yet'}")
        lines += ["  Print a card for each: workshop-tui export SESSION --format member-cards", ""]
    lines.append("Anyone else joins by their name on the roster: workshop-tui join --name THEIR-NAME")
    return "\n".join(lines)


class WhoMayJoinScreen(ModalScreen[None]):
    BINDINGS = [
        Binding(
            "g",
            "guests",
            "Guests in or out",
            id="guests",
            tooltip="Let people not on the roster join as guests, or stop it",
        ),
        Binding("escape,q", "close", "Close", id="close_who_may_join", tooltip="Back to the session"),
    ]

    DEFAULT_CSS = """
    WhoMayJoinScreen { align: center middle; }
    WhoMayJoinScreen > Vertical { width: 90%; max-width: 100; height: auto; max-height: 90%; border: thick $primary; padding: 1 2; background: $panel; }
    WhoMayJoinScreen #who-words { height: auto; }
    """

    def __init__(
        self, session: Callable[[], Session], run_command: Callable[..., bool], browsers: Callable[[], str] = lambda: ""
    ) -> None:
        super().__init__()
        self.session, self.run_command, self.browsers = session, run_command, browsers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Who may join", classes="heading")
            with VerticalScroll():
                yield Static("", id="who-words", markup=False)
            yield Static("g: guests in or out · Escape: close", markup=False)

    def on_mount(self) -> None:
        if without_codes_yet(self.session()):
            self.run_command("make_codes")
        self.show()

    def show(self) -> None:
        self.query_one("#who-words", Static).update(who_may_join_words(self.session(), self.browsers()))

    def action_guests(self) -> None:
        allowed = not self.session().guests_allowed
        if self.run_command("allow_guests", allowed=allowed):
            self.notify(
                "Guests may join now: anyone who gives a name not on the roster types notes, decisions and actions."
                if allowed
                else "Only people on the roster may join now.",
                title="Guests",
                timeout=8,
            )
        self.show()

    def action_close(self) -> None:
        self.dismiss(None)
