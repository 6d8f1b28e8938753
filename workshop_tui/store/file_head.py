"""The head of a session file, read without its events: the [summary] a listing shows, the
[[timings]] that stats learns from, and the closing "# saved N" line that says the file is whole.

The head is what this app writes, in a plain form, so it is read about ten times faster than by
tomllib; anything else is left to tomllib (which says what is wrong). A listing of thousands of
sessions, and a plan's timings over a thousand of them, are mostly this.
"""

import re
from datetime import datetime
from typing import Any

# A summary is a few hundred bytes, and a step's timings about a hundred: the head read is generous,
# so a long title or a plan of a hundred steps still fits.
HEAD_BYTES = 16 * 1024
# Enough for the events of many saves since the last whole write (see store/journal.py).
TAIL_BYTES = 256 * 1024
SESSION_TABLE = b"\n[session]\n"
TIMINGS_TABLE = b"\n[[timings]]\n"

_HEAD_LINE = re.compile(r"([a-z_]+) = (.+)")
_HEAD_PAIR = re.compile(r"^([a-z_]+) = (.+)$", re.MULTILINE)
_BOOLEANS = {"true": True, "false": False}


def _quick_value(text: str) -> Any:
    """A value as this app writes it in a head; raises ValueError for anything else."""
    first = text[0]
    if first == '"':
        inner = text[1:-1]
        if text[-1] != '"' or '"' in inner or "\\" in inner:
            raise ValueError(text)  # escapes: left to tomllib
        return inner
    if text in _BOOLEANS:
        return _BOOLEANS[text]
    if first.isdigit() or first == "-":
        if text.isdigit() or (first == "-" and text[1:].isdigit()):
            return int(text)
        if "+" in text or text[-1] == "Z" or "-" in text[10:]:
            value = datetime.fromisoformat(text)
            if value.tzinfo is not None:
                return value
    raise ValueError(text)  # floats, arrays, local times: not in a head this app writes


def _quick_table(text: str) -> dict[str, Any]:
    """One table's "name = value" lines; ValueError for anything else (tomllib then reads it)."""
    pairs = _HEAD_PAIR.findall(text)
    table = {name: _quick_value(value) for name, value in pairs}
    if len(table) != len(pairs) or len(pairs) != text.count("\n") - text.count("\n\n"):
        raise ValueError("a line that is not a plain name and value, or a name twice")
    return table


def quick_head(head: bytes) -> dict[str, Any] | None:
    """The head up to [session] as tomllib would read it, or None for anything this app does not write."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    first, found, rest = ("\n" + text).partition("\n[summary]\n")
    lines = [line for line in first.splitlines() if line and line[0] != "#"]
    if not found or "[summary]" in rest or any(_HEAD_LINE.fullmatch(line) is None for line in lines):
        return None
    summary, *timings = [part + "\n" for part in ("\n" + rest).split("\n[[timings]]\n")]
    try:
        top: dict[str, Any] = _quick_table("\n".join(lines) + "\n") if lines else {}
        if "summary" in top or "timings" in top:
            return None
        top["summary"] = _quick_table(summary[1:])
        if timings:
            top["timings"] = [_quick_table(table) for table in timings]
    except ValueError:
        return None
    return top


# One [[timings]] table exactly as this app writes it (StepTime.as_toml, through tomli-w).
_TIMING = re.compile(
    r'\[\[timings\]\]\ntitle = "([^"\\\n]*)"\nkind = "([a-z]+)"\nplanned = (\d+)\nallowed = (-?\d+)\n'
    r'used_seconds = (\d+)\nstate = "([a-z ]+)"\n(added = true\n)?(moved = true\n)?(?=\n|\Z)'
)


def quick_timings(text: str) -> list[tuple[str, str, int, int, int, str, bool, bool]] | None:
    """The [[timings]] tables of a head, each as (title, kind, planned, allowed, used_seconds, state,
    added, moved), read with one search of the text; None for anything this app does not write."""
    rows = [
        (title, kind, int(planned), int(allowed), int(used), state, bool(added), bool(moved))
        for title, kind, planned, allowed, used, state, added, moved in _TIMING.findall(text)
    ]
    return rows if rows and len(rows) == text.count("[[timings]]\n") else None


_LAST_SAVE = re.compile(rb"\n# saved (\d+)\n\Z")
_EVENT_KIND = re.compile(rb'^\[\[events\]\]\n(?:[^\[\n][^\n]*\n)*?kind = "([a-z._]+)"\n', re.MULTILINE)


def saves_in_file(end: bytes) -> int | None:
    """How many events the file holds, from its last bytes (its closing "# saved N" line); None if
    it does not end with one, as after a write cut short."""
    found = _LAST_SAVE.search(end)
    return int(found.group(1)) if found else None


def kinds_after(tail: bytes, counted: int, total: int) -> list[str] | None:
    """The kinds of the events after the first `counted` of `total`, from the file's last bytes
    (without parsing them); None when the tail does not reach back far enough."""
    wanted = total - counted
    if wanted <= 0:
        return []
    kinds = [found.group(1).decode() for found in _EVENT_KIND.finditer(tail)]
    return kinds[-wanted:] if len(kinds) >= wanted else None


_SAVE_LINE = re.compile(rb"^# saved (\d+)\n", re.MULTILINE)


def cut_to_last_save(raw: bytes) -> bytes:
    """A session file's bytes up to its last complete save ("# saved N" line): never half a save."""
    last = None
    for match in _SAVE_LINE.finditer(raw):
        last = match
    return raw if last is None else raw[: last.end()]
