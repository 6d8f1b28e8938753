"""Several windows on one session: the owner serves its socket, other windows join, send commands,
and see every change; nothing typed is lost when the owner goes; bad messages are refused."""

import itertools
import json
import os
import socket
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.roles import Role
from workshop_tui.core.session_engine import NotNow
from workshop_tui.model import Event
from workshop_tui.store.joined_session import JoinedSession
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.outbox import outbox_path
from workshop_tui.store.session_file import load_session
from workshop_tui.store.session_wire import MAX_LINE, VERSION, arguments_text, connect_to, encode, socket_path
from tests.conftest import small_plan


def until(check: Callable[[], object], what: str, timeout: float = 5.0) -> None:
    """Wait for another thread to have done something; this waits on it, not on the clock."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen"
        time.sleep(0.005)


@pytest.fixture
def owner(sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    made = OpenSession.create(sessions_dir, small_plan(), "Windows", clock, "Ann", "Bob", gather_seconds=0)
    assert made.serve()
    yield made
    made.close()


def joined(owner: OpenSession, clock: FakeClock, role: Role = "note-taker", name: str = "Bob") -> JoinedSession:
    window = JoinedSession(owner.path, clock, role, name, gather_seconds=0)
    until(lambda: window.link == "joined", f"the {role} joining")
    return window


def test_the_socket_is_private_and_beside_the_session(owner: OpenSession) -> None:
    path = socket_path(owner.path)
    assert path.parent == owner.path.parent
    assert stat.S_ISSOCK(path.stat().st_mode) and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_note_from_the_note_taker_reaches_the_owner_and_every_window(owner: OpenSession, clock: FakeClock) -> None:
    note_taker, audience = joined(owner, clock), joined(owner, clock, "audience", "")
    with note_taker, audience:
        note_taker.apply(Command("add_note", {"typed": "+ Meet at the library"}))
        assert [(n.text, n.kind, n.window) for n in owner.session.notes] == [
            ("Meet at the library", "idea", "note-taker: Bob")
        ]
        until(lambda: len(audience.session.notes) == 1, "the audience window hearing the note")
        assert note_taker.session.notes[0].text == "Meet at the library"
        owner.apply(Command("next_step"))  # the facilitator's own screen
        until(lambda: audience.engine.current.title == "Tea", "the audience window following the step")
        assert owner.session.events[-1].window == "facilitator: Ann"
    owner.flush()
    assert load_session(owner.path).notes[0].window == "note-taker: Bob"


def test_a_window_that_joins_late_gets_the_whole_session_first(owner: OpenSession, clock: FakeClock) -> None:
    for number in range(30):
        owner.apply(Command("add_note", {"typed": f"Note {number}"}))
    owner.apply(Command("next_step"))
    owner.flush()
    with joined(owner, clock) as late:
        assert [n.text for n in late.session.notes] == [f"Note {number}" for number in range(30)]
        assert late.engine.current.title == "Tea"


def test_a_window_that_joins_while_changes_are_unsaved_gets_them_once_they_are_saved_and_once_only(
    sessions_dir: Path, clock: FakeClock
) -> None:
    owner = OpenSession.create(sessions_dir, small_plan(), "Late", clock, "Ann", "Bob", gather_seconds=3600)
    owner.serve()
    try:
        owner.flush()
        for number in range(5):
            owner.apply(Command("add_note", {"typed": f"Note {number}"}))
        with joined(owner, clock) as late:
            assert late.session.notes == []  # not on disk yet, so not in the welcome
            owner.flush()
            until(lambda: len(late.session.notes) == 5, "the saved notes")
            owner.apply(Command("add_note", {"typed": "Note 5"}))
            owner.flush()
            until(lambda: len(late.session.notes) == 6, "the next note")
            assert [n.text for n in late.session.notes] == [f"Note {number}" for number in range(6)]
    finally:
        owner.close()


def test_a_refused_command_says_why_and_an_audience_window_cannot_change_anything(
    owner: OpenSession, clock: FakeClock
) -> None:
    with joined(owner, clock) as note_taker, joined(owner, clock, "audience") as audience:
        with pytest.raises(NotNow, match="empty"):
            note_taker.apply(Command("add_note", {"typed": "   "}))
        with pytest.raises(NotNow, match="only shows"):
            audience.apply(Command("add_note", {"typed": "Hello"}))
        assert owner.session.notes == []
        assert not outbox_path(owner.path, note_taker.window_id).read_bytes()  # answered, so let go


def test_a_command_sent_twice_is_applied_once(owner: OpenSession) -> None:
    command = Command("add_note", {"typed": "Only once"}, id="w1-1", window="note-taker")
    owner.apply(command)
    owner.apply(command)
    assert [n.text for n in owner.session.notes] == ["Only once"]
    owner.close()
    again = OpenSession.resume(owner.path, owner.clock, gather_seconds=0)
    again.apply(command)  # the id is kept in the file, so a resumed owner knows it too
    assert [n.text for n in again.session.notes] == ["Only once"]
    again.close()


def test_when_the_owner_closes_the_note_taker_takes_over_and_loses_nothing(
    owner: OpenSession, clock: FakeClock
) -> None:
    note_taker = joined(owner, clock)
    note_taker.apply(Command("add_note", {"typed": "Before"}))
    owner.close()
    until(lambda: note_taker.link == "owner", "the note-taker taking over")
    note_taker.apply(Command("add_note", {"typed": "After"}))
    note_taker.close()
    assert [(n.text, n.window) for n in load_session(owner.path).notes] == [
        ("Before", "note-taker: Bob"),
        ("After", "note-taker: Bob"),
    ]


def test_what_is_typed_while_no_owner_answers_is_kept_on_disk_and_added_later(
    sessions_dir: Path, clock: FakeClock
) -> None:
    made = OpenSession.create(sessions_dir, small_plan(), "Windows", clock, "Ann", "Bob", gather_seconds=0)
    made.serve()
    audience = joined(made, clock, "audience")
    window = JoinedSession(made.path, clock, "note-taker", "Bob", take_over=False)
    until(lambda: window.link == "joined", "joining")
    made.close()
    until(lambda: window.link == "owner gone", "the window noticing the owner has gone")
    until(lambda: audience.link == "owner gone", "the audience window noticing")
    assert window.save_state.ok and audience.save_state.ok  # all they typed is saved: no alarm, though the owner went
    window.apply(Command("add_note", {"typed": "Typed while alone"}))
    # Safe in its outbox: said calmly, not as a failed save.
    assert window.save_state.ok and window.save_state.unsaved == 1
    assert window.save_state.warning == (
        "1 change typed here is kept safe on this computer, and added when the window that runs the session is back."
    )
    kept = outbox_path(made.path, window.window_id)
    assert "Typed while alone" in kept.read_text()
    window.close()  # the window goes too: its outbox stays for the next owner
    assert kept.exists()
    again = OpenSession.resume(made.path, clock, gather_seconds=0)
    assert [n.text for n in again.session.notes] == ["Typed while alone"]
    assert not kept.exists()
    again.serve()
    until(lambda: audience.link == "joined", "the audience window joining again")
    until(lambda: len(audience.session.notes) == 1, "the audience window seeing the note")
    again.close()
    audience.close()


def test_a_window_that_sends_garbage_is_refused_and_the_owner_carries_on(owner: OpenSession, clock: FakeClock) -> None:
    def say(*lines: bytes) -> list[dict[str, Any]]:
        connection = connect_to(socket_path(owner.path))
        for line in lines:
            connection.sendall(line)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass  # let go with bytes unread (a flood): the kernel resets rather than closes
        connection.close()
        return [json.loads(line) for line in answer.splitlines()]

    hello = {
        "hello": {"session": owner.path.name, "role": "note-taker", "name": "Bob", "window": "x", "version": VERSION}
    }
    assert "not JSON" in say(b"\xff\xfe garbage\n")[0]["error"]
    assert "hello" in say(encode({"command": {"id": "1", "name": "finish", "args": ""}}))[0]["error"]
    other = {"hello": {**hello["hello"], "session": "another.toml"}}
    assert "not of the session asked for" in say(encode(other))[0]["error"]
    flood = say(b"x" * (MAX_LINE + 10))
    assert flood == [] or "longer than" in flood[-1]["error"]
    answers = say(
        encode(hello),
        encode({"command": {"id": "1", "name": "os.system", "args": ""}}),
        encode({"command": {"id": "2", "name": "add_note", "args": "not toml ["}}),
    )
    assert "not something a session can do" in answers[1]["why"]
    assert "not TOML" in answers[2]["why"]
    answers = say(
        encode(hello),
        encode({"command": {"id": "3", "name": "add_note", "args": arguments_text({"typed": "Still here"})}}),
    )
    assert any(answer.get("done") == "3" for answer in answers)
    assert [n.text for n in owner.session.notes] == ["Still here"]


def test_outboxes_of_windows_that_are_still_running_are_left_to_them(owner: OpenSession, clock: FakeClock) -> None:
    window = JoinedSession(owner.path, clock, "note-taker", "Bob", take_over=False)
    assert os.path.exists(outbox_path(owner.path, window.window_id))
    assert owner.apply_left_behind() == 0 and os.path.exists(outbox_path(owner.path, window.window_id))
    window.close()
    assert not os.path.exists(outbox_path(owner.path, window.window_id))  # nothing was kept, so nothing is left


OWNER_SCRIPT = """
import sys, time
from pathlib import Path
from workshop_tui.core.clock import SystemClock
from workshop_tui.store.open_session import OpenSession
from tests.conftest import small_plan
owner = OpenSession.create(Path(sys.argv[1]), small_plan(), "Killed", SystemClock(), "Ann", "Bob", gather_seconds=3600)
owner.serve()
print(owner.path, flush=True)
time.sleep(3600)
"""


def test_an_owner_killed_before_it_saved_loses_nothing_the_note_taker_sent(
    sessions_dir: Path, clock: FakeClock
) -> None:
    import signal
    import subprocess
    import sys

    # An owner that never saves on its own: every note the window sends is applied but not on disk.
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER_SCRIPT, str(sessions_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    try:
        assert owner.stdout is not None
        path = Path(owner.stdout.readline().strip())
        window = JoinedSession(path, clock, "note-taker", "Bob", gather_seconds=0)
        until(lambda: window.link == "joined", "joining")
        for number in range(20):
            window.apply(Command("add_note", {"typed": f"Kept {number}"}))
        # Applied by the owner, not saved: so not shown in the window either, only kept in its outbox.
        assert window.session.notes == [] and load_session(path).notes == []
        assert window.save_state.unsaved == 20
        owner.send_signal(signal.SIGKILL)
        until(lambda: window.link == "owner", "the note-taker taking over", timeout=10)
        assert [n.text for n in window.session.notes] == [f"Kept {number}" for number in range(20)]
        assert window.kept_everything
        window.close()
    finally:
        owner.kill()
        owner.wait()
    assert [n.text for n in load_session(path).notes] == [f"Kept {number}" for number in range(20)]


def test_the_minutes_say_which_window_each_record_was_typed_in(owner: OpenSession, clock: FakeClock) -> None:
    from workshop_tui.export.markdown_minutes import markdown_minutes

    alone = markdown_minutes(owner.session)
    owner.apply(Command("add_note", {"typed": "From the facilitator"}))
    assert "window" not in markdown_minutes(owner.session).replace(alone, "")  # one window: nothing to tell apart
    with joined(owner, clock) as note_taker:
        note_taker.apply(Command("add_note", {"typed": "From Bob"}))
        note_taker.apply(Command("add_action", {"text": "Ring the library"}))
    minutes = markdown_minutes(owner.session)
    # The group's minutes say once who typed them; their lines are what was said.
    assert "These minutes were typed in the facilitator's window (Ann) and the note-taker's window (Bob)." in minutes
    assert "- Note: From Bob\n" in minutes and minutes.count("window") == 2
    # The trainer's review says it line by line.
    from workshop_tui.export.markdown_minutes import sections_markdown
    from workshop_tui.export.minutes import minutes_sections

    review = sections_markdown(minutes_sections(owner.session, who_typed=True))
    assert "- Note: From Bob - typed in the note-taker's window (Bob)" in review
    assert "- Note: From the facilitator - typed in the facilitator's window (Ann)" in review
    assert "| Ring the library | - | - | open | the note-taker's window (Bob) |" in review
    from workshop_tui.export.csv_tables import csv_table

    assert '"From Bob","","no","note-taker: Bob"' in csv_table(owner.session, "notes")


def test_an_owner_that_stops_answering_holds_up_one_command_not_every_one(
    sessions_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from workshop_tui.store import joined_session
    from workshop_tui.store.session_wire import LineReader, listen_at, session_text

    made = OpenSession.create(sessions_dir, small_plan(), "Silent", clock, "Ann", "Bob", gather_seconds=0)
    text = session_text(made.session)
    made.close()
    listening = listen_at(socket_path(made.path))

    def silent_owner() -> None:  # says welcome, then hears commands and never answers them
        connection, _ = listening.accept()
        reader = LineReader(connection)
        reader.read()
        connection.sendall(encode({"welcome": {"session": text, "save": {}}}))
        while reader.read() is not None:
            pass

    threading.Thread(target=silent_owner, daemon=True).start()
    waits: list[float | None] = []
    real_wait = threading.Event.wait

    class Reply(joined_session._Reply):
        def __init__(self) -> None:
            super().__init__()

            def wait(timeout: float | None = None) -> bool:
                waits.append(timeout)
                return real_wait(self.ready, 0)

            self.ready.wait = wait  # type: ignore[method-assign]  # to see how long each wait is for

    monkeypatch.setattr(joined_session, "_Reply", Reply)
    window = JoinedSession(made.path, clock, "note-taker", "Bob", take_over=False)
    until(lambda: window.link == "joined", "joining")
    for number in range(3):
        assert window.apply(Command("add_note", {"typed": f"Kept {number}"})) == []
    assert waits == [joined_session.REPLY_WAIT, 0, 0]  # after one wait that timed out, no more waiting
    assert window.save_state.unsaved == 3
    window.close()
    listening.close()


async def test_a_note_takers_window_shows_it_has_joined_once_an_owner_comes_back(
    owner: OpenSession, clock: FakeClock
) -> None:
    from workshop_tui.ui.app import OpenedSession, WorkshopApp

    owner.close()
    window = JoinedSession(owner.path, clock, "note-taker", "Bob", take_over=False)
    until(lambda: window.link == "owner gone", "the window finding no owner")
    app = WorkshopApp(
        sessions_dir=owner.path.parent, clock=clock, quiet=True, opening=OpenedSession(window, "note-taker")
    )
    again = OpenSession.resume(owner.path, clock, gather_seconds=0)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            again.serve()
            until(lambda: window.link == "joined", "joining")
            await pilot.pause()
            assert "has gone" not in str(app.screen.query_one("#save-state", Static).content)
    finally:
        window.close()
        again.close()


# What a window may do is what the owner knows of it, never what it says of itself.


_WINDOW_IDS = itertools.count(1)


def raw_window(
    owner: OpenSession, role: str = "note-taker", name: str = "Bob", window: str = "", **more: object
) -> socket.socket:
    """A connection that has said hello and heard its welcome (or its refusal: read the first answer).
    Each has a window id of its own unless one is given: two live windows never share one."""
    window = window or f"w{next(_WINDOW_IDS)}"
    connection = connect_to(socket_path(owner.path))
    hello = {"session": owner.path.name, "role": role, "name": name, "window": window, "version": VERSION, **more}
    connection.sendall(encode({"hello": hello}))
    return connection


def answers(connection: socket.socket, until_answer: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    """What the owner says on `connection`, up to the first answer `until_answer` takes (or the owner closing)."""
    connection.settimeout(5)
    heard: list[dict[str, Any]] = []
    buffer = b""
    while not any(until_answer(answer) for answer in heard):
        chunk = connection.recv(1 << 20)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        heard += [json.loads(line) for line in lines]
    return heard


def command(connection: socket.socket, command_id: str, name: str, **args: object) -> dict[str, Any]:
    connection.sendall(encode({"command": {"id": command_id, "name": name, "args": arguments_text(args)}}))

    def answered(answer: dict[str, Any]) -> bool:
        return command_id in (answer.get("done"), answer.get("refused")) or "error" in answer

    return next(answer for answer in answers(connection, answered) if answered(answer))


def test_a_window_that_says_it_is_the_facilitator_without_the_key_is_refused(owner: OpenSession) -> None:
    connection = raw_window(owner, "facilitator", "Margaret")
    heard = answers(connection, lambda answer: "error" in answer or "welcome" in answer)
    assert heard[-1] == {
        "error": "Refused: Only the facilitator's own computer, or a window given the facilitator's "
        "code, can join as the facilitator."
    }
    wrong = raw_window(owner, "facilitator", "Margaret", key="not the key")
    assert "error" in answers(wrong, lambda answer: "error" in answer or "welcome" in answer)[-1]
    connection.close()
    wrong.close()
    until(lambda: owner.windows == [], "the refused windows let go")


def first_answer(connection: socket.socket) -> dict[str, Any]:
    try:

        def first(answer: dict[str, Any]) -> bool:
            return "error" in answer or "welcome" in answer

        # One read may bring the welcome and the events after it: the first answer is the one.
        return next(answer for answer in answers(connection, first) if first(answer))
    finally:
        connection.close()


def joined_as(connection: socket.socket) -> dict[str, Any]:
    """Who the owner took a window for, from its welcome."""
    answer = first_answer(connection)
    assert "welcome" in answer, answer
    you: dict[str, Any] = answer["welcome"]["you"]
    return you


def test_a_window_is_who_the_roster_and_the_codes_say_whatever_its_hello_claims(owner: OpenSession) -> None:
    """As found in [12]: any name acted as anyone. Now a name must be on the roster, a member's window needs
    the member's code, and the owner says in its welcome who it took the window for."""
    owner.apply(Command("add_person", {"name": "Margaret Smith", "role": "older person"}))
    stranger = first_answer(raw_window(owner, "note-taker", "Stranger"))
    assert stranger == {
        "error": "Refused: No one called Stranger is on the roster. Ask the facilitator to add you, "
        "or to let guests join."
    }
    typo = first_answer(raw_window(owner, "note-taker", "Margret Smith"))
    assert typo == {"error": "Refused: No one called Margret Smith is on the roster. Did you mean Margaret Smith?"}
    claims_member = first_answer(raw_window(owner, "member", "Margaret Smith"))
    assert "needs that member's own code" in claims_member["error"]
    assert joined_as(raw_window(owner, "note-taker", "margaret  smith")) == {
        "role": "note-taker",
        "name": "Margaret Smith",
    }  # no panel here: a person on the roster takes notes
    owner.apply(Command("make_codes"))
    co_chair = owner.session.codes["facilitator"]
    assert joined_as(raw_window(owner, "note-taker", "Grace Obi", code=co_chair.lower())) == {
        "role": "facilitator",
        "name": "Grace Obi",
    }
    assert "not right" in first_answer(raw_window(owner, "note-taker", "Grace Obi", code="AAAAAA"))["error"]
    owner.apply(Command("allow_guests", {"allowed": True}))
    assert first_answer(raw_window(owner, "facilitator", "Stranger", key="", code=""))["error"]
    assert joined_as(raw_window(owner, "note-taker", "Stranger")) == {"role": "guest", "name": "Stranger"}


