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
def git_of_nobody(monkeypatch, tmp_path):
    """A git that knows nobody: no name, no email, no settings of the machine's user (for sharing tests)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)


# The markers (declared in pyproject.toml), given here by where a test is and what it needs, so no
# test has to remember them. `pytest -m "not slow"` is a developer's run of a few minutes at most.
TERMINAL_TESTS = Path(__file__).parent / "terminal"

# Other tests that take long on two cores (measured with `--durations`): a file's every test, or one test.
SLOW = {
    # Real processes killed at random, a real hang-up, and every screen drawn at each size and in each theme.
    "tests/test_faults_across_windows.py",
    "tests/test_hang_up.py",
    "tests/ui/test_every_screen.py",
    "tests/ui/test_panel_at_80_columns.py",
    "tests/ui/test_snapshots.py",
    "tests/ui/test_theme_contrast.py",
    "tests/ui/test_theme_snapshots.py",
    # A commissioning panel's round, driven through its screens.
    "tests/ui/test_correcting_the_round.py",
    "tests/ui/test_panel_screen.py",
    # Kills at every moment, and property tests over many generated rounds.
    "tests/test_atomic_save.py::test_killing_the_writer_at_any_moment_keeps_every_save_before_it",
    "tests/test_names_never_leak.py::test_no_form_of_a_roster_name_reaches_a_letter_or_an_anonymised_output",
    "tests/test_panel_export.py::test_a_letter_never_tells_one_applicant_about_another",
    "tests/test_session_file.py::test_a_panels_round_loads_as_its_events_replay",
    "tests/test_file_faults.py::test_an_outbox_over_4_mb_is_applied_in_full_then_removed",
    "tests/test_team_archive.py::test_a_share_killed_at_any_moment_loses_nothing_and_the_next_one_finishes",
    "tests/web/test_serve.py::test_a_browser_connection_that_sends_garbage_leaves_the_server_and_the_owner_running",
    # Screens driven through a whole round or many keys.
    "tests/ui/test_forms.py::test_an_impossible_count_and_a_contradiction_are_warned_about_and_kept_with_the_decision",
    "tests/ui/test_forms.py::test_editing_a_note_with_an_at_name_changes_who_said_it",
    "tests/ui/test_forms.py::test_the_action_owner_is_completed_by_tab_or_right",
    "tests/ui/test_forms.py::test_who_was_present_shows_ticked_and_unticked_in_characters_and_who_has_not_arrived",
    "tests/ui/test_home.py::test_f1_opens_help_and_escape_closes_it",
    "tests/ui/test_plan_editor.py::test_a_new_plan_is_written_by_keyboard_with_a_method_from_the_library_and_saved",
    "tests/ui/test_plan_editor.py::test_every_field_of_a_step_is_changed_by_keyboard",
    "tests/ui/test_recording.py::test_a_note_with_a_mark_and_an_at_name_is_saved_and_shown_with_who_said_it",
    "tests/ui/test_recording.py::test_a_parking_lot_point_becomes_an_action_with_an_owner_and_a_date",
    "tests/ui/test_records_screen.py::test_f1_on_the_records_screen_opens_the_help_at_its_keys",
    "tests/ui/test_recording.py::test_a_fist_of_five_decision_is_recorded_with_its_counts_and_warnings",
    "tests/ui/test_recording.py::test_a_part_2_follows_the_part_1_chosen_in_the_start_form_and_ticks_its_actions",
    "tests/ui/test_room_projector.py::test_the_facilitator_shows_the_groups_record_without_names_then_with_them_then_hides_it",
    "tests/ui/test_themes.py::test_a_damaged_settings_file_is_said_once_and_kept_until_a_theme_is_chosen",
    "tests/ui/test_review.py::test_at_80x24_the_decisions_tab_of_a_round_scrolls_by_keys_and_by_the_mouse_wheel",
    "tests/ui/test_review.py::test_replay_steps_through_events_and_shows_what_the_screen_showed",
    "tests/ui/test_review.py::test_right_and_left_move_between_the_tabs_from_the_who_was_heard_table",
    "tests/ui/test_review.py::test_the_review_and_replay_of_a_round_show_when_scores_were_revealed_changed_and_awarded",
    "tests/ui/test_whole_words_at_80x24.py::test_the_decision_forms_outcome_is_in_sight_and_the_fist_of_five_tally_whole",
    "tests/ui/test_whole_words_at_80x24.py::test_the_records_show_who_by_when_and_the_outcome_and_enter_shows_the_rest",
    "tests/ui/test_whole_words_at_80x24.py::test_the_reviews_actions_give_what_is_to_be_done_its_room_beside_a_long_state",
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
        if file in SLOW or f"{file}::{name.partition('[')[0]}" in SLOW:
            item.add_marker(pytest.mark.slow)
