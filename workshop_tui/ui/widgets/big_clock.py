"""A clock face drawn as large as the space allows, for the back of the room."""

from itertools import groupby

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.geometry import Region
from textual.widget import Widget
from textual.reactive import reactive

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


def glyph_rows(text: str) -> list[str]:
    """The text as seven rows of '#' and ' ', one column between characters."""
    chars = [GLYPHS.get(ch, GLYPHS[" "]) for ch in text]
    return [(" " * GAP).join(glyph[row] for glyph in chars) for row in range(GLYPH_HEIGHT)]


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
    """Draws `text` (digits and colons) in block characters, centred, as big as it fits."""

    text: reactive[str] = reactive("0:00", repaint=False)

    def watch_text(self, before: str, after: str) -> None:
        """Repaint only the characters that changed: a ticking clock redraws one or two digits a second.

        On a projector the clock fills the screen, so repainting all of it every second would cost
        far more than a small clock does, for a picture that has barely changed.
        """
        if len(before) != len(after) or not self.size.area:
            self.refresh()
            return
        width, height = self.size
        across, down = scales(after, width, height)
        top = (height - GLYPH_HEIGHT * down) // 2
        left = max(0, (width - (len(after) * (GLYPH_WIDTH + GAP) - GAP) * across) // 2)
        step = (GLYPH_WIDTH + GAP) * across
        changed = [Region(left + i * step, top, GLYPH_WIDTH * across, GLYPH_HEIGHT * down)
                   for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        if changed:
            self.refresh(*changed)

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        across, down = scales(self.text, width, height)
        rows = glyph_rows(self.text)
        drawn_height = GLYPH_HEIGHT * down
        top = (height - drawn_height) // 2
        paper = self.rich_style
        if not top <= y < top + drawn_height:
            return Strip([Segment(" " * width, paper)], width)
        # Ink is drawn as spaces on the text colour: solid blocks in every terminal and font.
        ink = paper + Style(bgcolor=paper.color)
        row = rows[(y - top) // down]
        left = max(0, (width - len(row) * across) // 2)
        segments = [Segment(" " * left, paper)]
        for is_ink, run in groupby(row, key=lambda ch: ch == "#"):
            segments.append(Segment(" " * (len(list(run)) * across), ink if is_ink else paper))
        return Strip(segments).crop_extend(0, width, paper)
