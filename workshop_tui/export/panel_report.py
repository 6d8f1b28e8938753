"""The funder's report of a commissioning round, as the plain parts the minutes use.

How the panel worked, who took part, declarations of interest, every score, the changes made in
moderation, the ranking with its funding line, the awards and their reasons, and the money. Markdown
and HTML draw the same parts (markdown_minutes.sections_markdown, html_minutes.sections_html).
"""

from pathlib import Path

from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.panel_events import find_agreed
from workshop_tui.core.panel_views import (
    as_decided,
    award_of,
    awarded_pence,
    left_at_the_line,
    members,
    non_scoring,
    sheets_counted,
    tied_at_the_line,
)
from workshop_tui.core.wording import plural
from workshop_tui.export.html_minutes import sections_html
from workshop_tui.export.markdown_minutes import sections_markdown
from workshop_tui.export.minutes import Block, Section, Table
from workshop_tui.export.panel_facts import (
    NO_SCORE,
    NOT_ENTERED,
    SCORED,
    STEPPED_OUT,
    WITHDRAWN,
    all_changes,
    application_name,
    cell,
    clock_words,
    day_and_time,
    decision_words,
    earlier_words,
    labels,
    level_words,
    opened,
    pot_changes,
    round_of,
    weighted_words,
    who_did,
    with_stop,
)
from workshop_tui.model import Session
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import left_words, pounds

TIE_BREAK_WORDS = {
    "smaller amount first": "When two applications had the same weighted score, the one asking for less money came first.",
    "higher score on the first criterion": (
        "When two applications had the same weighted score, the one with the higher score on the first criterion came first."
    ),
    "the panel decides": "When two applications had the same weighted score, they stayed tied and the panel chose between them.",
}


def _process(session: Session, panel: Panel) -> Section:
    round_ = panel.round
    blocks: list[Block] = []
    at, first_pot = opened(session)
    pot = first_pot if first_pot is not None else round_.pot_pence
    when = f" at {day_and_time(at)}" if at is not None else ""
    blocks.append(f"The round opened{when} with a pot of {pounds(pot)} to give.")
    if panel.sittings:
        blocks.append(
            f"This round continued from an earlier sitting: {'; '.join(panel.sittings)}. "
            "Its applications, declarations and scores came over, each with the time it was first recorded."
        )
    for change in pot_changes(session):
        reason = f" The reason: {change.reason}" if change.reason else ""
        blocks.append(
            f"At {clock_words(change.at, session)} the pot changed from {pounds(change.before)} "
            f"to {pounds(change.after)}.{reason}"
        )
    standing = panel.open_applications()
    withdrawn = len(round_.applications) - len(standing)
    blocks.append(
        f"{plural(len(standing), 'application')} {'was' if len(standing) == 1 else 'were'} considered, asking for "
        f"{pounds(sum(a.amount_pence for a in standing))} in all"
        + (
            f"; {plural(withdrawn, 'more application')} {'was' if withdrawn == 1 else 'were'} withdrawn."
            if withdrawn
            else "."
        )
    )
    blocks.append(
        f"Each panel member scored each application on {plural(len(round_.criteria), 'criterion', 'criteria')}. "
        "The weight says how much a criterion counts. A weight of 3 counts three times as much as a weight of 1."
    )
    blocks.append(
        Table(
            ["Criterion", "Scores", "Weight", "Pass mark"],
            [
                [
                    c.name,
                    f"{c.lowest} to {c.highest}",
                    str(c.weight),
                    str(c.pass_mark) if c.pass_mark is not None else "none",
                ]
                for c in round_.criteria
            ],
        )
    )
    if any(c.pass_mark is not None for c in round_.criteria):
        blocks.append("An application scored below a pass mark is not ranked, so it is not funded in turn.")
    blocks.append(TIE_BREAK_WORDS.get(round_.tie_break, f"Ties were broken by this rule: {round_.tie_break}."))
    blocks.append("Members scored on their own first. Then the chair showed everyone's scores side by side.")
    if panel.revealed_at is not None:
        blocks.append(
            f"{who_did(session, Kind.SCORES_REVEAL)} revealed the scores at {day_and_time(panel.revealed_at)}."
        )
    else:
        blocks.append("The chair has not revealed the scores yet.")
    if session.status != "finished":
        blocks.append(f"This session is {session.status}: this report is not final.")
    if panel.corrections:
        blocks.append("Corrections made to the round, in the order they were made:")
        blocks.append(
            Table(
                ["When", "What changed", "Reason"],
                [[clock_words(c.at, session), c.what, c.reason or "no reason given"] for c in panel.corrections],
            )
        )
    return Section("How the panel worked", 2, blocks, part="process")


