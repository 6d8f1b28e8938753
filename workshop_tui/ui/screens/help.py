"""The help screen: every key, in plain words, built from the screens' own bindings."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from workshop_tui.ui.keys import bindings_of, current_keys, keys_in_words
from workshop_tui.ui.screens.action_form import ActionForm
from workshop_tui.ui.screens.confirm import ConfirmScreen, GuardedConfirmScreen
from workshop_tui.ui.screens.decision_form import DecisionForm
from workshop_tui.ui.screens.finished import FinishedScreen
from workshop_tui.ui.screens.form_dialog import FormDialog
from workshop_tui.ui.screens.home import HomeScreen
from workshop_tui.ui.screens.live import LiveScreen
from workshop_tui.ui.screens.method_chooser import MethodChooser
from workshop_tui.ui.screens.panel import PanelScreen
from workshop_tui.ui.screens.panel_forms import ApplicationForm, AwardForm
from workshop_tui.ui.screens.plan_details_form import PlanDetailsForm
from workshop_tui.ui.screens.plan_editor import PlanEditor
from workshop_tui.ui.screens.plan_timings import PlanTimingsScreen
from workshop_tui.ui.screens.records import RecordsScreen
from workshop_tui.ui.screens.review import ReviewScreen
from workshop_tui.ui.screens.row_details import RowDetails
from workshop_tui.ui.screens.sessions_browser import SessionsBrowser
from workshop_tui.ui.screens.step_form import StepForm
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.screens.who_may_join import WhoMayJoinScreen
from workshop_tui.ui.widgets.agenda import Agenda
from workshop_tui.ui.widgets.applications_list import ApplicationsTable
from workshop_tui.ui.widgets.declarations_list import DeclarationsTable
from workshop_tui.ui.widgets.fitted_table import FittedTable
from workshop_tui.ui.widgets.moderation import ModerationTable
from workshop_tui.ui.widgets.notes_list import NotesList
from workshop_tui.ui.widgets.plan_steps import StepsTable
from workshop_tui.ui.widgets.ranking import RankingTable
from workshop_tui.ui.widgets.score_sheet import ScoreSheet


@dataclass(frozen=True)
class HelpSection:
    """One heading of the help: the keys of these screens, then what the keys alone cannot say."""

    heading: str
    holders: tuple[type[DOMNode], ...]
    notes: str = ""
    only: frozenset[str] = frozenset()  # these bindings' ids alone (a window that offers only some keys)

    @property
    def anchor(self) -> str:
        # The slug Markdown gives a heading of plain words, as GitHub does.
        return re.sub(r"[^\w\s-]", "", self.heading.lower()).replace(" ", "-")


# The keys that work while every letter goes into the note line: the note-taker's window, or F2.
TYPING_FIRST_KEYS = frozenset(
    {
        "timer_while_typing",
        "previous_while_typing",
        "next_while_typing",
        "decision_while_typing",
        "action_while_typing",
        "records_while_typing",
        "panel_while_typing",
        "type_first",
        "finish",
    }
)

HELP_SECTIONS = [
    HelpSection(
        "On the home screen",
        (HomeScreen,),
        "Up and Down move through the plans and the unfinished sessions, Tab moves between the lists, "
        "and Enter starts or carries on the one chosen.",
    ),
    HelpSection(
        "During a session",
        (LiveScreen, Agenda, NotesList),  # the agenda's and the notes list's keys are the screen's too
        "Start a note with + for an idea, ? for a question, ! for a concern, or > for the parking lot.\n"
        "Put @name in a note to say who said it; the name is completed from the roster. "
        "No @ means anonymous.\n\n"
        "Going to the next step from the last one finishes the session.\n\n"
        "In the notes list, Enter also changes the chosen note (its earlier wording is kept).\n\n"
        "In the agenda, ✓ marks a step that is done, ▶ the current step, – a skipped step, · a step passed "
        "without its timer, and × a step a finished session never reached (the last three say so in words too).\n"
        'Past zero the timer keeps counting and says how far over it is, such as "2:13 over".\n\n'
        "A change shows once it is saved to the session's file, a moment after the key.\n"
        "The line at the bottom says when it was last saved, or warns you if it could not save.\n\n"
        "The agenda, the timer and the roster are the facilitator's: Ctrl+T lets the note-taker's window "
        "do them too, or stops it.\n\n"
        "Ctrl+G says who may join: the code for a co-chair, each panel member's own code, and whether "
        "guests (people not on the roster) may join.\n\n"
        "G puts the group's record on the projector: this step's notes, decisions and actions, as they are "
        "typed in any window, so the group can say \"that's not what I meant\". People's names are left out "
        "(a name in the words becomes the person's role) unless you press Ctrl+N. G again takes it off at once.",
    ),
    HelpSection(
        "Typing first",
        (LiveScreen,),
        "In the note-taker's window (and after F2 on the facilitator's), every letter goes into the note line "
        "and Enter saves the note, so typing never moves the agenda or the timer. These keys work all the "
        "same. In the note-taker's window, F5, F7 and F8 (the timer and the agenda) work once the facilitator "
        "lets it (Ctrl+T on their screen); until then the footer leaves them out. The command list (Ctrl+P) "
        "has every other action.",
        only=TYPING_FIRST_KEYS,
    ),
    HelpSection(
        "People, parking lot, actions and decisions",
        (RecordsScreen, FittedTable, RowDetails),
        "Each key works on its own tab: the footer shows the keys of the tab you are on. "
        "Up and Down choose a row; the choice stays on that row after each change.\n\n"
        "A long text goes on over the next lines. On a narrow screen the columns that matter come first, "
        "and Enter shows the chosen row whole, every column, with what the table had no room for.",
    ),
    HelpSection(
        "The commissioning panel",
        (PanelScreen, ApplicationsTable, DeclarationsTable, ScoreSheet, ModerationTable, RankingTable),
        "Press c on a panel plan's session screen (F9 in the note-taker's window). Tab moves through the stages: "
        "applications, declarations, scores, moderation and the ranking.\n\n"
        'On a member\'s sheet, type a score from 1 to 5 and the cursor moves on; n is "no score". '
        'Arrow keys move between cells. "out" means the member declared an interest and stepped out; '
        '"·" means not entered yet.\n\n'
        "Scores stay hidden from the room until the chair reveals them. After that, typing on a member's "
        "row changes their score and asks why; the first score is kept. Typing on the Agreed row records "
        "the panel's agreed score.\n\n"
        "On the ranking, the funding line shows where the money runs out. A decision that goes against "
        "the ranking or over the pot asks the panel to say why.",
    ),
    HelpSection(
        "Writing a plan",
        (StepsTable, PlanEditor),
        "Open the editor from the home screen: E changes the chosen plan, C starts a new plan from a copy of it, "
        "N starts from nothing. Or use `workshop-tui plan edit NAME`.\n\n"
        "Enter on a step changes it, as E does. The clock times follow the plan's start time (D sets it, and "
        "the time it must end by). The checks below the steps change as you type: Tab reaches them, and Enter "
        "on one goes to its step.\n\n"
        "Saving writes a new version into the plans folder of the sessions folder; the version it replaces "
        "is kept in plans/earlier/. A built-in plan is never changed: saving it makes your own version, "
        "which takes its place.",
    ),
    HelpSection(
        "A plan's timings from past sessions",
        (PlanTimingsScreen,),
        "T on the home screen shows how the chosen plan's steps went in past sessions: what each usually took "
        "against the plan, how often it ran over or was skipped, how late sessions started and which breaks "
        "ran long. `workshop-tui stats PLAN` prints the same.",
    ),
    HelpSection(
        "After finishing",
        (FinishedScreen,),
        "The session's file is complete: it shows how long each step took against the plan, "
        "what was recorded, and where the file is.",
    ),
    HelpSection(
        "In a form or a question",
        (
            DecisionForm,
            ActionForm,
            ApplicationForm,
            AwardForm,
            StepForm,
            PlanDetailsForm,
            MethodChooser,
            FormDialog,
            TextPrompt,
            ConfirmScreen,
            GuardedConfirmScreen,
        ),
        "Tab moves between fields, Enter opens a list or presses the button chosen.",
    ),
    HelpSection(
        "Who may join",
        (WhoMayJoinScreen,),
        "The facilitator's Ctrl+G. A co-chair joins with the facilitator's code; each panel member with their own "
        "code, which opens only their sheet; anyone else by their name on the roster, or as a guest while guests "
        "are let in.",
    ),
    HelpSection(
        "Past sessions",
        (SessionsBrowser,),
        "Open them from the home screen, or with `workshop-tui review`. Enter opens the chosen session's review. "
        "\"(team)\" after a session's state means it came from your team's archive: it was run on another laptop.",
    ),
    HelpSection(
        "Looking back at a session",
        (ReviewScreen,),
        "Left and Right move between the tabs: summary, notes, decisions, actions, who was heard, "
        "replay and comments. On the actions tab, Enter shows the chosen action whole.",
    ),
]


def key_rows(bindings: list[Binding], keymap: Mapping[str, str]) -> list[str]:
    """One table row for each binding: its keys, then its tooltip."""
    rows, seen = [], set()
    for binding in bindings:
        if (binding.id, binding.action) in seen:
            continue
        seen.add((binding.id, binding.action))
        rows.append(f"| {' or '.join(keys_in_words(current_keys(binding, keymap)))} | {binding.tooltip} |")
    return rows


def _section_text(section: HelpSection, keymap: Mapping[str, str]) -> list[str]:
    parts = ["", f"## {section.heading}", "", "| Key | What it does |", "|---|---|"]
    bindings = [b for b in bindings_of(*section.holders) if not section.only or b.id in section.only]
    parts += key_rows(bindings, keymap)
    if section.notes:
        parts += ["", section.notes]
    return parts


def help_text(app_class: type[App[Any]], keymap: Mapping[str, str] | None = None, first: str = "") -> str:
    """The whole help as Markdown, with the user's own keys (from keys.toml) where they chose any.

    `first` is the anchor of the section to put at the top, before the keys that work anywhere: the
    help opens on the screen it was asked from, with nothing to scroll."""
    keymap = keymap or {}
    title = ["# Help", "", "workshop-tui runs a workshop from a plan: an agenda of steps, each with its own time."]
    sections = sorted(HELP_SECTIONS, key=lambda section: section.anchor != first) if first else HELP_SECTIONS
    parts = title
    if first:  # its keys at the very top, the title after them
        parts = [*_section_text(sections[0], keymap)[1:], "", *title]
        sections = sections[1:]
    palette = Binding(
        app_class.COMMAND_PALETTE_BINDING, "command_palette", tooltip="Open the command list: every action is there"
    )
    parts += ["", "## Anywhere", "", "| Key | What it does |", "|---|---|"]
    parts += key_rows([*bindings_of(app_class), palette, *bindings_of(HelpScreen)], keymap)
    parts += [
        "",
        "To use other keys, write them in keys.toml in the sessions folder, for example:",
        "",
        "    [keys]",
        '    next = "right"',
        '    previous = "left"',
    ]
    for section in sections:
        parts += _section_text(section, keymap)
    return "\n".join(parts) + "\n"


def section_for(screen: Screen[Any]) -> str:
    """The anchor of the help about this screen, or "" for the top."""
    if isinstance(screen, LiveScreen) and screen.type_first:
        return "typing-first"  # the window's own keys first: its letters go into the note line
    for section in HELP_SECTIONS[1:]:  # the home screen's keys follow the top's, so it opens at the top
        if isinstance(screen, section.holders) and not section.only:
            return section.anchor
    return ""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark", "dismiss", "Close help", id="close_help", tooltip="Close this help"),
    ]

    def __init__(self, section: str = "") -> None:
        super().__init__()
        self.section = section

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            # The app's keymap is where Textual keeps the keys chosen in keys.toml.
            # The section of the screen it was asked from comes first, so nothing needs scrolling to.
            yield Markdown(help_text(type(self.app), self.app._keymap, first=self.section))
