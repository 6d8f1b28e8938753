"""The session engine: a user's command becomes events, and events change the session.

The UI calls these commands and draws the session; it never changes the session itself.
A command that makes no sense now raises NotNow with a sentence to show the user.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from workshop_tui.core.clock import Clock
from workshop_tui.core.command_rules import command
from workshop_tui.core.countdown import Countdown
from workshop_tui.core.event_details import Details
from workshop_tui.core.event_kinds import Kind, apply_event
from workshop_tui.core.joining import new_code, without_codes_yet
from workshop_tui.core.panel_commands import PanelCommands
from workshop_tui.core.panel_events import RoundCarried
from workshop_tui.core.record_commands import NotNow, RecordCommands
from workshop_tui.core.record_events import ActionCarried, PersonAdded, SessionFollowed
from workshop_tui.core.session_events import (
    AboutStep,
    CodeMade,
    GuestsChanged,
    RoomRecordChanged,
    SessionSetUp,
    SharingChanged,
    StepAdded,
    StepChanged,
    StepEdited,
    StepExtended,
    StepMoved,
    StepOnShow,
)
from workshop_tui.core.window_roles import FACILITATOR, WRITERS
from workshop_tui.model import Event, Plan, Session, SessionStep
from workshop_tui.model.command_arguments import (
    LONGEST_STEP,
    LONGEST_TITLE,
    SHORTEST_STEP,
    AddMinutes,
    AllowGuests,
    ChangeStep,
    InsertStep,
    MoveOn,
    MoveStep,
    NoArguments,
    OneStep,
    RoomRecord,
    ShareAgenda,
    SkipStep,
)
from workshop_tui.model.decision import DECISION_METHODS
from workshop_tui.model.plan import STEP_KINDS
from workshop_tui.model.session_start import SessionStart

UNDO_FINISH_SECONDS = 60  # a finish made by mistake can be taken back for this long


def _step_title(title: str) -> str:
    title = title.strip()
    if len(title) > LONGEST_TITLE:
        raise NotNow(f"A step's title can be at most {LONGEST_TITLE} characters; this one has {len(title)}.")
    return title


def steps_from_plan(plan: Plan) -> list[SessionStep]:
    return [SessionStep(id=f"s{number}", **step.model_dump()) for number, step in enumerate(plan.steps, start=1)]


def first_state(start: SessionStart) -> Session:
    """The session as it was created: the plan's steps, nobody on the roster, nothing recorded."""
    return Session(**dict(start), status="paused", steps=steps_from_plan(start.plan))


def start_of(session: Session) -> SessionStart:
    return SessionStart(**{name: getattr(session, name) for name in SessionStart.model_fields})


def new_session(plan: Plan, title: str, clock: Clock, facilitator: str = "", note_taker: str = "") -> Session:
    """A fresh session of `plan`, on its first step with the timer not yet started."""
    now = clock.now()
    session = first_state(
        SessionStart(
            id=f"{now:%Y-%m-%d-%H%M}",
            title=title.strip() or plan.title,
            started_at=now,
            facilitator=facilitator.strip(),
            note_taker=note_taker.strip(),
            plan=plan,
        )
    )
    session.events.append(Event(at=now, kind=Kind.SESSION_START, details=SessionSetUp(plan=plan.name).plain()))
    return session


def countdown_of(step: SessionStep) -> Countdown:
    return Countdown(
        allowed_seconds=60 * step.allowed_minutes,
        used_before_seconds=step.elapsed_seconds,
        running_since=step.running_since,
    )


def is_on_agenda(step: SessionStep) -> bool:
    """Still to be run: neither skipped nor removed."""
    return step.skipped_at is None and step.removed_at is None


__all__ = ["NotNow", "SessionEngine", "WrongThread", "new_session"]


class WrongThread(RuntimeError):
    """A bug: a thread other than the one named changed a session."""


