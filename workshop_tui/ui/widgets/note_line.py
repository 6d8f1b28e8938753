"""The note line: a text field that empties the moment Enter is pressed.

A plain Input says what was typed on Enter and is emptied later, once the note is saved. Keys that
arrive in between (a fast typist, a paste, a window whose owner answers over a socket) would be
added to the old note and then cleared away. Here the words are taken as the Enter key is read, in
order with the letters around it, so each note is exactly what was typed before its Enter.

The line saves its own notes, through the live screen it is on (ui/widgets/live_window.py), and keeps its
hint fitting the screen and what the keys do there.
"""

from typing import Any

from textual import events
from textual.widgets import Input

from workshop_tui.model.note import NOTE_KIND_WORDS, NOTE_MARKS
from workshop_tui.ui.screens.live_records import who_had_left
from workshop_tui.ui.widgets.live_window import LiveWindow
from workshop_tui.ui.widgets.roster_suggester import naming_someone

_MARK_WORDS = ", ".join(f"{mark} {NOTE_KIND_WORDS[kind]}" for mark, kind in NOTE_MARKS.items()) + ", @name"
# The note line's hint: the whole sentence when it fits, else the marks with fewer words around them.
NOTE_HINTS = (f"Press t to type a note. Start with {_MARK_WORDS}", f"Press t for a note: {_MARK_WORDS}")
TYPE_FIRST_HINTS = (f"Type a note and press Enter. Start with {_MARK_WORDS}", f"Type a note: {_MARK_WORDS}")
# The note line's padding takes a cell each side, and the cursor sits on the hint's first letter.
_NOTE_LINE_EDGES = 3


def note_hint(width: int, type_first: bool = False) -> str:
    """The longest hint that fits a note line as wide as the screen."""
    hints = TYPE_FIRST_HINTS if type_first else NOTE_HINTS
    return next((hint for hint in hints if len(hint) <= width - _NOTE_LINE_EDGES), hints[-1])


class NoteLine(Input):
    DEFAULT_CSS = """
    NoteLine, NoteLine:focus {
        border: none;
        height: 1;
        padding: 0 1;
    }
    NoteLine:focus {
        background: $boost;
        text-style: bold;
    }
    """

    def __init__(self, window: LiveWindow, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window = window

    def show_hint(self, width: int, type_first: bool) -> None:
        """The hint for a screen `width` wide: "press t", or, where a letter goes into the line, "type"."""
        self.placeholder = note_hint(width, type_first)

    # In the note line, "press t" would type a t: while it has the focus the hint says to type.
    def on_focus(self) -> None:
        self.show_hint(self.window.size.width, True)

    def on_blur(self) -> None:
        self.show_hint(self.window.size.width, self.window.type_first)

    def take_letter(self, character: str) -> None:
        """Type first: a letter pressed while the agenda or the notes have the focus still goes in here."""
        self.focus()
        self.insert_text_at_cursor(character)

    def _watch_value(self, value: str) -> None:
        # Textual asks the suggester on a worker of its own at every key. The roster has an answer
        # only while an @name is typed, so for the rest of a note it is not asked: in a burst of
        # typing that was a fifth of the note-taker's window's work (bench/windows.py, part 3).
        suggester = self.suggester
        if suggester is None or naming_someone(value):
            super()._watch_value(value)
            return
        self.suggester = None
        try:
            super()._watch_value(value)
        finally:
            self.suggester = suggester

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text = self.value
            if text.strip():
                self.value = ""
            self.post_message(self.Submitted(self, text, None))
            return
        await super()._on_key(event)

    def give_back(self, text: str) -> None:
        """A note the session refused: put its words back to be fixed, unless something new is typed."""
        if not self.value:
            self.value = text
            self.cursor_position = len(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Save the note; one the session refuses is said in a notice, and its words are given back."""
        if not event.value.strip():
            return
        if not self.window.run_command("add_note", typed=event.value):
            self.give_back(event.value)
            return
        for words in who_had_left(event.value, self.window.engine.session.participants):
            self.notify(words, title="Saved")
