"""The example round in sessions/ is a whole, believable round: the numbers it claims are the numbers it has."""

import re
from collections import Counter
from pathlib import Path

import pytest

from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.panel_events import find_agreed, find_score
from workshop_tui.core.panel_views import awarded_pence, members, non_scoring
from workshop_tui.model import Session
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import pounds
from workshop_tui.store.session_file import load_session
from tests.example_sessions import POT_PENCE

SHIPPED = (
    Path(__file__).resolve().parent.parent / "sessions" / "2026-09-16-1000-shortlisting-panel-healthy-ageing-fund.toml"
)

FUNDED = ("fund in full", "fund a smaller amount")


@pytest.fixture(scope="module")
def session() -> Session:
    """The file as shipped (test_example_sessions.py checks it is what the engine makes)."""
    return load_session(SHIPPED)


def test_the_round_has_its_pot_19_applications_8_members_and_2_staff(session: Session) -> None:
    panel = session.panel
    assert panel is not None
    assert panel.round.pot_pence == POT_PENCE == 1_700_000_00
    assert len(panel.round.applications) == 19
    amounts = [a.amount_pence for a in panel.round.applications]
    assert min(amounts) >= 15_000_00 and max(amounts) <= 250_000_00 and len(set(amounts)) == 19
    assert all(a.area and a.summary and a.link.startswith("applications/") for a in panel.round.applications)
    assert len(members(session)) == 8
    assert [p.role for p in non_scoring(session)] == ["staff", "staff"]


def test_every_member_declares_and_two_declare_an_interest(session: Session) -> None:
    panel = session.panel
    assert panel is not None
    assert all(panel.declared(p.id) for p in members(session))
    interests = [d for d in panel.declarations if d.application]
    assert len(interests) == 2 and len({d.member for d in interests}) == 2
    assert len(panel.declarations) == 8


def test_every_member_scores_everything_they_may_and_the_scores_vary(session: Session) -> None:
    panel = session.panel
    assert panel is not None
    for person in members(session):
        for application in panel.round.applications:
            for criterion in panel.round.criteria:
                score = find_score(panel, person.id, application.id, criterion.id)
                assert (score is None) == panel.has_interest(person.id, application.id)
    assert len(panel.scores) == 8 * 19 * 5 - 2 * 5
    levels = Counter(s.level for s in panel.scores)
    assert levels[None] == 2 and all(s.comment for s in panel.scores if s.level is None)
    assert levels[3] + levels[4] > len(panel.scores) / 2 and {1, 2, 5} <= set(levels)


def test_the_chair_reveals_and_exactly_three_members_change_a_score_with_a_reason(session: Session) -> None:
    panel = session.panel
    assert panel is not None
    assert panel.revealed_at is not None
    changed = [s for s in panel.scores if s.earlier]
    assert len(changed) == 3 and len({s.member for s in changed}) == 3
    assert all(s.reason and s.changed_at is not None and s.changed_at > panel.revealed_at for s in changed)


def _first_levels(panel: Panel, application: str, criterion: str) -> list[int]:
    """The members' scores as first entered, before any change in moderation."""
    found = []
    for s in panel.scores:
        if (s.application, s.criterion) == (application, criterion) and s.withdrawn_at is None:
            level = s.earlier[0].level if s.earlier else s.level
            if level is not None:
                found.append(level)
    return found


def test_every_application_has_agreed_scores_with_reasons_where_members_differed_by_two_or_more(
    session: Session,
) -> None:
    panel = session.panel
    assert panel is not None
    reasons = 0
    for application in panel.round.applications:
        for criterion in panel.round.criteria:
            agreed = find_agreed(panel, application.id, criterion.id)
            assert agreed is not None
            first = _first_levels(panel, application.id, criterion.id)
            if max(first) - min(first) >= 2:
                assert agreed.reason, (application.organisation, criterion.id)
                reasons += 1
    assert reasons >= 5


def test_eleven_are_funded_within_the_pot_and_the_rest_deferred_or_declined_with_reasons(session: Session) -> None:
    panel = session.panel
    assert panel is not None
    assert len(panel.awards) == 19 and {a.application for a in panel.awards} == {a.id for a in panel.round.applications}
    funded = [a for a in panel.awards if a.outcome in FUNDED]
    assert len(funded) == 11 and all(a.amount_pence > 0 for a in funded)
    assert any(a.outcome == "fund a smaller amount" for a in funded)
    assert awarded_pence(panel) <= panel.round.pot_pence
    assert pounds(awarded_pence(panel)) in session.decisions[0].statement
    assert all(a.outcome in ("defer", "decline") and a.amount_pence == 0 for a in panel.awards if a not in funded)
    assert all(a.reason for a in panel.awards)
    # The one decision that goes against the ranking says why.
    departures = [a for a in panel.awards if a.departure]
    assert len(departures) == 1 and departures[0].departure_reason
    # A member with an interest stepped out of that decision, and is recorded so.
    for declaration in (d for d in panel.declarations if d.application):
        [award] = [a for a in panel.awards if a.application == declaration.application]
        assert award.stepped_out == [declaration.member] and declaration.member not in award.present


def _step_of_each_event(session: Session) -> list[tuple[str, str]]:
    titles = {step.id: step.title for step in session.steps}
    step, out = session.steps[0].id, []
    for event in session.events:
        if event.kind in (Kind.STEP_NEXT, Kind.STEP_PREVIOUS):
            step = str(event.details["to"])
        out.append((event.kind, titles[step]))
    return out


def test_the_round_follows_the_plans_agenda_step_by_step(session: Session) -> None:
    assert session.status == "finished"
    assert all(step.elapsed_seconds > 0 for step in session.steps)
    steps_of: dict[str, set[str]] = {}
    for kind, title in _step_of_each_event(session):
        steps_of.setdefault(kind, set()).add(title)
    assert steps_of[Kind.ROUND_OPEN] == steps_of[Kind.APPLICATION_ADD] == {"Welcome and housekeeping"}
    assert steps_of[Kind.DECLARATION_ADD] == {"Declarations of interest"}
    assert steps_of[Kind.SCORE_ENTER] == steps_of[Kind.SCORES_REVEAL] == {"Individual scores side by side"}
    assert steps_of[Kind.SCORE_CHANGE] == steps_of[Kind.SCORE_AGREE] == {"Moderation"}
    assert steps_of[Kind.AWARD_MAKE] == {"Ranking against the budget", "Recording reasons"}
    assert len(session.notes) >= 10 and len(session.actions) >= 2


def test_the_words_a_new_user_reads_are_short_plain_sentences(session: Session) -> None:
    panel = session.panel
    assert panel is not None
    words = [a.reason for a in panel.awards] + [a.departure_reason for a in panel.awards if a.departure_reason]
    words += [a.reason for a in panel.agreed if a.reason] + [s.reason for s in panel.scores if s.reason]
    words += [s.comment for s in panel.scores if s.comment] + [d.interest for d in panel.declarations if d.interest]
    words += [n.text for n in session.notes] + [a.summary for a in panel.round.applications]
    for text in words:
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            assert len(sentence.split()) <= 25, sentence
