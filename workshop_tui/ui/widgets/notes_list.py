"""The notes taken so far: this step's, or every step's. Kinds are named in words, not colour."""

from dataclasses import dataclass
from typing import Any, ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.wording import names_and
from workshop_tui.model import Note, Session
from workshop_tui.model.note import NOTE_KIND_WORDS
from workshop_tui.model.participant import person_labels
from workshop_tui.ui.widgets.chosen_keys import CHANGE_CHOSEN, REMOVE_CHOSEN

# Changes that can alter notes already on show, or the names beside them.
REDRAW_EVENTS = {Kind.NOTE_EDIT, Kind.NOTE_REMOVE, Kind.NOTE_RESTORE, Kind.NOTE_DEALT_WITH, Kind.PERSON_ADD}


def note_line(note: Note, names: dict[str, str], step_title: str = "") -> str:
    """One note as the list shows it; `names` are the roster's labels (see person_labels)."""
    who = f" - {names_and([names.get(p, 'someone') for p in note.speakers])}" if note.speakers else ""
    where = f"[{step_title}] " if step_title else ""
    kind = "" if note.kind == "note" else f"{NOTE_KIND_WORDS[note.kind].capitalize()}: "
    edited = " (edited)" if note.earlier else ""
    return f"{note.at:%H:%M} {where}{kind}{note.text}{who}{edited}"


class NotesList(OptionList):
    """Option ids are note ids, so the live screen (its AgendaColumn) knows which note a key acts on.

    Only the newest MOST notes are listed: a long list would slow every key press,
    and older notes stay in the file and in the review.
    """

    DEFAULT_CSS = """
    NotesList, NotesList:focus {
        height: 1fr;
        min-height: 3;
        border: none;
    }
    NotesList:focus {
        background: $boost;
    }
    """

    # Enter changes the chosen note too. The screen offers the same keys (and says which this window may press).
    BINDINGS: ClassVar[list[BindingType]] = [CHANGE_CHOSEN, REMOVE_CHOSEN]
    OWN_ACTIONS = frozenset({"change_chosen", "remove_chosen"})

    @dataclass
    class ChangeNote(Message):
        note: str

    @dataclass
    class RemoveNote(Message):
        note: str

    MOST = 50

    def __init__(self, **kwargs: Any) -> None:
        # Plain text: a note like "[see above]" is words, not markup.
        super().__init__(markup=False, **kwargs)
        self._view: tuple[bool, str] | None = None
        self._session: Session | None = None  # the session last shown: another one is drawn whole
        self._events_seen = 0
        self._notes_seen = 0
        self.total = 0  # notes that belong in the list, shown or not

    def show(self, session: Session, all_steps: bool) -> None:
        """Bring the list up to date. Adding a note costs the same however many there are."""
        current = session.steps[session.current_step].id
        view = (all_steps, current)
        new_events = session.events[self._events_seen :]
        # The same session, grown: only its new notes are added. A session replaced (a window took over,
        # or joined again) or shorter than what was shown is drawn whole, so the list never shows a
        # note the session does not hold, nor a note twice.
        same = (
            session is self._session
            and len(session.events) >= self._events_seen
            and len(session.notes) >= self._notes_seen
        )
        if same and view == self._view and not any(e.kind in REDRAW_EVENTS for e in new_events):
            self._append(session, session.notes[self._notes_seen :], all_steps, current)
        else:
            self._redraw(session, all_steps, current)
        self._view = view
        self._session = session
        self._events_seen = len(session.events)
        self._notes_seen = len(session.notes)

    def _wanted(self, note: Note, all_steps: bool, current: str) -> bool:
        return note.removed_at is None and (all_steps or note.step == current)

    def _append(self, session: Session, notes: list[Note], all_steps: bool, current: str) -> None:
        names = person_labels(session.participants)
        titles = {step.id: step.title for step in session.steps} if all_steps else {}
        fresh = [n for n in notes if self._wanted(n, all_steps, current)]
        if fresh:
            self.total += len(fresh)  # all of them, before only the newest are kept for the list
            fresh = fresh[-self.MOST :]
            self.add_options(Option(note_line(n, names, titles.get(n.step, "")), id=n.id) for n in fresh)
            while self.option_count > self.MOST:
                self.remove_option_at_index(0)
            # Once the list is full the last row's number stays the same, so setting it alone would
            # not move the view: the newest note must be brought into sight every time.
            self.highlighted = self.option_count - 1
            self.scroll_end(animate=False)  # after the next layout, when the new rows have their place

    def _redraw(self, session: Session, all_steps: bool, current: str) -> None:
        names = person_labels(session.participants)
        titles = {step.id: step.title for step in session.steps} if all_steps else {}
        keep = self.highlighted
        self.clear_options()
        notes = [n for n in session.notes if self._wanted(n, all_steps, current)]
        self.total = len(notes)
        notes = notes[-self.MOST :]
        self.add_options(Option(note_line(n, names, titles.get(n.step, "")), id=n.id) for n in notes)
        if notes:
            self.highlighted = len(notes) - 1 if keep is None else min(keep, len(notes) - 1)

    @property
    def chosen_note(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With no note chosen the key is left to the screen (it acts on the agenda's chosen step). Whether this
        # window may press it now is the screen's to say, for its keys and these alike.
        if action in self.OWN_ACTIONS:
            return self.chosen_note is not None and self.screen.check_action(action, parameters)
        return super().check_action(action, parameters)

    def action_change_chosen(self) -> None:
        if self.chosen_note is not None:
            self.post_message(self.ChangeNote(self.chosen_note))

    def action_remove_chosen(self) -> None:
        if self.chosen_note is not None:
            self.post_message(self.RemoveNote(self.chosen_note))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ChangeNote(event.option.id))
