"""Turning a session into TOML fast enough to save after every note, however long the session.

Notes and events are most of a long session's file, and they rarely change once written:
events never change, and a note changes only when it is edited, removed or dealt with.
So each one's TOML is kept and reused, and only the rest is written afresh each time.
"""

import tomli_w

from workshop_tui.model import Event, Note, Session


# Long enough that tomli-w never writes its array inline: then every item is a [[table]].
_NOT_INLINE = {"x": "x" * 200}


def table_chunk(name: str, item: dict) -> str:
    """One item of an array of tables, always as '[[name]]', never as 'name = [...]'.

    tomli-w writes a short item inline, which would turn into a key of whatever table came
    before it once chunks are joined. A long neighbour forces the table form; it is then
    cut off. Strings are written on one line, so no value can hold the line it is cut at.
    """
    text = tomli_w.dumps({name: [item, _NOT_INLINE]})
    return text[: text.rindex(f"[[{name}]]\n")]


def _note_key(note: Note) -> tuple:
    # Everything about a note that can change after it is taken.
    return (note.text, note.kind, note.by, note.step, len(note.earlier), note.removed_at, note.dealt_with_at)


class SessionWriter:
    """Keeps the TOML of each note and event between saves of the same session."""

    def __init__(self) -> None:
        self._notes: dict[str, tuple[tuple, str]] = {}
        self._events: list[tuple[Event, str]] = []

    def _note_text(self, note: Note) -> str:
        key = _note_key(note)
        cached = self._notes.get(note.id)
        if cached is None or cached[0] != key:
            cached = (key, table_chunk("notes", note.model_dump(mode="python", exclude_none=True)))
            self._notes[note.id] = cached
        return cached[1]

    def _event_texts(self, events: list[Event]) -> list[str]:
        # Events are only ever appended; if the list was replaced, start again.
        keep = 0
        while keep < len(self._events) and keep < len(events) and self._events[keep][0] is events[keep]:
            keep += 1
        del self._events[keep:]
        for event in events[keep:]:
            self._events.append((event, table_chunk("events", event.model_dump(mode="python", exclude_none=True))))
        return [text for _, text in self._events]

    def to_toml(self, session: Session) -> bytes:
        """The same TOML document as a plain dump, in the same order of tables."""
        rest = session.model_dump(mode="python", exclude_none=True, exclude={"notes", "events"})
        parts = [tomli_w.dumps(rest), "\n"]
        parts += [self._note_text(note) for note in session.notes]
        parts += self._event_texts(session.events)
        return "".join(parts).encode("utf-8")