class SessionEngine(RecordCommands, PanelCommands):
    def __init__(self, session: Session, clock: Clock):
        self.session = session
        self.clock = clock
        # Held while the session changes, so a saver thread never sees half a change.
        self.lock = threading.RLock()
        # Stamped on each event made: the window it came from and the command's id (see `stamped`).
        self._stamp: dict[str, str] = {}
        # The one thread that may change this session, once one is named (`changed_only_on`): an owner's
        # applying thread, a screen's own thread for what it shows. None: not checked (a replay, a test).
        self._changer: threading.Thread | None = None
        # Makes each code to join with (core/joining.py); a test or an example hands in a repeatable one.
        self.new_code: Callable[[set[str]], str] = new_code

    def changed_only_on(self, thread: threading.Thread | None) -> None:
        """From now on only `thread` may change this session; any other that tries raises WrongThread."""
        self._changer = thread

    # What the screen reads.

    @property
    def current(self) -> SessionStep:
        return self.session.steps[self.session.current_step]

    @property
    def finished(self) -> bool:
        return self.session.status == "finished"

    def countdown(self) -> Countdown:
        return countdown_of(self.current)

    def next_index(self) -> int | None:
        return self._neighbour(self.session.current_step, +1)

    def previous_index(self) -> int | None:
        return self._neighbour(self.session.current_step, -1)

    def _neighbour(self, index: int, direction: int) -> int | None:
        index += direction
        while 0 <= index < len(self.session.steps):
            if is_on_agenda(self.session.steps[index]):
                return index
            index += direction
        return None

    # Commands.

    def _emit(self, event_kind: Kind, details: Details | None = None) -> list[Event]:
        """Make an event of `event_kind`, saying `details` (in the kind's shape), and apply it."""
        if self.finished:
            raise NotNow("This session has finished, so it cannot change now.")
        plain = details.plain() if details is not None else {}
        event = Event(at=self.clock.now(), kind=event_kind, details=plain, **self._stamp)
        self.apply(event)
        return [event]

    @contextmanager
    def stamped(self, window: str, command: str) -> Iterator[None]:
        """Run one command with the lock held (so commands from several windows never interleave),
        stamping each event it makes with the window it came from and the command's id."""
        with self.lock:
            self._stamp = {key: value for key, value in (("window", window), ("command", command)) if value}
            try:
                yield
            finally:
                self._stamp = {}

    def apply(self, event: Event) -> None:
        """Apply an event made elsewhere (a trainer's comment), and keep it in the log."""
        if self._changer is not None and threading.current_thread() is not self._changer:
            # Two threads changing one session is how a screen once read a step being moved: never again.
            raise WrongThread(
                f"{threading.current_thread().name} tried to change a session only {self._changer.name} may change"
            )
        with self.lock:
            apply_event(self.session, event)
            self.session.events.append(event)

    @command(WRITERS, NoArguments, shared=True)
    def start_timer(self) -> list[Event]:
        if self.countdown().running:
            raise NotNow("The timer is already running.")
        return self._emit(Kind.TIMER_START, StepOnShow(step=self.current.id))

    @command(WRITERS, NoArguments, shared=True)
    def pause_timer(self) -> list[Event]:
        if not self.countdown().running:
            raise NotNow("The timer is already paused.")
        return self._emit(Kind.TIMER_PAUSE, StepOnShow(step=self.current.id))

    @command(WRITERS, NoArguments, shared=True)
    def toggle_timer(self) -> list[Event]:
        return self.pause_timer() if self.countdown().running else self.start_timer()

    def _still_on(self, step: str | None) -> None:
        """A command made from what a person saw: refused if the session has moved on since."""
        if step is not None and step != self.current.id:
            raise NotNow(f"The session has moved on to '{self.current.title}' already, so that was not done.")

    @command(WRITERS, MoveOn, shared=True)
    def next_step(self, from_step: str | None = None) -> list[Event]:
        self._still_on(from_step)
        target = self.next_index()
        if target is None:
            raise NotNow("This is the last step. Choose 'Finish the session' when the group is done.")
        return self._emit(Kind.STEP_NEXT, StepChanged(from_=self.current.id, to=self.session.steps[target].id))

    @command(WRITERS, MoveOn, shared=True)
    def previous_step(self, from_step: str | None = None) -> list[Event]:
        self._still_on(from_step)
        target = self.previous_index()
        if target is None:
            raise NotNow("This is the first step, so there is no step before it.")
        return self._emit(Kind.STEP_PREVIOUS, StepChanged(from_=self.current.id, to=self.session.steps[target].id))

    @command(WRITERS, AddMinutes, shared=True)
    def add_minutes(self, minutes: int = 1, step: str | None = None) -> list[Event]:
        self._still_on(step)
        current = self.current
        if current.allowed_minutes + minutes < SHORTEST_STEP:
            raise NotNow("A step needs at least one minute, so no more time can be taken off.")
        if current.allowed_minutes + minutes > LONGEST_STEP:
            raise NotNow(f"A step can be at most {LONGEST_STEP} minutes long, so no more time can be added.")
        return self._emit(Kind.STEP_EXTEND, StepExtended(step=current.id, minutes=minutes))

    @command(FACILITATOR, NoArguments, "finish the session")
    def finish(self) -> list[Event]:
        return self._emit(Kind.SESSION_FINISH, StepOnShow(step=self.current.id))

    @command(FACILITATOR, ShareAgenda, "choose who runs the agenda")
    def share_agenda(self, agenda: bool) -> list[Event]:
        """Let the note-taker's window run the agenda, the timer and the roster too (or stop letting it)."""
        if self.session.note_taker_runs_agenda == agenda:
            return []  # as it is already: nothing to record
        return self._emit(Kind.SESSION_SHARE, SharingChanged(agenda=agenda))

    @command(FACILITATOR, AllowGuests, "choose whether guests may join")
    def allow_guests(self, allowed: bool) -> list[Event]:
        """Let a window join under a name not on the roster, as a guest (or stop letting one)."""
        if self.session.guests_allowed == allowed:
            return []
        return self._emit(Kind.SESSION_GUESTS, GuestsChanged(allowed=allowed))

    @command(FACILITATOR, RoomRecord, "choose what the projector shows of the group's record", in_the_room=True)
    def room_record(self, on: bool, names: bool = False) -> list[Event]:
        """Show the group's record of this step on the projector (or stop), with people's names or without."""
        if (self.session.room_record_on, self.session.room_names_shown) == (on, names):
            return []
        return self._emit(Kind.SESSION_ROOM_RECORD, RoomRecordChanged(on=on, names=names))

    @command(FACILITATOR, NoArguments, "make the codes for a co-chair and the panel")
    def make_codes(self) -> list[Event]:
        """A code for a co-chair's window and one for each panel member's own window, where there is none yet.
        Codes once made stay the same: a member's printed card goes on working."""
        events: list[Event] = []
        for holder in without_codes_yet(self.session):
            code = self.new_code(set(self.session.codes.values()))
            events += self._emit(Kind.SESSION_CODE, CodeMade(holder=holder, code=code))
        return events

    @command(FACILITATOR, NoArguments, "take back the finish")
    def reopen(self) -> list[Event]:
        """Take back a finish made by mistake, within UNDO_FINISH_SECONDS of it."""
        ended = self.session.ended_at
        if not self.finished or ended is None:
            raise NotNow("The session has not finished, so there is nothing to take back.")
        if (self.clock.now() - ended).total_seconds() > UNDO_FINISH_SECONDS:
            raise NotNow(
                "The session finished more than a minute ago, so it stays finished. "
                "To carry on, start a new session that follows on from it."
            )
        event = Event(
            at=self.clock.now(),
            kind=Kind.SESSION_REOPEN,
            details=StepOnShow(step=self.current.id).plain(),
            **self._stamp,
        )
        self.apply(event)
        return [event]

    def follow_on(self, earlier: Session, file: str) -> list[Event]:
        """Start from the earlier session (part 1): its people, not arrived yet, and its open actions;
        for a panel, its round (the next sitting of the same round: scores, declarations and all).

        Only a session that has just begun can follow on, so what was carried is all at its start.
        `file` names the earlier session's file, so its minutes can find this one later.
        """
        if len(self.session.events) > 1 or self.session.participants or self.session.actions:
            raise NotNow("Only a session that has just begun can follow on from an earlier one.")
        if earlier.id == self.session.id and earlier.started_at == self.session.started_at:
            raise NotNow("A session cannot follow on from itself.")
        follows = SessionFollowed(file=file, title=earlier.title, started_at=earlier.started_at, plan=earlier.plan.name)
        events = self._emit(Kind.SESSION_FOLLOW, follows)
        people: dict[str, str] = {}  # the earlier session's ids -> this one's
        for person in earlier.participants:
            person_id = f"p{len(self.session.participants) + 1}"
            people[person.id] = person_id
            added = PersonAdded(person=person_id, name=person.name, role=person.role, arrived=False)
            events += self._emit(Kind.PERSON_ADD, added)
        for action in earlier.actions:
            if action.done_at is not None:
                continue
            carried = ActionCarried(
                action=f"a{len(self.session.actions) + 1}",
                from_=action.id,
                text=action.text,
                owner=action.owner,
                due=action.due,
            )
            events += self._emit(Kind.ACTION_CARRY, carried)
        if earlier.panel is not None and self.session.plan.panel is not None:
            events += self._carry_round(earlier, file, people)
        return events

    # A panel's events that carry a round from one sitting to the next, in the order they happened.
    ROUND_KINDS = frozenset(
        {
            Kind.ROUND_OPEN,
            Kind.ROUND_POT,
            Kind.APPLICATION_ADD,
            Kind.APPLICATION_EDIT,
            Kind.APPLICATION_WITHDRAW,
            Kind.APPLICATION_REMOVE,
            Kind.IMPORT_UNDO,
            Kind.DECLARATION_ADD,
            Kind.DECLARATION_UNDO,
            Kind.SCORE_ENTER,
            Kind.SCORES_REVEAL,
            Kind.SCORE_CHANGE,
            Kind.SCORE_AGREE,
            Kind.AWARD_MAKE,
            Kind.MEMBER_COMMENT,
            Kind.TIE_ORDER,
        }
    )

    def _carry_round(self, earlier: Session, file: str, people: dict[str, str]) -> list[Event]:
        """The earlier sitting's round, event by event, as it happened there: the pot, the applications,
        declarations, scores (typed there or in members' own windows before the day), comments, and any
        moderation and awards. Each keeps its first time and window, and says which sitting it came from."""
        now = self.clock.now()
        carried: list[Event] = []
        for event in earlier.events:
            if event.kind not in self.ROUND_KINDS:
                continue
            details = dict(event.details)
            for key in ("member",):
                if key in details:
                    details[key] = people.get(str(details[key]), str(details[key]))
            for key in ("present", "stepped_out"):
                if isinstance(details.get(key), list):
                    details[key] = [people.get(str(p), str(p)) for p in details[key]]  # type: ignore[union-attr]
            details["first_at"] = event.details.get("first_at", event.at)
            details["sitting"] = event.details.get("sitting", file)
            carried.append(Event(at=now, kind=event.kind, details=details, window=event.window))
            if event.kind == Kind.ROUND_OPEN:
                came_over = RoundCarried(file=file, title=earlier.title).plain()
                carried.append(Event(at=now, kind=Kind.ROUND_CARRY, details=came_over))
        # Each member's code comes over too, so a card printed for the first sitting opens their window at the next.
        for holder, code in earlier.codes.items():
            if holder in people:
                made = CodeMade(holder=people[holder], code=code).plain()
                carried.append(Event(at=now, kind=Kind.SESSION_CODE, details=made))
        for event in carried:
            self.apply(event)
        return carried + self.make_codes()

    # Changing the plan on the fly: only steps still to come can change.

    def chosen(self, index: int | None, step: str | None) -> int:
        """The place of the step a person chose: by its id, or (older windows) by its place."""
        if step is not None:
            places = [place for place, each in enumerate(self.session.steps) if each.id == step]
            if not places:
                raise NotNow("That step is not in this session's agenda.")
            if index is not None and index != places[0]:
                raise NotNow("The agenda changed while that step was chosen, so nothing was done. Choose it again.")
            return places[0]
        if index is None:
            raise NotNow("No step was chosen.")
        return index

    def coming(self, index: int) -> SessionStep:
        """The step at `index` if it is still to come; NotNow otherwise."""
        if not 0 <= index < len(self.session.steps) or index <= self.session.current_step:
            raise NotNow("Only steps still to come can be changed.")
        step = self.session.steps[index]
        if step.removed_at is not None:
            raise NotNow("That step has been removed.")
        return step

    @command(WRITERS, InsertStep, shared=True)
    def insert_step(
        self,
        title: str,
        minutes: int,
        kind: str = "activity",
        instructions: str = "",
        prompts: list[str] | None = None,
        decides_by: str = "",
        method: str = "",
    ) -> list[Event]:
        """Add a step after the current one; from the method library, with its instructions and prompts."""
        title = _step_title(title)
        if not title:
            raise NotNow("The new step needs a title.")
        if kind not in STEP_KINDS:
            raise NotNow(f"'{kind}' is not a kind of step.")
        if not SHORTEST_STEP <= minutes <= LONGEST_STEP:
            raise NotNow(f"A step must be between {SHORTEST_STEP} and {LONGEST_STEP} minutes long.")
        if decides_by and decides_by not in DECISION_METHODS:
            raise NotNow(f"'{decides_by}' is not a way for a group to decide.")
        words = [prompt.strip() for prompt in prompts or [] if prompt.strip()]
        added = StepAdded(
            after=self.current.id,
            step=f"s{len(self.session.steps) + 1}",
            title=title,
            kind=kind,
            minutes=minutes,
            instructions=instructions.strip(),
            prompts=words,
            decides_by=decides_by,
            method=method,
        )
        return self._emit(Kind.AGENDA_INSERT, added)

    @command(WRITERS, ChangeStep, shared=True)
    def change_step(
        self, index: int | None = None, title: str | None = None, minutes: int | None = None, step: str | None = None
    ) -> list[Event]:
        chosen = self.coming(self.chosen(index, step))
        title = _step_title(title) if title is not None else None
        new_title = title if title and title != chosen.title else None
        new_minutes = minutes if minutes is not None and minutes != chosen.allowed_minutes else None
        if new_minutes is not None and not SHORTEST_STEP <= new_minutes <= LONGEST_STEP:
            raise NotNow(f"A step must be between {SHORTEST_STEP} and {LONGEST_STEP} minutes long.")
        if new_title is None and new_minutes is None:
            return []
        return self._emit(Kind.AGENDA_CHANGE, StepEdited(step=chosen.id, title=new_title, minutes=new_minutes))

    @command(WRITERS, SkipStep, shared=True)
    def skip_step(self, index: int | None = None, step: str | None = None, skip: bool | None = None) -> list[Event]:
        """Skip a coming step, or bring a skipped one back. `skip` says which the person asked for (a
        window that saw the step before another window changed it is refused, never given the other)."""
        chosen = self.coming(self.chosen(index, step))
        skipped = chosen.skipped_at is not None
        if skip is not None and skip == skipped:
            raise NotNow(f"'{chosen.title}' is {'skipped' if skipped else 'on the agenda'} already.")
        return self._emit(Kind.AGENDA_UNSKIP if skipped else Kind.AGENDA_SKIP, AboutStep(step=chosen.id))

    @command(WRITERS, OneStep, shared=True)
    def remove_step(self, index: int | None = None, step: str | None = None) -> list[Event]:
        return self._emit(Kind.AGENDA_REMOVE, AboutStep(step=self.coming(self.chosen(index, step)).id))

    @command(WRITERS, MoveStep, shared=True)
    def move_step(self, index: int | None = None, direction: int = 1, step: str | None = None) -> list[Event]:
        index = self.chosen(index, step)
        step_moved = self.coming(index)
        neighbour = self._neighbour_coming(index, direction)
        if neighbour is None:
            where = "up" if direction < 0 else "down"
            raise NotNow(f"'{step_moved.title}' cannot move further {where}.")
        return self._emit(Kind.AGENDA_MOVE, StepMoved(step=step_moved.id, past=self.session.steps[neighbour].id))

    def _neighbour_coming(self, index: int, direction: int) -> int | None:
        index += direction
        while self.session.current_step < index < len(self.session.steps):
            if self.session.steps[index].removed_at is None:
                return index
            index += direction
        return None
