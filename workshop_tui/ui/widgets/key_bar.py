"""The key bar at the foot of every screen: Textual's Footer, drawn whether or not the window has the focus.

Textual's Footer redraws only while the app has the focus, for textual-web. In a browser (`serve`) a
page that has not had the focus yet is then left with a blank key bar, and a note-taker never sees
which keys are theirs. The keys are worth reading before the first click, so this one always redraws.
"""

from textual.screen import Screen
from textual.widgets import Footer


class KeyBar(Footer):
    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose)
