"""What the counts taken in the room say, in plain words. Nothing here decides for the group."""

from dataclasses import dataclass, field

from workshop_tui.core.decision_methods import way_of_deciding
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


def quorum_warning(present: int, quorum: int | None) -> list[str]:
    if quorum and present < quorum:
        return [
            f"Only {plural(present, 'person', 'people')} present, but the quorum is {quorum}. The decision may not count."
        ]
    return []


def present_count(decision: Decision) -> int:
    return decision.present_count if decision.present_count is not None else len(decision.present)


def _more_than_present(decision: Decision) -> list[str]:
    """Counts that cannot be right: more votes, hands or objections than people in the room."""
    present = present_count(decision)
    if not present:
        return []  # nobody said how many were there, so there is nothing to check against
    return way_of_deciding(decision.method).too_many(decision, present)


def _contradictions(decision: Decision) -> list[str]:
    """An outcome that the counts, by the method's own rule, do not support."""
    return way_of_deciding(decision.method).contradictions(decision)


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
    summary, coaching = way_of_deciding(decision.method).summary(decision)
    if decision.made_by == "staff":
        warnings.append("Made by staff alone, not by the group.")
    return Tally(summary, warnings, coaching)
