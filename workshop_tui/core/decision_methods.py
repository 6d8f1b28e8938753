"""The ways a group decides, one entry each: its words for readers, what it counts, how its counts read.

The names a file may hold are `DecisionMethod` in `model/decision.py`; everything else a way of
deciding does is its entry here. The tally, the minutes, the printed agenda and the decision form
read these entries, so a new way of deciding is its name there and its entry here."""

from collections.abc import Callable
from dataclasses import dataclass, field

from workshop_tui.core.wording import plural
from workshop_tui.model import Decision

# What a way of deciding counts. The decision form has one box of inputs for each.
NO_COUNTS = ""
VOTES = "votes"  # votes_for, votes_against, abstentions
FINGERS = "fingers"  # fingers[k]: how many showed k fingers
DOTS = "dots"  # dots per option
OBJECTIONS = "objections"
COUNTS = (NO_COUNTS, VOTES, FINGERS, DOTS, OBJECTIONS)


def _nothing(decision: Decision, present: int = 0) -> list[str]:
    return []


@dataclass(frozen=True)
class WayOfDeciding:
    """`summary` says the counts in words, for the record, and coaching for the facilitator (never
    for the minutes). `too_many` says what cannot be right when more were counted than `present`;
    `contradictions` what the counts, by this way's own rule, say against the outcome recorded."""

    name: str
    explained: str
    counts: str
    summary: Callable[[Decision], tuple[str, list[str]]]
    too_many: Callable[[Decision, int], list[str]] = field(default=_nothing)
    contradictions: Callable[[Decision], list[str]] = field(default=_nothing)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _were(present: int) -> str:
    return "was" if present == 1 else "were"


def _counted_but(counted: int, what: str, present: int, which: str = "") -> list[str]:
    return [
        f"{plural(counted, what)} {_were(counted)} counted{which}, "
        f"but only {plural(present, 'person', 'people')} {_were(present)} present."
    ]


def _under_three(fingers: list[int]) -> int:
    return sum((list(fingers) + [0] * 6)[:3])


# Consensus: no counts.


def _consensus_summary(decision: Decision) -> tuple[str, list[str]]:
    return "No counts: everyone must be able to support it.", []  # the rule, true for the record too


# Consent: objections.


def _consent_summary(decision: Decision) -> tuple[str, list[str]]:
    objections = decision.objections or 0
    if not objections:
        return "No objections were raised.", []
    noun = "objection was" if objections == 1 else "objections were"
    return f"{objections} {noun} raised.", ["Hear the objections before going on."]


def _consent_too_many(decision: Decision, present: int) -> list[str]:
    counted = decision.objections or 0
    return _counted_but(counted, "objection", present) if counted > present else []


def _consent_contradictions(decision: Decision) -> list[str]:
    if decision.outcome == "agreed" and decision.objections:
        raised = "1 objection was" if decision.objections == 1 else f"{decision.objections} objections were"
        return [f"Recorded as agreed by consent, but {raised} raised. Consent means nobody objects."]
    return []


# Majority vote: for, against, abstained.


def vote_summary(decision: Decision) -> tuple[str, list[str]]:
    votes_for = decision.votes_for or 0
    against = decision.votes_against or 0
    abstained = decision.abstentions or 0
    if votes_for > against:
        result = "more for than against"
    elif against > votes_for:
        result = "more against than for"
    else:
        result = "a tie"
    return f"{votes_for} for, {against} against, {abstained} abstained: {result}.", []


def _vote_too_many(decision: Decision, present: int) -> list[str]:
    counted = (decision.votes_for or 0) + (decision.votes_against or 0) + (decision.abstentions or 0)
    return _counted_but(counted, "vote", present, " (for, against and abstained)") if counted > present else []


def _vote_contradictions(decision: Decision) -> list[str]:
    if decision.votes_for is None and decision.votes_against is None:
        return []
    votes_for, against = decision.votes_for or 0, decision.votes_against or 0
    if decision.outcome == "agreed" and votes_for <= against:
        result = "a tie" if votes_for == against else "more against than for"
        return [
            f"Recorded as agreed, but the vote was {votes_for} for and {against} against: {result}, not a majority."
        ]
    if decision.outcome == "not agreed" and votes_for > against:
        return [f"Recorded as not agreed, but the vote was {votes_for} for and {against} against: a majority for."]
    return []


# Fist-of-five: how many showed each number of fingers.


def fingers_summary(decision: Decision) -> tuple[str, list[str]]:
    counts = (list(decision.fingers) + [0] * 6)[:6]
    if not sum(counts):
        return "No fingers counted yet.", []
    under_three = _under_three(counts)
    spread = ", ".join(f"{counts[k]} showed {k}" for k in range(6) if counts[k])
    if under_three:
        return (
            f"{spread}. Not everyone is at 3 or more.",
            [f"{_people(under_three)} showed fewer than 3 fingers: hear what would help them."],
        )
    return f"{spread}. Everyone is at 3 or more.", []


def _fingers_too_many(decision: Decision, present: int) -> list[str]:
    counted = sum(decision.fingers)
    if counted > present:
        return [f"{_people(counted)} showed fingers, but only {present} {_were(present)} present."]
    return []


def _fingers_contradictions(decision: Decision) -> list[str]:
    under_three = _under_three(decision.fingers)
    if decision.outcome == "agreed" and under_three:
        return [
            f"Recorded as agreed, but {_people(under_three)} showed fewer than 3 fingers."
            " By fist-of-five, a proposal is agreed when everyone shows 3 or more."
        ]
    return []


# Dot vote: dots per option.


def dots_summary(decision: Decision) -> tuple[str, list[str]]:
    if not decision.dots:
        return "No dots counted yet.", []
    ranked = sorted(decision.dots.items(), key=lambda item: (-item[1], item[0]))
    parts = [f"{option} {count} {'dot' if count == 1 else 'dots'}" for option, count in ranked]
    return "Most dots first: " + "; ".join(parts) + ".", []


WAYS_OF_DECIDING: dict[str, WayOfDeciding] = {
    way.name: way
    for way in [
        WayOfDeciding(
            "consensus",
            "Consensus: the group talks it through until everyone can support the decision.",
            NO_COUNTS,
            _consensus_summary,
        ),
        WayOfDeciding(
            "consent",
            "Consent: the proposal goes ahead unless someone has an objection, and objections are heard first.",
            OBJECTIONS,
            _consent_summary,
            _consent_too_many,
            _consent_contradictions,
        ),
        WayOfDeciding(
            "majority vote",
            "Majority vote: each person votes for or against, or abstains; more votes for than against means it is agreed.",
            VOTES,
            vote_summary,
            _vote_too_many,
            _vote_contradictions,
        ),
        WayOfDeciding(
            "fist-of-five",
            "Fist-of-five: each person shows 0 to 5 fingers; 3 or more means they can live with it.",
            FINGERS,
            fingers_summary,
            _fingers_too_many,
            _fingers_contradictions,
        ),
        WayOfDeciding(
            "dot vote",
            "Dot vote: each person puts a few dots on the options they like best; the most dots shows the favourite.",
            DOTS,
            dots_summary,
        ),
    ]
}


def way_of_deciding(method: str) -> WayOfDeciding:
    """The entry for a decision's method; consensus (no counts) for a name this version does not know."""
    return WAYS_OF_DECIDING.get(method, WAYS_OF_DECIDING["consensus"])


def method_explained(method: str) -> str:
    """One plain sentence on how a way of deciding works, for readers who were not in the room."""
    way = WAYS_OF_DECIDING.get(method)
    return way.explained if way else ""
