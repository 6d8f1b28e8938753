"""Whatever stands where a session or plan file should be (nested a thousand deep, in another
encoding, with NULs or bytes that are not UTF-8, a link out of the folder, a link to nothing, a loop
of links, a pipe, a folder, a socket), `resume`, `export`, `check` and the listing each say one
sentence, exit 2, write nothing, and never hang or show a traceback."""

import os
import signal
import socket
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.cli import main
from workshop_tui.model.session import Session
from workshop_tui.store.session_file import session_file_bytes
from workshop_tui.store.sessions_index import INDEX_NAME, SessionsIndex
from tests.conftest import small_session

NAME = "2026-01-01-0900-fuzz.toml"
GOOD: bytes = session_file_bytes(small_session())
KINDS = [
    "deep key",
    "deep lists",
    "deep inline tables",
    "UTF-16",
    "a NUL",
    "not UTF-8",
    "random bytes",
    "a link out of the folder",
    "a link to nothing",
    "a loop of links",
    "a pipe",
    "a folder",
    "a socket",
]


def _deep(kind: str, depth: int) -> bytes:
    if kind == "deep key":
        value = ".".join(["a"] * depth) + " = 1\n"
    elif kind == "deep lists":
        value = "a = " + "[" * depth + "]" * depth + "\n"
    else:
        value = "a = " + "{b = " * depth + "1" + "}" * depth + "\n"
    return b"schema_version = 2\n" + value.encode() + GOOD.split(b"\n", 2)[2]


def _make(folder: Path, outside: Path, kind: str, depth: int, at: int, noise: bytes) -> None:
    path = folder / NAME
    at = at % len(GOOD)
    if kind.startswith("deep"):
        path.write_bytes(_deep(kind, depth))
    elif kind == "UTF-16":
        path.write_bytes(GOOD.decode().encode("utf-16"))
    elif kind == "a NUL":
        at %= len(GOOD)  # inside the file: after its last line, it is a save cut short, dropped as such
        path.write_bytes(GOOD[:at] + b"\x00" + GOOD[at:])
    elif kind == "not UTF-8":
        at %= len(GOOD)
        path.write_bytes(GOOD[:at] + b"\xff\xc0" + GOOD[at:])
    elif kind == "random bytes":
        path.write_bytes(noise)
    elif kind == "a link out of the folder":
        outside.write_bytes(GOOD)  # a good session, but somewhere else: never opened through a link
        path.symlink_to(outside)
    elif kind == "a link to nothing":
        path.symlink_to(folder / "gone.toml")
    elif kind == "a loop of links":
        path.symlink_to(folder / "other.link")
        (folder / "other.link").symlink_to(path)
    elif kind == "a pipe":
        os.mkfifo(path)
    elif kind == "a folder":
        path.mkdir()
    else:
        listening = socket.socket(socket.AF_UNIX)
        here = os.getcwd()
        os.chdir(folder)  # a socket's path is limited to 107 bytes: bind it by its name alone
        try:
            listening.bind(NAME)
        finally:
            os.chdir(here)
            listening.close()


def _contents(folder: Path) -> dict[str, object]:
    found: dict[str, object] = {}
    for entry in sorted(folder.iterdir()):
        info = entry.lstat()
        if stat.S_ISLNK(info.st_mode):
            found[entry.name] = ("link", os.readlink(entry))
        elif stat.S_ISREG(info.st_mode):
            found[entry.name] = entry.read_bytes()
        else:
            found[entry.name] = ("mode", stat.S_IFMT(info.st_mode))
    return found


@contextmanager
def _never_hangs(seconds: int = 20) -> Iterator[None]:
    def stop(*_: object) -> None:
        raise AssertionError(f"it waited more than {seconds} seconds (a pipe read?)")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def _one_sentence(capsys: pytest.CaptureFixture[str], status: int, *words: str, each_problem: bool = False) -> None:
    """Exit 2 and one sentence (for `check`, which lists every problem in a plan: one sentence each)."""
    error = capsys.readouterr().err
    assert status == 2, error
    assert "Traceback" not in error
    lines = error.strip().splitlines()
    assert len(lines) == 1 or (each_problem and lines), error
    for word in words:
        assert all(word in line for line in lines)


# Derandomized: the same examples on every run, so CI is deterministic; run with more examples locally.
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kind=st.sampled_from(KINDS),
    depth=st.integers(min_value=33, max_value=3000),
    at=st.integers(min_value=0, max_value=10**6),
    noise=st.binary(min_size=0, max_size=2000),
)
def test_a_bad_session_or_plan_file_is_one_sentence_exit_2_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, depth: int, at: int, noise: bytes
) -> None:
    base = Path(tempfile.mkdtemp(dir=tmp_path))
    folder = base / "sessions"
    folder.mkdir()
    outside = base / "outside.toml"
    _make(folder, outside, kind, depth, at, noise)
    before, outside_before = _contents(folder), outside.read_bytes() if outside.exists() else None
    given_dir = ["--sessions-dir", str(folder)]
    with _never_hangs():
        _one_sentence(capsys, main([*given_dir, "resume", NAME]), NAME)
        assert _contents(folder) == before
        _one_sentence(capsys, main([*given_dir, "export", NAME, "--format", "md"]), NAME)
        assert _contents(folder) == before
        _one_sentence(capsys, main([*given_dir, "check", str(folder / NAME)]), NAME, each_problem=True)
        assert _contents(folder) == before
        lines = SessionsIndex(folder).lines()
        assert [line.path.name for line in lines] == [NAME]
        # The listing reads a file's head and end only (so it stays fast): damage between them is
        # found when the file is opened, as the next line shows.
        assert lines[0].problem or kind in ("a NUL", "not UTF-8")
        if lines[0].problem:
            # Nothing to resume: said in one sentence too. (The listing may write only its own cache.)
            _one_sentence(capsys, main([*given_dir, "resume"]), "no unfinished session")
        after = _contents(folder)
        after.pop(INDEX_NAME, None)
        assert after == before
    assert (outside.read_bytes() if outside.exists() else None) == outside_before


def test_the_good_session_the_fuzz_starts_from_is_good(tmp_path: Path) -> None:
    (tmp_path / NAME).write_bytes(GOOD)
    assert [line.problem for line in SessionsIndex(tmp_path).lines()] == [""]
    assert isinstance(small_session(), Session)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(item) for item in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(item) for item in value), default=0)
    return 0


_KEYS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=6)
_VALUES = st.recursive(
    st.one_of(st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=3)),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(document=st.dictionaries(_KEYS, _VALUES, max_size=4))
def test_the_quick_depth_scan_never_counts_less_than_the_real_depth(document: dict[str, Any]) -> None:
    import tomli_w

    from workshop_tui.store.toml_files import DEEPEST, nesting_depth, toml_loads

    depth = _depth(document) if document else 0  # each key is a level, as a 33-part dotted key is 33
    for text, exact in ((tomli_w.dumps(document), True), (tomli_w.dumps(document, multiline_strings=True), False)):
        # Never less (or a deep file would pass), and never much more (or a good file would be refused):
        # a [table.header] counts twice, as any of its parts may be an array of tables.
        assert depth <= nesting_depth(text) <= 2 * depth + 2
        # (A multi-line string reads "\r\n" back as "\n", as TOML says: its text is compared only when read at all.)
        if nesting_depth(text) <= DEEPEST:
            read = toml_loads(text)
            assert read == document if exact else read.keys() == document.keys()
