"""The minutes of a session as plain parts (headings, paragraphs, lists, tables).

Markdown and HTML draw the same parts, so both say the same thing.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from workshop_tui.core.dates import say_date
from workshop_tui.core.decision_methods import method_explained
from workshop_tui.core.decision_tally import tally
from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.review import planned_in_words, step_verdict, time_in_all, used_in_words
from workshop_tui.core.roles import CALLED
from workshop_tui.core.step_times import session_time, step_stories
from workshop_tui.core.wording import names_and, plural
from workshop_tui.export.panel_facts import (
    all_changes,
    clock_words,
    earlier_words,
    level_words,
    money_words,
    opened,
    pot_changes,
    who_did,
    with_stop,
)
from workshop_tui.model import Action, Session
from workshop_tui.model.note import NOTE_KIND_WORDS
from workshop_tui.model.participant import person_labels
from workshop_tui.model.round import pounds


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


Block = str | list[str] | Table


@dataclass
class Section:
    heading: str
    level: int
    blocks: list[Block] = field(default_factory=list)
    # Which part of the minutes this is, whatever its heading says (a step may be called "Actions").
    part: str = ""


def window_words(window: str) -> str:
    """ "note-taker: Bob" -> "the note-taker's window (Bob)": which window a record was typed in."""
    role, _, name = window.partition(": ")
    return f"the {CALLED.get(role, role)}'s window" + (f" ({name})" if name else "")


def action_state(action: Action, session: Session, later: Sequence[Session] = ()) -> str:
    """What happened to an action, in words: done or open here, and what became of it in the
    sessions that carried it over (`later`, such as part 2)."""
    if action.done_at is not None:
        return f"done in this session at {action.done_at:%H:%M}" if action.carried_from else "done"
    state = "open"
    for follower in later:
        for carried in follower.actions:
            if carried.carried_from != action.id:
                continue
            where = f"'{follower.title}' ({say_date(follower.started_at.date())})"
            if carried.done_at is not None:
                state += f"; carried over to {where} and done there"
            else:
                state += f"; carried over to {where}, still open there"
    return state


def panel_work(session: Session, labels: dict[str, str]) -> Section:
    """ "The panel's work": when the round opened, the scores, the reveal, each changed score and each award.

    Each line that happened at a time starts with it: "10:42 Hillside Lunch Club: fund in full, £96,000."
    People are called as in the rest of the minutes (`labels`). Its part is "decisions", so the review's
    Decisions tab shows it with the meeting's decisions."""
    panel = session.panel
    if panel is None:
        return Section("The panel's work", 2, ["No round was opened."], part="decisions")
    lines: list[str] = []
    at, pot = opened(session)
    if at is not None:
        lines.append(
            f"{clock_words(at, session)} The round opened with a pot of "
            f"{pounds(pot if pot is not None else panel.round.pot_pence)}."
        )
    for pot_change in pot_changes(session):
        lines.append(
            f"{clock_words(pot_change.at, session)} The pot changed from {pounds(pot_change.before)} "
            f"to {pounds(pot_change.after)}." + (f" The reason: {pot_change.reason}" if pot_change.reason else "")
        )
    no_score = sum(1 for s in panel.scores if s.level is None)
    entered = f"Panel members entered {plural(len(panel.scores), 'score')} for {plural(len(panel.round.applications), 'application')}"
    lines.append(entered + (f', {no_score} of them "no score".' if no_score else "."))
    withdrawn = sum(1 for s in panel.scores if s.withdrawn_at is not None)
    if withdrawn:
        lines.append(
            f"{plural(withdrawn, 'score')} {'was' if withdrawn == 1 else 'were'} set aside after a late declaration of interest."
        )
    if panel.revealed_at is not None:
        lines.append(
            f"{clock_words(panel.revealed_at, session)} {who_did(session, Kind.SCORES_REVEAL)} revealed the scores."
        )
    else:
        lines.append("The chair has not revealed the scores yet.")
    for change in all_changes(panel):
        what = f"{panel.application(change.score.application).organisation}: '{panel.criterion(change.score.criterion).name}'"
        lines.append(
            f"{clock_words(change.at, session)} {labels.get(change.score.member, 'someone')} changed a score for {what}, "
            f"from {level_words(change.before)} to {level_words(change.after)}. The reason: {change.reason or 'none given'}"
        )
    if panel.agreed:
        lines.append(f"The panel agreed {plural(len(panel.agreed), 'score')}.")
    for award in sorted(panel.awards, key=lambda a: a.at):
        application = panel.application(award.application)
        money = money_words(award.outcome, award.amount_pence, application.amount_pence)
        line = (
            f"{clock_words(award.at, session)} {application.organisation}: {award.outcome}"
            + (f", {money}." if money else ".")
            + f" The reason: {with_stop(award.reason)}"
        )
        lines.append(" ".join([line, *(earlier_words(earlier) for earlier in award.earlier)]))
    awarded = sum(a.amount_pence for a in panel.awards)
    total = f"Awarded {pounds(awarded)} in all, of a pot of {pounds(panel.round.pot_pence)}."
    if awarded > panel.round.pot_pence:
        total += f" That is {pounds(awarded - panel.round.pot_pence)} more than the pot."
    lines.append(total)
    return Section("The panel's work", 2, [lines], part="decisions")


