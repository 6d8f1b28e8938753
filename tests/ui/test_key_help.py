"""Every key has an id and plain words, and the README and the help are built from, or checked
against, the bindings, so they cannot drift apart."""

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import DataTable, Tabs
from textual.widgets.markdown import MarkdownBlock

import workshop_tui.ui
import workshop_tui.ui.keys
from workshop_tui.core.clock import FakeClock
from workshop_tui.store.problems import FileProblem
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.keys import bindings_of, key_words, keys_in_words
from workshop_tui.ui.keys_file import every_binding_holder, load_keymap
from workshop_tui.ui.screens.help import HelpScreen, help_text
from workshop_tui.ui.screens.home import HomeScreen
from workshop_tui.ui.screens.live import LiveScreen
from workshop_tui.ui.screens.review import ReviewScreen
from workshop_tui.ui.screens.sessions_browser import SessionsBrowser
from tests.ui.live_helpers import live, live_app

README = Path(__file__).resolve().parents[2] / "README.md"


def classes_with_bindings() -> list[type]:
    """Every class in workshop_tui.ui that declares BINDINGS of its own."""
    found = []
    for module in pkgutil.walk_packages(workshop_tui.ui.__path__, "workshop_tui.ui."):
        for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if cls.__module__ == module.name and "BINDINGS" in vars(cls):
                found.append(cls)
    return found


def readme_keys(heading: str) -> set[str]:
    """The keys named in the first column of the table under this README heading."""
    text = README.read_text()
    table = re.search(rf"^### {heading}\n\n((?:\|.*\n)+)", text, re.MULTILINE)
    assert table, f"no key table under '### {heading}' in the README"
    keys: set[str] = set()
    for row in table.group(1).splitlines()[2:]:
        first = row.split("|")[1].strip()
        for part in first.split(", "):
            keys.update(key.strip() for key in part.split(" or "))
    return keys


def keys_of(*holders: type) -> set[str]:
    return {key for binding in bindings_of(*holders) for key in keys_in_words(binding.key)}


def help_section(heading: str) -> str:
    return help_text(WorkshopApp).split(f"## {heading}\n")[1].split("\n## ")[0]


LIVE_KEYS = keys_of(LiveScreen, WorkshopApp) | {key_words(WorkshopApp.COMMAND_PALETTE_BINDING)}


def test_keys_are_shown_the_way_people_read_them() -> None:
    assert [key_words(key) for key in ["space", "ctrl+q", "f1", "plus", "question_mark", "ctrl+up", "n", "1"]] == [
        "Space",
        "Ctrl+Q",
        "F1",
        "+",
        "?",
        "Ctrl+Up",
        "N",
        "1",
    ]


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    classes = classes_with_bindings()
    assert len(classes) >= 10
    for cls in classes:
        for binding in vars(cls)["BINDINGS"]:
            assert isinstance(binding, Binding), f"{cls.__name__}: {binding!r} is not a Binding"
            assert binding.id and re.fullmatch(r"[a-z][a-z0-9_]*", binding.id), (
                f"{cls.__name__}: {binding.key} has no id"
            )
            assert binding.tooltip, f"{cls.__name__}: {binding.id} has no tooltip"


def test_ids_are_unique_on_every_screen() -> None:
    for cls in classes_with_bindings():
        # What is active on a screen: its own bindings, those it inherits, and the app's.
        ours = [c for c in cls.__mro__ if "BINDINGS" in vars(c) and c.__module__.startswith("workshop_tui.")]
        holders = [*ours, WorkshopApp]
        ids = [binding.id for binding in {id(b): b for b in bindings_of(*holders)}.values()]
        assert len(ids) == len(set(ids)), f"{cls.__name__} has an id twice: {sorted(ids, key=str)}"


def test_keys_toml_knows_every_id() -> None:
    assert set(classes_with_bindings()) - {WorkshopApp} <= {
        holder for holder in every_binding_holder() for holder in holder.__mro__
    }


def test_the_readme_names_every_key_of_the_live_screen_and_no_other() -> None:
    assert readme_keys("During a session") == LIVE_KEYS


def test_the_readme_names_every_key_for_looking_back_and_no_other() -> None:
    screens = keys_of(SessionsBrowser, ReviewScreen)
    widgets = keys_of(DataTable, Tabs)  # Enter opens a session; Left and Right change the tab
    named = readme_keys("Looking back")
    assert screens <= named
    assert named <= screens | widgets


def test_the_readme_names_every_key_of_the_home_screen_and_no_other() -> None:
    assert readme_keys("On the home screen") == keys_of(HomeScreen) | {"Enter"}


