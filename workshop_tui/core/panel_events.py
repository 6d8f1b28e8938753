"""How a commissioning panel's events change a session. Each is registered as a rule.

The criteria and the tie-break rule come from the plan as it was run ([session.plan.panel]); the
pot and every application, declaration, score and award are events, so replaying the file makes
the panel's state, and the review and replay show when each happened. Each rule is registered
beside the shape of its kind's details (core/event_details.py).
"""

from dataclasses import field
from datetime import datetime

from workshop_tui.core.event_details import LEFT_OUT_WHEN_EMPTY, Details, Level, Names, Time, Whole, WholeIfSaid
from workshop_tui.core.event_rule import Area, Kind, rule
from workshop_tui.core.wording import plural
from workshop_tui.model import Event, Session
from workshop_tui.model.panel import (
    AgreedScore,
    Award,
    Correction,
    Declaration,
    MemberComment,
    Panel,
    Score,
    ScoreChange,
    TieOrder,
)
from workshop_tui.model.round import Application, Round, pounds


def panel_of(session: Session, application: object = "") -> Panel:
    """The session's round; with `application`, one its round holds (a hand-edited file may name one it never added)."""
    if session.panel is None:
        raise KeyError("this session has no round open")
    if application and not any(a.id == str(application) for a in session.panel.round.applications):
        raise ValueError(f"it names the application {application}, which this round never added")
    return session.panel


def _when(event: Event) -> datetime:
    """When it first happened: a round carried over from an earlier sitting keeps that sitting's times."""
    return Carried.of(event).first_at or event.at


def _name_of(session: Session, person: str) -> str:
    return next((p.name or p.role for p in session.participants if p.id == person), "someone")


def find_score(panel: Panel, member: str, application: str, criterion: str) -> Score | None:
    """The member's counted score for one criterion of one application, if they have entered one."""
    for score in panel.by_cell.get((member, application, criterion), ()):
        if score.withdrawn_at is None:
            return score
    return None


def find_agreed(panel: Panel, application: str, criterion: str) -> AgreedScore | None:
    for agreed in panel.agreed:
        if (agreed.application, agreed.criterion) == (application, criterion):
            return agreed
    return None


class Carried(Details):
    """What any event of a round carried over from an earlier sitting says besides its own details."""

    first_at: Time = None  # when it happened at that sitting
    sitting: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)  # that sitting's file


class RoundOpened(Details):
    pot: WholeIfSaid = None  # in pence; None (left out of a hand-edited file) is nothing
    tie_break: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)  # "": the plan's


class PotChanged(Details):
    pot: WholeIfSaid = None
    reason: str = ""


class ApplicationAdded(Details):
    application: str
    organisation: str
    project: str
    amount: WholeIfSaid = None  # in pence; None (left out of a hand-edited file) is nothing
    area: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)
    summary: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)
    link: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)
    batch: Whole = field(default=0, metadata=LEFT_OUT_WHEN_EMPTY)  # the import it came in, 0 when typed one by one


class ApplicationCorrected(Details):
    """What an edit changed; None for what it left as it was."""

    application: str
    organisation: str | None = None
    project: str | None = None
    area: str | None = None
    summary: str | None = None
    link: str | None = None
    amount: WholeIfSaid = None
    reason: str = ""


class AboutApplication(Details):
    """An application withdrawn, or removed as added by mistake."""

    application: str
    reason: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)


class ImportUndone(Details):
    batch: Whole = 0
    reason: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)


class DeclarationUndone(Details):
    declaration: str
    reason: str = ""


class MemberCommented(Details):
    member: str
    application: str
    text: str


class TieOrdered(Details):
    applications: Names = field(default_factory=list)  # first first
    reason: str = ""


class RoundCarried(Details):
    file: str = ""  # the earlier sitting's file
    title: str = ""


class DeclarationMade(Details):
    declaration: str
    member: str
    application: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)  # "": they have no interests
    interest: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)


class ScoreEntered(Details):
    member: str
    application: str
    criterion: str
    level: Level = None  # None: no score
    comment: str | None = None  # None: typed again without one keeps the comment there was
    sitting: str = field(
        default="", metadata=LEFT_OUT_WHEN_EMPTY
    )  # the sitting it was typed at, for a round carried over


class ScoreChanged(Details):
    member: str
    application: str
    criterion: str
    reason: str = ""
    level: Level = None


class ScoreAgreed(Details):
    application: str
    criterion: str
    level: Whole = 0
    reason: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)


class AwardMade(Details):
    application: str
    outcome: str
    amount: Whole = 0  # in pence
    reason: str
    departure: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)  # how it goes against the ranking or over the pot
    departure_reason: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)
    present: Names = field(default_factory=list)  # the members who decided it
    stepped_out: Names = field(default_factory=list)


