"""Replacing people's names with their role and a number ("Older person 2"), everywhere."""

from collections.abc import Callable
from typing import Any

from workshop_tui.core.name_forms import NameFinder, names_to_roles
from workshop_tui.core.name_forms import name_parts as _name_parts
from workshop_tui.model import Session
from workshop_tui.model.participant import person_labels

# Fields whose values are the app's own words or ids, never a person's text: a name part ("Round" of
# Chris Round, "Guest" of Sam Guest) must not change them, or the session would no longer be one.
_FIXED_FIELDS = {
    "id",
    "role",
    "kind",
    "status",
    "outcome",
    "method",
    "state",
    "tie_break",
    "step",
    "member",
    "application",
    "criterion",
    "person",
    "note",
    "decision",
    "action",
    "holder",
    "on",
    "command",
    "schema_version",
    "from_note",
    "dissent_by",
    "present",
    "stepped_out",
    "to",
    "after",
}


def _replace_all(value: Any, swap: Callable[[str], str], swap_key: Callable[[str], str], field: str = "") -> Any:
    """Every free text in a model_dump() swapped; a dict's keys (field names, or a count's titles) only for
    whole names; the app's own fixed words and ids never. Any: a model_dump's values are of every kind."""
    if field in _FIXED_FIELDS:
        return value
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [_replace_all(item, swap, swap_key, field) for item in value]
    if isinstance(value, dict):
        return {
            swap_key(key) if isinstance(key, str) else key: _replace_all(item, swap, swap_key, str(key))
            for key, item in value.items()
        }
    return value


def anonymise(session: Session) -> Session:
    """A copy of the session with no one's name in it: not in the roster, notes, decisions or events.

    In a session with a commissioning round, the people who score become "Panel member 3" (numbered in
    roster order) and staff keep their role ("Staff 1"). The applicants' organisation and project names
    are not people's names: they are kept whole, even where one holds a name ("St Margaret's Lunch Club").
    """
    labels = person_labels(session.participants, anonymise=True, panel=session.panel is not None)
    names = names_to_roles(session)
    forms: dict[str, str | None] = dict(names)
    whole = NameFinder(dict(forms))  # for a dict's keys: whole names only
    # Any form of a name: "Margaret pointed out", "SMITH said", "Margaret's view", "jose" for José are a
    # person too. A part two people share ("Ann" of Ann Jones and Ann Lee) says only "someone".
    for part, label in _name_parts(names).items():
        forms.setdefault(part, label)
    if session.panel is not None:
        for application in session.panel.round.applications:
            for kept in (application.organisation.strip(), application.project.strip()):
                if kept:
                    forms.setdefault(kept, None)  # None: kept as it is; a person's own name still goes
    finder = NameFinder(forms)

    def swapped(label: str | None, typed: str) -> str:
        return typed if label is None else label

    def swap(text: str) -> str:
        return finder.sub(text, swapped)

    def swap_key(text: str) -> str:
        return whole.sub(text, swapped)

    data = _without_codes(_replace_all(session.model_dump(mode="python"), swap, swap_key))
    for person in data["participants"]:
        person["name"] = labels[person["id"]]
    data["facilitator"] = "the facilitator" if session.facilitator.strip() else ""
    data["note_taker"] = "the note-taker" if session.note_taker.strip() else ""
    return Session.model_validate(data)


def names_in(text: str, names: list[str]) -> list[str]:
    """The people of `names` that `text` names in any form (whole, first or last name, any case, with 's),
    for a warning as a reason an applicant will read is typed."""
    found = []
    for name in names:
        if NameFinder(dict.fromkeys([name, *_name_parts({name: "them"})], True)).finds(text):
            found.append(name)
    return found


def without_codes(session: Session) -> Session:
    """A copy of the session without the codes that open a co-chair's or a member's window: an export
    is shared, and a code in it would let its reader join a running session as someone else."""
    return Session.model_validate(_without_codes(session.model_dump(mode="python")))


def _without_codes(data: dict[str, Any]) -> dict[str, Any]:
    data["codes"] = {}
    for event in data.get("events", []):
        if event.get("kind") == "session.code":
            event["details"] = {key: value for key, value in event["details"].items() if key != "code"}
    return data
