"""Anything a window can send over the session's socket, drawn by Hypothesis: hellos of every shape,
JSON of every type, commands with wrong names, wrong and reused ids, arguments of every type, huge
numbers, deep TOML, any unicode and control characters. Through the real socket to a real owner.

Whatever comes, the owner never crashes, never applies a value the arguments' model refuses, and the
session in memory is the file reloaded, which opens again."""

import json
import socket
import unicodedata
from datetime import UTC, date
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.commands import ARGUMENTS
from workshop_tui.model.command_arguments import EARLIEST_DUE, LATEST_DUE, MOST_MINUTES_AT_ONCE
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.session_file import load_session
from workshop_tui.store.session_wire import VERSION, arguments_text, connect_to, encode, socket_path
from tests.conftest import TEN_AM, plan_named, small_plan

FIELDS = sorted(
    {name for model in ARGUMENTS.values() for name in model.model_fields} | {"step", "window", "role", "zzz"}
)
NAMES = [*sorted(ARGUMENTS), "os.system", "__init__", "_emit", "apply", "stamped", "", "finish"]

scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),  # TOML's integers
    st.sampled_from([0, 1, -1, 600, 601, -601, 10**6, 2**31, 2**63 - 1, -(2**63)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 0.5]),
    st.text(max_size=30),
    st.sampled_from(
        ["", "s1", "s2", "s99", "n1", "p1", "a1", "app1", "need", "x" * 11_000, "Ann\x1b[2J", "a\nb", "\x00"]
    ),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(timezones=st.just(UTC)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4)),
    max_leaves=12,
)
arguments = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=5).map(arguments_text),
    st.text(max_size=40),  # not TOML, or TOML of another shape
    st.sampled_from(
        [
            "args = 5",
            "args = [1, 2]",
            "[args]\nminutes = 1e308",
            "args = " + "[" * 5000 + "]" * 5000,
            "args = " + "{a = " * 3000 + "1" + "}" * 3000,
            "[args]\ndirection = 0\nindex = 1",
        ]
    ),
    st.integers(),
    st.none(),
)
good_ids = st.one_of(st.sampled_from(["1", "2", "3", "w1-1"]), st.text(min_size=1, max_size=20))


T = TypeVar("T")


def mostly(usual: st.SearchStrategy[T], odd: st.SearchStrategy[T], odd_in_ten: int = 1) -> st.SearchStrategy[T]:
    """`usual` nine times in ten, else `odd` (one_of alone would draw each as often)."""
    return st.integers(0, 9).flatmap(lambda n: odd if n < odd_in_ten else usual)


ids = mostly(good_ids, st.one_of(st.text(max_size=120), st.integers(), st.none()))
words = st.one_of(st.text(min_size=1, max_size=30), st.text(st.characters(codec="utf-8"), max_size=30))
# Values near what each argument takes, so most commands get as far as the engine, and past it.
NEAR = {
    "typed": words,
    "text": words,
    "title": words,
    "name": words,
    "question": words,
    "reason": words,
    "interest": words,
    "minutes": st.integers(-700, 700),
    "index": st.integers(-1, 5),
    "direction": st.integers(-2, 2),
    "arrived": st.booleans(),
    "person_id": st.sampled_from(["p1", "p2", "p9"]),
    "note_id": st.sampled_from(["n1", "n2", "n9"]),
    "action_id": st.sampled_from(["a1", "a9"]),
    "due": st.dates(min_value=date(1990, 1, 1), max_value=date(2110, 1, 1)),
    "kind": st.sampled_from(["activity", "break", "nonsense"]),
    "role": st.sampled_from(["older person", "staff", "chair"]),
    "step": st.sampled_from(["s1", "s2", "s99"]),
    "votes_for": st.integers(-1, 200_000),
    "present": st.lists(st.sampled_from(["p1", "p9"])),
    # A panel's round.
    "member": st.sampled_from(["p1", "p2", "p5", "p9"]),
    "application": st.sampled_from(["app1", "app2", "app9"]),
    "criterion": st.sampled_from(["need", "voice", "nope"]),
    "level": st.integers(-1, 7),
    "pot_pence": st.integers(-1, 10**12),
    "amount_pence": st.integers(-1, 10**12),
    "outcome": st.sampled_from(["fund in full", "fund a smaller amount", "defer", "decline", "maybe"]),
    "organisation": words,
    "project": words,
    "departure_reason": words,
    "comment": words,
}


@st.composite
def shaped(draw: DrawFn) -> dict[str, Any]:
    """A command with its own argument names, the values drawn freely: most reach the model's checks."""
    name = draw(st.sampled_from(sorted(ARGUMENTS)))
    fields = sorted(ARGUMENTS[name].model_fields)
    args: dict[str, Any] = {}
    for field in fields:
        if draw(st.integers(0, 3)):  # most arguments given, some left out
            args[field] = draw(mostly(NEAR.get(field, values), values, 3))
    return {"command": {"id": draw(ids), "name": name, "args": arguments_text(args)}}


commands = mostly(
    shaped(),
    st.builds(lambda i, n, a: {"command": {"id": i, "name": n, "args": a}}, ids, st.sampled_from(NAMES), arguments),
    3,
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)
lines = mostly(
    commands.map(encode),
    st.one_of(
        json_values.map(lambda value: json.dumps(value).encode() + b"\n"),
        st.builds(lambda notice: encode({"notice": notice}), st.text(max_size=40)),
        st.binary(max_size=60).map(lambda data: data.replace(b"\n", b"") + b"\n"),
        st.just(b"[" * 100_000 + b"\n"),
    ),
    2,
)