def _levels(panel: Panel) -> list[Section]:
    out = []
    for criterion in panel.round.criteria:
        lines = [f"{criterion.lowest + i}: {words}" for i, words in enumerate(criterion.levels)]
        out.append(Section(f"What each score means: {criterion.name}", 3, [lines], part="process"))
    return out


def _attendance(session: Session, panel: Panel, names: dict[str, str]) -> Section:
    blocks: list[Block] = []
    entered: dict[str, int] = {}
    for score in panel.scores:
        entered[score.member] = entered.get(score.member, 0) + 1

    scored = [p for p in members(session) if p.arrived_at is not None or p.id in entered]
    rows = [
        [
            names[p.id],
            p.role,
            str(entered.get(p.id, 0)),
            (f"{clock_words(p.arrived_at, session)}" if p.arrived_at else "not marked as arrived")
            + (f"; left at {clock_words(p.left_at, session)}" if p.left_at else ""),
        ]
        for p in scored
    ]
    blocks.append("Panel members who scored:")
    blocks.append(
        Table(["Panel member", "Role", "Scores entered", "Arrived"], rows) if rows else "No panel member was there."
    )
    staff = [p for p in non_scoring(session) if p.arrived_at is not None]
    if staff:
        blocks.append("These people ran the meeting or watched. They did not score:")
        blocks.append([f"{names[p.id]} ({p.role})" for p in staff])
    else:
        blocks.append("No staff or facilitators were recorded as there.")
    away = [p for p in session.participants if p.arrived_at is None and p.id not in entered]
    if away:
        blocks.append(f"Expected but not there: {', '.join(f'{names[p.id]} ({p.role})' for p in away)}.")
    return Section("Who took part", 2, blocks, part="people")


def _declarations(session: Session, panel: Panel, names: dict[str, str]) -> Section:
    blocks: list[Block] = [
        "Before scoring, each panel member was asked about any link to an applicant. "
        "A member with a link stepped out of that application: its scoring, talk and decision."
    ]
    links = [d for d in panel.declarations if d.application]
    if links:
        rows = []
        for d in links:
            application = panel.application(d.application)
            late = [
                s
                for s in panel.scores
                if (s.member, s.application) == (d.member, d.application) and s.withdrawn_at == d.at
            ]
            rows.append(
                [
                    names.get(d.member, "someone"),
                    application_name(application),
                    d.interest,
                    clock_words(d.at, session),
                    f"yes: {plural(len(late), 'score')} set aside" if late else "no",
                ]
            )
        blocks.append(Table(["Panel member", "Application", "Their link", "When", "Declared after scoring"], rows))
    else:
        blocks.append("No panel member declared a link to any applicant.")
    none = [
        names[p.id] for p in members(session) if any(d.member == p.id and not d.application for d in panel.declarations)
    ]
    if none:
        blocks.append(f"Said they had no links to declare: {', '.join(none)}.")
    unasked = [names[p.id] for p in members(session) if not panel.declared(p.id)]
    if unasked:
        blocks.append(f"Not asked, or no answer recorded: {', '.join(unasked)}.")
    return Section("Declarations of interest", 2, blocks, part="declarations")


CELL_WORDS = {
    NO_SCORE: "no score",
    STEPPED_OUT: "stepped out",
    NOT_ENTERED: "not entered",
    WITHDRAWN: "stepped out (score withdrawn)",
}


