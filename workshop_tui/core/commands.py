"""Every command a session takes, read from the engine's `@command` rules: the one list the owner
checks a command's name, its arguments and its window's role against (`core/roles.py` reads it too).

    checked_arguments("add_minutes", {"minutes": 5})      -> {"minutes": 5}
    checked_arguments("finish_everything", {})            -> ArgumentProblem("'finish_everything' is not ...")
"""

from typing import Any, Final

from workshop_tui.core.command_rules import CommandRule, rules_of
from workshop_tui.core.session_engine import SessionEngine
from workshop_tui.model.command_arguments import ArgumentProblem, Arguments, checked_against

COMMAND_RULES: Final[dict[str, CommandRule]] = rules_of(SessionEngine)

# What each command may be given, by name.
ARGUMENTS: Final[dict[str, type[Arguments]]] = {name: rule.arguments for name, rule in COMMAND_RULES.items()}


def checked_arguments(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """`args` for the command `name`, checked; only those given, so the engine's defaults stand.
    Raises ArgumentProblem with one sentence for the user."""
    rule = COMMAND_RULES.get(name)
    if rule is None:
        raise ArgumentProblem(f"'{name}' is not something a session can do.")
    return checked_against(rule.arguments, args)
