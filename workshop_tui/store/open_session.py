"""The one owner of an open session: its engine, its file, its lock, its saver and its save state.

Screens, the command line and (later) other windows talk to a session only through this object:
a command goes in, the events it made come out, and every listener hears about them. Nothing
else takes the lock or writes the file.

    owner = OpenSession.create(folder, plan, "Part 1", clock)    # or OpenSession.resume(path, clock)
    owner.listen(print)                                         # each Change: events and save state
    owner.apply(Command("add_note", {"typed": "+ @ann Meet at the library"}))
    owner.close()                                               # the last save, then the lock goes
"""

import errno
import queue
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from glob import escape as glob_escape
from pathlib import Path
from typing import Any, TypedDict, Unpack

from pydantic import ValidationError

from workshop_tui.core.clock import Clock
from workshop_tui.core.commands import COMMAND_RULES, checked_arguments
from workshop_tui.core.event_kinds import Kind, apply_event, settles
from workshop_tui.core.joining import NotWelcome, who_joins
from workshop_tui.core.record_events import CommentAdded
from workshop_tui.core.replay import starting_state
from workshop_tui.core.roles import Role, may, refusal
from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session, start_of
from workshop_tui.core.shown_session import Shown
from workshop_tui.model import Event, Plan, Session
from workshop_tui.model.command_arguments import LONGEST_NAME, ArgumentProblem, is_plain_name
from workshop_tui.store.atomic import PRIVATE, NotAFile, create_new, remove_leftovers
from workshop_tui.store.journal import Journal
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import (
    event_text,
    header_text,
    load_session,
    load_session_file,
    session_file_bytes,
)
from workshop_tui.store.session_link import Change, Command, Link, Listener, SaveState, SessionLink
from workshop_tui.store.session_lock import SessionLock
from workshop_tui.store.session_server import SessionServer
from workshop_tui.store.sessions_folder import SessionsFolder, session_file_name
from workshop_tui.store.toml_files import open_regular, read_bytes

# What other modules take from here. The one door's names (store/session_link.py) are handed on too:
# screens and tests import them from the owner.
__all__ = [
    "COMMANDS",
    "REFUSED",
    "SHOWN_WAIT",
    "Change",
    "Command",
    "Link",
    "Listener",
    "OpenSession",
    "SaveState",
    "SaverTimings",
    "SessionLink",
]

# What a window may ask of a session: the engine's commands, by name (each with its arguments' model).
COMMANDS = frozenset(COMMAND_RULES)

# How long a window waits, after a change of its own, for it to be on disk before it draws again. A disk
# that takes longer holds up one key press, never each one after it: the change shows once it is saved.
SHOWN_WAIT = 0.5


class SaverTimings(TypedDict, total=False):
    """How long the saver gathers changes before writing (none: it writes as soon as it is woken, and
    what comes in during a write goes in the next one), and waits before trying a failed save again."""

    gather_seconds: float
    retry_seconds: float


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def describe_save_problem(error: BaseException, path: Path) -> str:
    return f"Could not save to {path} ({_reason(error)}). Your work is kept in memory and saving will be tried again."


# Why a save fails that trying again will not mend: the file or its folder gone, replaced by a
# folder or a link, or no longer ours to write. (A full disk may clear, so it is tried again.)
_FOR_GOOD = {errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM, errno.EROFS, errno.ELOOP}


def fails_for_good(error: BaseException) -> bool:
    return isinstance(error, NotAFile) or (isinstance(error, OSError) and error.errno in _FOR_GOOD)


# What carrying out a kept command can raise besides NotNow: a value out of range or of the wrong shape.
REFUSED = (ArithmeticError, RecursionError, ValueError, LookupError, TypeError, AttributeError)