def _scores(session: Session, panel: Panel, names: dict[str, str]) -> list[Section]:
    criteria = panel.round.criteria
    out = [
        Section(
            "The scores",
            2,
            [
                "Each table shows every panel member's scores for one application, as they stand after moderation. "
                '"No score" means the member chose not to score. It is not a zero. '
                '"Stepped out" means the member had a link to the applicant.',
            ],
            part="scores",
        )
    ]
    people = [p for p in members(session) if p.arrived_at is not None or any(s.member == p.id for s in panel.scores)]
    for application in panel.round.applications:
        rows = []
        comments = []
        for person in people:
            row = [names[person.id]]
            for criterion in criteria:
                state, score = cell(panel, person.id, application.id, criterion.id)
                if state == SCORED and score is not None:
                    row.append(
                        str(score.level)
                        + (" (changed)" if score.earlier else "")
                        + (" (entered after the reveal)" if score.after_reveal else "")
                    )
                else:
                    row.append(CELL_WORDS[state])
                if score is not None and score.comment:
                    comments.append(f"{names[person.id]} on {criterion.name}: {score.comment}")
            rows.append(row)
        agreed_row = ["Agreed by the panel"]
        for criterion in criteria:
            agreed = find_agreed(panel, application.id, criterion.id)
            agreed_row.append(str(agreed.level) if agreed else "not agreed yet")
        rows.append(agreed_row)
        blocks: list[Block] = [
            f"Asked for {pounds(application.amount_pence)}."
            + (f" Area: {application.area}." if application.area else "")
        ]
        blocks.append(Table(["Panel member", *[c.name for c in criteria]], rows))
        comments += [
            f"{names.get(c.member, 'someone')}: {c.text}" for c in panel.comments if c.application == application.id
        ]
        late = {
            s.member
            for s in panel.scores
            if s.application == application.id and s.after_reveal and s.withdrawn_at is None
        }
        if late:
            blocks.append(
                f"Entered after the reveal (a sheet not typed in time): {', '.join(names.get(m, 'someone') for m in sorted(late))}."
            )
        if application.withdrawn:
            blocks.append(f"Withdrawn: {application.withdrawn}. It was not ranked or decided.")
        if comments:
            blocks.append("What members wrote (kept for the panel; not sent to the applicant):")
            blocks.append(comments)
        out.append(Section(application_name(application), 3, blocks, part="scores"))
    return out


def _moderation(session: Session, panel: Panel, names: dict[str, str]) -> Section:
    blocks: list[Block] = [
        "After the reveal, the panel talked through the scores. "
        "A member could change their own score and say why. The first score is kept here."
    ]
    changes = all_changes(panel)
    if changes:
        blocks.append(
            Table(
                ["Application", "Panel member", "Criterion", "From", "To", "Reason", "When"],
                [
                    [
                        application_name(panel.application(c.score.application)),
                        names.get(c.score.member, "someone"),
                        panel.criterion(c.score.criterion).name,
                        level_words(c.before),
                        level_words(c.after),
                        c.reason or "no reason given",
                        clock_words(c.at, session),
                    ]
                    for c in changes
                ],
            )
        )
    else:
        blocks.append("No member changed a score.")
    withdrawn = [s for s in panel.scores if s.withdrawn_at is not None]
    if withdrawn:
        blocks.append("These scores were set aside because the member declared a link after scoring:")
        blocks.append(
            [
                f"{names.get(s.member, 'someone')}, {application_name(panel.application(s.application))}, "
                f"{panel.criterion(s.criterion).name}: {level_words(s.level)}, set aside at {clock_words(s.withdrawn_at, session)}"
                for s in withdrawn
                if s.withdrawn_at is not None
            ]
        )
    if panel.agreed:
        blocks.append("The scores the panel agreed together:")
        rows = []
        for agreed in sorted(panel.agreed, key=lambda a: a.at):
            members_levels = [
                level_words(s.level)
                for s in panel.scores
                if (s.application, s.criterion) == (agreed.application, agreed.criterion) and s.withdrawn_at is None
            ]
            earlier = "; ".join(f"{e.level} at {clock_words(e.at, session)}" for e in agreed.earlier)
            reason = agreed.reason or "no reason given"
            if agreed.to_check:  # the reason was given before this score came in: said beside it
                reason += f" (to check: {agreed.to_check})"
            rows.append(
                [
                    application_name(panel.application(agreed.application)),
                    panel.criterion(agreed.criterion).name,
                    str(agreed.level),
                    ", ".join(members_levels) or "none",
                    reason,
                    clock_words(agreed.at, session),
                    earlier or "-",
                ]
            )
        blocks.append(
            Table(["Application", "Criterion", "Agreed", "Members' scores", "Reason", "When", "Agreed before"], rows)
        )
    else:
        blocks.append("The panel has not agreed any scores yet.")
    return Section("Changes in moderation", 2, blocks, part="moderation")


