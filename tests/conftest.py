"""Shared test fixtures: a fixed clock, a temporary sessions folder, small plans and sessions."""

import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import settings

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.model import Plan, Session, Step
from workshop_tui.store.plan_library import PlanEntry, find_plan

# A command run with no sessions folder where it runs uses the person's own data folder: under the
# tests, a folder of their own, never the real home's.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="workshop-tui-tests-data-")
# The settings file (the theme each window opens in) too: a test never reads or writes the real one.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="workshop-tui-tests-config-")

# In CI every property test runs the same examples each time, so a run's result never depends on
# chance; on a developer's machine they vary, to find more.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

UK_SUMMER = timezone(timedelta(hours=1))
TEN_AM = datetime(2026, 7, 8, 10, 0, tzinfo=UK_SUMMER)


# Text that has broken TOML writers: quotes, backslashes, line ends, other scripts, emoji, control
# characters, a whole line that looks like the file's own "# saved" marker, and a very long line.
TRICKY = [
    "Meet somewhere with a hearing loop",
    "She said \"no\" and 'maybe'",
    "C:\\Users\\panel\\notes \\n is not a newline",
    "line one\nline two\r\nline three\n",
    "Café, naïve, Zoë, Ω, 日本語, عربى",
    "🙂👍🏽👨‍👩‍👧 emoji",
    "tab\there, bell\x07, escape\x1b[31m, delete\x7f",
    "\"\"\"triple quotes\"\"\" and '''more'''",
    "x" * 20_000,
    " leading and trailing spaces ",
    '# saved 99\n[[events]]\nkind = "step.next"',
]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TEN_AM)


@pytest.fixture
def sessions_dir(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


def small_plan() -> Plan:
    return Plan(
        name="small",
        title="A small plan",
        description="Three steps for tests.",
        steps=[
            Step(title="Welcome", kind="activity", planned_minutes=10, instructions="Say hello."),
            Step(title="Tea", kind="break", planned_minutes=15),
            Step(title="Talk", kind="discussion", planned_minutes=30, prompts=["What matters?"]),
        ],
    )


def plan_named(name: str) -> Plan:
    """A plan by name, as find_plan finds it (it gives no entry without its plan: it raises instead)."""
    plan = find_plan(name).plan
    assert plan is not None
    return plan


def entry_plan(entry: PlanEntry) -> Plan:
    """The plan of a plan list's entry that a test relies on loading (else the test says why not)."""
    assert entry.plan is not None, entry.problem
    return entry.plan


def small_session(title: str = "Co-production training, part 1") -> Session:
    """A new session of the small plan at ten o'clock, nothing recorded yet."""
    return new_session(small_plan(), title, FakeClock(TEN_AM))


def finished_session(title: str = "Co-production training, part 1") -> Session:
    """A small session run for 20 minutes and finished."""
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(small_plan(), title, clock), clock)
    engine.start_timer()
    clock.advance(minutes=20)
    engine.finish()
    return engine.session


@pytest.fixture
def git_of_nobody(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A git that knows nobody: no name, no email, no settings of the machine's user (for sharing tests)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)


# The markers (declared in pyproject.toml), given here by where a test is and what it needs, so no
# test has to remember them. `pytest -m "not slow"` is a developer's run of a few minutes at most.
TERMINAL_TESTS = Path(__file__).parent / "terminal"
# Each drives the app's screens through Textual's Pilot: a second or more each, two hundred of them.
SCREEN_TESTS = Path(__file__).parent / "ui"

# Other tests that take long on two cores (measured with `--durations`): a file's every test, or one test.
SLOW = {
    # Real processes killed at random, and a real hang-up.
    "tests/test_faults_across_windows.py",
    "tests/test_hang_up.py",
    # Kills at every moment, property tests over many generated sessions, and whole programs started.
    "tests/test_cli.py::test_a_screen_with_no_terminal_to_show_it_is_refused_before_anything_is_made",
    "tests/test_joining.py::test_join_under_a_name_not_on_the_roster_is_refused_before_any_screen_opens",
    "tests/test_round_trip.py::test_any_session_saved_and_loaded_is_the_same",
    "tests/test_session_merge.py::test_a_merge_holds_every_event_of_both_sides_once",
    "tests/test_atomic_save.py::test_killing_the_writer_at_any_moment_keeps_every_save_before_it",
    "tests/test_names_never_leak.py::test_no_form_of_a_roster_name_reaches_a_letter_or_an_anonymised_output",
    "tests/test_panel_export.py::test_a_letter_never_tells_one_applicant_about_another",
    "tests/test_session_file.py::test_a_panels_round_loads_as_its_events_replay",
    "tests/test_file_faults.py::test_an_outbox_over_4_mb_is_applied_in_full_then_removed",
    "tests/test_team_archive.py::test_a_share_killed_at_any_moment_loses_nothing_and_the_next_one_finishes",
    "tests/web/test_serve.py::test_a_browser_connection_that_sends_garbage_leaves_the_server_and_the_owner_running",
}


def _needs_chromium(item: pytest.Item) -> bool:
    # Each test that drives Chromium is skipped without it, and says so in its skip's reason.
    return any(
        mark.name == "skipif" and "chromium" in str(mark.kwargs.get("reason", "")).lower()
        for mark in item.iter_markers()
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if TERMINAL_TESTS in item.path.parents:
            item.add_marker(pytest.mark.terminal)
            item.add_marker(pytest.mark.slow)
        if _needs_chromium(item):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        file, _, name = item.nodeid.partition("::")
        if SCREEN_TESTS in item.path.parents or file in SLOW or f"{file}::{name.partition('[')[0]}" in SLOW:
            item.add_marker(pytest.mark.slow)