class OpenSession:
    """An open session. Make one with `create` or `resume`; `close` it when done."""

    def __init__(
        self,
        engine: SessionEngine,
        path: Path,
        lock: SessionLock | None,
        journal: Journal,
        gather_seconds: float = 0.0,
        retry_seconds: float = 2.0,
        first_problem: str = "",
    ):
        self.engine = engine
        self.path = Path(path)
        self._lock = lock
        self._journal = journal
        self._gather = gather_seconds
        self._retry = retry_seconds
        self._listeners: list[Listener] = []
        # One save at a time, whichever thread makes it. Re-entrant: a screen told of a save on the thread
        # that made it (a flush) may flush again as it draws (a finish from another window), and must not hang.
        self._write_lock = threading.RLock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._closed = False
        # Guards only the save state, which both the screen's thread and the saver's change; never held while writing.
        self._state_lock = threading.Lock()
        self._folder: SessionsFolder | None = None  # set while this session has no file of its own
        # Words that stay in the save state after saving works again: where the work went (`_moved`),
        # and what the file had lost before it was opened (`_lost`).
        self._moved = ""
        self._lost = ""
        # Words shown until a save works after the session is handed to its screen: a torn last
        # save dropped, a pipe named like an outbox passed over.
        self._until_saved = ""
        self._handed_out = True  # False while resume() is still opening it
        self._write_failed = bool(first_problem)  # the last write failed: the saver tries again
        self._server: SessionServer | None = None  # the SessionServer, once `serve()` has started one
        self.notice = ""  # the browsers' address and join code, once `serve` has said them
        self.role: Role = "facilitator"  # this owner's own screen
        self.in_browser = False
        # Told to listeners, and so shown: the events on disk (`_published` of them), in order, once each.
        self._published = journal.count
        self._published_lock = threading.Lock()
        self._saved = threading.Condition(self._published_lock)  # woken as each save is told
        self._disk_slow = (
            False  # a change waited SHOWN_WAIT for the disk in vain: do not wait again until it catches up
        )
        # The commands applied, as (window id, command id), so one sent again is applied once, and one
        # window's id never hides another's command. Kept in the events, so a resume knows them too.
        self._applied = {applied_key(event.command) for event in engine.session.events if event.command}
        facilitator = engine.session.facilitator
        self.window = f"facilitator: {facilitator}" if facilitator else "facilitator"  # this owner's own screen
        self.save_state = SaveState(
            saved_at=None if first_problem else engine.clock.now(), problem=first_problem, unsaved=self._unsaved_count()
        )
        self._saver = threading.Thread(target=self._save_loop, name="session-saver", daemon=True)
        self._saver.start()
        # One thread changes the session: every command, this owner's own screen's and every window's, in
        # the order they come. Callers wait for it, but it never waits on the disk.
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._jobs_lock = threading.Lock()
        self._applying = True
        self._applier = threading.Thread(target=self._apply_loop, name="session-applier", daemon=True)
        engine.changed_only_on(self._applier)
        self._applier.start()
        if self._unsaved_count():
            self._wake.set()

    # Opening.

    @classmethod
    def create(
        cls,
        folder: Path,
        plan: Plan,
        title: str,
        clock: Clock,
        facilitator: str = "",
        note_taker: str = "",
        follows: Path | None = None,
        **saver: Unpack[SaverTimings],
    ) -> "OpenSession":
        """A new session of `plan`, saved under a fresh name in `folder`. A disk that fails is reported, not raised.

        `follows` is the file of an earlier session (part 1): its people and open actions are carried
        over. Raises FileProblem if that file cannot be read; then nothing is made.
        """
        session = new_session(plan, title, clock, facilitator, note_taker)
        engine = SessionEngine(session, clock)
        sessions = SessionsFolder(folder)
        if follows is not None:
            engine.follow_on(load_session(follows), _name_in(sessions.path, Path(follows)))
        try:
            path = sessions.create(session)
        except OSError as error:
            # Keep going: the session lives in memory and the saver keeps trying.
            path = sessions.path / session_file_name(session.title, session.started_at)
            owner = cls(
                engine,
                path,
                None,
                Journal(path, "", 0, end_is_sound=False),
                first_problem=describe_save_problem(error, path),
                **saver,
            )
            owner._folder = sessions  # no file of its own yet: the first save that works makes one under a fresh name
            return owner
        lock = _lock(path)
        written = "".join(event_text(event) for event in session.events)
        return cls(engine, path, lock, Journal(path, written, len(session.events), end_is_sound=True), **saver)

    @classmethod
    def resume(
        cls, path: Path, clock: Clock, allow_finished: bool = False, **saver: Unpack[SaverTimings]
    ) -> "OpenSession":
        """The saved session in `path`, locked for this process. Raises FileProblem if it cannot be opened.

        A file cut short is kept as it was beside it (NAME.toml.cut-DATE-TIME.bak) before anything is
        written, the save state says what was lost, and the next save writes the whole file again."""
        path = Path(path)
        with open_regular(path, "session"):
            pass  # a link, a folder or a pipe is said before any lock file is made beside it
        lock = _lock(path)
        warning = ""
        try:
            loaded = load_session_file(path)
            session = loaded.session
            if session.status == "finished" and not allow_finished:
                raise FileProblem(
                    path,
                    "",
                    "this session has finished, so it cannot be carried on",
                    "Start a new session with 'workshop-tui run PLAN'.",
                )
            if loaded.cut:
                kept = _keep_a_copy_of_cut_file(path, clock)
                warning = (
                    f"This session's file was cut short ({loaded.cut}). The file as it was is kept in "
                    f"{kept.name}; the next save writes the whole session again."
                )
            if loaded.version == 1:
                _keep_a_copy_if_events_disagree(path, session)
                journal = Journal(path, None, len(session.events), end_is_sound=False)  # upgraded by the first save
            else:
                sound = loaded.dropped_bytes == 0 and not loaded.cut and loaded.head_ok
                journal = Journal(path, loaded.events_text, len(session.events), end_is_sound=sound)
            remove_leftovers(path)
        except BaseException:
            if lock:
                lock.release(unmade=True)  # nothing was opened: leave the folder as it was
            raise
        owner = cls(SessionEngine(session, clock), path, lock, journal, **saver)
        owner._handed_out = False
        if warning and loaded.lost is not None:
            owner._lost = warning  # work was lost before this opening: said for as long as it is open
        elif warning:
            owner._warn(warning)
        copies = copies_saved_beside(path)
        if copies:
            # A window that lost this file's lock (or could not write it) went on in a copy: two files
            # may each hold work the other does not. Said for as long as it is open.
            names = ", ".join(copy.name for copy in copies)
            owner._lost = " ".join(
                filter(
                    None,
                    (
                        owner._lost,
                        f"Another window carried this session on in a copy beside it "
                        f"({names}), which may hold work this file does not. Check both.",
                    ),
                )
            )
        owner.apply_left_behind()
        owner._handed_out = True
        with owner._state_lock:
            owner.save_state = owner._with_words(owner.save_state)
        return owner

    def apply_left_behind(self) -> int:
        """Apply the commands that windows which have gone sent but never had confirmed (each once).
        Returns how many made changes. One the session refuses now is dropped, as it would have been.

        Each outbox is read line by line, whatever its size, and removed only once all of it was
        applied (or refused) and saved: if the save fails, the outboxes stay for the next owner
        (which applies each command once). A name like an outbox that is a link or a pipe is passed
        over, and the save state says so."""
        from workshop_tui.store.outbox import left_behind
        from workshop_tui.store.session_wire import WireProblem, arguments_from_text

        applied = 0
        if self.session.status == "finished":
            return 0
        with left_behind(self.path) as outboxes:
            for sent in outboxes.commands():
                try:
                    args = arguments_from_text(sent["args"])
                    # Never more than a note-taker's rights, whatever the line says, and no more than the roster
                    # gives that name now (core/joining.py); its window's id starts its ids.
                    label, role = _left_behind(sent.get("window", ""))
                    if role != "member":
                        name = label.partition(": ")[2]
                        try:
                            joiner = who_joins(self.session, role, name, suggest=False)
                            label, role = joiner.window, joiner.role
                        except NotWelcome:
                            # A name the roster does not give a note-taker's rights now: what it typed is kept
                            # with a guest's rights (notes, decisions, actions), never lost, never more.
                            label, role = (f"guest: {name}" if name else "guest"), "guest"
                    if self.apply(Command(sent["name"], args, sent["id"], label, role, False, window_of(sent["id"]))):
                        applied += 1
                except (NotNow, WireProblem, *REFUSED):
                    continue  # refused, as the window would have been told; a value no check caught too
            if outboxes.passed_over:
                self._warn(" ".join(outboxes.passed_over))
            if applied:
                self.flush()
            if not self._unsaved_count() and not self._write_failed:
                outboxes.remove_applied()
        return applied

    # Other windows.

    def serve(self) -> bool:
        """Let other windows join this session over its socket. False if the socket cannot be made
        (the session works on in this window alone)."""
        if self._server is not None or self._lock is None:
            return self._server is not None
        server = SessionServer(self)
        try:
            server.start()
        except OSError:
            return False
        self._server = server
        return True

    @property
    def link(self) -> Link:
        return Link.OWNER

    @property
    def kept_everything(self) -> bool:
        return True  # this window's changes were applied here, and saved or said unsaved

    def shown(self, count: int, generation: int) -> Shown:
        """For a screen: the saved events after its first `count`, or (another generation) all of them."""
        with self._published_lock:
            published = self._published
        with self.engine.lock:
            if generation != 0 or count > published:
                return Shown(0, tuple(self.session.events[:published]), start_of(self.session))
            return Shown(0, tuple(self.session.events[count:published]))

    @property
    def published_count(self) -> int:
        """How many of the session's events listeners have been told of (all of them on disk)."""
        return self._published

    @property
    def saved_count(self) -> int:
        """How many of the session's events are on disk."""
        return self._journal.count

    @property
    def windows(self) -> list[str]:
        """The other windows joined now, as role and name."""
        return self._server.windows if self._server is not None else []

    def say(self, notice: str) -> None:
        """Tell this owner's own listeners `notice` (a served window's address and join code)."""
        self.notice = notice
        self._tell(Change((), self.save_state, notice=notice))

    # What windows read.

    @property
    def session(self) -> Session:
        return self.engine.session

    @property
    def clock(self) -> Clock:
        return self.engine.clock

    @property
    def locked(self) -> bool:
        return self._lock is not None and self._lock.held

    def listen(self, listener: Listener) -> None:
        """Call `listener` with every Change: the events once they are saved (on the saver's thread, or
        the thread that flushed), how saving went, and notices."""
        self._listeners.append(listener)

    def forget(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # Changing the session.

    def carry_out(self, command: Command) -> list[Event]:
        """`apply`, then wait a moment (SHOWN_WAIT) for its events to be saved, so the screen that sent
        it can show them at once. A slow disk is waited for once; after that the change shows when saved."""
        events = self.apply(command)
        if events:
            self.wait_until_saved(0 if self._disk_slow else SHOWN_WAIT)
        return events

    def wait_until_saved(self, seconds: float) -> bool:
        """Wait up to `seconds` for every event made so far to be saved and told. True if they were."""
        with self.engine.lock:
            made = len(self.session.events)
        with self._saved:
            done = self._saved.wait_for(lambda: self._published >= made, seconds)
        if not done and seconds:
            self._disk_slow = True
        return done

    def apply(self, command: Command) -> list[Event]:
        """Carry out `command` on the applying thread; the events it made. Raises NotNow with a sentence
        for the user. Listeners hear of the events once they are saved.

        The command's role must allow it (core/roles.py) and its arguments must pass their model
        (model/command_arguments.py) before the engine sees them."""
        events: list[Event] = self._on_applier(lambda: self._apply_here(command))
        return events

    def _on_applier(self, work: Callable[[], Any]) -> Any:
        if threading.current_thread() is self._applier:
            return work()
        job = _Job(work)
        with self._jobs_lock:
            if not self._applying:
                raise NotNow("This session has been closed, so it cannot change now.")
            self._jobs.put(job)
        job.done.wait()
        if job.error is not None:
            raise job.error
        return job.result

    def _apply_loop(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job.result = job.work()
            except BaseException as error:  # handed to the caller, who says it or raises it
                job.error = error
            job.done.set()

    def _stop_applying(self) -> None:
        """Take no more commands; those already given are carried out first."""
        with self._jobs_lock:
            if not self._applying:
                return
            self._applying = False
            self._jobs.put(None)
        if self._applier is not threading.current_thread():
            self._applier.join(timeout=5)

    def _apply_here(self, command: Command) -> list[Event]:
        if command.name not in COMMANDS:
            raise NotNow(f"'{command.name}' is not something a session can do.")
        key = (command.window_id, command.id)
        if command.id and key in self._applied:
            return []  # sent again after its reply was lost: it was applied once already
        # Whether the note-taker runs the agenda is the session's own setting, as it stands now.
        if not may(command.role, command.name, command.in_browser, self.session.note_taker_runs_agenda):
            raise NotNow(refusal(command.role, command.name, command.in_browser))
        try:
            args = checked_arguments(command.name, command.args)
        except ArgumentProblem as problem:
            raise NotNow(str(problem)) from None
        with self.engine.lock:  # held while the session changes, so a saver never copies half a change
            try:
                with self.engine.stamped(_label(command, self.window), command_stamp(*key)):
                    events: list[Event] = getattr(self.engine, command.name)(**args)
            except (ValidationError, TypeError, ValueError, AttributeError) as error:
                # A value of the wrong kind that no check caught: said plainly, never raised out of a screen or a window.
                raise NotNow(f"That could not be done: {_first_line(error)}.") from None
            if command.id:
                self._applied.add(key)
            self._changed(events)
        return events

    def add_comment(self, on: str, text: str, by: str = "") -> list[Event]:
        """A trainer's comment on a step or a decision; allowed after the session has finished."""
        events: list[Event] = self._on_applier(lambda: self._comment_here(on, text, by))
        return events

    def _comment_here(self, on: str, text: str, by: str) -> list[Event]:
        text = text.strip()
        if not text:
            raise NotNow("The comment is empty, so there is nothing to save.")
        session = self.session
        known = {step.id for step in session.steps} | {d.id for d in session.decisions}
        if on not in known:
            raise NotNow("That step or decision cannot be found.")
        event = Event(
            at=self.clock.now(),
            kind=Kind.COMMENT_ADD,
            details=CommentAdded(comment=f"c{len(session.comments) + 1}", on=on, text=text, by=by.strip()).plain(),
        )
        self.engine.apply(event)
        self._changed([event])
        return [event]

    def _changed(self, events: list[Event]) -> None:
        """Wake the saver; listeners hear of `events` once it has written them (`_publish`)."""
        if not events:
            return
        with self._state_lock:
            self.save_state = replace(self.save_state, unsaved=self._unsaved_count())
        self._wake.set()

    def _publish(self, state: SaveState) -> None:
        """Tell listeners the events saved since they were last told, with `state`; then wake whoever
        waits for them. Called with the write lock held, so they are told in order, once each."""
        with self.engine.lock:
            saved, first = self._journal.count, self._published
            events = tuple(self.session.events[first:saved])
            made = len(self.session.events)
        with self._saved:
            self._published = saved  # first, so a screen told below finds them in `shown()`
        self._tell(Change(events, state, first=first))
        with self._saved:
            if saved >= made:
                self._disk_slow = False  # the disk has caught up
            self._saved.notify_all()

    def _tell(self, change: Change) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                pass  # a window that has gone must not stop the session

    # Saving.

    def _unsaved_count(self) -> int:
        return len(self.session.events) - self._journal.count

    def _save_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            if self._stop.is_set():
                return
            # Let a burst of key presses finish, then write them all at once.
            self._stop.wait(self._gather)
            self._wake.clear()
            self.save_now()
            if self._write_failed:
                self._stop.wait(self._retry)
                self._wake.set()

    def _warn(self, words: str) -> None:
        """Say `words` in the save state until the next save works (what an opened file had lost)."""
        with self._state_lock:
            self._until_saved = f"{self._until_saved} {words}".strip()
            state = self.save_state = self._with_words(self.save_state)
        self._tell(Change((), state))

    def _with_words(self, state: SaveState) -> SaveState:
        """`state` with what to say: a failed save as its problem, the rest (work saved elsewhere, lost
        before opening, passed over) as a warning, so the screen never calls saved work unsaved."""
        failed = state.problem if self._write_failed and state.problem not in self._moved else ""
        warning = " ".join(words for words in dict.fromkeys((self._moved, self._lost, self._until_saved)) if words)
        return replace(state, problem=failed, warning=warning)

    def save_now(self) -> SaveState:
        """Write what is not on disk yet, on the calling thread. Never raises: the state says what happened.

        Before each write it checks the lock is still the lock file beside the session: if that was
        removed or replaced (or the folder was), another window may be the owner now, so this one
        stops writing that file and saves the whole session under a new name beside it. So does a
        save that fails in a way trying again cannot mend (the folder gone, the file replaced by a
        folder, no permission)."""
        with self._write_lock:
            if self._closed:
                return self.save_state  # closed: the lock is gone, so this owner must never write again
            if self._folder is not None:
                return self._make_the_file()
            with self.engine.lock:
                events = list(self.session.events)
                new = events[self._journal.count :]
                if not new and not self._write_failed:
                    return self.save_state
                whole = self._journal.wants_whole(len(new), settles(new))
                header = header_text(self.session) if whole else ""
            if self._lock is not None and not self._lock.still_ours():
                return self._save_beside(
                    "Another window may have this session open now, so this window has stopped saving to it.",
                    "Another window may have this session open now, so this window has stopped saving to it. "
                    "It could not save under a new name beside it either; your work is kept in memory and that will be tried again.",
                )
            try:
                if whole:
                    self._journal.write_whole(header, events)
                else:
                    self._journal.append(new)
                self._write_failed = False
                if self._handed_out:
                    self._until_saved = ""
                state = SaveState(saved_at=self.clock.now(), unsaved=self._unsaved_count())
            except Exception as error:  # any failure is said on screen; the saver never dies quietly
                if fails_for_good(error):
                    return self._save_beside(
                        f"Could not save to {self.path} ({_reason(error)}), so this window has stopped saving to it.",
                        describe_save_problem(error, self.path),
                    )
                self._write_failed = True
                state = SaveState(
                    self.save_state.saved_at, describe_save_problem(error, self.path), self._unsaved_count()
                )
            with self._state_lock:
                # Events may have come in during the write: count them now, not as they were.
                state = replace(state, unsaved=self._unsaved_count())
                state = self.save_state = self._with_words(state)
            self._publish(state)
        return state

    def _save_beside(self, why: str, if_not: str) -> SaveState:
        """Write the whole session to a new file beside the old one (never over another file) and go
        on saving there; the save state says `why` and where. If that fails too, it says `if_not`
        and the saver tries again. Called with the write lock held."""
        with self.engine.lock:
            data = session_file_bytes(self.session)
            written = "".join(event_text(event) for event in self.session.events)
            count = len(self.session.events)
        try:
            path = _new_file_beside(self.path, data, self.clock.now())
        except OSError as failed:
            self._write_failed = True
            state = SaveState(
                self.save_state.saved_at, f"{if_not} (A new file: {_reason(failed)}.)", self._unsaved_count()
            )
        else:
            if self._lock is not None:
                self._lock.release()  # the old file's lock: no longer ours to trust
            old_path, self.path = self.path, path
            self._journal = Journal(path, written, count, end_is_sound=True)
            try:
                self._lock = _lock(path)
            except FileProblem:
                self._lock = None  # something odd named like its lock: the new file is saved to all the same
            self._write_failed = False
            self._moved = f"{why} Your work is kept in {path}."
            if self._server is not None:
                try:
                    self._server.move_to_new_file(old_path)  # windows joining now find this owner under the new name
                except OSError:
                    pass  # the windows joined already stay; new ones cannot join

            state = SaveState(saved_at=self.clock.now(), unsaved=self._unsaved_count())
        with self._state_lock:
            state = self.save_state = self._with_words(state)
        self._publish(state)
        return state

    def _make_the_file(self) -> SaveState:
        """The first save that works after the file could not be made: a fresh name, never over another file."""
        assert self._folder is not None
        try:
            with self.engine.lock:
                path = self._folder.create(self.session)  # a new name; an existing file is never replaced
                written = "".join(event_text(event) for event in self.session.events)
                count = len(self.session.events)
            self.path = path
            self._journal = Journal(path, written, count, end_is_sound=True)
            self._lock = _lock(path)
            self._folder = None
            self._write_failed = False
            state = SaveState(saved_at=self.clock.now(), unsaved=self._unsaved_count())
        except Exception as error:  # said on screen and tried again, like any other save
            self._write_failed = True
            state = SaveState(self.save_state.saved_at, describe_save_problem(error, self.path), self._unsaved_count())
        with self._state_lock:
            self.save_state = state
        self._publish(state)
        return state

    @property
    def closed(self) -> bool:
        return self._closed

    def flush(self) -> SaveState:
        """Save now if anything is unsaved."""
        return self.save_now() if self._unsaved_count() or self._write_failed else self.save_state

    def close(self) -> SaveState:
        """The last save, then stop saving and let go of the lock. Safe to call twice.

        If the last save fails and work is unsaved (a full disk as the terminal closes), the whole
        session is written to a new file beside it, or in the folder above, or in the home folder."""
        self._stop_applying()  # the commands already given are carried out, and saved below
        state = self.flush()
        if self._unsaved_count() and self._write_failed and not self._closed and self._folder is None:
            with self._write_lock:
                state = self._save_beside(
                    f"Could not save to {self.path}, so this window saved the session under a new name.",
                    f"{state.problem} This window is closing, so that work is lost.",
                )
        if self._server is not None:
            # Before the lock goes, so a window that hears this finds the session free to take over.
            self._server.stop("finished" if self.session.status == "finished" else "closed")
            self._server = None
        self._stop.set()
        self._wake.set()
        if self._saver is not threading.current_thread():
            self._saver.join(timeout=5)
        with self._write_lock:
            self._closed = True
        self._listeners.clear()
        if self._lock:
            self._lock.release()
        return state

    def __enter__(self) -> "OpenSession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Job:
    """Work for the applying thread, and its answer."""

    def __init__(self, work: Callable[[], Any]):
        self.work = work
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


def command_stamp(window_id: str, command_id: str) -> str:
    """What an event records of the command that made it: the window's id and the command's, as
    "WINDOW/ID" ("/ID" for this owner's own screen), so a resume knows whose ids were applied."""
    return f"{window_id}/{command_id}" if command_id else ""


def applied_key(stamp: str) -> tuple[str, str]:
    """(window id, command id) from an event's stamp. A window's id never has "/" in it. An older file's
    stamp has no "/" at all: it is a window's "WINDOWID-N", so its window is what comes before the last "-"
    (as for a line of an outbox left behind)."""
    window_id, slash, command_id = stamp.partition("/")
    return (window_id, command_id) if slash else (window_of(stamp), stamp)


def window_of(command_id: str) -> str:
    """The window a joined window's command id names: its ids are "WINDOWID-N" (store/joined_session.py)."""
    return command_id.rpartition("-")[0]


def _label(command: Command, own: str) -> str:
    """The window stamped on the events: its name as given, and always the role the owner checked."""
    label = command.window or (own if command.role == "facilitator" else command.role)
    role, _, name = label.partition(": ")
    if role == command.role:
        return label
    return f"{command.role}: {name.strip()}" if name.strip() else command.role


def copies_saved_beside(path: Path) -> list[Path]:
    """The copies of the session in `path` that an owner saved beside it when it could no longer write
    it ("NAME (saved HH-MM-SS).toml"), newer than it."""
    stem = path.name.removesuffix(".toml")
    try:
        mine = path.stat().st_mtime
        return sorted(
            copy
            for copy in path.parent.glob(f"{glob_escape(stem)} (saved *).toml")
            if copy.is_file() and copy.stat().st_mtime >= mine
        )
    except OSError:
        return []


def _left_behind(said: object) -> tuple[str, Role]:
    """Who a left-behind command came from, as the owner will stamp it, and the rights it is given: a
    note-taker's at most (a guest's or a panel member's window keeps its own, fewer), with the name its
    outbox line gives only when that is a plain name (never a control character)."""
    role_said, _, name = said.partition(": ") if isinstance(said, str) else ("", "", "")
    role: Role = role_said if role_said in ("guest", "member") else "note-taker"  # type: ignore[assignment]
    name = name.strip()
    return (f"{role}: {name}" if name and len(name) <= LONGEST_NAME and is_plain_name(name) else role), role


def _first_line(error: Exception) -> str:
    if isinstance(error, ValidationError) and error.errors():
        return str(error.errors()[0]["msg"]).rstrip(".").lower()
    return (str(error).splitlines() or [type(error).__name__])[0].rstrip(".")


def _name_in(folder: Path, path: Path) -> str:
    """How a session names an earlier one: its file name when it is in the same folder, else its whole path."""
    try:
        same = path.parent.resolve() == folder.resolve()
    except OSError:
        same = False
    return path.name if same else str(path.resolve())


def _lock(path: Path) -> SessionLock | None:
    """This process's lock on `path`; None where the folder allows no lock at all (saving will warn)."""
    lock = SessionLock(path)
    try:
        lock.acquire()
    except FileProblem:
        raise
    except OSError:
        return None
    return lock


def _keep_a_copy_if_events_disagree(path: Path, session: Session) -> None:
    """A version 1 file is upgraded to its events. If they do not make the same session, keep the original."""
    replayed = starting_state(session)
    for event in session.events:
        apply_event(replayed, event)
    replayed.events = list(session.events)
    if replayed != session:
        backup = path.with_name(path.name + ".format-1.bak")
        try:
            # Never over what is there (not even through a link of that name), and private from the start.
            create_new(backup, read_bytes(path, "session"), PRIVATE)
        except FileExistsError:
            pass  # kept at an earlier opening


def _keep_a_copy_of_cut_file(path: Path, clock: Clock) -> Path:
    """Keep the bytes of a file cut short beside it, before anything writes it. Raises FileProblem
    when no copy can be made: then the file is not opened for changes at all."""
    data = read_bytes(path, "session")
    stamp = f"{clock.now():%Y%m%d-%H%M%S}"
    for number in range(1, 100):
        kept = path.with_name(
            f"{path.name}.cut-{stamp}.bak" if number == 1 else f"{path.name}.cut-{stamp}-{number}.bak"
        )
        try:
            create_new(kept, data, PRIVATE)
        except FileExistsError:
            continue
        except OSError as error:
            raise FileProblem(
                path,
                "",
                f"this file was cut short, and a copy of it could not be kept ({error.strerror})",
                "Copy the file somewhere safe, then open it again.",
            ) from None
        return kept
    raise FileProblem(
        path,
        "",
        "this file was cut short, and there are too many copies of it beside it",
        "Move the .bak copies somewhere else, then open it again.",
    )


def _new_file_beside(path: Path, data: bytes, now: datetime) -> Path:
    """A new file for a session whose own file cannot be written: beside it, else in the folder
    above (the sessions folder is gone), else in the home folder. Never over another file. Raises OSError."""
    stem = path.name.removesuffix(".toml")
    places = [path.parent, path.parent.parent, Path.home()]
    problem: OSError = FileNotFoundError(errno.ENOENT, "no folder to save in", str(path.parent))
    for folder in dict.fromkeys(places):
        if not folder.is_dir():
            continue
        for number in range(1, 100):
            suffix = "" if number == 1 else f" {number}"
            candidate = folder / f"{stem} (saved {now:%H-%M-%S}{suffix}).toml"
            try:
                create_new(candidate, data, PRIVATE)
            except FileExistsError:
                continue
            except OSError as error:
                problem = error
                break  # this folder will not do: try the next
            return candidate
    raise problem
