"""A small commissioning round for tests: the shortlisting plan, a pot, members, staff and applications."""

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.model.round import pounds
from workshop_tui.store.plan_library import find_plan

from tests.conftest import TEN_AM

CRITERIA = ["need", "voice", "reach", "delivery", "value"]
MEMBERS = [("Margaret", "older person"), ("Dennis", "older person"), ("Evelyn", "older person"), ("Priya", "volunteer")]
APPLICATIONS = [
    ("Hillside Lunch Club", "Lunch and a chat", 30_000_00),
    ("Riverside Walkers", "Walks for all", 20_000_00),
    ("Oak Street Men's Shed", "Shed sessions", 40_000_00),
    ("Canal Side Singers", "Songs for memory", 15_000_00),
]


def panel_engine(pot_pence: int = 60_000_00) -> tuple[SessionEngine, FakeClock]:
    """A round opened with its pot, four members and one staff member here, and four applications."""
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(find_plan("commissioning-shortlisting").plan, "Healthy ageing fund", clock), clock)
    for name, role in [*MEMBERS, ("Tom", "staff")]:
        engine.add_person(name, role)
    engine.open_round(pot_pence)
    for organisation, project, amount in APPLICATIONS:
        engine.add_application(organisation, project, amount)
    return engine, clock


def score_everything(engine: SessionEngine, level_of=lambda member, app, criterion: 3) -> None:
    """Every member scores every criterion of every application they may score."""
    panel = engine.session.panel
    assert panel is not None
    for person in engine.session.participants:
        if person.role == "staff":
            continue
        for application in panel.round.applications:
            if panel.has_interest(person.id, application.id):
                continue
            for criterion in CRITERIA:
                engine.enter_score(person.id, application.id, criterion, level_of(person.id, application.id, criterion))


__all__ = ["APPLICATIONS", "CRITERIA", "MEMBERS", "panel_engine", "pounds", "score_everything"]
