"""Every form of a person's name in free text: whole, a first or a last name alone, in any case, with "@"
or "'s", with or without its accents, with a straight or a curly apostrophe, or none. Used to take names
out of what a reader must not see them in (export/anonymise.py, the partners' archive, the room's view
of the record in core/room_view.py).

People type "jose" for José, "Siobhan" for Siobhán, and phones put a curly apostrophe in O’Neill: text
and names are matched folded (`fold`: accents off, apostrophes and hyphens of every kind made plain, case
folded), and what is replaced is the stretch of the original text that matched.
"""

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from workshop_tui.model import Session
from workshop_tui.model.participant import person_labels

# Parts of a name that are not a name of their own: titles and initials.
NOT_NAMES = {"mr", "mrs", "ms", "miss", "mx", "dr", "st", "sir", "dame", "rev", "cllr", "the", "and", "of"}
# Apostrophes and hyphens as keyboards, phones and word processors type them.
_PLAIN = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\uff07": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2212": "-",
}

T = TypeVar("T")


def _fold_letter(letter: str) -> str:
    letter = _PLAIN.get(letter, letter)
    if letter.isascii():
        return letter.lower()
    bare = "".join(part for part in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(part))
    return bare.casefold()


def fold(text: str) -> str:
    """Text as names are matched in it: accents off, apostrophes and hyphens plain, case folded."""
    return "".join(map(_fold_letter, text))


def _folded(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its letters (and its end) where it came from in `text`."""
    letters, where = [], []
    for at, letter in enumerate(text):
        folded = _fold_letter(letter)
        letters.append(folded)
        where += [at] * len(folded)
    where.append(len(text))
    return "".join(letters), where


class NameFinder(Generic[T]):
    """Finds every form given (whole names and their parts, each with what it stands for) in text.
    Longest first, so "Ann Jones" is replaced before "Ann" and an organisation's whole name is kept
    before a name inside it is seen; whole words only, "@" with it."""

    def __init__(self, forms: Mapping[str, T]) -> None:
        self.forms: dict[str, T] = {}
        for form, value in forms.items():
            folded = fold(form).strip()
            if folded:
                self.forms.setdefault(folded, value)
        ordered = sorted(self.forms, key=len, reverse=True)
        self.pattern = (
            re.compile(r"@?(?<!\w)(" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)") if ordered else None
        )

    def sub(self, text: str, replace: Callable[[T | None, str], str]) -> str:
        """`text` with each name found replaced by `replace(what it stands for, the words as typed)`."""
        if self.pattern is None:
            return text
        folded, where = _folded(text)
        said, last = [], 0
        for found in self.pattern.finditer(folded):
            start, end = where[found.start()], where[found.end()]
            said += [text[last:start], replace(self.forms.get(found.group(1)), text[start:end])]
            last = end
        said.append(text[last:])
        return "".join(said)

    def finds(self, text: str) -> bool:
        return self.pattern is not None and self.pattern.search(fold(text)) is not None


def name_parts(names: dict[str, str]) -> dict[str, str]:
    """Each word of each whole name (of two letters or more, not a title), folded, to the label of its
    person; "someone" where two people share it. A word with an apostrophe or a hyphen also goes without
    it ("oneill" for O'Neill), as people type it."""
    parts: dict[str, str] = {}
    for name, label in names.items():
        if fold(name) == fold(label):
            continue  # anonymised already ("Panel member 3", "the facilitator"): its words are no one's name
        folded = fold(name)
        words = re.findall(r"[^\W\d_][\w'-]*[^\W\d_]", folded)
        pieces = [piece for whole in words for piece in re.split(r"['-]", whole) if piece != whole]
        joined = [re.sub(r"['-]", "", whole) for whole in words if re.search(r"['-]", whole)]
        for word in [*words, *pieces, *joined]:
            if len(word) < 2 or word in NOT_NAMES or word == folded:
                continue
            parts[word] = label if parts.get(word, label) == label else "someone"
    return parts


def names_to_roles(session: Session) -> dict[str, str]:
    """Each whole name in the session (the roster's, the facilitator's, the note-taker's) to the role it
    becomes where names are not shown: "Older person 2", "the facilitator", "the note-taker"."""
    labels = person_labels(session.participants, anonymise=True, panel=session.panel is not None)
    names = {p.name.strip(): labels[p.id] for p in session.participants if p.name.strip()}
    if session.facilitator.strip():
        names.setdefault(session.facilitator.strip(), "the facilitator")
    if session.note_taker.strip():
        names.setdefault(session.note_taker.strip(), "the note-taker")
    return names
