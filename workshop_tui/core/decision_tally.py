"""What the counts taken in the room say, in plain words. Nothing here decides for the group."""

from dataclasses import dataclass

from workshop_tui.model import Decision


@dataclass(frozen=True)
class Tally:
    summary: str
    warnings: list[str]


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


def tally(decision: Decision, quorum: int | None = None) -> Tally:
    """A summary of the counts, and any warnings, for the facilitator to read out."""
    present = decision.present_count if decision.present_count is not None else len(decision.present)
    warnings = quorum_warning(present, quorum)
    if decision.method == "majority vote":
        summary = vote_summary(decision)
    elif decision.method == "fist-of-five":
        summary, more = fingers_summary(decision.fingers)
        warnings = more + warnings
    elif decision.method == "dot vote":
        summary = dots_summary(decision.dots)
    elif decision.method == "consent":
        objections = decision.objections or 0
        noun = "objection was" if objections == 1 else "objections were"
        summary = "No objections were raised." if not objections else f"{objections} {noun} raised: hear them before going on."
    else:
        summary = "Consensus: check that everyone can support it."
    if decision.made_by == "staff":
        warnings.append("Made by staff alone, not by the group.")
    return Tally(summary, warnings)
