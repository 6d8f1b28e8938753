"""Changing the plan on the fly, from the live screen: the questions asked before a step is added,
changed or taken off.

Plain functions: each is given the app to ask in, what it asks about, and the one way to change the
session (the live screen's `try_command` or `run_command`, which go through the session's owner).
"""

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.app import App

from workshop_tui.core.session_engine import NotNow, SessionEngine
from workshop_tui.model.method import LibraryMethod
from workshop_tui.model.session import Session, SessionStep

if TYPE_CHECKING:
    from workshop_tui.ui.screens.step_form import StepDetails

# Does a command for a form: "" when done, else the sentence saying why not (LiveScreen.try_command).
TryCommand = Callable[..., str]


def ask_for_a_new_step(app: App[Any], people_here: int, try_command: TryCommand) -> None:
    # Each form loads when first asked for: the live screen opens without them.
    from workshop_tui.ui.screens.method_chooser import MethodChooser
    from workshop_tui.ui.screens.step_form import StepDetails, StepForm

    """Add a step after the current one: one of your own, or a method from the library."""

    def attempt(details: "StepDetails") -> str:
        return try_command(
            "insert_step",
            title=details.title,
            minutes=details.minutes,
            kind=details.kind,
            instructions=details.instructions,
            prompts=list(details.prompts),
            decides_by=details.decides_by,
            method=details.method,
        )

    def chosen(choice: LibraryMethod | str | None) -> None:
        if choice is None:
            return
        if isinstance(choice, LibraryMethod):
            # A round grows with the group: planned for the people here, within the method's usual range.
            minutes = choice.minutes_for(people_here) if people_here else choice.step.planned_minutes
            start: StepDetails | None = replace(StepDetails.of(choice.step, choice.name), minutes=minutes)
            heading = f"Add '{choice.step.title}' after the current step"
        else:
            start, heading = None, "Add a step after the current one"
        app.push_screen(StepForm(heading, start=start, attempt=attempt))

    app.push_screen(MethodChooser("Add a step after the current one: your own, or a method"), chosen)


def ask_to_change_step(app: App[Any], step: SessionStep, try_command: TryCommand) -> None:
    from workshop_tui.ui.screens.step_form import StepForm

    """A coming step's title and minutes (its kind stays)."""

    def attempt(details: "StepDetails") -> str:
        return try_command("change_step", step=step.id, title=details.title, minutes=details.minutes)

    app.push_screen(
        StepForm(
            f"Change '{step.title}'", step.title, step.allowed_minutes, step.kind, kind_fixed=True, attempt=attempt
        )
    )


def ask_to_remove_step(app: App[Any], step: SessionStep, run_command: Callable[..., bool]) -> None:
    from workshop_tui.ui.screens.confirm import ConfirmScreen

    """Take a coming step off the agenda, once the facilitator says yes."""

    def answered(yes: bool | None) -> None:
        if yes:
            run_command("remove_step", step=step.id)  # the step the question named, wherever it is now

    app.push_screen(
        ConfirmScreen(
            f"Take '{step.title}' off the agenda? It stays in the session file, marked removed.",
            "Remove",
            "Keep it",
        ),
        answered,
    )


def index_of(session: Session, step: str | None) -> int:
    """Where the step is among the session's steps; -1 if it is not there."""
    return next((i for i, each in enumerate(session.steps) if each.id == step), -1)


def change_coming_step(app: App[Any], engine: SessionEngine, step: str | None, try_command: TryCommand) -> str:
    """The form for the step chosen in the agenda, if it is still to come; else the words saying why not."""
    try:
        coming = engine.coming(index_of(engine.session, step))
    except NotNow as reason:
        return f"{reason} Choose one in the agenda first."
    ask_to_change_step(app, coming, try_command)
    return ""


def remove_coming_step(app: App[Any], engine: SessionEngine, step: str | None, run_command: Callable[..., bool]) -> str:
    """The question for taking the chosen step off, if it is still to come; else the words saying why not."""
    try:
        coming = engine.coming(index_of(engine.session, step))
    except NotNow as reason:
        return str(reason)
    ask_to_remove_step(app, coming, run_command)
    return ""
