"""A clock face drawn as large as the space allows, for the back of the room."""

from functools import lru_cache
from itertools import groupby

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

# Five columns by seven rows per character; '#' is ink.
GLYPHS = {
    "0": [" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
    "1": ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
    "2": [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
    "3": [" ### ", "#   #", "    #", "  ## ", "    #", "#   #", " ### "],
    "4": ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
    "5": ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
    "6": [" ### ", "#    ", "#    ", "#### ", "#   #", "#   #", " ### "],
    "7": ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
    "8": [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
    "9": [" ### ", "#   #", "#   #", " ####", "    #", "    #", " ### "],
    ":": ["     ", "  #  ", "  #  ", "     ", "  #  ", "  #  ", "     "],
    "+": ["     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "],
    " ": ["     "] * 7,
}
GLYPH_WIDTH, GLYPH_HEIGHT, GAP = 5, 7, 1


def scales(text: str, width: int, height: int) -> tuple[int, int]:
    """The largest whole-number stretch across and down that fits the space."""
    base_width = len(text) * (GLYPH_WIDTH + GAP) - GAP
    across = max(1, width // max(1, base_width))
    down = max(1, height // GLYPH_HEIGHT)
    # Terminal cells are about twice as tall as wide: keep the digits from looking squashed.
    across = min(across, down * 2 + 1)
    down = min(down, across)
    return across, down


class Glyph(Widget):
    """One character of the big clock, drawn in blocks at the clock's scale.

    Each character is a widget of its own because the terminal is sent only the widgets that
    changed: a ticking clock then rewrites one or two small characters a second, not the whole face.
    """

    DEFAULT_CSS = "Glyph { width: 5; height: 7; }"

    def __init__(self, char: str) -> None:
        super().__init__()
        self.char = char
        self.scale = (1, 1)
        self._paper: Style | None = None  # set for each draw (render_lines)

    def show(self, char: str) -> None:
        if char != self.char:
            self.char = char
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The paper's style is worked out from the colours of every widget around this one, which
        # took most of a ticking clock's time when it was asked once a line: now it is once a draw.
        self._paper = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        across, down = self.scale
        rows = GLYPHS.get(self.char, GLYPHS[" "])
        pattern = rows[y // down] if y < GLYPH_HEIGHT * down else ""
        paper = self._paper if self._paper is not None else self.rich_style  # asked outside a draw
        return _drawn_row(pattern, across, self.size.width, paper)


@lru_cache(maxsize=512)
def _drawn_row(pattern: str, across: int, width: int, paper: Style) -> Strip:
    """One row of a character in blocks (an empty pattern is blank paper). A ticking clock draws the
    same few rows again and again: each is made once, not once a line a second."""
    if not pattern:
        return Strip([Segment(" " * width, paper)], width)
    # Ink is drawn as spaces on the text colour: solid blocks in every terminal and font.
    ink = paper + Style(bgcolor=paper.color)
    segments = [
        Segment(" " * (len(list(run)) * across), ink if is_ink else paper)
        for is_ink, run in groupby(pattern, key=lambda ch: ch == "#")
    ]
    return Strip(segments).crop_extend(0, width, paper)


class BigClock(Widget):
    """Draws `text` (digits and colons) in block characters, centred, as big as it fits."""

    DEFAULT_CSS = "BigClock { layout: horizontal; align: center middle; }"

    text: reactive[str] = reactive("0:00", repaint=False)

    # The characters are made when the clock is first shown, not when its screen opens: a live screen
    # has two big clocks (the roomy timer's and the projector's), hidden at launch on most terminals.
    _made = False

    def compose(self) -> ComposeResult:
        return iter(())

    def on_show(self) -> None:
        if not self._made:
            self._made = True
            glyphs = [Glyph(char) for char in self.text]
            self._fit(glyphs)  # sized before they are drawn: the first frame shows them at their size
            self.mount_all(glyphs)

    def watch_text(self, before: str, after: str) -> None:
        if not self._made:
            return  # drawn from the text when first shown
        glyphs = list(self.query_children(Glyph))
        if len(glyphs) != len(after):
            self.remove_children()
            self.mount_all(Glyph(char) for char in after)
            self.call_after_refresh(self._fit)
            return
        for glyph, char in zip(glyphs, after, strict=True):
            glyph.show(char)

    def on_resize(self) -> None:
        self._fit()

    def on_mount(self) -> None:
        self._fit()

    def _fit(self, glyphs: list[Glyph] | None = None) -> None:
        """Give every character the size that makes the whole clock as large as the space allows."""
        width, height = self.size
        across, down = scales(self.text, width, height)
        for number, glyph in enumerate(list(self.query_children(Glyph)) if glyphs is None else glyphs):
            glyph.scale = (across, down)
            glyph.styles.width = GLYPH_WIDTH * across
            glyph.styles.height = GLYPH_HEIGHT * down
            glyph.styles.margin = (0, 0, 0, 0 if number == 0 else GAP * across)
            glyph.refresh()
