"""The contrast of every piece of text a screen shows: WCAG's ratio of its colour against the colour behind it.

The colours are the ones the terminal is sent: Textual's compositor has already blended each style's
alpha over its parents' backgrounds, applied the component classes (a table's cursor, the key bar's keys)
and the Rich styles widgets set in Python. So a colour from any of those that is not dark or light enough
shows here, wherever it comes from.
"""

from dataclasses import dataclass
from typing import Any

from rich.color import Color as RichColor
from rich.style import Style
from textual.app import App

AAA = 7.0  # WCAG's enhanced contrast, for normal-sized text


def luminance(red: int, green: int, blue: int) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """WCAG 2's contrast ratio: 1 (the same) to 21 (black and white)."""
    light, dark = sorted((luminance(*one), luminance(*other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Ink:
    """Some text on the screen and the colours it is drawn in."""

    text: str
    line: int
    foreground: tuple[int, int, int]
    background: tuple[int, int, int]
    dim: bool

    @property
    def ratio(self) -> float:
        return 1.0 if self.dim else contrast(self.foreground, self.background)

    def __str__(self) -> str:
        def hex_of(rgb: tuple[int, int, int]) -> str:
            return "#{:02X}{:02X}{:02X}".format(*rgb)

        dimmed = ", dimmed" if self.dim else ""
        return (
            f"{self.text.strip()!r} on line {self.line + 1}: {hex_of(self.foreground)} on "
            f"{hex_of(self.background)}, {contrast(self.foreground, self.background):.2f}:1{dimmed}"
        )


def _rgb(color: RichColor | None, fallback: tuple[int, int, int]) -> tuple[int, int, int]:
    if color is None or color.is_default:
        return fallback
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def _is_text(char: str) -> bool:
    # Lines and blocks (borders, scroll bars, a progress bar's track) are shapes, not text to read.
    return not char.isspace() and not ("\u2500" <= char <= "\u259f")


def inks(app: App[Any]) -> list[Ink]:
    """Every run of visible text on the screen now, with its colours (a space shows no colour of its own)."""
    variables = app.theme_variables
    from textual.color import Color

    default_fg = Color.parse(variables["foreground"]).rgb
    default_bg = Color.parse(variables["background"]).rgb
    update = app.screen._compositor.render_full_update()
    found = []
    for y, line in enumerate(update.strips):
        for strip in line:
            for segment in strip:
                if segment.control or not any(_is_text(char) for char in segment.text):
                    continue
                style = segment.style or Style()
                foreground = _rgb(style.color, default_fg)
                background = _rgb(style.bgcolor, default_bg)
                if style.reverse:
                    foreground, background = background, foreground
                found.append(Ink(segment.text, y, foreground, background, bool(style.dim)))
    app.screen.refresh()  # the full update above took the screen's pending changes: draw them again
    return found


def too_faint(app: App[Any], at_least: float = AAA) -> list[str]:
    """Each piece of text drawn with less contrast than `at_least`, or dimmed, in words."""
    return [str(ink) for ink in inks(app) if ink.ratio < at_least]


def lowest(app: App[Any]) -> float:
    return min((ink.ratio for ink in inks(app)), default=21.0)
