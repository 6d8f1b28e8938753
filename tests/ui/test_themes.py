"""Choosing a theme: --theme, the settings file, the command list (Ctrl+P), and each window its own."""

import stat
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.core.clock import FakeClock
from workshop_tui.store.settings import read_settings, remember_theme
from workshop_tui.ui.app import OpenedSession, WorkshopApp


@pytest.fixture
def themes_opened(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """open_app records the theme it was given instead of opening a screen."""
    opened: list[str | None] = []

    def record(sessions_dir: Path, opening: object = None, quiet: bool = False, theme: str | None = None) -> int:
        opened.append(theme)
        return 0

    monkeypatch.setattr("workshop_tui.cli.screen.open_app", record)
    monkeypatch.setattr("workshop_tui.cli.screen.check_terminal", lambda: None)  # the test run has no terminal
    return opened


def test_theme_goes_before_or_after_the_command(
    tmp_path: Path, themes_opened: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = str(tmp_path / "sessions")
    assert main(["--theme", "projector", "--sessions-dir", folder]) == 0
    assert main(["run", "co-production-part-1", "--theme", "light", "--sessions-dir", folder]) == 0
    assert main(["--theme=light", "review", "--sessions-dir", folder]) == 0
    assert main(["review", "--sessions-dir", folder]) == 0
    assert themes_opened == ["projector", "light", "light", None]


def test_an_unknown_theme_is_one_sentence_naming_the_themes_and_status_2(
    tmp_path: Path, themes_opened: list[str | None], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--sessions-dir", str(tmp_path), "show", "--theme", "dark"]) == 2
    error = capsys.readouterr().err
    assert error == ("workshop-tui: there is no theme called 'dark'; the themes are default, projector and light.\n")
    assert themes_opened == []


def test_the_theme_is_the_one_asked_for_then_the_settings_files_then_the_default(
    tmp_path: Path, clock: FakeClock
) -> None:
    settings = tmp_path / "settings.toml"
    assert WorkshopApp(tmp_path / "s", clock, settings_file=settings).theme == "default"
    remember_theme(settings, "facilitator", "light")
    assert WorkshopApp(tmp_path / "s", clock, settings_file=settings).theme == "light"
    assert WorkshopApp(tmp_path / "s", clock, settings_file=settings, theme="projector").theme == "projector"


def test_each_kind_of_window_opens_in_its_own_theme(tmp_path: Path, clock: FakeClock) -> None:
    """The facilitator's laptop dark, the projector's window (show) light."""
    from workshop_tui.store.open_session import OpenSession
    from tests.conftest import small_plan

    settings = tmp_path / "settings.toml"
    remember_theme(settings, "audience", "light")
    owner = OpenSession.create(tmp_path / "s", small_plan(), "Windows", clock, "Ann", gather_seconds=0)
    try:
        laptop = WorkshopApp(tmp_path / "s", clock, settings_file=settings, opening=OpenedSession(owner))
        projector = WorkshopApp(tmp_path / "s", clock, settings_file=settings, opening=OpenedSession(owner, "audience"))
        assert (laptop.theme, projector.theme) == ("default", "light")
    finally:
        owner.close()


async def test_the_command_list_offers_the_three_themes_and_remembers_the_one_chosen(
    tmp_path: Path, clock: FakeClock
) -> None:
    settings = tmp_path / "config" / "settings.toml"
    app = WorkshopApp(tmp_path / "sessions", clock, settings_file=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert [title for title in titles if title.startswith("Theme")] == [
            "Theme: default",
            "Theme: projector",
            "Theme: light",
        ]  # never Textual's picker of other themes
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Theme: light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.theme == "light"
    assert read_settings(settings).theme_for("facilitator") == "light"
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600


async def test_a_damaged_settings_file_is_said_once_and_kept_until_a_theme_is_chosen(
    tmp_path: Path, clock: FakeClock
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[themes\nfacilitator = 'light'\n")
    app = WorkshopApp(tmp_path / "sessions", clock, settings_file=settings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "default"
        said = [notice.message for notice in app._notifications]
        assert len(said) == 1 and said[0].startswith(f"The settings file {settings} was not used")
    assert settings.read_text() == "[themes\nfacilitator = 'light'\n"
    app = WorkshopApp(tmp_path / "sessions", clock, settings_file=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        app.choose_theme("projector")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert read_settings(settings).theme_for("facilitator") == "projector"
