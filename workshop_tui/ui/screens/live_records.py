"""Recording from the live screen: the forms for changing a note, a decision and an action.

Plain functions: each is given the app to ask in, the session as this window reads it, and the one way
to change it (the live screen's `try_command`, which goes through the session's owner).
"""

from collections.abc import Callable
from typing import Any

from textual.app import App

from workshop_tui.core.record_commands import parse_note
from workshop_tui.core.session_engine import NotNow, SessionEngine
from workshop_tui.model import Note, Participant
from workshop_tui.ui.screens.live_agenda_edits import TryCommand


def ask_to_change_note(app: App[Any], note: Note, try_command: TryCommand) -> None:
    from workshop_tui.ui.screens.text_prompt import TextPrompt  # each form loads when first asked for

    question = "Change this note. Its earlier wording is kept in the file. @name says who said it."
    app.push_screen(
        TextPrompt(question, note.text, attempt=lambda text: try_command("edit_note", note_id=note.id, text=text))
    )


def ask_for_a_decision(app: App[Any], engine: SessionEngine, try_command: TryCommand) -> None:
    from workshop_tui.ui.screens.decision_form import DecisionForm

    present = [p.id for p in engine.present_people()]

    def recorded(fields: dict[str, Any] | None) -> None:
        if fields:  # the form has recorded it already
            app.notify(f"Decision recorded: {fields['outcome']}.", title="Decision")

    form = DecisionForm(
        engine.session.participants,
        present,
        engine.session.plan.quorum,
        engine.current.title,
        engine.clock.now(),
        attempt=lambda fields: try_command("record_decision", **fields),
        method=engine.current.decides_by or "consensus",
    )
    app.push_screen(form, recorded)


def ask_for_an_action(
    app: App[Any],
    engine: SessionEngine,
    try_command: TryCommand,
    from_note: str = "",
    done: Callable[[], object] | None = None,
) -> None:
    """Open the action form; from a note, its words are the starting point."""
    from workshop_tui.ui.screens.action_form import ActionForm

    text = engine.note_by_id(from_note).text if from_note else ""

    def added(fields: dict[str, Any] | None) -> None:
        if fields and done:  # the form has added it already
            done()

    names = [p.name for p in engine.session.participants if p.name]
    heading = "Turn this note into an action" if from_note else "Add an action"
    form = ActionForm(
        names,
        text,
        heading,
        today=engine.clock.now().date(),
        attempt=lambda fields: try_command("add_action", from_note=from_note, **fields),
    )
    app.push_screen(form, added)


def who_had_left(typed: str, people: list[Participant]) -> list[str]:
    """A note credited to someone marked as left is saved (it may be what they said before going); what
    the note-taker is told of each, so a wrong name can be put right with Enter on the note."""
    try:
        _, _, speakers = parse_note(typed, people)
    except NotNow:
        return []
    by_id = {person.id: person for person in people}
    gone = [by_id[who] for who in speakers if who in by_id and by_id[who].left_at is not None]
    return [
        f"{person.name or person.role} left at {person.left_at:%H:%M}. The note is saved as theirs; "
        "if it was someone else, change it in the notes list."
        for person in gone
    ]


def room_record_words(on: bool, names: bool) -> str:
    """What the facilitator is told when the group's record goes on or off the projector."""
    if not on:
        said = "The group's record is off the projector."
    else:
        said = "The projector shows this step's notes, decisions and actions as they are typed, " + (
            "with people's names." if names else "without people's names."
        )
    if not on and names:
        said += " Names will show when it is on again."
    return said