@rule(Kind.ROUND_OPEN, "the round was opened with its pot", Area.PANEL, RoundOpened)
def _round_open(session: Session, event: Event, opened: RoundOpened) -> None:
    plan = session.plan.panel
    if plan is None:
        raise KeyError("the plan has no criteria for a round")
    tie_break = opened.tie_break or plan.tie_break
    session.panel = Panel(round=Round(pot_pence=opened.pot or 0, criteria=plan.criteria, tie_break=tie_break))


@rule(Kind.ROUND_POT, "the pot was changed", Area.PANEL, PotChanged)
def _round_pot(session: Session, event: Event, changed: PotChanged) -> None:
    panel_of(session).round.pot_pence = changed.pot or 0


@rule(Kind.APPLICATION_ADD, "an application was added to the round", Area.PANEL, ApplicationAdded)
def _application_add(session: Session, event: Event, added: ApplicationAdded) -> None:
    panel = panel_of(session)
    application = Application(
        id=added.application,
        organisation=added.organisation,
        project=added.project,
        amount_pence=added.amount or 0,
        area=added.area,
        summary=added.summary,
        link=added.link,
        batch=added.batch,
    )
    panel.round.applications = [*panel.round.applications, application]


# What an edit may change, and how each is said in the report.
EDITABLE = {
    "organisation": "name",
    "project": "project",
    "amount": "amount",
    "area": "area",
    "summary": "summary",
    "link": "link",
}


@rule(Kind.APPLICATION_EDIT, "an application's details were corrected", Area.PANEL, ApplicationCorrected)
def _application_edit(session: Session, event: Event, corrected: ApplicationCorrected) -> None:
    panel = panel_of(session, corrected.application)
    application = panel.application(corrected.application)
    said: list[str] = []
    for name, words in EDITABLE.items():
        if getattr(corrected, name) is None:
            continue
        if corrected.amount is not None and name == "amount":
            said.append(f"amount from {pounds(application.amount_pence)} to {pounds(corrected.amount)}")
            application.amount_pence = corrected.amount
        else:
            before, after = str(getattr(application, name)), str(getattr(corrected, name))
            said.append(f"{words} from '{before}' to '{after}'" if before else f"{words} set to '{after}'")
            setattr(application, name, after)
    panel.corrections.append(
        Correction(
            at=_when(event),
            what=f"{application.organisation}: {'; '.join(said)}",
            reason=corrected.reason,
            window=event.window,
        )
    )


@rule(Kind.APPLICATION_WITHDRAW, "an application was withdrawn", Area.PANEL, AboutApplication)
def _application_withdraw(session: Session, event: Event, withdrawn: AboutApplication) -> None:
    panel = panel_of(session, withdrawn.application)
    application = panel.application(withdrawn.application)
    application.withdrawn = withdrawn.reason or "withdrawn"
    panel.corrections.append(
        Correction(
            at=_when(event),
            what=f"{application.organisation} was withdrawn",
            reason=application.withdrawn,
            window=event.window,
        )
    )


def _drop_declaration(panel: Panel, found: Declaration, gone_with_its_application: bool = False) -> None:
    """Take a declaration off the record. The "no interests" an interest replaced is never lost with it:
    it passes to the member's next interest, or stands again if they have none, so a member is never
    left undeclared with scores that count.

    An interest that goes because its application was taken out of the round was declared all the same:
    a member whose only declaration it was stays declared, with no interests in what is left of the round."""
    panel.declarations.remove(found)
    if not (found.replaced and found.replaced_at is not None):
        if gone_with_its_application and not any(d.member == found.member for d in panel.declarations):
            panel.declarations.append(Declaration(id=found.id, at=found.at, member=found.member))
        return
    heir = next((d for d in panel.declarations if d.member == found.member and d.application and not d.replaced), None)
    if heir is not None:
        heir.replaced, heir.replaced_at = found.replaced, found.replaced_at
    elif not any(d.member == found.member for d in panel.declarations):
        panel.declarations.append(Declaration(id=found.replaced, at=found.replaced_at, member=found.member))


def _remove(session: Session, panel: Panel, gone: set[str]) -> int:
    """Take applications out of the round, with any declaration about them: returns how many declarations went."""
    panel.round.applications = [a for a in panel.round.applications if a.id not in gone]
    about = [d for d in panel.declarations if d.application in gone]
    for declaration in about:
        _drop_declaration(panel, declaration, gone_with_its_application=True)
    return len(about)


