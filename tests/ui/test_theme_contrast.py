"""Every theme keeps every piece of text at 7:1 contrast or better, on every main screen, and never dims it.

Three checks, so a new colour without enough contrast fails wherever it is added:
- the stylesheet and every widget's DEFAULT_CSS name theme variables only, never a colour of their own;
- in each theme, each text colour is 7:1 against each background it may be drawn on;
- each main screen, in each theme, is drawn and every piece of text on it measured (tests/ui/contrast.py):
  the colours the terminal is sent, after Textual has blended, styled and applied component classes.
"""

import importlib
import inspect
import pkgutil
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.color import Color
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

import workshop_tui.ui
from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.themes import THEMES
from tests.conftest import plan_named
from tests.ui.contrast import AAA, contrast, inks, too_faint
from tests.ui.live_helpers import advance, live_app

THEME_NAMES = list(THEMES)
UI = Path(workshop_tui.ui.__file__).parent

# A declaration that sets a colour, and the words allowed in its value besides theme variables.
_COLOUR_RULE = re.compile(
    r"\b(color|background|border(?:-[a-z]+)?|outline(?:-[a-z]+)?|tint|scrollbar-[a-z-]+|"
    r"link-[a-z-]+|text-style)\s*:\s*([^;}]+)"
)
_NOT_COLOURS = {
    "none",
    "hidden",
    "blank",
    "round",
    "solid",
    "tall",
    "thick",
    "wide",
    "heavy",
    "double",
    "dashed",
    "ascii",
    "inner",
    "outer",
    "hkey",
    "vkey",
    "panel",
    "bold",
    "italic",
    "underline",
    "reverse",
    "strike",
    "not",
    "!important",
    "initial",
    "inherit",
}
# Text styles that make text fainter, or hide what colour says.
_FAINT_STYLES = {"dim"}


def _stylesheets() -> dict[str, str]:
    """The app's own CSS: workshop.tcss and the DEFAULT_CSS of every widget and screen in workshop_tui/ui."""
    found = {"workshop.tcss": (UI / "workshop.tcss").read_text()}
    for module_info in pkgutil.walk_packages([str(UI)], "workshop_tui.ui."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Widget) and value.__module__ == module.__name__:
                css = value.__dict__.get("DEFAULT_CSS", "")
                if css:
                    found[f"{module.__name__}.{name}"] = css
    return found


def _uncommented(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)


def test_the_stylesheets_name_theme_colours_only_and_never_dim_text() -> None:
    wrong = []
    for where, css in _stylesheets().items():
        for prop, value in _COLOUR_RULE.findall(_uncommented(css)):
            words = value.split()
            for before, word in zip(["", *words], words, strict=False):
                if prop == "text-style" and word in _FAINT_STYLES and before != "not":
                    wrong.append(f"{where}: '{prop}: {value.strip()}' dims text below 7:1")
                elif (
                    prop == "text-style" or word.startswith("$") or word in _NOT_COLOURS or re.fullmatch(r"\d+%?", word)
                ):
                    continue
                else:
                    wrong.append(
                        f"{where}: '{prop}: {value.strip()}' names a colour of its own ({word}); use a theme variable"
                    )
    assert not wrong, "\n".join(wrong)


def test_no_text_is_styled_dim_in_python() -> None:
    wrong = []
    for path in UI.rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#")[0]
            if re.search(r"""style=["'][^"']*\bdim\b|\[dim\]|\[/?d\]""", code):
                wrong.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not wrong, "Dimmed text is below 7:1 in every theme:\n" + "\n".join(wrong)


# The text colours of a theme, and the backgrounds each may be drawn on.
TEXT = [
    "foreground",
    "text",
    "text-muted",
    "text-disabled",
    "foreground-muted",
    "foreground-disabled",
    "text-primary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "overrun",
    "footer-key-foreground",
    "footer-description-foreground",
    "footer-foreground",
    "button-foreground",
    "link-color",
    "markdown-h1-color",
    "markdown-h2-color",
    "markdown-h3-color",
    "block-cursor-blurred-foreground",
]
BACKGROUNDS = ["background", "surface", "panel", "footer-background", "block-cursor-blurred-background"]
PAIRS = [
    ("block-cursor-foreground", "block-cursor-background"),
    ("input-selection-foreground", "input-selection-background"),
    ("screen-selection-foreground", "screen-selection-background"),
    ("alarm-foreground", "alarm-background"),
    ("projector-foreground", "projector-background"),
    ("overrun", "projector-background"),
    ("input-cursor-foreground", "input-cursor-background"),
    ("button-color-foreground", "primary"),
]


def _colours(theme: str) -> dict[str, Color]:
    app = WorkshopApp(Path("unused"))
    app.theme = theme
    variables = app.get_css_variables()
    background = Color.parse(variables["background"])
    colours = {}
    for name, value in variables.items():
        try:
            colour = Color.parse(value)
        except Exception:  # a text style, or "auto 87%" (the text colours are set in ui/themes.py, never auto)
            continue
        colours[name] = background + colour  # a see-through colour is seen over the background
    return colours


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_each_text_colour_of_the_theme_is_7_to_1_on_each_of_its_backgrounds(theme: str) -> None:
    colours = _colours(theme)
    faint = []
    pairs = [(text, back) for text in TEXT for back in BACKGROUNDS] + PAIRS
    for text, back in pairs:
        ratio = contrast(colours[text].rgb, colours[back].rgb)
        if ratio < AAA:
            faint.append(f"${text} {colours[text].hex} on ${back} {colours[back].hex}: {ratio:.2f}:1")
    assert not faint, f"Below 7:1 in the {theme} theme:\n" + "\n".join(faint)


