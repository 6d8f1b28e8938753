"""What the panel's outputs (the report, the letters, the scores CSV, the minutes) read from a round.

Pure functions of a session, shared so every output says the same thing in the same words.
"""

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path

from workshop_tui.core.dates import say_date
from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.panel_events import Carried, PotChanged, RoundOpened, find_score
from workshop_tui.core.panel_views import CLOSE_SCORES_REASON
from workshop_tui.model import Event, Session
from workshop_tui.model.panel import PANEL_OUTCOMES, Panel, Score
from workshop_tui.model.participant import person_labels
from workshop_tui.model.round import Application, pounds
from workshop_tui.store.problems import FileProblem

# The state of one member's score for one criterion of one application, in the words every output uses.
SCORED, NO_SCORE, STEPPED_OUT, NOT_ENTERED, WITHDRAWN = "scored", "no score", "stepped out", "not entered", "withdrawn"
STATES = (SCORED, NO_SCORE, STEPPED_OUT, NOT_ENTERED, WITHDRAWN)

# What each outcome is called where a sentence starts: the words of the panel screen's keys
# (Fund, Smaller, Defer, Decline), as the round records them ("fund in full"), capitalised.
OUTCOME_WORDS = {outcome: outcome.capitalize() for outcome in PANEL_OUTCOMES}


def is_close_scores_reason(reason: str) -> bool:
    return " ".join(reason.split()) == CLOSE_SCORES_REASON


def money_words(outcome: str, amount_pence: int, asked_pence: int) -> str:
    """'£30,000', '£25,000 of the £30,000 asked', or '' for an outcome that gives no money."""
    if outcome == "fund in full":
        return pounds(amount_pence)
    if outcome == "fund a smaller amount":
        return f"{pounds(amount_pence)} of the {pounds(asked_pence)} asked"
    return ""


def decision_words(outcome: str, amount_pence: int, asked_pence: int) -> str:
    """'Fund in full: £30,000.', 'Fund a smaller amount: £25,000 of the £30,000 asked.', 'Decline.'"""
    words = OUTCOME_WORDS.get(outcome, outcome)
    money = money_words(outcome, amount_pence, asked_pence)
    return f"{words}: {money}." if money else f"{words}."


def with_stop(text: str) -> str:
    """Text as a whole sentence: a full stop added unless it ends in one already (or ? or !)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def earlier_words(earlier: str) -> str:
    """One replaced decision, as the round keeps it ('fund in full at 10:42: A clear need'), in a sentence."""
    return f"It replaced an earlier decision: {with_stop(earlier)}"


def application_name(application: Application) -> str:
    return f"{application.organisation}: {application.project}"


class NoRound(FileProblem):
    """The session has no commissioning round, so there is no panel output to make."""


def round_of(session: Session, source: Path | str | None = None) -> Panel:
    """The session's round, or NoRound in one sentence."""
    if session.panel is None:
        raise NoRound(
            source if source is not None else session.title,
            "",
            "this session has no commissioning round, so it has no scores, ranking or awards to export",
            "Export its minutes with --format md or html instead.",
        )
    return session.panel


def labels(session: Session, anonymise: bool = False) -> dict[str, str]:
    """Each person's id -> what the panel's outputs call them ("Panel member 3" when unnamed or anonymised)."""
    return person_labels(session.participants, anonymise, panel=session.panel is not None)


def who_did(session: Session, kind: str) -> str:
    """Who made the last event of `kind`, from the window the event records, with their role in the
    session's words: "Grace Obi (chair)". "The chair" for an older file that did not record it, or an
    anonymised one."""
    event = next((event for event in reversed(session.events) if event.kind == kind), None)
    role, _, name = (event.window if event is not None else "").partition(": ")
    called = "chair" if role in ("facilitator", "") and session.panel is not None else role or "facilitator"
    name = name.strip()
    if not name or name.lower() in ("the facilitator", "facilitator"):  # anonymised: no name to give
        return f"The {called}"
    return f"{name} ({called})"