@rule(Kind.APPLICATION_REMOVE, "an application added by mistake was removed", Area.PANEL, AboutApplication)
def _application_remove(session: Session, event: Event, removed: AboutApplication) -> None:
    panel = panel_of(session, removed.application)
    application = panel.application(removed.application)
    dropped = _remove(session, panel, {application.id})
    also = f", with {dropped} declaration{'s' if dropped != 1 else ''} about it" if dropped else ""
    panel.corrections.append(
        Correction(
            at=_when(event),
            what=f"{application.organisation} was removed{also}",
            reason=removed.reason,
            window=event.window,
        )
    )


@rule(Kind.IMPORT_UNDO, "an import of applications was undone", Area.PANEL, ImportUndone)
def _import_undo(session: Session, event: Event, undone: ImportUndone) -> None:
    panel = panel_of(session)
    batch = undone.batch
    gone = {a.id for a in panel.round.applications if a.batch == batch and batch}
    dropped = _remove(session, panel, gone)
    also = f", with {dropped} declaration{'s' if dropped != 1 else ''} about them" if dropped else ""
    panel.corrections.append(
        Correction(
            at=_when(event),
            what=f"The import of {plural(len(gone), 'application')} was undone{also}",
            reason=undone.reason,
            window=event.window,
        )
    )


@rule(Kind.DECLARATION_UNDO, "a declaration made in error was undone", Area.PANEL, DeclarationUndone)
def _declaration_undo(session: Session, event: Event, undone: DeclarationUndone) -> None:
    panel = panel_of(session)
    found = next((x for x in panel.declarations if x.id == undone.declaration), None)
    if found is None:
        raise ValueError(f"it undoes the declaration {undone.declaration}, which is not on record")
    _drop_declaration(panel, found)
    who = _name_of(session, found.member)
    if found.application:
        organisation = panel.application(found.application).organisation
        # The scores the declaration set aside count again; an award it reopened stands as it was.
        for score in panel.scores:
            if (score.member, score.application) == (
                found.member,
                found.application,
            ) and score.withdrawn_at == found.at:
                score.withdrawn_at = None
                panel.count_level(score.application, score.criterion, score.level, +1)
        for award in panel.awards:
            if award.application == found.application and award.to_confirm_by == found.id:
                award.to_confirm, award.to_confirm_by = "", ""
        what = f"{who}'s declared interest in {organisation} ('{found.interest}') was undone"
    else:
        what = f"{who}'s word that they had no interests was undone"
    panel.corrections.append(Correction(at=_when(event), what=what, reason=undone.reason, window=event.window))


@rule(Kind.MEMBER_COMMENT, "a panel member wrote a comment on an application", Area.PANEL, MemberCommented)
def _member_comment(session: Session, event: Event, comment: MemberCommented) -> None:
    panel = panel_of(session, comment.application)
    panel.comments.append(
        MemberComment(
            at=_when(event),
            member=comment.member,
            application=comment.application,
            text=comment.text,
            window=event.window,
        )
    )


@rule(Kind.TIE_ORDER, "the chair put tied applications in order", Area.PANEL, TieOrdered)
def _tie_order(session: Session, event: Event, tie: TieOrdered) -> None:
    if len(tie.applications) < 2:
        raise ValueError("a tie's order names fewer than two applications")
    panel = panel_of(session)
    for application in tie.applications:
        panel_of(session, application)
    panel.tie_orders.append(TieOrder(at=_when(event), applications=tie.applications, reason=tie.reason))


@rule(Kind.ROUND_CARRY, "the round came over from an earlier sitting", Area.PANEL, RoundCarried)
def _round_carry(session: Session, event: Event, carried: RoundCarried) -> None:
    panel_of(session).sittings.append(f"{carried.title} ({carried.file})")


@rule(Kind.DECLARATION_ADD, "a panel member made a declaration of interest", Area.PANEL, DeclarationMade)
def _declaration_add(session: Session, event: Event, made: DeclarationMade) -> None:
    panel = panel_of(session, made.application)
    declaration = Declaration(
        id=made.declaration,
        at=_when(event),
        member=made.member,
        application=made.application,
        interest=made.interest,
    )
    if declaration.application:
        # An interest found after "no interests" was said: the interest stands, the "none" no longer does.
        none = next((d for d in panel.declarations if d.member == declaration.member and not d.application), None)
        if none is not None:
            declaration.replaced, declaration.replaced_at = none.id, none.at
        panel.declarations = [d for d in panel.declarations if d.member != declaration.member or d.application]
    panel.declarations.append(declaration)
    if declaration.application:
        award = next((a for a in panel.awards if a.application == declaration.application), None)
        if award is not None and declaration.member in award.present:
            # A late declaration on a decided application reopens it: the panel confirms or changes it.
            who = next((p.name for p in session.participants if p.id == declaration.member), "") or "A member"
            award.to_confirm = f"{who} declared an interest at {declaration.at:%H:%M}, after this was decided"
            award.to_confirm_by = declaration.id
    if declaration.application:  # a late declaration: the member's scores for it no longer count
        for score in panel.scores:
            if (score.member, score.application) == (
                declaration.member,
                declaration.application,
            ) and score.withdrawn_at is None:
                score.withdrawn_at = declaration.at
                panel.count_level(score.application, score.criterion, score.level, -1)


