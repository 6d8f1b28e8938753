"""The key bar at the foot of every screen: Textual's Footer, drawn whether or not the window has the focus.

Textual's Footer redraws only while the app has the focus, for textual-web. In a browser (`serve`) a
page that has not had the focus yet is then left with a blank key bar, and a note-taker never sees
which keys are theirs. The keys are worth reading before the first click, so this one always redraws.
"""

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyBar(Footer):
    # The keys last drawn: the screen says its bindings changed at every change of focus and of what
    # is allowed now, often with the same keys to show. Redrawing the bar remakes every key, so it is
    # redrawn only when what it shows would change (on opening the live screen: once, not ten times).
    _drawn: tuple[bool, tuple[tuple[str, str, str, bool, str], ...]] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._redraw_if_changed)

    def _keys_to_show(self) -> tuple[bool, tuple[tuple[str, str, str, bool, str], ...]]:
        """What the bar would draw: close together or not (by the width), and each key shown."""
        keys = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return self.app.size.width < self.NARROW, keys

    async def _redraw_if_changed(self) -> None:
        if self.is_attached and self._keys_to_show() != self._drawn:
            await self.recompose()

    # At 80 columns a screen with many keys has more than one line holds. Rather than a key cut in the
    # middle ("es" for "esc Back"), the bar is drawn close together on a narrow screen, and leaves out the
    # keys at its end that would be cut; every key is still in the help (F1) and the command list (Ctrl+P).
    # Close together is chosen from the width before the keys are laid out, so the keys left out are
    # measured once, as they are drawn.

    NARROW = 100  # columns

    fitting = 0  # fits asked for and not done yet: a test waits for none before it reads the bar

    def compose(self) -> ComposeResult:
        if self.app.size.width < self.NARROW and not self.compact:
            self.set_reactive(Footer.compact, True)
            self.set_class(True, "-compact")
        yield from super().compose()

    def on_resize(self) -> None:
        for child in self.children:
            child.display = True
        self._fit_soon()

    async def recompose(self) -> None:
        self._drawn = self._keys_to_show() if self._bindings_ready and self.is_attached else None
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
        room = self.content_region.right - sum(child.outer_size.width for child in palette)
        cut = False
        for child in self.children:
            if child in palette:
                continue
            cut = cut or child.region.right > room
            if cut and child.display:
                child.display = False
