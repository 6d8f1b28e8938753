"""Files that are not what they seem, and files that go away: nothing is written through a link,
nothing typed is dropped, two windows never both write one session, and work that cannot go to
its own file goes to a new file beside it, with words saying where."""

import errno
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.cli import main
from workshop_tui.core.clock import FakeClock
from workshop_tui.store import journal
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.outbox import outbox_path
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session, load_session_file
from workshop_tui.store.session_lock import lock_path
from workshop_tui.store.session_wire import arguments_text
from workshop_tui.store.sessions_folder import SessionsFolder
from workshop_tui.store.sessions_index import SessionsIndex
from tests.conftest import small_plan

AS_ROOT = os.geteuid() == 0  # permissions do not stop root


def _made(folder: Path, clock: FakeClock, notes: int = 0) -> Path:
    """A session file with `notes` notes, closed."""
    with OpenSession.create(folder, small_plan(), "Faults", clock, "Sam", gather_seconds=0) as owner:
        for number in range(notes):
            owner.apply(Command("add_note", {"typed": f"note {number}"}))
        path = owner.path
    return path


def _notes(path: Path) -> list[str]:
    return [note.text for note in load_session(path).notes]


def _files(folder: Path) -> dict[str, bytes | str]:
    """Every name in `folder` and what it holds (a link's target), to compare before and after."""
    found: dict[str, bytes | str] = {}
    for entry in sorted(folder.rglob("*")):
        info = entry.lstat()
        if stat.S_ISLNK(info.st_mode):
            found[str(entry.relative_to(folder))] = f"link to {os.readlink(entry)}"
        elif stat.S_ISREG(info.st_mode):
            found[str(entry.relative_to(folder))] = entry.read_bytes()
        else:
            found[str(entry.relative_to(folder))] = f"mode {stat.S_IFMT(info.st_mode):o}"
    return found


# 1. Links and special files.


def test_a_link_named_like_the_lock_file_is_refused_and_what_it_points_to_is_untouched(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = _made(tmp_path / "sessions", clock)
    outside = tmp_path / "precious.txt"
    outside.write_text("my own notes\n")
    lock_path(path).unlink()
    lock_path(path).symlink_to(outside)
    with pytest.raises(FileProblem, match=r"lock file .* is not an ordinary file"):
        OpenSession.resume(path, clock, gather_seconds=0)
    assert outside.read_text() == "my own notes\n"


def test_a_session_file_that_is_a_link_is_never_opened_for_changes(tmp_path: Path, clock: FakeClock) -> None:
    real = _made(tmp_path / "elsewhere", clock, notes=1)
    before = real.read_bytes()
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / real.name).symlink_to(real)
    with pytest.raises(FileProblem, match="link to a file somewhere else"):
        OpenSession.resume(folder / real.name, clock, gather_seconds=0)
    assert real.read_bytes() == before


@pytest.mark.parametrize("command", ["add_note", "next_step"], ids=["an append", "a whole write"])
def test_a_session_file_replaced_by_a_link_while_open_is_never_written_through_or_split(
    tmp_path: Path, clock: FakeClock, command: str
) -> None:
    folder = tmp_path / "sessions"
    owner = OpenSession.create(folder, small_plan(), "Faults", clock, gather_seconds=60)
    try:
        outside = tmp_path / "copy.toml"
        shutil.copy(owner.path, outside)
        before = outside.read_bytes()
        owner.path.unlink()
        owner.path.symlink_to(outside)
        original = owner.path
        owner.apply(Command(command, {"typed": "kept"} if command == "add_note" else {}))
        state = owner.flush()
        assert outside.read_bytes() == before  # neither written through nor split in two
        assert os.path.islink(original)
        assert "stopped saving to it" in state.warning and str(owner.path) in state.warning
        assert state.ok  # the work is on disk, under the new name: the screen says saved, and why it moved
        assert owner.path != original
        assert len(load_session(owner.path).events) == len(owner.session.events)
    finally:
        owner.close()


def test_a_pipe_named_like_an_outbox_is_passed_over_and_said_and_resume_works(tmp_path: Path, clock: FakeClock) -> None:
    path = _made(tmp_path, clock)
    pipe = outbox_path(path, "w1")
    os.mkfifo(pipe)
    owner = OpenSession.resume(path, clock, gather_seconds=0)
    try:
        assert "passed over" in owner.save_state.warning and pipe.name in owner.save_state.warning
        assert stat.S_ISFIFO(os.lstat(pipe).st_mode)  # never read, never removed
    finally:
        owner.close()