def outcome_words(outcome: str, statement: str) -> str:
    """'Outcome: agreed. We meet monthly.'; a statement that already says the outcome is said once
    ('Outcome: Agreed - everyone can live with it', never 'Outcome: agreed. Agreed - ...')."""
    if not statement:
        return f"Outcome: {outcome}"
    if statement.casefold().startswith(outcome.casefold()):
        return f"Outcome: {statement}"
    return f"Outcome: {outcome}. {statement}"


def minutes_sections(session: Session, later: Sequence[Session] = (), who_typed: bool = False) -> list[Section]:
    """The minutes of the meeting, section by section. `later` are the sessions that follow on from
    this one (part 2): the minutes say what became of each action there. With `who_typed` (the
    trainer's review), each line says which window it was typed in; the group's minutes say once, at
    the top, that several windows wrote them."""
    titles = {step.id: step.title for step in session.steps}
    started = session.started_at
    when = f"{started:%A} {started.day} {started:%B %Y}, from {started:%H:%M} to {session.last_moment:%H:%M}"
    if session.status != "finished":
        when += " so far"
    opening: list[Block] = [f"A session of '{session.plan.title}' on {when}."]
    people = [
        f"Facilitator: {session.facilitator}" if session.facilitator else "",
        f"Note-taker: {session.note_taker}" if session.note_taker else "",
    ]
    if any(people):
        opening.append(". ".join(p for p in people if p) + ".")
    if session.status != "finished":
        opening.append(f"This session is {session.status}: these minutes are not final.")
    sections = [Section(session.title, 1, opening, part="opening")]

    if session.follows is not None:
        earlier = session.follows
        opening.append(
            f"This session follows on from '{earlier.title}' on {say_date(earlier.started_at.date())}. "
            "Its people and open actions were carried over."
        )
    sections = [Section(session.title, 1, opening, part="opening")]

    labels = person_labels(session.participants, panel=session.panel is not None)
    by_role: dict[str, list[str]] = {}
    for person in session.participants:
        if person.arrived_at is not None:
            by_role.setdefault(person.role, []).append(labels[person.id])
    attendance = [[role.capitalize(), str(len(people)), ", ".join(people)] for role, people in by_role.items()]
    there: list[Block] = (
        [Table(["Role", "Number", "Names"], attendance)] if attendance else ["No one was recorded as there."]
    )
    away = [labels[person.id] for person in session.participants if person.arrived_at is None]
    if away:
        there.append(f"Expected but not there: {', '.join(away)}.")
    early = [
        f"{labels[p.id]} ({p.left_at:%H:%M})"
        for p in session.participants
        if p.arrived_at is not None and p.left_at is not None
    ]
    if early:
        there.append(f"Left before the end: {', '.join(early)}.")
    sections.append(Section("Who was there", 2, there, part="people"))

    stories = step_stories(session)
    finished = session.status == "finished"
    agenda_rows = [
        [s.title, planned_in_words(s.time), used_in_words(s.time), step_verdict(s.time, finished, s.ended_on)]
        for s in stories
    ]
    total = time_in_all(session_time(session, [s.time for s in stories]))
    sections.append(
        Section(
            "The agenda", 2, [Table(["Step", "Planned", "Actual", "What happened"], agenda_rows), total], part="agenda"
        )
    )

    # Several windows wrote this session (the facilitator's, the note-taker's): the review says which each
    # record came from; the group's minutes say it once, here, and keep their lines for what was said.
    windows = (
        {n.window for n in session.notes} | {d.window for d in session.decisions} | {a.window for a in session.actions}
    )
    windows.discard("")
    shown_from = len(windows) > 1 and who_typed
    if len(windows) > 1 and not who_typed:
        opening.append(
            f"These minutes were typed in {names_and([window_words(w) for w in sorted(windows)])}. "
            "The trainer's review and the data exports say which line came from which."
        )

    def came_from(window: str) -> str:
        return f" - typed in {window_words(window)}" if shown_from and window else ""

    acted_on = {a.from_note for a in session.actions if a.from_note}  # parking-lot points that became actions
    sections.append(Section("What was said", 2, [], part="notes"))
    for step in session.steps:
        notes = [n for n in session.notes if n.step == step.id and n.removed_at is None]
        if not notes:
            continue
        lines = [
            f"{NOTE_KIND_WORDS[n.kind].capitalize()}: {n.text}"
            + (f" ({names_and([labels.get(p, 'someone') for p in n.speakers])})" if n.speakers else "")
            + (" - dealt with" if n.dealt_with_at else "")
            + (" - became an action" if n.id in acted_on else "")
            + came_from(n.window)
            for n in notes
        ]
        sections.append(Section(step.title, 3, [lines], part="notes"))

    sections.append(
        Section("Decisions", 2, [] if session.decisions else ["No decisions were recorded."], part="decisions")
    )
    explained: set[str] = set()
    for decision in session.decisions:
        # The record only: the counts and what does not add up, never the coaching for the facilitator.
        result = tally(decision, session.plan.quorum)
        lines = [
            outcome_words(decision.outcome, decision.statement),
            f"How: {decision.method}. {result.summary}",
        ]
        if decision.method not in explained and method_explained(decision.method):
            explained.add(decision.method)
            lines.append(method_explained(decision.method))  # the first time each way of deciding appears
        lines.append(f"During: {titles.get(decision.step, '')} at {decision.at:%H:%M}" + came_from(decision.window))
        if decision.reasons:
            lines.append(f"Reasons: {decision.reasons}")
        if decision.dissent:
            who = labels.get(decision.dissent_by, "someone") if decision.dissent_by else "anonymous"
            lines.append(f"Dissent or concern ({who}): {decision.dissent}")
        lines += result.facts
        sections.append(Section(decision.question, 3, [lines], part="decisions"))

    if session.panel is not None:
        sections.append(panel_work(session, labels))

    header = ["What", "Who", "By when", "State"] + (["Typed in"] if shown_from else [])

    def rows(actions: list[Action]) -> list[list[str]]:
        return [
            [a.text, a.owner or "-", f"{a.due:%d %B %Y}" if a.due else "-", action_state(a, session, later)]
            + ([window_words(a.window) if a.window else "-"] if shown_from else [])
            for a in actions
        ]

    carried = [a for a in session.actions if a.carried_from]
    own = [a for a in session.actions if not a.carried_from]
    if session.follows is not None:
        heading = f"Actions carried over from '{session.follows.title}'"
        blocks: list[Block] = [Table(header, rows(carried))] if carried else ["No open actions were carried over."]
        sections.append(Section(heading, 2, blocks, part="actions"))
    sections.append(
        Section("Actions", 2, [Table(header, rows(own))] if own else ["No actions were recorded."], part="actions")
    )
    return sections