def test_a_note_takers_window_cannot_finish_or_run_the_round_and_the_label_is_the_owners(
    owner: OpenSession, clock: FakeClock
) -> None:
    note_taker = raw_window(owner, "note-taker", "Bob")
    assert command(note_taker, "1", "finish") == {"refused": "1", "why": "Only the facilitator can finish the session."}
    assert command(note_taker, "2", "open_round", pot_pence=100) == {
        "refused": "2",
        "why": "Only the chair can open the round.",
    }
    audience = raw_window(owner, "audience", "")
    assert (
        command(audience, "3", "add_note", typed="Hello")["why"]
        == "This window only shows the session. It cannot change it."
    )
    # A command's own word for its window is never believed: the label is what the hello proved.
    note_taker.sendall(
        encode(
            {
                "command": {
                    "id": "4",
                    "name": "add_note",
                    "window": "facilitator: Ann",
                    "args": arguments_text({"typed": "Mine"}),
                }
            }
        )
    )
    answers(note_taker, lambda answer: answer.get("done") == "4")
    assert owner.session.status != "finished" and [(n.text, n.window) for n in owner.session.notes] == [
        ("Mine", "note-taker: Bob")
    ]
    note_taker.close()
    audience.close()


def test_the_facilitator_who_resumes_while_a_window_runs_the_session_joins_with_the_key(
    owner: OpenSession, clock: FakeClock
) -> None:
    from workshop_tui.store.joined_session import resume_or_join
    from workshop_tui.store.session_wire import key_path

    key = key_path(owner.path)
    assert owner._server is not None
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.read_text() == owner._server.key
    facilitator = resume_or_join(owner.path, clock, gather_seconds=0)
    assert isinstance(facilitator, JoinedSession)
    with facilitator:
        until(lambda: facilitator.link == "joined", "the facilitator joining")
        facilitator.apply(Command("finish"))
        assert owner.session.status == "finished" and owner.session.events[-1].window == "facilitator: Ann"
    owner.close()
    assert not key.exists()  # the key goes with the socket