# 2. Nothing typed is dropped.


def _kept_commands(path: Path, window: str, texts: list[str]) -> Path:
    kept = outbox_path(path, window)
    with open(kept, "w", encoding="utf-8") as file:
        for number, text in enumerate(texts):
            command = {
                "id": f"{window}-{number}",
                "name": "add_note",
                "args": arguments_text({"typed": text}),
                "window": "note-taker: Bob",
            }
            file.write(json.dumps(command) + "\n")
    return kept


def test_an_outbox_over_4_mb_is_applied_in_full_then_removed(tmp_path: Path, clock: FakeClock) -> None:
    path = _made(tmp_path, clock)
    texts = [f"{number} " + "x" * 1990 for number in range(2196)]
    kept = _kept_commands(path, "big", texts)
    assert kept.stat().st_size > 4 * 1024 * 1024
    owner = OpenSession.resume(path, clock, gather_seconds=0)
    owner.close()
    assert len(_notes(path)) == 2196
    assert not kept.exists()


def test_an_outbox_stays_when_what_it_held_could_not_be_saved(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _made(tmp_path, clock)
    kept = _kept_commands(path, "w1", ["typed while the owner was away"])

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(journal.Journal, "append", disk_full)
    monkeypatch.setattr(journal.Journal, "write_whole", disk_full)
    owner = OpenSession.resume(path, clock, gather_seconds=60, retry_seconds=60)
    assert kept.exists()
    owner._closed = True  # let go as a killed process would, without the last save
    owner._stop.set()
    owner._wake.set()
    assert owner._lock is not None
    owner._lock.release()
    monkeypatch.undo()
    with OpenSession.resume(path, clock, gather_seconds=0):
        pass
    assert _notes(path) == ["typed while the owner was away"]
    assert not kept.exists()


def _cut_before_first_save(path: Path) -> bytes:
    """The file as if a copy stopped part-way: its events up to the 41st, and no "# saved" line."""
    whole = path.read_bytes()
    starts = [at for at in range(len(whole)) if whole.startswith(b"\n[[events]]\n", at)]
    cut = whole[: starts[41] + 1]
    path.write_bytes(cut)
    return cut


def test_a_file_cut_before_its_first_save_line_is_kept_said_and_written_whole(tmp_path: Path, clock: FakeClock) -> None:
    path = _made(tmp_path, clock, notes=60)
    clock.advance(60)
    with OpenSession.resume(path, clock, gather_seconds=0) as owner:
        owner.apply(Command("next_step"))  # a whole write: one "# saved" line, at the very end
    cut = _cut_before_first_save(path)
    # Read elsewhere (export, the listing), it is said, never shown as if it were the whole session.
    assert main(["--sessions-dir", str(tmp_path), "export", path.name, "--format", "md"]) == 2
    assert SessionsIndex(tmp_path).lines()[0].problem
    assert path.read_bytes() == cut and not list(tmp_path.glob("*.bak"))
    owner = OpenSession.resume(path, clock, gather_seconds=60)
    try:
        kept = list(tmp_path.glob(f"{path.name}.cut-*.bak"))
        assert len(kept) == 1 and kept[0].read_bytes() == cut
        assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
        assert "cut short" in owner.save_state.warning and kept[0].name in owner.save_state.warning
        owner.apply(Command("add_note", {"typed": "after the cut"}))
        state = owner.flush()
        assert state.unsaved == 0 and state.saved_at == clock.now()
        assert "cut short" in state.warning  # still said: that work was lost before this window opened it
    finally:
        owner.close()
    loaded = load_session_file(path)
    assert loaded.head_ok and not loaded.cut and loaded.dropped_bytes == 0
    assert path.read_bytes().count(b"# saved") == 1  # written whole, not appended to a torn end


# Two owners, never.


def _second_owner_writes_alone(first: OpenSession, path: Path, clock: FakeClock) -> None:
    second = OpenSession.resume(path, clock, gather_seconds=60)
    try:
        first.apply(Command("add_note", {"typed": "from the first window"}))
        state = first.flush()
        assert state.warning.startswith(
            "Another window may have this session open now, so this window has stopped saving to it."
        )
        assert first.path != path and "from the first window" in _notes(first.path)
        assert str(first.path) in state.warning
        second.apply(Command("add_note", {"typed": "from the second window"}))
        second.flush()
        assert _notes(path) == ["from the second window"]
    finally:
        second.close()


def test_an_owner_whose_lock_file_was_removed_stops_writing_and_keeps_its_work_beside(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = _made(tmp_path, clock)
    first = OpenSession.resume(path, clock, gather_seconds=60)
    try:
        lock_path(path).unlink()
        _second_owner_writes_alone(first, path, clock)
    finally:
        first.close()


def test_an_owner_whose_folder_was_removed_and_made_again_stops_writing_to_it(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "sessions"
    path = _made(folder, clock)
    first = OpenSession.resume(path, clock, gather_seconds=60)
    try:
        copy = path.read_bytes()
        shutil.rmtree(folder)
        folder.mkdir()
        path.write_bytes(copy)  # put back from a copy, say
        _second_owner_writes_alone(first, path, clock)
    finally:
        first.close()


@pytest.mark.skipif(AS_ROOT, reason="root may write a read-only file")
def test_a_lock_file_made_read_only_while_held_still_keeps_a_second_window_out(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = _made(tmp_path, clock)
    with OpenSession.resume(path, clock, gather_seconds=0):
        lock_path(path).chmod(0o400)
        with pytest.raises(FileProblem, match="open in another window"):
            OpenSession.resume(path, clock, gather_seconds=0)


# Files that can never be written again.


def test_a_session_file_replaced_by_a_folder_is_saved_beside_under_a_new_name(tmp_path: Path, clock: FakeClock) -> None:
    path = _made(tmp_path, clock, notes=1)
    owner = OpenSession.resume(path, clock, gather_seconds=60)
    try:
        path.unlink()
        path.mkdir()
        owner.apply(Command("add_note", {"typed": "second"}))
        state = owner.flush()
        assert owner.path.parent == tmp_path and owner.path.name.startswith(path.stem + " (saved ")
        assert f"Your work is kept in {owner.path}." in state.warning
        assert _notes(owner.path) == ["note 0", "second"]
        assert stat.S_IMODE(owner.path.stat().st_mode) == 0o600
        owner.apply(Command("add_note", {"typed": "third"}))  # and saving goes on there
        owner.flush()
        assert _notes(owner.path) == ["note 0", "second", "third"]
    finally:
        owner.close()


def test_when_the_sessions_folder_is_gone_the_session_is_saved_in_the_folder_above(
    tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "sessions"
    path = _made(folder, clock, notes=1)
    owner = OpenSession.resume(path, clock, gather_seconds=60)
    try:
        shutil.rmtree(folder)
        owner.apply(Command("add_note", {"typed": "second"}))
        state = owner.flush()
        assert owner.path.parent == tmp_path and str(owner.path) in state.warning
        assert _notes(owner.path) == ["note 0", "second"]
    finally:
        owner.close()


@pytest.mark.skipif(AS_ROOT, reason="root may write in a read-only folder")
def test_a_read_only_folder_keeps_the_work_in_the_folder_above(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "sessions"
    path = _made(folder, clock, notes=1)
    owner = OpenSession.resume(path, clock, gather_seconds=60)
    try:
        path.chmod(0o400)
        folder.chmod(0o500)
        owner.apply(Command("next_step"))
        state = owner.flush()
        assert owner.path.parent == tmp_path and str(owner.path) in state.warning
    finally:
        owner.close()
        folder.chmod(0o700)


def test_a_disk_full_as_the_window_closes_keeps_the_work_in_a_new_file(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _made(tmp_path, clock, notes=1)
    owner = OpenSession.resume(path, clock, gather_seconds=60, retry_seconds=60)
    real_append = journal.Journal.append

    def disk_full(self: journal.Journal, *args: Any, **kwargs: Any) -> int:
        if self.path == path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_append(self, *args, **kwargs)

    monkeypatch.setattr(journal.Journal, "append", disk_full)
    owner.apply(Command("add_note", {"typed": "typed at the end"}))
    state = owner.close()
    assert owner.path != path and str(owner.path) in state.warning
    assert _notes(owner.path) == ["note 0", "typed at the end"]
    assert _notes(path) == ["note 0"]


# 3. One value never stops a whole folder.

DEEP_KEY = ".".join(["a"] * 1000) + " = 1\n"


def test_a_plan_nested_a_thousand_deep_is_one_sentence_and_the_other_plans_still_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "deep.toml").write_text('name = "deep"\ntitle = "Deep"\n' + DEEP_KEY)
    assert main(["--sessions-dir", str(tmp_path), "check", str(plans / "deep.toml")]) == 2
    error = capsys.readouterr().err
    assert "nested far too deeply" in error and len(error.strip().splitlines()) == 1
    assert main(["--sessions-dir", str(tmp_path), "plans"]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("deep ") and "cannot be used" in line for line in out.splitlines())
    assert "co-production-part-1" in out


def test_a_session_nested_a_thousand_deep_is_one_sentence_and_the_listing_carries_on(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _made(tmp_path, clock, notes=1)
    bad = tmp_path / "2020-01-01-0900-deep.toml"
    bad.write_text("schema_version = 2\n" + DEEP_KEY)
    for command in (["resume", bad.name], ["export", bad.name, "--format", "md"]):
        assert main(["--sessions-dir", str(tmp_path), *command]) == 2
        error = capsys.readouterr().err
        assert "nested far too deeply" in error and "Traceback" not in error
    # The good session beside it still exports (export looks through the folder for its part 2s).
    assert main(["--sessions-dir", str(tmp_path), "export", good.name, "--format", "md"]) == 0
    assert "Faults" in capsys.readouterr().out
    lines = {line.path.name: line.problem for line in SessionsIndex(tmp_path).lines()}
    assert lines[good.name] == "" and "nested far too deeply" in lines[bad.name]
    assert [path for path, _ in SessionsFolder(tmp_path).unfinished()] == [good]


def test_an_event_whose_value_breaks_the_summary_is_one_sentence_for_that_file(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = _made(tmp_path, clock)
    with open(path, "a", encoding="utf-8") as file:  # a saved event, as if typed by hand
        file.write(
            '[[events]]\nat = 2026-07-08 10:00:00+01:00\nkind = "step.extend"\n\n'
            '[events.details]\nstep = "s1"\nminutes = inf\n\n# saved 2\n'
        )
    lines = SessionsIndex(tmp_path).lines()
    assert len(lines) == 1 and lines[0].problem  # said for that file, never a traceback
    with pytest.raises(FileProblem):
        OpenSession.resume(path, clock, gather_seconds=0)


# 4. A byte-order mark.


def test_a_session_file_with_a_byte_order_mark_opens_lists_and_exports(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _made(tmp_path, clock, notes=1)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _notes(path) == ["note 0"]
    assert SessionsIndex(tmp_path).lines()[0].problem == ""
    assert main(["--sessions-dir", str(tmp_path), "export", path.name, "--format", "md"]) == 0
    assert "note 0" in capsys.readouterr().out
    with OpenSession.resume(path, clock, gather_seconds=0) as owner:
        owner.apply(Command("add_note", {"typed": "more"}))
    assert _notes(path) == ["note 0", "more"]


# 5. The listing trusts a head only when it is the one written with the events.


def test_a_running_session_marked_finished_by_hand_is_still_found_to_resume(tmp_path: Path, clock: FakeClock) -> None:
    path = _made(tmp_path, clock, notes=1)
    text = path.read_text()
    assert 'status = "paused"' in text
    path.write_text(text.replace('status = "paused"', 'status = "finished"', 1))
    assert SessionsIndex(tmp_path).lines()[0].status == "paused"
    assert [found for found, _ in SessionsFolder(tmp_path).unfinished()] == [path]


# The same faults at the other doors: the plans folder and the listing's index.


def test_a_dangling_link_named_like_a_plans_lock_never_makes_a_file_elsewhere(tmp_path: Path) -> None:
    from workshop_tui.store.plan_files import PlanNotSaved, save_plan_version

    plans = tmp_path / "plans"
    plans.mkdir()
    outside = tmp_path / "made-elsewhere"
    (plans / ".small.toml.lock").symlink_to(outside)
    with pytest.raises(PlanNotSaved):
        save_plan_version(plans, small_plan(), None)
    assert not outside.exists() and not (plans / "small.toml").exists()


def test_a_pipe_named_like_the_index_never_stops_the_listing(tmp_path: Path, clock: FakeClock) -> None:
    import signal

    path = _made(tmp_path, clock)
    (tmp_path / ".workshop-tui-index.json").unlink(missing_ok=True)
    os.mkfifo(tmp_path / ".workshop-tui-index.json")

    def stop(*_: object) -> None:
        raise AssertionError("the listing waited on a pipe")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    try:
        assert [line.path for line in SessionsIndex(tmp_path).lines()] == [path]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def test_an_index_others_may_write_is_not_believed(tmp_path: Path, clock: FakeClock) -> None:
    path = _made(tmp_path, clock, notes=1)
    index = tmp_path / ".workshop-tui-index.json"
    SessionsIndex(tmp_path).lines()
    data = json.loads(index.read_text())
    data["files"][path.name]["line"]["status"] = "finished"  # a forged line, with the file's true stamp
    index.write_text(json.dumps(data))
    index.chmod(0o666)
    assert SessionsIndex(tmp_path).lines()[0].status == "paused"
    assert [found for found, _ in SessionsFolder(tmp_path).unfinished()] == [path]


KILLED_WHILE_APPLYING = """
import os, sys
from pathlib import Path
from workshop_tui.core.clock import FakeClock
from workshop_tui.store import outbox
from workshop_tui.store.open_session import OpenSession

def killed(self):
    os.kill(os.getpid(), 9)  # killed after applying and saving, before the outboxes are removed

outbox.LeftBehind.remove_applied = killed
OpenSession.resume(Path(sys.argv[1]), FakeClock(), gather_seconds=0)
"""


def test_an_owner_killed_while_applying_an_outbox_loses_nothing_and_applies_nothing_twice(
    tmp_path: Path, clock: FakeClock
) -> None:
    import subprocess
    import sys

    path = _made(tmp_path, clock)
    kept = _kept_commands(path, "w1", [f"typed {number}" for number in range(300)])
    root = Path(__file__).resolve().parent.parent
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_APPLYING, str(path)],
        cwd=root,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
    )
    assert child.returncode == -9, child.stderr
    assert kept.exists()  # the next owner applies it again
    with OpenSession.resume(path, clock, gather_seconds=0):
        pass
    assert _notes(path) == [f"typed {number}" for number in range(300)]  # each once
    assert not kept.exists()


def test_a_lock_file_that_cannot_be_opened_for_writing_still_keeps_a_second_window_out(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a lock file made read-only does for anyone but root (who is let in to write it anyway).
    path = _made(tmp_path, clock)
    real_open = os.open  # atomic's: os's own

    def read_only_lock(name: str | os.PathLike[str], flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(name) == lock_path(path) and flags & (os.O_RDWR | os.O_WRONLY):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
        return real_open(name, flags, *args, **kwargs)

    with OpenSession.resume(path, clock, gather_seconds=0):
        monkeypatch.setattr("workshop_tui.store.atomic.os.open", read_only_lock)
        with pytest.raises(FileProblem, match="open in another window"):
            OpenSession.resume(path, clock, gather_seconds=0)


def test_a_plan_named_on_the_command_line_that_cannot_be_used_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "deep.toml").write_text('name = "deep"\ntitle = "Deep"\n' + DEEP_KEY)
    for command in (["check", "deep"], ["plan", "print", "deep", "-o", "-"]):
        assert main(["--sessions-dir", str(tmp_path), *command]) == 2
        error = capsys.readouterr().err
        assert "deep.toml" in error and "nested far too deeply" in error and "Traceback" not in error


def test_a_torn_last_save_is_kept_beside_and_said_until_the_next_save(tmp_path: Path, clock: FakeClock) -> None:
    path = _made(tmp_path, clock, notes=2)
    with open(path, "ab") as file:
        file.write(b'[[events]]\nat = 2026-07-08 10:00:00+01:00\nkind = "note.ad')  # killed part-way
    torn = path.read_bytes()
    _kept_commands(path, "w1", ["typed while the owner was away"])
    owner = OpenSession.resume(path, clock, gather_seconds=60)
    try:
        [kept] = tmp_path.glob(f"{path.name}.cut-*.bak")
        assert kept.read_bytes() == torn
        # Said on opening, even though what the window had kept was applied and saved meanwhile.
        assert "cut short" in owner.save_state.warning and owner.save_state.unsaved == 0
        owner.apply(Command("add_note", {"typed": "more"}))
        assert owner.flush().ok
    finally:
        owner.close()
    assert _notes(path) == ["note 0", "note 1", "typed while the owner was away", "more"]


def test_an_index_entry_edited_by_hand_is_not_believed(tmp_path: Path, clock: FakeClock) -> None:
    path = _made(tmp_path, clock, notes=1)
    index = tmp_path / ".workshop-tui-index.json"
    SessionsIndex(tmp_path).lines()
    data = json.loads(index.read_text())
    data["files"][path.name]["line"]["status"] = "finished"  # the file's true stamp, a false line
    index.write_text(json.dumps(data))
    index.chmod(0o600)
    assert SessionsIndex(tmp_path).lines()[0].status == "paused"
    assert [found for found, _ in SessionsFolder(tmp_path).unfinished()] == [path]
