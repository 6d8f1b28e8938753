"""Who may do what: one table (core/roles.py) that covers every command a session takes."""

from workshop_tui.core.roles import MAY, ROLES, may, refusal
from workshop_tui.store.open_session import COMMANDS


def test_every_command_a_session_takes_has_a_row_in_the_table() -> None:
    assert set(COMMANDS) - set(MAY) == set()


def test_only_the_facilitator_finishes_and_runs_the_round() -> None:
    for what in ("finish", "reveal_scores", "make_award", "agree_score", "open_round"):
        assert may("facilitator", what)
        assert not may("note-taker", what)
        # A round's commands are the chair's: the facilitator, called the chair in a panel.
        assert refusal("note-taker", what).startswith(
            "Only the chair can" if what != "finish" else "Only the facilitator can"
        )


def test_the_agenda_timer_and_roster_are_the_facilitators_until_shared_with_the_note_taker() -> None:
    for what in (
        "next_step",
        "previous_step",
        "start_timer",
        "pause_timer",
        "add_minutes",
        "insert_step",
        "move_step",
        "add_person",
        "person_left",
    ):
        assert may("facilitator", what) and not may("note-taker", what) and not may("audience", what)
        assert may("note-taker", what, agenda_shared=True) and not may("audience", what, agenda_shared=True)
        assert refusal("note-taker", what) == (
            "Only the facilitator can move the agenda, run the timer and change "
            "the roster, unless they let the note-taker do it too."
        )
    # The record is always the note-taker's; sharing is the facilitator's alone.
    assert may("note-taker", "add_note") and may("note-taker", "record_decision") and may("note-taker", "add_action")
    assert not may("note-taker", "share_agenda", agenda_shared=True)


def test_the_audience_changes_nothing() -> None:
    assert not any(may("audience", what) for what in MAY)
    assert refusal("audience", "add_note") == "This window only shows the session. It cannot change it."


def test_a_window_in_a_browser_never_touches_this_computers_files() -> None:
    for role in ROLES:
        for what in ("import", "export"):
            assert not may(role, what, in_browser=True)
            assert "web browser" in refusal(role, what, in_browser=True)
    assert may("facilitator", "import") and may("note-taker", "add_note", in_browser=True)


def test_an_unknown_name_is_refused_to_everyone() -> None:
    assert not any(may(role, "format_the_disk") for role in ROLES)