def test_the_readme_names_every_key_for_writing_a_plan_and_no_other() -> None:
    from workshop_tui.ui.screens.plan_editor import PlanEditor
    from workshop_tui.ui.screens.plan_timings import PlanTimingsScreen
    from workshop_tui.ui.widgets.plan_steps import StepsTable

    screens = keys_of(StepsTable, PlanEditor, PlanTimingsScreen)
    assert screens <= readme_keys("Writing a plan") <= screens | {"Enter", "Tab"}


def test_the_help_lists_every_key_of_the_live_screen() -> None:
    rows = help_section("During a session")
    shown = {key for row in re.findall(r"^\| (.+?) \|", rows, re.MULTILINE)[1:] for key in row.split(" or ")}
    assert keys_of(LiveScreen) <= shown
    for binding in bindings_of(LiveScreen):
        assert binding.tooltip in rows


def test_the_help_keeps_the_note_marks() -> None:
    rows = help_section("During a session")
    assert "+ for an idea" in rows and "@name" in rows


async def test_f1_on_a_session_opens_the_help_at_the_session_keys(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await help_shown(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert first_section(app) == "## During a session"  # at the top, with nothing to scroll to


async def test_f1_in_a_window_that_types_first_opens_at_its_own_keys(sessions_dir: Path, clock: FakeClock) -> None:
    # Found by a new user: the note-taker's help began with the facilitator's letter keys, which only
    # type letters in that window.
    app = live_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "f1")
        await help_shown(pilot)
        assert first_section(app) == "## Typing first"
        rows = help_section("Typing first")
        assert "| F8 |" in rows and "| F5 |" in rows and "| N |" not in rows and "| Space |" not in rows


async def help_shown(pilot: Pilot[Any]) -> None:
    """Wait until the help's Markdown has its headings (a few frames at most)."""
    for _ in range(100):
        await pilot.pause()
        if isinstance(pilot.app.screen, HelpScreen) and pilot.app.screen.query("MarkdownH2"):
            return


def first_section(app: WorkshopApp) -> str:
    """The first second-level heading the help shows, under its title and first line."""
    box = app.screen.query_one("#help-box", VerticalScroll)
    assert box.scroll_y == 0
    heading = next(h for h in app.screen.query(MarkdownBlock) if (h.source or "").startswith("## "))
    assert box.region.y <= heading.region.y <= box.region.y + 4  # at the top, under the box edge and margins
    return (heading.source or "").strip()


def test_the_help_puts_the_screen_it_was_asked_from_first_and_keeps_every_section() -> None:
    asked = help_text(WorkshopApp, first="writing-a-plan")
    headings = re.findall(r"^## (.+)$", asked, re.MULTILINE)
    assert asked.startswith("## Writing a plan\n") and headings[:2] == ["Writing a plan", "Anywhere"]
    assert sorted(headings) == sorted(re.findall(r"^## (.+)$", help_text(WorkshopApp), re.MULTILINE))


def write_keys(sessions_dir: Path, text: str) -> None:
    sessions_dir.mkdir(parents=True, exist_ok=True)
    (sessions_dir / "keys.toml").write_text(text)


async def test_a_key_chosen_in_keys_toml_does_the_job_and_shows_in_the_help(
    sessions_dir: Path, clock: FakeClock
) -> None:
    write_keys(sessions_dir, '[keys]\nnext = "right"\n')
    app = live_app(sessions_dir, clock)
    async with app.run_test() as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert live(app).engine.session.current_step == 1
        await pilot.press("n")
        await pilot.pause()
        assert live(app).engine.session.current_step == 1
    assert "| Right | Go to the next step" in help_text(WorkshopApp, app._keymap)


def test_an_unknown_name_in_keys_toml_is_refused_in_one_sentence(sessions_dir: Path) -> None:
    write_keys(sessions_dir, '[keys]\nnxet = "right"\n')
    with pytest.raises(FileProblem) as problem:
        load_keymap(sessions_dir)
    message = str(problem.value)
    assert "keys.toml, keys.nxet: there is no key called 'nxet'. Use one of:" in message
    assert " next," in message and "\n" not in message


def test_no_keys_toml_means_the_usual_keys(sessions_dir: Path) -> None:
    assert load_keymap(sessions_dir) == {}


def test_the_words_for_keys_import_neither_the_app_nor_the_help() -> None:
    # The app and the help both use ui/keys.py: importing either from there made an import circle.
    tree = ast.parse(Path(workshop_tui.ui.keys.__file__).read_text())
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert imported and not [name for name in imported if name.startswith("workshop_tui.ui")]


async def test_the_command_list_leaves_out_keys_that_do_not_work_now(sessions_dir: Path, clock: FakeClock) -> None:
    app = live_app(sessions_dir, clock)
    async with app.run_test():
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Start or pause the timer" in titles
        assert "Start or pause the timer, even while typing a note" not in titles