@rule(Kind.SCORE_ENTER, "a score was entered", Area.PANEL, ScoreEntered)
def _score_enter(session: Session, event: Event, entered: ScoreEntered) -> None:
    panel = panel_of(session, entered.application)
    member, application, criterion = entered.member, entered.application, entered.criterion
    existing = find_score(panel, member, application, criterion)
    if existing is not None:  # typed again before the reveal: a correction while copying the sheet
        panel.count_level(application, criterion, existing.level, -1)
        existing.level = entered.level
        panel.count_level(application, criterion, existing.level, +1)
        if entered.comment is not None:
            existing.comment = entered.comment
        if event.window and event.window != existing.window:
            # Another window typed over it (the chair over a member's own, say): credit the one that did,
            # and keep whose it was.
            existing.typed_over, existing.window = existing.window, event.window
        return
    panel.add_score(
        Score(
            at=_when(event),
            member=member,
            application=application,
            criterion=criterion,
            level=entered.level,
            comment=entered.comment or "",
            window=event.window,
            after_reveal=panel.revealed_at is not None,
            sitting=entered.sitting,
        )
    )
    agreed = find_agreed(panel, application, criterion)
    if agreed is not None:  # a late sheet: what the panel agreed did not weigh this score
        agreed.to_check = f"{_name_of(session, member)}'s score came in after this was agreed"
    panel.count_level(application, criterion, entered.level, +1)


@rule(Kind.SCORES_REVEAL, "the chair revealed the scores", Area.PANEL, Carried, settles=True)
def _scores_reveal(session: Session, event: Event, carried: Carried) -> None:
    panel_of(session).revealed_at = carried.first_at or event.at


@rule(Kind.SCORE_CHANGE, "a member changed a score and said why", Area.PANEL, ScoreChanged)
def _score_change(session: Session, event: Event, changed: ScoreChanged) -> None:
    score = find_score(panel_of(session, changed.application), changed.member, changed.application, changed.criterion)
    if score is None:
        raise KeyError("no score to change")
    score.earlier = [*score.earlier, ScoreChange(at=_when(event), level=score.level, reason=score.reason)]
    panel = panel_of(session)
    panel.count_level(score.application, score.criterion, score.level, -1)
    score.level = changed.level
    panel.count_level(score.application, score.criterion, score.level, +1)
    score.reason = changed.reason
    score.changed_at = _when(event)


@rule(Kind.SCORE_AGREE, "the panel agreed a score", Area.PANEL, ScoreAgreed)
def _score_agree(session: Session, event: Event, agreed: ScoreAgreed) -> None:
    panel = panel_of(session, agreed.application)
    application, criterion = agreed.application, agreed.criterion
    level, reason = agreed.level, agreed.reason
    existing = find_agreed(panel, application, criterion)
    if existing is None:
        panel.agreed.append(
            AgreedScore(at=_when(event), application=application, criterion=criterion, level=level, reason=reason)
        )
        return
    existing.earlier = [*existing.earlier, ScoreChange(at=existing.at, level=existing.level, reason=existing.reason)]
    existing.at, existing.level, existing.reason, existing.to_check = _when(event), level, reason, ""


@rule(Kind.AWARD_MAKE, "the panel made an award", Area.PANEL, AwardMade, settles=True)
def _award_make(session: Session, event: Event, made: AwardMade) -> None:
    panel = panel_of(session, made.application)
    application = made.application
    earlier: list[str] = []
    for award in panel.awards:
        if award.application == application:  # replaced: what it was, and why, stays on record
            money = f" of {pounds(award.amount_pence)}" if award.outcome == "fund a smaller amount" else ""
            earlier = [*award.earlier, f"{award.outcome}{money} at {award.at:%H:%M}: {award.reason}"]
    award = Award(
        at=_when(event),
        application=application,
        outcome=made.outcome,
        amount_pence=made.amount,
        reason=made.reason,
        departure=made.departure,
        departure_reason=made.departure_reason,
        present=made.present,
        stepped_out=made.stepped_out,
        window=event.window,
        earlier=earlier,
    )
    panel.awards = [a for a in panel.awards if a.application != application] + [award]
