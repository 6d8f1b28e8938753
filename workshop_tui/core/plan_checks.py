"""Checks that a plan is kind to the people in the room: plain words and time to rest."""

import re
from dataclasses import dataclass

from workshop_tui.model import Plan

LONGEST_SENTENCE = 25  # words; plain-English guidance for groups of older people
LONGEST_STRETCH = 75  # minutes without a break


@dataclass(frozen=True)
class PlanProblem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def word_count(sentence: str) -> int:
    return len([word for word in sentence.split() if any(ch.isalnum() for ch in word)])


def _long_sentences(where: str, text: str) -> list[PlanProblem]:
    problems = []
    for sentence in sentences(text):
        words = word_count(sentence)
        if words > LONGEST_SENTENCE:
            start = " ".join(sentence.split()[:6])
            problems.append(
                PlanProblem(
                    where,
                    f'the sentence starting "{start} ..." has {words} words; '
                    f"keep sentences to {LONGEST_SENTENCE} words or fewer",
                )
            )
    return problems


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
    r"\b(" + "|".join(
        form.replace(" ", r"\s+") for word in sorted(HARD_WORDS, key=len, reverse=True) for form in _forms(word)
    ) + r")\b",
    re.IGNORECASE,
)
_PLAIN = {form: HARD_WORDS[word] for word in HARD_WORDS for form in _forms(word)}


def _hard_words(where: str, text: str) -> list[PlanProblem]:
    """Each hard word (a whole word, in any case), with the everyday word to use instead."""
    problems = []
    for match in _HARD.finditer(text):
        found = " ".join(match.group(0).split())
        kind = "phrase" if " " in found else "word"
        problems.append(PlanProblem(where, f'"{found}" is a hard {kind}; say "{_PLAIN[found.lower()]}" instead'))
    return problems


def _plain(where: str, text: str) -> list[PlanProblem]:
    return _long_sentences(where, text) + _hard_words(where, text)


def plain_english_problems(plan: Plan) -> list[PlanProblem]:
    problems = _hard_words("title", plan.title) + _plain("description", plan.description)
    for number, step in enumerate(plan.steps, start=1):
        where = f"step {number} ({step.title})"
        problems += _hard_words(f"{where}, title", step.title)
        problems += _plain(f"{where}, instructions", step.instructions)
        for p_number, prompt in enumerate(step.prompts, start=1):
            problems += _plain(f"{where}, prompt {p_number}", prompt)
    return problems


def pacing_problems(plan: Plan) -> list[PlanProblem]:
    """Stretches of more than LONGEST_STRETCH minutes with no break step."""
    problems = []
    stretch, first = 0, 1
    for number, step in enumerate(plan.steps, start=1):
        if step.kind == "break":
            stretch, first = 0, number + 1
            continue
        stretch += step.planned_minutes
        ends_stretch = number == len(plan.steps) or plan.steps[number].kind == "break"
        if ends_stretch and stretch > LONGEST_STRETCH:
            span = f"steps {first} to {number}" if first != number else f"step {number}"
            problems.append(
                PlanProblem(
                    span,
                    f"{stretch} minutes without a break; "
                    f"add a break so no stretch is longer than {LONGEST_STRETCH} minutes",
                )
            )
    return problems


def check_plan(plan: Plan) -> list[PlanProblem]:
    return plain_english_problems(plan) + pacing_problems(plan)
