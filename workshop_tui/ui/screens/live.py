"""The live session screen: agenda, current step, big countdown, status line and note line."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Input

from workshop_tui.core.event_kinds import Area, Kind
from workshop_tui.core.roles import CALLED, may, refusal
from workshop_tui.core.session_engine import NotNow, SessionEngine
from workshop_tui.core.shown_session import ShownSession
from workshop_tui.model import Session
from workshop_tui.store.open_session import Change, Command, Link, SaveState, SessionLink
from workshop_tui.ui.screens.live_agenda_edits import ask_for_a_new_step
from workshop_tui.ui.screens.live_finish import Finishing
from workshop_tui.ui.screens.live_key_rules import KeyState, offered, refused_key, sharing_words, type_first_words
from workshop_tui.ui.screens.live_keys import LIVE_BINDINGS
from workshop_tui.ui.screens.live_records import ask_for_a_decision, ask_for_an_action, room_record_words
from workshop_tui.ui.screens.live_tick import SecondHand
from workshop_tui.ui.screens.live_updates import (
    OwnerChanged,
    OwnerNews,
    Said,
    agenda_shared,
    saving_news,
    took_over,
    what_came_over,
)
from workshop_tui.ui.widgets.agenda import Agenda
from workshop_tui.ui.widgets.agenda_column import AgendaColumn, heard_words
from workshop_tui.ui.widgets.key_bar import KeyBar
from workshop_tui.ui.widgets.note_line import NoteLine, note_hint
from workshop_tui.ui.widgets.room_projector import RoomProjector
from workshop_tui.ui.widgets.roster_suggester import RosterSuggester
from workshop_tui.ui.widgets.status_row import StatusRow, save_words
from workshop_tui.ui.widgets.step_column import StepColumn
from workshop_tui.ui.widgets.timer_panel import TimerPanel
from workshop_tui.ui.window_rights import is_in_browser


class LiveScreen(Screen[None]):
    """Runs one session. Every key becomes an engine command; the screen only draws."""

    # How the screen is laid out; each widget's own look is in its DEFAULT_CSS (ui/widgets/).
    DEFAULT_CSS = """
    LiveScreen #live {
        height: 1fr;
    }
    /* Projector view: only what the room needs (its look is in ui/widgets/room_projector.py). */
    LiveScreen.-projector #live,
    LiveScreen.-projector #status-row,
    LiveScreen.-projector #note-line,
    LiveScreen.-no-notes #note-line,
    LiveScreen.-projector Footer,
    LiveScreen.-projector Header {
        display: none;
    }
    LiveScreen.-projector #projector-view {
        display: block;
    }
    """

    BINDINGS = LIVE_BINDINGS

    projector = var(False)
    all_notes = var(False)
    type_first = var(False)
    from_palette = False  # set while the command list asks or runs a command (ui/app.py)

    def __init__(self, owner: SessionLink, quiet: bool = False, role: str = "facilitator"):
        super().__init__()
        self.owner = owner
        self.quiet = quiet
        # "facilitator": every key as it is; "note-taker" and "guest": type first; "member": the member's own
        # sheet, opened at once (no note line); "audience": the projector view, read-only.
        self.role = role
        self.audience = role == "audience"
        self.set_reactive(LiveScreen.type_first, role in ("note-taker", "guest"))
        self.set_reactive(LiveScreen.projector, self.audience)
        self.save_message = save_words(owner.save_state)
        # What this screen draws: its own copy of the session as far as it is saved, changed on this thread.
        self.shown = ShownSession(owner)
        self.news = OwnerNews(owner, self.shown)  # what the owner tells, caught up on and not drawn yet
        self.second_hand = SecondHand(self, self.shown, quiet, self.tick)
        self.finishing = Finishing(
            self,
            owner,
            self.shown,
            role,
            self.run_command,
            self.allowed,
            self.second_hand.stop,
            self._carry_on,
            self._unsent,
        )

    @property
    def engine(self) -> SessionEngine:
        """For reading the session (as far as it is saved) and its timer; every change goes through the owner."""
        return self.shown.engine

    @property
    def path(self) -> Path:
        return self.owner.path

    @property
    def session(self) -> Session:
        return self.engine.session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="live"):
            yield AgendaColumn(self, id="agenda-column")
            yield StepColumn(id="step-column")
        yield RoomProjector(at_once=self.audience, id="projector-view")
        yield StatusRow(id="status-row")
        yield NoteLine(
            self,
            placeholder=note_hint(self.app.size.width, self.type_first),
            id="note-line",
            select_on_focus=False,  # coming back to a half-typed note must not select it, or the next key replaces it
            suggester=RosterSuggester(lambda: [p.name for p in self.session.participants]),
        )
        yield KeyBar(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = self.session.title
        if self.session.plan.title != self.session.title:
            self.sub_title = self.session.plan.title
        if self.role != "facilitator" or self.owner.link != Link.OWNER:
            # A window on a session run elsewhere says whose window it is.
            role, _, name = self.owner.window.partition(": ")
            self.sub_title = f"{CALLED.get(role, role).capitalize()}'s window" + (f" ({name})" if name else "")
        self.news.listen(self, self._show_change)
        # What changed between building this screen and listening (a window's welcome may come then)
        # would never be heard: take the state as it is now.
        self.news.start()
        self.save_message = save_words(self.owner.save_state)
        self.set_class(not self.owner.save_state.ok, "-not-saved")
        self.set_class(self.projector, "-projector")
        self.set_class(self.type_first, "-type-first")
        self.show_session()
        note_line = self.query_one("#note-line", Input)
        self.set_class(not self.allowed("add_note"), "-no-notes")  # a panel member's window types no notes
        if self.type_first:
            note_line.focus()
        else:
            self.query_one("#agenda", Agenda).focus()
        if self.role == "member" and self.session.plan.panel is not None:
            self.call_after_refresh(self.action_panel)  # a member's window is for their own sheet
        came_over = what_came_over(self.session)
        if came_over is not None and not self.audience:
            self.say(came_over)
        notice = self.owner.notice
        if notice:
            self.show_notice(notice)
        self.show_link()

    # Drawing.

    def show_session(self) -> None:
        """Redraw everything that depends on the session, not only the clock."""
        upcoming = self.engine.next_index()
        self.query_one(StepColumn).show(
            self.engine.current,
            self.session.steps[upcoming] if upcoming is not None else None,
            self.engine.finished,
        )
        self.show_notes()
        self.second_hand.forget(agenda=True)
        self.tick()
        self.second_hand.restart()

    def show_notes(self) -> None:
        column = self.query_one(AgendaColumn)
        column.show_notes(
            self.session, self.all_notes, self.type_first, self.session.room_record_on and not self.audience
        )
        quiet = self.news.not_heard_yet()
        column.show_heard(heard_words(self.session, quiet, self.allowed("person_arrived"), self.records_key))

    def watch_all_notes(self) -> None:
        if self.is_mounted:
            self.show_notes()

    def tick(self) -> None:
        """Redraw what a person would see change since the last tick, and nothing else (ui/screens/live_tick.py)."""
        if self.engine.finished:
            self.second_hand.stop()  # the finished screen says how it went; no clock runs on
        now = self.engine.clock.now()
        if self.query_one(RoomProjector).away_since is not None:
            self.show_link()  # the audience's words change only after a while away
        saving_works = not self.has_class("-not-saved")
        self.second_hand.draw(now, self.projector, lambda: self.start_key, self.save_message, saving_works)

    def show_room(self) -> None:
        """The projector's view for the room (core/room_view.py), drawn only while it is on show."""
        if self.projector:
            self.query_one(RoomProjector).show_session(self.session, self.engine.clock.now())

    def on_resize(self) -> None:
        # A big terminal (a laptop on a projector) has room for a much larger clock.
        self.query_one(TimerPanel).set_class(self.size.width >= 120 and self.size.height >= 36, "-roomy")
        self.query_one(NoteLine).show_hint(self.size.width, self.type_first)
        self.second_hand.forget(minute=False)
        self.tick()

    def watch_projector(self, on: bool) -> None:
        self.set_class(on, "-projector")
        self.second_hand.forget()
        self.tick()

    # What the owner tells: events applied (from any window) and how saving went.

    def on_owner_changed(self, message: OwnerChanged) -> None:
        self._show_change(message.change)  # told on the saver's thread (OwnerNews.listen)

    def catch_up(self) -> None:
        """Bring this screen's copy of the session up to what is saved (on this thread); draw it later."""
        self.news.catch_up()

    def _show_change(self, change: Change) -> None:
        if not self.is_attached or not self.is_mounted:
            return  # the screen has closed; the file is saved all the same
        if change.notice is not None:
            self.show_notice(change.notice)
        if change.reset and self.owner.link == Link.OWNER:  # this window took over
            self.say(took_over(self.owner.kept_everything))
        news = self.news.take()
        if news.has(Kind.SESSION_SHARE):
            self.refresh_bindings()  # the agenda keys come or go
            if self.role == "note-taker":
                self.say(agenda_shared(self.session.note_taker_runs_agenda))
        if news.area & (Area.AGENDA | Area.CLOCK):
            self.show_session()  # all of it, the agenda whole, after a copy rebuilt whole (Area.ALL)
        elif news.area & (Area.NOTES | Area.PEOPLE):
            self.show_notes()
        if news.area & (Area.NOTES | Area.RECORDS | Area.PEOPLE):
            self.show_room()  # the group's record on the projector, as it is typed
        if news.has(Kind.SESSION_ROOM_RECORD):
            self.refresh_bindings()  # show or hide, names or none: the other is offered now
        self._show_save(change.save)
        self.show_link()
        self.finishing.heard(bool(news.events), self.audience)

    def say(self, said: Said) -> None:
        self.notify(said.words, title=said.title, severity=said.severity, timeout=said.timeout, markup=said.markup)

    def show_notice(self, notice: str) -> None:
        """Words for the facilitator's screen, such as the address and join code for browsers. Other
        windows keep saying whose window they are."""
        if self.role != "facilitator":
            return
        if not notice:  # the browsers' server has stopped
            self.sub_title = self.session.plan.title if self.session.plan.title != self.session.title else ""
            return
        self.sub_title = notice
        self.notify(notice, title="Browser windows", timeout=30, markup=False)

    def show_link(self) -> None:
        """In words, where this window stands with the session: it has ended, its owner has gone (the room's
        words are in ui/widgets/room_projector.py, `link_words`)."""
        self.query_one(RoomProjector).show_link(
            self.owner.link, self.engine.finished, self.audience, self.engine.clock.now()
        )

    def _show_save(self, state: SaveState) -> None:
        was_failing = self.has_class("-not-saved")
        words = save_words(state)
        if words == self.save_message and was_failing == (not state.ok):
            return
        self.save_message = words
        said = saving_news(state, was_failing)
        if said is not None:
            self.say(said)
        self.set_class(not state.ok, "-not-saved")
        self.second_hand.forget()
        self.tick()

    def save_before_quitting(self) -> SaveState:
        """The last save, made on the way out."""
        return self.owner.flush()

    def on_unmount(self) -> None:
        self.news.stop()

    # Commands.

    def run_command(self, command: str, /, **args: Any) -> bool:
        """Ask the owner to do `command`; one that cannot be done now is said in a notice."""
        try:
            self.owner.carry_out(Command(command, args))
        except NotNow as reason:
            self.notify(str(reason), title="Not now", severity="warning")
            return False
        self.show_saved()
        return True

    def show_saved(self) -> None:
        """Draw what is saved now: a change of this window's own shows as soon as it is on disk."""
        self._show_change(Change((), self.owner.save_state))

    def allowed(self, command: str) -> bool:
        """Whether this window may send `command` now (core/roles.py, with the session's own setting)."""
        return may(self.role, command, is_in_browser(self.app), self.session.note_taker_runs_agenda)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        now = KeyState(
            audience=self.audience,
            finished=self.engine.finished,
            type_first=self.type_first,
            from_palette=self.from_palette,
            typing=isinstance(self.focused, Input),
            has_panel=self.session.plan.panel is not None,
            room_record_on=self.session.room_record_on,
            room_names_shown=self.session.room_names_shown,
        )
        return offered(action, now, self.allowed)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def action_panel(self) -> None:
        from workshop_tui.ui.screens.panel import PanelScreen  # loaded when first opened, not at launch

        self.app.push_screen(PanelScreen(self), lambda _: self.show_session())

    def action_type_first(self) -> None:
        self.type_first = not self.type_first
        self.notify(type_first_words(self.type_first), title="Keys")

    @property
    def records_key(self) -> str:
        return "F6" if self.type_first else "r"

    @property
    def start_key(self) -> str:
        """The key that starts the timer here, as the words on screen name it."""
        if self.audience or not self.allowed("start_timer"):
            return ""  # this window cannot start it: no key is offered
        return "F5" if self.type_first else "space"

    def watch_type_first(self, on: bool) -> None:
        self.set_class(on, "-type-first")
        if self.is_mounted:
            note_line = self.query_one(NoteLine)
            note_line.show_hint(self.size.width, on)
            if on:
                self.projector = False
                note_line.focus()
            self.second_hand.forget()
            self.tick()
        self.refresh_bindings()

    def on_key(self, event: events.Key) -> None:
        refused = self._refused_agenda_key(event.key)
        if refused:
            event.stop()
            event.prevent_default()
            self.notify(refusal(self.role, refused, is_in_browser(self.app)), title="Not now", severity="warning")
            return
        # Type first: a letter pressed while the agenda or the notes have the focus still goes into the note line.
        if self.type_first and event.is_printable and not isinstance(self.focused, Input):
            self.query_one(NoteLine).take_letter(event.character or "")
            event.stop()
            event.prevent_default()

    def _refused_agenda_key(self, key: str) -> str:
        """The command an agenda key of this screen would send, when this window may not send it."""
        if self.audience:
            return ""  # the audience's keys do nothing
        return refused_key(key, self._bindings.key_to_bindings.get(key, []), self.allowed, self.type_first)

    def action_share_agenda(self) -> None:
        shared = not self.session.note_taker_runs_agenda
        if self.run_command("share_agenda", agenda=shared):
            self.notify(sharing_words(shared), title="The agenda", timeout=8)

    def action_who_may_join(self) -> None:
        from workshop_tui.ui.screens.who_may_join import WhoMayJoinScreen

        self.app.push_screen(WhoMayJoinScreen(lambda: self.session, self.run_command, lambda: self.owner.notice or ""))

    def on_screen_resume(self) -> None:
        if self.type_first:
            self.query_one("#note-line", Input).focus()

    def action_toggle_timer(self) -> None:
        # What the person saw: a running timer is paused, a paused one started (never a toggle that a
        # change made meanwhile in another window would turn the other way).
        self.run_command("pause_timer" if self.engine.countdown().running else "start_timer")

    def action_next_step(self) -> None:
        if not self.finishing.at_the_last_step(typing=isinstance(self.focused, Input)):
            self.run_command("next_step", from_step=self.engine.current.id)

    def action_previous_step(self) -> None:
        self.run_command("previous_step", from_step=self.engine.current.id)

    def action_add_minute(self) -> None:
        self.run_command("add_minutes", minutes=1, step=self.engine.current.id)

    def action_remove_minute(self) -> None:
        self.run_command("add_minutes", minutes=-1, step=self.engine.current.id)

    def action_projector(self) -> None:
        if not self.audience:
            self.projector = not self.projector

    def action_show_room_record(self) -> None:
        self._room_record(True, self.session.room_names_shown)

    def action_hide_room_record(self) -> None:
        self._room_record(False, self.session.room_names_shown)

    def action_show_room_names(self) -> None:
        self._room_record(self.session.room_record_on, True)

    def action_hide_room_names(self) -> None:
        self._room_record(self.session.room_record_on, False)

    def _room_record(self, on: bool, names: bool) -> None:
        if not self.run_command("room_record", on=on, names=names) or self.projector:
            return  # on the projector the room sees the change itself: no words over it
        said = room_record_words(on, names)
        self.notify(said, title="The group's record", timeout=8)

    def action_note_line(self) -> None:
        self.projector = False
        # Focus at once, so keys typed straight after 't' land in the note line.
        self.set_focus(self.query_one("#note-line", Input))

    def action_leave_note_line(self) -> None:
        if self.projector:
            self.projector = False
        self.set_focus(self.query_one("#agenda", Agenda))

    def action_finish(self) -> None:
        self.finishing.ask()

    def close_finished(self) -> None:
        self.finishing.close()

    def _carry_on(self) -> None:
        self.show_session()
        self.second_hand.schedule()

    def _unsent(self) -> bool:
        return bool(self.query_one("#note-line", Input).value.strip()) or self.app.screen is not self

    # Recording: notes, decisions, actions, people and the parking lot.

    def try_command(self, command: str, /, **args: Any) -> str:
        """Do `command` for a form: "" when done, else the sentence saying why not, for the form to show."""
        try:
            self.owner.carry_out(Command(command, args))
        except NotNow as reason:
            return str(reason)
        self.show_saved()
        return ""

    def action_undo_remove(self) -> None:
        self.run_command("undo_remove")

    def action_all_notes(self) -> None:
        self.all_notes = not self.all_notes

    def action_decision(self) -> None:
        ask_for_a_decision(self.app, self.engine, self.try_command)

    def action_action(self) -> None:
        self.ask_for_action(from_note=self.query_one(AgendaColumn).note_in_use() or "")

    def ask_for_action(self, from_note: str = "", done: Callable[[], object] | None = None) -> None:
        """Open the action form; from a note, its words are the starting point (the records screen asks too)."""
        ask_for_an_action(self.app, self.engine, self.try_command, from_note, done)

    def action_records(self, tab: str = "people") -> None:
        from workshop_tui.ui.screens.records import RecordsScreen  # loaded when first opened, not at launch

        self.app.push_screen(RecordsScreen(self, tab), lambda _: self.show_session())

    def action_parking_lot(self) -> None:
        self.action_records("parking")

    # Changing the plan on the fly. The agenda's and the notes list's keys act on what is chosen in them
    # (AgendaColumn carries out what they ask); the screen holds the same keys, so they work wherever the
    # focus is, and from the command list.

    def action_insert_step(self) -> None:
        ask_for_a_new_step(self.app, len(self.engine.present_people()), self.try_command)

    def action_change_chosen(self) -> None:
        self.query_one(AgendaColumn).change_chosen()

    def action_remove_chosen(self) -> None:
        self.query_one(AgendaColumn).remove_chosen()

    def action_skip_step(self) -> None:
        self.query_one("#agenda", Agenda).action_skip_step()

    def action_move_step(self, direction: int) -> None:
        self.query_one("#agenda", Agenda).action_move_step(direction)

    # F5, F7, F8, F3, F4, F6 and F9 do what space, p, n, d, a, r and c do, and reach it while a note is typed.
    action_typing_timer = action_toggle_timer
    action_typing_previous = action_previous_step
    action_typing_next = action_next_step
    action_typing_decision = action_decision
    action_typing_action = action_action
    action_typing_records = action_records
    action_typing_panel = action_panel