def _ranking(session: Session, panel: Panel) -> Section:
    rows_decided = as_decided(panel)
    most = sum(c.weight * c.highest for c in panel.round.criteria)
    blocks: list[Block] = [
        "The weighted score adds up each agreed score times its criterion's weight. "
        f"The most an application could get was {most}.",
    ]
    if any(find_agreed(panel, a.id, c.id) is None for a in panel.round.applications for c in panel.round.criteria):
        blocks.append("Where the panel has not agreed a score, the members' average is used for now.")
    blocks.append(
        "The table shows each decision the panel made and, for any application not decided yet, "
        "whether the money left would fund it."
    )
    blocks.append(
        "The money left would go to undecided applications in rank order. One that does not fit is skipped, "
        "and the next one that fits would be funded. The funding line comes before the first ranked application "
        "that gets no money."
    )
    rows: list[list[str]] = []
    line_drawn = False
    for row in rows_decided:
        r = row.ranked
        if r.place is not None and not row.above_the_line and not line_drawn:
            at_the_line = left_at_the_line(panel, rows_decided)
            money = f"{pounds(at_the_line)} is left" if at_the_line >= 0 else left_words(at_the_line)  # never "-£"
            rows.append(["-", f"The funding line: {money}", "", "", "", ""])
            line_drawn = True
        place = "not ranked" if r.place is None else f"{r.place} (tied)" if r.tied else str(r.place)
        decision = row.award.outcome if row.award is not None else "no decision yet"
        rows.append(
            [
                place,
                application_name(r.application),
                weighted_words(r.weighted),
                pounds(r.application.amount_pence),
                decision,
                row.money_words,
            ]
        )
    blocks.append(Table(["Place", "Application", "Weighted score", "Asked", "Decision", "Money"], rows))
    if not line_drawn and any(row.ranked.place is not None for row in rows_decided):
        blocks.append(
            "The money left reaches every ranked application without a decision, so there is no funding line."
        )
    notes = [
        f"{application_name(r.application)}: {r.tie_note}." for r in (row.ranked for row in rows_decided) if r.tie_note
    ]
    if notes:
        blocks.append("Where applications had the same weighted score:")
        blocks.append(notes)
    ties = sorted({r.place for r in (row.ranked for row in rows_decided) if r.tied and r.place is not None})
    if ties:
        blocks.append(f"Tied places: {', '.join(str(t) for t in ties)}. The tie-break rule could not separate them.")
    at_line = tied_at_the_line(panel)
    if at_line:
        blocks.append(
            f"{' and '.join(application_name(r.application) for r in at_line)} are tied where the money runs out: "
            "the money does not fund them all, and the chair has not yet said which comes first."
        )
    sheets = sheets_counted(panel, [p.id for p in members(session)])
    blocks.append(
        f"The ranking rests on {sheets[0]} of {sheets[1]} members' sheets"
        + (", every one in full." if sheets[0] == sheets[1] else ": the rest are not in full yet.")
    )
    return Section("The ranking", 2, blocks, part="ranking")


