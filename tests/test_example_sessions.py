"""The example sessions in sessions/ are what the engine makes, so they never drift from the app."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from workshop_tui.model import Session
from workshop_tui.store.application_import import import_applications_file
from workshop_tui.store.session_file import load_session, save_session
from workshop_tui.store.sessions_folder import session_file_name
from tests.example_sessions import ALL_EXAMPLES, APPLICATIONS_CSV, applications_csv, shortlisting_panel
from tests.panel_helpers import the_panel

SESSIONS = Path(__file__).resolve().parent.parent / "sessions"


@pytest.mark.parametrize("make", ALL_EXAMPLES, ids=[make.__name__ for make in ALL_EXAMPLES])
def test_each_shipped_example_is_the_engines_output(make: Callable[[], Session]) -> None:
    session = make()
    path = SESSIONS / session_file_name(session.title, session.started_at)
    if os.environ.get("WORKSHOP_TUI_UPDATE_EXAMPLES"):
        save_session(session, path)
        path.chmod(0o644)  # examples hold no real names and ship with the project
    assert load_session(path) == session
    assert session.status == "finished"


def test_the_shipped_spreadsheet_holds_the_example_rounds_applications_and_imports_cleanly() -> None:
    path = SESSIONS / APPLICATIONS_CSV
    if os.environ.get("WORKSHOP_TUI_UPDATE_EXAMPLES"):
        path.write_bytes(applications_csv().encode())
        path.chmod(0o644)
    assert path.read_bytes().decode() == applications_csv()
    imported = import_applications_file(path)
    assert imported.ok and imported.ignored_columns == []
    assert imported.applications == the_panel(shortlisting_panel()).round.applications
