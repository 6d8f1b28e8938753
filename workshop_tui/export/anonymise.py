"""Replacing people's names with their role and a number ("Older person 2"), everywhere."""

import re
from collections.abc import Callable
from typing import Any

from workshop_tui.model import Session
from workshop_tui.model.participant import person_labels


def _replace_all(value: Any, swap: Callable[[str], str]) -> Any:
    # Any: this walks a model_dump(), whose values are of every kind.
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [_replace_all(item, swap) for item in value]
    if isinstance(value, dict):
        return {swap(key) if isinstance(key, str) else key: _replace_all(item, swap) for key, item in value.items()}
    return value


def anonymise(session: Session) -> Session:
    """A copy of the session with no one's name in it: not in the roster, notes, decisions or events."""
    labels = person_labels(session.participants, anonymise=True)
    names = {p.name.strip(): labels[p.id] for p in session.participants if p.name.strip()}
    if session.facilitator.strip():
        names.setdefault(session.facilitator.strip(), "the facilitator")
    if session.note_taker.strip():
        names.setdefault(session.note_taker.strip(), "the note-taker")
    # Longest names first, so "Ann Jones" is replaced before "Ann"; whole words only.
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"@?\b(" + "|".join(re.escape(n) for n in ordered) + r")\b", re.IGNORECASE) if ordered else None
    lowered = {name.lower(): label for name, label in names.items()}

    def swap(text: str) -> str:
        if pattern is None:
            return text
        return pattern.sub(lambda found: lowered[found.group(1).lower()], text)

    data = _replace_all(session.model_dump(mode="python"), swap)
    for person in data["participants"]:
        person["name"] = labels[person["id"]]
    data["facilitator"] = "the facilitator" if session.facilitator.strip() else ""
    data["note_taker"] = "the note-taker" if session.note_taker.strip() else ""
    return Session.model_validate(data)
