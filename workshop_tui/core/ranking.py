"""Ranking the applications against the pot: a pure function of the agreed scores and the weights.

Each application's weighted score is the sum, over the criteria, of weight times agreed score. One
that is not yet scored on every criterion, or is below a criterion's pass mark, is listed after the
ranked ones, with the reason. Ties are broken by the round's rule; what the rule cannot separate
stays tied, and is shown so. The funding line: in rank order, each application is funded in full if
it still fits the money left; one that no longer fits is skipped, and those after it may still fit.
The panel decides; this shows what the scores and the money say.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from workshop_tui.model.round import Application, Criterion, Round

# A score for ranking: an agreed level, or before moderation the members' average (a fraction).
Level = Fraction | int
# Agreed scores: application id -> criterion id -> score.
AgreedScores = Mapping[str, Mapping[str, Level]]


@dataclass(frozen=True)
class Ranked:
    application: Application
    weighted: Level | None  # None until it is scored on every criterion
    place: int | None  # 1 is the highest; tied applications share a place; None when not ranked
    tied: bool
    fits: bool  # funded in full, in rank order, with the money left then
    left_after_pence: int  # what is left of the pot after it (unchanged if it does not fit)
    why_not_ranked: str = ""
    # How it was put before one with the same weighted score, in words: the tie-break rule, or the chair's order.
    tie_note: str = ""


def weighted_score(agreed: Mapping[str, Level], criteria: list[Criterion]) -> Level | None:
    if any(criterion.id not in agreed for criterion in criteria):
        return None
    return sum(criterion.weight * agreed[criterion.id] for criterion in criteria)


def _below_pass_mark(agreed: Mapping[str, Level], criteria: list[Criterion], scale: int = 1) -> str:
    failed = [
        c.name
        for c in criteria
        if c.pass_mark is not None and agreed.get(c.id, c.pass_mark * scale) < c.pass_mark * scale
    ]
    return f"below the pass mark for {', '.join(failed)}" if failed else ""


def rank(
    round_: Round, agreed: AgreedScores, scale: int = 1, chosen: Sequence[tuple[list[str], str]] = ()
) -> list[Ranked]:
    """Every application of the round, the ranked ones first in order, then the rest.

    `scale` says the scores are whole numbers of 1/scale levels (an average of 8 members' scores
    is a whole number of 840ths), so the sums and comparisons are exact and quick. `chosen` is the
    chair's order for applications the rule left tied, each with its reason (the latest counts).
    """
    criteria = round_.criteria
    ranked: list[tuple[Application, Level]] = []
    rest: list[Ranked] = []
    for application in round_.applications:
        if application.withdrawn:
            rest.append(Ranked(application, None, None, False, False, 0, f"withdrawn: {application.withdrawn}"))
            continue
        scores = agreed.get(application.id, {})
        weighted = weighted_score(scores, criteria)
        why = "not scored on every criterion yet" if weighted is None else _below_pass_mark(scores, criteria, scale)
        if weighted is None or why:
            rest.append(Ranked(application, _unscaled(weighted, scale), None, False, False, 0, why))
        else:
            ranked.append((application, weighted))
    names = {application.id: application.organisation for application, _ in ranked}

    def key_of(application: Application, weighted: Level) -> tuple[Level, ...]:
        return (-weighted, *_tie_key(round_, agreed, application))

    plain_keys = {application.id: key_of(application, weighted) for application, weighted in ranked}
    groups: dict[tuple[Level, ...], list[str]] = {}
    for application_id, key in plain_keys.items():
        groups.setdefault(key, []).append(application_id)
    # The chair's order counts for a tied group only if one order names every application in it (the
    # latest such): one that joins the tie later leaves the group tied again, to be ordered afresh.
    by_chair: dict[str, tuple[int, str]] = {}
    for members in (group for group in groups.values() if len(group) > 1):
        for order_, reason in reversed(chosen):
            if set(members) <= set(order_):
                by_chair.update({a: (order_.index(a), reason) for a in members})
                break

    def full_key(application: Application, weighted: Level) -> tuple[Level, ...]:
        key = plain_keys[application.id]
        if application.id in by_chair:
            return (*key, by_chair[application.id][0])
        return (*key, -1) if len(groups[key]) > 1 else key

    ranked.sort(key=lambda item: (*full_key(*item), item[0].id))
    keys = [full_key(application, weighted) for application, weighted in ranked]
    sharing = Counter(keys)
    out: list[Ranked] = []
    left = round_.pot_pence
    place = 0
    previous: tuple[Level, ...] | None = None
    before: tuple[Application, Level] | None = None
    for position, ((application, weighted), key) in enumerate(zip(ranked, keys, strict=True), start=1):
        if key != previous:
            place = position
        previous = key
        tied = sharing[key] > 1
        fits = application.amount_pence <= left
        if fits:
            left -= application.amount_pence
        note = ""
        if before is not None and before[1] == weighted and not tied:
            other = names[before[0].id]
            if plain_keys[before[0].id] == plain_keys[application.id] and application.id in by_chair:
                note = f"Same score as {other}; the chair put {other} first: {by_chair[application.id][1]}"
            else:
                note = f"Same score as {other}; {_rule_words(round_.tie_break, other)}"
        before = (application, weighted)
        out.append(Ranked(application, _unscaled(weighted, scale), place, tied, fits, left, tie_note=note))
    for item in sorted(rest, key=lambda r: r.application.id):
        out.append(Ranked(item.application, item.weighted, None, False, False, left, item.why_not_ranked))
    return out


def _rule_words(tie_break: str, first: str) -> str:
    if tie_break == "smaller amount first":
        return f"{first} asks for less, so comes first (the tie-break rule)"
    return f"{first} scored higher on the first criterion, so comes first (the tie-break rule)"


def _unscaled(weighted: Level | None, scale: int) -> Level | None:
    if weighted is None or scale == 1:
        return weighted
    value = Fraction(weighted, scale)
    return int(value) if value.denominator == 1 else value


def _tie_key(round_: Round, agreed: AgreedScores, application: Application) -> tuple[Level, ...]:
    """What separates applications with the same weighted score, as the round's rule says (smaller first)."""
    if round_.tie_break == "smaller amount first":
        return (application.amount_pence,)
    if round_.tie_break == "higher score on the first criterion":
        return (-agreed.get(application.id, {}).get(round_.criteria[0].id, 0),)
    return ()  # the panel decides: left tied
