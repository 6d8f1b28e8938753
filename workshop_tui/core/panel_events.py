"""How a commissioning panel's events change a session. Each is registered as a rule.

The criteria and the tie-break rule come from the plan as it was run ([session.plan.panel]); the
pot and every application, declaration, score and award are events, so replaying the file makes
the panel's state, and the review and replay show when each happened.
"""

from workshop_tui.core.event_kinds import Area, Kind, rule
from workshop_tui.model import Event, Session
from workshop_tui.model.panel import AgreedScore, Award, Declaration, Panel, Score, ScoreChange
from workshop_tui.model.round import Application, Round, pounds


def panel_of(session: Session, application: object = "") -> Panel:
    """The session's round; with `application`, one its round holds (a hand-edited file may name one it never added)."""
    if session.panel is None:
        raise KeyError("this session has no round open")
    if application and not any(a.id == str(application) for a in session.panel.round.applications):
        raise ValueError(f"it names the application {application}, which this round never added")
    return session.panel


def _level(event: Event) -> int | None:
    # TOML has no null: a score entered as "no score" is an event without a level.
    level = event.details.get("level")
    return level if isinstance(level, int) and not isinstance(level, bool) else None


def _whole(event: Event, name: str) -> int:
    value = event.details.get(name, 0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"the event's {name} is not a whole number")
    return value


def find_score(panel: Panel, member: str, application: str, criterion: str) -> Score | None:
    """The member's counted score for one criterion of one application, if they have entered one."""
    for score in panel.scores:
        if (score.member, score.application, score.criterion) == (member, application, criterion) and score.withdrawn_at is None:
            return score
    return None


def find_agreed(panel: Panel, application: str, criterion: str) -> AgreedScore | None:
    for agreed in panel.agreed:
        if (agreed.application, agreed.criterion) == (application, criterion):
            return agreed
    return None


@rule(Kind.ROUND_OPEN, "the round was opened with its pot", Area.PANEL)
def _round_open(session: Session, event: Event) -> None:
    plan = session.plan.panel
    if plan is None:
        raise KeyError("the plan has no criteria for a round")
    tie_break = str(event.details.get("tie_break", "")) or plan.tie_break
    session.panel = Panel(round=Round(pot_pence=_whole(event, "pot"), criteria=plan.criteria, tie_break=tie_break))


@rule(Kind.ROUND_POT, "the pot was changed", Area.PANEL)
def _round_pot(session: Session, event: Event) -> None:
    panel_of(session).round.pot_pence = _whole(event, "pot")


@rule(Kind.APPLICATION_ADD, "an application was added to the round", Area.PANEL)
def _application_add(session: Session, event: Event) -> None:
    d = event.details
    panel = panel_of(session)
    application = Application(
        id=str(d["application"]), organisation=str(d["organisation"]), project=str(d["project"]),
        amount_pence=_whole(event, "amount"), area=str(d.get("area", "")), summary=str(d.get("summary", "")),
        link=str(d.get("link", "")),
    )
    panel.round.applications = [*panel.round.applications, application]


@rule(Kind.DECLARATION_ADD, "a panel member made a declaration of interest", Area.PANEL)
def _declaration_add(session: Session, event: Event) -> None:
    d = event.details
    panel = panel_of(session, d.get("application", ""))
    declaration = Declaration(
        id=str(d["declaration"]), at=event.at, member=str(d["member"]),
        application=str(d.get("application", "")), interest=str(d.get("interest", "")),
    )
    if declaration.application:
        # An interest found after "no interests" was said: the interest stands, the "none" no longer does.
        panel.declarations = [d for d in panel.declarations if d.member != declaration.member or d.application]
    panel.declarations.append(declaration)
    if declaration.application:
        award = next((a for a in panel.awards if a.application == declaration.application), None)
        if award is not None and declaration.member in award.present:
            # A late declaration on a decided application reopens it: the panel confirms or changes it.
            who = next((p.name for p in session.participants if p.id == declaration.member), "") or "A member"
            award.to_confirm = f"{who} declared an interest at {event.at:%H:%M}, after this was decided"
    if declaration.application:  # a late declaration: the member's scores for it no longer count
        for score in panel.scores:
            if (score.member, score.application) == (declaration.member, declaration.application) and score.withdrawn_at is None:
                score.withdrawn_at = event.at
                panel.count_level(score.application, score.criterion, score.level, -1)


