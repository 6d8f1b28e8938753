"""Every form of a person's name in free text: whole, a first or a last name alone, in any case, with "@"
or "'s". Used to take names out of what a reader must not see them in (export/anonymise.py, the room's
view of the record in core/room_view.py)."""

import re

# Parts of a name that are not a name of their own: titles and initials.
NOT_NAMES = {"mr", "mrs", "ms", "miss", "mx", "dr", "st", "sir", "dame", "rev", "cllr", "the", "and", "of"}


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    """Longest first, so "Ann Jones" is replaced before "Ann" and an organisation's whole name is kept
    before a name inside it is seen; whole words only, in any case, "@" with it."""
    ordered = sorted(names, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"@?(?<!\w)(" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)", re.IGNORECASE)


def name_parts(names: dict[str, str]) -> dict[str, str]:
    """Each word of each whole name (of two letters or more, not a title), to the label of its person;
    "someone" where two people share it."""
    parts: dict[str, str] = {}
    for name, label in names.items():
        if name.lower() == label.lower():
            continue  # anonymised already ("Panel member 3", "the facilitator"): its words are no one's name
        words = re.findall(r"[^\W\d_][\w'-]*[^\W\d_]", name)
        for word in [*words, *(piece for whole in words if "-" in whole for piece in whole.split("-"))]:
            word = word.lower()
            if len(word) < 2 or word in NOT_NAMES or word == name.lower():
                continue
            parts[word] = label if parts.get(word, label) == label else "someone"
    return parts
