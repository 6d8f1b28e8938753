"""The note line: a text field that empties the moment Enter is pressed.

A plain Input says what was typed on Enter and is emptied later, once the note is saved. Keys that
arrive in between (a fast typist, a paste, a window whose owner answers over a socket) would be
added to the old note and then cleared away. Here the words are taken as the Enter key is read, in
order with the letters around it, so each note is exactly what was typed before its Enter.
"""

from textual import events
from textual.widgets import Input

from workshop_tui.ui.widgets.roster_suggester import naming_someone


class NoteLine(Input):
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