def test_a_key_file_that_is_a_link_is_never_written_through(sessions_dir: Path, clock: FakeClock) -> None:
    from workshop_tui.store.session_wire import key_path

    made = OpenSession.create(sessions_dir, small_plan(), "Linked", clock, "Ann", "Bob", gather_seconds=0)
    elsewhere = sessions_dir / "elsewhere.txt"
    elsewhere.write_text("keep me")
    key_path(made.path).symlink_to(elsewhere)
    assert made.serve()  # the link is removed, never followed, and the key written as a file of its own
    assert elsewhere.read_text() == "keep me"
    assert not key_path(made.path).is_symlink() and stat.S_IMODE(key_path(made.path).stat().st_mode) == 0o600
    made.close()


def test_a_pipe_named_like_the_key_file_never_holds_the_owner(sessions_dir: Path, clock: FakeClock) -> None:
    # Found by an attacker: a pipe at the key's name left `resume` waiting forever on a blank screen.
    from workshop_tui.store.session_wire import key_path

    made = OpenSession.create(sessions_dir, small_plan(), "Piped", clock, "Ann", "Bob", gather_seconds=0)
    os.mkfifo(key_path(made.path))
    assert made.serve()
    assert stat.S_ISREG(key_path(made.path).stat().st_mode)
    made.close()


