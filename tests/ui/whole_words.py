"""What a screen shows, as text, and the checks that no word a user needs is cut.

The text is what the terminal shows (the screen's compositor, as a screenshot takes it). A word is cut
when it ends in "…" at the end of what a cell or line holds; a deliberate middle-cut ("Co-prod… part 2")
has a space and more words after its "…", so the end of the title is there to read.
"""

import io
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Static, Tab
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from workshop_tui.ui.widgets.key_bar import KeyBar

# A word cut at its end: "…" right after it, and no more words after one space ("… part 2", "… (Leeds)"
# is a middle-cut: the end of the title is there to read).
_CUT_AT_THE_END = re.compile(r"\S…(?! [\w(\'\"£])")
# The words Textual itself cuts with "…" that the user does not need whole (none so far).
ALLOWED_CUTS: tuple[str, ...] = ()


def screen_lines(app: App[Any]) -> list[str]:
    """Each line of the terminal as the user sees it now."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    lines = console.export_text().splitlines()
    return [line.ljust(width) for line in lines[:height]]


def screen_text(app: App[Any]) -> str:
    return "\n".join(line.rstrip() for line in screen_lines(app))


def region_text(lines: list[str], region: Region) -> list[str]:
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]


def _words(text: str) -> str:
    return " ".join(text.split())


def widget_text(app: App[Any], widget: Widget) -> str:
    """What a widget shows, its lines joined with spaces: words wrapped onto the next line read on."""
    return _words(" ".join(region_text(screen_lines(app), widget.content_region)))


def _cells_in_sight(app: App[Any], table: DataTable[Any]) -> list[tuple[str, int, str]]:
    """(column label, row index, what the cell shows) for each cell wholly in sight, its lines joined."""
    lines = screen_lines(app)
    region = table.content_region
    padding = table.cell_padding
    header = table.header_height if table.show_header else 0
    y_first = region.y + header
    found = []
    labels = table._row_label_column_width  # the row labels stay put at the left as the rest scrolls
    x = region.x + labels - int(table.scroll_x)
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        left, right = x + padding, x + width - padding
        x += width
        if left < region.x + labels or right > region.right:
            continue  # out of sight, or partly: scrolling sideways shows it
        y = y_first - int(table.scroll_y)
        for index, row in enumerate(table.ordered_rows):
            top, bottom = y, y + row.height
            y += row.height
            if top >= y_first and bottom <= region.bottom:
                found.append(
                    (str(column.label), index, _words(" ".join(line[left:right] for line in lines[top:bottom])))
                )
    return found


def table_cells(app: App[Any], table: DataTable[Any]) -> dict[str, list[str]]:
    """What each column of a table shows, by its label, each cell's lines joined (a wrapped cell reads on).
    Only the cells wholly in sight: a column scrolled out of sight shows nothing."""
    columns: dict[str, list[str]] = {str(column.label): [] for column in table.ordered_columns}
    for label, _, shown in _cells_in_sight(app, table):
        columns[label].append(shown)
    return {label: cells for label, cells in columns.items() if cells}


def _cell_plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def cut_cells(app: App[Any]) -> list[str]:
    """Each table cell in sight on the screen on top that does not show its whole value.
    A value made short on purpose (a middle-cut title, "Co-prod… part 2") is what it is meant to show."""
    cut = []
    for table in app.screen.query(DataTable):
        if not table.display or table not in app.screen._compositor.visible_widgets:
            continue
        labels = [str(column.label) for column in table.ordered_columns]
        for label, index, shown in _cells_in_sight(app, table):
            value = _words(_cell_plain(table.get_row_at(index)[labels.index(label)]))
            if value and value not in shown:
                cut.append(f"{label}: {value!r} shows as {shown!r}")
    return cut


def cut_words(text: str) -> list[str]:
    """Each line that holds a word cut at its end ("What co-pr…"), not a middle-cut."""
    found = []
    for line in text.splitlines():
        for part in re.split(r"[│┃▎▊▌▐]", line):
            if _CUT_AT_THE_END.search(part.rstrip()) and not any(allowed in part for allowed in ALLOWED_CUTS):
                found.append(part.strip())
    return found


def assert_no_cut_words(app: App[Any]) -> None:
    shown = screen_text(app)
    assert not cut_words(shown), f"cut words {cut_words(shown)} on the screen:\n{shown}"


def assert_shows_whole(app: App[Any], *phrases: str) -> None:
    """Each phrase is on the screen whole, its words in order, perhaps wrapped within one widget."""
    shown = screen_text(app)
    flat = _words(shown)
    missing = []
    for phrase in phrases:
        wanted = _words(phrase)
        if wanted in flat:
            continue
        if any(wanted in widget_text(app, widget) for widget in app.screen.walk_children(Widget) if widget.display):
            continue
        missing.append(phrase)
    assert not missing, f"not shown whole: {missing}; the screen shows:\n{shown}"


def assert_table_shows_whole(app: App[Any], table: DataTable[Any], column: str, values: list[str]) -> None:
    """The column shows each value whole (its words in order, perhaps wrapped within its cell)."""
    cells = table_cells(app, table)
    assert column in cells, f"no column {column!r} in sight: {list(cells)}\n{screen_text(app)}"
    shown = cells[column]
    missing = [value for value in values if _words(value) not in shown]
    assert not missing, f"{column!r} does not show {missing} whole; it shows {shown}\n{screen_text(app)}"


def _plain(widget: Static) -> str:
    visual = widget.visual
    if isinstance(visual, Content):
        return visual.plain
    if isinstance(visual, Text):
        return visual.plain
    return ""


def cut_labels(app: App[Any]) -> list[str]:
    """The words of each label or message (a Static) in sight that do not show whole where it is.

    One that a scrolling part holds only partly in sight is left out: scrolling shows the rest. A tab's
    own label is left out too: Textual draws it with an underline that is not text."""
    lines = screen_lines(app)
    visible = app.screen._compositor.visible_widgets
    # A notice (a toast) lies over what is under it for a few seconds; what it covers is read when it has gone.
    toasts = [region for widget, (region, _) in visible.items() if isinstance(widget, Toast)]
    cut = []
    for widget, (region, clip) in visible.items():
        if not isinstance(widget, Static) or isinstance(widget, Tab) or not widget.display:
            continue
        if not isinstance(widget, Toast) and any(region.overlaps(toast) for toast in toasts):
            continue
        wanted = _words(_plain(widget))
        if not wanted:
            continue
        inner = widget.content_region
        if inner.y < clip.y or inner.bottom > clip.bottom:
            continue  # partly scrolled out of sight, on purpose
        shown = _words(" ".join(region_text(lines, inner.intersection(app.screen.region))))
        # A word too long for a line (a file's path) is folded onto the next: whole, only folded.
        if wanted not in shown and wanted.replace(" ", "") not in shown.replace(" ", ""):
            cut.append(wanted)
    return cut


def assert_every_label_whole(app: App[Any]) -> None:
    """No label or message in sight is cut: "... or leave i" for "... or leave it empty" fails."""
    cut = cut_labels(app)
    assert not cut, f"cut labels or messages: {cut}; the screen shows:\n{screen_text(app)}"


def assert_buttons_in_sight(app: App[Any]) -> None:
    """Each button of the screen on top shows whole: a form taller than the terminal loses its Save."""
    visible = app.screen._compositor.visible_widgets
    hidden = [
        str(button.label)
        for button in app.screen.query(Button)
        if button.display and (button not in visible or not visible[button][1].contains_region(button.region))
    ]
    assert not hidden, f"buttons out of sight: {hidden}; the screen shows:\n{screen_text(app)}"


def assert_tables_whole(app: App[Any]) -> None:
    """Every table cell in sight shows its whole value (a cell that goes on over lines counts as whole)."""
    cut = cut_cells(app)
    assert not cut, f"cut table cells: {cut}; the screen shows:\n{screen_text(app)}"


def cut_keys(app: App[Any]) -> list[str]:
    """The keys of the key bar that run past its edge ("es" for "esc Back")."""
    visible = app.screen._compositor.visible_widgets
    screen = app.screen.region
    return [
        str(key.description)
        for key in app.screen.query(FooterKey)
        if key in visible and not (screen.contains_region(key.region) and visible[key][1].contains_region(key.region))
    ]


def assert_whole_screen(app: App[Any]) -> None:
    """What every screen must pass: no word cut at its end, every label, message and table cell in sight
    whole, and its buttons in sight."""
    assert_no_cut_words(app)
    assert_tables_whole(app)
    assert_every_label_whole(app)
    assert_buttons_in_sight(app)
    cut = cut_keys(app)
    assert not cut, f"keys cut at the edge of the key bar: {cut}; the screen shows:\n{screen_text(app)}"


RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


async def settled(pilot: Pilot[Any]) -> None:
    """Cursors still (no blink), work done and drawn: the same picture every time."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()  # a table laid out again for its width draws on the next frame
    for _ in range(50):  # the key bar fits its keys over a frame or two after each change
        if not any(bar.fitting for bar in pilot.app.screen.query(KeyBar)):
            break
        await pilot.pause()
    await pilot.pause()


async def settled_and_whole(pilot: Pilot[Any]) -> None:
    """The screen as it will stay, read for a cut word (see assert_whole_screen)."""
    await settled(pilot)
    assert_whole_screen(pilot.app)


def read_whole(*keys: str, first: RunBefore | None = None) -> RunBefore:
    """A run_before: set up, press the keys, then check that no word the user needs is cut."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        if first is not None:
            await first(pilot)
        for key in keys:
            await pilot.press(*(key[len("type:") :] if key.startswith("type:") else [key]))
        await settled(pilot)
        assert_whole_screen(pilot.app)

    return run_before
