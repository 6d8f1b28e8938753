"""Issue 14: a whole part 1 in a real 80x24 terminal, every screen read on the way for a word cut mid-way.

It runs the installed `workshop-tui` as a facilitator would: home, the start form, the live screen,
a person and a note, a decision, an action, the records' four tabs and a row in full, finishing, and the
review. On each screen no word may end in "…" unless more words follow it (a title cut in the middle,
"Co-prod… part 2 (Leeds)"), and the words the user needs there must be whole.
"""

import re
from pathlib import Path

from tests.conftest import plan_named
from tests.terminal.tmux import Terminal, TerminalFactory, installed_command, needs_tmux

pytestmark = [needs_tmux]

PART_1 = plan_named("co-production-part-1")
# A word cut at its end: "…" (or "...") right after it and no more words after one space. Words that say
# something is under way end in "..." on purpose.
CUT = re.compile(r"\S(?:…|\.\.\.)(?! [\w('\"£])")
UNDER_WAY = ("Saving", "Joining the session", "taking it over", "Looking for plans", "Reading the past sessions")
# Borders, scroll bars and the marks of fields: not words.
NOT_WORDS = re.compile(r"[│┃╭╮╰╯─━▔▁▊▎▌▐▆▇▃▄▂▅╺╸┓┏┛┗┻╋┫┣╌▶▼▲]")


def cut_words(screen: str) -> list[str]:
    return [
        line
        for line in screen.splitlines()
        if CUT.search(line.rstrip()) and not any(words in line for words in UNDER_WAY)
    ]


def words_of(screen: str) -> str:
    """The screen's words in reading order, one space apart: a label wrapped in a box reads on."""
    return " ".join(NOT_WORDS.sub(" ", screen).split())


def column(screen: str, heading: str, next_heading: str) -> str:
    """What a table's column shows, from under its heading to the next one, its lines joined."""
    lines = screen.splitlines()
    at = next(i for i, line in enumerate(lines) if heading in line and next_heading in line)
    start, end = lines[at].index(heading), lines[at].index(next_heading)
    return " ".join(" ".join(line[start:end] for line in lines[at + 1 :]).split())