def test_a_window_id_already_joined_is_refused_so_no_command_is_dropped(owner: OpenSession, clock: FakeClock) -> None:
    # Found by an attacker: a second connection with a live window's id had that window's next command
    # answered "done" and dropped.
    first = raw_window(owner, window="fx")
    assert command(first, "1", "add_note", typed="From the real window") == {"done": "1", "after": 2}
    second = raw_window(owner, window="fx")
    assert answers(second, lambda answer: "error" in answer)[-1]["error"].startswith(
        "Refused: a window with this id has joined already"
    )
    assert command(first, "2", "add_note", typed="Still the real window")["done"] == "2"
    assert [note.text for note in owner.session.notes] == ["From the real window", "Still the real window"]
    first.close()


def test_the_same_command_id_from_two_windows_is_two_commands(owner: OpenSession, clock: FakeClock) -> None:
    first, second = raw_window(owner, window="w1"), raw_window(owner, window="w2")
    assert command(first, "1", "add_note", typed="From the first") == {"done": "1", "after": 2}
    assert command(second, "1", "add_note", typed="From the second") == {"done": "1", "after": 3}
    assert command(second, "1", "add_note", typed="From the second") == {"done": "1", "after": 3}  # sent again: once
    first.close()
    second.close()
    owner.apply(Command("add_note", {"typed": "The facilitator's own"}, id="1"))  # the owner's ids are its own too
    assert [n.text for n in owner.session.notes] == ["From the first", "From the second", "The facilitator's own"]
    owner.close()
    again = OpenSession.resume(owner.path, clock, gather_seconds=0)  # the ids and their windows are kept in the file
    for window_id in ("w1", "w2", ""):
        again.apply(Command("add_note", {"typed": "Again"}, id="1", window_id=window_id, role="note-taker"))
    again.apply(Command("add_note", {"typed": "From a third"}, id="1", window_id="w3", role="note-taker"))
    assert [n.text for n in again.session.notes][3:] == ["From a third"]
    again.close()


