"""Writing a session file so that each save costs what changed.

Most saves append the new events and a "# saved N" line to the end of the file, then fsync.
At natural moments (a step change, a pause, the end, or after many appends) and whenever the
end of the file is in doubt (a failed append, a save cut short, a version 1 file) the whole
file is written again atomically, with a fresh summary at the top.

A session file that is a link, a folder or a pipe is never written: appending through a link would
change a file somewhere else, and replacing the link would leave two copies of the session.
"""

import os
from pathlib import Path

from workshop_tui.model import Event
from workshop_tui.store.atomic import PRIVATE, check_replaceable, open_own_file, write_atomically
from workshop_tui.store.session_file import CLOSING_BYTES, closing_head, event_text, head_digest, head_of, saved_line

# Appended events before the file is written whole again, so a listing's tail stays short.
COMPACT_AFTER = 200


class Journal:
    """The file of one session, as this process last wrote it."""

    def __init__(self, path: Path, events_text: str | None, count: int, end_is_sound: bool):
        self.path = Path(path)
        # None: the file's events are not in this layout yet (a version 1 file); made at the first save.
        self._chunks: list[str] | None = None if events_text is None else [events_text] if events_text else []
        self.count = count  # events in the file
        self._appended = 0
        self._size: int | None = None  # the file's size after our last write, when known
        self._whole_needed = not end_is_sound
        self._head: str | None = None  # the digest of the head in the file, written again after each append
        if end_is_sound:
            try:
                self._size, self._head = _size_and_head(self.path)
            except OSError:
                self._whole_needed = True
            if self._head is None:
                self._whole_needed = True  # written before digests were kept: the next save writes a head with one

    def wants_whole(self, new_events: int, settles: bool) -> bool:
        """Whether the next save should write the whole file rather than append."""
        return self._whole_needed or settles or self._appended + new_events > COMPACT_AFTER

    def append(self, events: list[Event]) -> int:
        """Add `events` at the end of the file; returns the bytes written. Raises OSError."""
        texts = [event_text(event) for event in events]
        data = ("".join(texts) + saved_line(self.count + len(events), self._head)).encode("utf-8")
        try:
            fd = open_own_file(self.path, os.O_WRONLY | os.O_APPEND)
            try:
                if os.fstat(fd).st_size != self._size:
                    # Someone changed the file behind our back: write it whole instead.
                    raise OSError(0, "the file changed on disk")
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            self._whole_needed = True
            raise
        self._chunks.extend(texts)  # type: ignore[union-attr]  # an append needs a sound end, so chunks exist
        self.count += len(events)
        self._appended += len(events)
        self._size = (self._size or 0) + len(data)
        return len(data)

    def write_whole(self, header: str, all_events: list[Event]) -> int:
        """Write the whole file again, atomically, ending with `all_events`; returns its size. Raises OSError."""
        if self._chunks is None:
            self._chunks = [event_text(event) for event in all_events[: self.count]]
        events = all_events[self.count :]
        texts = [event_text(event) for event in events]
        body = "".join(self._chunks + texts)
        head = head_digest(head_of(header.encode("utf-8")) or b"")
        data = (header + body + saved_line(self.count + len(events), head)).encode("utf-8")
        try:
            check_replaceable(self.path)
            write_atomically(self.path, data, PRIVATE)
        except OSError:
            self._whole_needed = True
            raise
        self._chunks = [body]
        self.count += len(events)
        self._appended = 0
        self._size = len(data)
        self._head = head
        self._whole_needed = False
        return len(data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _size_and_head(path: Path) -> tuple[int, str | None]:
    """The file's size, and the head digest in its closing lines (None if it has none). Raises OSError."""
    fd = open_own_file(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        closing = closing_head(os.pread(fd, CLOSING_BYTES, max(0, size - CLOSING_BYTES)))
    finally:
        os.close(fd)
    return size, closing[0] if closing else None
