"""A commissioning panel's work in a session: its round, declarations, scores, agreed scores and awards.

The state is what the panel events make (core/panel_events.py). A score is one member's level for one
criterion of one application. "No score" (`level` is None) and "stepped out" (the member declared an
interest) are not zero. A changed score keeps what it was before, with the reason.
"""

from typing import Literal, get_args

from pydantic import AwareDatetime, Field, model_validator

from workshop_tui.model.round import Application, Criterion, Round, TieBreak
from workshop_tui.model.schema import Record

# "refer to the funder": the recorded exception when no member is left to decide (every one stepped out).
PanelOutcome = Literal["fund in full", "fund a smaller amount", "defer", "decline", "refer to the funder"]
PANEL_OUTCOMES: tuple[str, ...] = get_args(PanelOutcome)
# Who scores: the panel members. Staff and facilitators run the meeting; guests watch.
SCORING_ROLES = ("older person", "volunteer")


class PanelPlan(Record):
    """What a panel plan sets before any round: the criteria and the tie-break rule."""

    criteria: list[Criterion] = Field(min_length=1)
    tie_break: TieBreak = "smaller amount first"


class Declaration(Record):
    """A member's link to an applicant, or a member's word that they have none (`application` empty)."""

    id: str = Field(min_length=1)
    at: AwareDatetime
    member: str = Field(min_length=1)  # a person's id on the roster
    application: str = ""
    interest: str = ""  # in the member's words: "I volunteer there on Tuesdays"
    # The member's "no interests" this interest replaced: put back if the interest is undone as made in error.
    replaced: str = ""
    replaced_at: AwareDatetime | None = None


class ScoreChange(Record):
    at: AwareDatetime
    level: int | None  # what it was before the change
    reason: str = ""


class Score(Record):
    at: AwareDatetime  # when it was first entered
    member: str = Field(min_length=1)
    application: str = Field(min_length=1)
    criterion: str = Field(min_length=1)
    level: int | None  # None: the member gave no score
    comment: str = ""
    window: str = ""  # the window that typed it last ("note-taker: Margaret", a member's own)
    typed_over: str = ""  # the window that typed it before, when another window typed over it
    changed_at: AwareDatetime | None = None
    reason: str = ""  # why it was changed in moderation
    earlier: list[ScoreChange] = []
    # Set when the member declared an interest after scoring: the score no longer counts.
    withdrawn_at: AwareDatetime | None = None
    # Typed after the chair revealed the scores (a sheet not typed in time): said beside it everywhere.
    after_reveal: bool = False
    # The earlier sitting it was typed at, when the round continued in a later session (its file's name).
    sitting: str = ""


class MemberComment(Record):
    """What a member wrote about an application: kept for moderation, never sent to the applicant
    unless the panel puts it in a decision's reason."""

    at: AwareDatetime
    member: str = Field(min_length=1)
    application: str = Field(min_length=1)
    text: str = Field(min_length=1)
    window: str = ""


class Correction(Record):
    """A change to the round itself, in words, for the report: an application edited, withdrawn or
    removed, a declaration undone, an import undone, a tie put in order."""

    at: AwareDatetime
    what: str = Field(min_length=1)  # "Hillside Lunch Club's amount changed from £5,000 to £4,500"
    reason: str = ""
    window: str = ""


class TieOrder(Record):
    """The chair's order for applications the tie-break rule could not separate, with the reason."""

    at: AwareDatetime
    applications: list[str] = Field(min_length=2)  # first comes first
    reason: str = Field(min_length=1)


class AgreedScore(Record):
    at: AwareDatetime
    application: str = Field(min_length=1)
    criterion: str = Field(min_length=1)
    level: int
    reason: str = ""
    earlier: list[ScoreChange] = []
    # Set when a member's score for this cell came in after it was agreed (a late sheet): the panel
    # looks again, and agreeing it again clears this.
    to_check: str = ""


class Award(Record):
    at: AwareDatetime
    application: str = Field(min_length=1)
    outcome: PanelOutcome
    amount_pence: int = Field(default=0, ge=0)
    reason: str = Field(min_length=1)  # fit to read to the applicant
    # Why the panel went against the ranking or the pot, when it did; empty when it followed them.
    departure: str = ""
    departure_reason: str = ""
    # Who took part and who stepped out, as the roster stood when it was made.
    present: list[str] = []
    stepped_out: list[str] = []
    window: str = ""
    earlier: list[str] = []  # the decisions it replaced, each with its time and reason, in words
    # Set when a member who was counted in it declares an interest afterwards: the panel must confirm
    # or change it (with a reason). Empty: it stands.
    to_confirm: str = ""
    to_confirm_by: str = ""  # the declaration that reopened it


class Panel(Record):
    round: Round
    declarations: list[Declaration] = []
    scores: list[Score] = []
    revealed_at: AwareDatetime | None = None
    agreed: list[AgreedScore] = []
    awards: list[Award] = []
    comments: list[MemberComment] = []
    corrections: list[Correction] = []
    tie_orders: list[TieOrder] = []
    # The earlier sittings this round continued from, as "title (file)", first first.
    sittings: list[str] = []
    # Per application and criterion, the sum and count of the levels that count: what the ranking
    # averages. Kept up to date by the score rules (count_level), so a redraw never adds up every
    # score again; made from the scores whenever a Panel is built. Never saved: the events are.
    totals: dict[tuple[str, str], list[int]] = Field(default={}, exclude=True, repr=False)
    # Every score by (member, application, criterion), so finding one never reads all 760 of a round
    # on each key typed. Kept by add_score; made from the scores whenever a Panel is built. Never saved.
    by_cell: dict[tuple[str, str, str], list[Score]] = Field(default={}, exclude=True, repr=False)

    @model_validator(mode="after")
    def _count_the_scores(self) -> "Panel":
        totals: dict[tuple[str, str], list[int]] = {}
        by_cell: dict[tuple[str, str, str], list[Score]] = {}
        for score in self.scores:
            by_cell.setdefault((score.member, score.application, score.criterion), []).append(score)
            if score.level is not None and score.withdrawn_at is None:
                cell = totals.setdefault((score.application, score.criterion), [0, 0])
                cell[0] += score.level
                cell[1] += 1
        self.__dict__["totals"] = totals  # not an assignment to validate again
        self.__dict__["by_cell"] = by_cell
        return self

    def add_score(self, score: Score) -> None:
        self.scores.append(score)
        self.by_cell.setdefault((score.member, score.application, score.criterion), []).append(score)

    def count_level(self, application: str, criterion: str, level: int | None, sign: int) -> None:
        """A level that starts (+1) or stops (-1) counting for one criterion of one application."""
        if level is None:
            return
        key = (application, criterion)
        cell = self.totals.setdefault(key, [0, 0])
        cell[0] += sign * level
        cell[1] += sign
        if cell[1] == 0:
            del self.totals[key]

    def application(self, application_id: str) -> Application:
        for application in self.round.applications:
            if application.id == application_id:
                return application
        raise KeyError(f"no application {application_id!r}")

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.round.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(f"no criterion {criterion_id!r}")

    def open_applications(self) -> list[Application]:
        """The applications still in the round: not withdrawn."""
        return [a for a in self.round.applications if not a.withdrawn]

    def has_interest(self, member: str, application_id: str) -> bool:
        return any(d.member == member and d.application == application_id for d in self.declarations)

    def declared(self, member: str) -> bool:
        """The member has said what links they have, if any."""
        return any(d.member == member for d in self.declarations)
