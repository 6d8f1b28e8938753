"""Plain English: sentences short enough to follow aloud, and everyday words instead of hard ones."""

import re
from dataclasses import dataclass

LONGEST_SENTENCE = 25  # words; plain-English guidance for groups of older people

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def word_count(sentence: str) -> int:
    return len([word for word in sentence.split() if any(ch.isalnum() for ch in word)])


def long_sentences(text: str) -> list[tuple[str, int]]:
    """Each sentence longer than LONGEST_SENTENCE words: its first six words and its length."""
    found = []
    for sentence in sentences(text):
        words = word_count(sentence)
        if words > LONGEST_SENTENCE:
            found.append((" ".join(sentence.split()[:6]), words))
    return found


# Hard words, each with the everyday word to use instead (plain-English guidance).
HARD_WORDS: dict[str, str] = {
    "utilise": "use",
    "utilize": "use",
    "facilitate": "help",
    "stakeholder": "the people involved",
    "leverage": "use",
    "synergy": "working together",
    "commence": "start",
    "endeavour": "try",
    "prior to": "before",
    "in order to": "to",
    "ascertain": "find out",
    "approximately": "about",
    "assist": "help",
    "additional": "more",
    "consequently": "so",
    "demonstrate": "show",
    "disseminate": "share",
    "implement": "carry out",
    "methodology": "method",
    "optimise": "make the most of",
    "subsequently": "later",
    "sufficient": "enough",
    "terminate": "end",
    "in the event of": "if",
    "with regard to": "about",
    "in relation to": "about",
    "pertaining to": "about",
    "notwithstanding": "even though",
    "henceforth": "from now on",
    "purchase": "buy",
    "obtain": "get",
    "initiate": "start",
    "expedite": "speed up",
    "ameliorate": "improve",
    "remuneration": "pay",
    "whilst": "while",
    "holistic": "whole",
    "going forward": "from now on",
    "deliverable": "result",
}


def _forms(word: str) -> list[str]:
    """The word and its usual endings: synergy, synergies; utilise, utilises, utilised, utilising."""
    if " " in word:
        return [word]
    if word.endswith("e"):
        return [word, word + "s", word + "d", word[:-1] + "ing"]
    if word.endswith("y"):
        return [word, word[:-1] + "ies"]
    return [word, word + "s", word + "ed", word + "ing"]


_HARD = re.compile(
    r"\b("
    + "|".join(form.replace(" ", r"\s+") for word in sorted(HARD_WORDS, key=len, reverse=True) for form in _forms(word))
    + r")\b",
    re.IGNORECASE,
)
_PLAIN = {form: HARD_WORDS[word] for word in HARD_WORDS for form in _forms(word)}


@dataclass(frozen=True)
class HardWord:
    found: str  # as written, such as "Utilised" or "prior to"
    instead: str  # the everyday word, such as "use"

    @property
    def is_phrase(self) -> bool:
        return " " in self.found


def hard_words(text: str) -> list[HardWord]:
    """Each hard word or phrase in `text` (whole words, any case), with the everyday word to use instead."""
    found = []
    for match in _HARD.finditer(text):
        words = " ".join(match.group(0).split())
        found.append(HardWord(words, _PLAIN[words.lower()]))
    return found
