"""Before a session starts: its title, who is facilitating and taking notes, and for a part 2,
which part 1 session it follows on from (its people and open actions come over)."""

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.core.session_summary import SessionLine
from workshop_tui.core.wording import plural
from workshop_tui.model import Plan
from workshop_tui.store.sessions_folder import likeliest_first
from workshop_tui.ui.middle_cut import middle_cut
from workshop_tui.ui.screens.form_dialog import FormDialog

LONGEST_TITLE = 200  # as a session's title allows
LONGEST_NAME = 100


@dataclass(frozen=True)
class SessionDetails:
    title: str
    facilitator: str
    note_taker: str
    follows: Path | None = None  # the earlier session (part 1) to carry people and open actions from


def earlier_words(line: SessionLine, room: int = 0) -> str:
    """A part 1 session as the choice names it: its day first (what tells two groups apart), its
    title and what comes over. Given the `room` it has, its title is cut in the middle to fit one line."""
    when = f"{line.started_at:%a %-d %b %Y}: " if line.started_at else ""
    unfinished = "" if line.status == "finished" else " (not finished)"
    after = f"{unfinished}, {plural(line.open_actions, 'open action')}"
    title = middle_cut(line.title, max(room - len(when) - len(after), 12)) if room else line.title
    return f"{when}{title}{after}"


class StartSessionScreen(FormDialog[SessionDetails]):
    def __init__(self, plan: Plan, earlier: list[SessionLine] | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.earlier = earlier or []  # the sessions it could follow on from
        self._chosen_by_hand = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Start a session of '{self.plan.title}'", markup=False, classes="question")
            yield Label("Title of this session")
            yield Input(self.plan.title, id="session-title")
            with Horizontal(id="names"):
                with Vertical():
                    yield Label("Facilitator (can be empty)")
                    yield Input(id="facilitator")
                with Vertical():
                    yield Label("Note-taker (can be empty)")
                    yield Input(id="note-taker")
            if self.earlier and self.continues_a_round:
                yield Label("Continue a round from an earlier sitting (its people, applications and scores come over)")
                choices = self._choices(self.plan.title)
                yield Select(choices, value="", allow_blank=False, id="follows")  # a new round unless chosen
            elif self.earlier:
                yield Label("Follow on from (their people and open actions come over)")
                choices = self._choices(self.plan.title)
                yield Select(choices, value=choices[0][1], allow_blank=False, id="follows")
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Start (enter)", id="start", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    @property
    def continues_a_round(self) -> bool:
        """A panel's plan: the earlier sessions are sittings whose round this one could continue."""
        return self.plan.panel is not None and not self.plan.follows

    def _choices(self, title: str) -> list[tuple[str, str]]:
        room = self._choice_room()
        choices = [(earlier_words(line, room), str(line.path)) for line in likeliest_first(self.earlier, title)]
        if self.continues_a_round:
            return [("None: open a new round", ""), *choices]
        return [*choices, ("None: start without an earlier session", "")]

    def _choice_room(self) -> int:
        """How many cells the chosen session's words have (0 before the form is laid out)."""
        shown = self.query("#follows SelectCurrent #label")
        return shown.first().size.width if shown and self.is_mounted else 0

    def on_resize(self) -> None:
        if self.earlier:
            self.call_after_refresh(self._fit_choices)

    def _fit_choices(self, tries: int = 5) -> None:
        """Name the choices again now that their room is known, keeping the one chosen."""
        if not self._choice_room():  # not laid out yet
            if tries:
                self.call_after_refresh(self._fit_choices, tries - 1)
            return
        follows = self.query_one("#follows", Select)
        chosen = follows.value
        choices = self._choices(self.query_one("#session-title", Input).value)
        follows.set_options(choices)
        # Through another choice and back: a Select draws the words of its choice only when it changes.
        follows.value = next(value for _, value in choices if value != chosen)
        follows.value = chosen

    @on(Input.Changed, "#session-title")
    def title_changed(self, event: Input.Changed) -> None:
        # Until the facilitator chooses, the likeliest part 1 follows the title as it is typed.
        if not self.earlier or self._chosen_by_hand or self.continues_a_round:
            return
        choices = self._choices(event.value)
        follows = self.query_one("#follows", Select)
        follows.set_options(choices)
        follows.value = choices[0][1]

    @on(Select.Changed, "#follows")
    def follows_chosen(self, event: Select.Changed) -> None:
        # Only a change made in the list itself is the facilitator's choice (the title field has focus otherwise).
        if event.select.has_focus:
            self._chosen_by_hand = True

    def on_input_submitted(self) -> None:
        # The button says "Start (enter)": Enter starts from any field; Tab moves between them.
        self.save()

    def save(self) -> None:
        title = self.query_one("#session-title", Input).value.strip()
        if not title:
            self.show_problem("Please give the session a title.", "#session-title")
            return
        if len(title) > LONGEST_TITLE:
            self.show_problem(
                f"The title is {len(title)} characters long; it can be at most {LONGEST_TITLE}. Please shorten it.",
                "#session-title",
            )
            return
        names = {}
        for field in ("facilitator", "note-taker"):
            names[field] = self.query_one(f"#{field}", Input).value.strip()
            if len(names[field]) > LONGEST_NAME:
                self.show_problem(
                    f"A name can be at most {LONGEST_NAME} characters long; initials are fine.", f"#{field}"
                )
                return
        follows = None
        if self.earlier:
            chosen = self.query_one("#follows", Select).value
            follows = Path(chosen) if isinstance(chosen, str) and chosen else None
        self.finish(SessionDetails(title, names["facilitator"], names["note-taker"], follows))
