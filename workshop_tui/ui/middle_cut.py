"""A title too long for its room, cut in the middle so its end still shows.

Titles of a series differ at their end ("..., part 1", "..., part 2 (Leeds)"); cut at the end, they
all read the same. Every place that squeezes a title uses `middle_cut`, so they all cut alike.
"""

from rich.cells import cell_len, set_cell_size

CUT = "…"
# The start keeps at least this many cells, so the cut title still says what it is about.
_LEAST_START = 7


def middle_cut(text: str, width: int) -> str:
    """`text` as it is if it fits `width` cells; else its start, "… ", and its last whole words:
    "Co-production training, part 2 (Leeds)" in 25 cells is "Co-produc… part 2 (Leeds)"."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    if width <= _LEAST_START + 2:
        return set_cell_size(text, max(width - 1, 0)).rstrip() + CUT if width > 0 else ""
    words = text.split(" ")
    for least_start in (_LEAST_START, 3):  # a shorter start, if that keeps the last word whole
        room_for_end = width - least_start - len(CUT) - 1
        end = ""
        for first in range(len(words) - 1, 0, -1):
            tail = " ".join(words[first:])
            if cell_len(tail) > room_for_end:
                break
            end = tail
        if end:
            break
    if not end:  # even the last word is too long to keep whole: keep its end
        end = set_cell_size(words[-1][::-1], max(room_for_end, 0))[::-1]
    start = set_cell_size(text, width - cell_len(end) - len(CUT) - 1).rstrip(" ,;:-")
    return f"{start}{CUT} {end}"