def hello(path: Path) -> st.SearchStrategy[bytes]:
    good = {"session": path.name, "role": "note-taker", "name": "Bob", "window": "fuzz-1", "version": VERSION}
    mutations = st.one_of(
        st.just({}),
        st.just({"role": "facilitator"}),  # without the key
        st.just({"role": "audience"}),
        st.just({"window": "other-2"}),
        st.just({"browser": True}),
        st.dictionaries(st.sampled_from([*sorted(good), "key", "browser"]), json_values, max_size=2),
    )
    return mostly(st.just({}), mutations, 2).map(lambda change: encode({"hello": {**good, **change}}))


def talk(path: Path, sent: list[bytes]) -> list[bytes]:
    """Send every line, then read what the owner says until it lets go."""
    connection = connect_to(socket_path(path))
    connection.settimeout(10)
    heard = b""
    try:
        for line in sent:
            connection.sendall(line)
        connection.shutdown(socket.SHUT_WR)
        while chunk := connection.recv(1 << 20):
            heard += chunk
    except (BrokenPipeError, ConnectionResetError):
        pass  # let go early, for a message it refused
    finally:
        connection.close()
    return heard.splitlines()


def plain(text: str, allowed: str = "") -> bool:
    return not any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in text)


def nothing_invalid(owner: OpenSession) -> None:
    """What the arguments' model refuses never reached the session."""
    session = owner.session
    assert all(plain(note.text, "\n\t") and len(note.text) <= 10_000 for note in session.notes)
    assert all(plain(person.name) and len(person.name) <= 100 for person in session.participants)
    assert all(action.due is None or EARLIEST_DUE <= action.due <= LATEST_DUE for action in session.actions)
    for event in session.events:
        if event.kind == "step.extend":
            minutes = event.details["minutes"]
            assert type(minutes) is int and abs(minutes) <= MOST_MINUTES_AT_ONCE


def fuzz_windows(owner: OpenSession, first: st.SearchStrategy, examples: int) -> None:
    """Windows saying hello as `first` draws, then anything: every answer is words, nothing invalid is applied."""

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(first=first, then=st.lists(lines, max_size=8))
    def one_window(first: bytes, then: list[bytes]) -> None:
        for answer in talk(owner.path, [first, *then]):
            said = json.loads(answer)  # every answer is one JSON object in words the window can show
            assert isinstance(said, dict) and said
            why = said.get("why") or said.get("error") or ""
            assert "Traceback" not in why
        nothing_invalid(owner)

    one_window()


def the_owner_carries_on_and_the_file_is_the_session(owner: OpenSession, clock: FakeClock) -> None:
    """A good window joins and its note is taken (unless a fuzzed facilitator finished the session);
    the file reloaded is the session in memory; and a fresh owner opens it."""
    if owner.session.status != "finished":
        good = encode(
            {
                "hello": {
                    "session": owner.path.name,
                    "role": "note-taker",
                    "name": "Bob",
                    "window": "last",
                    "version": VERSION,
                }
            }
        )
        note = encode({"command": {"id": "last", "name": "add_note", "args": arguments_text({"typed": "Still here"})}})
        answers = [json.loads(line) for line in talk(owner.path, [good, note])]
        assert {"done": "last", "after": len(owner.session.events)} in answers
    assert owner.flush().ok
    assert load_session(owner.path) == owner.session
    owner.close()
    again = OpenSession.resume(owner.path, clock, allow_finished=True, gather_seconds=0)
    assert again.session == load_session(owner.path)
    again.close()


def test_nothing_a_window_sends_breaks_the_owner_or_the_file(tmp_path: Path) -> None:
    clock = FakeClock(TEN_AM)
    owner = OpenSession.create(tmp_path, small_plan(), "Fuzz", clock, "Ann", "Bob", gather_seconds=0)
    assert owner.serve()
    owner.apply(Command("add_person", {"name": "Ann"}))
    owner.apply(Command("add_note", {"typed": "A note to edit"}))
    fuzz_windows(owner, hello(owner.path), 200)
    assert owner.session.status != "finished"  # only the facilitator finishes, and no window here had the key
    the_owner_carries_on_and_the_file_is_the_session(owner, clock)


def test_nothing_the_facilitators_own_window_sends_breaks_a_panels_round(tmp_path: Path) -> None:
    from workshop_tui.store.session_wire import read_key

    clock = FakeClock(TEN_AM)
    owner = OpenSession.create(
        tmp_path, plan_named("commissioning-shortlisting"), "Round", clock, "Ann", "Bob", gather_seconds=0
    )
    assert owner.serve()
    for name in ("Margaret", "Alan", "Grace", "Ravi"):
        owner.apply(Command("add_person", {"name": name}))
    owner.apply(Command("open_round", {"pot_pence": 50_000_00}))
    for organisation, amount in (("Lunch club", 12_000_00), ("Walking group", 30_000_00)):
        owner.apply(
            Command("add_application", {"organisation": organisation, "project": "A year", "amount_pence": amount})
        )
    facilitator = {
        "session": owner.path.name,
        "role": "facilitator",
        "name": "Ann",
        "window": "chair",
        "version": VERSION,
        "key": read_key(owner.path),
    }
    fuzz_windows(owner, st.just(encode({"hello": facilitator})), 150)
    the_owner_carries_on_and_the_file_is_the_session(owner, clock)
