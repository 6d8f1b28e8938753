"""Every kind of event, named once: how it changes a session, its words, and what it redraws.

A kind is a member of `Kind` (core/event_rule.py). The rule for each kind is registered beside the
code that applies it (session_events.py, record_events.py, panel_events.py) with `@rule(...)`; this
file imports those three, so every rule is in `RULES` before anything asks. Applying and the live
screen's redraws are read from `RULES`; the replay names who or what each event was about with
core/event_words.py, which keeps a rule's words for a kind with nothing to name.
"""

from collections.abc import Iterable

from workshop_tui.core import panel_events, record_events, session_events
from workshop_tui.core.event_rule import RULES, Apply, Area, EventRule, Kind, rule
from workshop_tui.model import Event, Session

__all__ = [
    "RULES",
    "Apply",
    "Area",
    "EventRule",
    "Kind",
    "apply_event",
    "event_words",
    "redraws",
    "rule",
    "rule_of",
    "settles",
]

_RULES_FROM = (session_events, record_events, panel_events)  # each registers its rules as it is imported


def rule_of(kind: str) -> EventRule | None:
    """The rule for `kind`, or None for a kind this version does not know (it is kept, not applied)."""
    return RULES.get(kind)


def apply_event(session: Session, event: Event) -> None:
    """Change `session` as `event` says. Events this version does not know are kept, not applied."""
    found = rule_of(event.kind)
    if found is not None:
        found.apply(session, event)


def event_words(kind: str) -> str:
    found = rule_of(kind)
    return found.words if found else kind


def redraws(events: Iterable[Event]) -> Area:
    """Everything that `events` may have changed on screen."""
    area = Area.NOTHING
    for event in events:
        found = rule_of(event.kind)
        area |= found.redraws if found else Area.ALL
    return area


def settles(events: Iterable[Event]) -> bool:
    return any((found := rule_of(event.kind)) is not None and found.settles for event in events)
