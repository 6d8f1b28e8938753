"""Checks that a plan is kind to the people in the room: plain words, time to rest, and clear ways to decide.

Each finding names the step and the field, says why it matters to the people in the room, and what
to do. The editor shows them as the plan changes; `workshop-tui check` prints them.
"""

import re
from dataclasses import dataclass

from workshop_tui.core.plain_english import LONGEST_SENTENCE, hard_words, long_sentences
from workshop_tui.core.wording import length_in_words, minutes_in_words
from workshop_tui.model import Plan, Step
from workshop_tui.model.decision import DECISION_METHODS

LONGEST_STRETCH = 75  # minutes without a break
SHORTEST_BREAK = 10  # minutes: time to reach the toilets and get a drink without rushing
NEEDS_A_BREAK = 60  # minutes: a plan longer than this needs a proper break
SHORTEST_ARRIVAL = 10  # minutes to arrive and settle, in a plan of an hour or more
# Words that show a first step gives people time to arrive: a welcome, drinks, the housekeeping.
ARRIVAL_WORDS = re.compile(
    r"\b(arriv(e|es|ed|ing|al)|welcome|settle|settling|check-in|check in|drinks?|tea|coffee|housekeeping)\b",
    re.IGNORECASE,
)

PLAIN_ENGLISH, PACING, THE_ROOM = "plain English", "pacing", "the room"

_WHY_SHORT = "Long sentences are hard to follow when they are read aloud or shown on a slide."
_WHY_PLAIN = "Everyday words let everyone follow, whatever their background or first language."
_WHY_REST = "People need to rest, have a drink and use the toilets. Many older people find it hard to sit for long."
_WHY_BREAK = "Ten minutes lets everyone reach the toilets and get a drink without rushing."
_WHY_ARRIVE = (
    "Older people may need time to arrive, find a seat, hear the housekeeping and settle before the work starts."
)
_WHY_SLOT = "Running late means people miss a bus or a lift home, or the room is needed by someone else."
_WHY_DECIDE = "People take part more fully when they know beforehand how the group will decide."
_WHY_SCORE = "Scores only mean something against criteria the panel has agreed and can see."


@dataclass(frozen=True)
class Finding:
    """Something in a plan to look at: where, what, why it matters in the room, and what to do."""

    where: str  # 'step 4 (What co-production means), instructions', or 'the plan, time slot'
    what: str
    why: str
    todo: str
    check: str  # PLAIN_ENGLISH, PACING or THE_ROOM
    step: int | None = None  # its number, counting from 1; None for the plan as a whole
    field: str = ""  # "title", "instructions", "prompts", "minutes", "kind", "decides_by", "description", ...

    def __str__(self) -> str:
        return f"{self.where}: {self.what}. {self.why} {self.todo}"

    @property
    def advice(self) -> str:
        """What it is and what to do, without the place: for the editor, which shows the place beside it."""
        return f"{self.what[:1].upper()}{self.what[1:]}. {self.todo}"


def step_place(number: int, step: Step) -> str:
    return f"step {number} ({step.title})"


def _in_plain_english(where: str, text: str, check_sentences: bool, step: int | None, field: str) -> list[Finding]:
    found = []
    if check_sentences:
        for start, words in long_sentences(text):
            found.append(
                Finding(
                    where,
                    f'the sentence starting "{start} ..." has {words} words',
                    _WHY_SHORT,
                    f"Split it into sentences of {LONGEST_SENTENCE} words or fewer.",
                    PLAIN_ENGLISH,
                    step,
                    field,
                )
            )
    for hard in hard_words(text):
        kind = "phrase" if hard.is_phrase else "word"
        found.append(
            Finding(
                where,
                f'"{hard.found}" is a hard {kind}',
                _WHY_PLAIN,
                f'Say "{hard.instead}" instead.',
                PLAIN_ENGLISH,
                step,
                field,
            )
        )
    return found


def plain_english_findings(plan: Plan) -> list[Finding]:
    found = _in_plain_english("title", plan.title, False, None, "title")
    found += _in_plain_english("description", plan.description, True, None, "description")
    for number, step in enumerate(plan.steps, start=1):
        where = step_place(number, step)
        found += _in_plain_english(f"{where}, title", step.title, False, number, "title")
        found += _in_plain_english(f"{where}, instructions", step.instructions, True, number, "instructions")
        for p_number, prompt in enumerate(step.prompts, start=1):
            found += _in_plain_english(f"{where}, prompt {p_number}", prompt, True, number, "prompts")
    return found


def _gives_time_to_arrive(step: Step) -> bool:
    words = f"{step.title} {step.instructions}"
    return step.kind in ("activity", "discussion", "break") and ARRIVAL_WORDS.search(words) is not None


