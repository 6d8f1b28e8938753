"""The settings file: the theme each kind of window opens in, kept owner-only, never a traceback."""

import os
import stat
from pathlib import Path

from workshop_tui.store.settings import DEFAULT_THEME, Settings, read_settings, remember_theme, settings_path


def test_the_settings_file_in_the_tests_is_never_the_real_one() -> None:
    assert str(settings_path()).startswith(os.environ["XDG_CONFIG_HOME"])
    assert not str(settings_path()).startswith(str(Path.home() / ".config"))


def test_no_settings_file_means_the_default_theme_for_every_window(tmp_path: Path) -> None:
    settings = read_settings(tmp_path / "settings.toml")
    assert settings == Settings()
    assert settings.theme_for("facilitator") == settings.theme_for("audience") == DEFAULT_THEME == "default"


def test_a_chosen_theme_is_remembered_for_its_kind_of_window_only_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "config" / "workshop-tui" / "settings.toml"
    remember_theme(path, "audience", "projector")
    remember_theme(path, "facilitator", "light")
    settings = read_settings(path)
    assert settings.theme_for("audience") == "projector"
    assert settings.theme_for("facilitator") == "light"
    assert settings.theme_for("note-taker") == "default"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob("*.saving"))  # written whole through a temporary file


def test_a_damaged_settings_file_is_one_sentence_and_the_defaults_and_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    for damaged in [
        b"[themes\nfacilitator = 'light'",
        b"themes = 3",
        b"[themes]\nfacilitator = 'pink'",
        b"[themes]\naudience = 7",
        b"\xff\xfe not text",
    ]:
        path.write_bytes(damaged)
        before = path.read_bytes()
        settings = read_settings(path)
        assert settings.themes == {} and settings.theme_for("facilitator") == "default"
        assert settings.problem.startswith(f"The settings file {path} was not used: ")
        assert "\n" not in settings.problem and settings.problem.endswith("writes the file again.")
        assert path.read_bytes() == before


def test_choosing_a_theme_replaces_a_damaged_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[themes\n")
    remember_theme(path, "facilitator", "light")
    assert read_settings(path).theme_for("facilitator") == "light"


def test_a_settings_file_that_is_a_folder_or_a_link_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "settings.toml"
    folder.mkdir()
    assert "was not used" in read_settings(folder).problem
    real = tmp_path / "elsewhere.toml"
    real.write_text("[themes]\nfacilitator = 'light'\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert "was not used" in read_settings(link).problem
