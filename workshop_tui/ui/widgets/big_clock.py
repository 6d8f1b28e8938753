"""A clock face drawn as large as the space allows, for the back of the room."""

from functools import lru_cache
from itertools import groupby

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region, Size
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

    Each character is a widget of its own because Textual writes a changed line from the start of the
    widget that changed: a ticking clock then rewrites one or two small characters a second, not the
    whole face (one widget for the face wrote about four times the bytes: bench/idle_cpu.py).
    """

    DEFAULT_CSS = "Glyph { width: 5; height: 7; }"

    def __init__(self, char: str) -> None:
        super().__init__()
        self.char = char
        self.scale = (1, 1)

    def show(self, char: str) -> None:
        if char != self.char:
            self.char = char
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows of this character, each made once and kept: a glyph has no border or padding, so
        Textual's per-line styling pass is not needed. The screen draws every character of the clock
        each second (every widget beside a change), so this is most of a ticking clock's work."""
        paper = self.rich_style
        _, background = self.background_colors
        rows = _glyph_rows(self.char, self.scale, self.size, paper, tuple(self.get_line_filters()), background)
        strips = list(rows[crop.y : crop.bottom])
        if crop.column_span != (0, self.size.width):
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips

    def render_line(self, y: int) -> Strip:
        return self.render_lines(Region(0, y, self.size.width, 1))[0]


# The app's line filters (colours for the terminal in use) are applied to each row once.
Filters = tuple[LineFilter, ...]


@lru_cache(maxsize=64)
def _glyph_rows(
    char: str, scale: tuple[int, int], size: Size, paper: Style, filters: Filters, background: Color
) -> tuple[Strip, ...]:
    """Every row of a character at a scale and size, coloured for the terminal."""
    across, down = scale
    width, height = size
    patterns = GLYPHS.get(char, GLYPHS[" "])
    rows = []
    for y in range(height):
        pattern = patterns[y // down] if y < GLYPH_HEIGHT * down else ""
        strip = _drawn_row(pattern, across, width, paper)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        rows.append(strip)
    return tuple(rows)


@lru_cache(maxsize=512)
def _drawn_row(pattern: str, across: int, width: int, paper: Style) -> Strip:
    """One row of a character in blocks (an empty pattern is blank paper). A ticking clock draws the
    same few rows again and again: each is made once."""
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
            # Sized before they are mounted, as on first show: fitted after a refresh, the new characters
            # showed for a frame at the smallest size ("10:00" to "9:59"), and a test saw them fitted late.
            made = [Glyph(char) for char in after]
            self._fit(made)
            self.remove_children()
            self.mount_all(made)
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