def test_a_forged_outbox_line_is_applied_with_a_note_takers_rights_at_most(
    owner: OpenSession, clock: FakeClock
) -> None:
    from workshop_tui.store.outbox import Outbox

    owner.close()
    forged = Outbox(owner.path, "gone-1")
    forged.add({"id": "gone-1-1", "name": "finish", "args": "", "window": "facilitator: Ann"})
    forged.add(
        {
            "id": "gone-1-2",
            "name": "add_note",
            "args": arguments_text({"typed": "Kept as a guest"}),
            "window": "facilitator: Ann",
        }
    )
    forged.add({"id": "gone-1-4", "name": "next_step", "args": "", "window": "note-taker: Ann"})
    forged.add(
        {"id": "gone-1-3", "name": "add_note", "args": arguments_text({"typed": "Kept"}), "window": "note-taker: bob"}
    )
    forged.close(keep=True)
    again = OpenSession.resume(owner.path, clock, gather_seconds=0)
    assert (
        again.session.status != "finished" and again.session.current_step == 0
    )  # no finish, no step: a guest's rights
    # Ann is no note-taker on the roster: her note is kept with a guest's rights (which never finish a session).
    # Bob's is applied as the roster names him.
    assert [(n.text, n.window) for n in again.session.notes] == [
        ("Kept as a guest", "guest: Ann"),
        ("Kept", "note-taker: Bob"),
    ]
    again.close()


