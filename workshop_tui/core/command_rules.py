"""`@command`: written above an engine method, it makes the method a command a window may send, and
says who may send it, what its arguments may be and how a refusal names it.

    @command(RECORDERS, AddNote, "add a note")
    def add_note(self, typed: str) -> list[Event]: ...

`core/commands.py` reads every rule from the engine (`rules_of(SessionEngine)`): the owner's list of
commands, the arguments' check and the table of who may do what (`core/roles.py`) all come from it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from workshop_tui.core.window_roles import Role
from workshop_tui.model.command_arguments import Arguments

EngineMethod = TypeVar("EngineMethod", bound=Callable[..., Any])


@dataclass(frozen=True)
class CommandRule:
    """`who` may send it. `arguments` is the model its arguments are checked against. `words` name it in
    a refusal ("Only the facilitator can finish the session."). `chairs`: a round's command, given by
    the facilitator as the chair. `shared`: the agenda, the timer and the roster, the note-taker's too
    while the facilitator shares them. `in_the_room`: never from a window in a web browser, because it
    changes what the projector in the room shows."""

    name: str
    who: frozenset[Role]
    arguments: type[Arguments]
    words: str = ""
    chairs: bool = False
    shared: bool = False
    in_the_room: bool = False


def command(
    who: frozenset[Role],
    arguments: type[Arguments],
    words: str = "",
    *,
    chairs: bool = False,
    shared: bool = False,
    in_the_room: bool = False,
) -> Callable[[EngineMethod], EngineMethod]:
    """Marks an engine method as a command, with its rule (see `CommandRule`)."""

    def mark(method: EngineMethod) -> EngineMethod:
        rule = CommandRule(method.__name__, who, arguments, words, chairs, shared, in_the_room)
        setattr(method, "command_rule", rule)  # noqa: B010  (read back by rules_of)
        return method

    return mark


def rules_of(engine: type) -> dict[str, CommandRule]:
    """Every command of an engine class (its bases' too), by name, in the order they are written."""
    found: dict[str, CommandRule] = {}
    for cls in reversed(engine.__mro__):
        for value in vars(cls).values():
            rule = getattr(value, "command_rule", None)
            if isinstance(rule, CommandRule):
                found[rule.name] = rule
    return found
