"""A commissioning panel runs the shortlisting plan in a real terminal: the applications are imported
from a funder's spreadsheet, members declare, their sheets are typed in, the chair reveals, the panel
moderates and ranks, awards are made, the session is finished and the funder's report exported."""

from pathlib import Path

from workshop_tui.store.session_file import load_session
from tests.terminal.tmux import Terminal, TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux]

SPREADSHEET = (
    "Amount requested,Organisation,Project,Area\n"
    '"£30,000",Hillside Lunch Club,Hot lunches,Millbrook\n'
    "20000,Riverside Walkers,Walks for all,Ferncliffe\n"
    '"£40,000.00",Oak Street Shed,Shed sessions,Ashby\n'
)


def words_shown(terminal: Terminal, text: str) -> str:
    """Wait for words that may wrap across lines on a narrow screen."""
    return terminal.wait_until(lambda shown: text in " ".join(shown.split()), repr(text))


def test_a_whole_round_from_spreadsheet_to_the_funders_report(
    terminal_factory: TerminalFactory, tmp_path: Path
) -> None:
    (tmp_path / "applications.csv").write_text(SPREADSHEET)
    app = installed_command()
    terminal = terminal_factory(80, 24)
    terminal.start(f"{app} run commissioning-shortlisting --title 'Healthy ageing fund' --quiet")
    terminal.wait_for("Welcome and housekeeping")
    for name in ("Margaret", "Dennis"):
        terminal.send("r")
        terminal.wait_for("Left/arrived")
        terminal.send("n")
        terminal.wait_for("Add a person to the roster")
        terminal.send(name, "Enter")
        terminal.wait_for(name)
        terminal.send("Escape")
        terminal.wait_for("Paused")
    terminal.send("c")
    terminal.wait_for("No round is open yet")
    terminal.send("o")
    terminal.wait_for("How much money is in the pot?")
    terminal.send("£60,000", "Enter")
    terminal.wait_for("Pot £60,000")
    terminal.send("i")
    terminal.wait_for("Which file?")
    terminal.send("applications.csv", "Enter")
    terminal.wait_for("Oak Street Shed")

    terminal.send("Tab")  # declarations
    terminal.wait_for("not yet")
    terminal.send("i")
    terminal.wait_for("declare an interest")
    terminal.send("Enter")
    terminal.wait_for("3. Oak Street Shed")
    terminal.send("Down", "Down", "Down", "Enter")  # past the list's "Choose the application"
    terminal.wait_until(
        lambda shown: any("Oak Street Shed" in line and "▼" in line for line in shown.splitlines()),
        "the list to close on the shed",
    )
    terminal.send("My son runs it", "Enter")  # choosing moves on to the words
    terminal.wait_for("1 interest")
    terminal.send("Down", "n")
    terminal.wait_for("no interests")

    terminal.send("Tab")  # Margaret's sheet: she is out of the shed
    terminal.wait_for("Margaret's sheet")
    terminal.send(*"5545544444")  # typed as fast as tmux sends keys
    words_shown(terminal, "10 of 10 entered")
    terminal.send("PageDown")
    terminal.wait_for("Dennis's sheet")
    terminal.send(*"544454444433333")
    words_shown(terminal, "All sheets: 25 of 25")
    terminal.send("r")
    words_shown(terminal, "Reveal every member's scores")
    terminal.send("y")
    terminal.wait_for("Middle score")

    terminal.send("a", "PageDown", "a", "PageDown", "a")  # each application: every criterion is close
    words_shown(terminal, "Agreed 5 of 5")
    terminal.send("Tab")  # the ranking
    screen = terminal.wait_for("─ funding line ─")
    rows = [line for line in screen.splitlines() if line.lstrip().startswith(("1 ", "2 ", "3 ", "──"))]
    assert len(rows) >= 4, screen
    assert ["Hillside" in rows[0], "Riverside" in rows[1], "funding line" in rows[2], "Oak Street" in rows[3]] == [
        True
    ] * 4, screen
    terminal.send("f")
    terminal.wait_for("The reason, in words")
    terminal.send("A clear need", "C-s")
    words_shown(terminal, "Awarded £30,000")
    terminal.send("Down", "f")
    terminal.wait_for("The reason, in words")
    terminal.send("Walks that people plan", "C-s")
    words_shown(terminal, "Awarded £50,000")

    # Made wide and back again, as on a laptop moved to the projector: the ranking is laid out for each width,
    # never left with the Money column cut.
    def asked_at(shown: str) -> int:  # where the Asked column starts: names take what the width leaves
        return next((line.index("Asked") for line in shown.splitlines() if "Place" in line and "Asked" in line), -1)

    terminal.resize(160, 48)
    terminal.wait_until(lambda shown: asked_at(shown) > 80, "the ranking laid out for 160 columns")
    terminal.resize(80, 24)
    terminal.wait_until(
        lambda shown: (
            0 < asked_at(shown) < 40
            and any("Oak Street Shed" in line and line.rstrip().endswith("does not fit") for line in shown.splitlines())
        ),
        "the ranking laid out again for 80 columns, the Money column whole",
    )
    terminal.send("Down", "x")  # past the funding line, never on it: the shed no longer fits the money left, so
    # declining it follows the ranking
    terminal.wait_for("The reason, in words")
    terminal.send("The money ran out", "C-s")
    terminal.wait_for("decline")
    terminal.send("Escape")
    terminal.wait_for("Paused")
    terminal.send("C-f")
    terminal.wait_for("Finish")
    terminal.send("C-f")
    terminal.wait_for("Finished at")
    words_shown(
        terminal, "The round: 3 applications, 25 scores, 2 funded for £50,000 of £60,000, 1 deferred or declined."
    )
    terminal.send("q")
    assert "EXITED 0" in terminal.wait_for("EXITED")

    saved = next((tmp_path / "sessions").glob("*.toml"))
    panel = load_session(saved).panel
    assert panel is not None
    assert [(a.application, a.outcome) for a in panel.awards] == [
        ("app1", "fund in full"),
        ("app2", "fund in full"),
        ("app3", "decline"),
    ]
    assert len([s for s in panel.scores if s.withdrawn_at is None]) == 25

    export = terminal_factory(160, 48)
    export.start(f"{app} export {saved.stem} --format report-md -o report.md")
    assert "EXITED 0" in export.wait_for("EXITED")
    report = (tmp_path / "report.md").read_text()
    assert "Hillside Lunch Club" in report and "My son runs it" in report and "The money ran out" in report