def test_a_forged_outbox_lines_name_is_stamped_only_when_it_is_a_plain_name(
    owner: OpenSession, clock: FakeClock
) -> None:
    # Found by an attacker: escape codes and 5,000 characters in an outbox line's window reached the minutes.
    from workshop_tui.store.outbox import Outbox

    owner.close()
    forged = Outbox(owner.path, "gone-2")
    for number, said in enumerate(
        ["note-taker: \x1b[31mRED\x1b[0m", "note-taker: " + "x" * 5000, "note-taker: \u202eevil"], 1
    ):
        forged.add(
            {
                "id": f"gone-2-{number}",
                "name": "add_note",
                "args": arguments_text({"typed": f"Note {number}"}),
                "window": said,
            }
        )
    forged.close(keep=True)
    again = OpenSession.resume(owner.path, clock, gather_seconds=0)
    # Kept, with a guest's rights and no name: nothing of those names reaches the minutes.
    assert [n.window for n in again.session.notes] == ["guest"] * 3
    again.close()


def test_an_owner_that_moved_to_a_new_file_never_removes_the_socket_of_the_owner_after_it(
    sessions_dir: Path, clock: FakeClock
) -> None:
    # Found by an attacker: after a lost lock, the first owner's Ctrl+Q removed the socket of the window
    # that then owned the file, and windows joining the file were told its owner had gone.
    from workshop_tui.store.session_lock import lock_path
    from workshop_tui.store.session_wire import owner_answers

    first = OpenSession.create(sessions_dir, small_plan(), "Moved", clock, "Ann", "Bob", gather_seconds=0)
    assert first.serve()
    original = first.path
    lock_path(original).unlink()  # another window's doing: the lock is not this owner's any more
    first.apply(Command("add_note", {"typed": "In the copy"}))
    assert first.flush().ok and first.path != original and "Your work is kept in" in first.save_state.warning
    assert owner_answers(first.path)  # windows joining the copy find it
    second = OpenSession.resume(original, clock, gather_seconds=0)
    assert "Another window carried this session on in a copy beside it" in second.save_state.warning
    assert first.path.name in second.save_state.warning
    assert second.serve()
    first.close()
    assert owner_answers(original)  # the second owner's socket is still there
    second.close()