# The main screens, each as a run_before (like a snapshot's) on an app built for it.
Scene = tuple[Callable[[Path, FakeClock], WorkshopApp], Callable[[Pilot[Any]], Awaitable[None]]]


def _at(seconds: float, *keys: str, then: tuple[str, ...] = ()) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press(*keys)
        assert isinstance(pilot.app, WorkshopApp) and isinstance(pilot.app.clock, FakeClock)
        await advance(pilot, pilot.app.clock, seconds)
        await pilot.press(*then)
        await pilot.pause()

    return run_before


async def _a_room(pilot: Pilot[Any]) -> None:
    from tests.ui.test_every_screen import a_room

    await a_room(pilot)


def _room_then(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _a_room(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def _round(revealed: bool, *keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    from tests.ui.test_snapshots import a_scored_round

    return a_scored_round(revealed, keys)


def _keys(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


async def _notices(pilot: Pilot[Any]) -> None:
    """A notice of each kind, as toasts in the corner."""
    await _keys()(pilot)
    for severity in ("information", "warning", "error"):
        pilot.app.notify(f"Something to say ({severity}).", title=f"A {severity} notice", severity=severity, timeout=60)
    await pilot.pause(0.2)


def _plain(folder: Path, clock: FakeClock) -> WorkshopApp:
    return WorkshopApp(sessions_dir=folder, clock=clock)


def _part_1(folder: Path, clock: FakeClock) -> WorkshopApp:
    return live_app(folder, clock, plan=plan_named("co-production-part-1"))


def _panel(folder: Path, clock: FakeClock) -> WorkshopApp:
    return live_app(folder, clock, plan=plan_named("commissioning-shortlisting"))


def _review(folder: Path, clock: FakeClock) -> WorkshopApp:
    from tests.ui.test_review import review_app

    return review_app(folder, clock)[0]


def _browser(folder: Path, clock: FakeClock) -> WorkshopApp:
    from tests.ui.test_sessions_browser import folder_with_examples

    folder_with_examples(folder)
    return WorkshopApp(sessions_dir=folder, clock=clock)


SCENES: dict[str, Scene] = {
    "live, running": (live_app, _at(4 * 60 + 30, "space")),
    "live, running over": (live_app, _at(12 * 60 + 13, "space")),
    "live, paused": (live_app, _at(90, "space", then=("space",))),
    "live, a break": (live_app, _at(60, "n", "space")),
    "live, a room with notes": (_part_1, _room_then()),
    "records, people": (_part_1, _room_then("r")),
    "records, actions": (_part_1, _room_then("r", "right", "right")),
    "projector, running": (live_app, _at(4 * 60 + 30, "space", "f")),
    "projector, running over": (live_app, _at(12 * 60 + 13, "space", "f")),
    "projector, a break": (live_app, _at(60, "n", "space", "f")),
    "panel, scores hidden": (_panel, _round(False, "down", "right")),
    "panel, ranking": (_panel, _round(True, "tab", "tab")),
    "panel, moderation": (_panel, _round(True, "tab")),
    "review": (_review, _keys()),
    "review, replay": (_review, _keys("j", *"11:05", "enter")),
    "home": (_plain, _keys()),
    "sessions browser": (_browser, _keys("b")),
    "help": (_plain, _keys("f1")),
    "finished": (_part_1, _room_then("ctrl+f", "ctrl+f")),
    "decision form": (_part_1, _room_then("d", *"Meet monthly?")),
    "notices": (_plain, _notices),
    "command list": (_plain, _keys("ctrl+p", *"Theme")),
}


# At 80x24 a screen lays out differently (the key bar, the agenda's columns): the four the issue names.
SMALL = ["live, running over", "projector, running over", "panel, scores hidden", "review"]
CASES = [(scene, (100, 30)) for scene in SCENES] + [(scene, (80, 24)) for scene in SMALL]


@pytest.mark.parametrize(("scene", "size"), CASES, ids=[f"{scene}-{w}x{h}" for scene, (w, h) in CASES])
@pytest.mark.parametrize("theme", THEME_NAMES)
async def test_every_piece_of_text_on_the_main_screens_is_7_to_1_in_each_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock, theme: str, scene: str, size: tuple[int, int]
) -> None:
    monkeypatch.chdir(tmp_path)
    build, run_before = SCENES[scene]
    app = build(Path("sessions"), clock)
    app.theme = theme
    async with app.run_test(size=size, notifications=True) as pilot:
        await run_before(pilot)
        await pilot.pause()
        assert inks(app), "nothing was drawn"
        faint = too_faint(app)
        assert not faint, f"Below 7:1 in the {theme} theme, {scene}:\n" + "\n".join(sorted(set(faint))[:40])


async def test_the_measure_finds_a_faint_colour_added_to_a_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    """The check above is only worth its passes if it fails: a grey line and a dimmed one are both found."""
    monkeypatch.chdir(tmp_path)
    app = live_app(Path("sessions"), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert not too_faint(app)
        app.screen.query_one("#next-step").styles.color = "#777777"
        app.screen.query_one("#step-title").styles.text_style = "dim"
        await pilot.pause()
        faint = "\n".join(too_faint(app))
        assert "'Next: Tea (15 minutes)'" in faint and "#777777 on #121212, 4.18:1" in faint
        assert "'Welcome  (activity)'" in faint  # Textual draws dim text in a colour nearer the background
