"""What a panel's screens and reports read: members, sheets, spreads, the ranking so far, money left.

All pure functions of a session. Before the agreed scores are in, the ranking uses the members'
average for each criterion ("so far"); an agreed score, once recorded, replaces the average.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import gcd
from statistics import median

from workshop_tui.core.panel_events import (
    ApplicationAdded,
    AwardMade,
    DeclarationMade,
    ScoreAgreed,
    ScoreChanged,
    ScoreEntered,
    find_agreed,
)
from workshop_tui.core.ranking import Ranked, rank
from workshop_tui.core.record_commands import squashed
from workshop_tui.model import Participant, Session
from workshop_tui.model.event import Detail
from workshop_tui.model.panel import SCORING_ROLES, Award, Panel, Score
from workshop_tui.model.participant import person_labels
from workshop_tui.model.round import Application, pounds

# Members whose scores for one criterion are this many levels apart or more are asked to talk it through.
SPREAD_TO_FLAG = 2
# The reason the panel screen's "agree the close ones" key records: not the panel's own words, so a
# letter to the applicant leaves it out.
CLOSE_SCORES_REASON = "Members were within one level of each other."
# Applications this many places either side of the funding line are "near the line".
NEAR_THE_LINE = 2


def members(session: Session) -> list[Participant]:
    """The people who score: panel members, not staff, facilitators or guests."""
    return [p for p in session.participants if p.role in SCORING_ROLES]


def member_of_window(session: Session, window: str) -> Participant | None:
    """The panel member whose own window this is ("member: Margaret Smith", opened with Margaret's code).

    That window does only that member's part: the engine refuses the rest from it, and its screen
    shows only that member's sheet. The note-taker's window copies every member's paper sheet.
    """
    role, _, name = window.partition(": ")
    if role != "member" or not name.strip():
        return None
    # By name, or by id for a member with no name on the roster ("member: p3").
    found = [
        p
        for p in members(session)
        if (p.name and squashed(p.name) == squashed(name)) or (not p.name and p.id == name.strip())
    ]
    return found[0] if len(found) == 1 else None


def typed_by_member_themselves(session: Session, score: Score) -> bool:
    """Whether the member whose score this is typed it in their own window (not the chair, not a copier)."""
    own = member_of_window(session, score.window)
    return own is not None and own.id == score.member


def non_scoring(session: Session) -> list[Participant]:
    return [p for p in session.participants if p.role not in SCORING_ROLES]


def counted_scores(panel: Panel, application: str, criterion: str) -> list[Score]:
    """The scores that count for one criterion of one application: entered, not withdrawn."""
    return [
        s for s in panel.scores if s.application == application and s.criterion == criterion and s.withdrawn_at is None
    ]


def levels(panel: Panel, application: str, criterion: str) -> list[int]:
    return [s.level for s in counted_scores(panel, application, criterion) if s.level is not None]


@dataclass(frozen=True)
class Spread:
    lowest: int
    highest: int

    @property
    def flagged(self) -> bool:
        return self.highest - self.lowest >= SPREAD_TO_FLAG

    @property
    def words(self) -> str:
        return f"{self.lowest} to {self.highest}" if self.highest != self.lowest else f"all {self.lowest}"


def spread(panel: Panel, application: str, criterion: str) -> Spread | None:
    found = levels(panel, application, criterion)
    return Spread(min(found), max(found)) if found else None


def suggested_level(panel: Panel, application: str, criterion: str) -> int | None:
    """The middle of the members' scores, rounded half up: a starting point the panel may change."""
    found = levels(panel, application, criterion)
    if not found:
        return None
    return int(Fraction(median(found)) + Fraction(1, 2))


def scaled_scores_so_far(panel: Panel) -> tuple[dict[str, dict[str, int]], int]:
    """Per application and criterion: the agreed score where there is one, else the members' average.

    As whole numbers of 1/scale levels, with scale the least common multiple of how many members
    scored each cell (840 for up to 8), so ranking adds and compares whole numbers, exactly.
    """
    cells = panel.totals
    scale = 1
    for count in {count for _, count in cells.values()}:
        scale = scale * count // gcd(scale, count)
    out: dict[str, dict[str, int]] = {}
    for (application, criterion), (total, count) in cells.items():
        out.setdefault(application, {})[criterion] = total * (scale // count)
    for agreed in panel.agreed:
        out.setdefault(agreed.application, {})[agreed.criterion] = agreed.level * scale
    return out, scale


def scores_so_far(panel: Panel) -> dict[str, dict[str, Fraction | int]]:
    """As scaled_scores_so_far, in levels: a fraction where it is an average."""
    scaled, scale = scaled_scores_so_far(panel)
    return {
        application: {criterion: Fraction(value, scale) for criterion, value in row.items()}
        for application, row in scaled.items()
    }


def ranking(panel: Panel, chair_orders: bool = True) -> list[Ranked]:
    """The ranking so far; without `chair_orders`, as the tie-break rule alone leaves it."""
    scaled, scale = scaled_scores_so_far(panel)
    orders = [(order.applications, order.reason) for order in panel.tie_orders] if chair_orders else []
    return rank(panel.round, scaled, scale, orders)


def agreed_in_full(panel: Panel, application: str) -> bool:
    return all(find_agreed(panel, application, c.id) is not None for c in panel.round.criteria)


def award_of(panel: Panel, application: str) -> Award | None:
    for award in panel.awards:
        if award.application == application:
            return award
    return None


def awarded_pence(panel: Panel, leaving_out: str = "") -> int:
    return sum(a.amount_pence for a in panel.awards if a.application != leaving_out)


def left_pence(panel: Panel) -> int:
    return panel.round.pot_pence - awarded_pence(panel)


def near_the_line(ranked: list[Ranked]) -> set[str]:
    """The applications ranked close to where the money runs out: where moderation time matters most."""
    placed = [r for r in ranked if r.place is not None]
    line = next((i for i, r in enumerate(placed) if not r.fits), len(placed))
    return {r.application.id for r in placed[max(0, line - NEAR_THE_LINE) : line + NEAR_THE_LINE]}


def _money_walk(panel: Panel, ranked: list[Ranked], leaving_out: str = "") -> tuple[list[str], list[Ranked]]:
    """The one walk down the ranking with the money left: what it funds, and the first tie it reaches
    that it could fund some of but not all. `leaving_out` is treated as undecided."""
    left = panel.round.pot_pence - awarded_pence(panel, leaving_out=leaving_out)
    funded: list[str] = []
    first_tie: list[Ranked] = []
    for group in _groups(ranked):
        undecided = [r for r in group if r.application.id == leaving_out or award_of(panel, r.application.id) is None]
        asked = sum(r.application.amount_pence for r in undecided)
        if undecided and asked <= left:
            left -= asked
            funded += [r.application.id for r in undecided]
        elif not first_tie and len(undecided) > 1 and any(r.application.amount_pence <= left for r in undecided):
            first_tie = undecided
    return funded, first_tie


def in_line(panel: Panel, ranked: list[Ranked], leaving_out: str = "") -> list[str]:
    """The undecided applications the money left would fund, in rank order, after the awards made so far.

    `leaving_out` is treated as undecided, so an award being made can be weighed against the line.
    Applications still tied are taken together: the money funds all of them or none (no funding line
    falls inside a tie; the chair puts them in order, with a reason).
    """
    return _money_walk(panel, ranked, leaving_out)[0]


def _groups(ranked: list[Ranked]) -> list[list[Ranked]]:
    """The ranked applications in order, those still tied together in one group."""
    groups: list[list[Ranked]] = []
    for r in ranked:
        if r.place is None:
            continue
        if groups and r.tied and groups[-1][0].tied and groups[-1][0].place == r.place:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def tied_at_the_line(panel: Panel, ranked: list[Ranked] | None = None) -> list[Ranked]:
    """Undecided applications still tied where the money runs out (it funds some of them, not all):
    which comes first is the chair's call, with a reason."""
    return _money_walk(panel, ranking(panel) if ranked is None else ranked)[1]


def departure(panel: Panel, application: Application, outcome: str, amount_pence: int) -> str:
    """Why an award goes against the ranking or the pot, in words; empty when it follows them."""
    ranked = ranking(panel)
    here = next(r for r in ranked if r.application.id == application.id)
    left = panel.round.pot_pence - awarded_pence(panel, leaving_out=application.id)
    line = in_line(panel, ranked, leaving_out=application.id)
    if outcome not in ("fund in full", "fund a smaller amount"):
        if application.id in line:
            return (
                f"It is ranked {here.place} and the {pounds(application.amount_pence)} it asks for "
                f"fits the {pounds(left)} left."
            )
        return ""
    if amount_pence > left:
        return (
            f"This takes the awards over the pot of {pounds(panel.round.pot_pence)} by {pounds(amount_pence - left)}."
        )
    if here.place is None:
        return f"This application is not ranked: {here.why_not_ranked}."
    if application.id in line:
        return ""
    at_line = tied_at_the_line(panel, ranked)
    tied = [r for r in at_line if r.application.id != application.id]
    if tied and len(tied) < len(at_line):
        others = " and ".join(r.application.organisation for r in tied)
        return (
            f"It is tied with {others} (both are {here.place}) where the money runs out, "
            "so funding it chooses it first."
        )
    # Funded out of turn: fine while the money is spare, not when it pushes out one ranked higher.
    left -= amount_pence
    for r in ranked:
        if r.application.id == application.id:
            break
        if r.application.id in line:
            if r.application.amount_pence > left:
                above = (
                    f"is tied with it (both are {r.place})"
                    if r.place == here.place
                    else f"is ranked higher ({r.place})"
                )
                return (
                    f"{r.application.organisation} {above}, has no decision yet, "
                    "and would no longer fit the money left."
                )
            left -= r.application.amount_pence
    return ""


@dataclass(frozen=True)
class AsDecided:
    """One row of the ranking as things stand: the awards made, and what the money left would fund."""

    ranked: Ranked
    award: Award | None
    fits: bool  # funded by the panel, or undecided and the money left would fund it in rank order
    above_the_line: bool  # comes before the funding line
    tied_at_line: bool = False  # tied where the money runs out: the chair chooses which comes first

    @property
    def money_words(self) -> str:
        if self.award is not None:
            return f"{pounds(self.award.amount_pence)} given" if self.award.amount_pence else "nothing given"
        if self.ranked.place is None:
            return self.ranked.why_not_ranked
        if self.tied_at_line:
            return "tied at the line"
        return "fits the money left" if self.fits else "does not fit the money left"


def as_decided(panel: Panel, ranked: list[Ranked] | None = None) -> list[AsDecided]:
    """The ranking with the panel's decisions in it.

    The funding line falls where the money runs out: in rank order, taking what each funded
    application was given and what each undecided one within the money left asks for, before the
    first ranked application that gets nothing and asks for more than is left then. A decline the
    money would have reached does not move it (that award says why it went against the ranking).
    """
    ranked = ranking(panel) if ranked is None else ranked
    # The same sum as in_line's, so "does not fit the money left" and the line's place always agree:
    # the line comes before the first ranked application without a decision that the money does not reach.
    # A tie the money does not reach in full is wholly below the line: it never falls inside a tie.
    funded, first_tie = _money_walk(panel, ranked)
    line = set(funded)
    group_of = {r.application.id: number for number, group in enumerate(_groups(ranked)) for r in group}
    crossing = min(
        (
            group_of[r.application.id]
            for r in ranked
            if r.place is not None and r.application.id not in line and award_of(panel, r.application.id) is None
        ),
        default=len(group_of) + 1,
    )
    at_line = {r.application.id for r in first_tie}
    rows: list[AsDecided] = []
    for r in ranked:
        award = award_of(panel, r.application.id)
        fits = (award.amount_pence > 0) if award is not None else r.application.id in line
        rows.append(
            AsDecided(
                r,
                award,
                fits,
                r.place is not None and group_of[r.application.id] < crossing,
                r.application.id in at_line,
            )
        )
    return rows


def left_at_the_line(panel: Panel, rows: list[AsDecided]) -> int:
    """What is left of the pot at the funding line: after every award made, and after the undecided
    applications above the line that the money left would fund."""
    still_to_fund = sum(
        row.ranked.application.amount_pence for row in rows if row.above_the_line and row.award is None and row.fits
    )
    return panel.round.pot_pence - awarded_pence(panel) - still_to_fund


@dataclass(frozen=True)
class Leniency:
    """How a member scores beside the rest of the panel: their average difference from the others."""

    member: str
    difference: Fraction  # positive: more generous than the panel
    cells: int  # how many scores it rests on

    @property
    def words(self) -> str:
        gap = abs(self.difference)
        shown = f"{int(gap * 10 + Fraction(1, 2)) / 10:.1f}"  # one place, halves up
        if shown == "0.0":
            return "in line with the panel"
        return f"{shown} {'higher' if self.difference > 0 else 'lower'} than the panel"


def leniency(panel: Panel, member: str) -> Leniency | None:
    """Over every score the member gave that counts, how far above (or below) the other members'
    average for the same criterion of the same application they were. None until there is a
    score to compare with."""
    gaps: list[Fraction] = []
    for mine in panel.scores:
        if mine.member != member or mine.withdrawn_at is not None or mine.level is None:
            continue
        total, count = panel.totals.get((mine.application, mine.criterion), (0, 0))
        if count < 2:
            continue
        gaps.append(mine.level - Fraction(total - mine.level, count - 1))
    if not gaps:
        return None
    return Leniency(member, sum(gaps, Fraction(0)) / len(gaps), len(gaps))


def panel_event_words(session: Session, event_kind: str, details: Mapping[str, Detail]) -> str:
    """A panel event in words, with the names in it ("the panel made an award: Hillside Lunch Club,
    fund in full, £96,000"); empty for other events. `session` is the state the event was applied to."""
    panel = session.panel
    if panel is None:
        return ""
    names = {a.id: a.organisation for a in panel.round.applications}
    people = person_labels(session.participants, panel=True)  # as the minutes and the report call them

    def criterion(criterion_id: str) -> str:
        try:
            return panel.criterion(criterion_id).name
        except KeyError:
            return ""

    def said(level: int | None) -> str:
        return "no score" if level is None else str(level)

    if event_kind == "award.make":
        award = AwardMade.read(details)
        money = f", {pounds(award.amount)}" if award.amount else ""
        return f"the panel made an award: {names.get(award.application, '')}, {award.outcome}{money}"
    if event_kind == "score.change":
        changed = ScoreChanged.read(details)
        member, application = people.get(changed.member, ""), names.get(changed.application, "")
        return f"{member} changed a score for {application}, '{criterion(changed.criterion)}', to {said(changed.level)}"
    if event_kind == "score.enter":
        entered = ScoreEntered.read(details)
        member, application = people.get(entered.member, ""), names.get(entered.application, "")
        return (
            f"a score was entered for {member}: {application}, '{criterion(entered.criterion)}', {said(entered.level)}"
        )
    if event_kind == "score.agree":
        agreed = ScoreAgreed.read(details)
        application = names.get(agreed.application, "")
        return f"the panel agreed {said(agreed.level)} for {application}, '{criterion(agreed.criterion)}'"
    if event_kind == "declaration.add":
        made = DeclarationMade.read(details)
        member, application = people.get(made.member, ""), names.get(made.application, "")
        return (
            f"{member} declared an interest in {application}"
            if application
            else f"{member} has no interests to declare"
        )
    return ""


def sheets_counted(panel: Panel, scorers: list[str]) -> tuple[int, int]:
    """How many of these members' sheets are in full (every application they may score, every criterion), of how many."""
    criteria = {c.id for c in panel.round.criteria}
    standing = [a.id for a in panel.open_applications()]
    done: dict[str, set[tuple[str, str]]] = {}
    for score in panel.scores:
        if score.withdrawn_at is None:
            done.setdefault(score.member, set()).add((score.application, score.criterion))
    full = sum(
        1
        for member in scorers
        if {(a, c) for a in standing if not panel.has_interest(member, a) for c in criteria} <= done.get(member, set())
    )
    return full, len(scorers)


def last_import(session: Session) -> list[Application]:
    """The applications of the last import made that are still in the round (none if it was undone, or
    each of them removed: an earlier import is never taken for it)."""
    panel = session.panel
    last = max((ApplicationAdded.of(e).batch for e in session.events if e.kind == "application.add"), default=0)
    return [a for a in panel.round.applications if last and a.batch == last] if panel is not None else []
