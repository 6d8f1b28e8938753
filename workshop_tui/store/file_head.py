"""Where the parts of a session file are, found without parsing it: how much of its start to read
for the head (the [summary] a listing shows, the [[timings]] that stats learns from), the closing
"# saved N" line that says the file is whole, and the kinds of the events saved after the head.

The head itself is parsed as TOML by store/toml_files.py (rtoml): a listing of thousands of sessions,
and a plan's timings over a thousand of them, read only these bytes of each file.
"""

import re

# A summary is a few hundred bytes, and a step's timings about a hundred: the head read is generous,
# so a long title or a plan of a hundred steps still fits.
HEAD_BYTES = 16 * 1024
# Enough for the events of many saves since the last whole write (see store/journal.py).
TAIL_BYTES = 256 * 1024
SESSION_TABLE = b"\n[session]\n"
TIMINGS_TABLE = b"\n[[timings]]\n"

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
