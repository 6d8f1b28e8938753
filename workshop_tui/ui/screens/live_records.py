"""Recording from the live screen: the forms for changing a note, a decision and an action.

Plain functions: each is given the app to ask in, the session as this window reads it, and the one way
to change it (the live screen's `try_command`, which goes through the session's owner).
"""

from collections.abc import Callable
from typing import Any

from textual.app import App

from workshop_tui.core.session_engine import SessionEngine
from workshop_tui.model import Note
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
