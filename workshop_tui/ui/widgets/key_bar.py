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

    # At 80 columns a screen with many keys has more than one line holds. Rather than a key cut in the
    # middle ("es" for "esc Back"), the bar draws closer together, then leaves out the keys at its end
    # that would be cut; every key is still in the help (F1) and the command list (Ctrl+P).

    fitting = 0  # fits asked for and not done yet: a test waits for none before it reads the bar

    def on_resize(self) -> None:
        self._fit_soon()

    async def recompose(self) -> None:
        await super().recompose()
        self._fit_soon()

    def _fit_soon(self) -> None:
        self.fitting += 1
        self.call_after_refresh(self._fit_keys)

    def _fit_keys(self) -> None:
        self.fitting -= 1
        if not self.is_attached:
            return
        palette = [child for child in self.children if child.has_class("-command-palette")]
        keys = [child for child in self.children if child not in palette]
        room = self.content_region.right - sum(child.outer_size.width for child in palette)
        overflow = any(child.region.right > room for child in keys if child.display)
        if overflow and not self.compact:
            self.compact = True
            self._fit_soon()
            return
        cut = False
        for child in keys:
            cut = cut or child.region.right > room
            if cut and child.display:
                child.display = False