def test_a_welcome_is_written_without_holding_up_the_session(
    owner: OpenSession, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from workshop_tui.store import session_file, session_server

    for number in range(5):
        owner.apply(Command("add_note", {"typed": f"Note {number}"}))
    writing, go_on = threading.Event(), threading.Event()
    real = session_file.event_text

    def slow_event_text(event: Event) -> str:  # a welcome's text takes as long as this test likes
        if threading.current_thread().name == "window-reader":
            writing.set()
            go_on.wait(10)
        return real(event)

    monkeypatch.setattr(session_file, "event_text", slow_event_text)
    monkeypatch.setattr(session_server, "event_text", slow_event_text)
    window = JoinedSession(owner.path, clock, "note-taker", "Bob", take_over=False)
    try:
        until(lambda: writing.is_set(), "the welcome being written")
        done = threading.Event()

        def note_meanwhile() -> None:
            owner.apply(Command("add_note", {"typed": "Meanwhile"}))
            done.set()

        threading.Thread(target=note_meanwhile, daemon=True).start()
        until(done.is_set, "a note taken while a welcome is written")
        go_on.set()
        until(
            lambda: window.link == "joined" and len(window.session.notes) == 6,
            "the window hearing the note after its welcome",
        )
        assert [n.text for n in window.session.notes] == [*(f"Note {number}" for number in range(5)), "Meanwhile"]
    finally:
        go_on.set()
        window.close()


def test_a_hello_said_a_byte_at_a_time_still_has_to_end_in_time(
    owner: OpenSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from workshop_tui.store import session_server

    monkeypatch.setattr(session_server, "HELLO_WAIT", 0.5)
    connection = connect_to(socket_path(owner.path))
    cut_off = threading.Event()

    def trickle() -> None:  # a byte every 50 ms: each one in time, the whole far too late
        for byte in b'{"hello": ' + b" " * 200:
            try:
                connection.sendall(bytes([byte]))
            except OSError:
                cut_off.set()
                return
            time.sleep(0.05)

    trickler = threading.Thread(target=trickle, daemon=True)
    trickler.start()
    heard = answers(connection, lambda answer: "error" in answer)
    assert heard == [{"error": "Refused: no hello was said in time."}]
    until(lambda: cut_off.is_set() or not trickler.is_alive(), "the trickle ending")
    assert cut_off.is_set()  # let go while it was still trickling
    connection.close()


def test_windows_beyond_the_most_a_session_takes_are_refused_in_words(
    owner: OpenSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_tui.store import session_server

    monkeypatch.setattr(session_server, "MOST_WINDOWS", 3)
    held = [raw_window(owner, window=f"w{number}") for number in range(3)]
    for connection in held:
        assert "welcome" in answers(connection, lambda answer: "welcome" in answer)[0]
    one_too_many = connect_to(socket_path(owner.path))
    assert answers(one_too_many, lambda answer: "error" in answer) == [
        {"error": "Refused: 3 windows are connected to this session already, which is all it takes."}
    ]
    held.pop().close()
    until(lambda: len(owner.windows) == 2, "a window going")
    late = raw_window(owner, window="late")
    assert any("welcome" in answer for answer in answers(late, lambda answer: "welcome" in answer or "error" in answer))
    for connection in [*held, late, one_too_many]:
        connection.close()


def test_a_room_of_windows_connecting_at_once_all_get_in(tmp_path: Path) -> None:
    from workshop_tui.store.session_wire import listen_at

    listening = listen_at(tmp_path / "room.sock")  # nobody accepts yet: the kernel holds them all
    clients = []
    try:
        for _ in range(200):
            client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            client.setblocking(False)
            client.connect(str(tmp_path / "room.sock"))  # BlockingIOError when the queue is full
            clients.append(client)
    finally:
        for client in clients:
            client.close()
        listening.close()
    assert len(clients) == 200


def test_only_serve_with_the_key_can_put_words_on_the_facilitators_screen(owner: OpenSession) -> None:
    # Found by an attacker: any audience window could put a false join code on the facilitator's screen.
    refused = {
        "error": "Refused: only serve, on the facilitator's computer, can put words on the facilitator's screen."
    }
    for said in ({"browser": True}, {}, {"key": "a guess"}):
        window = raw_window(owner, "audience", "", **said)
        window.sendall(encode({"notice": "Join code 1234 · type it at evil.example"}))
        assert answers(window, lambda answer: "error" in answer)[-1] == refused
    server = owner._server
    assert server is not None and server.notice == ""
    serve = raw_window(owner, "audience", "web server", key=server.key)
    serve.sendall(encode({"notice": "Join code K7P2QX · Browsers: http://127.0.0.1:8000/join"}))
    until(lambda: server.notice.startswith("Join code K7P2QX"), "the notice from serve")
    serve.close()
    deep = raw_window(owner, window="d1")
    deep.sendall(b"[" * 100_000 + b"\n")  # deeper than any message: refused in words, not a thread lost
    assert answers(deep, lambda answer: "error" in answer)[-1] == {"error": "Refused: a message was not JSON text."}
    deep.close()


def test_a_command_saved_by_an_owner_that_went_is_not_applied_again_from_the_windows_outbox(
    owner: OpenSession, clock: FakeClock
) -> None:
    from workshop_tui.store.outbox import Outbox

    # The window's note was applied and saved, but the owner went before the window heard so.
    owner.apply(Command("add_note", {"typed": "Once"}, "w9-1", "note-taker: Bob", "note-taker", False, "w9"))
    owner.close()
    kept = Outbox(owner.path, "w9")
    kept.add({"id": "w9-1", "name": "add_note", "args": arguments_text({"typed": "Once"}), "window": "note-taker: Bob"})
    kept.add(
        {"id": "w9-2", "name": "add_note", "args": arguments_text({"typed": "Twice"}), "window": "note-taker: Bob"}
    )
    kept.close(keep=True)
    again = OpenSession.resume(owner.path, clock, gather_seconds=0)
    assert [(n.text, n.window) for n in again.session.notes] == [
        ("Once", "note-taker: Bob"),
        ("Twice", "note-taker: Bob"),
    ]
    assert [e.command for e in again.session.events[-2:]] == [
        "w9/w9-1",
        "w9/w9-2",
    ]  # each event says whose command it was
    again.close()


def test_a_file_from_before_window_ids_were_stamped_still_knows_which_commands_it_has(
    owner: OpenSession, clock: FakeClock
) -> None:
    from workshop_tui.store.outbox import Outbox

    owner.apply(Command("add_note", {"typed": "Once"}, "w9-1", "note-taker: Bob", "note-taker", False, "w9"))
    owner.close()
    text = owner.path.read_text()
    owner.path.write_text(text.replace('command = "w9/w9-1"', 'command = "w9-1"'))  # as the last version wrote it
    kept = Outbox(owner.path, "w9")
    kept.add({"id": "w9-1", "name": "add_note", "args": arguments_text({"typed": "Once"}), "window": "note-taker: Bob"})
    kept.close(keep=True)
    again = OpenSession.resume(owner.path, clock, gather_seconds=0)
    assert [n.text for n in again.session.notes] == ["Once"]
    again.close()
