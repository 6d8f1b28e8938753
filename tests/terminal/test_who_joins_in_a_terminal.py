"""Who a window is, in real terminals: a stranger's `join` is refused in a sentence until the facilitator
lets guests in; a panel member's name alone opens nothing, and their own code opens their own sheet."""

from pathlib import Path

from workshop_tui.core.clock import SystemClock
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.session_file import load_session
from tests.conftest import plan_named
from tests.panel_helpers import MEMBERS
from tests.terminal.test_windows_in_a_terminal import facilitator_and_note_taker
from tests.terminal.tmux import TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux]


def unwrapped(text: str) -> str:
    """The words with no spaces or line ends: a terminal wraps a long sentence anywhere, even mid-word."""
    return "".join(text.split())


def test_a_stranger_is_refused_until_the_facilitator_lets_guests_in(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    app = installed_command()
    facilitator, _, path = facilitator_and_note_taker(terminal_factory, tmp_path)
    stranger = terminal_factory(100, 30)
    stranger.start(f"{app} join --name Stranger")
    said = unwrapped(stranger.wait_for("EXITED"))
    assert (
        unwrapped("No one called Stranger is on the roster. Ask the facilitator to add you, or to let guests join.")
        in said
    )
    assert "EXITED2" in said
    typo = terminal_factory(100, 30)
    typo.start(f"{app} join --name Bbo")  # Bob, mistyped
    assert "Didyoumean" + "Bob?" in unwrapped(typo.wait_for("EXITED"))

    facilitator.press("C-g")  # who may join
    facilitator.wait_for("Guests (people not on the roster)")
    facilitator.press("g")
    facilitator.wait_for("Let in")
    facilitator.press("Escape")
    assert load_session(path).guests_allowed

    guest = terminal_factory(100, 30)
    guest.start(f"{app} join --name Stranger")
    guest.wait_for("Guest's window (Stranger)")
    guest.type("a visitor's note")
    guest.send("Enter")
    facilitator.wait_for("a visitor's note")
    notes = load_session(path).notes
    assert [(note.text, note.window) for note in notes] == [("a visitor's note", "guest: Stranger")]


def test_a_member_joins_with_their_own_code_and_sees_only_their_own_sheet(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    app = installed_command()
    owner = OpenSession.create(
        tmp_path / "sessions",
        plan_named("commissioning-shortlisting"),
        "Healthy ageing fund",
        SystemClock(),
        "Grace Obi",
    )
    for name, role in MEMBERS:
        owner.apply(Command("add_person", {"name": name, "role": role}))
    owner.apply(Command("open_round", {"pot_pence": 50_000_00}))
    owner.apply(
        Command(
            "add_application", {"organisation": "Hillside Lunch Club", "project": "Lunch", "amount_pence": 30_000_00}
        )
    )
    code = owner.session.codes["p1"]
    owner.close()
    chair = terminal_factory(100, 30)
    chair.start(f"{app} resume --quiet")
    chair.wait_for("Welcome and housekeeping")

    by_name = terminal_factory(100, 30)
    by_name.start(f"{app} join --name Margaret")
    assert unwrapped("Margaret is on the panel. A panel member's window needs their own code") in unwrapped(
        by_name.wait_for("EXITED")
    )

    margaret = terminal_factory(100, 30)
    margaret.start(f"{app} join", env={"WORKSHOP_TUI_CODE": code})  # not on the command line
    margaret.wait_for("Panel member's window (Margaret)")
    margaret.wait_for("not yet")  # her window opens on her declarations: they come first
    margaret.send("n")  # no interests
    margaret.wait_for("no interests")
    margaret.send("Tab")
    margaret.wait_for("Your sheet, Margaret")
    margaret.wait_for("1 No sign of a need")  # the rubric of the criterion under the cursor, in words
    margaret.send("4")
    margaret.wait_for("1 of 5 entered")
    margaret.send("Left")  # back on her score: its level is marked in words
    margaret.wait_for("> 4 A strong need, well shown, that little else meets. ← this score")
    margaret.send("PageDown")  # another member's sheet? Not here.
    assert "Dennis's sheet" not in margaret.screen()
    margaret.send("Escape")
    margaret.wait_for("Agenda")
    margaret.send("Space")  # the timer is the chair's: refused in words
    margaret.wait_for("This is a panel member's own window")
    panel = load_session(owner.path).panel
    assert panel is not None
    assert [(s.member, s.level, s.window) for s in panel.scores] == [("p1", 4, "member: Margaret")]
    assert [(d.member, d.application) for d in panel.declarations] == [("p1", "")]  # her own "none", first
