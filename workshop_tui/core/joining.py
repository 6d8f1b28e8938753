"""Who a window is: the role and the person a window joins a session as, from the name and code it gives.

Decided in one place, by the owner of the session as each window says hello (and, first, by `join`
itself, so a refusal is said before any screen opens):

- the audience's window (`show`) needs nothing, and changes nothing;
- the facilitator's own computer (it can read the facilitator's key) joins as the facilitator;
- the facilitator's code opens a co-chair's window: a facilitator's, under the name given;
- a panel member's own code opens that member's window, under that member's name, whatever was typed;
- otherwise the name must be the session's note-taker (`run --note-taker`) or a person on the roster who
  is not a scoring member of an open panel (their window needs their code); a close miss is offered
  ("Did you mean Margaret Smith?");
- a name not on the roster opens a guest's window while the facilitator lets guests in, and is
  refused otherwise.

    who_joins(session, "note-taker", "margaret smith")  -> Joiner("note-taker", "Margaret Smith")
"""

import difflib
import hmac
import secrets
from dataclasses import dataclass

from workshop_tui.core.panel_views import members
from workshop_tui.core.record_commands import squashed
from workshop_tui.core.window_roles import Role
from workshop_tui.model import Session

FACILITATOR_CODE = "facilitator"  # the key of the facilitator's code in Session.codes (the others are person ids)
# Letters and digits that cannot be mistaken for each other when read aloud or off a card (no 0/O, 1/I/L).
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6  # 31**6, about 900 million: guessing one over a socket or a page is refused long before


class NotWelcome(Exception):
    """A window that cannot join as it asked: the sentence says why and what to do."""


@dataclass(frozen=True)
class Joiner:
    role: Role
    name: str

    @property
    def window(self) -> str:
        """The window's label, kept with each event it makes ("member: Margaret Smith")."""
        return f"{self.role}: {self.name}" if self.name else self.role


def code_holder(session: Session, code: str) -> str | None:
    """Whose code `code` is: FACILITATOR_CODE, a person's id, or None. Compared in constant time."""
    typed = normal_code(code).encode()
    found = None
    for holder, known in session.codes.items():
        if hmac.compare_digest(typed, known.encode()):
            found = holder
    return found


def without_codes_yet(session: Session) -> list[str]:
    """Who should have a code and has none yet: the co-chair (FACILITATOR_CODE), and each panel member once
    the round is open."""
    holders = [FACILITATOR_CODE] + ([person.id for person in members(session)] if session.panel is not None else [])
    return [holder for holder in holders if holder not in session.codes]


def new_code(taken: set[str]) -> str:
    """A new code, unlike any in `taken`."""
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def spaced(code: str) -> str:
    """A code as shown and printed, in two halves to read out: "KX7 4MP"."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


def normal_code(code: str) -> str:
    """A code as typed, the way it is kept: capitals, no spaces or dashes (people read them out in pairs)."""
    return "".join(code.split()).replace("-", "").upper()


def who_joins(
    session: Session, asked: Role, name: str = "", code: str = "", has_key: bool = False, suggest: bool = True
) -> Joiner:
    """The role and person of a window that asks to join as `asked`, giving `name` and perhaps `code`.
    Raises NotWelcome with the sentence to show. `suggest`: a close miss may name a person on the roster
    (not to a stranger's browser, which could learn the roster's names that way)."""
    name = " ".join(name.split())
    if asked == "audience":
        return Joiner("audience", "")
    if code.strip():
        return _by_code(session, name, code)
    if asked == "facilitator":
        if has_key:
            return Joiner("facilitator", name)
        raise NotWelcome(
            "Only the facilitator's own computer, or a window given the facilitator's code, "
            "can join as the facilitator."
        )
    if asked == "member":
        raise NotWelcome("A panel member's window needs that member's own code. The chair has it.")
    joiner = _by_name(session, name, suggest)
    if asked == "guest":
        return Joiner("guest", joiner.name)  # a window that asks for fewer rights is believed
    return joiner


def _by_code(session: Session, name: str, code: str) -> Joiner:
    holder = code_holder(session, code)
    if holder is None:
        raise NotWelcome("That code is not right. Check it with the chair or the facilitator.")
    if holder == FACILITATOR_CODE:
        if not name:
            raise NotWelcome("Say your name too, so the record says who did what.")
        return Joiner("facilitator", name)
    person = next((p for p in session.participants if p.id == holder), None)
    if person is None:
        raise NotWelcome("That code is not right. Check it with the chair or the facilitator.")
    return Joiner("member", person.name or holder)


def _by_name(session: Session, name: str, suggest: bool = True) -> Joiner:
    if not name:
        raise NotWelcome("Say who you are: your name as it is on the roster.")
    person = next((p for p in session.participants if p.name and squashed(p.name) == squashed(name)), None)
    if person is not None:
        if session.plan.panel is not None and person in members(session):
            # In a panel's session, from the start (before the round opens too): a member acts only by their code.
            raise NotWelcome(
                f"{person.name} is on the panel. A panel member's window needs their own code, which the chair has."
            )
        return Joiner("note-taker", person.name)
    if session.note_taker and squashed(session.note_taker) == squashed(name):
        return Joiner("note-taker", session.note_taker)  # named as the note-taker when the session began
    if session.guests_allowed:
        return Joiner("guest", name)
    known = [p.name for p in session.participants if p.name] + ([session.note_taker] if session.note_taker else [])
    close = (
        []
        if not suggest
        else difflib.get_close_matches(name.lower(), [known_name.lower() for known_name in known], n=1, cutoff=0.6)
    )
    if close:
        match = next(known_name for known_name in known if known_name.lower() == close[0])
        raise NotWelcome(f"No one called {name} is on the roster. Did you mean {match}?")
    raise NotWelcome(f"No one called {name} is on the roster. Ask the facilitator to add you, or to let guests join.")