def _awards(session: Session, panel: Panel, names: dict[str, str]) -> list[Section]:
    out = [
        Section(
            "The decisions and the reasons",
            2,
            [] if panel.awards else ["The panel has not made any decisions yet."],
            part="awards",
        )
    ]
    for application in panel.round.applications:
        award = award_of(panel, application.id)
        if award is None:
            out.append(Section(application_name(application), 3, ["No decision yet."], part="awards"))
            continue
        lines = [
            f"Decision: {decision_words(award.outcome, award.amount_pence, application.amount_pence)}",
            f"Reason: {award.reason}",
        ]
        if award.to_confirm:
            lines.append(f"To confirm: {award.to_confirm}. The panel has not yet confirmed or changed this decision.")
        if award.outcome == "refer to the funder":
            lines.append(
                "Every panel member stepped out of this application, so the panel did not decide it: "
                "it went to the funder, as a recorded exception."
            )
        elif award.departure:
            lines.append(f"This went against the ranking or the pot. {award.departure}")
            lines.append(f"The panel's reason for that: {award.departure_reason or 'no reason given'}")
        elif award.departure_reason:
            lines.append(f"The panel's reason for going against the ranking or the pot: {award.departure_reason}")
        else:
            lines.append("It followed the ranking and the money left when it was made.")
        lines.append(f"Made at {clock_words(award.at, session)}.")
        there = [names.get(p, "someone") for p in award.present]
        lines.append(
            f"Panel members who decided: {', '.join(there)}." if there else "No panel member was marked as there."
        )
        out_of_it = [names.get(p, "someone") for p in award.stepped_out]
        lines.append(
            f"Stepped out of this decision: {', '.join(out_of_it)}."
            if out_of_it
            else "No one stepped out of this decision."
        )
        lines += [earlier_words(earlier) for earlier in award.earlier]
        out.append(Section(application_name(application), 3, [lines], part="awards"))
    return out


def _money(panel: Panel) -> Section:
    awarded = awarded_pence(panel)
    pot = panel.round.pot_pence
    funded = [a for a in panel.awards if a.amount_pence]
    blocks: list[Block] = [
        f"The pot was {pounds(pot)}. The panel awarded {pounds(awarded)} to {plural(len(funded), 'application')}."
    ]
    if awarded <= pot:
        blocks.append(f"{pounds(pot - awarded)} is left.")
        return Section("The money", 2, blocks, part="money")
    over = f"That is {pounds(awarded - pot)} more than the pot"
    # The awards that took the total over the pot say so in their departure (core/panel_views.departure).
    reasons = [
        a
        for a in sorted(funded, key=lambda a: a.at)
        if "over the pot" in a.departure or (a.departure_reason and not a.departure)
    ]
    if len(reasons) == 1:
        blocks.append(
            f"{over}, for the reason the panel gave: {with_stop(reasons[0].departure_reason or 'no reason given')}"
        )
    elif reasons:
        blocks.append(f"{over}, for the reasons the panel gave:")
        blocks.append(
            [
                f"{application_name(panel.application(a.application))}: {a.departure_reason or 'no reason given'}"
                for a in reasons
            ]
        )
    else:
        blocks.append(f"{over}. No award says why: the pot may have changed after the awards were made.")
    return Section("The money", 2, blocks, part="money")


def report_sections(session: Session, source: Path | str | None = None) -> list[Section]:
    """The funder's report, section by section. Raises NoRound (a FileProblem) for a session without a round."""
    panel = round_of(session, source)
    names = labels(session)
    opening: list[Block] = [
        f"This is the report of the commissioning panel for '{session.title}'. It met at {day_and_time(session.started_at)}.",
        "It says how the panel worked, who took part, every score, and the reasons for each decision.",
    ]
    return [
        Section(f"{session.title}: the panel's report", 1, opening, part="opening"),
        _process(session, panel),
        *_levels(panel),
        _attendance(session, panel, names),
        _declarations(session, panel, names),
        *_scores(session, panel, names),
        _moderation(session, panel, names),
        _ranking(session, panel),
        *_awards(session, panel, names),
        _money(panel),
    ]


def markdown_report(session: Session, source: Path | str | None = None) -> str:
    return sections_markdown(report_sections(session, source))


def html_report(session: Session, source: Path | str | None = None) -> str:
    return sections_html(f"{session.title}: the panel's report", report_sections(session, source))
