"""The session owner: commands in, events out; every change reaches the disk soon after, in order;
a failing disk loses nothing and says so; and nothing ever waits on a save."""

import errno
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Unpack

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import NotNow
from workshop_tui.model import Event, Session
from workshop_tui.store import journal
from workshop_tui.store.open_session import Change, Command, OpenSession, SaverTimings, SaveState
from workshop_tui.store.session_file import event_text, load_session, save_new_session
from tests.conftest import small_plan
from tests.stalled_disk import StalledDisk

WAIT = 10  # seconds at most for the saver thread to answer; normally milliseconds


class Heard:
    """Collects what the owner tells, and lets a test wait for the next save report."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.saved = threading.Event()

    def __call__(self, change: Change) -> None:
        self.changes.append(change)
        if change.notice is None:  # every change is told as a save: the events it made are on disk
            self.saved.set()

    def next_save(self) -> SaveState:
        assert self.saved.wait(WAIT), "the saver did not report"
        self.saved.clear()
        return self.changes[-1].save


def _open(folder: Path, clock: FakeClock, **saver: Unpack[SaverTimings]) -> OpenSession:
    return OpenSession.create(folder, small_plan(), "Owner", clock, "Sam", "Jo", **saver)


def test_a_command_returns_its_events_and_listeners_hear_them_only_once_they_are_on_disk(
    tmp_path: Path, clock: FakeClock
) -> None:
    with _open(tmp_path, clock, gather_seconds=60) as owner:
        heard = Heard()
        owner.listen(heard)
        events = owner.apply(Command("add_note", {"typed": "? Where is the loop?"}))
        assert [e.kind for e in events] == ["note.add"]
        assert heard.changes == []  # not on disk yet, so no window may show it
        assert owner.save_state.unsaved == 1
        owner.flush()
        assert heard.changes[-1].events == tuple(events) and heard.changes[-1].save.unsaved == 0
        assert [n.text for n in load_session(owner.path).notes] == ["Where is the loop?"]


def test_a_command_the_session_does_not_know_is_refused_in_words(tmp_path: Path, clock: FakeClock) -> None:
    with (
        _open(tmp_path, clock) as owner,
        pytest.raises(NotNow, match="'save_session' is not something a session can do"),
    ):
        owner.apply(Command("save_session"))


def test_a_change_is_written_by_the_saver_thread(tmp_path: Path, clock: FakeClock) -> None:
    with _open(tmp_path, clock, gather_seconds=0) as owner:
        heard = Heard()
        owner.listen(heard)
        owner.apply(Command("add_note", {"typed": "first"}))
        state = heard.next_save()
        assert state.ok and state.saved_at == clock.now() and state.unsaved == 0
        assert [n.text for n in load_session(owner.path).notes] == ["first"]


@pytest.mark.parametrize("error", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_a_failing_disk_is_reported_plainly_and_retried_until_it_works(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    broken = {"yes": True}
    real_write, real_mkstemp = os.write, tempfile.mkstemp  # the journal's and atomic's: os's and tempfile's own

    def refuse(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if broken["yes"]:
                raise OSError(error, os.strerror(error))
            return real(*args, **kwargs)

        return call

    owner = _open(tmp_path, clock, gather_seconds=0, retry_seconds=0.01)
    heard = Heard()
    owner.listen(heard)
    monkeypatch.setattr("workshop_tui.store.journal.os.write", refuse(real_write))
    monkeypatch.setattr("workshop_tui.store.atomic.tempfile.mkstemp", refuse(real_mkstemp))
    try:
        owner.apply(Command("add_note", {"typed": "kept"}))
        failed = heard.next_save()
        assert not failed.ok and failed.unsaved == 1
        assert failed.problem.startswith(f"Could not save to {owner.path} ({os.strerror(error)}).")
        assert "kept in memory" in failed.problem
        owner.apply(Command("next_step"))  # the work goes on while the disk is broken
        broken["yes"] = False
        while not heard.next_save().ok:
            pass
        assert [n.text for n in load_session(owner.path).notes] == ["kept"]
        assert load_session(owner.path).current_step == 1
    finally:
        owner.close()


def test_a_save_that_fails_for_any_reason_says_so_and_the_saver_goes_on(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = _open(tmp_path, clock, gather_seconds=0, retry_seconds=0.01)
    heard = Heard()
    owner.listen(heard)
    calls = {"count": 0}
    real = event_text  # the journal's, from the session file

    def odd_failure(event: Event) -> str:
        calls["count"] += 1
        if calls["count"] == 1:
            raise ValueError("something nobody expected")
        return real(event)

    monkeypatch.setattr(journal, "event_text", odd_failure)
    try:
        owner.apply(Command("add_note", {"typed": "survives"}))
        failed = heard.next_save()
        assert not failed.ok and "something nobody expected" in failed.problem
        while not heard.next_save().ok:
            pass
        assert [n.text for n in load_session(owner.path).notes] == ["survives"]
    finally:
        owner.close()


def test_no_command_waits_on_a_save_that_is_writing(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = _open(tmp_path, clock, gather_seconds=0)
    disk = StalledDisk(monkeypatch)
    try:
        owner.apply(Command("add_note", {"typed": "being saved"}))
        assert disk.stalled.wait(WAIT)
        # The saver is stuck in the middle of a write; the room carries on regardless.
        for number in range(20):
            owner.apply(Command("add_note", {"typed": f"typed meanwhile {number}"}))
        assert len(owner.session.notes) == 21
        disk.go()
        assert owner.close().ok
        assert len(load_session(owner.path).notes) == 21
    finally:
        disk.go()
        owner.close()


def test_flush_saves_at_once_on_the_calling_thread(tmp_path: Path, clock: FakeClock) -> None:
    owner = _open(tmp_path, clock, gather_seconds=60)
    owner.apply(Command("add_note", {"typed": "now"}))
    assert owner.flush().ok and owner.save_state.unsaved == 0
    assert [n.text for n in load_session(owner.path).notes] == ["now"]
    owner.close()


def test_closing_lets_go_of_the_lock_and_a_second_owner_is_refused_until_then(tmp_path: Path, clock: FakeClock) -> None:
    owner = _open(tmp_path, clock)
    from workshop_tui.store.problems import FileProblem

    with pytest.raises(FileProblem, match="open in another window"):
        OpenSession.resume(owner.path, clock)
    owner.close()
    OpenSession.resume(owner.path, clock).close()


def test_leftover_temporary_files_of_killed_saves_are_removed_on_the_next_open(
    tmp_path: Path, clock: FakeClock
) -> None:
    owner = _open(tmp_path, clock)
    owner.close()
    leftover = tmp_path / f".{owner.path.name}.abc123.saving"
    leftover.write_bytes(b"x" * 1000)
    other = tmp_path / ".another-session.toml.abc.saving"
    other.write_bytes(b"not mine")
    OpenSession.resume(owner.path, clock).close()
    assert not leftover.exists() and other.exists()


def test_a_finished_session_cannot_be_resumed_but_takes_a_trainers_comment(tmp_path: Path, clock: FakeClock) -> None:
    from workshop_tui.store.problems import FileProblem

    owner = _open(tmp_path, clock)
    owner.apply(Command("finish"))
    owner.close()
    with pytest.raises(FileProblem, match="has finished"):
        OpenSession.resume(owner.path, clock)
    with OpenSession.resume(owner.path, clock, allow_finished=True) as review:
        with pytest.raises(NotNow):
            review.apply(Command("add_note", {"typed": "too late"}))
        review.add_comment("s1", "Well run.")
    assert [c.text for c in load_session(owner.path).comments] == ["Well run."]


def test_a_session_whose_file_could_not_be_made_never_takes_over_another_sessions_file(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_tui.store import sessions_folder

    first = _open(tmp_path, clock)
    first.apply(Command("add_note", {"typed": "the first session's note"}))
    first.close()
    real = save_new_session  # sessions_folder's, from the session file
    broken = {"yes": True}

    def full_disk(session: Session, path: Path) -> None:
        if broken["yes"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(session, path)

    monkeypatch.setattr(sessions_folder, "save_new_session", full_disk)
    second = _open(tmp_path, clock, gather_seconds=60, retry_seconds=60)  # the same title in the same minute
    assert not second.save_state.ok
    second.apply(Command("add_note", {"typed": "the second session's note"}))
    broken["yes"] = False
    assert second.close().ok
    assert second.path != first.path
    assert [n.text for n in load_session(first.path).notes] == ["the first session's note"]
    assert [n.text for n in load_session(second.path).notes] == ["the second session's note"]


def test_a_closed_owner_never_writes_again_even_after_a_failed_save(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = _open(tmp_path, clock, gather_seconds=60)
    owner.apply(Command("finish"))
    real_mkstemp = tempfile.mkstemp  # atomic's: tempfile's own

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("workshop_tui.store.atomic.tempfile.mkstemp", refuse)
    assert not owner.close().ok
    monkeypatch.setattr("workshop_tui.store.atomic.tempfile.mkstemp", real_mkstemp)
    with OpenSession.resume(owner.path, clock, allow_finished=True) as review:
        review.add_comment("s1", "Added after the disk came back")
    owner.close()  # again, as a screen closing later would
    owner.flush()
    assert [c.text for c in load_session(owner.path).comments] == ["Added after the disk came back"]


def test_apply_checks_the_role_it_is_given_and_stamps_that_role(sessions_dir: Path, clock: FakeClock) -> None:
    owner = _open(sessions_dir, clock)
    with pytest.raises(NotNow, match="Only the facilitator can finish"):
        owner.apply(Command("finish", role="note-taker"))
    with pytest.raises(NotNow, match="This window only shows"):
        owner.apply(Command("add_note", {"typed": "Hello"}, role="audience"))
    # A label that says more than the role it came with is stamped with the role.
    owner.apply(Command("add_note", {"typed": "Mine"}, window="facilitator: Eve", role="note-taker"))
    owner.apply(Command("add_note", {"typed": "Own"}))  # this owner's own screen: the facilitator's
    assert [(n.text, n.window) for n in owner.session.notes] == [("Mine", "note-taker: Eve"), ("Own", owner.window)]
    assert owner.session.status != "finished"
    owner.close()


def test_only_the_applying_thread_changes_the_session_whoever_sends_the_commands(
    tmp_path: Path, clock: FakeClock
) -> None:
    from workshop_tui.core.session_engine import WrongThread

    with _open(tmp_path, clock, gather_seconds=0) as owner:
        changers: set[str] = set()
        real_apply = owner.engine.apply

        def watched(event: Event) -> None:
            changers.add(threading.current_thread().name)
            real_apply(event)

        owner.engine.apply = watched  # type: ignore[method-assign]  # to see which thread applies each event
        senders = [
            threading.Thread(target=lambda n=n: owner.apply(Command("add_note", {"typed": f"From {n}"})))
            for n in range(8)
        ]
        for sender in senders:
            sender.start()
        owner.apply(Command("next_step"))
        for sender in senders:
            sender.join(WAIT)
        assert changers == {"session-applier"} and len(owner.session.notes) == 8
        # A change made on any other thread is a bug, and says so rather than racing a screen.
        with pytest.raises(WrongThread, match="only session-applier may change"):
            real_apply(Event(at=clock.now(), kind="note.add", details={"note": "n99", "step": "s1", "text": "x"}))


def test_a_listener_that_saves_again_as_it_is_told_of_a_save_does_not_hang(tmp_path: Path, clock: FakeClock) -> None:
    # A screen told of a finish during its own flush shows the finished screen, which flushes again.
    with _open(tmp_path, clock, gather_seconds=60) as owner:
        more = iter(["came in meanwhile"])

        def told(change: Change) -> None:
            if change.events:
                for text in more:  # another window's change arrives as this one is told: save it too
                    owner.apply(Command("add_note", {"typed": text}))
                    owner.flush()

        owner.listen(told)
        owner.apply(Command("add_note", {"typed": "told, then saved again"}))
        flushing = threading.Thread(target=owner.flush, daemon=True)
        flushing.start()
        flushing.join(WAIT)
        assert not flushing.is_alive(), "a flush inside a flush hung"
        assert [n.text for n in load_session(owner.path).notes] == ["told, then saved again", "came in meanwhile"]
