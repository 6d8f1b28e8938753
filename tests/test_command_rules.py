"""`@command` beside each engine method is the one source: the owner's list, the arguments and who may."""

from workshop_tui.core.command_rules import command, rules_of
from workshop_tui.core.commands import ARGUMENTS, COMMAND_RULES
from workshop_tui.core.roles import MAY, may, refusal
from workshop_tui.core.session_engine import SessionEngine
from workshop_tui.core.window_roles import FACILITATOR
from workshop_tui.model import Event
from workshop_tui.model.command_arguments import NoArguments
from workshop_tui.store.open_session import COMMANDS


def test_the_owner_the_arguments_and_the_roles_table_read_the_same_commands() -> None:
    assert set(COMMANDS) == set(COMMAND_RULES) == set(ARGUMENTS) == set(MAY) - {"import", "export"}
    for name, rule in COMMAND_RULES.items():
        assert callable(getattr(SessionEngine, name))
        assert MAY[name] == rule.who


def test_a_command_is_its_method_and_its_rule() -> None:
    class Engine(SessionEngine):
        @command(FACILITATOR, NoArguments, "ring the bell")
        def ring_bell(self) -> list[Event]:
            return []

    rules = rules_of(Engine)
    assert set(rules) == set(COMMAND_RULES) | {"ring_bell"}
    assert rules["ring_bell"].words == "ring the bell" and rules["ring_bell"].arguments is NoArguments


def test_the_rules_say_who_may_as_the_table_always_has() -> None:
    assert may("note-taker", "next_step", agenda_shared=True) and not may("note-taker", "next_step")
    assert refusal("note-taker", "finish") == "Only the facilitator can finish the session."
    assert refusal("facilitator", "room_record", in_browser=True).startswith("What the projector shows")
    assert refusal("guest", "reveal_scores") == "Only the chair can reveal the scores."
