"""A small commissioning round for tests: the shortlisting plan, a pot, members, staff and applications."""

from collections.abc import Callable

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.model import Session
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import pounds
from tests.conftest import TEN_AM, plan_named

CRITERIA = ["need", "voice", "reach", "delivery", "value"]
MEMBERS = [("Margaret", "older person"), ("Dennis", "older person"), ("Evelyn", "older person"), ("Priya", "volunteer")]
APPLICATIONS = [
    ("Hillside Lunch Club", "Lunch and a chat", 30_000_00),
    ("Riverside Walkers", "Walks for all", 20_000_00),
    ("Oak Street Men's Shed", "Shed sessions", 40_000_00),
    ("Canal Side Singers", "Songs for memory", 15_000_00),
]


def panel_engine(pot_pence: int = 60_000_00, declared: bool = True) -> tuple[SessionEngine, FakeClock]:
    """A round opened with its pot, four members and one staff member here, and four applications; with
    `declared`, each member has said they have no interests (declarations come first; an interest found
    later still counts)."""
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(plan_named("commissioning-shortlisting"), "Healthy ageing fund", clock), clock)
    for name, role in [*MEMBERS, ("Tom", "staff")]:
        engine.add_person(name, role)
    engine.open_round(pot_pence)
    for organisation, project, amount in APPLICATIONS:
        engine.add_application(organisation, project, amount)
    if declared:
        everyone_declares(engine)
    return engine, clock


def the_panel(session: Session) -> Panel:
    """The session's panel, which a test of a round relies on being there."""
    panel = session.panel
    assert panel is not None, "the session has no panel"
    return panel


def everyone_declares(engine: SessionEngine) -> None:
    """Each member who has not declared yet says they have no interests (declarations come first)."""
    panel = engine.session.panel
    assert panel is not None
    for person in engine.session.participants:
        if person.role != "staff" and not panel.declared(person.id):
            engine.declare_no_interests(person.id)


def score_everything(
    engine: SessionEngine, level_of: Callable[[str, str, str], int | None] = lambda member, app, criterion: 3
) -> None:
    """Every member scores every criterion of every application they may score (declaring first, as they must)."""
    everyone_declares(engine)
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


__all__ = [
    "APPLICATIONS",
    "CRITERIA",
    "MEMBERS",
    "decided_round",
    "everyone_declares",
    "panel_engine",
    "pounds",
    "score_everything",
]


# A round taken all the way to its awards, for the panel's outputs (tests/test_panel_export.py).
DECIDED_LEVELS = {"app1": 5, "app2": 4, "app3": 3, "app4": 2, "app5": 2}


def decided_round() -> tuple[SessionEngine, FakeClock]:
    """The four applications of panel_engine and a fifth ("Canal Side Poets", the same £15,000 and scores as
    app4, so the two tie), taken to the awards.

    The pot opens at £50,000 and is raised to £60,000 with a reason. Evelyn (p3) declares a link to app1
    before scoring; Margaret (p1), Dennis (p2) and Priya (p4) say they have none; Priya then declares a
    link to app4 after scoring it, so those scores are withdrawn. Margaret gives "no score" for app2's need, with a
    comment that names Dennis. Harold (p6) was expected but never came, and was not asked to declare.
    After the reveal at 10:40 Dennis changes app2's need from 4 to 5, and the panel agrees every score.
    Awards: app1 in full; app2 declined against the ranking, with the panel's reason; app3 a smaller
    amount (£25,000); app4 declined; app5 not decided yet. £55,000 is awarded and £5,000 is left.
    """
    engine, clock = panel_engine(pot_pence=50_000_00, declared=False)
    engine.add_application("Canal Side Poets", "Poems for memory", 15_000_00)
    clock.advance(minutes=5)
    engine.change_pot(60_000_00, "The council added £10,000")
    engine.declare_interest("p3", "app1", "I am a member of the lunch club")
    engine.declare_no_interests("p1")
    engine.declare_no_interests("p2")
    clock.advance(minutes=5)
    score_everything(engine, lambda member, app, criterion: DECIDED_LEVELS[app])
    engine.enter_score("p1", "app2", "need", None, comment="Dennis knows this group better than I do")
    engine.enter_score("p2", "app3", "voice", 2, comment="Not much about the members planning it")
    engine.add_person("Harold", "older person", arrived=False)
    clock.advance(minutes=20)
    engine.declare_interest("p4", "app4", "My sister runs the choir")
    clock.advance(minutes=10)
    engine.reveal_scores()  # 10:40
    clock.advance(minutes=5)
    engine.change_score("p2", "app2", "need", 5, "The letters of support are strong")
    clock.advance(minutes=10)
    for application, level in DECIDED_LEVELS.items():
        for criterion in CRITERIA:
            engine.agree_score(application, criterion, level, f"We agreed {level} after talking it through")
    clock.advance(minutes=10)
    engine.make_award("app1", "fund in full", "A clear need, led by its members.")
    engine.make_award("app2", "decline", "Not this time.", departure_reason="The walks already have council money.")
    engine.make_award("app3", "fund a smaller amount", "A good plan; we fund the first year.", amount_pence=25_000_00)
    engine.make_award("app4", "decline", "The money left would not cover it.")
    return engine, clock
