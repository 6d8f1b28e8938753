"""A clock face drawn as large as the space allows, for the back of the room."""

from functools import lru_cache
from itertools import groupby

from rich.color import Color as ColorLike
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
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


class BigClock(Widget):
    """Draws `text` (digits and colons) in block characters, centred, as big as it fits.

    The face is one widget that repaints only the characters that changed: a ticking clock sends the
    terminal one small character a second, and the screen has one widget to draw, not one a character
    (with a widget a character, the whole face was drawn again each second: see bench/idle_cpu.py)."""

    text: reactive[str] = reactive("0:00", repaint=False)

    def watch_text(self, before: str, after: str) -> None:
        if len(before) != len(after):
            self.refresh()
            return
        for place, (was, now) in enumerate(zip(before, after, strict=True)):
            if was != now:
                self.refresh(self.character_region(place))

    def face(self) -> tuple[int, int, int, int]:
        """Where the face sits and how big: its left column and top row, and its stretch across and
        down. Centred; a face larger than its space starts at the top left and is cut at the edges."""
        width, height = self.size
        across, down = scales(self.text, width, height)
        face_width = across * (len(self.text) * (GLYPH_WIDTH + GAP) - GAP)
        return max(0, (width - face_width) // 2), max(0, (height - GLYPH_HEIGHT * down) // 2), across, down

    def character_region(self, place: int) -> Region:
        """The cells of the `place`th character, within the clock."""
        left, top, across, down = self.face()
        x = left + place * (GLYPH_WIDTH + GAP) * across
        return Region(x, top, GLYPH_WIDTH * across, GLYPH_HEIGHT * down).intersection(self.size.region)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Each row of the face joined from pieces made once: a row of one character, the gap, the
        space either side. The clock has no border or padding, so Textual's per-line styling is not
        needed, and a new second costs a join a row, not a new row drawn and coloured a row (see
        bench/idle_cpu.py)."""
        paper = self.rich_style
        _, background = self.background_colors
        filters = tuple(self.get_line_filters())
        left, top, across, down = self.face()
        width = self.size.width
        face_width = across * (len(self.text) * (GLYPH_WIDTH + GAP) - GAP)
        blank = _piece(" " * width, paper.bgcolor, filters, background)
        edge = _piece(" " * left, paper.bgcolor, filters, background)
        gap = _piece(" " * (GAP * across), paper.bgcolor, filters, background)
        rest = _piece(" " * max(0, width - left - face_width), paper.bgcolor, filters, background)
        strips = []
        for y in crop.line_range:
            if not top <= y < top + GLYPH_HEIGHT * down:
                strips.append(blank)
                continue
            row = (y - top) // down
            pieces = [edge]
            for place, char in enumerate(self.text):
                if place:
                    pieces.append(gap)
                pieces.append(_character_row(GLYPHS.get(char, GLYPHS[" "])[row], across, paper, filters, background))
            pieces.append(rest)
            strip = Strip.join(pieces)
            strips.append(strip if left + face_width <= width else strip.crop(0, width))
        if crop.column_span != (0, width):
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips

    def render_line(self, y: int) -> Strip:
        return self.render_lines(Region(0, y, self.size.width, 1))[0]


# The app's line filters (colours for the terminal in use) are applied to each piece once: a piece
# keeps what each filter made of it.
Filters = tuple[LineFilter, ...]


@lru_cache(maxsize=64)
def _piece(spaces: str, bgcolor: ColorLike, filters: Filters, background: Color) -> Strip:
    """Bare background: the space around and between the characters, as a container's is."""
    return _filtered(
        Strip([Segment(spaces, Style(bgcolor=bgcolor))] if spaces else [], len(spaces)), filters, background
    )


@lru_cache(maxsize=512)
def _character_row(pattern: str, across: int, paper: Style, filters: Filters, background: Color) -> Strip:
    """One row of a character in blocks. A ticking clock draws the same few rows again and again: each
    is made once."""
    # Ink is drawn as spaces on the text colour: solid blocks in every terminal and font.
    ink = paper + Style(bgcolor=paper.color)
    segments = [
        Segment(" " * (len(list(run)) * across), ink if is_ink else paper)
        for is_ink, run in groupby(pattern, key=lambda ch: ch == "#")
    ]
    return _filtered(Strip(segments, len(pattern) * across), filters, background)


def _filtered(strip: Strip, filters: Filters, background: Color) -> Strip:
    for line_filter in filters:
        strip = strip.apply_filter(line_filter, background)
    return strip