def clock_words(at: datetime, session: Session) -> str:
    """'10:45', or '10:45 on 9 July' when it is not the day the session began."""
    if at.date() == session.started_at.date():
        return f"{at:%H:%M}"
    return f"{at:%H:%M} on {at.day} {at:%B}"


def day_and_time(at: datetime) -> str:
    """'10:45 on Wednesday 8 July 2026'."""
    return f"{at:%H:%M} on {say_date(at.date())}"


def level_words(level: int | None) -> str:
    return NO_SCORE if level is None else str(level)


def weighted_words(value: Fraction | int | None) -> str:
    """A weighted score as people read it: whole, or to one decimal place (an average before moderation)."""
    if value is None:
        return "not scored in full"
    if isinstance(value, int) or value.denominator == 1:
        return str(int(value))
    return one_place(value)


def one_place(value: Fraction) -> str:
    """A fraction to one decimal place, halves rounded up (33.95 is 34.0, 33.94 is 33.9), exactly: never
    through a float, whose halves round either way."""
    tenths = value * 10
    whole = tenths.numerator // tenths.denominator
    if (tenths - whole) * 2 >= 1:
        whole += 1
    return f"{whole // 10}.{whole % 10}" if whole >= 0 else f"-{(-whole) // 10}.{(-whole) % 10}"


def cell(panel: Panel, member: str, application: str, criterion: str) -> tuple[str, Score | None]:
    """One member's score for one criterion of one application, and its state in words."""
    counted = find_score(panel, member, application, criterion)
    if counted is not None:
        return (NO_SCORE if counted.level is None else SCORED), counted
    for score in panel.scores:
        if (score.member, score.application, score.criterion) == (member, application, criterion):
            return WITHDRAWN, score
    if panel.has_interest(member, application):
        return STEPPED_OUT, None
    return NOT_ENTERED, None


@dataclass(frozen=True)
class ScoreChange:
    """One change a member made to a score in moderation."""

    score: Score
    at: datetime
    before: int | None
    after: int | None
    reason: str


def changes(score: Score) -> list[ScoreChange]:
    """Every change to one score, in order. `earlier[i]` holds the level before change i and change i's
    time; the reason of change i is kept with the next entry (or on the score, for the last change)."""
    out: list[ScoreChange] = []
    for i, before in enumerate(score.earlier):
        later = score.earlier[i + 1] if i + 1 < len(score.earlier) else None
        after = later.level if later is not None else score.level
        reason = later.reason if later is not None else score.reason
        out.append(ScoreChange(score, before.at, before.level, after, reason))
    return out


def first_level(score: Score) -> int | None:
    """The level first entered, before any change in moderation."""
    return score.earlier[0].level if score.earlier else score.level


def all_changes(panel: Panel) -> list[ScoreChange]:
    found = [change for score in panel.scores for change in changes(score)]
    return sorted(found, key=lambda change: change.at)


@dataclass(frozen=True)
class PotChange:
    at: datetime
    before: int
    after: int
    reason: str


def first_at(event: Event) -> datetime:
    """When it happened: at an earlier sitting, for a round carried over from one."""
    return Carried.of(event).first_at or event.at


def opened(session: Session) -> tuple[datetime | None, int | None]:
    """When the round was opened, and with what pot."""
    for event in session.events:
        if event.kind == Kind.ROUND_OPEN:
            return first_at(event), RoundOpened.of(event).pot
    return None, None


def pot_changes(session: Session) -> list[PotChange]:
    _, pot = opened(session)
    out: list[PotChange] = []
    for event in session.events:
        if event.kind != Kind.ROUND_POT:
            continue
        changed = PotChanged.of(event)
        if changed.pot is not None:
            out.append(PotChange(first_at(event), pot or 0, changed.pot, changed.reason))
            pot = changed.pot
    return out