class Reader:
    """Waits for each screen, then reads it: no word cut mid-way, and the words named are whole."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.read: list[str] = []

    def screen(self, name: str, shows: str, *whole: str, columns: slice = slice(None)) -> str:
        """`columns`: where to read the words in `whole`, on a screen of two columns side by side."""

        def ready(screen: str) -> bool:
            part = "\n".join(line[columns] for line in screen.splitlines())
            return shows in screen and all(" ".join(words.split()) in words_of(part) for words in whole)

        # Waits on the app (until what it should show is drawn whole), never on the clock.
        self.terminal.wait_until(ready, f"{name}: {shows!r} and {list(whole)} drawn whole")
        self.terminal.settled()
        screen = self.terminal.screen()
        assert ready(screen), f"{name} changed as it was read:\n{screen}"
        assert not cut_words(screen), f"{name}: words cut {cut_words(screen)}\n{screen}"
        self.read.append(name)
        return screen


def type_long(terminal: Terminal, text: str) -> None:
    """Type words longer than their field: it scrolls, so wait for their end to show."""
    terminal.send("-l", text)
    terminal.wait_for(text[-15:])


def test_a_whole_part_1_at_80x24_cuts_no_word_on_any_screen(terminal_factory: TerminalFactory, tmp_path: Path) -> None:
    terminal = terminal_factory(80, 24)
    read = Reader(terminal)
    terminal.start(f"{installed_command()} --sessions-dir {tmp_path / 'sessions'}")
    read.screen("home", "Start from a plan", "Co-production training, part 1", "Co-production training, part 2")
    terminal.send("Enter")
    read.screen(
        "start form",
        "Start a session of",
        "Title of this session",
        "Facilitator (can be empty)",
        "Note-taker (can be empty)",
        "Start (enter)",
    )
    terminal.send("Enter")
    # The first seven steps' names whole in the agenda (a long one goes on over two lines), once it is laid out.
    shown = [step.title for step in PART_1.steps[:7]]
    terminal.wait_until(
        lambda screen: "Minutes" in screen and all(title in column(screen, "Step", "Minutes") for title in shown),
        "the agenda to show the first seven steps' names whole",
    )
    read.screen("live", "Paused with", "Arrival and welcome")

    terminal.send("r")
    read.screen("records, people", "Arrived", "Name", "Role", "Arrived", "Left", "Notes", "Dissent")
    terminal.send("n")
    read.screen("person form", "Name or initials", "Name or initials (you can leave it empty); enter adds them")
    terminal.type("Margaret Okonkwo-Williams")
    terminal.send("Enter")
    terminal.wait_for("Okonkwo-Williams  ")
    terminal.send("Escape")
    terminal.wait_for("Press t")
    terminal.send("t")
    terminal.wait_for("Type a note")  # the note line has the keys now: letters typed before would be commands
    type_long(terminal, "> Bus times to the community hall on Sundays")
    terminal.send("Enter", "Escape")
    read.screen("notes", "Parking lot: Bus times", "Bus times to the community hall on Sundays", columns=slice(0, 46))

    terminal.send("d")
    read.screen(
        "decision form",
        "Record a decision",
        "The question or proposal",
        "How the group decided",
        "Outcome",
        "Who was present (space ticks or unticks)",
        "Save (ctrl+s)",
    )
    question = "Should we meet once a month at the library, in the room with the hearing loop?"
    type_long(terminal, question)
    for key in ("Tab", "Tab", "Enter"):  # to the outcome, beside how the group decided, and open it
        terminal.press(key)
    terminal.send("Down", "Enter")  # agreed
    terminal.wait_until(lambda shown: "Choose the outcome" not in shown, "the outcome chosen")
    terminal.send("C-s")
    terminal.wait_until(lambda shown: "Record a decision" not in shown, "the decision form to close")

    terminal.send("a")
    read.screen(
        "action form",
        "Add an action",
        "What will be done",
        "Who will do it (Tab or Right takes the name offered)",
        "By when, such as 15/07/2026, 15 July or next Tuesday; or leave it empty",
        "Save (ctrl+s)",
    )
    what = "Ask the council how they involve older people in planning the new day centre"
    type_long(terminal, what)
    terminal.press("Tab")
    terminal.type("Margaret Okonkwo-Williams")
    terminal.press("Tab")
    terminal.type("next Tuesday")
    read.screen("action form, filled in", "That is", "Margaret Okonkwo-Williams")
    terminal.send("C-s")
    terminal.wait_until(lambda shown: "Add an action" not in shown, "the action form to close")

    terminal.send("r")
    read.screen("records, people again", "Left/arrived", "Margaret Okonkwo-Williams")
    terminal.send("Right")
    read.screen("records, parking lot", "Bus times", "Bus times to the community hall on Sundays", "open")
    terminal.send("Right")
    actions = read.screen("records, actions", "By when", "Margaret Okonkwo-Williams", "open")
    assert what in column(actions, "What", "Who"), actions
    terminal.send("Right")
    decisions = read.screen("records, decisions", "Outcome", "agreed", "consensus")
    assert question in column(decisions, "Question", "Outcome"), decisions
    terminal.send("Enter")
    read.screen(
        "a decision in full",
        "Escape or Enter closes this",
        question,
        "Outcome: agreed",
        "Counts: No counts: everyone must be able to support it.",
    )
    terminal.send("Escape")
    terminal.wait_until(lambda shown: "closes this" not in shown, "the details to close")
    terminal.send("Escape")
    terminal.wait_for("Press t")

    terminal.send("C-f")
    read.screen("finish, are you sure", "Finish the session now?", "Finish (Ctrl+F)", "Keep going (Esc)")
    terminal.send("C-f")
    read.screen("finished", "Press Enter to review", "Recorded: 1 note, 1 decision, 1 action.")
    terminal.send("Enter")
    read.screen("review", "Summary", "Arrival and welcome")
    for _ in range(3):  # one at a time, each seen to move the tab: a burst of three can lose one
        terminal.press("Right")
    review_actions = read.screen("review, actions", "By when", "Margaret Okonkwo-Williams")
    assert what in column(review_actions, "What", "Who"), review_actions
    terminal.send("C-q")
    assert "EXITED 0" in terminal.wait_for("EXITED")
    assert read.read == [
        "home",
        "start form",
        "live",
        "records, people",
        "person form",
        "notes",
        "decision form",
        "action form",
        "action form, filled in",
        "records, people again",
        "records, parking lot",
        "records, actions",
        "records, decisions",
        "a decision in full",
        "finish, are you sure",
        "finished",
        "review",
        "review, actions",
    ]
