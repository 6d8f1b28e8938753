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


def plain_english_problems(plan: Plan) -> list[PlanProblem]:
    problems = _long_sentences("description", plan.description)
    for number, step in enumerate(plan.steps, start=1):
        where = f"step {number} ({step.title})"
        problems += _long_sentences(f"{where}, instructions", step.instructions)
        for p_number, prompt in enumerate(step.prompts, start=1):
            problems += _long_sentences(f"{where}, prompt {p_number}", prompt)
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