def _arrival(plan: Plan) -> list[Finding]:
    """A plan of an hour or more starts with time to arrive and settle."""
    if plan.planned_minutes < NEEDS_A_BREAK:
        return []
    first = plan.steps[0]
    todo = f"Start with a welcome of at least {SHORTEST_ARRIVAL} minutes: drinks, the toilets and exits, and the plan for the day."
    if not _gives_time_to_arrive(first):
        return [
            Finding(
                f"{step_place(1, first)}, title",
                "the plan starts straight away, with no time to arrive and settle",
                _WHY_ARRIVE,
                todo,
                PACING,
                1,
                "title",
            )
        ]
    if first.planned_minutes < SHORTEST_ARRIVAL:
        return [
            Finding(
                f"{step_place(1, first)}, minutes",
                f"it gives only {minutes_in_words(first.planned_minutes)} to arrive and settle",
                _WHY_ARRIVE,
                todo,
                PACING,
                1,
                "minutes",
            )
        ]
    return []


def _breaks(plan: Plan) -> list[Finding]:
    """A plan longer than an hour has a break of at least ten minutes, and no stretch longer than 75 minutes."""
    total = plan.planned_minutes
    if total <= NEEDS_A_BREAK:
        return []
    found = []
    breaks = [number for number, step in enumerate(plan.steps, start=1) if step.kind == "break"]
    if not breaks:
        return [
            Finding(
                "the plan, breaks",
                f"there is no break in {length_in_words(total)}",
                _WHY_REST,
                f"Add a break of at least {SHORTEST_BREAK} minutes, about halfway.",
                PACING,
                None,
                "steps",
            )
        ]
    for number in breaks:
        step = plan.steps[number - 1]
        if step.planned_minutes < SHORTEST_BREAK:
            found.append(
                Finding(
                    f"{step_place(number, step)}, minutes",
                    f"this break is only {minutes_in_words(step.planned_minutes)}",
                    _WHY_BREAK,
                    f"Make it at least {SHORTEST_BREAK} minutes.",
                    PACING,
                    number,
                    "minutes",
                )
            )
    return found + _stretches(plan)


def _stretches(plan: Plan) -> list[Finding]:
    """Stretches of more than LONGEST_STRETCH minutes with no break step."""
    found = []
    stretch, first = 0, 1
    for number, step in enumerate(plan.steps, start=1):
        if step.kind == "break":
            stretch, first = 0, number + 1
            continue
        stretch += step.planned_minutes
        ends_stretch = number == len(plan.steps) or plan.steps[number].kind == "break"
        if ends_stretch and stretch > LONGEST_STRETCH:
            span = f"steps {first} to {number}" if first != number else f"step {number}"
            found.append(
                Finding(
                    span,
                    f"{stretch} minutes without a break",
                    _WHY_REST,
                    f"Add a break so no stretch is longer than {LONGEST_STRETCH} minutes.",
                    PACING,
                    first,
                    "minutes",
                )
            )
    return found


def _slot(plan: Plan) -> list[Finding]:
    slot = plan.slot_minutes
    if slot is None or plan.starts_at is None or plan.ends_by is None or plan.planned_minutes <= slot:
        return []
    over = plan.planned_minutes - slot
    times = f"{plan.starts_at:%H:%M} to {plan.ends_by:%H:%M}"
    return [
        Finding(
            "the plan, time slot",
            f"the steps add up to {length_in_words(plan.planned_minutes)}, {minutes_in_words(over)} more than the slot ({times})",
            _WHY_SLOT,
            f"Take {minutes_in_words(over)} off some steps, or make the slot longer.",
            PACING,
            None,
            "ends_by",
        )
    ]


def pacing_findings(plan: Plan) -> list[Finding]:
    return _arrival(plan) + _breaks(plan) + _slot(plan)


def room_findings(plan: Plan) -> list[Finding]:
    """A decision step says how the group decides; a scoring step belongs to a panel plan."""
    found = []
    ways = ", ".join(DECISION_METHODS[:-1]) + f" or {DECISION_METHODS[-1]}"
    for number, step in enumerate(plan.steps, start=1):
        if step.kind == "decision" and step.decides_by is None:
            found.append(
                Finding(
                    f"{step_place(number, step)}, how the group decides",
                    "this decision step does not say how the group decides",
                    _WHY_DECIDE,
                    f"Choose one: {ways}.",
                    THE_ROOM,
                    number,
                    "decides_by",
                )
            )
        if step.kind == "scoring" and plan.panel is None:
            found.append(
                Finding(
                    f"{step_place(number, step)}, kind",
                    "this is a scoring step, but the plan has no panel criteria",
                    _WHY_SCORE,
                    "Make it another kind of step, or start from a panel plan that sets the criteria.",
                    THE_ROOM,
                    number,
                    "kind",
                )
            )
    return found


def check_plan(plan: Plan) -> list[Finding]:
    """Every finding, in the order a person reads the plan: the plan as a whole first, then step by step."""
    found = plain_english_findings(plan) + pacing_findings(plan) + room_findings(plan)
    return sorted(found, key=lambda finding: 0 if finding.step is None else finding.step)
