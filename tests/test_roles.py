"""Who may do what: one table (core/roles.py) that covers every command a session takes."""

from workshop_tui.core.roles import MAY, ROLES, may, refusal
from workshop_tui.store.open_session import COMMANDS


def test_every_command_a_session_takes_has_a_row_in_the_table():
    assert set(COMMANDS) - set(MAY) == set()


def test_only_the_facilitator_finishes_and_runs_the_round():
    for what in ("finish", "reveal_scores", "make_award", "agree_score", "open_round"):
        assert may("facilitator", what)
        assert not may("note-taker", what)
        assert refusal("note-taker", what).startswith("Only the facilitator can")


def test_the_audience_changes_nothing():
    assert not any(may("audience", what) for what in MAY)
    assert refusal("audience", "add_note") == "This window only shows the session. It cannot change it."


def test_a_window_in_a_browser_never_touches_this_computers_files():
    for role in ROLES:
        for what in ("import", "export"):
            assert not may(role, what, in_browser=True)
            assert "web browser" in refusal(role, what, in_browser=True)
    assert may("facilitator", "import") and may("note-taker", "add_note", in_browser=True)


def test_an_unknown_name_is_refused_to_everyone():
    assert not any(may(role, "format_the_disk") for role in ROLES)