@rule(Kind.SCORE_ENTER, "a score was entered", Area.PANEL)
def _score_enter(session: Session, event: Event) -> None:
    d = event.details
    panel = panel_of(session, d["application"])
    member, application, criterion = str(d["member"]), str(d["application"]), str(d["criterion"])
    existing = find_score(panel, member, application, criterion)
    if existing is not None:  # typed again before the reveal: a correction while copying the sheet
        panel.count_level(application, criterion, existing.level, -1)
        existing.level = _level(event)
        panel.count_level(application, criterion, existing.level, +1)
        existing.comment = str(d.get("comment", existing.comment))
        if event.window and event.window != existing.window:
            # Another window typed over it (the chair over a member's own, say): credit the one that did,
            # and keep whose it was.
            existing.typed_over, existing.window = existing.window, event.window
        return
    panel.scores.append(
        Score(at=event.at, member=member, application=application, criterion=criterion, level=_level(event),
              comment=str(d.get("comment", "")), window=event.window)
    )
    panel.count_level(application, criterion, _level(event), +1)


@rule(Kind.SCORES_REVEAL, "the chair revealed the scores", Area.PANEL, settles=True)
def _scores_reveal(session: Session, event: Event) -> None:
    panel_of(session).revealed_at = event.at


@rule(Kind.SCORE_CHANGE, "a member changed a score and said why", Area.PANEL)
def _score_change(session: Session, event: Event) -> None:
    d = event.details
    score = find_score(panel_of(session, d["application"]), str(d["member"]), str(d["application"]), str(d["criterion"]))
    if score is None:
        raise KeyError("no score to change")
    score.earlier = [*score.earlier, ScoreChange(at=event.at, level=score.level, reason=score.reason)]
    panel = panel_of(session)
    panel.count_level(score.application, score.criterion, score.level, -1)
    score.level = _level(event)
    panel.count_level(score.application, score.criterion, score.level, +1)
    score.reason = str(d.get("reason", ""))
    score.changed_at = event.at


@rule(Kind.SCORE_AGREE, "the panel agreed a score", Area.PANEL)
def _score_agree(session: Session, event: Event) -> None:
    d = event.details
    panel = panel_of(session, d["application"])
    application, criterion = str(d["application"]), str(d["criterion"])
    level, reason = _whole(event, "level"), str(d.get("reason", ""))
    existing = find_agreed(panel, application, criterion)
    if existing is None:
        panel.agreed.append(AgreedScore(at=event.at, application=application, criterion=criterion, level=level, reason=reason))
        return
    existing.earlier = [*existing.earlier, ScoreChange(at=existing.at, level=existing.level, reason=existing.reason)]
    existing.at, existing.level, existing.reason = event.at, level, reason


@rule(Kind.AWARD_MAKE, "the panel made an award", Area.PANEL, settles=True)
def _award_make(session: Session, event: Event) -> None:
    d = event.details
    panel = panel_of(session, d["application"])
    application = str(d["application"])
    earlier: list[str] = []
    for award in panel.awards:
        if award.application == application:  # replaced: what it was, and why, stays on record
            money = f" of {pounds(award.amount_pence)}" if award.outcome == "fund a smaller amount" else ""
            earlier = [*award.earlier, f"{award.outcome}{money} at {award.at:%H:%M}: {award.reason}"]
    present, stepped_out = d.get("present", []), d.get("stepped_out", [])
    award = Award(
        at=event.at, application=application, outcome=str(d["outcome"]), amount_pence=_whole(event, "amount"),
        reason=str(d["reason"]), departure=str(d.get("departure", "")), departure_reason=str(d.get("departure_reason", "")),
        present=[str(p) for p in present] if isinstance(present, list) else [],
        stepped_out=[str(p) for p in stepped_out] if isinstance(stepped_out, list) else [],
        window=event.window, earlier=earlier,
    )
    panel.awards = [a for a in panel.awards if a.application != application] + [award]
