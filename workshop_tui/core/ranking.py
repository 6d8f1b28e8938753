"""Ranking the applications against the pot: a pure function of the agreed scores and the weights.

Each application's weighted score is the sum, over the criteria, of weight times agreed score. One
that is not yet scored on every criterion, or is below a criterion's pass mark, is listed after the
ranked ones, with the reason. Ties are broken by the round's rule; what the rule cannot separate
stays tied, and is shown so. The funding line: in rank order, each application is funded in full if
it still fits the money left; one that no longer fits is skipped, and those after it may still fit.
The panel decides; this shows what the scores and the money say.
"""

from collections import Counter
from collections.abc import Mapping
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


def weighted_score(agreed: Mapping[str, Level], criteria: list[Criterion]) -> Level | None:
    if any(criterion.id not in agreed for criterion in criteria):
        return None
    return sum(criterion.weight * agreed[criterion.id] for criterion in criteria)


def _below_pass_mark(agreed: Mapping[str, Level], criteria: list[Criterion], scale: int = 1) -> str:
    failed = [c.name for c in criteria if c.pass_mark is not None and agreed.get(c.id, c.pass_mark * scale) < c.pass_mark * scale]
    return f"below the pass mark for {', '.join(failed)}" if failed else ""


def rank(round_: Round, agreed: AgreedScores, scale: int = 1) -> list[Ranked]:
    """Every application of the round, the ranked ones first in order, then the rest.

    `scale` says the scores are whole numbers of 1/scale levels (an average of 8 members' scores
    is a whole number of 840ths), so the sums and comparisons are exact and quick.
    """
    criteria = round_.criteria
    ranked: list[tuple[Application, Level]] = []
    rest: list[Ranked] = []
    for application in round_.applications:
        scores = agreed.get(application.id, {})
        weighted = weighted_score(scores, criteria)
        why = "not scored on every criterion yet" if weighted is None else _below_pass_mark(scores, criteria, scale)
        if weighted is None or why:
            rest.append(Ranked(application, _unscaled(weighted, scale), None, False, False, 0, why))
        else:
            ranked.append((application, weighted))

    def order(item: tuple[Application, Level]) -> tuple[Level | str, ...]:
        application, weighted = item
        return (-weighted, *_tie_key(round_, agreed, application), application.id)

    ranked.sort(key=order)
    keys = [(weighted, *_tie_key(round_, agreed, application)) for application, weighted in ranked]
    sharing = Counter(keys)
    out: list[Ranked] = []
    left = round_.pot_pence
    place = 0
    previous: tuple[Level, ...] | None = None
    for position, ((application, weighted), key) in enumerate(zip(ranked, keys, strict=True), start=1):
        if key != previous:
            place = position
        previous = key
        tied = sharing[key] > 1
        fits = application.amount_pence <= left
        if fits:
            left -= application.amount_pence
        out.append(Ranked(application, _unscaled(weighted, scale), place, tied, fits, left))
    for item in sorted(rest, key=lambda r: r.application.id):
        out.append(Ranked(item.application, item.weighted, None, False, False, left, item.why_not_ranked))
    return out


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


def still_fits(ranking: list[Ranked], pot_pence: int, awarded_pence: int) -> list[Ranked]:
    """The ranked applications not yet awarded anything that would fit the money the panel has left."""
    left = pot_pence - awarded_pence
    return [r for r in ranking if r.place is not None and r.application.amount_pence <= left]
