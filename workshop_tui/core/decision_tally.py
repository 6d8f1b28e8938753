"""What the counts taken in the room say, in plain words. Nothing here decides for the group."""

from dataclasses import dataclass, field

from workshop_tui.core.wording import plural
from workshop_tui.model import Decision


@dataclass(frozen=True)
class Tally:
    """Two kinds of text, kept apart. `summary` and `facts` are for the record: the minutes print them
    for the group and the funder. `coaching` is advice to the facilitator, for the live screen only."""

    summary: str
    facts: list[str]
    coaching: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """What the live screen shows under the counts: the coaching first, then the facts."""
        return self.coaching + self.facts


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def vote_summary(decision: Decision) -> str:
    votes_for = decision.votes_for or 0
    against = decision.votes_against or 0
    abstained = decision.abstentions or 0
    if votes_for > against:
        result = "more for than against"
    elif against > votes_for:
        result = "more against than for"
    else:
        result = "a tie"
    return f"{votes_for} for, {against} against, {abstained} abstained: {result}."


def fingers_summary(fingers: list[int]) -> tuple[str, list[str]]:
    """The spread of fingers in words, and coaching for the facilitator (never for the minutes)."""
    counts = (list(fingers) + [0] * 6)[:6]
    shown = sum(counts)
    if not shown:
        return "No fingers counted yet.", []
    under_three = sum(counts[:3])
    spread = ", ".join(f"{counts[k]} showed {k}" for k in range(6) if counts[k])
    if under_three:
        return (
            f"{spread}. Not everyone is at 3 or more.",
            [f"{_people(under_three)} showed fewer than 3 fingers: hear what would help them."],
        )
    return f"{spread}. Everyone is at 3 or more.", []


def dots_summary(dots: dict[str, int]) -> str:
    if not dots:
        return "No dots counted yet."
    ranked = sorted(dots.items(), key=lambda item: (-item[1], item[0]))
    parts = [f"{option} {count} {'dot' if count == 1 else 'dots'}" for option, count in ranked]
    return "Most dots first: " + "; ".join(parts) + "."


def quorum_warning(present: int, quorum: int | None) -> list[str]:
    if quorum and present < quorum:
        return [f"Only {_people(present)} present, but the quorum is {quorum}. The decision may not count."]
    return []


def present_count(decision: Decision) -> int:
    return decision.present_count if decision.present_count is not None else len(decision.present)


def _more_than_present(decision: Decision) -> list[str]:
    """Counts that cannot be right: more votes, hands or objections than people in the room."""
    present = present_count(decision)
    if not present:
        return []  # nobody said how many were there, so there is nothing to check against
    were = "was" if present == 1 else "were"
    if decision.method == "majority vote":
        counted = (decision.votes_for or 0) + (decision.votes_against or 0) + (decision.abstentions or 0)
        if counted > present:
            return [
                f"{plural(counted, 'vote')} {'was' if counted == 1 else 'were'} counted (for, against and abstained), "
                f"but only {plural(present, 'person', 'people')} {were} present."
            ]
    elif decision.method == "fist-of-five":
        counted = sum(decision.fingers)
        if counted > present:
            return [f"{_people(counted)} showed fingers, but only {present} {were} present."]
    elif decision.method == "consent":
        counted = decision.objections or 0
        if counted > present:
            return [
                f"{plural(counted, 'objection')} {'was' if counted == 1 else 'were'} counted, "
                f"but only {plural(present, 'person', 'people')} {were} present."
            ]
    return []


def _contradictions(decision: Decision) -> list[str]:
    """An outcome that the counts, by the method's own rule, do not support."""
    if decision.method == "consent" and decision.outcome == "agreed" and decision.objections:
        raised = "1 objection was" if decision.objections == 1 else f"{decision.objections} objections were"
        return [f"Recorded as agreed by consent, but {raised} raised. Consent means nobody objects."]
    if decision.method == "fist-of-five" and decision.outcome == "agreed":
        under_three = sum((list(decision.fingers) + [0] * 6)[:3])
        if under_three:
            return [
                f"Recorded as agreed, but {_people(under_three)} showed fewer than 3 fingers."
                " By fist-of-five, a proposal is agreed when everyone shows 3 or more."
            ]
    if decision.method == "majority vote" and (decision.votes_for is not None or decision.votes_against is not None):
        votes_for, against = decision.votes_for or 0, decision.votes_against or 0
        if decision.outcome == "agreed" and votes_for <= against:
            result = "a tie" if votes_for == against else "more against than for"
            return [
                f"Recorded as agreed, but the vote was {votes_for} for and {against} against: {result}, not a majority."
            ]
        if decision.outcome == "not agreed" and votes_for > against:
            return [f"Recorded as not agreed, but the vote was {votes_for} for and {against} against: a majority for."]
    return []


def _dissent_not_present(decision: Decision) -> list[str]:
    if decision.dissent_by and decision.present and decision.dissent_by not in decision.present:
        return ["The person recorded as dissenting is not ticked as present."]
    return []


def check_decision(decision: Decision, quorum: int | None = None) -> list[str]:
    """What does not add up in a decision as typed in: the quorum, counts larger than the room,
    and an outcome its own counts do not support. Plain facts, kept with the decision."""
    return [
        *quorum_warning(present_count(decision), quorum),
        *_more_than_present(decision),
        *_contradictions(decision),
        *_dissent_not_present(decision),
    ]


def tally(decision: Decision, quorum: int | None = None) -> Tally:
    """A summary of the counts, and any warnings, for the facilitator to read out.

    The warnings kept with the decision when it was recorded come first, then any the counts
    show now that are not among them."""
    kept = list(decision.warnings)
    warnings = kept + [warning for warning in check_decision(decision, quorum) if warning not in kept]
    coaching: list[str] = []
    if decision.method == "majority vote":
        summary = vote_summary(decision)
    elif decision.method == "fist-of-five":
        summary, coaching = fingers_summary(decision.fingers)
    elif decision.method == "dot vote":
        summary = dots_summary(decision.dots)
    elif decision.method == "consent":
        objections = decision.objections or 0
        noun = "objection was" if objections == 1 else "objections were"
        summary = "No objections were raised." if not objections else f"{objections} {noun} raised."
        if objections:
            coaching = ["Hear the objections before going on."]
    else:
        summary = "No counts: everyone must be able to support it."  # the rule, true for the record too
    if decision.made_by == "staff":
        warnings.append("Made by staff alone, not by the group.")
    return Tally(summary, warnings, coaching)
